import { fileURLToPath } from "node:url";
import { STORYBOOK_TEST_INITIAL_GLOBALS_PROVIDE_KEY } from "@storybook/addon-vitest/constants";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { playwright } from "@vitest/browser-playwright";
import { defineProject } from "vitest/config";
import { chromiumLaunchOptions } from "../../vitest.shared.ts";

/**
 * Every story is a test: it renders in Chromium, its play function runs, and
 * addon-a11y's axe check fails it on any violation (`parameters.a11y.test: "error"`).
 * The stories, aliases and msw worker come from .storybook/main.ts.
 *
 * Every story runs twice, as two browser instances of this project:
 * - `storybook-light`: the toolbar's defaults (light, en-US);
 * - `storybook-dark-rtl`: the Dark theme and the ar-EG locale (right to left,
 *   Arabic digits), the other end of both toolbars. Dark catches contrast that
 *   only fails there: a story that sets some `--mvn-*` colours but not their dark
 *   values, a caption coloured for the wrong theme.
 * The second instance sets its toolbar globals through what
 * `storybookTest({ initialGlobals })` provides, per instance so that both share
 * this file and its plugin; a story's own `globals` still win. One extra
 * instance, not one per global: each is another Chromium on the CI's two cores.
 * Both also run keyboard.test.tsx: real Tab presses through a few stories, in
 * their theme and direction.
 *
 * `storybook-forced-colors` runs forced-colors.test.tsx alone, in a browser context
 * with `forcedColors: "active"` (Windows High Contrast): a few stories, checked for
 * what that mode drops, rather than every story a third time (some 35 s more).
 * `--project storybook` runs all three; `--project storybook-dark-rtl` that one alone.
 */
/**
 * The stories, as the plugin includes them from .storybook/main.ts: an instance that names its own
 * `include` replaces the plugin's list, so these name the stories again.
 */
const STORIES = "stories/**/*.stories.@(ts|tsx)";
const KEYBOARD = "test/storybook/keyboard.test.tsx";

export default defineProject({
  plugins: [storybookTest({ configDir: fileURLToPath(new URL("../../.storybook", import.meta.url)) })],
  // composeStories, for the focused test files: found mid-run, it would be optimised then, and reload the page.
  optimizeDeps: { include: ["@storybook/react-vite"] },
  test: {
    name: "storybook",
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: chromiumLaunchOptions }),
      instances: [
        { browser: "chromium", name: "storybook-light", include: [STORIES, KEYBOARD] },
        {
          browser: "chromium",
          name: "storybook-dark-rtl",
          include: [STORIES, KEYBOARD],
          provide: { [STORYBOOK_TEST_INITIAL_GLOBALS_PROVIDE_KEY]: { theme: "dark", locale: "ar-EG" } },
        },
        {
          browser: "chromium",
          name: "storybook-forced-colors",
          include: ["test/storybook/forced-colors.test.tsx"],
          provider: playwright({ launchOptions: chromiumLaunchOptions, contextOptions: { forcedColors: "active" } }),
        },
      ],
    },
    // The live stories play a session's whole life (a few seconds) before they assert.
    testTimeout: 20_000,
  },
});
