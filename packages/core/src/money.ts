/**
 * Money formatting that never turns the amount into a float.
 *
 * `amount` arrives as a decimal string ("1234567.895"). Converting it to a number would round
 * large or long amounts, so the integer part is formatted as a BigInt and the fraction digits
 * are spliced into the locale's pattern as text. Intl supplies only the shape: separators,
 * currency symbol and its position, sign, and the locale's digits.
 */
import { AMOUNT_PATTERN } from "./amount.js";
import { intlFormatter } from "./internal/intl.js";
import { capText, cleanText } from "./internal/text.js";

/** Options of {@link formatAmount}. */
export interface FormatAmountOptions {
  /**
   * BCP 47 locale for separators, symbol position and digits, e.g. `"de-DE"`.
   * A malformed locale falls back to the runtime default.
   * @default the runtime's default locale
   */
  locale?: string | undefined;
  /**
   * How to show the currency: `"symbol"` ("US$" or "$" depending on locale), `"narrowSymbol"` ("$"),
   * or `"code"` ("USD").
   * @default "symbol"
   */
  currencyDisplay?: "symbol" | "narrowSymbol" | "code" | undefined;
}

/**
 * ISO 4217 codes are three letters; Intl accepts any such code and rejects everything else. Checked
 * before upper-casing: some letters upper-case to ASCII ("ı" to "I", "ſ" to "S", "ß" to "SS"), and
 * "ınr" must not show as Indian rupees.
 */
function currencyCode(currency: string): string | null {
  const code = typeof currency === "string" ? currency.trim() : "";
  return /^[A-Za-z]{3}$/.test(code) ? code.toUpperCase() : null;
}

/**
 * How many digits the currency has after the decimal point: 2 for USD and EUR, 0 for JPY,
 * 3 for KWD. These are the runtime's display digits (Intl, from CLDR), which for a few currencies
 * are fewer than ISO 4217's minor units: 0 for HUF, IDR, COP, PKR and IQD, among others, where
 * ISO 4217 says 2 (3 for IQD). Use it to display amounts, not to convert minor units.
 * Codes the runtime does not know but that are well formed get ISO 4217's default, 2.
 * Case and surrounding spaces are ignored ("usd" is USD); the code must be three ASCII letters.
 *
 * @returns the number of minor-unit digits, or `null` when `currency` is not a three-letter code.
 */
export function currencyMinorUnits(currency: string): number | null {
  const code = currencyCode(currency);
  if (code === null) return null;
  return (
    intlFormatter(Intl.NumberFormat, "en", { style: "currency", currency: code }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}

/**
 * Formats a decimal-string amount in a currency, exactly.
 *
 * - No float arithmetic: every significant digit the API sent is shown. `"1234567.895"` USD is
 *   "$1,234,567.895", never rounded to ".90".
 * - The fraction is padded with zeros to the currency's minor units (`"5"` USD is "$5.00",
 *   `"1.5"` KWD is "KWD 1.500"), and zeros beyond the minor units are dropped because they
 *   carry no value (`"500.00"` JPY is "¥500", `"1.500"` USD is "$1.50").
 * - Leading zeros and a `+` sign are dropped; a minus sign is kept unless the amount is zero.
 * - A currency that is not a three-letter code (`"XYZ1"`) is shown after the number as sent:
 *   "49.99 XYZ1"; the fraction is then kept exactly as sent. An empty currency shows the number alone.
 * - An amount that does not match the contract's pattern (`AMOUNT_PATTERN`) is returned unchanged.
 *
 * Never throws.
 *
 * @param amount decimal string from the API, e.g. `"49.99"`, `"-5"`, `".5"`, `"007.50"`; or a number, as a
 *   webhook's body sends it (`49.99`), formatted from its shortest decimal form (one in exponent notation,
 *   such as `1e21`, is returned as that text)
 * @param currency currency code from the API, e.g. `"USD"` (case-insensitive)
 */
export function formatAmount(amount: string | number, currency: string, options: FormatAmountOptions = {}): string {
  // A webhook's body carries the amount as a JSON number: its shortest decimal form is what was sent.
  if (typeof amount === "number") amount = Number.isFinite(amount) ? String(amount) : "";
  if (typeof amount !== "string" || !AMOUNT_PATTERN.test(amount)) return typeof amount === "string" ? amount : "";
  const unsigned = amount.replace(/^[+-]/, "");
  const dot = unsigned.indexOf(".");
  const integerDigits = dot === -1 ? unsigned : unsigned.slice(0, dot);
  const sentFraction = dot === -1 ? "" : unsigned.slice(dot + 1);

  const code = currencyCode(currency);
  const minor = code === null ? null : currencyMinorUnits(code);
  const fraction = minor === null ? sentFraction : fitFraction(sentFraction, minor);

  const integer = BigInt(integerDigits || "0");
  const negative = amount.startsWith("-") && (integer !== 0n || /[1-9]/.test(fraction));

  const number = formatDecimal(integer, fraction, negative, options.locale, code, options.currencyDisplay ?? "symbol");
  if (code !== null) return number;
  const label = typeof currency === "string" ? capText(cleanText(currency), 16) : "";
  return label ? `${number} ${label}` : number;
}

/** Drops zeros after the currency's minor units, then pads with zeros up to them. */
function fitFraction(fraction: string, minor: number): string {
  let end = fraction.length;
  while (end > minor && fraction[end - 1] === "0") end--;
  return fraction.slice(0, end).padEnd(minor, "0");
}

function formatDecimal(
  integer: bigint,
  fraction: string,
  negative: boolean,
  locale: string | undefined,
  currency: string | null,
  currencyDisplay: NonNullable<FormatAmountOptions["currencyDisplay"]>,
): string {
  const digits = fraction.length > 0 ? 1 : 0;
  const format = intlFormatter(Intl.NumberFormat, locale, {
    ...(currency === null ? { style: "decimal" } : { style: "currency", currency, currencyDisplay }),
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // The shape of ±1 with one fraction digit is the locale's pattern: where the sign, symbol and
  // separators go. Its integer and fraction are then replaced by the real digits, formatted by
  // the same formatter so they use the locale's grouping and numbering system.
  const localDigits = (value: bigint, grouped: boolean) =>
    format
      .formatToParts(value)
      .filter((part) => part.type === "integer" || (grouped && part.type === "group"))
      .map((part) => part.value)
      .join("");
  const integerText = localDigits(integer, true);
  // A leading 1 keeps the fraction's leading zeros; Array.from keeps digits outside the BMP whole.
  const fractionText = fraction
    ? Array.from(localDigits(BigInt(`1${fraction}`), false))
        .slice(1)
        .join("")
    : "";
  return format
    .formatToParts(negative ? -1n : 1n)
    .map((part) => (part.type === "integer" ? integerText : part.type === "fraction" ? fractionText : part.value))
    .join("");
}
