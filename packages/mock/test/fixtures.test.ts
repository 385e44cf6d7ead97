import { KNOWN_GATEWAYS, KNOWN_STATUSES, isSessionId, sessionSchema } from "@trymaven/core";
import { describe, expect, it } from "vitest";
import {
  API_KEY_PATTERN,
  MOCK_API_KEY,
  fixtures,
  getFixture,
  listFixtures,
  makeSession,
  stripeChargeSuccessSession,
} from "@trymaven/mock";

const V4_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

describe("fixtures", () => {
  it.each(listFixtures())("$name parses with core's sessionSchema", ({ session }) => {
    const result = sessionSchema.safeParse(session);
    expect(result.success, JSON.stringify(result.error?.issues)).toBe(true);
  });

  it.each(listFixtures())("$name has a v4 id, an E.164 caller and ISO timestamps", ({ session }) => {
    expect(session.session_id).toMatch(V4_UUID);
    expect(session.caller).toMatch(E164);
    for (const field of ["created_at", "updated_at", "expires_at", "completed_at"] as const) {
      const value = session[field];
      if (value !== null) expect(Number.isNaN(Date.parse(value)), `${field} ${value}`).toBe(false);
    }
    expect(session.is_terminal).toBe(session.completed_at !== null);
  });

  it("have unique ids", () => {
    const ids = listFixtures().map(({ session }) => session.session_id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("cover every documented status and gateway, plus an unknown gateway with its own processor field", () => {
    const sessions = Object.values(fixtures);
    expect(new Set(sessions.map((s) => s.status))).toEqual(new Set(KNOWN_STATUSES));
    for (const gateway of KNOWN_GATEWAYS) {
      expect(sessions.some((s) => s.gateway === gateway && s.mode === "charge" && s.status === "payment-success")).toBe(
        true,
      );
    }
    expect(fixtures.unknownGateway.gateway).toBe("fiserv");
    expect(fixtures.unknownGateway.processor).toHaveProperty("fiserv_transaction_id");
  });

  it("use each gateway's id formats", () => {
    const stripe = fixtures.stripeChargeSuccess.processor!;
    expect(stripe.stripe_payment_intent_id).toMatch(/^pi_/);
    expect(stripe.stripe_charge_id).toMatch(/^ch_/);
    expect(stripe.receipt_url).toMatch(/^https:\/\/pay\.stripe\.com\/receipts\//);
    const tokenized = fixtures.stripeTokenizeSuccess.processor!;
    expect(tokenized.payment_method_id).toMatch(/^pm_/);
    expect(tokenized.stripe_customer_id).toMatch(/^cus_/);
    const authnet = fixtures.authorizenetCaptureSuccess.processor!;
    expect(authnet.authnet_transaction_id).toMatch(/^\d+$/);
    expect(authnet.authnet_response_code).toBe("1");
    expect(authnet.authnet_capture_status).toBe("captured");
    expect(fixtures.shift4ChargeSuccess.processor!.shift4_charge_id).toMatch(/^char_/);
    expect(fixtures.shift4TokenizeSuccess.processor!.shift4_card_id).toMatch(/^card_/);
  });

  it("model Authorize.net auth-only as payment-authorized with capture status authorized", () => {
    const session = fixtures.authorizenetAuthOnly;
    expect(session).toMatchObject({ status: "payment-authorized", is_terminal: true, gateway: "authorizenet" });
    expect(session.processor!.authnet_capture_status).toBe("authorized");
  });

  it("give failed sessions an error code and a message", () => {
    expect(fixtures.cardDeclined.error).toEqual({ code: "card_declined", message: "Your card was declined." });
    expect(fixtures.insufficientFunds.error?.code).toBe("insufficient_funds");
  });

  it("include a long memory and a transfer status", () => {
    expect(fixtures.transferWithMemory.memory!.length).toBeGreaterThan(500);
    expect(fixtures.transferWithMemory.transfer_status).not.toBeNull();
  });

  it("are frozen, while getFixture returns a copy that may be changed", () => {
    expect(() => {
      (stripeChargeSuccessSession as { status: string }).status = "expired";
    }).toThrow(TypeError);
    const copy = getFixture("stripeChargeSuccess");
    copy.status = "expired";
    copy.processor!.card_last4 = "0000";
    expect(fixtures.stripeChargeSuccess.status).toBe("payment-success");
    expect(fixtures.stripeChargeSuccess.processor!.card_last4).toBe("4242");
  });
});

describe("makeSession", () => {
  it("builds a valid session with no arguments", () => {
    const session = makeSession();
    expect(sessionSchema.safeParse(session).success).toBe(true);
    expect(isSessionId(session.session_id)).toBe(true);
  });

  it("keeps is_terminal, completed_at and processor consistent with the status", () => {
    const pending = makeSession({ status: "pending" });
    expect(pending).toMatchObject({ is_terminal: false, completed_at: null, processor: null, error: null });
    const failed = makeSession({ status: "payment-failed" });
    expect(failed.is_terminal).toBe(true);
    expect(failed.completed_at).toBe(failed.updated_at);
    expect(failed.error?.code).toBe("card_declined");
  });

  it("deep-merges a partial processor over the gateway's defaults", () => {
    const session = makeSession({ gateway: "authorizenet", processor: { authnet_avs_result_code: "N" } });
    expect(session.processor).toMatchObject({ authnet_avs_result_code: "N", authnet_response_code: "1" });
    expect(session.processor!.authnet_transaction_id).toMatch(/^\d+$/);
    expect(session.processor!.stripe_charge_id).toBeNull();
    expect(sessionSchema.safeParse(session).success).toBe(true);
  });

  it("derives tokenize defaults and honours explicit overrides, including null", () => {
    const session = makeSession({ mode: "tokenize", gateway: "braintree", processor: null, description: null });
    expect(session).toMatchObject({ amount: "0.00", processor: null, description: null });
    expect(makeSession({ status: undefined }).status).toBe("payment-success");
  });

  it("ends an expired session at the expires_at it is given", () => {
    const session = makeSession({
      status: "expired",
      created_at: "2026-11-24T09:00:00.000000+00:00",
      expires_at: "2026-11-24T09:05:00.000000+00:00",
    });
    expect(session).toMatchObject({
      expires_at: "2026-11-24T09:05:00.000000+00:00",
      updated_at: "2026-11-24T09:05:00.000000+00:00",
      completed_at: "2026-11-24T09:05:00.000000+00:00",
    });
    // Without one, it expires (and ended) 15 minutes after it was created.
    expect(makeSession({ status: "expired", created_at: "2026-11-24T09:00:00.000Z" })).toMatchObject({
      expires_at: "2026-11-24T09:15:00.000Z",
      completed_at: "2026-11-24T09:15:00.000Z",
    });
  });

  it("keeps extra fields the API might add", () => {
    expect(makeSession({ refund_status: "none" } as never)).toHaveProperty("refund_status", "none");
  });
});

describe("MOCK_API_KEY", () => {
  it("is a test key with exactly 32 characters after the prefix", () => {
    expect(MOCK_API_KEY.startsWith("mvn_test_")).toBe(true);
    expect(MOCK_API_KEY.slice("mvn_test_".length)).toHaveLength(32);
    expect(MOCK_API_KEY).toMatch(API_KEY_PATTERN);
  });
});
