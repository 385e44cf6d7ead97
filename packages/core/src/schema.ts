/**
 * The Maven API contract (`GET /v1/sessions/{session_id}`) as zod schemas.
 *
 * Built on `zod/mini`: the same validation as classic zod at roughly a quarter of
 * the bundle cost, for users who compose these schemas into their own. The client
 * does not use them: it checks the same contract without zod (internal/check-session.ts),
 * and test/schema.test.ts proves the two agree.
 *
 * Strict where the contract is strict (required fields, the amount pattern, the
 * UUID id, ISO timestamps); tolerant where the API will grow: unknown fields are
 * kept, and `status`, `mode`, `gateway` and `card_brand` accept any string while
 * the values we know stay in the type for autocompletion.
 *
 * Every call at module level is marked pure, and the field schemas are built once
 * and shared: the package is one bundled file, so without the marks any import
 * from it (`formatAmount`, `isTerminalStatus`) would construct these schemas and
 * pull zod into the user's bundle.
 */
import * as z from "zod/mini";
import { AMOUNT_PATTERN } from "./amount.js";
import { TIMESTAMP_PATTERN, UUID_PATTERN, isSessionId } from "./internal/patterns.js";

/** A string union that still accepts strings we have not seen yet, without collapsing to `string`. */
export type OpenString<Known extends string> = Known | (string & {});

/** The type of a field that accepts any string but documents the known values: `Known | (string & {})`. */
type OpenStringSchema<Known extends string> = z.ZodMiniType<OpenString<Known>, OpenString<Known>>;
/** Nullable in the contract and not required: absent and `null` both parse to `null`. */
type NullableField<T extends z.ZodMiniType> = z.ZodMiniDefault<z.ZodMiniNullable<T>>;

// ── Known values ─────────────────────────────────────────────────────────────

/** Statuses a session can be in before it is terminal. */
export const ACTIVE_STATUSES = ["pending", "collecting"] as const;
/** Statuses after which a session no longer changes (apart from `transfer_status`). */
export const TERMINAL_STATUSES = [
  "payment-success",
  "payment-authorized",
  "payment-failed",
  "expired",
  "cancelled",
  "abandoned",
] as const;
// Spelled out rather than spread: a spread at module level is a side effect to bundlers, which would
// then keep these arrays in every bundle that imports anything from the package.
export const KNOWN_STATUSES = [
  "pending",
  "collecting",
  "payment-success",
  "payment-authorized",
  "payment-failed",
  "expired",
  "cancelled",
  "abandoned",
] as const satisfies readonly [...typeof ACTIVE_STATUSES, ...typeof TERMINAL_STATUSES];
export const KNOWN_MODES = ["charge", "tokenize"] as const;
export const KNOWN_GATEWAYS = ["stripe", "authorizenet", "braintree", "shift4"] as const;

export type KnownSessionStatus = (typeof KNOWN_STATUSES)[number];
/** A session status: one of the known statuses, or any string the API adds later. */
export type SessionStatus = OpenString<KnownSessionStatus>;
export type KnownSessionMode = (typeof KNOWN_MODES)[number];
/** Payment mode: `charge` takes money, `tokenize` saves the card (amount may be 0). */
export type SessionMode = OpenString<KnownSessionMode>;
export type KnownGateway = (typeof KNOWN_GATEWAYS)[number];
/** The payment gateway the merchant's project uses, or any gateway added later. */
export type Gateway = OpenString<KnownGateway>;
/** Card brand as the gateway spelled it (`visa`, `Visa`, `AmericanExpress`, `Apple Pay - Visa`...). */
export type CardBrand = OpenString<
  | "visa"
  | "mastercard"
  | "amex"
  | "discover"
  | "diners"
  | "jcb"
  | "unionpay"
  | "Visa"
  | "MasterCard"
  | "AmericanExpress"
  | "American Express"
  | "Discover"
  | "JCB"
  | "DinersClub"
  | "Diners Club"
>;

export { AMOUNT_PATTERN };

// ── Schemas ──────────────────────────────────────────────────────────────────

// Built once, shared by every field of the same shape (zod schemas are immutable). Casting one to an
// `OpenStringSchema` changes its type only: validation accepts any string.
const string = /* @__PURE__ */ z.string();
const nullableString = /* @__PURE__ */ z._default(/* @__PURE__ */ z.nullable(string), null);
const timestamp = /* @__PURE__ */ string.check(
  /* @__PURE__ */ z.regex(TIMESTAMP_PATTERN, "must be an ISO 8601 date-time"),
);

