/** `Date.toISOString()` of a millisecond timestamp: the form the simulator writes. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** Milliseconds since the epoch of an ISO timestamp; `NaN` when it does not parse. */
export function msOf(iso: string): number {
  return Date.parse(iso);
}
