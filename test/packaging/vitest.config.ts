import { defineProject } from "vitest/config";

/**
 * Tests against the BUILT packages, resolved through their package.json
 * `exports` exactly as users' tools resolve them (no source aliases here).
 * Run `pnpm build` first; the root `pnpm test` does.
 */
export default defineProject({
  test: {
    name: "packaging",
    environment: "node",
    include: ["**/*.test.ts"],
    root: import.meta.dirname,
  },
});
