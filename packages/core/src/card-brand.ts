/**
 * Card brands as one vocabulary. Each gateway spells them its own way (`amex`, `AmericanExpress`,
 * `American Express`); components want one id for an icon and one name for text.
 */
import { capText, cleanText, ownValue } from "./internal/text.js";

/** Brand ids this library recognises, plus `unknown` (the gateway said so) and `other` (we do not know it). */
export type CardBrandId =
  | "visa"
  | "mastercard"
  | "amex"
  | "discover"
  | "diners"
  | "jcb"
  | "unionpay"
  | "cartes_bancaires"
  | "eftpos_au"
  | "maestro"
  | "elo"
  | "link"
  | "echeck"
  | "unknown"
  | "other";

/** A normalised card brand. */
export interface CardBrandInfo {
  /** Stable id for icons and `data-*` attributes; `"other"` for a brand this library does not know. */
  id: CardBrandId;
  /** Display name: "American Express"; for an unrecognised brand, the gateway's own text, tidied. */
  name: string;
  /** True when `id` names a specific brand (not `unknown` or `other`). */
  known: boolean;
  /** The wallet the card was used through, when the gateway said so ("Apple Pay - Visa" gives "Apple Pay"). */
  wallet?: string;
}

/** Display names of the recognised brand ids. */
export const CARD_BRAND_NAMES: Readonly<Record<Exclude<CardBrandId, "other">, string>> = {
  visa: "Visa",
  mastercard: "Mastercard",
  amex: "American Express",
  discover: "Discover",
  diners: "Diners Club",
  jcb: "JCB",
  unionpay: "UnionPay",
  cartes_bancaires: "Cartes Bancaires",
  eftpos_au: "eftpos Australia",
  maestro: "Maestro",
  elo: "Elo",
  link: "Link",
  echeck: "eCheck",
  unknown: "Unknown",
};

// Spellings reduced to lower-case letters and digits, mapped to ids. Covers Stripe, Authorize.net,
// Braintree and Shift4 as DOMAIN.md lists them, plus the obvious variants.
const ALIASES: Readonly<Record<string, Exclude<CardBrandId, "other">>> = {
  visa: "visa",
  visaelectron: "visa",
  mastercard: "mastercard",
  mc: "mastercard",
  amex: "amex",
  americanexpress: "amex",
  discover: "discover",
  diners: "diners",
  dinersclub: "diners",
  dinersclubinternational: "diners",
  jcb: "jcb",
  unionpay: "unionpay",
  chinaunionpay: "unionpay",
  cartesbancaires: "cartes_bancaires",
  eftposau: "eftpos_au",
  eftposaustralia: "eftpos_au",
  maestro: "maestro",
  ukmaestro: "maestro",
  elo: "elo",
  link: "link",
  echeck: "echeck",
  unknown: "unknown",
};

const WALLETS: Readonly<Record<string, string>> = {
  applepay: "Apple Pay",
  googlepay: "Google Pay",
  androidpay: "Android Pay",
  samsungpay: "Samsung Pay",
  masterpass: "Masterpass",
  visacheckout: "Visa Checkout",
};

const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

function lookup(text: string): CardBrandInfo | null {
  const id = ownValue(ALIASES, key(text));
  return id ? { id, name: CARD_BRAND_NAMES[id], known: id !== "unknown" } : null;
}

/**
 * Normalises a gateway's card brand, ignoring case, spaces and punctuation: `amex`,
 * `AmericanExpress` and `American Express` all give `{ id: "amex", name: "American Express" }`.
 * A wallet prefix is split off: `"Apple Pay - Visa"` gives `{ id: "visa", wallet: "Apple Pay" }`.
 * `"unknown"` gives `{ id: "unknown", known: false }`. A brand this library does not know keeps
 * its own text as the name with id `"other"` (cut to 40 characters).
 *
 * @returns the brand, or `null` when `raw` is missing or blank.
 */
export function normalizeCardBrand(raw: string | null | undefined): CardBrandInfo | null {
  if (typeof raw !== "string") return null;
  const text = cleanText(raw);
  if (!text) return null;
  const direct = lookup(text);
  if (direct) return direct;
  // "Apple Pay - Visa" (Braintree); any "<wallet> - <known brand>" is read the same way.
  for (const separator of text.matchAll(/\s*[-–—:]\s*/g)) {
    const brand = lookup(text.slice(separator.index + separator[0].length));
    const wallet = text.slice(0, separator.index);
    if (brand && wallet) return { ...brand, wallet: ownValue(WALLETS, key(wallet)) ?? capText(wallet, 40) };
  }
  return { id: "other", name: capText(text, 40), known: false };
}
