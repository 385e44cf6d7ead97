/** Stripe: PaymentIntent, Charge, PaymentMethod and Customer ids, with dashboard links. */
import type { Environment, FieldSpec } from "./types.js";

/**
 * The Stripe dashboard page of a payment (`pi_...` or `ch_...`) or customer (`cus_...`):
 * `https://dashboard.stripe.com/payments/pi_123`, with `/test/` after the host in test mode.
 * These paths are observed conventions, not documented by Stripe.
 *
 * @returns the URL, or `undefined` for any other kind of id, or an environment other than `"test"`
 *   or `"live"` (no page is guessed, and an unclear environment never links to the live dashboard).
 */
export function stripeDashboardUrl(id: string, environment: Environment): string | undefined {
  const section = /^(?:pi|ch)_/.test(id) ? "payments" : id.startsWith("cus_") ? "customers" : undefined;
  if (!section || (environment !== "test" && environment !== "live")) return undefined;
  const mode = environment === "test" ? "/test" : "";
  return `https://dashboard.stripe.com${mode}/${section}/${encodeURIComponent(id)}`;
}

/** Stripe's processor fields in display order, the payment first. */
export const STRIPE_FIELDS: readonly FieldSpec[] = [
  { key: "stripe_payment_intent_id", label: "Payment intent ID", kind: "id", href: stripeDashboardUrl },
  { key: "stripe_charge_id", label: "Charge ID", kind: "id", href: stripeDashboardUrl },
  { key: "payment_method_id", label: "Payment method ID", kind: "id" },
  { key: "stripe_customer_id", label: "Customer ID", kind: "id", href: stripeDashboardUrl },
];
