import { isTerminalStatus, type Processor, type Session, type SessionInput } from "@trymaven/core";
import { defined } from "./internal/defined.js";
import { isoAt, msOf } from "./internal/time.js";

/**
 * What `makeSession` accepts: any field of a session; `processor` and `error` may be partial.
 * A field set to `undefined` is not given: it keeps its default.
 */
export type SessionOverrides = { [K in keyof SessionInput]?: SessionInput[K] | undefined };

/** The `session_id` of `makeSession()` when none is given. Pass your own to keep ids unique. */
export const DEFAULT_SESSION_ID = "0b05a489-0ed0-44af-b733-c17d2ec92c9c";
/** The `created_at` of `makeSession()` when none is given (fixed, so output is deterministic). */
export const DEFAULT_CREATED_AT = "2026-11-24T15:30:00.000Z";

/** Every processor field, null: the API serialises absent fields as `null`. */
export const EMPTY_PROCESSOR: Processor = {
  card_brand: null,
  card_last4: null,
  receipt_url: null,
  stripe_charge_id: null,
  stripe_payment_intent_id: null,
  payment_method_id: null,
  stripe_customer_id: null,
  authnet_transaction_id: null,
  authnet_auth_code: null,
  authnet_response_code: null,
  authnet_avs_result_code: null,
  authnet_cvv_result_code: null,
  authnet_cavv_result_code: null,
  authnet_network_trans_id: null,
  authnet_capture_status: null,
  authnet_customer_profile_id: null,
  authnet_payment_profile_id: null,
  braintree_transaction_id: null,
  braintree_customer_id: null,
  braintree_payment_method_token: null,
  shift4_charge_id: null,
  shift4_customer_id: null,
  shift4_card_id: null,
};

type ProcessorFields = { [K in keyof Processor]?: Processor[K] | undefined } & Record<string, unknown>;

/** A full processor object: every known field present (null when not given or `undefined`), extra fields kept. */
export function makeProcessor(fields: ProcessorFields = {}): Processor {
  return { ...EMPTY_PROCESSOR, ...defined(fields) };
}

const PAID_STATUSES = new Set(["payment-success", "payment-authorized"]);

/** How long a session waits for a call before it expires: `expires_at` is this long after `created_at`. */
export const DEFAULT_EXPIRY_MS = 15 * 60_000;

/** The error of a `payment-failed` session when none is given. */
export const DEFAULT_DECLINE = { code: "card_declined", message: "Your card was declined." } as const;

/**
 * The processor fields a gateway reports once a card went through, in the
 * gateway's own spelling. Ids look like real ones (prefixes, lengths) but are made up.
 */
function paidProcessorFields(gateway: string, mode: string, status: string): ProcessorFields {
  const tokenize = mode === "tokenize";
  switch (gateway) {
    case "stripe":
      return tokenize
        ? {
            card_brand: "visa",
            card_last4: "4242",
            payment_method_id: "pm_1QKs7bLm4TzR9xWv2HcJ8nPq",
            stripe_customer_id: "cus_R4xYzq8LmN2pTv",
          }
        : {
            card_brand: "visa",
            card_last4: "4242",
            receipt_url:
              "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xT2tMbTRUelI5eFd2MkhjKNXw8LkGMgYVq0Nf3yE6LBa",
            stripe_charge_id: "ch_3QKs8cLm4TzR9xWv0kYp5Rz1",
            stripe_payment_intent_id: "pi_3QKs8cLm4TzR9xWv0a1bQw7E",
            payment_method_id: "pm_1QKs8bLm4TzR9xWvH3dN6sKe",
          };
    case "authorizenet":
      return tokenize
        ? {
            card_brand: "Visa",
            card_last4: "1111",
            authnet_customer_profile_id: "524871963",
            authnet_payment_profile_id: "536120478",
          }
        : {
            card_brand: "Visa",
            card_last4: "1111",
            authnet_transaction_id: "80041532117",
            authnet_auth_code: "QX7K2M",
            authnet_response_code: "1",
            authnet_avs_result_code: "Y",
            authnet_cvv_result_code: "M",
            authnet_cavv_result_code: "2",
            authnet_network_trans_id: "381234567890123",
            authnet_capture_status: status === "payment-authorized" ? "authorized" : "captured",
          };
    case "braintree":
      return tokenize
        ? {
            card_brand: "Visa",
            card_last4: "1881",
            braintree_customer_id: "73920416",
            braintree_payment_method_token: "f7k2m9pq",
          }
        : { card_brand: "Visa", card_last4: "1881", braintree_transaction_id: "8m2x5k9q" };
    case "shift4":
      return tokenize
        ? {
            card_brand: "Visa",
            card_last4: "4242",
            shift4_customer_id: "cust_Zt5nQ2wL8xV3kB9mR4pJ7cYd",
            shift4_card_id: "card_Hq3rW8vN1kX6mT9bZ2pL5sDf",
          }
        : { card_brand: "Visa", card_last4: "4242", shift4_charge_id: "char_Rq8vH3kZ2mN5pT7wX1yB4cD6" };
    default:
      return { card_brand: "Visa", card_last4: "4242" };
  }
}

