/**
 * A session's processor details as labelled rows, for any gateway.
 *
 * Every field the API sends is shown somewhere: the gateway's own fields first, in its order,
 * decoded and linked; then anything else (another gateway's fields, fields added to the API
 * later, an unknown gateway's fields) as generic rows. Card fields are left to `describeCard`.
 */
import { normalizeCardBrand, type CardBrandInfo } from "../card-brand.js";
import { cleanText, humanize, ownValue } from "../internal/text.js";
import type { Gateway, Processor } from "../schema.js";
import { safeHttpsUrl } from "../url.js";
import { AUTHORIZENET_FIELDS } from "./authorizenet.js";
import { BRAINTREE_FIELDS } from "./braintree.js";
import { SHIFT4_FIELDS } from "./shift4.js";
import { STRIPE_FIELDS } from "./stripe.js";
import type { DescribeProcessorOptions, FieldSpec, ProcessorRow } from "./types.js";

const FIELDS_BY_GATEWAY: Readonly<Record<string, readonly FieldSpec[]>> = {
  stripe: STRIPE_FIELDS,
  authorizenet: AUTHORIZENET_FIELDS,
  braintree: BRAINTREE_FIELDS,
  shift4: SHIFT4_FIELDS,
};

const GATEWAY_NAMES: Readonly<Record<string, string>> = {
  stripe: "Stripe",
  authorizenet: "Authorize.net",
  braintree: "Braintree",
  shift4: "Shift4",
};

/**
 * Field-name prefixes that name a gateway, for labelling its fields when they appear under another gateway.
 * A pure-marked `Object.assign` rather than a spread, which bundlers must keep as a possible side effect.
 */
const PREFIX_NAMES: Readonly<Record<string, string>> = /* @__PURE__ */ Object.assign({}, GATEWAY_NAMES, {
  authnet: "Authorize.net",
});

/** Shown by `describeCard`, never as processor rows. */
const CARD_FIELDS = ["card_brand", "card_last4", "receipt_url"];

/** "authorize.net", "Authorize_Net" and "authorizenet" are the same gateway. */
const gatewayKey = (gateway: unknown) =>
  typeof gateway === "string" ? gateway.toLowerCase().replace(/[^a-z0-9]/g, "") : "";

/**
 * A gateway's display name: "Stripe", "Authorize.net", "Braintree", "Shift4"; an unknown gateway
 * in words ("fiserv" gives "Fiserv"); "" when the gateway is blank.
 */
export function gatewayName(gateway: Gateway): string {
  return ownValue(GATEWAY_NAMES, gatewayKey(gateway)) ?? humanize(typeof gateway === "string" ? gateway : "", 40);
}

/**
 * The text of a field worth showing: trimmed strings, finite numbers and booleans; `null` for empty
 * or anything else. Invisible characters are kept: the value must stay exactly what the gateway
 * holds so that copying it finds the record. Screens show them with `revealInvisible`.
 */
function shownValue(value: unknown): string | null {
  if (typeof value === "string") return value.trim() || null;
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "boolean") return String(value);
  return null;
}

/** Label for a field outside the gateway's own list: "authnet_transaction_id" is "Authorize.net transaction ID". */
function genericLabel(key: string): string {
  const label = humanize(key);
  const name = key.includes("_") ? ownValue(PREFIX_NAMES, key.slice(0, key.indexOf("_")).toLowerCase()) : undefined;
  return name ? label.replace(/^\S+/, name) : label;
}

function genericKind(key: string): ProcessorRow["kind"] {
  if (/^card_/i.test(key)) return "card";
  if (/status$/i.test(key)) return "status";
  if (/(?:^|_)(?:id|token|number)$/i.test(key) || /[a-z\d](?:Id|Token|Number)$/.test(key)) return "id";
  return "code";
}

