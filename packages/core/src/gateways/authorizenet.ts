/**
 * Authorize.net: transaction and profile ids, and its result codes decoded to plain words.
 * The code tables follow Authorize.net's documentation (as collected in DOMAIN.md).
 */
import { ownValue } from "../internal/text.js";
import type { Environment, FieldSpec } from "./types.js";

/** Transaction response codes (`authnet_response_code`). */
export const AUTHNET_RESPONSE_CODES: Readonly<Record<string, string>> = {
  "1": "Approved",
  "2": "Declined",
  "3": "Error",
  "4": "Held for review",
};

/** Address Verification Service results (`authnet_avs_result_code`). */
export const AUTHNET_AVS_CODES: Readonly<Record<string, string>> = {
  A: "Street matches, ZIP does not",
  B: "No address given",
  E: "AVS error or not allowed for this card",
  G: "Non-US issuer, no AVS",
  N: "Neither matches",
  P: "Not applicable",
  R: "Retry, system unavailable",
  S: "Issuer does not support AVS",
  U: "Address information unavailable",
  W: "9-digit ZIP matches, street does not",
  X: "Street and 9-digit ZIP match",
  Y: "Street and 5-digit ZIP match",
  Z: "5-digit ZIP matches, street does not",
};

/** Card code (CVV) verification results (`authnet_cvv_result_code`). */
export const AUTHNET_CVV_CODES: Readonly<Record<string, string>> = {
  M: "Match",
  N: "No match",
  P: "Not processed",
  S: "Should be on card but merchant says not present",
  U: "Issuer unable to process",
};

/**
 * Cardholder Authentication Verification Value (3-D Secure) results (`authnet_cavv_result_code`).
 * The empty code means "not validated"; rows skip empty values, so it is here for other callers.
 */
export const AUTHNET_CAVV_CODES: Readonly<Record<string, string>> = {
  "": "Not validated",
  "0": "Not validated, bad data",
  "1": "Failed",
  "2": "Passed",
  "3": "Issuer attempt incomplete",
  "4": "Issuer system error",
  "7": "Attempt, failed, issuer available",
  "8": "Attempt, passed, issuer available",
  "9": "Attempt, failed, issuer unavailable",
  A: "Attempt, passed, issuer unavailable",
  B: "Passed, information only, no liability shift",
};

/** `authnet_capture_status` values: the shown word and what it means for the money. */
export const AUTHNET_CAPTURE_STATUSES: Readonly<Record<string, { label: string; meaning: string }>> = {
  captured: { label: "Captured", meaning: "Funds captured" },
  authorized: { label: "Authorized", meaning: "Funds held, awaiting manual capture" },
};

/** Meaning shown for a code that is not in its table. */
export const UNRECOGNISED_CODE = "Unrecognised code";

/**
 * The Authorize.net Merchant Interface page of a transaction: `account.authorize.net` in live
 * mode, `sandbox.authorize.net` in test mode. These paths are observed conventions.
 */
export function authorizeNetTransactionUrl(transactionId: string, environment: Environment): string {
  const id = encodeURIComponent(transactionId);
  return environment === "test"
    ? `https://sandbox.authorize.net/ui/themes/sandbox/transaction/transactiondetail.aspx?transID=${id}`
    : `https://account.authorize.net/ui/themes/anet/transaction/transactiondetail.aspx?transID=${id}`;
}

/**
 * The transaction's page, for a real transaction id only: Authorize.net ids are numbers, and it answers
 * `transId` "0" when no transaction was recorded (an error, or an account in Test Mode).
 */
function transactionHref(transactionId: string, environment: Environment): string | undefined {
  return /^\d*[1-9]\d*$/.test(transactionId) ? authorizeNetTransactionUrl(transactionId, environment) : undefined;
}

/** Decodes with a table keyed by upper-case codes (the codes are letters and digits). */
const codeDecoder = (table: Readonly<Record<string, string>>) => (value: string) => ({
  meaning: ownValue(table, value.toUpperCase()) ?? UNRECOGNISED_CODE,
});

/**
 * Authorize.net's processor fields in display order: the transaction, its outcome, then checks and profiles.
 * The `codeDecoder` calls are marked pure: the package ships as one bundled file, and an unmarked call at
 * module level kept these tables in every bundle that imported anything from it (0.9 KB gzip).
 */
export const AUTHORIZENET_FIELDS: readonly FieldSpec[] = [
  { key: "authnet_transaction_id", label: "Transaction ID", kind: "id", href: transactionHref },
  {
    key: "authnet_response_code",
    label: "Response",
    kind: "code",
    decode: /* @__PURE__ */ codeDecoder(AUTHNET_RESPONSE_CODES),
  },
  {
    key: "authnet_capture_status",
    label: "Capture status",
    kind: "status",
    decode: (value) => {
      const known = ownValue(AUTHNET_CAPTURE_STATUSES, value.toLowerCase());
      return known ? { value: known.label, meaning: known.meaning } : { meaning: "Unrecognised status" };
    },
  },
  { key: "authnet_auth_code", label: "Authorization code", kind: "id" },
  {
    key: "authnet_avs_result_code",
    label: "Address check (AVS)",
    kind: "code",
    decode: /* @__PURE__ */ codeDecoder(AUTHNET_AVS_CODES),
  },
  {
    key: "authnet_cvv_result_code",
    label: "Security code check (CVV)",
    kind: "code",
    decode: /* @__PURE__ */ codeDecoder(AUTHNET_CVV_CODES),
  },
  {
    key: "authnet_cavv_result_code",
    label: "3-D Secure check (CAVV)",
    kind: "code",
    decode: /* @__PURE__ */ codeDecoder(AUTHNET_CAVV_CODES),
  },
  { key: "authnet_network_trans_id", label: "Network transaction ID", kind: "id" },
  { key: "authnet_customer_profile_id", label: "Customer profile ID", kind: "id" },
  { key: "authnet_payment_profile_id", label: "Payment profile ID", kind: "id" },
];
