/**
 * The real proxy (`createSessionHandler`) in Node, with real `Request`s, in front of the mock's loopback
 * server: each fault of the matrix mid-session, and each hostile body. What the browser gets must be safe
 * JSON that never carries the key, and the handler must never crash.
 */
import { createMavenClient, InternalServerError, NotFoundError } from "@trymaven/core";
import { createSessionHandler, type SessionHandlerOptions } from "@trymaven/core/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { HOSTILE_CASES, MEGABYTE, baseSession } from "./hostile.ts";
import { FAULT_MATRIX, OLDER_STATE, type FaultCase } from "./matrix.ts";
import { mockControl } from "./support/mock-control.ts";
import { FAULTS_API_KEY } from "./support/mock-server.ts";
import { trackProcess } from "./support/process-health.ts";
import { tally } from "./support/tally.ts";

const mock = mockControl(inject("mockUrl"));
const ORIGIN = "https://merchant.example";
const health = trackProcess();

beforeAll(() => health.start());
afterAll(() => health.expectClean());

/**
 * The upstream time limit of the matrix's "hang" row, short so the row runs in seconds. Every other test keeps
 * the generous default below: on a busy 2-core machine an ordinary answer (or megabyte bodies read at once) can
 * take longer than 300 ms, and the handler would answer 504 to a test that is not about time.
 */
const HANG_TIMEOUT_MS = 1_000;
/** The handler's limit for a matrix row: short only where the fault is a hang. */
const timeoutFor = (row: FaultCase) => (row.id === "hang" ? HANG_TIMEOUT_MS : 10_000);

/**
 * A proxy route as an app would mount it, with everything that leaves it recorded. The handler holds every
 * upstream request to its `timeoutMs`, so the hang row's good answers must come within its limit too.
 */
function mountProxy(options: Partial<SessionHandlerOptions> = {}) {
  const logs: string[] = [];
  const responses: Array<{ status: number; headers: Headers; text: string }> = [];
  const upstream = { calls: 0 };
  const handler = createSessionHandler({
    apiKey: FAULTS_API_KEY,
    baseUrl: mock.url,
    fetch: (input, init) => {
      upstream.calls += 1;
      return fetch(input, init);
    },
    authorize: () => true,
    timeoutMs: 10_000,
    rateLimit: false,
    cache: false,
    logger: { warn: (message) => logs.push(message), error: (message) => logs.push(message) },
    ...options,
  });
  async function get(sessionId: string, init: RequestInit = {}) {
    const response = await handler(new Request(`${ORIGIN}/api/maven/v1/sessions/${sessionId}`, init));
    const text = await response.text();
    const answer = { status: response.status, headers: response.headers, text };
    responses.push(answer);
    return { ...answer, json: () => JSON.parse(text) as Record<string, unknown> };
  }
  /** The key left the server nowhere: no body, no header, no log line. */
  function expectNoKey() {
    for (const { text, headers } of responses) {
      expect(text).not.toContain(FAULTS_API_KEY);
      for (const [name, value] of headers) expect(`${name}: ${value}`).not.toContain(FAULTS_API_KEY);
    }
    for (const line of logs) expect(line).not.toContain(FAULTS_API_KEY);
  }
  return { handler, get, logs, responses, upstream, expectNoKey };
}

/** Every answer is JSON the browser cannot sniff into HTML, and never cached. */
function expectSafeHeaders(headers: Headers): void {
  expect(headers.get("content-type")).toBe("application/json");
  expect(headers.get("cache-control")).toBe("no-store");
  expect(headers.get("x-content-type-options")).toBe("nosniff");
}

function expectFaultAnswer(row: FaultCase, answer: { status: number; headers: Headers; json(): unknown }): void {
  expect(answer.status).toBe(row.proxy.status);
  expectSafeHeaders(answer.headers);
  if (row.proxy.detail) expect(answer.json()).toEqual({ detail: row.proxy.detail });
  if (row.id === "429-retry-after") expect(answer.headers.get("retry-after")).toBe("1");
  // No budget configured: the proxy asks the browser to wait Maven's whole window.
  if (row.id === "429") expect(answer.headers.get("retry-after")).toBe("60");
}

