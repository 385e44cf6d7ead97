import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    name: "mock",
    environment: "node",
    include: ["test/**/*.test.ts"],
    restoreMocks: true,
    unstubGlobals: true,
  },
});
