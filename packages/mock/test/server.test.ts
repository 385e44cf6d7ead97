import {
  APIConnectionError,
  APIConnectionTimeoutError,
  createMavenClient,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  type Session,
} from "@trymaven/core";
import { createMavenHandlers, fixtures, MOCK_API_KEY } from "@trymaven/mock";
import { startMockServer, type MockServer } from "@trymaven/mock/server";
import { request as httpRequest } from "node:http";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const id = fixtures.stripeChargeSuccess.session_id;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

describe("loopback server", () => {
  let mock: MockServer;
  let maven: ReturnType<typeof createMavenClient>;

  beforeAll(async () => {
    mock = await startMockServer({ port: 0 });
    maven = createMavenClient({ apiKey: MOCK_API_KEY, baseUrl: mock.url, maxRetries: 0 });
  });
  afterEach(() => mock.simulator.reset());
  afterAll(() => mock.close());

  it("listens on 127.0.0.1 on a free port", () => {
    expect(mock.host).toBe("127.0.0.1");
    expect(mock.port).toBeGreaterThan(0);
    expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
  });

  it.each(["", "  "])("refuses an empty host (%j), which Node would read as every interface", async (host) => {
    await expect(startMockServer({ host })).rejects.toThrow(/host must be a host name or address/);
  });

  it("serves a fixture to core's client over real HTTP", async () => {
    expect(await maven.sessions.get(id)).toEqual(fixtures.stripeChargeSuccess);
  });

  it("answers like the API: 401 without a key, 404 for unknown ids, 422 for non-UUIDs", async () => {
    const unauthenticated = await fetch(`${mock.url}/v1/sessions/${id}`);
    expect(unauthenticated.status).toBe(401);
    expect(unauthenticated.headers.get("www-authenticate")).toBe("Bearer");
    expect(await rejection(maven.sessions.get("00000000-0000-4000-8000-000000000000"))).toBeInstanceOf(NotFoundError);
    const invalid = await fetch(`${mock.url}/v1/sessions/nope`, {
      headers: { authorization: `Bearer ${MOCK_API_KEY}` },
    });
    expect(invalid.status).toBe(422);
  });

  it("plays a scenario across requests", async () => {
    const { session_id: sid } = mock.simulator.addSession({ scenario: "declined", advanceBy: "request" });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await maven.sessions.get(sid)).status);
    expect(statuses).toEqual(["pending", "collecting", "payment-failed"]);
  });

  it("serves status faults with their headers", async () => {
    mock.simulator.injectFault({ type: "rate-limited", retryAfter: 3 });
    const error = (await rejection(maven.sessions.get(id))) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(3_000);
    mock.simulator.injectFault("html-error");
    expect(await rejection(maven.sessions.get(id))).toBeInstanceOf(InternalServerError);
  });

  it("resets the connection for a reset fault", async () => {
    mock.simulator.injectFault("reset");
    expect(await rejection(maven.sessions.get(id))).toBeInstanceOf(APIConnectionError);
    expect((await maven.sessions.get(id)).session_id).toBe(id);
  });

  it("answers a method fetch cannot carry (TRACE) with 405, like other methods", async () => {
    const { status, allow } = await new Promise<{ status?: number; allow?: string | string[] }>((resolve, reject) => {
      const request = httpRequest(`${mock.url}/v1/sessions/${id}`, { method: "TRACE" }, (response) => {
        response.resume();
        resolve({ status: response.statusCode, allow: response.headers.allow });
      });
      request.on("error", reject);
      request.end();
    });
    expect({ status, allow }).toEqual({ status: 405, allow: "GET" });
  });

  it("a hung request ends in the client's timeout, and the server notices the client left", async () => {
    mock.simulator.injectFault("hang");
    const error = await rejection(maven.sessions.get(id, { timeoutMs: 100 }));
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    await expect.poll(() => mock.simulator.stats().byStatus).toEqual({ aborted: 1 });
  });
});

