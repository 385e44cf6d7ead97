import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { MOCK_API_KEY } from "@trymaven/mock";
import { exampleDir, nextBin, repoRoot } from "./paths.ts";

const PACKAGES = ["core", "react", "mock"];
const APP_INPUTS = ["app", "lib", "next.config.ts", "package.json", "tsconfig.json"];

/** Newest modification time under a file or folder (skipping node_modules and .next), in ms. */
function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === "node_modules" || entry === ".next") continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

/**
 * Builds the example unless `.next` is newer than everything it is built from:
 * its own sources and the packages' dist (the app consumes the built packages,
 * like a user's app). `pnpm test` builds it beforehand, so this is usually a no-op.
 */
export default function setup(): void {
  for (const name of PACKAGES) {
    if (!existsSync(join(repoRoot, "packages", name, "dist", "index.js"))) {
      throw new Error(`packages/${name}/dist is missing: run \`pnpm build\` before the next-app tests.`);
    }
  }
  const buildId = join(exampleDir, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const inputsAt = Math.max(
    ...APP_INPUTS.map((input) => newestMtime(join(exampleDir, input))),
    ...PACKAGES.map((name) => newestMtime(join(repoRoot, "packages", name, "dist"))),
  );
  if (builtAt > inputsAt) return;

  const started = performance.now();
  const result = spawnSync(process.execPath, [nextBin, "build"], {
    cwd: exampleDir,
    encoding: "utf8",
    timeout: 240_000,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      // Present at build time on purpose: the scan of .next/static then also
      // proves nothing inlined the key into the client bundle. The base URL is a
      // closed loopback port, so any build-time call to Maven fails at once.
      MAVEN_API_KEY: MOCK_API_KEY,
      MAVEN_BASE_URL: "http://127.0.0.1:9",
    },
  });
  if (result.status !== 0) {
    throw new Error(
      `next build failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`.slice(-8_000),
    );
  }
  console.log(`[next-app] next build took ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
