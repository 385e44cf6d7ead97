/**
 * Which failing connected card may raise an assertive alert, per QueryClient. When many cards fail
 * at once (a list of 500 during an outage), the first failure of the burst is an alert and the
 * others are polite status messages, so a screen reader hears "Network problem" once, not 500
 * times over. A burst ends after 2 s without a new failure. Weak, like the cache it follows.
 * And which card announces a status change that several cards show (`claimAnnouncement`).
 */
import type { QueryClient } from "@tanstack/react-query";

/** The last claim per QueryClient: who was granted it, and when. A tuple: minified, read by position (bytes). */
const lastClaim = new WeakMap<QueryClient, [id: string, at: number]>();

/**
 * True when `claimant` (one card's failure) may be assertive. Asking again for the same claimant gives
 * the same answer within the burst (StrictMode renders twice); every claim extends the burst.
 */
export function claimAlert(queryClient: QueryClient, claimant: string): boolean {
  const now = Date.now();
  const last = lastClaim.get(queryClient);
  const granted = !last || last[0] === claimant || now - last[1] >= 2000;
  lastClaim.set(queryClient, [granted ? claimant : last[0], now]);
  return granted;
}

/** The last status change each mounted card announced, by the card's `useId`; an entry goes with its card. */
export const announced = new Map<string, string>();

/**
 * True when `card` is the one to announce `change` (a session's id, status and update time): no other card
 * on the page announced it. Several cards may show one session (a row in a list and the panel it opens):
 * each would announce the change, and a screen reader would say it once per card. By the change, not by
 * time: a card whose own poll brings the change later stays quiet too. A card that is not rendered (in a
 * `hidden` tab panel, under `display: none`) or not visible (`visibility: hidden`) claims nothing: its live
 * region is not read, so a visible card showing the same session announces the change instead. Its heading
 * (`${card}h`) is from the last commit.
 */
export function claimAnnouncement(card: string, change: string): boolean {
  // Not rendered, or `visibility: hidden` (out of the accessibility tree as well). `checkVisibility` is missing in
  // older browsers (and jsdom): there the card counts as visible, as before.
  if (document.getElementById(`${card}h`)?.checkVisibility?.({ visibilityProperty: true }) === false) return false;
  for (const [other, claimed] of announced) if (other !== card && claimed === change) return false;
  announced.set(card, change);
  return true;
}
