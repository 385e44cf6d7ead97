import { useContext, useEffect, useRef } from "react";
import {
  QueryClientContext,
  notifyManager,
  useQuery,
  type QueryClient,
  type UseQueryResult,
} from "@tanstack/react-query";
import type { Session } from "@trymaven/core";
import { useMavenClientFor } from "./internal/maven-context.js";
import { reachedEnd, stoppedForGood } from "./internal/polling-policy.js";
import { claimTerminalNotification } from "./internal/terminal-notifications.js";
import { sessionQueryKey } from "./session-query-key.js";
import { sessionQueryOptions, type SessionPollingOptions } from "./session-query-options.js";

export interface UseSessionOptions extends SessionPollingOptions {
  /**
   * Set to `false` to hold off fetching and polling (e.g. until a dialog opens).
   * A `null` or `undefined` session id disables the hook too. Turning it off
   * cancels the request in flight and any retry react-query has scheduled, as
   * unmounting does, unless another component still has the session enabled.
   * @default true
   */
  enabled?: boolean | undefined;
  /**
   * Called once the session is terminal, with its final state: exactly once per
   * session id per QueryClient, including when the session was already terminal
   * when first loaded, and never again on remounts, re-renders or StrictMode's
   * double effects. With several `useSession(id, { onTerminal })` for one id,
   * only the first one mounted is called: put the side effect in one place.
   * Runs outside React's render, after react-query has stored the data.
   */
  onTerminal?: ((session: Session) => void) | undefined;
  /**
   * Called when this hook sees `status` change, with the new and the previous
   * state (e.g. `pending` -> `collecting` -> `payment-success`). The first load is
   * not a change, and neither is a response that changes other fields only.
   * Runs for every hook that passes it.
   */
  onStatusChange?: ((session: Session, previous: Session) => void) | undefined;
}

/**
 * react-query's `useQuery` result for the session, plus the fields below. Read
 * the fields you need from it (destructure, or `result.session`): a component
 * re-renders only when a field it has read changes. Spreading it
 * (`{ ...result }`) reads every field, and so re-renders on every poll.
 */
export type UseSessionResult = UseQueryResult<Session, Error> & {
  /** The session, or `undefined` until it has loaded (and for a `null` id). Same as `data`. */
  readonly session: Session | undefined;
  /** True once the loaded session is terminal (`session.is_terminal`). */
  readonly isTerminal: boolean;
  /**
   * True while the hook will fetch again on its own: enabled, not terminal
   * (unless `terminalIntervalMs` is set), `until` not met, and no error that
   * stops polling for good (401, 403, 404, 422 or another 4xx, or an id that
   * is not a UUID). Stays true while polling is paused in a hidden tab.
   */
  readonly isPolling: boolean;
};

const EXTRA_KEYS: readonly (string | symbol)[] = ["session", "isTerminal", "isPolling"];

/**
 * Fetches a Maven session and keeps it live until it is terminal, through
 * react-query: components watching the same id share one cache entry and one
 * request per tick, an unchanged response re-renders nothing, polling pauses
 * in hidden tabs and backs off after failures. See `SessionPollingOptions` and
 * `sessionQueryOptions` for the polling and retry rules.
 *
 * ```tsx
 * const { session, isTerminal, error } = useSession(sessionId, {
 *   onTerminal: (s) => toast(statusLabel(s.status)),
 * });
 * ```
 *
 * Needs `<MavenProvider>` inside `<QueryClientProvider>` above it.
 */
export function useSession(sessionId: string | null | undefined, options: UseSessionOptions = {}): UseSessionResult {
  const client = useMavenClientFor("useSession()");
  // What `useQueryClient()` returns, read here so that a missing provider gets this message.
  const queryClient = useContext(QueryClientContext);
  if (queryClient === undefined) {
    throw new Error(
      'useSession() needs a <QueryClientProvider> from "@tanstack/react-query" around <MavenProvider>. ' +
        "(If there is one, check that only one copy of @tanstack/react-query is installed.)",
    );
  }

  const { enabled = true, onTerminal, onStatusChange } = options;
  const id = sessionId ?? "";
  const active = enabled && !!id;

  // `sessionQueryOptions` reads and checks the options (a mistake throws there); `isPolling` needs only `until` and
  // `terminalIntervalMs`, which `reachedEnd` takes as given.
  const result = useQuery({ ...sessionQueryOptions(client, id, options), enabled: active });
  // On turning off (or to another id): react-query would still send a retry it has scheduled. In a microtask, once
  // react-query's own effect has applied `enabled`, so that "inactive" means no component has it enabled any more.
  useEffect(
    () =>
      active
        ? () =>
            queueMicrotask(() =>
              queryClient.cancelQueries({ queryKey: sessionQueryKey(id), exact: true, type: "inactive" }),
            )
        : undefined,
    [queryClient, id, active],
  );

  const callbacks = useRef(options);
  useEffect(() => {
    callbacks.current = options;
  });
  const listening = active && !!(onTerminal || onStatusChange);
  useEffect(
    () => (listening ? watchSessionEvents(queryClient, id, callbacks) : undefined),
    [queryClient, id, listening],
  );

  return withSessionFields(result, id, active, options);
}

