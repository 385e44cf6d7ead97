import { defineProject } from "vitest/config";

/**
 * End to end: the example Next.js app, built with `next build` and run with
 * `next start`, against the built packages (no source aliases here), driven by
 * Debian's Chromium. The global setup builds the app when its build is missing
 * or older than its sources or the packages' dist; `pnpm build` must have run.
 */
export default defineProject({
  test: {
    name: "next-app",
    environment: "node",
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    // One app, one browser: the tests in the file share them and run in order.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