/** Payment processor details: card facts plus each gateway's identifiers. */
export const processorSchema = /* @__PURE__ */ z.looseObject({
  /** Card brand as the gateway spells it (`visa`, `Visa`, `American Express`, `Apple Pay - Visa`...). Any gateway; can be `null`. */
  card_brand: nullableString as unknown as NullableField<OpenStringSchema<CardBrand>>,
  /** Last 4 digits of the card. Any gateway; can be `null`. */
  card_last4: nullableString,
  /** Hosted receipt URL (the contract documents Stripe's, for a charge); can be `null`. Link it only when it is `https:`. */
  receipt_url: nullableString,
  /** Stripe Charge id (`ch_...`). Stripe only; can be `null`. */
  stripe_charge_id: nullableString,
  /** Stripe PaymentIntent id (`pi_...`). Stripe only; can be `null`. */
  stripe_payment_intent_id: nullableString,
  /** Stripe PaymentMethod id (`pm_...`) on the merchant's connected account: the saved card in tokenize mode. Stripe only; can be `null`. */
  payment_method_id: nullableString,
  /** Stripe Customer id (`cus_...`) on the merchant's connected account, in tokenize mode. Stripe only; can be `null`. */
  stripe_customer_id: nullableString,
  /** Authorize.net transaction id. Authorize.net only; can be `null`. */
  authnet_transaction_id: nullableString,
  /** Authorize.net authorization code. Authorize.net only; can be `null`. */
  authnet_auth_code: nullableString,
  /** Authorize.net response code: `1` approved, `2` declined, `3` error, `4` held for review. Authorize.net only; can be `null`. */
  authnet_response_code: nullableString,
  /** Authorize.net AVS (address verification) result code, e.g. `Y` street and 5-digit ZIP match, `N` neither matches. Authorize.net only; can be `null`. */
  authnet_avs_result_code: nullableString,
  /** Authorize.net CVV result code: `M` match, `N` no match, `P` not processed, `S` should be on the card, `U` issuer unable to process. Authorize.net only; can be `null`. */
  authnet_cvv_result_code: nullableString,
  /** Authorize.net CAVV (3D Secure) result code, e.g. `2` passed, `1` failed, blank or `0` not validated. Authorize.net only; can be `null`. */
  authnet_cavv_result_code: nullableString,
  /** Card network (Visa, Mastercard) transaction id, for card-on-file payments. Authorize.net only; can be `null`. */
  authnet_network_trans_id: nullableString,
  /** `captured` (captured at once) or `authorized` (auth only: funds held, awaiting manual capture). Authorize.net only; can be `null`. */
  authnet_capture_status: nullableString as unknown as NullableField<OpenStringSchema<"captured" | "authorized">>,
  /** Authorize.net CIM customer profile id (a saved card). Authorize.net only; can be `null`. */
  authnet_customer_profile_id: nullableString,
  /** Authorize.net CIM payment profile id (a saved card). Authorize.net only; can be `null`. */
  authnet_payment_profile_id: nullableString,
  /** Braintree transaction id. Braintree only; can be `null`. */
  braintree_transaction_id: nullableString,
  /** Braintree customer id, in tokenize mode. Braintree only; can be `null`. */
  braintree_customer_id: nullableString,
  /** Braintree payment method token (the saved card), in tokenize mode. Braintree only; can be `null`. */
  braintree_payment_method_token: nullableString,
  /** Shift4 charge id (`char_...`). Shift4 only; can be `null`. */
  shift4_charge_id: nullableString,
  /** Shift4 customer id, in tokenize mode. Shift4 only; can be `null`. */
  shift4_customer_id: nullableString,
  /** Shift4 card id (`card_...`: the saved card), in tokenize mode. Shift4 only; can be `null`. */
  shift4_card_id: nullableString,
});

/** Why a session failed (present when `status` is `payment-failed`). */
export const errorDetailSchema = /* @__PURE__ */ z.looseObject({
  /** Machine-readable code, e.g. `card_declined`, `insufficient_funds`. */
  code: string,
  /** Human-readable message. */
  message: nullableString,
});

