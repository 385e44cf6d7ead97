/**
 * Sessions as the Maven API returns them, one per gateway, mode and status.
 *
 * Ids are fixed v4 UUIDs and timestamps are fixed, so screenshots and
 * assertions are stable. Timestamps use the `+00:00` microsecond form a
 * Python (FastAPI) back end emits. Gateway ids follow each gateway's real
 * prefixes and lengths but are made up. Phone numbers are from ranges reserved
 * for fiction (+1 ... 555-01xx, +44 20 7946 0xxx).
 */
import type { Session } from "@trymaven/core";
import { makeProcessor, makeSession as buildSession } from "./make-session.js";

/** Fixtures are shared by every test in a run: freeze them so a mutation fails loudly instead of leaking. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function makeSession(...args: Parameters<typeof buildSession>): Session {
  return deepFreeze(buildSession(...args));
}

/** Waiting for the call to start collecting the card. */
export const pendingSession: Session = makeSession({
  session_id: "31769512-f236-46d4-9946-69655bb5c6df",
  status: "pending",
  amount: "89.50",
  description: "Invoice INV-2026-0931",
  caller: "+14155550142",
  created_at: "2026-11-24T15:02:11.482913+00:00",
  updated_at: "2026-11-24T15:02:11.482913+00:00",
  expires_at: "2026-11-24T15:17:11.482913+00:00",
});

/** The caller is keying in their card. */
export const collectingSession: Session = makeSession({
  session_id: "aace3551-9d21-425e-a1ef-32dc35dbd33e",
  status: "collecting",
  amount: "240.00",
  description: "Deposit for crown fitting",
  caller: "+14155550178",
  created_at: "2026-11-24T15:05:40.117024+00:00",
  updated_at: "2026-11-24T15:06:02.903551+00:00",
  expires_at: "2026-11-24T15:20:40.117024+00:00",
});

/** Stripe charge captured: payment intent, charge, payment method and receipt. */
export const stripeChargeSuccessSession: Session = makeSession({
  session_id: "a7b75ea6-7a48-454c-8e03-d2ff5256b2cc",
  status: "payment-success",
  gateway: "stripe",
  mode: "charge",
  amount: "149.00",
  callback: "+18005550199",
  created_at: "2026-11-24T14:41:03.220187+00:00",
  updated_at: "2026-11-24T14:42:37.661402+00:00",
  expires_at: "2026-11-24T14:56:03.220187+00:00",
  completed_at: "2026-11-24T14:42:37.661402+00:00",
});

/** Stripe card saved for later (tokenize, amount 0): payment method and customer on the connected account. */
export const stripeTokenizeSuccessSession: Session = makeSession({
  session_id: "dba6ea77-357d-4a32-9de0-9d594794eef2",
  status: "payment-success",
  gateway: "stripe",
  mode: "tokenize",
  amount: "0",
  caller: "+14155550161",
  created_at: "2026-11-24T13:12:45.004311+00:00",
  updated_at: "2026-11-24T13:13:58.771920+00:00",
  expires_at: "2026-11-24T13:27:45.004311+00:00",
  completed_at: "2026-11-24T13:13:58.771920+00:00",
});

/** Authorize.net sale, captured automatically, with AVS/CVV/CAVV results and CIM profile ids. */
export const authorizenetCaptureSuccessSession: Session = makeSession({
  session_id: "8d69c76a-1c0f-4df9-ac65-1ed97a4486bf",
  status: "payment-success",
  gateway: "authorizenet",
  mode: "charge",
  amount: "1250.00",
  description: "Orthodontic treatment, first instalment",
  caller: "+13125550107",
  project_slug: "lakeshore-ortho",
  processor: {
    card_brand: "MasterCard",
    card_last4: "5454",
    authnet_transaction_id: "80041531966",
    authnet_auth_code: "7HJQ2P",
    authnet_network_trans_id: "MCC0192837465",
    authnet_customer_profile_id: "524871963",
    authnet_payment_profile_id: "536120478",
  },
  created_at: "2026-11-24T16:20:17.590044+00:00",
  updated_at: "2026-11-24T16:22:05.318876+00:00",
  expires_at: "2026-11-24T16:35:17.590044+00:00",
  completed_at: "2026-11-24T16:22:05.318876+00:00",
});

