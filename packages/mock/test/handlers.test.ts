import {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  createMavenClient,
  InternalServerError,
  type MavenError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  UnprocessableEntityError,
} from "@trymaven/core";
import {
  createMavenHandlers,
  createMavenSimulator,
  defineScenario,
  fixtures,
  listFixtures,
  MOCK_API_KEY,
  type FaultInput,
  type MavenSimulator,
} from "@trymaven/mock";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";

const API = "https://api.trymaven.com";
const id = fixtures.stripeChargeSuccess.session_id;
const other = fixtures.pending.session_id;

const simulator = createMavenSimulator();
const handlers = createMavenHandlers(simulator);
const server = setupServer(...handlers);
const maven = createMavenClient({ apiKey: MOCK_API_KEY, maxRetries: 0 });
const auth = { authorization: `Bearer ${MOCK_API_KEY}` };

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  simulator.reset();
});
afterAll(() => server.close());

/** The error a promise rejects with (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

describe("serving sessions", () => {
  it("exposes the simulator it serves", () => {
    expect(handlers.simulator).toBe(simulator);
  });

  it.each(listFixtures())("serves the $name fixture exactly as core parses it", async ({ session }) => {
    expect(await maven.sessions.get(session.session_id)).toEqual(session);
  });

  it("finds a session whatever the case of the id", async () => {
    const session = await maven.sessions.get(id.toUpperCase());
    expect(session.session_id).toBe(id);
  });

  it("answers an unknown id with 404 Session not found", async () => {
    const error = await rejection(maven.sessions.get("00000000-0000-4000-8000-000000000000"));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).body).toEqual({ detail: "Session not found" });
  });

  it("answers an id that is not a UUID with FastAPI's 422", async () => {
    const response = await fetch(`${API}/v1/sessions/not-a-uuid`, {
      headers: { authorization: `Bearer ${MOCK_API_KEY}` },
    });
    expect(response.status).toBe(422);
    const body = (await response.json()) as { detail: Array<{ loc: unknown; msg: string; type: string }> };
    expect(body.detail[0]).toMatchObject({ loc: ["path", "session_id"], type: "uuid_parsing", input: "not-a-uuid" });
    expect(body.detail[0]!.msg).toMatch(/valid UUID/);
  });

  it("answers other methods with 405", async () => {
    const response = await fetch(`${API}/v1/sessions/${id}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${MOCK_API_KEY}` },
    });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET");
  });
});

describe("auth", () => {
  it("answers a request without a key with 401 and a detail", async () => {
    const response = await fetch(`${API}/v1/sessions/${id}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail: "Not authenticated" });
  });

  it("rejects a malformed key with AuthenticationError", async () => {
    const client = createMavenClient({ apiKey: "mvn_test_tooshort", maxRetries: 0 });
    const error = await rejection(client.sessions.get(id));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).message).not.toContain("tooshort");
  });

  it("accepts any well-formed live or test key by default", async () => {
    const client = createMavenClient({ apiKey: `mvn_live_${"A1".repeat(16)}`, maxRetries: 0 });
    expect((await client.sessions.get(id)).session_id).toBe(id);
  });

  it("accepts only the configured key when apiKey is set", async () => {
    const strict = createMavenSimulator({ apiKey: MOCK_API_KEY });
    server.use(...createMavenHandlers(strict));
    const wrong = createMavenClient({ apiKey: `mvn_test_${"x".repeat(32)}`, maxRetries: 0 });
    expect(await rejection(wrong.sessions.get(id))).toBeInstanceOf(AuthenticationError);
    expect((await maven.sessions.get(id)).session_id).toBe(id);
  });

  it("needs no key behind a relative proxy path, and matches that path on any origin", async () => {
    const proxied = createMavenHandlers({ baseUrl: "/api/maven" });
    server.use(...proxied);
    const response = await fetch(`http://localhost:3000/api/maven/v1/sessions/${id}`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { session_id: string }).session_id).toBe(id);
    expect(proxied.simulator.stats().total).toBe(1);
  });

  it("warns when a simulator that requires a key is served at a relative proxy path, and not when it need not", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      createMavenHandlers({ simulator: createMavenSimulator({ requireAuth: false }), baseUrl: "/api/maven" });
      createMavenHandlers({ baseUrl: "/api/maven" });
      createMavenHandlers(createMavenSimulator());
      expect(warn).not.toHaveBeenCalled();
      // Every request from a browser client, which sends no key, would be a 401 no test asked for.
      const given = createMavenSimulator();
      expect(given.requireAuth).toBe(true);
      createMavenHandlers({ simulator: given, baseUrl: "/api/maven" });
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/every request will be answered 401.*requireAuth: false/s);
      expect(createMavenSimulator({ requireAuth: false, apiKey: MOCK_API_KEY }).requireAuth).toBe(true);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("faults", () => {
  const statusFaults: Array<[FaultInput, new (...args: never[]) => MavenError, number]> = [
    [401, AuthenticationError, 401],
    ["unauthorized", AuthenticationError, 401],
    [403, PermissionDeniedError, 403],
    [404, NotFoundError, 404],
    [422, UnprocessableEntityError, 422],
    [500, InternalServerError, 500],
    [502, InternalServerError, 502],
    [503, InternalServerError, 503],
    [{ type: "status", status: 504 }, InternalServerError, 504],
    [{ type: "html-error" }, InternalServerError, 502],
  ];

  it.each(statusFaults)("%j rejects with the matching error class", async (fault, ErrorClass, status) => {
    simulator.injectFault(fault);
    const error = await rejection(maven.sessions.get(id));
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toMatchObject({ status });
  });

  it("422 carries FastAPI's issues", async () => {
    simulator.injectFault(422);
    const error = (await rejection(maven.sessions.get(id))) as UnprocessableEntityError;
    expect(error.detail[0]).toMatchObject({ loc: ["path", "session_id"], type: "uuid_parsing" });
  });

  it("an HTML error page is an error with the page as its body, not a crash", async () => {
    simulator.injectFault({ type: "html-error", status: 503 });
    const error = (await rejection(maven.sessions.get(id))) as InternalServerError;
    expect(error.status).toBe(503);
    expect(String(error.body)).toMatch(/^<html>/);
  });

  it("429 with Retry-After gives RateLimitError.retryAfterMs", async () => {
    simulator.injectFault({ type: "rate-limited", retryAfter: 7 });
    const error = (await rejection(maven.sessions.get(id))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(7_000);
  });

  it("429 without Retry-After gives retryAfterMs null", async () => {
    simulator.injectFault({ type: "rate-limited", retryAfter: null });
    const error = (await rejection(maven.sessions.get(id))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBeNull();
  });

  it("reset drops the connection: APIConnectionError", async () => {
    simulator.injectFault("reset");
    expect(await rejection(maven.sessions.get(id))).toBeInstanceOf(APIConnectionError);
    expect(simulator.requests.at(-1)).toMatchObject({ outcome: "reset", status: null, fault: "reset" });
  });

  it.each<[FaultInput, PropertyKey[]]>([
    ["empty-body", []],
    ["malformed-json", []],
    ["missing-field", ["status"]],
    [{ type: "missing-field", field: "caller" }, ["caller"]],
    ["wrong-type", ["amount"]],
    [{ type: "wrong-type", field: "is_terminal", value: "false" }, ["is_terminal"]],
  ])("%j rejects with ResponseValidationError at %j", async (fault, path) => {
    simulator.injectFault(fault);
    const error = (await rejection(maven.sessions.get(id))) as ResponseValidationError;
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error.issues.map((issue) => issue.path)).toContainEqual(path);
  });

  it("unknown-status passes the contract with the server's is_terminal", async () => {
    simulator.injectFault("unknown-status", { sessionId: other });
    expect(await maven.sessions.get(other)).toMatchObject({ status: "payment-refunded", is_terminal: true });
  });

  it("unknown-gateway passes the contract and keeps the gateway's own fields", async () => {
    simulator.injectFault({ type: "unknown-gateway", gateway: "worldpay" });
    const session = await maven.sessions.get(id);
    expect(session.gateway).toBe("worldpay");
    expect(session.processor).toHaveProperty("adyen_psp_reference");
  });

  it("extra-fields are kept by the parser", async () => {
    simulator.injectFault("extra-fields");
    const session = await maven.sessions.get(id);
    expect(session).toHaveProperty("refund_status", "none");
    expect(session.processor).toHaveProperty("stripe_balance_transaction_id");
  });

  it("oversized sends a multi-megabyte memory", async () => {
    simulator.injectFault("oversized");
    const session = await maven.sessions.get(id);
    expect(session.memory!.length).toBe(2 * 1024 * 1024);
  });

  it("slow delays the normal answer", async () => {
    simulator.injectFault({ type: "slow", delayMs: 80 });
    const started = performance.now();
    expect((await maven.sessions.get(id)).session_id).toBe(id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(70);
  });

  it("slow beyond the client's timeout is a timeout", async () => {
    simulator.injectFault({ type: "slow", delayMs: 5_000 });
    const error = await rejection(maven.sessions.get(id, { timeoutMs: 30 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect(simulator.requests.at(-1)).toMatchObject({ outcome: "aborted", fault: "slow" });
  });

  it("hang never answers until the request is aborted", async () => {
    simulator.injectFault("hang");
    const controller = new AbortController();
    const pending = maven.sessions.get(id, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(simulator.stats()).toMatchObject({ inFlight: 1 });
    controller.abort(new Error("user gave up"));
    expect(await rejection(pending)).toMatchObject({ message: "user gave up" });
    await Promise.resolve();
    expect(simulator.stats()).toMatchObject({ inFlight: 0, byStatus: { aborted: 1 } });
  });

  it("hang ends in the client's timeout", async () => {
    simulator.injectFault("hang");
    expect(await rejection(maven.sessions.get(id, { timeoutMs: 30 }))).toBeInstanceOf(APIConnectionTimeoutError);
  });

  it("answers once by default, then the API is normal again", async () => {
    simulator.injectFault(500);
    expect(await rejection(maven.sessions.get(id))).toBeInstanceOf(InternalServerError);
    expect((await maven.sessions.get(id)).session_id).toBe(id);
  });

  it("answers `times` requests, and Infinity until removed", async () => {
    simulator.injectFault(503, { times: 2 });
    expect(await rejection(maven.sessions.get(id))).toBeInstanceOf(InternalServerError);
    expect(await rejection(maven.sessions.get(id))).toBeInstanceOf(InternalServerError);
    expect((await maven.sessions.get(id)).session_id).toBe(id);

    const forever = simulator.injectFault(502, { times: Infinity });
    for (let i = 0; i < 5; i++) expect(await rejection(maven.sessions.get(id))).toBeInstanceOf(InternalServerError);
    expect(forever.remaining).toBe(Infinity);
    forever.remove();
    expect(simulator.faults).toHaveLength(0);
    expect((await maven.sessions.get(id)).session_id).toBe(id);
  });

  it("a fault for one session leaves the others alone", async () => {
    simulator.injectFault(500, { sessionId: other });
    expect((await maven.sessions.get(id)).session_id).toBe(id);
    expect(await rejection(maven.sessions.get(other))).toBeInstanceOf(InternalServerError);
  });

  it("the retrying client recovers from a transient fault", async () => {
    simulator.injectFault({ type: "rate-limited", retryAfter: 0 });
    const retrying = createMavenClient({ apiKey: MOCK_API_KEY, maxRetries: 1 });
    expect((await retrying.sessions.get(id)).session_id).toBe(id);
    expect(simulator.stats().byStatus).toEqual({ "429": 1, "200": 1 });
  });

  it.each([204, 205, 304])("a %i status fault answers that status with no body", async (status) => {
    simulator.injectFault(status);
    const response = await fetch(`${API}/v1/sessions/${id}`, { headers: auth });
    expect(response.status).toBe(status);
    expect(await response.text()).toBe("");
    expect(simulator.requests.at(-1)).toMatchObject({ status, fault: "status" });
  });

  it("a status fault's headers replace the defaults whatever their case (bug: Content-Type was added to application/json)", async () => {
    simulator.injectFault({ type: "status", status: 502, body: "<html>", headers: { "Content-Type": "text/html" } });
    const response = await fetch(`${API}/v1/sessions/${id}`, { headers: auth });
    expect(response.status).toBe(502);
    expect(response.headers.get("content-type")).toBe("text/html");
  });

  it("refuses, when injected, a fault it could not send", () => {
    expect(() => simulator.injectFault({ type: "status" } as never)).toThrow(/status/);
    expect(() => simulator.injectFault({ type: "status", status: 700 })).toThrow(/status/);
    expect(() => simulator.injectFault({ type: "html-error", status: 99 })).toThrow(/status/);
    expect(() => simulator.injectFault({ type: "empty-body", status: 200.5 })).toThrow(/status/);
    expect(() => simulator.injectFault({ type: "slow", delayMs: -1 })).toThrow(/delayMs/);
    expect(() => simulator.injectFault({ type: "oversized", bytes: Number.NaN })).toThrow(/bytes/);
    expect(simulator.faults).toHaveLength(0);
  });

  it("counts `times` in whole requests", () => {
    expect(() => simulator.injectFault(503, { times: 1.5 })).toThrow(/times/);
    expect(() => simulator.injectFault(503, { times: -Infinity })).toThrow(/times/);
    expect(simulator.injectFault(503, { times: 2 }).remaining).toBe(2);
  });

  it("unknown-gateway carries none of the previous gateway's ids", async () => {
    simulator.injectFault("unknown-gateway");
    const session = await maven.sessions.get(id); // a Stripe charge
    expect(session.gateway).toBe("adyen");
    expect(session.processor).toMatchObject({
      card_brand: "visa",
      card_last4: "4242",
      stripe_charge_id: null,
      stripe_payment_intent_id: null,
      payment_method_id: null,
      receipt_url: null,
      adyen_psp_reference: "NC6HT9CRT65ZGN82",
    });
  });

  it("rejects faults it does not know", () => {
    expect(() => simulator.injectFault("meltdown" as never)).toThrow(/Unknown fault "meltdown"/);
    expect(() => simulator.injectFault(500, { times: 0 })).toThrow(TypeError);
  });
});

describe("counting requests", () => {
  it("records nothing when the client rejects an id before any request", async () => {
    await rejection(maven.sessions.get("not-a-uuid"));
    expect(simulator.requests).toHaveLength(0);
    expect(simulator.stats().total).toBe(0);
  });

  it("counts per session and per status, and never records the key", async () => {
    await maven.sessions.get(id);
    await maven.sessions.get(id);
    await rejection(maven.sessions.get("00000000-0000-4000-8000-000000000000"));
    simulator.injectFault(503);
    await rejection(maven.sessions.get(other));

    expect(simulator.stats()).toEqual({
      total: 4,
      inFlight: 0,
      bySession: { [id]: 2, "00000000-0000-4000-8000-000000000000": 1, [other]: 1 },
      byStatus: { "200": 2, "404": 1, "503": 1 },
      byFault: { "service-unavailable": 1 },
    });
    expect(simulator.requests[0]).toMatchObject({ method: "GET", path: `/v1/sessions/${id}`, hasAuthorization: true });
    expect(JSON.stringify(simulator.requests)).not.toContain(MOCK_API_KEY);
  });

  it("enforces a rate limit when asked, with no Retry-After", async () => {
    const limited = createMavenSimulator({ rateLimit: { limit: 2, windowMs: 60_000 } });
    server.use(...createMavenHandlers(limited));
    await maven.sessions.get(id);
    await maven.sessions.get(id);
    const error = (await rejection(maven.sessions.get(id))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBeNull();
  });
});

describe("managing sessions", () => {
  it("adds a static session, validating it against the contract", async () => {
    const session = simulator.addSession({ ...fixtures.pending, session_id: "5f2b0c1e-7d3a-4e8f-9b6c-2a1d0e9f8c7b" });
    expect((await maven.sessions.get(session.session_id)).status).toBe("pending");
    expect(() => simulator.addSession({ ...fixtures.pending, amount: 12 } as never)).toThrow(/amount/);
  });

  it("updates a session as a step would, and removes it", async () => {
    const updated = simulator.updateSession(other, { status: "payment-success" });
    expect(updated).toMatchObject({ is_terminal: true, completed_at: updated.updated_at });
    expect((await maven.sessions.get(other)).status).toBe("payment-success");
    expect(simulator.removeSession(other)).toBe(true);
    expect(await rejection(maven.sessions.get(other))).toBeInstanceOf(NotFoundError);
  });

  it("advance applies the next steps without waiting", () => {
    const { session_id: sid } = simulator.addSession({ scenario: "success" });
    expect(simulator.advance(sid).status).toBe("collecting");
    expect(simulator.advance(sid, 5).status).toBe("payment-success");
  });

  it.each([1.5, -1, Number.NaN])("advance refuses %s steps and changes nothing", (steps) => {
    const { session_id: sid } = simulator.addSession({ scenario: "success" });
    const before = simulator.getSession(sid);
    expect(() => simulator.advance(sid, steps)).toThrow(
      new TypeError(`advance: steps must be a whole number from 0, or Infinity, got ${steps}.`),
    );
    expect(simulator.getSession(sid)).toEqual(before);
  });

  it("advance takes 0 steps as none, and Infinity as every step left", () => {
    const { session_id: sid } = simulator.addSession({ scenario: "success" });
    expect(simulator.advance(sid, 0).status).toBe("pending");
    expect(simulator.advance(sid, Number.POSITIVE_INFINITY).status).toBe("payment-success");
  });

  it("gives a second session of the same scenario a fresh id", () => {
    const first = simulator.addSession({ scenario: "declined" });
    const second = simulator.addSession({ scenario: "declined" });
    expect(second.session_id).not.toBe(first.session_id);
  });

  it("reset restores the initial sessions", async () => {
    simulator.removeSession(id);
    simulator.reset();
    expect((await maven.sessions.get(id)).session_id).toBe(id);
  });

  it("refuses a scenario override or a patch that breaks the contract, as it refuses such a session", async () => {
    expect(() => simulator.addSession({ scenario: "success", session: { amount: 12 as never } })).toThrow(/amount/);
    expect(() => simulator.updateSession(other, { status: null as never })).toThrow(/status/);
    const broken = defineScenario({
      name: "broken",
      description: "its first step sends is_terminal as a string",
      sessionId: "7c0de5a1-9b2f-4e3d-8a6c-5b4d3e2f1a0b",
      initial: {},
      steps: [{ patch: { is_terminal: "yes" as never } }],
    });
    expect(() => simulator.addSession({ scenario: broken })).toThrow(/is_terminal/);
    expect(simulator.getSession(broken.sessionId)).toBeUndefined();
    // Nothing half-applied: the API still answers with a valid session.
    expect((await maven.sessions.get(other)).status).toBe("pending");
  });

  it("updateSession keeps error and processor consistent with a new status, as makeSession does", () => {
    const failed = simulator.updateSession(fixtures.collecting.session_id, { status: "payment-failed" });
    expect(failed.error).toEqual({ code: "card_declined", message: "Your card was declined." });
    expect(failed.processor).toMatchObject({ card_brand: "visa", card_last4: "0002" });

    const paid = simulator.updateSession(other, { status: "payment-success" });
    expect(paid.error).toBeNull();
    expect(paid.processor?.stripe_payment_intent_id).toMatch(/^pi_/);

    const again = simulator.updateSession(fixtures.cardDeclined.session_id, { status: "collecting" });
    expect(again).toMatchObject({ is_terminal: false, completed_at: null, error: null, processor: null });

    const own = simulator.updateSession(fixtures.pending.session_id, {
      status: "payment-failed",
      error: { code: "do_not_honor" },
      processor: null,
    });
    expect(own).toMatchObject({ error: { code: "do_not_honor", message: null }, processor: null });
  });

  it("gives repeated scenario sessions the same ids on every run, and again after reset", () => {
    const ids = (sim: MavenSimulator) => [0, 1, 2].map(() => sim.addSession({ scenario: "declined" }).session_id);
    const first = ids(createMavenSimulator({ fixtures: false }));
    const second = createMavenSimulator({ fixtures: false });
    expect(ids(second)).toEqual(first);
    expect(new Set(first).size).toBe(3);
    for (const sid of first)
      expect(sid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    second.reset();
    expect(ids(second)).toEqual(first);
  });
});

describe("updated_at never goes back", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a poller sees an update made while the test's clock is behind the fixture's timestamps", async () => {
    // Before fixtures.pending.updated_at (15:02:11): an update stamped with this clock would look older
    // than what the poller already has, and core (like useSession) ignores an older state.
    vi.useFakeTimers({ now: Date.parse("2026-11-24T15:00:00.000Z") });
    const controller = new AbortController();
    const seen: string[] = [];
    const done = maven.sessions.poll(other, {
      intervalMs: 1_000,
      signal: controller.signal,
      onUpdate: (session) => seen.push(session.status),
    });
    done.catch(() => {});
    try {
      await vi.advanceTimersByTimeAsync(1_500);
      const updated = simulator.updateSession(other, { status: "payment-success" });
      await vi.advanceTimersByTimeAsync(2_000);
      expect(seen).toEqual(["pending", "payment-success"]);
      expect((await done).status).toBe("payment-success");
      expect(Date.parse(updated.updated_at)).toBeGreaterThanOrEqual(Date.parse(fixtures.pending.updated_at));
      expect(updated.completed_at).toBe(updated.updated_at);
    } finally {
      controller.abort();
    }
  });
});
