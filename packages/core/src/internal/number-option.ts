import { MavenError } from "../errors.js";

/** The longest delay timers accept (about 24.8 days): a larger one fires at once. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Reads a numeric option: `fallback` when absent, else a number from 0 (above 0
 * when `positive`) to 2147483647, the most a timer can wait. Throws a `MavenError`
 * naming the option otherwise. Shared by the client's and the poller's options,
 * and by `@trymaven/react`'s polling options, so the same mistake reads the same
 * everywhere.
 */
export function numberOption<T = number>(
  name: string,
  value: number | undefined,
  fallback: T,
  positive = false,
): number | T {
  if (value === undefined) return fallback;
  if (!(value >= 0 && value <= MAX_TIMER_MS) || (positive && value === 0)) {
    throw new MavenError(
      // MAX_TIMER_MS written out: interpolated, it would keep a variable in the bundle for one use.
      `${name} must be a ${positive ? "positive" : "non-negative"} number no larger than 2147483647, got ${value}.`,
    );
  }
  return value;
}
