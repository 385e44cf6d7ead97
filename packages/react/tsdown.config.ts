import { existsSync } from "node:fs";
import { defineConfig } from "tsdown";

/** Output files that start with "use client": the package entry (hooks and components). */
const CLIENT_ENTRIES = new Set(["index.js"]);

export default defineConfig({
  entry: {
    index: "src/index.ts",
    // sessionQueryOptions and sessionQueryKey without "use client", for React Server Components.
    "query-options": "src/query-options.ts",
  },
  format: "esm",
  platform: "neutral",
  target: "es2022",
  // Declaration maps, with `src` published: Go to Definition in an editor opens our TypeScript source, JSDoc and all.
  dts: { sourcemap: true },
  clean: true,
  sourcemap: true,
  // Bundling drops per-file directives; without this banner Next.js would run the hooks on
  // the server. Only on the client entry: a Server Component cannot call a function exported
  // from a "use client" module, so query-options.js (and any chunk it shares) stays plain.
  // (Rolldown's own banner option: tsdown's `banner` function is evaluated for the first chunk only.)
  outputOptions: {
    banner: (chunk) => (CLIENT_ENTRIES.has(chunk.fileName) ? '"use client";' : ""),
  },
  // The stylesheet arrives with the components; a build without it still succeeds. Its declaration
  // (an empty module) is what TypeScript resolves for `import "@trymaven/react/styles.css"`.
  copy: existsSync("src/styles.css")
    ? [
        { from: "src/styles.css", to: "dist" },
        { from: "src/styles.css.d.ts", to: "dist" },
      ]
    : [],
});
