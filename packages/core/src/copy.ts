/**
 * Copies a cache on the way kept: how old an answer is (`Age`), and the last good session a
 * `createSessionHandler` proxy sends along with a failure.
 */
import { parseSession } from "./client.js";
import { MavenAPIError } from "./errors.js";
import type { Session } from "./schema.js";

/** A session as a cache kept it, with when it was fetched. */
export interface SessionCopy {
  /** The session, checked against the contract and the id asked for. */
  session: Session;
  /** When it was fetched from Maven, in milliseconds since the epoch: the time it came, less its `Age`. */
  fetchedAt: number;
}

/**
 * Milliseconds from `Age`: how long ago a cache on the way (a `createSessionHandler` proxy) fetched what it
 * sent, or 0 when the header is absent or is not a number of seconds from 0 to 1e9 (about 30 years). A
 * header sent twice (`"5, 5"`) counts its first number.
 */
export function parseAge(headers: Headers): number {
  const seconds = Number(headers.get("age")?.split(",")[0]);
  return seconds >= 0 && seconds < 1e9 ? seconds * 1e3 : 0;
}

/**
 * The last good copy a `createSessionHandler` proxy sends with a failure while Maven fails
 * (`{ "detail": "…", "session": {…} }`, with `Age`), checked against the contract and `sessionId`;
 * `undefined` for any other error, or a copy that does not pass the check.
 *
 * ```ts
 * const { session, error } = useSession(id);
 * const copy = session ? undefined : staleCopyOf(error, id);
 * // show copy.session "as of" new Date(copy.fetchedAt), under the error
 * ```
 */
export function staleCopyOf(error: unknown, sessionId: string): SessionCopy | undefined {
  if (!(error instanceof MavenAPIError)) return undefined;
  try {
    return {
      session: parseSession((error.body as { session?: unknown } | null)?.session, sessionId),
      fetchedAt: Date.now() - parseAge(error.headers),
    };
  } catch {
    return undefined;
  }
}
