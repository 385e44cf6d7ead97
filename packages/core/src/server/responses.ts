/** Building the proxy's responses: always JSON, never cached by browsers or CDNs. */

export type CacheState = "hit" | "stale" | "miss";

/** Headers every response carries. */
function baseHeaders(): Headers {
  return new Headers({
    "content-type": "application/json",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
}

/**
 * A JSON response. `scrub` is the last line of defence for the key: whatever
 * the body holds, the key's text never leaves the server.
 */
export function jsonResponse(
  request: Request,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string>,
  scrub: (text: string) => string,
): Response {
  const headers = baseHeaders();
  for (const [name, value] of Object.entries(extraHeaders)) headers.set(name, scrub(value));
  const text = scrub(JSON.stringify(body));
  return new Response(request.method.toUpperCase() === "HEAD" ? null : text, { status, headers });
}

/** An error in the shape the Maven API uses (`{ detail: string }`), so the browser client maps it to the right error class. */
export function errorResponse(
  request: Request,
  status: number,
  detail: string,
  scrub: (text: string) => string,
  extraHeaders: Record<string, string> = {},
): Response {
  return jsonResponse(request, status, { detail }, extraHeaders, scrub);
}

/** The body of a 500 the proxy answers for a failure of its own (never the upstream's internals). */
export const UNEXPECTED_FAILURE = "The session proxy failed unexpectedly.";

/** The 405 for any method but GET and HEAD, naming the two it takes. */
export function methodNotAllowed(request: Request, scrub: (text: string) => string): Response {
  return errorResponse(request, 405, "Method not allowed: use GET.", scrub, { allow: "GET, HEAD" });
}

/** `Retry-After` in whole seconds, rounded up so a client never comes back early; at least 1. */
export function retryAfterSeconds(ms: number): string {
  // A store (yours, in Redis) that answers NaN must not send "Retry-After: NaN".
  return String(Number.isFinite(ms) ? Math.max(1, Math.ceil(ms / 1000)) : 60);
}
