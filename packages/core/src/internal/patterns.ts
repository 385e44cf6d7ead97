/**
 * The string formats of the contract, in a module with no zod import: the zod
 * schemas (schema.ts) and the client's own check (check-session.ts) share them,
 * so the two cannot disagree about what a UUID or a timestamp is.
 */

/** A UUID in canonical 8-4-4-4-12 form, any version, any case: the shape of `session_id`. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * ISO 8601 date-time, exactly what zod's `z.iso.datetime({ offset: true, local: true })`
 * accepts (a test compares the two): a real calendar date (leap days included), then
 * `hh:mm`, or `hh:mm:ss` with any fraction and an optional `Z` or `±hh:mm` offset.
 * Offsets are expected; a naive timestamp is accepted because Python back ends emit
 * them, and the formatting helpers read it as UTC.
 */
export const TIMESTAMP_PATTERN =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2[0-8])))T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)?)?$/;

/** True when `value` is a UUID in canonical 8-4-4-4-12 form (any version), the shape of `session_id`. */
export function isSessionId(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}
