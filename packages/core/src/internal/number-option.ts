import { MavenError } from "../errors.js";

/**
 * Reads a numeric option: `fallback` when absent, else a finite number that is
 * at least 0 (above 0 when `positive`). Throws a `MavenError` naming the option
 * otherwise. Shared by the client's and the poller's options.
 */
export function numberOption(name: string, value: number | undefined, fallback: number, positive = false): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0 || (positive && value === 0)) {
    throw new MavenError(`${name} must be a ${positive ? "positive" : "non-negative"} number, got ${value}.`);
  }
  return value;
}