/** What a gateway reports about a declined card: the card, and for Stripe the attempt's intent. */
function failedProcessorFields(gateway: string): ProcessorFields {
  switch (gateway) {
    case "stripe":
      return { card_brand: "visa", card_last4: "0002", stripe_payment_intent_id: "pi_3QKsA1Lm4TzR9xWv1Ds9Fv2M" };
    case "authorizenet":
      return {
        card_brand: "Visa",
        card_last4: "0027",
        authnet_transaction_id: "80041532245",
        authnet_response_code: "2",
        authnet_avs_result_code: "Y",
        authnet_cvv_result_code: "M",
      };
    default:
      return { card_brand: "Visa", card_last4: "0002" };
  }
}

/**
 * The processor a session of this gateway, mode and status would carry:
 * card and ids once paid, the card alone after a decline, `null` before a card
 * was taken (pending, collecting) or when none was (expired, cancelled, abandoned).
 */
export function defaultProcessor(gateway: string, mode: string, status: string): Processor | null {
  if (PAID_STATUSES.has(status)) return makeProcessor(paidProcessorFields(gateway, mode, status));
  if (status === "payment-failed") return makeProcessor(failedProcessorFields(gateway));
  return null;
}

/**
 * Builds a valid session. Every field can be overridden; the rest are derived so
 * the session stays consistent with itself:
 *
 * - `is_terminal` follows `status` (known terminal statuses), `completed_at` is
 *   set only for terminal sessions; an `expired` session ended at its `expires_at`;
 * - `processor` follows `gateway`, `mode` and `status` (null before a card is
 *   taken); a partial `processor` is deep-merged over that default;
 * - `error` is a `card_declined` error for `payment-failed`, null otherwise;
 * - `amount` is `"0.00"` in tokenize mode.
 *
 * Defaults describe a successful $149.00 Stripe charge created at
 * {@link DEFAULT_CREATED_AT} with id {@link DEFAULT_SESSION_ID}: pass a
 * `session_id` when you need several sessions.
 *
 * ```ts
 * makeSession({ status: "payment-failed", error: { code: "insufficient_funds" } });
 * makeSession({ gateway: "authorizenet", processor: { authnet_avs_result_code: "N" } });
 * ```
 */
export function makeSession(overrides: SessionOverrides = {}): Session {
  const { processor, error } = overrides;
  // `{ status: undefined }` means "not given", not "erase the default".
  const rest = defined(overrides);
  const status = rest.status ?? "payment-success";
  const gateway = rest.gateway ?? "stripe";
  const mode = rest.mode ?? "charge";
  const isTerminal = rest.is_terminal ?? isTerminalStatus(status);
  const createdAt = rest.created_at ?? DEFAULT_CREATED_AT;
  const created = msOf(createdAt);
  // An expired session ended when it expired; the others a moment after the call began.
  const elapsedMs =
    status === "expired" ? DEFAULT_EXPIRY_MS : isTerminal ? 94_000 : status === "collecting" ? 21_000 : 0;
  const expiresAt =
    rest.expires_at !== undefined ? rest.expires_at : Number.isNaN(created) ? null : isoAt(created + DEFAULT_EXPIRY_MS);
  // A given `expires_at` is when an expired session ended, in the caller's own spelling.
  const updatedAt =
    rest.updated_at ??
    (status === "expired" && expiresAt !== null && !Number.isNaN(msOf(expiresAt))
      ? expiresAt
      : Number.isNaN(created)
        ? createdAt
        : isoAt(created + elapsedMs));

  const baseProcessor = defaultProcessor(gateway, mode, status);
  let mergedProcessor: Session["processor"];
  if (processor === null) mergedProcessor = null;
  else if (processor === undefined) mergedProcessor = baseProcessor;
  else mergedProcessor = { ...EMPTY_PROCESSOR, ...baseProcessor, ...defined(processor) } as Processor;

  let mergedError: Session["error"];
  if (error === null) mergedError = null;
  else if (error === undefined) mergedError = status === "payment-failed" ? { ...DEFAULT_DECLINE } : null;
  else mergedError = { message: null, ...defined(error) };

  const session: Session = {
    session_id: DEFAULT_SESSION_ID,
    status,
    is_terminal: isTerminal,
    processor: mergedProcessor,
    error: mergedError,
    amount: mode === "tokenize" ? "0.00" : "149.00",
    currency: "USD",
    mode,
    description: mode === "tokenize" ? "Card on file for future visits" : "Annual membership renewal",
    caller: "+14155550123",
    project_slug: "northwind-dental",
    gateway,
    callback: null,
    memory: null,
    transfer_status: null,
    created_at: createdAt,
    updated_at: updatedAt,
    expires_at: expiresAt,
    completed_at: isTerminal ? updatedAt : null,
  };
  return { ...session, ...rest, processor: mergedProcessor, error: mergedError } as Session;
}