describe("control endpoints", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterAll(() => mock.close());

  const control = (path: string, init?: RequestInit) =>
    fetch(`${mock.url}/__mock/${path}`, {
      ...init,
      headers: { "content-type": "application/json", ...init?.headers },
    });

  it("adds a scenario session, injects a fault, counts requests and resets over HTTP", async () => {
    const added = await control("sessions", {
      method: "POST",
      body: JSON.stringify({ scenario: "success", advanceBy: "request" }),
    });
    expect(added.status).toBe(201);
    const session = (await added.json()) as Session;
    expect(session.status).toBe("pending");

    const fault = await control("faults", {
      method: "POST",
      body: JSON.stringify({ fault: 503, sessionId: session.session_id, times: "Infinity" }),
    });
    expect(fault.status).toBe(201);
    expect(await fault.json()).toMatchObject({ fault: { type: "service-unavailable" }, remaining: "Infinity" });

    const maven = createMavenClient({ apiKey: MOCK_API_KEY, baseUrl: mock.url, maxRetries: 0 });
    expect(await rejection(maven.sessions.get(session.session_id))).toBeInstanceOf(InternalServerError);
    expect((await control("faults", { method: "DELETE" })).status).toBe(204);
    expect((await maven.sessions.get(session.session_id)).status).toBe("pending");

    const stats = await (await control("stats")).json();
    expect(stats).toMatchObject({ total: 2, byStatus: { "503": 1, "200": 1 }, bySession: { [session.session_id]: 2 } });

    expect((await control("reset", { method: "POST" })).status).toBe(204);
    expect(await (await control("stats")).json()).toMatchObject({ total: 0 });
    expect((await control(`sessions/${session.session_id}`, { method: "PATCH", body: "{}" })).status).toBe(404);
  });

  it("adds static sessions, patches and advances them", async () => {
    const sessionId = "0f8e2b7a-3c1d-4e5f-8a9b-6c7d8e9f0a1b";
    const added = await control("sessions", {
      method: "POST",
      body: JSON.stringify({ ...fixtures.collecting, session_id: sessionId }),
    });
    expect(added.status).toBe(201);
    const patched = await control(`sessions/${sessionId}`, {
      method: "PATCH",
      body: JSON.stringify({ status: "payment-failed", error: { code: "card_declined" } }),
    });
    expect(await patched.json()).toMatchObject({ status: "payment-failed", is_terminal: true });
    const scenario = (await (
      await control("sessions", { method: "POST", body: JSON.stringify({ scenario: "cancelled" }) })
    ).json()) as Session;
    const advanced = await control(`sessions/${scenario.session_id}/advance`, { method: "POST", body: "{}" });
    expect(await advanced.json()).toMatchObject({ status: "cancelled" });
    const fraction = await control(`sessions/${scenario.session_id}/advance`, {
      method: "POST",
      body: JSON.stringify({ steps: 1.5 }),
    });
    expect(fraction.status).toBe(400);
    expect(((await fraction.json()) as { detail: string }).detail).toMatch(/steps must be a whole number/);
  });

  it("explains bad control requests with a 4xx", async () => {
    const bad = await control("sessions", { method: "POST", body: JSON.stringify({ scenario: "nope" }) });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/Unknown scenario "nope"/);
    expect((await control("faults", { method: "POST", body: JSON.stringify({ fault: "meltdown" }) })).status).toBe(400);
    expect((await control("sessions", { method: "POST", body: "{not json" })).status).toBe(400);
    expect((await control("whatever")).status).toBe(404);
  });

  it("answers a patch that breaks the contract, or an id that is not valid percent-encoding, with a 400", async () => {
    const sessionId = fixtures.pending.session_id;
    const patched = await control(`sessions/${sessionId}`, { method: "PATCH", body: JSON.stringify({ amount: 12 }) });
    expect(patched.status).toBe(400);
    expect(((await patched.json()) as { detail: string }).detail).toMatch(/amount/);
    expect(mock.simulator.getSession(sessionId)!.amount).toBe(fixtures.pending.amount);
    expect((await control("sessions/%E0%A4%A", { method: "DELETE" })).status).toBe(400);
  });

  it("can be turned off, leaving /__mock/ to the API's 404", async () => {
    const closed = await startMockServer({ control: false });
    try {
      const response = await fetch(`${closed.url}/__mock/stats`);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ detail: "Not Found" });
    } finally {
      await closed.close();
    }
  });
});

describe("closing", () => {
  it("close() resolves promptly while a hung request is open, and the client sees the connection drop", async () => {
    const tcpHandles = () => process.getActiveResourcesInfo().filter((name) => name.startsWith("TCP")).length;
    const mock = await startMockServer();
    const maven = createMavenClient({ apiKey: MOCK_API_KEY, baseUrl: mock.url, maxRetries: 0, timeoutMs: 30_000 });
    mock.simulator.injectFault("hang");
    const pending = rejection(maven.sessions.get(id));
    await expect.poll(() => mock.simulator.stats().inFlight).toBe(1);

    // Not timed: a close() that waited for the hung request would wait for the client's 30 s time limit,
    // past this test's own (15 s). Dropped, the request fails as a connection error, not a timeout.
    await mock.close();
    expect(await pending).toBeInstanceOf(APIConnectionError);
    expect(await pending).not.toBeInstanceOf(APIConnectionTimeoutError);
    await expect.poll(() => mock.simulator.stats().inFlight).toBe(0);
    // No listening socket and no connection (server or client side) is left behind:
    // the servers of earlier tests are closed too, and this worker opens no other TCP handle.
    await expect.poll(tcpHandles).toBe(0);
    await mock.close(); // a second close is harmless
  }, 15_000);

  it("shares one simulator with msw handlers", async () => {
    const mock = await startMockServer();
    const msw = setupServer(...createMavenHandlers(mock.simulator));
    msw.listen({ onUnhandledRequest: "bypass" });
    try {
      const viaMsw = createMavenClient({ apiKey: MOCK_API_KEY, maxRetries: 0 });
      const viaHttp = createMavenClient({ apiKey: MOCK_API_KEY, baseUrl: mock.url, maxRetries: 0 });
      await viaMsw.sessions.get(id);
      await viaHttp.sessions.get(id);
      expect(mock.simulator.stats().bySession[id]).toBe(2);
    } finally {
      msw.close();
      await mock.close();
    }
  });
});

describe("cors", () => {
  it("lets a browser read Retry-After and WWW-Authenticate, and preflights the client's own headers", async () => {
    const mock = await startMockServer({ cors: true });
    try {
      const origin = "http://127.0.0.1:6006";
      const preflight = await fetch(`${mock.url}/v1/sessions/${id}`, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "GET",
          "access-control-request-headers": "authorization,x-request-id",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
      expect(preflight.headers.get("access-control-allow-headers")).toMatch(/x-request-id/);

      mock.simulator.injectFault({ type: "rate-limited", retryAfter: 5 });
      const limited = await fetch(`${mock.url}/v1/sessions/${id}`, {
        headers: { origin, authorization: `Bearer ${MOCK_API_KEY}` },
      });
      expect(limited.status).toBe(429);
      // Not safelisted for CORS: without the expose list a browser's client sees no Retry-After at all.
      const exposed = (limited.headers.get("access-control-expose-headers") ?? "").toLowerCase().split(/\s*,\s*/);
      expect(exposed).toEqual(expect.arrayContaining(["retry-after", "www-authenticate"]));
    } finally {
      await mock.close();
    }
  });
});
