import { describe, expect, it } from "vitest";
import { formatDateTime, formatExpiry, formatRelativeTime, parseTimestamp } from "../src/time.js";

const NOW = Date.parse("2025-01-05T12:00:00Z");
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("parseTimestamp", () => {
  it.each([
    ["2025-01-05T12:00:00Z", "2025-01-05T12:00:00.000Z"],
    ["2025-01-05T12:00:00+00:00", "2025-01-05T12:00:00.000Z"],
    ["2025-01-05T14:30:00+02:30", "2025-01-05T12:00:00.000Z"],
    ["2025-01-05T07:00:00-0500", "2025-01-05T12:00:00.000Z"],
    ["2025-01-05T13:00:00+01", "2025-01-05T12:00:00.000Z"],
    ["2025-01-05t12:00:00z", "2025-01-05T12:00:00.000Z"],
    // Naive timestamps (no offset) are UTC, not the viewer's local time.
    ["2025-01-05T12:00:00", "2025-01-05T12:00:00.000Z"],
    ["2025-01-05 12:00:00", "2025-01-05T12:00:00.000Z"],
    ["2025-01-05T12:00", "2025-01-05T12:00:00.000Z"],
    ["2025-01-05", "2025-01-05T00:00:00.000Z"],
    // Python's microseconds are truncated to milliseconds.
    ["2025-01-05T12:00:00.123456", "2025-01-05T12:00:00.123Z"],
    ["2025-01-05T12:00:00.9999999Z", "2025-01-05T12:00:00.999Z"],
    ["2025-01-05T12:00:00.5Z", "2025-01-05T12:00:00.500Z"],
    ["  2025-01-05T12:00:00Z  ", "2025-01-05T12:00:00.000Z"],
  ])("reads %j as %s", (input, iso) => {
    expect(parseTimestamp(input)?.toISOString()).toBe(iso);
  });

  it.each([
    null,
    undefined,
    "",
    "   ",
    "yesterday",
    "2025-02-30T00:00:00Z",
    "2025-13-01T00:00:00Z",
    "2025-01-05T24:00:00Z",
    "2025-01-05T12:60:00Z",
    "2025-01-05T12:00:00+25:00",
    "1736078400000",
    "2025-01-05T12:00:00Zjunk",
  ])("returns null for %j", (input) => {
    expect(parseTimestamp(input)).toBeNull();
  });

  it("accepts a valid Date and rejects an invalid one", () => {
    expect(parseTimestamp(new Date(NOW))?.getTime()).toBe(NOW);
    expect(parseTimestamp(new Date("nope"))).toBeNull();
  });
});

describe("formatDateTime", () => {
  it("formats in the given locale and time zone", () => {
    expect(formatDateTime("2025-01-05T15:04:05Z", { locale: "en-US", timeZone: "UTC" })).toBe("Jan 5, 2025, 3:04 PM");
    expect(formatDateTime("2025-01-05T15:04:05Z", { locale: "de-DE", timeZone: "Europe/Berlin" })).toBe(
      "05.01.2025, 16:04",
    );
    expect(formatDateTime("2025-01-05T15:04:05Z", { locale: "ja-JP", timeZone: "Asia/Tokyo" })).toBe("2025/01/06 0:04");
  });

  it("reads a naive timestamp as UTC whatever the display zone", () => {
    expect(formatDateTime("2025-07-01T09:00:00", { locale: "en-US", timeZone: "America/New_York" })).toBe(
      "Jul 1, 2025, 5:00 AM",
    );
  });

  it("passes date and time styles through", () => {
    expect(
      formatDateTime("2025-01-05T15:04:05Z", {
        locale: "en-US",
        timeZone: "UTC",
        dateStyle: "short",
        timeStyle: "medium",
      }),
    ).toBe("1/5/25, 3:04:05 PM");
  });

  it("falls back to UTC, and says so, for an unknown time zone", () => {
    expect(formatDateTime("2025-01-05T15:04:05Z", { locale: "en-US", timeZone: "Mars/Olympus" })).toBe(
      "Jan 5, 2025, 3:04:05 PM UTC",
    );
  });

  it("returns null instead of throwing for missing or invalid timestamps", () => {
    expect(formatDateTime(null)).toBeNull();
    expect(formatDateTime(undefined)).toBeNull();
    expect(formatDateTime("not a date")).toBeNull();
  });

  it("survives a malformed locale", () => {
    expect(formatDateTime("2025-01-05T15:04:05Z", { locale: "!!", timeZone: "UTC" })).toEqual(expect.any(String));
  });
});

