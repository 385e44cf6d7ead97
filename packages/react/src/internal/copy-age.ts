/**
 * How old each query's data was when it came. A cache on the way can answer with a copy it kept: a
 * `createSessionHandler` proxy shares Maven's rate limit among the sessions on screen, so with many of them live
 * each one is refreshed only every minute or two. Such a copy is not "Live", and the card says how old it is.
 */
import type { Query } from "@tanstack/react-query";

/**
 * Per query, while it is delayed: when its data was fetched from Maven; `undefined` (or none) while it is live:
 * what `useDelayedSince` returns, read as it is.
 */
export const delayedSince = new WeakMap<Query, number | undefined>();

/** Per query: when an answer 30 s old or more last came. */
const slowAt = new WeakMap<Query, number>();

/**
 * Records a success: `ageMs` is its response's `Age` (core's `parseAge`; undefined from a client that did not
 * report its response: fresh).
 *
 * A query is delayed from an answer 30 s old or more until 90 s have passed without another. A proxy that
 * refreshes each session every 32 s or more serves copies that age from 0 to past 30 s and back, over and over:
 * judged per answer, the card would blink between "Live" and "Delayed" every half minute. (90 s: with polls
 * 3 s apart, a 32 s refresh cycle can have no answer in its last 2 s, and then the next one at most 64 s on.)
 *
 * A delayed copy keeps the time first worked out for it: `Age` is in whole seconds, and the same copy asked for
 * again would otherwise move by up to a second, and re-render every card showing it.
 */
export function noteAge(query: Query | undefined, ageMs: number | undefined): void {
  if (!query) return;
  const now = Date.now();
  const at = now - ageMs!;
  // `undefined` while live (or before the first answer): `at - since` is NaN then, and the new time is taken.
  const since = delayedSince.get(query)!;
  if (ageMs! >= 30e3) slowAt.set(query, now);
  delayedSince.set(query, now - slowAt.get(query)! < 90e3 ? (at - since < 2e3 ? since : at) : undefined);
}
