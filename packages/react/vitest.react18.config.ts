import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";
import { sourceAliases } from "../../vitest.shared";

/**
 * The same tests against React 18, installed at the root as `react-18` and
 * `react-dom-18`. Every import of react and react-dom, subpaths included
 * (react/jsx-runtime, react-dom/client, react-dom/server, react-dom/test-utils),
 * goes to the 18 copies: in code Vite transforms through these aliases (our
 * source, the tests, and react-query, which is ESM and so is inlined for the
 * aliases to reach its imports), and in CommonJS that Node loads itself
 * (Testing Library, react-dom) through test/setup-react18.ts.
 * test/react-version.test.tsx checks that all of it took.
 */
const root = (name: string) => fileURLToPath(new URL(`../../node_modules/${name}`, import.meta.url));

export default defineProject({
  resolve: {
    alias: [
      { find: /^react$/, replacement: root("react-18") },
      { find: /^react\/(.*)$/, replacement: `${root("react-18")}/$1` },
      { find: /^react-dom$/, replacement: root("react-dom-18") },
      { find: /^react-dom\/(.*)$/, replacement: `${root("react-dom-18")}/$1` },
      ...sourceAliases,
    ],
  },
  test: {
    name: "react18",
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}"],
    setupFiles: ["test/setup-react18.ts"],
    env: { EXPECTED_REACT_MAJOR: "18" },
    server: { deps: { inline: [/@tanstack\/react-query/] } },
    restoreMocks: true,
    unstubGlobals: true,
  },
});
