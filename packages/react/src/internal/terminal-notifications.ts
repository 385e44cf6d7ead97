/**
 * Which sessions have had `onTerminal` called, per QueryClient. A session ends
 * once, so the callback runs once per id for the life of the cache's owner,
 * however many times a component mounts, remounts or runs its effects twice
 * under StrictMode. Weak: a discarded QueryClient takes its record with it.
 */
import type { QueryClient } from "@tanstack/react-query";

const notified = new WeakMap<QueryClient, Set<string>>();

/** True the first time it is called for this client and id; false ever after. */
export function claimTerminalNotification(queryClient: QueryClient, sessionId: string): boolean {
  let ids = notified.get(queryClient);
  if (!ids) notified.set(queryClient, (ids = new Set()));
  // New to the set: added, and claimed. `ids.size` is read before `add` runs (left to right), and `add` grows the
  // set only for an id it did not hold (bytes: no `has`, no local).
  return ids.size < ids.add(sessionId.toLowerCase()).size;
}
