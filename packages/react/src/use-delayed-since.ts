import { useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { delayedSince } from "./internal/copy-age.js";
import { sessionQueryKey } from "./session-query-key.js";

/**
 * While a session's updates come late, when the data `useSession(sessionId)` has was fetched from Maven (ms since
 * the epoch, like `dataUpdatedAt`); `undefined` while they come live. `<SessionCard>` says "Delayed · as of …"
 * instead of "Live" then: this is for a UI of your own that wants to say the same.
 *
 * Updates come late behind a `createSessionHandler` proxy sharing Maven's rate limit among many live sessions: it
 * answers with the copy it kept, and refreshes each session only every half minute or more. A session is delayed
 * from an answer 30 s old or more (by its `Age` header) until 90 s pass without another, so a proxy's copies
 * going from fresh to old and back do not make it blink. Always `undefined` with a client of your own that does
 * not call `onResponse`, and on the server.
 *
 * Reads the queries `useSession` and `sessionQueryOptions` make, under the nearest `QueryClientProvider`; the
 * component re-renders only when the value changes, not on each poll.
 */
export function useDelayedSince(sessionId: string | null | undefined): number | undefined {
  const queryClient = useQueryClient();
  const cache = queryClient.getQueryCache();
  // The hash the cache keys the query by (a QueryClient may hash keys its own way).
  const { queryHash } = queryClient.defaultQueryOptions({ queryKey: sessionQueryKey(sessionId ?? "") });
  // The query is looked up on each read, so one made after the first render (a prefetch) is seen; by its hash, not
  // by scanning the cache on each of its events. A WeakMap's `get` takes any key, and finds nothing for no query.
  return useSyncExternalStore(
    cache.subscribe,
    () => delayedSince.get(cache.get(queryHash)!),
    () => undefined,
  );
}
