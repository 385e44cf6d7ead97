import {
  createMavenHandlers,
  createMavenSimulator,
  fixtures,
  makeProcessor,
  makeSession,
  MOCK_API_KEY,
} from "@trymaven/mock";
import { startMockServer } from "@trymaven/mock/server";
import { describe, expect, it } from "vitest";

/**
 * Options and overrides are often filled from the environment or a config, where a value may be
 * undefined: `{ port: process.env.PORT ? Number(process.env.PORT) : undefined }`. A property set to
 * undefined must mean what leaving it out means, never "replace the default with undefined".
 */
const missing = undefined;

const API = "https://api.trymaven.com";
const id = fixtures.stripeChargeSuccess.session_id;
const T0 = Date.parse("2026-11-24T15:00:00.000Z");
const get = (sessionId: string, headers: Record<string, string> = {}) =>
  new Request(`${API}/v1/sessions/${sessionId}`, { headers });

describe("a property set to undefined is a property left out", () => {
  it("addSession: a scenario's session overrides set to undefined keep the scenario's fields, id and times", () => {
    const now = () => T0;
    const plain = createMavenSimulator({ fixtures: false, now }).addSession({ scenario: "authorizedThenTransfer" });
    const simulator = createMavenSimulator({ fixtures: false, now });
    const added = simulator.addSession({
      scenario: "authorizedThenTransfer",
      sessionId: missing,
      advanceBy: missing,
      timeScale: missing,
      session: {
        session_id: missing,
        gateway: missing,
        amount: missing,
        description: missing,
        created_at: missing,
        expires_at: missing,
      },
    });
    // Spread over the scenario's fields, the undefined values erased them: the session came out with
    // makeSession's defaults (another id, a Stripe gateway, $149.00, a fixed created_at).
    expect(added).toStrictEqual(plain);
    expect(simulator.getSession(plain.session_id)).toStrictEqual(plain);
  });

  it("makeSession and makeProcessor: a processor or error field set to undefined keeps its default", () => {
    expect(makeSession({ processor: { card_last4: missing, card_brand: "mastercard" } }).processor).toStrictEqual({
      ...makeSession().processor,
      card_brand: "mastercard",
    });
    expect(makeSession({ status: "payment-failed", error: { code: "expired_card", message: missing } }).error).toEqual({
      code: "expired_card",
      message: null,
    });
    expect(makeProcessor({ card_brand: missing, card_last4: "4242" })).toStrictEqual(
      makeProcessor({ card_last4: "4242" }),
    );
  });

  it("updateSession: a processor or error field set to undefined keeps the session's", () => {
    const simulator = createMavenSimulator();
    const before = simulator.getSession(id)!;
    const after = simulator.updateSession(id, { processor: { card_last4: missing }, transfer_status: missing });
    expect(after.processor).toStrictEqual(before.processor);
    expect(after.transfer_status).toBe(before.transfer_status);
    const declined = fixtures.cardDeclined.session_id;
    const error = simulator.updateSession(declined, { error: { code: "do_not_honor", message: missing } }).error;
    expect(error).toStrictEqual({ code: "do_not_honor", message: null });
  });

  it("a wrong-type fault with value undefined sends its default value, not a missing field", async () => {
    const simulator = createMavenSimulator();
    simulator.injectFault({ type: "wrong-type", field: missing, value: missing });
    const body = (await (await simulator.handle(get(id, { authorization: `Bearer ${MOCK_API_KEY}` }))).json()) as {
      amount: unknown;
    };
    expect(body.amount).toBe(Number(fixtures.stripeChargeSuccess.amount));
  });

  it("the simulator's, the handlers' and injectFault's options", async () => {
    const simulator = createMavenSimulator({
      now: missing,
      fixtures: missing,
      sessions: missing,
      requireAuth: missing,
      apiKey: missing,
      latencyMs: missing,
      rateLimit: missing,
    });
    expect(simulator.listSessions()).toHaveLength(createMavenSimulator().listSessions().length);
    expect((await simulator.handle(get(id))).status).toBe(401);
    const fault = simulator.injectFault(503, { sessionId: missing, times: missing });
    expect(fault).toMatchObject({ sessionId: null, remaining: 1 });

    const limited = createMavenSimulator({ rateLimit: { limit: missing, windowMs: missing } });
    const statuses = [];
    for (let i = 0; i < 21; i++) {
      statuses.push((await limited.handle(get(id, { authorization: `Bearer ${MOCK_API_KEY}` }))).status);
    }
    expect(statuses.filter((status) => status === 429)).toHaveLength(1);

    const handlers = createMavenHandlers({ baseUrl: missing, simulator: missing, requireAuth: missing });
    expect((await handlers.simulator.handle(get(id))).status).toBe(401);
  });

  it("startMockServer's options", async () => {
    const mock = await startMockServer({
      port: missing,
      host: missing,
      simulator: missing,
      control: missing,
      cors: missing,
    });
    try {
      expect(mock.host).toBe("127.0.0.1");
      expect(mock.port).toBeGreaterThan(0);
      expect((await fetch(`${mock.url}/__mock/stats`)).status).toBe(200);
      expect((await fetch(`${mock.url}/v1/sessions/${id}`)).headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await mock.close();
    }
  });
});
