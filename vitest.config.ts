import { defineConfig } from "vitest/config";

// Every package owns its test projects; this file only lists them and sets the reporters.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      // @trymaven/react again, against React 18
      "packages/react/vitest.react18.config.ts",
      "test/*/vitest.config.ts",
      // examples/redis-session-store, against a real redis-server
      "examples/*/vitest.config.ts",
    ],
    reporters: ["default", "./test/tally-reporter.ts"],
  },
});
