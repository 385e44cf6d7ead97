import { describe, expect, it } from "vitest";
import { CARD_BRAND_NAMES, normalizeCardBrand } from "../src/card-brand.js";

// Every spelling DOMAIN.md lists, per gateway, and the id it must become.
const SPELLINGS: Array<[gateway: string, raw: string, id: string]> = [
  ...(
    [
      ["visa", "visa"],
      ["mastercard", "mastercard"],
      ["amex", "amex"],
      ["discover", "discover"],
      ["diners", "diners"],
      ["jcb", "jcb"],
      ["unionpay", "unionpay"],
      ["cartes_bancaires", "cartes_bancaires"],
      ["eftpos_au", "eftpos_au"],
      ["link", "link"],
      ["unknown", "unknown"],
    ] as const
  ).map(([raw, id]): [string, string, string] => ["Stripe", raw, id]),
  ...(
    [
      ["Visa", "visa"],
      ["MasterCard", "mastercard"],
      ["AmericanExpress", "amex"],
      ["Discover", "discover"],
      ["JCB", "jcb"],
      ["DinersClub", "diners"],
      ["eCheck", "echeck"],
    ] as const
  ).map(([raw, id]): [string, string, string] => ["Authorize.net", raw, id]),
  ...(
    [
      ["Visa", "visa"],
      ["MasterCard", "mastercard"],
      ["American Express", "amex"],
      ["Discover", "discover"],
      ["JCB", "jcb"],
      ["Diners Club", "diners"],
      ["Maestro", "maestro"],
      ["UK Maestro", "maestro"],
      ["China UnionPay", "unionpay"],
      ["Elo", "elo"],
      ["Unknown", "unknown"],
      ["Apple Pay - Visa", "visa"],
    ] as const
  ).map(([raw, id]): [string, string, string] => ["Braintree", raw, id]),
  ...(
    [
      ["Visa", "visa"],
      ["American Express", "amex"],
      ["MasterCard", "mastercard"],
      ["Maestro", "maestro"],
      ["Discover", "discover"],
      ["JCB", "jcb"],
      ["Diners Club", "diners"],
      ["Unknown", "unknown"],
    ] as const
  ).map(([raw, id]): [string, string, string] => ["Shift4", raw, id]),
];

describe("normalizeCardBrand", () => {
  it.each(SPELLINGS)("reads %s's %j as %s", (_gateway, raw, id) => {
    const brand = normalizeCardBrand(raw);
    expect(brand?.id).toBe(id);
    expect(brand?.name).toBe(CARD_BRAND_NAMES[id as keyof typeof CARD_BRAND_NAMES]);
    expect(brand?.known).toBe(id !== "unknown");
  });

  it.each([
    ["amex", "American Express"],
    ["AmericanExpress", "American Express"],
    ["American Express", "American Express"],
    ["AMERICAN-EXPRESS", "American Express"],
    ["diners", "Diners Club"],
    ["DinersClub", "Diners Club"],
    ["Diners Club", "Diners Club"],
    ["diners-club", "Diners Club"],
    ["diners_club", "Diners Club"],
    ["  VISA  ", "Visa"],
    ["Master Card", "Mastercard"],
    ["cartes bancaires", "Cartes Bancaires"],
    ["eftpos_au", "eftpos Australia"],
    ["E-Check", "eCheck"],
  ])("ignores case and punctuation: %j is %j", (raw, name) => {
    expect(normalizeCardBrand(raw)?.name).toBe(name);
  });

  it("splits off a wallet", () => {
    expect(normalizeCardBrand("Apple Pay - Visa")).toEqual({
      id: "visa",
      name: "Visa",
      known: true,
      wallet: "Apple Pay",
    });
    expect(normalizeCardBrand("Google Pay - MasterCard")).toMatchObject({ id: "mastercard", wallet: "Google Pay" });
    expect(normalizeCardBrand("Apple Pay – American Express")).toMatchObject({ id: "amex", wallet: "Apple Pay" });
    expect(normalizeCardBrand("Apple Pay - Diners-Club")).toMatchObject({ id: "diners", wallet: "Apple Pay" });
    expect(normalizeCardBrand("Paze - Visa")).toMatchObject({ id: "visa", wallet: "Paze" });
    expect(normalizeCardBrand("Visa")).not.toHaveProperty("wallet");
  });

  it("keeps an unrecognised brand's own text, tidied, with id other", () => {
    expect(normalizeCardBrand("  RuPay ")).toEqual({ id: "other", name: "RuPay", known: false });
    expect(normalizeCardBrand("Visa - Debit")).toEqual({ id: "other", name: "Visa - Debit", known: false });
    expect(normalizeCardBrand("constructor")).toEqual({ id: "other", name: "constructor", known: false });
    expect(normalizeCardBrand("__proto__")?.id).toBe("other");
    expect(normalizeCardBrand("Brand\u202E\u0000X")?.name).toBe("Brand X");
    expect(normalizeCardBrand("x".repeat(500))?.name).toHaveLength(41);
  });

  it("returns null when there is no brand", () => {
    expect(normalizeCardBrand(null)).toBeNull();
    expect(normalizeCardBrand(undefined)).toBeNull();
    expect(normalizeCardBrand("")).toBeNull();
    expect(normalizeCardBrand("   ")).toBeNull();
    expect(normalizeCardBrand(42 as unknown as string)).toBeNull();
  });
});
