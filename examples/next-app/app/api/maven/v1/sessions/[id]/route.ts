import { createSessionHandler } from "@trymaven/core/server";
import { userFromRequest } from "@/lib/auth";
import { canViewSession, findSessionRecord } from "@/lib/demo-data";
import { mavenSettings } from "@/lib/maven";

// The proxy between the browser and Maven. It mirrors Maven's own path, so the
// browser's client needs only `baseUrl: "/api/maven"`, and it is the only place
// the API key is used for the browser's requests.
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const { apiKey, baseUrl } = mavenSettings();

export const GET = createSessionHandler({
  apiKey,
  baseUrl,
  // Called for every request, cached copies included, before Maven is asked.
  authorize: (request, sessionId) => {
    const user = userFromRequest(request);
    if (!user) return { status: 401, detail: "Sign in to see payment sessions." };
    // Our own records say which sessions exist for us: an unknown id costs no
    // upstream call, no rate-limit budget, and reveals nothing.
    if (!findSessionRecord(sessionId)) return { status: 404, detail: "Session not found." };
    // The signed-in user must belong to the project that owns the session.
    return canViewSession(user, sessionId);
  },
});

export const HEAD = GET;
