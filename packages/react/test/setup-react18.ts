/**
 * Setup for the react18 project: in this project `react` and `react-dom` mean
 * React 18 everywhere, including in CommonJS packages that Node loads itself,
 * out of reach of Vite's aliases:
 * - Testing Library ships CommonJS only and requires react, react-dom and
 *   react-dom/client;
 * - pnpm links the root's `react-dom-18` alias (npm:react-dom@18.3.1) with the
 *   root's React 19 as its peer (pnpm-lock.yaml: `react-dom@18.3.1(react@19.3.1)`),
 *   so its own `require("react")` would load React 19.
 * So every CommonJS `require` of react, react-dom or a subpath of them is
 * resolved to the 18 copies here, before anything loads them.
 */
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";

const require = createRequire(import.meta.url);
const targets: Record<string, string> = {
  react: dirname(require.resolve("react-18/package.json")),
  "react-dom": dirname(require.resolve("react-dom-18/package.json")),
};

type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request, ...rest) {
  const match = /^(react|react-dom)(\/.*)?$/.exec(request);
  const target = match?.[1] ? `${targets[match[1]]}${match[2] ?? ""}` : request;
  return resolve.call(this, target, ...rest);
};