describe.concurrent("createSessionHandler, one upstream fault mid-session", () => {
  it.for(FAULT_MATRIX)("$id", async (row, context) => {
    tally(context, "fault", row.id, "proxy");
    const proxy = mountProxy({ timeoutMs: timeoutFor(row) });
    const { session_id: id } = await mock.addScenario("success");
    const first = await proxy.get(id);
    expect(first.status).toBe(200);
    expect(first.json().status).toBe("pending");
    expect(first.headers.get("x-maven-cache")).toBe("miss");
    await mock.injectFault(id, row.fault, row.times);

    if (row.proxy.status === 200) {
      // Valid drift passes through as data, exactly as parsed (unknown fields kept).
      const drifted = await proxy.get(id);
      expect(drifted.status).toBe(200);
      expectSafeHeaders(drifted.headers);
      const body = drifted.json();
      expect(body.session_id).toBe(id);
      if (row.id === "unknown-status") expect(body.status).toBe("payment-under-review");
      if (row.id === "unknown-status-terminal")
        expect([body.status, body.is_terminal]).toEqual(["payment-refunded", true]);
      if (row.id === "unknown-gateway") expect(body.gateway).toBe("adyen");
      if (row.id === "extra-fields") expect(body.metadata).toEqual({ order_id: "A-1029", source: "ivr" });
    } else {
      // Every faulty upstream answer is mapped to the same safe answer (one upstream call each, no retries).
      for (let fault = 0; fault < row.times; fault++) expectFaultAnswer(row, await proxy.get(id));
    }
    // Recovery: the next calls get the true states.
    expect((await proxy.get(id)).json().status).toBe("collecting");
    if (row.policy !== "end") expect((await proxy.get(id)).json()).toEqual(await mock.session(id));
    const requests = await mock.requests(id);
    expect(requests).toHaveLength(1 + row.times + (row.policy === "end" ? 1 : 2));
    expect(requests.every((request) => request.hasAuthorization)).toBe(true);
    // Nothing the browser got, and nothing logged, holds the key or the upstream's own words.
    proxy.expectNoKey();
    for (const { text } of proxy.responses) expect(text).not.toMatch(/nginx|<html|Traceback|Invalid API key/);
    if (row.id === "401" || row.id === "403") {
      expect(proxy.logs.join("\n")).toContain("a test key (mvn_test_…)");
    }
  });
});

describe.concurrent("createSessionHandler with a cached copy, one upstream fault mid-session", () => {
  it.for(FAULT_MATRIX.filter((row) => row.proxy.status !== 200))("$id", async (row, context) => {
    tally(context, "fault", row.id, "proxy (cached)");
    // Every request refreshes (no fresh window); the last good copy may stand in for 5 minutes.
    const proxy = mountProxy({ cache: { activeTtlMs: 0 }, timeoutMs: timeoutFor(row) });
    const { session_id: id } = await mock.addScenario("success");
    const first = (await proxy.get(id)).json();
    await mock.injectFault(id, row.fault, 1);
    const during = await proxy.get(id);
    if (row.proxyDropsCopy) {
      // Maven said the session is gone or refused our key: the error alone, the copy from before withheld.
      expectFaultAnswer(row, { ...during, json: () => JSON.parse(during.text) });
      expect(during.headers.get("x-maven-cache")).toBeNull();
    } else {
      // The error, as the browser must see it (a 200 would look live), with the copy in its body, marked stale.
      const { session, ...error } = JSON.parse(during.text) as { session?: unknown };
      expectFaultAnswer(row, { ...during, json: () => error });
      expect(session).toEqual(first);
      expect(during.headers.get("x-maven-cache")).toBe("stale");
    }
    expect((await proxy.get(id)).json().status).toBe("collecting");
    proxy.expectNoKey();
  });
});

