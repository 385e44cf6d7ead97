import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { currencyMinorUnits, formatAmount } from "../src/money.js";
import { AMOUNT_PATTERN } from "../src/schema.js";

const NBSP = "\u00a0";
const NNBSP = "\u202f";

describe("formatAmount", () => {
  it.each([
    // amount, currency, locale, expected
    ["0.10", "USD", "en-US", "$0.10"],
    ["1234567.895", "USD", "en-US", "$1,234,567.895"],
    ["-5", "USD", "en-US", "-$5.00"],
    ["0", "USD", "en-US", "$0.00"],
    ["+3", "USD", "en-US", "$3.00"],
    [".5", "USD", "en-US", "$0.50"],
    ["007.50", "USD", "en-US", "$7.50"],
    ["5.", "USD", "en-US", "$5.00"],
    ["-0", "USD", "en-US", "$0.00"],
    ["-0.00", "USD", "en-US", "$0.00"],
    ["-0.001", "USD", "en-US", "-$0.001"],
    ["1.500", "USD", "en-US", "$1.50"],
    ["0.0000001", "USD", "en-US", "$0.0000001"],
    ["5", "usd", "en-US", "$5.00"],
    ["1000", "JPY", "en-US", "¥1,000"],
    ["500.00", "JPY", "en-US", "¥500"],
    ["0.5", "JPY", "en-US", "¥0.5"],
    ["1234", "JPY", "ja-JP", "￥1,234"],
    ["1.5", "KWD", "en-US", `KWD${NBSP}1.500`],
    ["1.2345", "KWD", "en-US", `KWD${NBSP}1.2345`],
    ["1.5", "KWD", "de-DE", `1,500${NBSP}KWD`],
    ["1234567.895", "EUR", "de-DE", `1.234.567,895${NBSP}€`],
    ["-5", "EUR", "de-DE", `-5,00${NBSP}€`],
    ["+3", "EUR", "de-DE", `3,00${NBSP}€`],
    ["1234.5", "EUR", "fr-FR", `1${NNBSP}234,50${NBSP}€`],
    ["-1234.5", "EUR", "fr-FR", `-1${NNBSP}234,50${NBSP}€`],
    ["5", "XYZ", "en-US", `XYZ${NBSP}5.00`],
  ])("formats %s %s in %s as %s", (amount, currency, locale, expected) => {
    expect(formatAmount(amount, currency, { locale })).toBe(expected);
  });

  it("keeps every digit of amounts a float cannot hold", () => {
    expect(formatAmount("12345678901234567890.01", "USD", { locale: "en-US" })).toBe("$12,345,678,901,234,567,890.01");
    expect(formatAmount("0.1000000000000000055511151231257827", "USD", { locale: "en-US" })).toBe(
      "$0.1000000000000000055511151231257827",
    );
    expect(formatAmount("9007199254740993", "JPY", { locale: "en-US" })).toBe("¥9,007,199,254,740,993");
  });

  it("shows an unknown or malformed currency code after the number, with the fraction as sent", () => {
    expect(formatAmount("49.99", "XYZ1", { locale: "en-US" })).toBe("49.99 XYZ1");
    expect(formatAmount("49.9", "XYZ1", { locale: "en-US" })).toBe("49.9 XYZ1");
    expect(formatAmount("1234.50", "bitcoin", { locale: "de-DE" })).toBe("1.234,50 bitcoin");
    expect(formatAmount("-2", " X1 ", { locale: "en-US" })).toBe("-2 X1");
    expect(formatAmount("49.99", "", { locale: "en-US" })).toBe("49.99");
  });

  it("treats the currency code case- and space-insensitively", () => {
    expect(formatAmount("5", " eur ", { locale: "en-US" })).toBe("€5.00");
  });

  // Regression: the code was upper-cased before it was checked, and some letters upper-case to ASCII:
  // "ınr" (dotless ı) showed as "₹5.00" and "uſd" (long s) as "$5.00", though neither is a currency code.
  it.each([
    ["ınr", "5 ınr"],
    ["uſd", "5 uſd"],
    ["ßd", "5 ßd"],
  ])("never reads the look-alike %j as a real currency", (currency, expected) => {
    expect(formatAmount("5", currency, { locale: "en-US" })).toBe(expected);
    expect(currencyMinorUnits(currency)).toBeNull();
  });

  it.each(["", "1e5", "abc", " 5", "5 ", "1,000", "--5", ".", "+", "-", "+-5", "1.2.3", "NaN", "Infinity", "٣"])(
    "returns the amount %j unchanged when it breaks the contract's pattern",
    (amount) => {
      expect(AMOUNT_PATTERN.test(amount)).toBe(false);
      expect(formatAmount(amount, "USD", { locale: "en-US" })).toBe(amount);
    },
  );

  it("never throws for untyped callers or bad locales", () => {
    expect(formatAmount(undefined as unknown as string, "USD")).toBe("");
    expect(formatAmount({} as unknown as string, "USD")).toBe("");
    expect(formatAmount("5", undefined as unknown as string, { locale: "en-US" })).toBe("5");
    expect(() => formatAmount("5", "USD", { locale: "not a locale!!" })).not.toThrow();
    expect(formatAmount("5", "USD", { locale: "not a locale!!" })).toMatch(/5/);
  });

  it("can show the currency as its code", () => {
    expect(formatAmount("5", "USD", { locale: "en-US", currencyDisplay: "code" })).toBe(`USD${NBSP}5.00`);
    expect(formatAmount("5", "CAD", { locale: "en-US", currencyDisplay: "narrowSymbol" })).toBe("$5.00");
    expect(formatAmount("5", "CAD", { locale: "en-US" })).toBe("CA$5.00");
  });

  it("uses the locale's own digits throughout, fraction included", () => {
    // Arabic-Indic digits: a spliced-in ASCII fraction would show as "١٫05".
    const text = formatAmount("1.05", "USD", { locale: "ar-EG" });
    expect(text).toContain("١٫٠٥");
    expect(text).not.toMatch(/[0-9]/);
  });
});

