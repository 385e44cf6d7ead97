/**
 * What a browser bundle gets for `@trymaven/core/server` (the `browser` export
 * condition): a module that throws as soon as it is evaluated. The real entry
 * holds the Maven API key; it must run on the server only.
 */
const message =
  "@trymaven/core/server was bundled for the browser. This entry holds your Maven API key and must only run on " +
  "the server: import createSessionHandler in a server-only file (e.g. app/api/maven/v1/sessions/[id]/route.ts), " +
  'and in client components use createMavenClient({ baseUrl: "/api/maven" }) from "@trymaven/core".';

function refuseBrowser(): never {
  throw new Error(message);
}

refuseBrowser();

/** Never reached: the import above has already thrown. Present so named imports resolve and the throw is what users see. */
export function createSessionHandler(): never {
  return refuseBrowser();
}
/** Never reached; see `createSessionHandler`. */
export function createMemorySessionStore(): never {
  return refuseBrowser();
}

// The entry's other values, for the same reason: every named import of the server entry resolves, so a bundle
// gets this module's error rather than a bundler's "no matching export".
/** Never reached; see `createSessionHandler`. */
export const DEFAULT_RATE_LIMIT: never = refuseBrowser();
/** Never reached; see `createSessionHandler`. */
export const DEFAULT_ACTIVE_TTL_MS: never = refuseBrowser();
/** Never reached; see `createSessionHandler`. */
export const DEFAULT_TERMINAL_TTL_MS: never = refuseBrowser();
/** Never reached; see `createSessionHandler`. */
export const DEFAULT_MAX_STALE_MS: never = refuseBrowser();
/** Never reached; see `createSessionHandler`. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS: never = refuseBrowser();
/** Never reached; see `createSessionHandler`. */
export const DEFAULT_MAX_BODY_BYTES: never = refuseBrowser();
/** Never reached; see `createSessionHandler`. */
export const RedactionError: never = refuseBrowser();
/** Never reached; see `createSessionHandler`. */
export function toNodeHandler(): never {
  return refuseBrowser();
}
