/**
 * Failed requests in a row, per query, retries included.
 *
 * react-query resets `fetchFailureCount` at the start of every fetch, so on
 * its own it cannot tell the third failing poll from the first. The query
 * function records the streak here, and tags each error with its place in the
 * streak, so `retryDelay` (which only sees the error) and `refetchInterval`
 * (which sees the query) compute the same growing backoff. Both maps are weak:
 * they go away with the query and its errors.
 */
import type { Query } from "@tanstack/react-query";

const streakByQuery = new WeakMap<Query, number>();
const streakByError = new WeakMap<object, number>();

/** Ends the streak: on a success, and when the person presses Retry (their fetch starts from the first backoff). */
export function resetStreak(query: Query | undefined): void {
  // `delete` (unlike `set`) takes any key: `undefined` finds nothing.
  streakByQuery.delete(query!);
}

export function recordFailure(query: Query | undefined, error: unknown): void {
  if (!query) return;
  const streak = (streakByQuery.get(query) ?? 0) + 1;
  streakByQuery.set(query, streak);
  if (typeof error === "object" && error !== null) streakByError.set(error, streak);
}

/** The error's place in its streak (1 for the first failure), or `fallback` when it was not recorded here. */
export function failuresUpTo(error: unknown, fallback: number): number {
  // A WeakMap answers `undefined` for a key it cannot hold (a primitive, null): no check needed.
  return streakByError.get(error as object) ?? fallback;
}
