import { defineConfig } from "vitest/config";

// Every package owns its test project; this file only lists them.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts"],
  },
});
