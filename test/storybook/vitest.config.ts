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
 * `--project storybook` runs both; `--project storybook-dark-rtl` that one alone.
 */
export default defineProject({
  plugins: [storybookTest({ configDir: fileURLToPath(new URL("../../.storybook", import.meta.url)) })],
  test: {
    name: "storybook",
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: chromiumLaunchOptions }),
      instances: [
        { browser: "chromium", name: "storybook-light" },
        {
          browser: "chromium",
          name: "storybook-dark-rtl",
          provide: { [STORYBOOK_TEST_INITIAL_GLOBALS_PROVIDE_KEY]: { theme: "dark", locale: "ar-EG" } },
        },
      ],
    },
    // The live stories play a session's whole life (a few seconds) before they assert.
    testTimeout: 20_000,
  },
});
