import { isSessionId } from "@trymaven/core";
import { createSessionHandler } from "@trymaven/core/server";
import { userFromRequest } from "@/lib/auth";
import { canViewSession, findSessionRecord } from "@/lib/demo-data";
import { mavenSettings } from "@/lib/maven";

// The proxy between the browser and Maven. It mirrors Maven's own path, so the
// browser's client needs only `baseUrl: "/api/maven"`, and it is the only place
// the API key is used for the browser's requests.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type RouteContext = { params: Promise<{ id: string }> };

const { apiKey, baseUrl } = mavenSettings();

const proxy = createSessionHandler({
  apiKey,
  baseUrl,
  // Called for every request, cached copies included: the signed-in user must
  // belong to the project that owns the session.
  authorize: (request, sessionId) => canViewSession(userFromRequest(request), sessionId),
});

/**
 * Two answers the handler cannot give on its own, both before Maven is asked:
 * 401 when nobody is signed in, and 404 for an id this app never created (our
 * own records are the source of truth for which sessions exist for us, so an
 * unknown id costs no upstream call, no rate-limit budget and reveals nothing).
 * Everything else (GET/HEAD only, UUID check, 403, caching, the rate limit,
 * safe errors) is `createSessionHandler`'s.
 */
export async function GET(request: Request, context: RouteContext): Promise<Response> {
  const { id } = await context.params;
  if (isSessionId(id)) {
    if (!userFromRequest(request)) return problem(401, "Sign in to see payment sessions.");
    if (!findSessionRecord(id)) return problem(404, "Session not found.");
  }
  return proxy(request, context);
}

export const HEAD = GET;

function problem(status: number, detail: string): Response {
  return Response.json(
    { detail },
    { status, headers: { "cache-control": "no-store", "x-content-type-options": "nosniff" } },
  );
}
