/**
 * The contract check on the client's path, written without zod.
 *
 * `sessionSchema` (schema.ts) stays the contract users compose with. Fetching a
 * session checks the same contract from the tables below instead, so that
 * `createMavenClient` does not bundle zod (about 5 KB gzip) and a poll validates
 * in well under a microsecond more than a bare type guard. test/contract.test.ts
 * proves the two agree on valid and broken bodies: the same verdict, the same
 * parsed value, the same issue paths and codes.
 *
 * Module-level values are literals only, so a bundle that never fetches drops
 * this whole file.
 */
import { AMOUNT_PATTERN } from "../amount.js";
import type { ContractIssue } from "../errors.js";
import { TIMESTAMP_PATTERN, UUID_PATTERN } from "./patterns.js";

/**
 * What a field must be: a JS type, a format (a string matching a pattern), or an
 * object with its own fields. Wrapped in a one-element array, the field is
 * nullable and not required: absent and `null` both read as `null`.
 * Fields not listed are kept as they are.
 */
type Rule = "string" | "boolean" | Format | Fields | readonly [Rule];
type Format = keyof typeof FORMATS;
interface Fields {
  readonly [key: string]: Rule;
}

const FORMATS = {
  uuid: [UUID_PATTERN, "a UUID"],
  amount: [AMOUNT_PATTERN, "a decimal string"],
  timestamp: [TIMESTAMP_PATTERN, "an ISO 8601 date-time"],
} as const;

const NULLABLE_STRING = ["string"] as const;

const PROCESSOR: Fields = {
  card_brand: NULLABLE_STRING,
  card_last4: NULLABLE_STRING,
  receipt_url: NULLABLE_STRING,
  stripe_charge_id: NULLABLE_STRING,
  stripe_payment_intent_id: NULLABLE_STRING,
  payment_method_id: NULLABLE_STRING,
  stripe_customer_id: NULLABLE_STRING,
  authnet_transaction_id: NULLABLE_STRING,
  authnet_auth_code: NULLABLE_STRING,
  authnet_response_code: NULLABLE_STRING,
  authnet_avs_result_code: NULLABLE_STRING,
  authnet_cvv_result_code: NULLABLE_STRING,
  authnet_cavv_result_code: NULLABLE_STRING,
  authnet_network_trans_id: NULLABLE_STRING,
  authnet_capture_status: NULLABLE_STRING,
  authnet_customer_profile_id: NULLABLE_STRING,
  authnet_payment_profile_id: NULLABLE_STRING,
  braintree_transaction_id: NULLABLE_STRING,
  braintree_customer_id: NULLABLE_STRING,
  braintree_payment_method_token: NULLABLE_STRING,
  shift4_charge_id: NULLABLE_STRING,
  shift4_customer_id: NULLABLE_STRING,
  shift4_card_id: NULLABLE_STRING,
};

/** Field by field, in the order of `sessionSchema`, so issues come out in the same order too. */
export const SESSION_FIELDS: Fields = {
  session_id: "uuid",
  status: "string",
  is_terminal: "boolean",
  processor: [PROCESSOR],
  error: [{ code: "string", message: NULLABLE_STRING }],
  amount: "amount",
  currency: "string",
  mode: "string",
  description: NULLABLE_STRING,
  caller: "string",
  project_slug: "string",
  gateway: "string",
  callback: NULLABLE_STRING,
  memory: NULLABLE_STRING,
  transfer_status: NULLABLE_STRING,
  created_at: "timestamp",
  updated_at: "timestamp",
  expires_at: ["timestamp"],
  completed_at: ["timestamp"],
};

/**
 * Checks `value` against `rule`, appending what is wrong to `issues`, and returns
 * the value with absent nullable fields set to `null` (a copy for objects). The
 * result is only meaningful when no issue was added.
 */
export function checkContract(rule: Rule, value: unknown, issues: ContractIssue[], path: PropertyKey[] = []): unknown {
  if (Array.isArray(rule)) {
    if (value == null) return null;
    rule = rule[0] as Rule;
  }
  const expected = typeof rule === "object" ? "object" : rule in FORMATS ? "string" : rule;
  const received = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  if (received !== expected) {
    issues.push({ path, code: "invalid_type", message: `expected ${expected}, received ${received}` });
  } else if (typeof rule === "object") {
    const object = value as Record<string, unknown>;
    const copy = { ...object };
    for (const key in rule as Fields) {
      copy[key] = checkContract((rule as Fields)[key]!, object[key], issues, [...path, key]);
    }
    return copy;
  } else if (expected !== rule) {
    const [pattern, description] = FORMATS[rule as Format];
    if (!pattern.test(value as string)) {
      issues.push({ path, code: "invalid_format", message: `must be ${description}` });
    }
  }
  return value;
}