/** Authorize.net auth-only: funds held, not captured (`payment-authorized`, capture status `authorized`). */
export const authorizenetAuthOnlySession: Session = makeSession({
  session_id: "07a4f32c-741a-49d0-bd4c-c8411c113a7b",
  status: "payment-authorized",
  gateway: "authorizenet",
  mode: "charge",
  amount: "500.00",
  description: "Security deposit hold, room 214",
  caller: "+13125550133",
  project_slug: "harbor-view-hotel",
  processor: {
    card_brand: "AmericanExpress",
    card_last4: "0005",
    authnet_transaction_id: "80041532008",
    authnet_auth_code: "A41C9Z",
    authnet_avs_result_code: "A",
    authnet_cvv_result_code: "M",
    authnet_cavv_result_code: "",
    authnet_network_trans_id: "000987654321098",
    authnet_capture_status: "authorized",
  },
  created_at: "2026-11-24T18:03:29.845210+00:00",
  updated_at: "2026-11-24T18:04:51.002637+00:00",
  expires_at: "2026-11-24T18:18:29.845210+00:00",
  completed_at: "2026-11-24T18:04:51.002637+00:00",
});

/** Authorize.net card saved to CIM (tokenize). */
export const authorizenetTokenizeSuccessSession: Session = makeSession({
  session_id: "cae2d643-e1ef-4858-a89d-3ecf50a9b3f6",
  status: "payment-success",
  gateway: "authorizenet",
  mode: "tokenize",
  amount: "0.00",
  caller: "+13125550188",
  project_slug: "lakeshore-ortho",
  created_at: "2026-11-24T11:45:00.318201+00:00",
  updated_at: "2026-11-24T11:46:12.994005+00:00",
  expires_at: "2026-11-24T12:00:00.318201+00:00",
  completed_at: "2026-11-24T11:46:12.994005+00:00",
});

/** Braintree sale. */
export const braintreeChargeSuccessSession: Session = makeSession({
  session_id: "93b4c9d0-b545-44a1-9fc6-c384c63c407e",
  status: "payment-success",
  gateway: "braintree",
  mode: "charge",
  amount: "64.20",
  currency: "USD",
  description: "Grooming package",
  caller: "+16465550119",
  project_slug: "paws-and-claws",
  processor: { card_brand: "American Express", card_last4: "0005", braintree_transaction_id: "kq9w3z7e" },
  created_at: "2026-11-24T10:10:10.101010+00:00",
  updated_at: "2026-11-24T10:11:24.582143+00:00",
  expires_at: "2026-11-24T10:25:10.101010+00:00",
  completed_at: "2026-11-24T10:11:24.582143+00:00",
});

/** Braintree card vaulted (tokenize): customer and payment method token. */
export const braintreeTokenizeSuccessSession: Session = makeSession({
  session_id: "81323590-f419-4cbc-9be6-6d3051842e5d",
  status: "payment-success",
  gateway: "braintree",
  mode: "tokenize",
  amount: "0.00",
  caller: "+16465550124",
  project_slug: "paws-and-claws",
  processor: { card_brand: "Apple Pay - Visa", card_last4: "1881" },
  created_at: "2026-11-24T10:30:45.760004+00:00",
  updated_at: "2026-11-24T10:31:40.115882+00:00",
  expires_at: "2026-11-24T10:45:45.760004+00:00",
  completed_at: "2026-11-24T10:31:40.115882+00:00",
});

/** Shift4 charge (`char_`). */
export const shift4ChargeSuccessSession: Session = makeSession({
  session_id: "cf8bf149-d4c3-4650-bbe7-10965a73bc00",
  status: "payment-success",
  gateway: "shift4",
  mode: "charge",
  amount: "32.75",
  description: "Takeaway order #5521",
  caller: "+17185550156",
  project_slug: "bella-trattoria",
  processor: { card_brand: "MasterCard", card_last4: "4444" },
  created_at: "2026-11-24T19:48:02.441930+00:00",
  updated_at: "2026-11-24T19:49:10.073318+00:00",
  expires_at: "2026-11-24T20:03:02.441930+00:00",
  completed_at: "2026-11-24T19:49:10.073318+00:00",
});