describe("createSessionHandler and an older state after a newer one", () => {
  it("passes the older state through as data (it cannot tell)", async (context) => {
    tally(context, "fault", OLDER_STATE.id, "proxy");
    const proxy = mountProxy();
    const { session_id: id } = await mock.addScenario("success");
    const pending = (await proxy.get(id)).json();
    expect((await proxy.get(id)).json().status).toBe("collecting");
    await mock.injectFault(id, { type: "status", status: 200, body: pending }, 1);
    const older = await proxy.get(id);
    expect(older.status).toBe(200);
    expect(older.json()).toEqual(pending);
    expect((await proxy.get(id)).json().status).toBe("payment-success");
    proxy.expectNoKey();
  });
});

describe.concurrent("hostile bodies through createSessionHandler", () => {
  it.for(HOSTILE_CASES)("$id", async (hostile, context) => {
    tally(context, "hostile", hostile.id, "proxy");
    const proxy = mountProxy();
    const id = crypto.randomUUID();
    const body = hostile.body(id);
    await mock.injectFault(id, { type: "status", status: 200, body }, 1);
    const answer = await proxy.get(id);
    expectSafeHeaders(answer.headers);
    if (hostile.contract === "valid") {
      // Passed through as data: JSON, the same values, less an own "__proto__" key (dropped, as zod drops it).
      expect(answer.status).toBe(200);
      const expected: unknown = JSON.parse(JSON.stringify(body), (key, value: unknown) =>
        key === "__proto__" ? undefined : value,
      );
      expect(answer.json()).toEqual(expected);
      expect(answer.text).not.toContain('"__proto__"');
    } else {
      // Refused as a contract mismatch, with none of the body in the answer.
      expect(answer.status).toBe(502);
      expect(answer.json()).toEqual({ detail: "The session service returned an unexpected response." });
      expect(proxy.logs.join("\n")).toMatch(/does not match the contract/);
    }
    expect(answer.text.length).toBeLessThan(2 * MEGABYTE);
    proxy.expectNoKey();
  });

  it("replaces the key wherever an upstream body echoes it", async (context) => {
    tally(context, "hostile", "echoed-key", "proxy");
    const proxy = mountProxy();
    const id = crypto.randomUUID();
    const echo = { ...baseSession(id), description: `Bearer ${FAULTS_API_KEY}`, memory: FAULTS_API_KEY };
    await mock.injectFault(id, { type: "status", status: 200, body: echo }, 1);
    const answer = await proxy.get(id);
    expect(answer.status).toBe(200);
    expect(answer.json()).toMatchObject({ description: "Bearer [redacted]", memory: "[redacted]" });
    await mock.injectFault(id, { type: "status", status: 500, body: { detail: `bad key ${FAULTS_API_KEY}` } }, 1);
    expect((await proxy.get(id)).status).toBe(502);
    proxy.expectNoKey();
  });
});

describe("a redirect to another origin", () => {
  it("is not followed with the key: the client fails with the 302, the proxy answers 502, the other origin is never asked", async (context) => {
    tally(context, "hostile", "redirect-cross-origin", "proxy");
    const proxy = mountProxy();
    const client = createMavenClient({ apiKey: FAULTS_API_KEY, baseUrl: mock.url, maxRetries: 0 });
    // The same server under another name is another origin: the mock records every request, and whether a key came.
    const otherOrigin = mock.url.replace("127.0.0.1", "localhost");
    const answers = [
      async (id: string) =>
        expect(await client.sessions.get(id).catch((error: unknown) => error)).toMatchObject({ status: 302 }),
      async (id: string) => expect((await proxy.get(id)).status).toBe(502),
    ];
    for (const answer of answers) {
      const { session_id: id } = await mock.addScenario("success");
      const location = `${otherOrigin}/v1/sessions/${id}`;
      await mock.injectFault(id, { type: "status", status: 302, headers: { location } }, 1);
      await answer(id);
      const requests = await mock.requests(id);
      expect(requests.map((request) => [request.status, request.hasAuthorization])).toEqual([[302, true]]);
    }
    proxy.expectNoKey();
  });
});

