import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared.ts";

/**
 * The benchmark's deterministic counts (bench/), asserted: requests and renders
 * of N viewers against the naive hook (jsdom, fake timers), and upstream calls
 * of createSessionHandler against a naive proxy (simulated clock). Against the
 * sources, like the packages' own tests; `pnpm bench` measures the built ones
 * and prints timings, which are never asserted here.
 */
export default defineProject({
  resolve: { alias: sourceAliases },
  test: {
    name: "bench",
    root: import.meta.dirname,
    include: ["**/*.test.{ts,tsx}"],
    environment: "node",
    // 100 cards re-rendering on every poll in jsdom take a few seconds.
    testTimeout: 60_000,
    restoreMocks: true,
    unstubGlobals: true,
  },
});
