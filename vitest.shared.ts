import { fileURLToPath } from "node:url";
import chromiumArgs from "./scripts/chromium-args.json" with { type: "json" };

const src = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

/**
 * Tests run against each package's source. The packaging tests (test/packaging)
 * and the end-to-end tests use the built output instead.
 * Order matters: the more specific subpaths come first.
 */
export const sourceAliases = [
  { find: /^@trymaven\/core\/server$/, replacement: src("core/src/server/index.ts") },
  { find: /^@trymaven\/core$/, replacement: src("core/src/index.ts") },
  { find: /^@trymaven\/mock\/server$/, replacement: src("mock/src/server.ts") },
  { find: /^@trymaven\/mock$/, replacement: src("mock/src/index.ts") },
  { find: /^@trymaven\/react$/, replacement: src("react/src/index.ts") },
];

/** Debian's Chromium, with the flags this sandbox needs (no background network, no sandbox as root). */
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: chromiumArgs,
};
