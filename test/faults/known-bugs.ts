/**
 * Bugs this suite found in the packages and that are not fixed yet. Each is shown by an expected failure
 * (`it.fails`, named "KNOWN BUG: ..."), which turns red once the bug is fixed: then make it a plain test and
 * remove the entry. Until then the tally counts every case that shows one as not survived.
 */
export const KNOWN_BUGS = {
  "offline-shows-live":
    '`<SessionCard sessionId>` keeps showing the last state as "Live", with no warning, while the browser is offline: react-query pauses the fetch (`fetchStatus: "paused"`), so no error ever reaches the card',
  "long-status-overflow":
    "a long unknown status widens `<SessionCard>` beyond a narrow column: the badge does not wrap (`white-space: nowrap`) and the card's grid track grows to fit it",
} as const;

export type KnownBug = keyof typeof KNOWN_BUGS;
