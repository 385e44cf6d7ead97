import { defineConfig } from "tsdown";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    "server/index": "src/server/index.ts",
    "server/browser": "src/server/browser.ts",
  },
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // Declaration maps, with `src` published: Go to Definition in an editor opens our TypeScript source, JSDoc and all.
  dts: { sourcemap: true },
  clean: true,
  sourcemap: true,
  // Required by `includeDependenciesRecursively: false` below; the entries' declared exports are unchanged.
  inputOptions: { preserveEntrySignatures: "allow-extension" },
  outputOptions: {
    // The zod schemas get a chunk of their own. Shared with the client's chunk, their
    // `import * as z from "zod/mini"` would stay in every bundle that imports the client:
    // a bundler cannot drop an import of a package it treats as external.
    codeSplitting: {
      includeDependenciesRecursively: false,
      groups: [{ name: "schema", test: /[\\/]src[\\/]schema\.ts$/ }],
    },
  },
});