/**
 * Lists a session's processor details as rows to render: label, value, decoded meaning,
 * dashboard link, and whether to offer copying.
 *
 * - Known gateways (`stripe`, `authorizenet`, `braintree`, `shift4`) show their own fields first,
 *   in a fixed order with the transaction or charge id first. Authorize.net's response, AVS, CVV
 *   and CAVV codes get a `meaning` ("Unrecognised code" when not in the table) and its capture
 *   status is put into words ("Authorized": funds held, awaiting manual capture).
 * - Every other non-empty field follows as a generic row labelled from its key
 *   (`fiserv_order_id` is "Fiserv order ID"): an unknown gateway's fields, fields belonging to a
 *   different gateway than `gateway`, and fields added to the API later. Nothing is dropped.
 * - `card_brand`, `card_last4` and `receipt_url` are not rows; use {@link describeCard}.
 * - `null`, empty and blank values are skipped; so are objects and arrays.
 * - Dashboard links (`href`) only when `options.environment` is `"test"` or `"live"` (any other value,
 *   such as an untyped `"TEST"` or `"sandbox"`, links nothing); see {@link DescribeProcessorOptions}.
 *   Authorize.net's transaction is linked only for a numeric id other than "0".
 *
 * @returns the rows in display order; empty when there is no processor.
 */
export function describeProcessor(
  processor: Processor | null | undefined,
  gateway: Gateway,
  options: DescribeProcessorOptions = {},
): ProcessorRow[] {
  if (!processor || typeof processor !== "object") return [];
  const fields = processor as Record<string, unknown>;
  const rows: ProcessorRow[] = [];
  const shown = new Set<string>(CARD_FIELDS);
  // Anything but exactly "test" or "live" would otherwise pick the live dashboard for a test session.
  const environment =
    options.environment === "test" || options.environment === "live" ? options.environment : undefined;

  for (const spec of ownValue(FIELDS_BY_GATEWAY, gatewayKey(gateway)) ?? []) {
    shown.add(spec.key);
    const raw = shownValue(fields[spec.key]);
    if (raw === null) continue;
    const decoded = spec.decode?.(raw) ?? {};
    const href = environment ? spec.href?.(raw, environment) : undefined;
    rows.push({
      id: spec.key,
      label: spec.label,
      value: decoded.value ?? raw,
      ...(decoded.meaning !== undefined && { meaning: decoded.meaning }),
      ...(href !== undefined && { href }),
      copyable: spec.kind === "id",
      kind: spec.kind,
    });
  }

  for (const [key, value] of Object.entries(fields)) {
    if (shown.has(key)) continue;
    const raw = shownValue(value);
    if (raw === null) continue;
    const kind = genericKind(key);
    rows.push({ id: key, label: genericLabel(key), value: raw, copyable: kind !== "status", kind });
  }
  return rows;
}

/** The card facts of a session, for a card line ("Visa •••• 4242") and a receipt link. */
export interface CardDetails {
  /** The normalised brand, or `null` when the gateway sent none. */
  brand: CardBrandInfo | null;
  /** The last four digits, taken from the end of `card_last4` (which may arrive masked, e.g. "XXXX1111"); `null` when there are not four. */
  last4: string | null;
  /** `receipt_url` when it is safe to link (see `safeHttpsUrl`), else `null`. */
  receiptUrl: string | null;
  /** `receipt_url` as sent (trimmed), so an unsafe one can still be shown as text; `null` when absent. */
  rawReceipt: string | null;
}

/** The card brand, last four digits and receipt link of a processor. Never throws. */
export function describeCard(processor: Processor | null | undefined): CardDetails {
  const fields = (processor && typeof processor === "object" ? processor : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof fields[key] === "string" ? cleanText(fields[key]) || null : null);
  const last4 = /(\d{4})$/.exec(text("card_last4") ?? "")?.[1] ?? null;
  const rawReceipt = text("receipt_url");
  return {
    brand: normalizeCardBrand(text("card_brand")),
    last4,
    receiptUrl: safeHttpsUrl(fields["receipt_url"]),
    rawReceipt,
  };
}
