/**
 * Phone numbers for display, without a phone-number database.
 *
 * The country calling code is found from the ITU's prefix-free assignment (a 1-digit code
 * starts with 1 or 7; a short list of 2-digit codes; everything else is 3 digits), which is
 * stable and tiny. Grouping the rest is a readable approximation, not each country's own
 * convention: good enough to read a number aloud or spot it, which is what an admin needs.
 */

// Two-digit calling codes (ITU-T E.164 assignments): 20 27 30-34 36 39 40 41 43-49 51-58 60-66
// 81 82 84 86 90-95 98. Any other code starting 2-6, 8 or 9 has three digits.
const TWO_DIGIT_CODE = /^(?:2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])/;

interface ParsedPhone {
  countryCode: string;
  national: string;
}

/**
 * Splits an E.164 number ("+14155552671", spaces, dashes, dots and brackets tolerated) into calling code
 * and national number. A "(0)" right after the calling code ("+44 (0)20 …") is the national trunk prefix,
 * not dialled from abroad: it is left out (and the number refused if those digits are not a calling code).
 */
function parseE164(value: string): ParsedPhone | null {
  const text = value.trim();
  const trunk = /^\+(\d{1,3})[\s\-.]*\(0\)/.exec(text);
  const compact = (trunk ? `+${trunk[1]}${text.slice(trunk[0].length)}` : text).replace(/[\s\-.()]/g, "");
  if (!/^\+[1-9]\d{6,14}$/.test(compact)) return null;
  const digits = compact.slice(1);
  const length = /^[17]/.test(digits) ? 1 : TWO_DIGIT_CODE.test(digits) ? 2 : 3;
  if (trunk && trunk[1]!.length !== length) return null;
  return { countryCode: digits.slice(0, length), national: digits.slice(length) };
}

/** Group sizes for a national number: NANP is 3-3-4, France 1-2-2-2-2, 11 digits 3-4-4, others end in a group of 4. */
function groupSizes({ countryCode, national }: ParsedPhone): number[] {
  const n = national.length;
  if (countryCode === "1" && n === 10) return [3, 3, 4];
  if (countryCode === "33" && n === 9) return [1, 2, 2, 2, 2];
  if (n <= 4) return [n];
  if (n <= 8) return [n - 4, 4];
  // Eleven digits is mostly mobile numbers (China, Germany, Brazil), usually read 3-4-4.
  if (n === 11) return [3, 4, 4];
  // Threes from the right before the final four, so a short group leads: 9 -> 2-3-4, 12 -> 2-3-3-4.
  const sizes = [4];
  let rest = n - 4;
  while (rest > 0) {
    sizes.unshift(Math.min(3, rest));
    rest -= 3;
  }
  return sizes;
}

function group(digits: string, sizes: number[]): string {
  const groups: string[] = [];
  let start = 0;
  for (const size of sizes) {
    groups.push(digits.slice(start, start + size));
    start += size;
  }
  return groups.join(" ");
}

/**
 * Formats an E.164 number for reading: "+14155552671" becomes "+1 415 555 2671",
 * "+33612345678" becomes "+33 6 12 34 56 78", "+442079460958" becomes "+44 207 946 0958".
 * Grouping is an approximation outside North America and France (no libphonenumber).
 *
 * @returns the formatted number; a value that is not an E.164 number comes back trimmed but
 *   otherwise as given (e.g. "anonymous"). Never throws.
 */
export function formatPhone(e164: string): string {
  if (typeof e164 !== "string") return "";
  const parsed = parseE164(e164);
  if (!parsed) return e164.trim();
  return `+${parsed.countryCode} ${group(parsed.national, groupSizes(parsed))}`;
}

/** Fewest digits a number needs before its last four are shown, so that at least three stay hidden. */
const MIN_DIGITS_TO_SHOW_LAST_FOUR = 7;

/**
 * Hides a phone number except its country code and last four digits: "+14155554567" becomes
 * "+1 ••• ••• 4567". The last four are shown only when the national number has at least seven
 * digits; a shorter one ("+683 4002") is hidden entirely ("+683 ••••"), since four digits would be
 * all or most of it. Anything that is not an E.164 number shows "••••" and its last four digits
 * only when it has at least seven digits (a short code or extension is hidden entirely).
 * Never reveals more than the last four digits; never throws.
 */
export function maskPhone(e164: string): string {
  if (typeof e164 !== "string") return "••••";
  const parsed = parseE164(e164);
  if (!parsed) {
    const digits = e164.replace(/\D/g, "");
    return digits.length >= MIN_DIGITS_TO_SHOW_LAST_FOUR ? `•••• ${digits.slice(-4)}` : "••••";
  }
  const { national } = parsed;
  const shown = national.length >= MIN_DIGITS_TO_SHOW_LAST_FOUR ? 4 : 0;
  const masked = "•".repeat(national.length - shown) + national.slice(national.length - shown);
  return `+${parsed.countryCode} ${group(masked, groupSizes(parsed))}`;
}
