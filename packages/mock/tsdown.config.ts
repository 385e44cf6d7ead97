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
  dts: true,
  clean: true,
  sourcemap: true,
});
