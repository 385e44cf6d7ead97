import { createSessionHandler } from "@trymaven/core/server";
import { currentUser } from "@/lib/auth";
import { canViewSession } from "@/lib/demo-data";
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
  authorize: async (_request, sessionId) => {
    // The same reader of the sign-in cookie as the pages and Server Actions use,
    // so the proxy and the page can never disagree on who is signed in.
    const user = await currentUser();
    if (!user) return { status: 401, detail: "Sign in to see payment sessions." };
    // One answer for another project's session and for an id we never created:
    // a 403 would tell a signed-in user that the id exists in some other
    // project. Neither costs an upstream call or rate-limit budget.
    if (!canViewSession(user, sessionId)) return { status: 404, detail: "Session not found." };
    return true;
  },
});

export const HEAD = GET;
