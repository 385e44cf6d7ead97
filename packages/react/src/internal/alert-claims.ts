/**
 * Which failing connected card may raise an assertive alert, per QueryClient. When many cards fail
 * at once (a list of 500 during an outage), the first failure of the burst is an alert and the
 * others are polite status messages, so a screen reader hears "Network problem" once, not 500
 * times over. A burst ends after QUIET_MS without a new failure. Weak, like the cache it follows.
 */
import type { QueryClient } from "@tanstack/react-query";

const QUIET_MS = 2000;
const lastClaim = new WeakMap<QueryClient, { claimant: string; at: number }>();

/**
 * True when `claimant` (one card's failure) may be assertive. Asking again for the same claimant gives
 * the same answer within the burst (StrictMode renders twice); every claim extends the burst.
 */
export function claimAlert(queryClient: QueryClient, claimant: string, now = Date.now()): boolean {
  const last = lastClaim.get(queryClient);
  const granted = !last || last.claimant === claimant || now - last.at >= QUIET_MS;
  lastClaim.set(queryClient, { claimant: granted ? claimant : last.claimant, at: now });
  return granted;
}