/** Shift4 card saved (tokenize): customer and `card_` id. */
export const shift4TokenizeSuccessSession: Session = makeSession({
  session_id: "67b2d9c6-5c62-456a-b5a4-1058f66dabab",
  status: "payment-success",
  gateway: "shift4",
  mode: "tokenize",
  amount: "0.00",
  caller: "+17185550190",
  project_slug: "bella-trattoria",
  created_at: "2026-11-24T20:05:33.900125+00:00",
  updated_at: "2026-11-24T20:06:21.487560+00:00",
  expires_at: "2026-11-24T20:20:33.900125+00:00",
  completed_at: "2026-11-24T20:06:21.487560+00:00",
});

/** Stripe decline: `payment-failed` with `card_declined`. */
export const cardDeclinedSession: Session = makeSession({
  session_id: "8cd4e264-f890-42eb-b6cf-af3299249269",
  status: "payment-failed",
  gateway: "stripe",
  amount: "149.00",
  caller: "+14155550187",
  error: { code: "card_declined", message: "Your card was declined." },
  created_at: "2026-11-24T15:40:12.336712+00:00",
  updated_at: "2026-11-24T15:41:49.208115+00:00",
  expires_at: "2026-11-24T15:55:12.336712+00:00",
  completed_at: "2026-11-24T15:41:49.208115+00:00",
});

/** Authorize.net decline for insufficient funds (response code 2). */
export const insufficientFundsSession: Session = makeSession({
  session_id: "90cd64b4-0795-497a-b017-71b2070f7731",
  status: "payment-failed",
  gateway: "authorizenet",
  amount: "1250.00",
  caller: "+13125550166",
  project_slug: "lakeshore-ortho",
  error: { code: "insufficient_funds", message: "Your card has insufficient funds." },
  created_at: "2026-11-24T16:50:08.003219+00:00",
  updated_at: "2026-11-24T16:51:37.774410+00:00",
  expires_at: "2026-11-24T17:05:08.003219+00:00",
  completed_at: "2026-11-24T16:51:37.774410+00:00",
});

/** Nobody called in before `expires_at`. */
export const expiredSession: Session = makeSession({
  session_id: "f3964644-878e-478a-a850-7dda34dc4985",
  status: "expired",
  amount: "75.00",
  caller: "+14155550111",
  created_at: "2026-11-24T09:00:00.120044+00:00",
  updated_at: "2026-11-24T09:15:00.120044+00:00",
  expires_at: "2026-11-24T09:15:00.120044+00:00",
  completed_at: "2026-11-24T09:15:00.120044+00:00",
});

/** Cancelled by the merchant (`POST /v1/sessions/{id}/cancel`) before a card was taken. */
export const cancelledSession: Session = makeSession({
  session_id: "6986a487-65a0-4cf0-909d-0a87262e0261",
  status: "cancelled",
  gateway: "braintree",
  amount: "18.00",
  caller: "+16465550135",
  project_slug: "paws-and-claws",
  created_at: "2026-11-24T12:20:19.553108+00:00",
  updated_at: "2026-11-24T12:21:02.019934+00:00",
  expires_at: "2026-11-24T12:35:19.553108+00:00",
  completed_at: "2026-11-24T12:21:02.019934+00:00",
});

/** The caller hung up while keying in the card. */
export const abandonedSession: Session = makeSession({
  session_id: "4f91bde9-fa4c-4b5a-83a9-510fcbd86104",
  status: "abandoned",
  gateway: "shift4",
  amount: "56.40",
  caller: "+442079460321",
  currency: "GBP",
  project_slug: "bella-trattoria",
  created_at: "2026-11-24T21:14:55.870321+00:00",
  updated_at: "2026-11-24T21:16:08.412776+00:00",
  expires_at: "2026-11-24T21:29:55.870321+00:00",
  completed_at: "2026-11-24T21:16:08.412776+00:00",
});

/**
 * A gateway the toolkit does not know yet (`fiserv`), with a processor field of
 * its own: renderers must fall back to a generic field list.
 */