describe("currencyMinorUnits", () => {
  it.each([
    ["USD", 2],
    ["EUR", 2],
    ["JPY", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["usd", 2],
    [" jpy ", 0],
    ["XYZ", 2],
  ])("%s has %i", (code, digits) => {
    expect(currencyMinorUnits(code)).toBe(digits);
  });

  it.each(["", "XYZ1", "US", "DOLLAR", "€"])("is null for the malformed code %j", (code) => {
    expect(currencyMinorUnits(code)).toBeNull();
  });
});

// ── Properties ───────────────────────────────────────────────────────────────

/** Strings the contract's AMOUNT_PATTERN accepts: optional sign, digits, optional point and digits. */
const amountArbitrary = fc
  .tuple(
    fc.constantFrom("", "+", "-"),
    fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 30 }),
    fc.boolean(),
    fc.string({ unit: fc.constantFrom(..."0123456789"), maxLength: 30 }),
  )
  .map(([sign, integer, point, fraction]) => `${sign}${integer}${point ? "." : ""}${point ? fraction : ""}`)
  .filter((amount) => AMOUNT_PATTERN.test(amount));

/**
 * The digits contract, precisely. Let the input be `sign? I (. F)?`. Then the output, read as
 * `-?` then digits and group separators then `.` then digits (en-US), has:
 * - integer digits = I without leading zeros ("0" when nothing is left);
 * - fraction digits = F without trailing zeros, padded with zeros to the currency's minor units.
 *   So every significant digit is kept in place; only leading zeros and zeros that carry no
 *   value are dropped, and only zeros are added;
 * - a minus sign exactly when the input is negative and not zero.
 */
function expectedDigits(amount: string, minor: number) {
  const unsigned = amount.replace(/^[+-]/, "");
  const [integer = "", fraction = ""] = unsigned.split(".");
  const significantFraction = fraction.replace(/0+$/, "");
  const integerDigits = integer.replace(/^0+/, "") || "0";
  const fractionDigits = significantFraction.padEnd(minor, "0");
  const negative = amount.startsWith("-") && /[1-9]/.test(unsigned);
  return { integerDigits, fractionDigits, negative };
}

describe("formatAmount properties", () => {
  it.each([
    ["USD", 2],
    ["JPY", 0],
    ["KWD", 3],
  ])("never changes the significant digits of an amount in %s", (currency, minor) => {
    fc.assert(
      fc.property(amountArbitrary, (amount) => {
        const text = formatAmount(amount, currency, { locale: "en-US", currencyDisplay: "code" });
        const numeric = text.replace(currency, "").replace(/[\s,]/g, "");
        const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(numeric);
        expect(match, text).not.toBeNull();
        const [, minus, integerDigits, fractionDigits = ""] = match!;
        const expected = expectedDigits(amount, minor);
        expect({ integerDigits, fractionDigits, negative: minus === "-" }).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the sent fraction exactly for a currency code it cannot read", () => {
    fc.assert(
      fc.property(amountArbitrary, (amount) => {
        const text = formatAmount(amount, "XYZ1", { locale: "en-US" });
        const fraction = amount.includes(".") ? amount.split(".")[1]! : "";
        expect(text.endsWith(" XYZ1")).toBe(true);
        expect(text.replace(" XYZ1", "").split(".")[1] ?? "").toBe(fraction);
      }),
    );
  });

  it.each(["en-US", "de-DE", "ja-JP", "fr-FR"])("lays out amounts exactly as Intl does in %s", (locale) => {
    // For cents a double represents exactly, Intl's own float formatting is the reference.
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("USD", "EUR", "JPY", "KWD"), (n, currency) => {
        const minor = currencyMinorUnits(currency)!;
        const negative = n < 0;
        const digits = String(Math.abs(n)).padStart(minor + 1, "0");
        const amount = `${negative ? "-" : ""}${minor ? `${digits.slice(0, -minor)}.${digits.slice(-minor)}` : digits}`;
        const reference = new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(amount));
        expect(formatAmount(amount, currency, { locale })).toBe(reference);
      }),
      { numRuns: 200 },
    );
  });
});

describe("formatAmount of a number (a webhook's body sends the amount as one)", () => {
  it.each([
    [49.99, "USD", "$49.99"],
    [5, "USD", "$5.00"],
    [1500, "JPY", "¥1,500"],
    [-0.5, "EUR", "-€0.50"],
  ])("formats %s %s as %s", (amount, currency, expected) => {
    expect(formatAmount(amount, currency, { locale: "en-US" })).toBe(expected);
  });

  it("returns what it cannot format exactly as text, and nothing for NaN or Infinity", () => {
    expect(formatAmount(1e21, "USD", { locale: "en-US" })).toBe("1e+21");
    expect(formatAmount(Number.NaN, "USD")).toBe("");
    expect(formatAmount(Number.POSITIVE_INFINITY, "USD")).toBe("");
  });
});
