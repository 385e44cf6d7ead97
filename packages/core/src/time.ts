/**
 * Timestamps for people: absolute, relative, and a session's expiry.
 *
 * The API sends ISO 8601 strings; Python back ends sometimes omit the offset, and those naive
 * timestamps are UTC (see `schema.ts`). Every function here returns `null` instead of throwing
 * when the timestamp is missing or unreadable, so a caller can simply leave the row out.
 */
import { intlFormatter } from "./internal/intl.js";
import type { Session } from "./schema.js";
import { knownStatus } from "./status.js";

/** A timestamp as the API sends it, a `Date`, or nothing. */
export type TimestampInput = string | Date | null | undefined;

// Date, optional time (seconds and fraction optional), optional offset. `T` or a space between.
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads an API timestamp into a `Date`, treating a timestamp without an offset as UTC
 * (browsers would otherwise read `"2025-01-01T10:00:00"` as local time). Fractions longer than
 * milliseconds (Python's microseconds) are truncated, not rounded.
 *
 * @returns the instant, or `null` when `value` is missing, blank or not a valid ISO 8601 timestamp.
 */
export function parseTimestamp(value: TimestampInput): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== "string") return null;
  const match = ISO_TIMESTAMP.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", frac = "", offset = "Z"] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Number(frac.slice(0, 3).padEnd(3, "0"));
  // Date.UTC rolls 31 February over into March; rebuilding the fields catches it.
  const utc = new Date(Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms));
  utc.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999.
  if (
    utc.getUTCFullYear() !== year ||
    utc.getUTCMonth() !== month - 1 ||
    utc.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 60
  ) {
    return null;
  }
  let offsetMinutes = 0;
  if (offset.toUpperCase() !== "Z") {
    const sign = offset.startsWith("-") ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || "0");
    if (oh > 23 || om > 59) return null;
    offsetMinutes = sign * (oh * 60 + om);
  }
  // A leap second (":60") is shown as the last second of its minute.
  const time = utc.getTime() - offsetMinutes * 60_000;
  return Number.isNaN(time) ? null : new Date(time);
}

/** Options of {@link formatDateTime}. */
export interface FormatDateTimeOptions {
  /**
   * BCP 47 locale, e.g. `"en-GB"`. A malformed locale falls back to the runtime default.
   * @default the runtime's default locale
   */
  locale?: string | undefined;
  /**
   * IANA time zone to show the time in, e.g. `"Europe/Paris"` or `"UTC"`. An unknown zone falls
   * back to UTC with the zone's name shown, so the reader is never misled about which clock it is.
   * Pass it explicitly when rendering on a server, or server and browser may disagree.
   * @default the runtime's time zone
   */
  timeZone?: string | undefined;
  /**
   * How much of the date to show, as `Intl.DateTimeFormat`'s `dateStyle`: from `"short"`
   * ("1/5/25" in en-US) to `"full"` ("Sunday, January 5, 2025"). Use `"short"` in dense tables.
   * @default "medium" (e.g. "Jan 5, 2025")
   */
  dateStyle?: "full" | "long" | "medium" | "short" | undefined;
  /**
   * How much of the time of day to show, as `Intl.DateTimeFormat`'s `timeStyle`. `"medium"`
   * adds seconds; `"long"` adds seconds and the zone name, worth it when readers sit in
   * different time zones. An unknown `timeZone` always uses `"long"`, to name the zone shown.
   * @default "short" (e.g. "3:04 PM")
   */
  timeStyle?: "full" | "long" | "medium" | "short" | undefined;
}

/**
 * Formats a timestamp as an absolute date and time, e.g. "Jan 5, 2025, 3:04 PM".
 *
 * @returns the text, or `null` when the timestamp is missing or invalid (leave the row out).
 */
export function formatDateTime(value: TimestampInput, options: FormatDateTimeOptions = {}): string | null {
  const date = parseTimestamp(value);
  if (!date) return null;
  const { locale, timeZone, dateStyle = "medium", timeStyle = "short" } = options;
  let format: Intl.DateTimeFormat;
  try {
    format = intlFormatter(Intl.DateTimeFormat, locale, { dateStyle, timeStyle, timeZone });
  } catch {
    // Only an unknown time zone gets here: show UTC and say so.
    format = intlFormatter(Intl.DateTimeFormat, locale, { dateStyle, timeStyle: "long", timeZone: "UTC" });
  }
  return format.format(date);
}

type Unit = "second" | "minute" | "hour" | "day" | "week" | "month" | "year";

const UNIT_MS: ReadonlyArray<readonly [Unit, number, number]> = [
  // unit, its length in ms, how many of it before the next unit takes over
  ["second", 1_000, 60],
  ["minute", 60_000, 60],
  ["hour", 3_600_000, 24],
  ["day", 86_400_000, 7],
  ["week", 604_800_000, 4.35],
  ["month", 2_629_800_000, 12],
  ["year", 31_557_600_000, Infinity],
];

