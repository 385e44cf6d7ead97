import { defineConfig } from "tsdown";

export default defineConfig({
  entry: { index: "src/index.ts" },
  format: "esm",
  platform: "neutral",
  target: "es2022",
  dts: true,
  clean: true,
  sourcemap: true,
  // Bundling drops per-file directives; without this banner Next.js would run the hooks on the server.
  banner: { js: '"use client";' },
  copy: [{ from: "src/styles.css", to: "dist/styles.css" }],
});
