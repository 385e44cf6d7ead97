import { defineConfig } from "tsdown";

export default defineConfig({
  entry: {
    index: "src/index.ts",
    server: "src/server.ts",
    cli: "src/cli.ts",
  },
  format: "esm",
  // Neutral, so the index entry stays browser-safe; the server and the CLI
  // import Node built-ins, which stay external.
  platform: "neutral",
  deps: { neverBundle: [/^node:/] },
  target: "es2022",
  // Declaration maps, with `src` published: Go to Definition in an editor opens our TypeScript source, JSDoc and all.
  dts: { sourcemap: true },
  clean: true,
  sourcemap: true,
});
