import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const exampleDir = fileURLToPath(new URL("../../examples/next-app/", import.meta.url));
/** The Next.js CLI itself, started with this Node binary: no `pnpm exec` wrapper whose children would outlive it. */
export const nextBin = fileURLToPath(
  new URL("../../examples/next-app/node_modules/next/dist/bin/next", import.meta.url),
);
