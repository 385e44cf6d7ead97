import type { DataTag, QueryState, UnusedSkipTokenOptions } from "@tanstack/react-query";
import { backoffDelay, isOlderSessionState, parseAge, type MavenClient, type Session } from "@trymaven/core";
import { isTransientError } from "./internal/core-shared.js";
import { noteAge } from "./internal/copy-age.js";
import { failuresUpTo, recordFailure, resetStreak } from "./internal/failure-streak.js";
import { nextPollDelay, resolvePollingSettings, stoppedForGood } from "./internal/polling-policy.js";
import { sessionQueryKey, type SessionQueryKey } from "./session-query-key.js";

/** How a session is fetched and polled. Shared by `useSession` and `sessionQueryOptions`. */
export interface SessionPollingOptions {
  /**
   * Time between one response and the next request, in milliseconds. Maven allows
   * 20 requests per minute per IP, and every viewer behind your proxy shares that IP.
   * @default 3000
   */
  intervalMs?: number | undefined;
  /**
   * Upper bound, in milliseconds, of the backoff after failures: the wait doubles
   * from `intervalMs` for each failed request in a row (retries included) until it
   * reaches this (never below `intervalMs`: a smaller value is raised to it). A
   * pressed Retry starts again from `intervalMs`. A 429's `Retry-After` is still
   * waited out when longer (up to 5 minutes), since asking earlier only earns
   * another 429. Focus, reconnect and
   * another component mounting wait the backoff out too, instead of asking at once
   * (a mount with nothing loaded yet still fetches).
   * @default 30000
   */
  maxIntervalMs?: number | undefined;
  /**
   * Stop polling once this returns true, e.g. `(s) => s.status === "collecting"`.
   * Terminal sessions always stop (see `terminalIntervalMs`). Focus and reconnect
   * still refresh the data once it is older than `intervalMs`.
   */
  until?: ((session: Session) => boolean) | undefined;
  /**
   * Keep polling while the page is hidden (another tab, minimised window). Off by
   * default so a forgotten tab spends none of the rate limit; polling resumes, with
   * a fetch when the data is older than `intervalMs`, as soon as the page is visible again.
   * When set, a failed request is not retried within its fetch (`retry` is taken as 0: react-query
   * holds retries while the page is hidden, which would stop the polling there); the error shows at
   * once and the next poll asks again after the same backoff.
   * @default false
   */
  pollInBackground?: boolean | undefined;
  /**
   * Keep polling a terminal session at this slower interval, in milliseconds, e.g.
   * `60_000` to see `transfer_status` change after the payment (the only field
   * that changes after terminal). `false` stops at terminal and never refetches on
   * its own again; `queryClient.invalidateQueries({ queryKey: sessionQueryKey(id) })`
   * still refreshes on demand.
   * @default false
   */
  terminalIntervalMs?: number | false | undefined;
  /**
   * How many times one fetch retries a transient failure (connection error, timeout,
   * 408, 409, 429, 5xx) before the query shows the error and polling backs off.
   * Other failures are never retried. This is the only retry layer: the client's own
   * `maxRetries` is set to 0 for these requests.
   * Taken as 0 when `pollInBackground` is set (the polling's backoff asks again instead).
   * @default 2 in a browser, 0 on a server (a prefetch should fail fast; the browser fetches again)
   */
  retry?: number | undefined;
  /**
   * The longest one request waits for an answer, in milliseconds, before it fails with
   * `APIConnectionTimeoutError` (a transient failure: retried per `retry`, then backed off).
   * Set it on a server prefetch that should not hold up the page for long: through a
   * `createSessionHandler`'s `client`, it stops waiting while the upstream call goes on and
   * fills the proxy's cache for the browser.
   * @default the client's `timeoutMs` (10000; a `createSessionHandler`'s `client`: the handler's, 8000)
   */
  timeoutMs?: number | undefined;
}

/**
 * What `sessionQueryOptions` returns: react-query options for a `Session`, with the
 * key tagged so `queryClient.getQueryData(options.queryKey)` is typed too.
 */
export type SessionQueryOptions = UnusedSkipTokenOptions<Session, Error, Session, SessionQueryKey> & {
  queryKey: DataTag<SessionQueryKey, Session, Error>;
};