describe("hostile requests to createSessionHandler", () => {
  const paths: Record<string, string> = {
    "rtl-override": `%E2%80%AE${crypto.randomUUID()}`,
    "zero-width": `${crypto.randomUUID()}%E2%80%8B`,
    traversal: "..%2F..%2F__mock%2Freset",
    "javascript-url": "javascript:alert(1)",
    "nul-byte": `${crypto.randomUUID()}%00`,
    "1-mb": "a".repeat(MEGABYTE),
    "bad-percent": "%E0%A4%A",
    "script-tag": "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
  };
  it.for(Object.entries(paths))("%s: 400, and Maven is not asked", async ([name, segment], context) => {
    tally(context, "hostile", `request-${name}`, "proxy");
    const proxy = mountProxy();
    const answer = await proxy.get(segment);
    expect(answer.status).toBe(400);
    expectSafeHeaders(answer.headers);
    expect(answer.json()).toEqual({ detail: "Invalid session id: expected a UUID." });
    expect(proxy.upstream.calls).toBe(0);
    proxy.expectNoKey();
  });

  it("never forwards the browser's own Authorization, and answers other methods 405", async (context) => {
    tally(context, "hostile", "request-headers", "proxy");
    const proxy = mountProxy();
    const { session_id: id } = await mock.addScenario("success");
    // A browser cannot choose the key: the proxy's own is used (the mock accepts that one only).
    const forged = await proxy.get(id, {
      headers: { authorization: "Bearer mvn_test_attackerattackerattackerattack" },
    });
    expect(forged.status).toBe(200);
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
      expect((await proxy.get(id, { method })).status).toBe(405);
    }
    expect(await mock.requests(id)).toHaveLength(1);
    expect(proxy.upstream.calls).toBe(1);
    proxy.expectNoKey();
  });
});

describe.concurrent("the browser client through the proxy", () => {
  function browserBehind(proxy: ReturnType<typeof mountProxy>) {
    return createMavenClient({
      baseUrl: `${ORIGIN}/api/maven`,
      fetch: (input, init) => proxy.handler(new Request(input, init)),
    });
  }

  it("polls through upstream 503s to the true terminal state", async (context) => {
    tally(context, "fault", "503", "client via proxy");
    const proxy = mountProxy();
    const { session_id: id } = await mock.addScenario("success");
    const seen: string[] = [];
    for await (const session of browserBehind(proxy).sessions.watch(id, { intervalMs: 20, maxIntervalMs: 200 })) {
      seen.push(session.status);
      if (seen.length === 1) await mock.injectFault(id, 503, 3);
    }
    expect(seen).toEqual(["pending", "collecting", "payment-success"]);
    expect(await mock.requests(id)).toHaveLength(1 + 3 + 2);
    proxy.expectNoKey();
  });

  it("gets Maven's failure as an error, not as a live-looking copy, and the copy in its body", async (context) => {
    tally(context, "fault", "503", "client via proxy");
    // Every request refreshes: the copy from the first answer is the only one there is.
    const proxy = mountProxy({ cache: { activeTtlMs: 0 } });
    const { session_id: id } = await mock.addScenario("success");
    const client = browserBehind(proxy);
    const first = await client.sessions.get(id, { maxRetries: 0 });
    await mock.injectFault(id, 503, 1);
    const error = await client.sessions.get(id, { maxRetries: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, message: "502 The session service failed; try again shortly." });
    expect((error as InternalServerError).headers.get("x-maven-cache")).toBe("stale");
    expect((error as InternalServerError).body).toEqual({
      detail: "The session service failed; try again shortly.",
      session: first,
    });
    // Maven is back: the true state, fetched.
    expect((await client.sessions.get(id, { maxRetries: 0 })).status).toBe("collecting");
    proxy.expectNoKey();
  });

  it("stops at an upstream 404", async (context) => {
    tally(context, "fault", "404", "client via proxy");
    const proxy = mountProxy();
    const { session_id: id } = await mock.addScenario("success");
    const watch = browserBehind(proxy).sessions.watch(id, { intervalMs: 20 })[Symbol.asyncIterator]();
    expect((await watch.next()).value?.status).toBe("pending");
    await mock.injectFault(id, 404, 1);
    await expect(watch.next()).rejects.toBeInstanceOf(NotFoundError);
    expect(await mock.requests(id)).toHaveLength(2);
    proxy.expectNoKey();
  });
});
