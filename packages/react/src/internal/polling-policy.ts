/**
 * When to ask again, in one place: `sessionQueryOptions` turns it into
 * react-query's `refetchInterval`, `retry` and `staleTime`, and `useSession`
 * derives `isPolling` from the same rules, so the flag never disagrees with
 * what react-query does.
 */
import { isServer } from "@tanstack/react-query";
import {
  MavenError,
  type DEFAULT_MAX_POLL_INTERVAL_MS,
  type DEFAULT_POLL_INTERVAL_MS,
  backoffDelay,
  isFatalForPolling,
  numberOption,
  type Session,
} from "@trymaven/core";
import { isSessionId } from "./core-shared.js";

export interface PollingSettings {
  intervalMs: number;
  maxIntervalMs: number;
  terminalIntervalMs: number | false;
  until?: ((session: Session) => boolean) | undefined;
  retry: number;
  timeoutMs: number | undefined;
}

export interface PollingOptionsInput {
  intervalMs?: number | undefined;
  maxIntervalMs?: number | undefined;
  terminalIntervalMs?: number | false | undefined;
  until?: ((session: Session) => boolean) | undefined;
  retry?: number | undefined;
  timeoutMs?: number | undefined;
}

export function resolvePollingSettings(options: PollingOptionsInput): PollingSettings {
  // Core's reading, so a mistake reads the same here as in `sessions.poll` (above 2147483647 ms, about
  // 24.8 days, a timer fires at once: polling would never pause).
  // One reader for the four numbers: each option by its own name, as a positive number (one call shape: bytes).
  // A fallback left out is `undefined` (`timeoutMs`: the client's own).
  const read = <T = undefined>(
    name: "intervalMs" | "maxIntervalMs" | "terminalIntervalMs" | "timeoutMs",
    fallback?: T,
  ) => numberOption(name, options[name] as number | undefined, fallback as T, true);
  // Core's defaults written out: core is external to the bundle, so an imported constant keeps its long name there.
  // `satisfies` holds them to core's (each is typed as its value): a change in core fails the typecheck here.
  const intervalMs = read("intervalMs", 3000 satisfies typeof DEFAULT_POLL_INTERVAL_MS);
  const maxIntervalMs = Math.max(
    intervalMs,
    read("maxIntervalMs", 30000 satisfies typeof DEFAULT_MAX_POLL_INTERVAL_MS),
  );
  const terminalIntervalMs = options.terminalIntervalMs === false ? false : read("terminalIntervalMs", false as const);
  // Transient retries per fetch: 2 in a browser; none on a server, where a prefetch should not hold up the page.
  const retry = options.retry ?? (isServer ? 0 : 2);
  if (!Number.isInteger(retry) || retry < 0) {
    throw new MavenError(`retry must be a whole number of retries (0 or more), got ${retry}.`);
  }
  // The options spread first, for `until` (bytes); the others they bring are never read from the settings.
  return {
    ...options,
    intervalMs,
    maxIntervalMs,
    terminalIntervalMs,
    retry,
    timeoutMs: read("timeoutMs"),
  };
}

/**
 * True when asking again cannot change the answer: the id is not a UUID, or the
 * last error is fatal (401, 403, 404, 422, another 4xx, or not one of ours).
 */
export function stoppedForGood(sessionId: string, error: unknown): boolean {
  return !isSessionId(sessionId) || (error != null && isFatalForPolling(error));
}

/**
 * True when the data says polling is done: terminal (unless `terminalIntervalMs` asks for more), or `until` holds.
 * Takes the settings or the options as given: `terminalIntervalMs` is never 0 (`numberOption` rejects it), so
 * unset and `false` read alike, and `useSession` need not resolve the options a second time.
 */
export function reachedEnd(
  session: Session | undefined,
  settings: Pick<PollingOptionsInput, "until" | "terminalIntervalMs">,
): boolean {
  return !!session && (settings.until?.(session) || (session.is_terminal && !settings.terminalIntervalMs));
}

/**
 * Milliseconds until the next poll, or `false` to stop. `failures` counts the
 * failed requests in a row, retries included, so the backoff keeps growing
 * across fetches exactly as core's `watch` does.
 */
export function nextPollDelay(
  sessionId: string,
  session: Session | undefined,
  error: unknown,
  failures: number,
  settings: PollingSettings,
): number | false {
  if (stoppedForGood(sessionId, error) || reachedEnd(session, settings)) return false;
  // `terminalIntervalMs` is never 0 (`numberOption` rejects it): `false` alone falls back to `intervalMs`.
  const interval = (session?.is_terminal && settings.terminalIntervalMs) || settings.intervalMs;
  if (error == null) return interval;
  return backoffDelay(Math.max(1, failures), error, interval, Math.max(interval, settings.maxIntervalMs));
}
