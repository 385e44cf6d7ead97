import react from "@vitejs/plugin-react";
import { playwright } from "@vitest/browser-playwright";
import { defineProject } from "vitest/config";
import type { BrowserCommand } from "vitest/node";
import { chromiumLaunchOptions, sourceAliases } from "../../vitest.shared.ts";

/** Takes the whole browser context off the network, or back on: what a flapping Wi-Fi does to a tab. */
const setOffline: BrowserCommand<[offline: boolean]> = async ({ context }, offline) => {
  await context.setOffline(offline);
};
const goOfflineFor: BrowserCommand<[ms: number]> = async ({ context }, ms) => {
  await context.setOffline(true);
  await new Promise((resolve) => setTimeout(resolve, ms));
  await context.setOffline(false);
};

/**
 * The fault matrix and the hostile inputs, rendered: a connected `<SessionCard sessionId>` in Chromium,
 * fetching from this project's `@trymaven/mock` loopback server (see global-setup.ts).
 */
export default defineProject({
  plugins: [react()],
  resolve: { alias: sourceAliases },
  // Every dependency up front: a second optimisation mid-run would load a second copy of React.
  optimizeDeps: {
    include: [
      "react",
      "react/jsx-dev-runtime",
      "react-dom",
      "react-dom/client",
      "@tanstack/react-query",
      "@testing-library/react",
      "zod/mini",
    ],
  },
  test: {
    name: "faults-browser",
    include: ["**/*.test.{ts,tsx}"],
    root: import.meta.dirname,
    globalSetup: ["./global-setup.ts"],
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: chromiumLaunchOptions }),
      instances: [{ browser: "chromium" }],
      commands: { setOffline, goOfflineFor },
      viewport: { width: 1024, height: 768 },
      // The tests run concurrently in one page, where screenshots cannot be taken; and no artefacts in test/.
      screenshotFailures: false,
    },
    testTimeout: 15_000,
    // One file at a time: the files share one browser context, which the offline test takes off the network.
    fileParallelism: false,
  },
});
