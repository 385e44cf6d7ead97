/**
 * Which failing connected card may raise an assertive alert, per QueryClient. When many cards fail
 * at once (a list of 500 during an outage), the first failure of the burst is an alert and the
 * others are polite status messages, so a screen reader hears "Network problem" once, not 500
 * times over. A burst ends after 2 s without a new failure. Weak, like the cache it follows.
 */
import type { QueryClient } from "@tanstack/react-query";

const lastClaim = new WeakMap<QueryClient, { id: string; at: number }>();

/**
 * True when `claimant` (one card's failure) may be assertive. Asking again for the same claimant gives
 * the same answer within the burst (StrictMode renders twice); every claim extends the burst.
 */
export function claimAlert(queryClient: QueryClient, claimant: string): boolean {
  const now = Date.now();
  const last = lastClaim.get(queryClient);
  const granted = !last || last.id === claimant || now - last.at >= 2000;
  lastClaim.set(queryClient, { id: granted ? claimant : last.id, at: now });
  return granted;
}