describe("formatRelativeTime", () => {
  it.each([
    [-2 * MINUTE, "2 minutes ago"],
    [2 * MINUTE, "in 2 minutes"],
    [0, "now"],
    [-30 * SECOND, "30 seconds ago"],
    [-59 * SECOND, "59 seconds ago"],
    [-59.6 * SECOND, "1 minute ago"],
    [-59.6 * MINUTE, "1 hour ago"],
    [3 * HOUR, "in 3 hours"],
    [-DAY, "yesterday"],
    [DAY, "tomorrow"],
    [-3 * DAY, "3 days ago"],
    [-14 * DAY, "2 weeks ago"],
    [-65 * DAY, "2 months ago"],
    [-800 * DAY, "2 years ago"],
  ])("puts %i ms from now as %j", (offset, expected) => {
    expect(formatRelativeTime(at(offset), { now: NOW, locale: "en-US" })).toBe(expected);
  });

  it("follows the locale", () => {
    expect(formatRelativeTime(at(-2 * MINUTE), { now: NOW, locale: "de-DE" })).toBe("vor 2 Minuten");
    expect(formatRelativeTime(at(-2 * MINUTE), { now: NOW, locale: "fr-FR" })).toBe("il y a 2 minutes");
  });

  it("can always use numbers and a short style", () => {
    expect(formatRelativeTime(at(-DAY), { now: NOW, locale: "en-US", numeric: "always" })).toBe("1 day ago");
    expect(formatRelativeTime(at(0), { now: NOW, locale: "en-US", numeric: "always" })).toBe("in 0 seconds");
    expect(formatRelativeTime(at(-2 * MINUTE), { now: NOW, locale: "en-US", style: "short" })).toBe("2 min. ago");
  });

  it("accepts now as a Date", () => {
    expect(formatRelativeTime(at(-2 * MINUTE), { now: new Date(NOW), locale: "en-US" })).toBe("2 minutes ago");
  });

  it("returns null for missing or invalid input", () => {
    expect(formatRelativeTime(null, { now: NOW })).toBeNull();
    expect(formatRelativeTime("soon", { now: NOW })).toBeNull();
    expect(formatRelativeTime(at(0), { now: Number.NaN })).toBeNull();
  });
});

describe("formatExpiry", () => {
  const live = { status: "collecting", is_terminal: false };

  it("counts down for a live session", () => {
    expect(formatExpiry({ ...live, expires_at: at(2 * MINUTE) }, { now: NOW, locale: "en-US" })).toBe(
      "expires in 2 min",
    );
    expect(formatExpiry({ ...live, expires_at: at(45 * SECOND) }, { now: NOW, locale: "en-US" })).toBe(
      "expires in 45 sec",
    );
    expect(formatExpiry({ ...live, expires_at: at(3 * HOUR) }, { now: NOW, locale: "en-US" })).toBe("expires in 3 hr");
    expect(formatExpiry({ ...live, expires_at: at(200) }, { now: NOW, locale: "en-US" })).toBe("expires now");
  });

  it("says how long ago a session expired", () => {
    const expired = { status: "expired", is_terminal: true, expires_at: at(-3 * MINUTE) };
    expect(formatExpiry(expired, { now: NOW, locale: "en-US" })).toBe("expired 3 min ago");
    // The clock ran out but the server has not said so yet.
    expect(formatExpiry({ ...live, expires_at: at(-3 * MINUTE) }, { now: NOW, locale: "en-US" })).toBe(
      "expired 3 min ago",
    );
    expect(formatExpiry({ ...live, expires_at: at(-200) }, { now: NOW, locale: "en-US" })).toBe("expired just now");
  });

  it("reads the status as loosely as statusLabel does: EXPIRED is labelled Expired, so it is timed as expired", () => {
    const shouted = { status: "EXPIRED", is_terminal: true, expires_at: at(-3 * MINUTE) };
    expect(formatExpiry(shouted, { now: NOW, locale: "en-US" })).toBe("expired 3 min ago");
  });

  it("uses completed_at, or no time at all, for an expired session without a usable expires_at", () => {
    const expired = { status: "expired", is_terminal: true, expires_at: null };
    expect(formatExpiry({ ...expired, completed_at: at(-5 * MINUTE) }, { now: NOW, locale: "en-US" })).toBe(
      "expired 5 min ago",
    );
    expect(formatExpiry(expired, { now: NOW, locale: "en-US" })).toBe("expired");
    // Expired early (clock skew): never "expired in 2 min".
    expect(formatExpiry({ ...expired, expires_at: at(2 * MINUTE) }, { now: NOW, locale: "en-US" })).toBe("expired");
  });

  it("has nothing to say once a session ended another way", () => {
    for (const status of ["payment-success", "payment-authorized", "payment-failed", "cancelled", "abandoned", "new"]) {
      expect(formatExpiry({ status, is_terminal: true, expires_at: at(-MINUTE) }, { now: NOW })).toBeNull();
    }
  });

  it("takes a bare timestamp, and the number and unit follow the locale", () => {
    expect(formatExpiry(at(2 * MINUTE), { now: NOW, locale: "en-US" })).toBe("expires in 2 min");
    expect(formatExpiry(at(-3 * MINUTE), { now: NOW, locale: "en-US" })).toBe("expired 3 min ago");
    expect(formatExpiry(at(45 * SECOND), { now: NOW, locale: "de-DE" })).toBe("expires in 45 Sek.");
  });

  it("returns null for missing or invalid expiry", () => {
    expect(formatExpiry(null, { now: NOW })).toBeNull();
    expect(formatExpiry(undefined, { now: NOW })).toBeNull();
    expect(formatExpiry("whenever", { now: NOW })).toBeNull();
    expect(formatExpiry({ ...live, expires_at: null }, { now: NOW })).toBeNull();
    expect(formatExpiry(at(MINUTE), { now: Number.NaN })).toBeNull();
  });
});
