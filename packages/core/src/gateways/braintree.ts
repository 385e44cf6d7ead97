/** Braintree: no dashboard links, because its URLs need a merchant id the API does not return. */
import type { FieldSpec } from "./types.js";

/** Braintree's processor fields in display order, the transaction first. */
export const BRAINTREE_FIELDS: readonly FieldSpec[] = [
  { key: "braintree_transaction_id", label: "Transaction ID", kind: "id" },
  { key: "braintree_customer_id", label: "Customer ID", kind: "id" },
  { key: "braintree_payment_method_token", label: "Payment method token", kind: "id" },
];
