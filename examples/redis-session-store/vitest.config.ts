import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared.ts";

/** Against a real redis-server each test file starts on a free loopback port (Debian's `redis-server`). */
export default defineProject({
  resolve: { alias: sourceAliases },
  test: {
    name: "redis-session-store",
    environment: "node",
    include: ["test/**/*.test.ts"],
  },
});
