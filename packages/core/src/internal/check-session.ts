/**
 * The contract check on the client's path, written without zod.
 *
 * `sessionSchema` (schema.ts) stays the contract users compose with. Fetching a
 * session checks the same contract here instead, so that `createMavenClient`
 * does not bundle zod (about 6.8 kB gzip with the schemas) and a poll validates in about the time
 * of a hand-written type guard. schema.test.ts proves the two agree on valid and
 * broken bodies: the same verdict, the same parsed value, the same issue paths
 * and codes, in the same order (fields are checked in `sessionSchema`'s order).
 *
 * Written for speed, since it runs on every poll: each field is read by name (a
 * hand-written guard's fast property access, not a lookup by key from a table),
 * and issue paths are built only when there is an issue. Module-level values are
 * literals (and one call marked pure), so a bundle that never fetches drops this file.
 */
import { AMOUNT_PATTERN } from "../amount.js";
import type { ContractIssue } from "../errors.js";
import { TIMESTAMP_PATTERN, UUID_PATTERN } from "./patterns.js";

type Issues = ContractIssue[];
type Body = Record<string, unknown>;
/** A JS type, or a format: a string matching a pattern, described for the issue when it does not. */
type Kind = "string" | "boolean" | Format;
type Format = readonly [pattern: RegExp, description: string];

const UUID: Format = [UUID_PATTERN, "a UUID"];
const AMOUNT: Format = [AMOUNT_PATTERN, "a decimal string"];
const TIMESTAMP: Format = [TIMESTAMP_PATTERN, "an ISO 8601 date-time"];

const ROOT: PropertyKey[] = [];
const ERROR: PropertyKey[] = ["error"];

/**
 * Every processor field is a nullable string; `processorSchema`'s order. One string split once at load
 * (a build joins the pieces): smaller in a bundle than 23 quoted strings. Marked pure, so a bundle that
 * never fetches still drops it.
 */
const PROCESSOR_FIELDS = /* @__PURE__ */ (
  "card_brand " +
  "card_last4 " +
  "receipt_url " +
  "stripe_charge_id " +
  "stripe_payment_intent_id " +
  "payment_method_id " +
  "stripe_customer_id " +
  "authnet_transaction_id " +
  "authnet_auth_code " +
  "authnet_response_code " +
  "authnet_avs_result_code " +
  "authnet_cvv_result_code " +
  "authnet_cavv_result_code " +
  "authnet_network_trans_id " +
  "authnet_capture_status " +
  "authnet_customer_profile_id " +
  "authnet_payment_profile_id " +
  "braintree_transaction_id " +
  "braintree_customer_id " +
  "braintree_payment_method_token " +
  "shift4_charge_id " +
  "shift4_customer_id " +
  "shift4_card_id"
).split(" ");

/**
 * Checks a session body, appending what is wrong to `issues`, and returns a copy
 * with absent nullable fields set to `null` (unknown fields kept). The result is
 * only meaningful when no issue was added.
 */
export function checkSession(body: unknown, issues: Issues): unknown {
  if (!isObject(body)) return mismatch(issues, [], "object", body);
  // Field by field in sessionSchema's order, so the issues come out in the same order.
  const copy = ownCopy(body);
  check(issues, ROOT, "session_id", body.session_id, UUID);
  check(issues, ROOT, "status", body.status);
  check(issues, ROOT, "is_terminal", body.is_terminal, "boolean");
  copy.processor = nested(issues, "processor", body.processor, checkProcessor);
  copy.error = nested(issues, "error", body.error, checkError);
  check(issues, ROOT, "amount", body.amount, AMOUNT);
  check(issues, ROOT, "currency", body.currency);
  check(issues, ROOT, "mode", body.mode);
  copy.description = check(issues, ROOT, "description", body.description, "string", true);
  check(issues, ROOT, "caller", body.caller);
  check(issues, ROOT, "project_slug", body.project_slug);
  check(issues, ROOT, "gateway", body.gateway);
  copy.callback = check(issues, ROOT, "callback", body.callback, "string", true);
  copy.memory = check(issues, ROOT, "memory", body.memory, "string", true);
  copy.transfer_status = check(issues, ROOT, "transfer_status", body.transfer_status, "string", true);
  check(issues, ROOT, "created_at", body.created_at, TIMESTAMP);
  check(issues, ROOT, "updated_at", body.updated_at, TIMESTAMP);
  copy.expires_at = check(issues, ROOT, "expires_at", body.expires_at, TIMESTAMP, true);
  copy.completed_at = check(issues, ROOT, "completed_at", body.completed_at, TIMESTAMP, true);
  return copy;
}

function checkProcessor(processor: Body, issues: Issues): Body {
  const copy = ownCopy(processor);
  for (const key of PROCESSOR_FIELDS) {
    const value = processor[key];
    // Stored only when absent: a JSON null is already null in the copy.
    if (value === undefined) copy[key] = null;
    // The common case (a string) tested inline: this loop runs for 23 fields on every poll.
    else if (value !== null && typeof value !== "string") mismatch(issues, ["processor", key], "string", value);
  }
  return copy;
}

function checkError(error: Body, issues: Issues): Body {
  const copy = ownCopy(error);
  copy.code = check(issues, ERROR, "code", error.code);
  copy.message = check(issues, ERROR, "message", error.message, "string", true);
  return copy;
}

/**
 * A shallow copy without an own `__proto__` key (JSON.parse makes one from `"__proto__": …`), as zod
 * drops it: code that copies the session by assignment, as structural sharing does, would otherwise
 * turn its value into the copy's prototype.
 */
function ownCopy(object: Body): Body {
  const copy = { ...object };
  // Checked first: a `delete` on every poll slows the copy down even when there is nothing to delete.
  if (Object.hasOwn(copy, "__proto__")) delete copy.__proto__;
  return copy;
}

/** A scalar field: of `kind` (a string by default), or (when `nullable`) absent or `null`, which reads as `null`. */
function check(
  issues: Issues,
  path: PropertyKey[],
  key: string,
  value: unknown,
  kind: Kind = "string",
  nullable?: boolean,
) {
  if (nullable && value == null) return null;
  const type = typeof kind === "string" ? kind : "string";
  if (typeof value !== type) {
    mismatch(issues, [...path, key], type, value);
  } else if (typeof kind !== "string" && !kind[0].test(value as string)) {
    issues.push({ path: [...path, key], code: "invalid_format", message: `must be ${kind[1]}` });
  }
  return value;
}

/** A nullable object field, checked by `checkObject` when present. */
function nested(issues: Issues, key: string, value: unknown, checkObject: (object: Body, issues: Issues) => Body) {
  if (value == null) return null;
  return isObject(value) ? checkObject(value, issues) : mismatch(issues, [key], "object", value);
}

/** Records that the value at `path` is not of the `expected` type; returns the value. */
function mismatch(issues: Issues, path: PropertyKey[], expected: string, value: unknown) {
  const received = value === null ? "null" : Array.isArray(value) ? "array" : typeof value;
  issues.push({
    path,
    code: "invalid_type",
    message: `expected ${expected}, received ${received}`,
  });
  return value;
}

const isObject = (value: unknown): value is Body =>
  typeof value === "object" && value !== null && !Array.isArray(value);
