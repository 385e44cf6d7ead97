// Types for `import "@trymaven/react/styles.css"` (the `types` condition of "./styles.css" in package.json).
// TypeScript checks side-effect imports (`noUncheckedSideEffectImports`, on by default since 6.0) and
// cannot resolve a .css file by itself, so without this a project with no `declare module "*.css"`
// fails on the import the README tells it to write.
export {};