/**
 * Adds the session fields to react-query's tracked result without reading it:
 * a Proxy, so reading `session` reads `data` (and so tracks `data`), `isPolling`
 * reads `data` and `error`, and a component that reads neither is not
 * re-rendered when they change. Copying the fields onto a new object would
 * read, and so track, every field.
 */
function withSessionFields(
  result: UseQueryResult<Session, Error>,
  sessionId: string,
  active: boolean,
  options: UseSessionOptions,
): UseSessionResult {
  const session = () => {
    const data = result.data;
    // Defensive: never present one session's data as another's.
    return data?.session_id.toLowerCase() === sessionId.toLowerCase() ? data : undefined;
  };
  const field = (key: PropertyKey): unknown => {
    if (key === "session") return session();
    if (key === "isTerminal") return session()?.is_terminal === true;
    // isPolling
    return active && !stoppedForGood(sessionId, result.error) && !reachedEnd(session(), options);
  };
  return new Proxy(result, {
    get: (target, key) => (EXTRA_KEYS.includes(key) ? field(key) : target[key as keyof typeof target]),
    has: (target, key) => EXTRA_KEYS.includes(key) || key in target,
    ownKeys: (target) => [...Reflect.ownKeys(target), ...EXTRA_KEYS],
    getOwnPropertyDescriptor: (target, key) =>
      EXTRA_KEYS.includes(key)
        ? // `writable` is left out: a descriptor from this trap is completed with `writable: false`.
          { value: field(key), enumerable: true, configurable: true }
        : Reflect.getOwnPropertyDescriptor(target, key),
  }) as UseSessionResult;
}

type SessionCallbacks = Pick<UseSessionOptions, "onTerminal" | "onStatusChange">;

/**
 * Schedules a callback with react-query's `notifyManager`, its throw reported like an uncaught error (`reportError`:
 * the page's `error` event and console) instead of escaping: react-query runs a batch of notifications in one loop,
 * and a throw would drop the rest of it, leaving other components showing an older state and an `onTerminal` unsent.
 */
function scheduleIsolated(callback: () => void): void {
  notifyManager.schedule(() => {
    try {
      callback();
    } catch (error) {
      (globalThis.reportError ?? console.error)(error);
    }
  });
}

/**
 * Calls the callbacks from the cache's own events rather than from renders, so
 * every state the cache holds is seen once (even two updates within one render)
 * and reading the callbacks' data does not subscribe the component to `data`.
 * Returns the unsubscribe function.
 */
function watchSessionEvents(
  queryClient: QueryClient,
  sessionId: string,
  callbacks: { readonly current: SessionCallbacks },
): () => void {
  const cache = queryClient.getQueryCache();
  const { queryHash } = queryClient.defaultQueryOptions({ queryKey: sessionQueryKey(sessionId) });
  // Per subscription: what was there when this hook started watching is the first
  // load, not a change. StrictMode's second effect starts over and sees the same state.
  let previous: Session | undefined;

  const check = () => {
    const session = cache.get<Session>(queryHash)?.state.data;
    if (session === previous || session?.session_id.toLowerCase() !== sessionId.toLowerCase()) return;
    const before = previous;
    previous = session;
    const { onStatusChange, onTerminal } = callbacks.current;
    // Scheduled, not called inline: this runs inside react-query's state update,
    // which a throwing or cache-touching callback must not interrupt.
    if (onStatusChange && before && before.status !== session.status) {
      scheduleIsolated(() => onStatusChange(session, before));
    }
    if (onTerminal && session.is_terminal && claimTerminalNotification(queryClient, sessionId)) {
      scheduleIsolated(() => onTerminal(session));
    }
  };

  check();
  return cache.subscribe((event) => event.query.queryHash === queryHash && check());
}