/** One FastAPI validation issue. */
export const validationIssueSchema = /* @__PURE__ */ z.looseObject({
  loc: /* @__PURE__ */ z.array(/* @__PURE__ */ z.union([string, /* @__PURE__ */ z.number()])),
  msg: string,
  type: string,
});

/** The body of a 422 response (`HTTPValidationError`). */
export const validationErrorSchema = /* @__PURE__ */ z.looseObject({
  detail: /* @__PURE__ */ z.optional(/* @__PURE__ */ z.array(validationIssueSchema)),
});

/** `SessionGetResponse`: the full state of one voice-payment session. */
export const sessionSchema = /* @__PURE__ */ z.looseObject({
  /** Session UUID (8-4-4-4-12 hex; any version, as `isSessionId` checks before a request). */
  session_id: /* @__PURE__ */ string.check(/* @__PURE__ */ z.regex(UUID_PATTERN, "must be a UUID")),
  /** Session status: `pending`, `collecting`, then a terminal one (`payment-success`, `payment-failed`...). Any other string is possible: trust `is_terminal`. */
  status: string as unknown as OpenStringSchema<KnownSessionStatus>,
  /** Whether the session reached a final state. The server's word is the truth. */
  is_terminal: /* @__PURE__ */ z.boolean(),
  /** Payment processor details: the card and the gateway's ids. `null` when there are none (before a card is taken). */
  processor: /* @__PURE__ */ z._default(/* @__PURE__ */ z.nullable(processorSchema), null),
  /** Why the payment failed, when `status` is `payment-failed`; `null` otherwise. */
  error: /* @__PURE__ */ z._default(/* @__PURE__ */ z.nullable(errorDetailSchema), null),
  /** Decimal string, e.g. `"49.99"`. Never converted to a float. */
  amount: /* @__PURE__ */ string.check(/* @__PURE__ */ z.regex(AMOUNT_PATTERN, "must be a decimal string")),
  /** Currency code, e.g. `"USD"`. */
  currency: string,
  /** Payment mode: `charge` takes the money, `tokenize` saves the card (the amount may be 0). Any other string is possible. */
  mode: string as unknown as OpenStringSchema<KnownSessionMode>,
  /** Charge description: what the payment is for. Can be `null`. */
  description: nullableString,
  /** Caller's phone number in E.164 format. */
  caller: string,
  /** Slug of the Maven project the session belongs to. */
  project_slug: string,
  /** The project's payment gateway: `stripe`, `authorizenet`, `braintree`, `shift4`, or one the toolkit does not know yet (e.g. `fiserv`). */
  gateway: string as unknown as OpenStringSchema<KnownGateway>,
  /** Callback phone number. */
  callback: nullableString,
  /** Call context passed back on transfer. */
  memory: nullableString,
  /** Outcome of dialling the caller back after payment; may change after terminal. */
  transfer_status: nullableString,
  /**
   * ISO 8601 date-time. Offsets are expected (`Z` or `+00:00`); a timestamp with no
   * offset is accepted too, because Python back ends emit naive datetimes, and is
   * read as UTC by the formatting helpers.
   */
  created_at: timestamp,
  /** When the session last changed (ISO 8601 date-time, as `created_at`). */
  updated_at: timestamp,
  /** When the session expires if unused (ISO 8601 date-time); can be `null`. */
  expires_at: /* @__PURE__ */ z._default(/* @__PURE__ */ z.nullable(timestamp), null),
  /** When the session reached a terminal state (ISO 8601 date-time); `null` until then. */
  completed_at: /* @__PURE__ */ z._default(/* @__PURE__ */ z.nullable(timestamp), null),
});

/** A session as returned by the API (after parsing; unknown fields are kept). */
export type Session = z.infer<typeof sessionSchema>;
/** A session as it arrives on the wire, before defaults are applied. */
export type SessionInput = z.input<typeof sessionSchema>;
export type Processor = z.infer<typeof processorSchema>;
export type ErrorDetail = z.infer<typeof errorDetailSchema>;
export type ValidationIssue = z.infer<typeof validationIssueSchema>;
export type HTTPValidationError = z.infer<typeof validationErrorSchema>;

export { isSessionId };

/** True for the statuses Maven documents as terminal. Prefer `session.is_terminal`, which also covers statuses added later. */
export function isTerminalStatus(status: SessionStatus): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}
