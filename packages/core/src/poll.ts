/**
 * Polling a session until it is terminal, without a framework.
 *
 * Every loop here has a delay between requests, an exit (terminal, `until`,
 * a fatal error, too many failures in a row, `timeoutMs`), a signal, and a bound.
 * Polling owns the retry policy: each request is made with `maxRetries: 0`, and a
 * transient failure waits (backing off) until the next tick instead, so the
 * client's retries and the poller's never multiply.
 */
import { MavenError, RateLimitError, isFatalForPolling } from "./errors.js";
import { numberOption } from "./internal/number-option.js";
import { linkSignal, sleep } from "./internal/sleep.js";
import type { Session } from "./schema.js";

/** Default time between polls. Maven allows 20 requests per minute per endpoint per IP: one viewer at 3 s uses all of it. */
export const DEFAULT_POLL_INTERVAL_MS = 3_000;
export const DEFAULT_MAX_POLL_INTERVAL_MS = 30_000;
export const DEFAULT_MAX_CONSECUTIVE_ERRORS = 5;

export interface PollOptions {
  /**
   * Time between one response and the next request, in milliseconds.
   * @default 3000
   */
  intervalMs?: number | undefined;
  /**
   * Upper bound of the backoff after failures, in milliseconds (never below `intervalMs`: a smaller value
   * is raised to it). A 429's `Retry-After` is waited out even when longer (up to 5 minutes), since asking
   * earlier only earns another 429.
   * @default 30000
   */
  maxIntervalMs?: number | undefined;
  /** Give up after this many milliseconds in total, rejecting with `PollTimeoutError`. No limit by default. */
  timeoutMs?: number | undefined;
  /** Stops polling; the promise rejects (or the iteration throws) with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Stop early once this returns true, e.g. `(s) => s.status === "collecting"`. Terminal sessions always stop. */
  until?: ((session: Session) => boolean) | undefined;
  /** Called with each new state of the session (not for unchanged responses), and the state before it. */
  onUpdate?: ((session: Session, previous: Session | undefined) => void) | undefined;
  /**
   * Called with each HTTP response, every poll's, failures included, as `sessions.get`'s `onResponse` is: read
   * its status and headers (a proxy copy's `Age`, say). A throw stops polling with what was thrown.
   */
  onResponse?: ((response: Response) => void) | undefined;
  /**
   * Transient failures in a row (network, timeout, 408, 409, 429, 5xx, a body that breaks the
   * contract) tolerated before the last one is thrown. Any other failure stops at once: 400, 401,
   * 403, 404, 422 and every other 4xx, an invalid id, or an error that is not the client's.
   * @default 5
   */
  maxConsecutiveErrors?: number | undefined;
}

/** Polling ran longer than its `timeoutMs`. */
export class PollTimeoutError extends MavenError {
  override name = "PollTimeoutError";
  /** The last state seen before time ran out, if any. */
  declare readonly lastSession: Session | undefined;
  constructor(timeoutMs: number, lastSession: Session | undefined) {
    super(`The session did not reach a terminal state within ${timeoutMs} ms.`);
    this.lastSession = lastSession;
  }
}

type GetSession = (
  sessionId: string,
  options: { signal?: AbortSignal; maxRetries?: number; onResponse?: PollOptions["onResponse"] },
) => Promise<Session>;

/** Implements `maven.sessions.watch`. */
export async function* watchSession(
  getSession: GetSession,
  sessionId: string,
  options: PollOptions = {},
): AsyncGenerator<Session, void, undefined> {
  const intervalMs = numberOption("intervalMs", options.intervalMs, DEFAULT_POLL_INTERVAL_MS, true);
  const maxIntervalMs = Math.max(
    intervalMs,
    numberOption("maxIntervalMs", options.maxIntervalMs, DEFAULT_MAX_POLL_INTERVAL_MS, true),
  );
  const maxErrors = numberOption(
    "maxConsecutiveErrors",
    options.maxConsecutiveErrors,
    DEFAULT_MAX_CONSECUTIVE_ERRORS,
    true,
  );
  // 0 (no limit) when absent: a given value must be positive.
  const timeoutMs = numberOption("timeoutMs", options.timeoutMs, 0, true);
  // Linked only once every option is known to be valid: a throw above leaves nothing on the caller's signal.
  const [controller, dispose] = linkSignal(options.signal);
  const signal = controller.signal;
  let last: Session | undefined;
  const timer = timeoutMs ? setTimeout(() => controller.abort(new PollTimeoutError(timeoutMs, last)), timeoutMs) : 0;

  try {
    let failures = 0;
    for (;;) {
      let session: Session;
      try {
        session = await getSession(sessionId, { signal, maxRetries: 0, onResponse: options.onResponse });
        failures = 0;
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (isFatalForPolling(error) || ++failures >= maxErrors) throw error;
        await sleep(backoffDelay(failures, error, intervalMs, maxIntervalMs), signal);
        continue;
      }
      // A lagging replica or cache may answer with an older state: keep the newer one.
      if (last === undefined || (!sameSessionState(last, session) && !isOlderSessionState(session, last))) {
        options.onUpdate?.(session, last);
        last = session;
        yield session;
      }
      if (last.is_terminal || options.until?.(last)) return;
      await sleep(intervalMs, signal);
    }
  } finally {
    clearTimeout(timer);
    // Aborts a request still in flight when the consumer breaks out early.
    if (!signal.aborted) controller.abort(new DOMException("Polling stopped.", "AbortError"));
    dispose();
  }
}

/** Implements `maven.sessions.poll`: drains `watchSession` and returns the final state. */
export async function pollSession(
  getSession: GetSession,
  sessionId: string,
  options: PollOptions = {},
): Promise<Session> {
  let last: Session | undefined;
  for await (const session of watchSession(getSession, sessionId, options)) last = session;
  // watchSession always yields before it returns normally.
  return last as Session;
}

/**
 * The wait after `failures` failures in a row: the interval doubled per failure, up to
 * `maxIntervalMs`, but never less than what a 429's `Retry-After` asked for (itself bounded
 * by `MAX_RETRY_AFTER_WAIT_MS`).
 */
export function backoffDelay(failures: number, error: unknown, intervalMs: number, maxIntervalMs: number): number {
  /** The longest `Retry-After` the poller waits out before asking again: 5 minutes. */
  const MAX_RETRY_AFTER_WAIT_MS = 300_000;
  const exponential = Math.min(maxIntervalMs, intervalMs * 2 ** Math.max(0, failures - 1));
  const asked = (error instanceof RateLimitError && error.retryAfterMs) || 0;
  // Asking again before the server's Retry-After only earns another 429, so it wins over
  // maxIntervalMs; a hostile or absurd value is still bounded.
  return Math.max(exponential, Math.min(asked, MAX_RETRY_AFTER_WAIT_MS));
}

/**
 * True when `candidate` was last updated before `current` (by `updated_at`): an older state that
 * must not replace a newer one on screen. Unreadable timestamps never count as older.
 */
export function isOlderSessionState(candidate: Session, current: Session): boolean {
  return utcTime(candidate.updated_at) < utcTime(current.updated_at);
}

/**
 * A contract timestamp in epoch ms. A naive one (no `Z`, no offset) is UTC, as the formatting helpers read
 * it: `Date.parse` would read it as local time, so a newer state could look older and be dropped for good.
 */
const utcTime = (timestamp: string) => Date.parse(timestamp.replace(/T[^+-]*\d$/, "$&Z"));

/** Two states of a session are the same when their JSON is the same (the API sends fields in a stable order). */
export function sameSessionState(a: Session, b: Session): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
