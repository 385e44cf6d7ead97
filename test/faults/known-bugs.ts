/**
 * Bugs this suite found in the packages and that are not fixed yet. Each is shown by an expected failure
 * (`it.fails`, named "KNOWN BUG: ..."), which turns red once the bug is fixed: then make it a plain test and
 * remove the entry. Until then the tally counts every case that shows one as not survived.
 */
export const KNOWN_BUGS = {} as const satisfies Record<string, string>;

export type KnownBug = keyof typeof KNOWN_BUGS;
