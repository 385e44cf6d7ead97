import { fileURLToPath } from "node:url";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { playwright } from "@vitest/browser-playwright";
import { defineProject } from "vitest/config";
import { chromiumLaunchOptions } from "../../vitest.shared.ts";

/**
 * Every story is a test: it renders in Chromium, its play function runs, and
 * addon-a11y's axe check fails it on any violation (`parameters.a11y.test: "error"`).
 * The stories, aliases and msw worker come from .storybook/main.ts.
 */
export default defineProject({
  plugins: [storybookTest({ configDir: fileURLToPath(new URL("../../.storybook", import.meta.url)) })],
  test: {
    name: "storybook",
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: chromiumLaunchOptions }),
      instances: [{ browser: "chromium" }],
    },
    // The live stories play a session's whole life (a few seconds) before they assert.
    testTimeout: 20_000,
  },
});
