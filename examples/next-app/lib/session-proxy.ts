import "server-only";
import { createSessionHandler, type SessionHandler } from "@trymaven/core/server";
import { currentUser } from "@/lib/auth";
import { canViewSession } from "@/lib/demo-data";
import { mavenSettings } from "@/lib/maven";

const { apiKey, baseUrl } = mavenSettings();

/**
 * This server's one way to Maven, and the only place the API key is used. The
 * route at /api/maven/v1/sessions/[id] serves it to the browser; pages prefetch
 * through its `client`. Both share one cache, one rate-limit budget and one
 * redaction, so a prefetch costs no extra call to Maven and shows the browser
 * nothing the proxy would not.
 *
 * Kept on `globalThis`: Next.js bundles route handlers and pages separately, and
 * each bundle would run this module, and make a handler, of its own.
 */
const shared = globalThis as typeof globalThis & { mavenSessionProxy?: SessionHandler };

export const sessionProxy = (shared.mavenSessionProxy ??= createSessionHandler({
  apiKey,
  baseUrl,
  // Called for every request, cached copies included, before Maven is asked.
  // (`sessionProxy.client` does not call it: pages check access themselves.)
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
}));
