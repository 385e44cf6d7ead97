/**
 * Text helpers shared by the display functions. Only `revealInvisible` is exported from the package.
 */

// C0/C1 controls, and invisible characters that can reorder or hide text (bidi overrides,
// zero-width spaces, BOM, the Arabic letter mark): a value from the API must not be able to disguise itself on screen.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

/** Words that read better upper-cased once a key is split into words. */
const ACRONYMS: Readonly<Record<string, string>> = {
  id: "ID",
  ids: "IDs",
  url: "URL",
  avs: "AVS",
  cvv: "CVV",
  cavv: "CAVV",
  ach: "ACH",
  "3ds": "3DS",
};

/** Removes invisible and control characters, collapses runs of whitespace and trims. */
export function cleanText(value: string): string {
  return value.replace(INVISIBLE, " ").replace(/\s+/g, " ").trim();
}

/**
 * Replaces each invisible or control character (bidi overrides, zero-width spaces, BOM, C0/C1
 * controls) with U+FFFD "�", so a value from the API cannot disguise itself on screen:
 * `"acme\u202Etxt.exe"` shows as `"acme�txt.exe"`, not as `"acmeexe.txt"`. Keep the original
 * for copying; use this for display only.
 */
export function revealInvisible(value: string): string {
  return value.replace(INVISIBLE, "\uFFFD");
}

/** Cuts `value` to at most `max` characters (code points, so emoji are never split), ending in "…". */
export function capText(value: string, max: number): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max).join("").trimEnd()}…`;
}

/**
 * Turns a machine key into words: `payment-retry-scheduled`, `payment_retry_scheduled` and
 * `paymentRetryScheduled` all become "Payment retry scheduled"; `fiserv_order_id` becomes
 * "Fiserv order ID". Acronyms written in capitals stay capitals. Returns "" for blank input.
 */
export function humanize(raw: string, max = 60): string {
  let text = cleanText(raw);
  // A shouted key (PAYMENT_RETRY) is a constant name, not a run of acronyms.
  if (!/[a-z]/.test(text)) text = text.toLowerCase();
  const words = text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[\s_\-.:/]+/)
    .filter(Boolean)
    .map((word) => {
      const lower = word.toLowerCase();
      const acronym = ownValue(ACRONYMS, lower);
      if (acronym) return acronym;
      return word.length > 1 && word === word.toUpperCase() ? word : lower;
    });
  const sentence = words.join(" ");
  return capText(sentence.charAt(0).toUpperCase() + sentence.slice(1), max);
}

/** `table[key]` for the table's own entries only, so "constructor" or "__proto__" never match. */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