/**
 * The react-query options of one live session, as `queryOptions()` builds them:
 * `useSession` uses them, and so can `prefetchQuery`, `fetchQuery`,
 * `useSuspenseQuery`, `useQueries` and `ensureQueryData`.
 *
 * - Polls with `refetchInterval` until the session is terminal (or `until`
 *   holds); stops for good on 401, 403, 404, 422 and other 4xx answers.
 * - Pauses while the page is hidden, refreshes on focus, reconnect and mount
 *   once the data is older than `intervalMs`, and not before a failure's
 *   backoff (or a 429's `Retry-After`) has passed.
 * - Retries transient failures inside react-query only (`retry`), never in the
 *   client as well: requests go out with `maxRetries: 0`. Backs off with core's
 *   `backoffDelay`, honouring a 429's `Retry-After` (beyond `maxIntervalMs` if need be, up to 5 minutes).
 * - Terminal data never goes stale (`staleTime: Infinity`) unless
 *   `terminalIntervalMs` asks for more.
 *
 * ```ts
 * // a Server Component (import from "@trymaven/react/query-options" there), through your
 * // proxy's own client, so the prefetch is redacted and budgeted as the browser's requests are
 * await queryClient.prefetchQuery(sessionQueryOptions(sessionProxy.client, id));
 * // a client component, below such a prefetch
 * const { data } = useSuspenseQuery(sessionQueryOptions(useMavenClient(), id));
 * ```
 */
export function sessionQueryOptions(
  client: MavenClient,
  sessionId: string,
  options: SessionPollingOptions = {},
): SessionQueryOptions {
  const settings = resolvePollingSettings(options);
  // Within a failure's backoff (a 429's Retry-After included): focus, reconnect and a mount with data wait it
  // out as polling does, rather than ask at once and earn another failure. `nextPollDelay` without the data, so
  // that the wait holds once polling has stopped (terminal, `until`) too; a fatal error gives `false`, read as 0.
  const waiting = (query: { state: QueryState<Session, Error> }) =>
    query.state.error &&
    Date.now() - query.state.errorUpdatedAt <
      +nextPollDelay(
        sessionId,
        undefined,
        query.state.error,
        failuresUpTo(query.state.error, query.state.fetchFailureCount),
        settings,
      );
  const refresh = (query: { state: QueryState<Session, Error> }) =>
    !stoppedForGood(sessionId, query.state.error) && !waiting(query);

  // The key is the session id alone, not the client nor `timeoutMs`: the server's client (with the
  // key) and the browser's (behind the proxy) fetch the same data, so a server
  // prefetch hydrates the browser's query.
  // A plain object, typed by the return type, rather than a call to react-query's `queryOptions()`: that
  // function returns its argument (it exists for the types), and the call would cost bytes. The key is
  // tagged here instead, as it would tag it.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return {
    queryKey: sessionQueryKey(sessionId) as SessionQueryOptions["queryKey"],
    queryFn: async ({ signal, client: queryClient, queryKey }): Promise<Session> => {
      // `find` matches the key exactly unless told otherwise.
      const query = queryClient.getQueryCache().find({ queryKey });
      try {
        // `signal` aborts the request when the last observer unmounts; maxRetries: 0
        // because `retry` below is the one retry layer.
        // How old the answer is (a proxy's copy may be minutes old).
        let age: number | undefined;
        const session = await client.sessions.get(sessionId, {
          signal,
          maxRetries: 0,
          timeoutMs: settings.timeoutMs,
          onResponse: (response) => (age = parseAge(response.headers)),
        });
        resetStreak(query);
        noteAge(query, age);
        // A lagging replica or cache may answer with an older state: keep the newer one on screen.
        const shown = query?.state.data as Session | undefined;
        return shown && isOlderSessionState(session, shown) ? shown : session;
      } catch (error) {
        if (!signal.aborted) recordFailure(query, error);
        throw error;
      }
    },
    // Only transient failures are retried, and never more than `retry` times per fetch. None with
    // `pollInBackground`: react-query holds a retry while the page is hidden, which would stop the polling
    // there; the next poll asks again after the same backoff.
    retry: (failureCount, error) =>
      !options.pollInBackground && failureCount < settings.retry && isTransientError(error),
    retryDelay: (failureCount, error) =>
      backoffDelay(failuresUpTo(error, failureCount + 1), error, settings.intervalMs, settings.maxIntervalMs),
    refetchInterval: (query) =>
      nextPollDelay(
        sessionId,
        query.state.data,
        query.state.error,
        failuresUpTo(query.state.error, query.state.fetchFailureCount),
        settings,
      ),
    refetchIntervalInBackground: !!options.pollInBackground,
    staleTime: (query) => {
      if (!query.state.data?.is_terminal) return settings.intervalMs;
      // Never 0 (`numberOption` rejects it): `false` alone gives Infinity.
      return settings.terminalIntervalMs || Infinity;
    },
    refetchOnWindowFocus: refresh,
    refetchOnReconnect: refresh,
    // Without data a mount always fetches: react-query does not ask `refetchOnMount` then.
    refetchOnMount: (query) => !waiting(query),
  };
}