export const unknownGatewaySession: Session = makeSession({
  session_id: "c5618aea-3140-4bdb-81d3-93c7e19aebfe",
  status: "payment-success",
  gateway: "fiserv",
  amount: "410.00",
  currency: "CAD",
  description: "Winter tyre installation",
  caller: "+16045550172",
  project_slug: "northshore-auto",
  processor: makeProcessor({
    card_brand: "Visa",
    card_last4: "0019",
    fiserv_transaction_id: "84539613911",
    fiserv_approval_code: "OK4821",
  }),
  created_at: "2026-11-24T17:25:41.300508+00:00",
  updated_at: "2026-11-24T17:27:13.965217+00:00",
  expires_at: "2026-11-24T17:40:41.300508+00:00",
  completed_at: "2026-11-24T17:27:13.965217+00:00",
});

const LONG_MEMORY = [
  "Caller: Zoë Castellanos-Whitfield (patient #48213, DOB on file). Calling about invoice INV-2026-0931",
  "for the crown fitting on 18 Nov; insurance (Delta Dental PPO, member ID ending 7720) covered 50%, balance",
  "due $1,250.00. She asked whether the remaining balance could be split across two cards; agent explained",
  "only one card per session, and offered a payment plan (3 × $416.67) which she declined.",
  "",
  "Agent notes: prefers afternoon calls after 2 pm Pacific; hard of hearing on the left side, speak slowly.",
  "Wants an emailed receipt to the address on file, not SMS. Follow-up: book a 6-month cleaning and confirm",
  'the night-guard impression appointment (Dr. Okafor, 4 Dec). Mentioned a "billing error last year" —',
  "check ledger adjustments before the next statement. Transfer back to front desk (ext. 204) after payment",
  "so Maria can confirm the appointment in person.",
].join("\n");

/** Paid, then transferred back to the merchant: a long `memory` and a filled-in `transfer_status`. */
export const transferWithMemorySession: Session = makeSession({
  session_id: "80f7ec5c-03f3-4347-a2d6-e289e97a3514",
  status: "payment-success",
  gateway: "stripe",
  amount: "1250.00",
  description: "Balance for invoice INV-2026-0931",
  caller: "+14155550142",
  callback: "+14155550100",
  memory: LONG_MEMORY,
  transfer_status: "completed",
  processor: {
    card_brand: "mastercard",
    card_last4: "4444",
    stripe_charge_id: "ch_3QKsF2Lm4TzR9xWv1nB7cX3D",
    stripe_payment_intent_id: "pi_3QKsF2Lm4TzR9xWv1T0eGh6K",
  },
  created_at: "2026-11-24T15:58:30.011873+00:00",
  updated_at: "2026-11-24T16:01:47.390112+00:00",
  expires_at: "2026-11-24T16:13:30.011873+00:00",
  completed_at: "2026-11-24T16:00:22.845530+00:00",
});

/** Every fixture, by a descriptive name. Frozen; `getFixture` and `listFixtures` return copies you may change. */
export const fixtures = {
  pending: pendingSession,
  collecting: collectingSession,
  stripeChargeSuccess: stripeChargeSuccessSession,
  stripeTokenizeSuccess: stripeTokenizeSuccessSession,
  authorizenetCaptureSuccess: authorizenetCaptureSuccessSession,
  authorizenetAuthOnly: authorizenetAuthOnlySession,
  authorizenetTokenizeSuccess: authorizenetTokenizeSuccessSession,
  braintreeChargeSuccess: braintreeChargeSuccessSession,
  braintreeTokenizeSuccess: braintreeTokenizeSuccessSession,
  shift4ChargeSuccess: shift4ChargeSuccessSession,
  shift4TokenizeSuccess: shift4TokenizeSuccessSession,
  cardDeclined: cardDeclinedSession,
  insufficientFunds: insufficientFundsSession,
  expired: expiredSession,
  cancelled: cancelledSession,
  abandoned: abandonedSession,
  unknownGateway: unknownGatewaySession,
  transferWithMemory: transferWithMemorySession,
} as const satisfies Record<string, Session>;

/** The name of a fixture in {@link fixtures}. */
export type FixtureName = keyof typeof fixtures;

/** A deep copy of one fixture, safe to modify. */
export function getFixture(name: FixtureName): Session {
  return structuredClone(fixtures[name]);
}

/** Every fixture as `{ name, session }` (deep copies), in a stable order: handy for `it.each` and "all states" stories. */
export function listFixtures(): Array<{ name: FixtureName; session: Session }> {
  return (Object.keys(fixtures) as FixtureName[]).map((name) => ({ name, session: getFixture(name) }));
}
