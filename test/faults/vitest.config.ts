import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared.ts";

/**
 * The fault matrix and the hostile inputs in Node: the real client and the real proxy
 * (`createSessionHandler`) against `@trymaven/mock`'s loopback server, which global-setup.ts starts on
 * 127.0.0.1 and stops at the end. The browser half is test/faults-browser.
 */
export default defineProject({
  resolve: { alias: sourceAliases },
  test: {
    name: "faults",
    environment: "node",
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    globalSetup: ["./global-setup.ts"],
    testTimeout: 15_000,
  },
});