/** The largest unit in which `ms` is at least one, rounded to whole units ("59.6 minutes" is 1 hour). */
function pickUnit(ms: number): { value: number; unit: Unit } {
  const abs = Math.abs(ms);
  for (const [unit, length, limit] of UNIT_MS) {
    const value = Math.round(abs / length);
    if (value < limit) return { value: Math.sign(ms) * value, unit };
  }
  return { value: Math.round(ms / 31_557_600_000), unit: "year" };
}

function nowMs(now: Date | number | undefined): number {
  if (now === undefined) return Date.now();
  return now instanceof Date ? now.getTime() : now;
}

/** Options of {@link formatRelativeTime}. */
export interface FormatRelativeTimeOptions {
  /**
   * The moment to measure from. Inject it in tests and to keep a list of rows consistent.
   * @default Date.now()
   */
  now?: Date | number | undefined;
  /** BCP 47 locale. @default the runtime's default locale */
  locale?: string | undefined;
  /**
   * `"auto"` says "yesterday" and "now"; `"always"` says "1 day ago" and "in 0 seconds".
   * @default "auto"
   */
  numeric?: "auto" | "always" | undefined;
  /**
   * How long the unit's name is, as `Intl.RelativeTimeFormat`'s `style`: `"long"` ("2 minutes ago"),
   * `"short"` ("2 min. ago") or `"narrow"` (the shortest the locale has: "2m ago" in en-US).
   * Use `"short"` or `"narrow"` where space is tight.
   * @default "long"
   */
  style?: "long" | "short" | "narrow" | undefined;
}

/**
 * Formats a timestamp relative to now: "2 minutes ago", "in 3 hours", "yesterday".
 * The unit is the largest one the distance reaches (seconds, minutes, hours, days, weeks,
 * months, years), rounded to the nearest whole unit.
 *
 * @returns the text, or `null` when the timestamp (or `now`) is missing or invalid.
 */
export function formatRelativeTime(value: TimestampInput, options: FormatRelativeTimeOptions = {}): string | null {
  const date = parseTimestamp(value);
  const now = nowMs(options.now);
  if (!date || !Number.isFinite(now)) return null;
  const { value: amount, unit } = pickUnit(date.getTime() - now);
  const format = intlFormatter(Intl.RelativeTimeFormat, options.locale, {
    numeric: options.numeric ?? "auto",
    style: options.style ?? "long",
  });
  // `+ 0` turns -0 into 0, which "auto" would otherwise read as "now" anyway but "always" as "0 seconds ago".
  return format.format(amount + 0, unit);
}

/** Options of {@link formatExpiry}. */
export interface FormatExpiryOptions {
  /** The moment to measure from. @default Date.now() */
  now?: Date | number | undefined;
  /** BCP 47 locale for the number and unit ("2 min", "2 Min."). @default the runtime's default locale */
  locale?: string | undefined;
}

/** The session fields {@link formatExpiry} reads. */
export type ExpiringSession = Pick<Session, "expires_at" | "status" | "is_terminal"> &
  Partial<Pick<Session, "completed_at">>;

/**
 * Says when a session expires, or when it expired: "expires in 2 min", "expired 3 min ago",
 * "expires now", "expired just now", or "expired" (an expired session whose time is unknown).
 * The number and unit follow `locale`; the surrounding words are English, like the status labels.
 *
 * Given a session, expiry only matters while it is live or once it has expired: for a session
 * that ended another way (paid, failed, cancelled, abandoned) this returns `null`.
 * Given a bare timestamp, the clock alone decides.
 *
 * @param value a session, or its `expires_at`
 * @returns the text, or `null` when there is nothing to say (no or invalid timestamp, or a session
 *   that ended other than by expiring).
 */
export function formatExpiry(
  value: ExpiringSession | TimestampInput,
  options: FormatExpiryOptions = {},
): string | null {
  const now = nowMs(options.now);
  if (!Number.isFinite(now)) return null;
  let at: Date | null;
  if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    // As loosely as `statusLabel` reads it: "EXPIRED" is labelled "Expired", so it is timed as expired too.
    if (knownStatus(value.status) === "expired") {
      at = parseTimestamp(value.expires_at) ?? parseTimestamp(value.completed_at);
      if (!at || at.getTime() > now) return "expired";
    } else if (value.is_terminal) {
      return null;
    } else {
      at = parseTimestamp(value.expires_at);
    }
  } else {
    at = parseTimestamp(value);
  }
  if (!at) return null;
  const { value: amount, unit } = pickUnit(at.getTime() - now);
  const future = at.getTime() > now;
  if (amount === 0) return future ? "expires now" : "expired just now";
  const quantity = intlFormatter(Intl.NumberFormat, options.locale, {
    style: "unit",
    unit,
    unitDisplay: "short",
  }).format(Math.abs(amount));
  return future ? `expires in ${quantity}` : `expired ${quantity} ago`;
}
