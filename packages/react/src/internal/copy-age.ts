/**
 * How old each query's data was when it came. A cache on the way can answer with a copy it kept: a
 * `createSessionHandler` proxy shares Maven's rate limit among the sessions on screen, so with many of them live
 * each one is refreshed only every minute or two. Such a copy is not "Live", and the card says how old it is.
 */
import type { Query } from "@tanstack/react-query";

/**
 * Per query: when its data was fetched from Maven, if the answer that brought it was 30 s old or more
 * (its `Age`); 0 after a fresher answer.
 */
export const delayedSince = new WeakMap<Query, number>();

/**
 * Records a success: `ageMs` is its response's `Age` (core's `parseAge`; undefined from a client that did not
 * report its response: fresh). A delayed copy keeps the time first worked out for it: `Age` is in whole seconds,
 * and the same copy asked for again would otherwise move by up to a second, and re-render every card showing it.
 */
export function noteAge(query: Query | undefined, ageMs: number | undefined): void {
  const at = Date.now() - ageMs!;
  const since = delayedSince.get(query!)!;
  if (query) delayedSince.set(query, ageMs! >= 30e3 ? (at - since < 2e3 ? since : at) : 0);
}
