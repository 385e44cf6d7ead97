/**
 * The Maven API contract (`GET /v1/sessions/{session_id}`) as zod schemas.
 *
 * Built on `zod/mini`: the same validation as classic zod at roughly a quarter of
 * the bundle cost, which matters because this file ships to browsers.
 *
 * Strict where the contract is strict (required fields, the amount pattern, the
 * UUID id, ISO timestamps); tolerant where the API will grow: unknown fields are
 * kept, and `status`, `mode`, `gateway` and `card_brand` accept any string while
 * the values we know stay in the type for autocompletion.
 */
import * as z from "zod/mini";
import { AMOUNT_PATTERN } from "./amount.js";

/** A string union that still accepts strings we have not seen yet, without collapsing to `string`. */
export type OpenString<Known extends string> = Known | (string & {});

/**
 * A string schema whose inferred type is `Known | (string & {})`.
 * Validation accepts any string; the cast is type-level only and documents the known values.
 */
function openString<const Known extends string>(_known: readonly Known[]) {
  return z.string() as unknown as z.ZodMiniType<OpenString<Known>, OpenString<Known>>;
}

/** Nullable in the contract and not required: absent and `null` both parse to `null`. */
function nullableField<T extends z.ZodMiniType>(schema: T) {
  return z._default(z.nullable(schema), null);
}

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
export const KNOWN_STATUSES = [...ACTIVE_STATUSES, ...TERMINAL_STATUSES] as const;
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

/**
 * ISO 8601 date-time. Offsets are expected (`Z` or `+00:00`); a timestamp with no
 * offset is accepted too, because Python back ends emit naive datetimes, and is
 * read as UTC by the formatting helpers.
 */
const timestamp = () => z.iso.datetime({ offset: true, local: true });

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ── Schemas ──────────────────────────────────────────────────────────────────

/** Payment processor details: card facts plus each gateway's identifiers. */
export const processorSchema = z.looseObject({
  card_brand: nullableField(openString<CardBrand>([])),
  card_last4: nullableField(z.string()),
  receipt_url: nullableField(z.string()),
  stripe_charge_id: nullableField(z.string()),
  stripe_payment_intent_id: nullableField(z.string()),
  payment_method_id: nullableField(z.string()),
  stripe_customer_id: nullableField(z.string()),
  authnet_transaction_id: nullableField(z.string()),
  authnet_auth_code: nullableField(z.string()),
  authnet_response_code: nullableField(z.string()),
  authnet_avs_result_code: nullableField(z.string()),
  authnet_cvv_result_code: nullableField(z.string()),
  authnet_cavv_result_code: nullableField(z.string()),
  authnet_network_trans_id: nullableField(z.string()),
  authnet_capture_status: nullableField(openString(["captured", "authorized"])),
  authnet_customer_profile_id: nullableField(z.string()),
  authnet_payment_profile_id: nullableField(z.string()),
  braintree_transaction_id: nullableField(z.string()),
  braintree_customer_id: nullableField(z.string()),
  braintree_payment_method_token: nullableField(z.string()),
  shift4_charge_id: nullableField(z.string()),
  shift4_customer_id: nullableField(z.string()),
  shift4_card_id: nullableField(z.string()),
});

/** Why a session failed (present when `status` is `payment-failed`). */
export const errorDetailSchema = z.looseObject({
  /** Machine-readable code, e.g. `card_declined`, `insufficient_funds`. */
  code: z.string(),
  /** Human-readable message. */
  message: nullableField(z.string()),
});

/** One FastAPI validation issue. */
export const validationIssueSchema = z.looseObject({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
});

/** The body of a 422 response (`HTTPValidationError`). */
export const validationErrorSchema = z.looseObject({
  detail: z.optional(z.array(validationIssueSchema)),
});

/** `SessionGetResponse`: the full state of one voice-payment session. */
export const sessionSchema = z.looseObject({
  /** Session UUID (8-4-4-4-12 hex; any version, as `isSessionId` checks before a request). */
  session_id: z.string().check(z.regex(UUID_PATTERN, "session_id must be a UUID")),
  status: openString(KNOWN_STATUSES),
  /** Whether the session reached a final state. The server's word is the truth. */
  is_terminal: z.boolean(),
  processor: nullableField(processorSchema),
  error: nullableField(errorDetailSchema),
  /** Decimal string, e.g. `"49.99"`. Never converted to a float. */
  amount: z.string().check(z.regex(AMOUNT_PATTERN, "amount must be a decimal string")),
  /** Currency code, e.g. `"USD"`. */
  currency: z.string(),
  mode: openString(KNOWN_MODES),
  description: nullableField(z.string()),
  /** Caller's phone number in E.164 format. */
  caller: z.string(),
  project_slug: z.string(),
  gateway: openString(KNOWN_GATEWAYS),
  /** Callback phone number. */
  callback: nullableField(z.string()),
  /** Call context passed back on transfer. */
  memory: nullableField(z.string()),
  /** Outcome of dialling the caller back after payment; may change after terminal. */
  transfer_status: nullableField(z.string()),
  created_at: timestamp(),
  updated_at: timestamp(),
  expires_at: nullableField(timestamp()),
  completed_at: nullableField(timestamp()),
});

/** A session as returned by the API (after parsing; unknown fields are kept). */
export type Session = z.infer<typeof sessionSchema>;
/** A session as it arrives on the wire, before defaults are applied. */
export type SessionInput = z.input<typeof sessionSchema>;
export type Processor = z.infer<typeof processorSchema>;
export type ErrorDetail = z.infer<typeof errorDetailSchema>;
export type ValidationIssue = z.infer<typeof validationIssueSchema>;
export type HTTPValidationError = z.infer<typeof validationErrorSchema>;

/** True when `value` is a UUID in canonical 8-4-4-4-12 form (any version), the shape of `session_id`. */
export function isSessionId(value: unknown): value is string {
  return typeof value === "string" && UUID_PATTERN.test(value);
}

/** True for the statuses Maven documents as terminal. Prefer `session.is_terminal`, which also covers statuses added later. */
export function isTerminalStatus(status: SessionStatus): boolean {
  return (TERMINAL_STATUSES as readonly string[]).includes(status);
}
