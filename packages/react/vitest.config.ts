import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared";

export default defineProject({
  resolve: { alias: sourceAliases },
  test: {
    name: "react",
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
    env: { EXPECTED_REACT_MAJOR: "19" },
    restoreMocks: true,
    unstubGlobals: true,
  },
});
