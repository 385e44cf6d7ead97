/**
 * What the mock refuses from the outside: faults it could not send, and control requests that are
 * mistyped, misspelt, or sent by a web page the developer happens to have open.
 */
import { createMavenSimulator, fixtures, MOCK_API_KEY, type FaultInput } from "@trymaven/mock";
import { startMockServer, type MockServer } from "@trymaven/mock/server";
import { request as httpRequest } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const id = fixtures.pending.session_id;
const auth = { authorization: `Bearer ${MOCK_API_KEY}` };

interface RawAnswer {
  status: number;
  detail: string | undefined;
  body: unknown;
}

/**
 * A request with exactly these headers: `fetch` adds its own (a `text/plain` type for a string body)
 * and cannot set `Host`, which is what a DNS-rebound page sends.
 */
function raw(
  url: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${url}${path}`, { method, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const parsed: unknown = text ? JSON.parse(text) : undefined;
        const detail = (parsed as { detail?: unknown } | undefined)?.detail;
        resolve({
          status: response.statusCode!,
          detail: typeof detail === "string" ? detail : undefined,
          body: parsed,
        });
      });
    });
    request.on("error", reject);
    request.end(body);
  });
}

describe("faults whose headers could not be sent", () => {
  const simulator = createMavenSimulator();
  afterEach(() => simulator.reset());
  const get = () => simulator.handle(new Request(`https://api.trymaven.com/v1/sessions/${id}`, { headers: auth }));

  // Before, injection succeeded and the request the fault met got a 500 from the simulator instead.
  it.each<[string, FaultInput, RegExp]>([
    [
      "a Retry-After with a line break",
      { type: "rate-limited", retryAfter: "2\r\nX-Evil: 1" },
      /^Fault "rate-limited": retryAfter "2\\r\\nX-Evil: 1" cannot be sent as an HTTP header value/,
    ],
    [
      "a Retry-After that is neither seconds nor a date",
      { type: "rate-limited", retryAfter: { seconds: 2 } as unknown as number },
      /^Fault "rate-limited": retryAfter must be seconds \(a number\), an HTTP date \(a string\) or null/,
    ],
    [
      "a header value with a line break",
      { type: "status", status: 418, headers: { "x-trace": "a\nSet-Cookie: stolen=1" } },
      /^Fault "status": header x-trace: "a\\nSet-Cookie: stolen=1" cannot be sent/,
    ],
    [
      "a header value beyond U+00FF",
      { type: "status", status: 503, headers: { "x-note": "r\u00e9essayer \u2192 plus tard" } },
      /^Fault "status": header x-note: .* cannot be sent as an HTTP header value/,
    ],
    [
      "a header name that is not a token",
      { type: "status", status: 503, headers: { "retry after": "2" } },
      /^Fault "status": "retry after" is not an HTTP header name/,
    ],
    [
      "a header value that is not a string",
      { type: "status", status: 503, headers: { "retry-after": 2 } as unknown as Record<string, string> },
      /^Fault "status": header retry-after must be a string, got 2/,
    ],
    [
      "headers that are not an object",
      { type: "status", status: 503, headers: ["retry-after: 2"] as unknown as Record<string, string> },
      /^Fault "status": headers must be an object of header names to string values/,
    ],
  ])(
    "injectFault throws a TypeError for %s, queues nothing, and requests are answered normally",
    async (_, fault, message) => {
      let thrown: unknown;
      try {
        simulator.injectFault(fault);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TypeError);
      expect((thrown as Error).message).toMatch(message);
      expect(simulator.faults).toEqual([]);
      expect((await get()).status).toBe(200);
    },
  );

  it("still sends headers that are valid: an HTTP date Retry-After and custom headers", async () => {
    simulator.injectFault({ type: "rate-limited", retryAfter: "Wed, 21 Oct 2026 07:28:00 GMT" });
    expect((await get()).headers.get("retry-after")).toBe("Wed, 21 Oct 2026 07:28:00 GMT");
    simulator.injectFault({ type: "status", status: 503, headers: { "x-served-by": "cache-fra1 \u00e9" } });
    expect((await get()).headers.get("x-served-by")).toBe("cache-fra1 \u00e9");
  });
});

describe("/__mock/ control endpoints", () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer();
  });
  afterEach(() => mock.simulator.reset());
  afterAll(() => mock.close());

  describe("bodies", () => {
    const post = (path: string, body: unknown) =>
      raw(mock.url, "POST", `/__mock/${path}`, { "content-type": "application/json" }, JSON.stringify(body));
    const served = async (sessionId: string) =>
      (await fetch(`${mock.url}/v1/sessions/${sessionId}`, { headers: auth })).status;

    // Before, anything but a string made the fault global: every session's next request got it.
    it.each<[unknown]>([[12345], [{}], [[id]]])(
      "POST /__mock/faults refuses a sessionId that is not a string (%j) with a 400 and queues nothing",
      async (sessionId) => {
        const answer = await post("faults", { fault: 503, sessionId });
        expect(answer.status).toBe(400);
        expect(answer.detail).toBe(
          `sessionId must be a string, got ${JSON.stringify(sessionId)}; leave it out to hit every session.`,
        );
        expect(mock.simulator.faults).toEqual([]);
        expect(await served(fixtures.stripeChargeSuccess.session_id)).toBe(200);
      },
    );

    it("POST /__mock/faults refuses a misspelt field, which would have made the fault hit every session", async () => {
      const answer = await post("faults", { fault: 503, session_id: id, times: 2 });
      expect(answer.status).toBe(400);
      expect(answer.detail).toBe("Unknown field session_id: send { fault, sessionId?, times? }.");
      expect(mock.simulator.faults).toEqual([]);
    });

    it("POST /__mock/faults without a sessionId, or with null as the listing writes it, queues a fault for every session", async () => {
      const answer = await post("faults", { fault: 503 });
      expect(answer.status).toBe(201);
      expect(answer.body).toEqual({ fault: { type: "service-unavailable" }, sessionId: null, remaining: 1 });
      expect(await served(fixtures.stripeChargeSuccess.session_id)).toBe(503);
      // A fault and sessionId as GET /__mock/faults lists them can be posted back.
      const { fault, sessionId } = answer.body as { fault: unknown; sessionId: null };
      const listed = await post("faults", { fault, sessionId });
      expect(listed.status).toBe(201);
      expect(await served(fixtures.pending.session_id)).toBe(503);
    });

    it("POST /__mock/faults answers a fault header that could not be sent with a 400, not a 500 later", async () => {
      const answer = await post("faults", { fault: { type: "rate-limited", retryAfter: "2\r\nX-Evil: 1" } });
      expect(answer.status).toBe(400);
      expect(answer.detail).toMatch(/^Fault "rate-limited": retryAfter "2\\r\\nX-Evil: 1" cannot be sent/);
      expect(mock.simulator.faults).toEqual([]);
      expect(await served(id)).toBe(200);
    });

    // Before, `null` fell back to the default, and an unknown advanceBy (or a misspelt key) to "time".
    it.each<[string, Record<string, unknown>, string]>([
      [
        "sessionId: null",
        { sessionId: null },
        "sessionId must be a string, got null; leave it out for the scenario's own id.",
      ],
      [
        "sessionId as a number",
        { sessionId: 7 },
        "sessionId must be a string, got 7; leave it out for the scenario's own id.",
      ],
      ["advanceBy misspelt", { advanceBy: "requests" }, 'advanceBy must be "time" or "request", got "requests".'],
      ["timeScale: null", { timeScale: null }, "timeScale must be a number, got null."],
      [
        "session as a string",
        { session: "braintree" },
        'session must be an object of fields to set over the scenario\'s, got "braintree".',
      ],
      [
        "a misspelt field",
        { advanceby: "request" },
        "Unknown field advanceby: send { scenario, sessionId?, session?, advanceBy?, timeScale? }.",
      ],
    ])("POST /__mock/sessions refuses a scenario with %s, adding no session", async (_, fields, detail) => {
      const before = mock.simulator.listSessions().length;
      const answer = await post("sessions", { scenario: "success", ...fields });
      expect({ status: answer.status, detail: answer.detail }).toEqual({ status: 400, detail });
      expect(mock.simulator.listSessions()).toHaveLength(before);
    });

    // Before, these got a 400 reading "Cannot read properties of null (reading 'sessionId')" and the like.
    it.each<[unknown]>([[null], [42], [["success"]], [{ name: "custom" }]])(
      "POST /__mock/sessions answers scenario %j with a 400 saying what a scenario is, adding no session",
      async (scenario) => {
        const before = mock.simulator.listSessions().length;
        const answer = await post("sessions", { scenario });
        expect(answer.status).toBe(400);
        expect(answer.detail).toMatch(
          /^scenario must be a built-in scenario's name \(success, declined, .*\) or a scenario object \{ name, description, sessionId, initial, steps \}/,
        );
        expect(mock.simulator.listSessions()).toHaveLength(before);
      },
    );

    it("POST /__mock/sessions still plays a scenario object sent as JSON", async () => {
      const sessionId = "5d1c0b6e-8f3a-4b2c-9d4e-7a6b5c4d3e2f";
      const scenario = {
        name: "slow-collect",
        description: "collects after a minute",
        sessionId,
        initial: { amount: "12.00" },
        steps: [{ after: 60_000, patch: { status: "collecting" } }],
      };
      expect((await post("sessions", { scenario })).body).toMatchObject({ session_id: sessionId, status: "pending" });
      expect((await post(`sessions/${sessionId}/advance`, {})).body).toMatchObject({ status: "collecting" });
    });

    // JSON has no Infinity (`JSON.stringify(Infinity)` is "null"): before, both answered "steps must be a number."
    it.each(["Infinity", null])(
      "POST /__mock/sessions/{id}/advance with steps %j applies every step",
      async (steps) => {
        const { session_id: sessionId } = mock.simulator.addSession({ scenario: "success" });
        const answer = await post(`sessions/${sessionId}/advance`, { steps });
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ status: "payment-success", is_terminal: true });
      },
    );

    it("POST /__mock/sessions/{id}/advance refuses steps it cannot count, or a misspelt field, changing nothing", async () => {
      const { session_id: sessionId } = mock.simulator.addSession({ scenario: "success" });
      const all = await post(`sessions/${sessionId}/advance`, { steps: "all" });
      expect({ status: all.status, detail: all.detail }).toEqual({
        status: 400,
        detail: 'steps must be a number, "Infinity" or null, got "all".',
      });
      // Before, `step` was ignored and one step applied.
      const misspelt = await post(`sessions/${sessionId}/advance`, { step: 2 });
      expect({ status: misspelt.status, detail: misspelt.detail }).toEqual({
        status: 400,
        detail: "Unknown field step: send { steps? }.",
      });
      expect(mock.simulator.getSession(sessionId)!.status).toBe("pending");
    });
  });

  describe("requests a web page could send", () => {
    const hang = JSON.stringify({ fault: "hang", times: "Infinity" });

    // A "simple" request: a browser sends it cross-origin without asking the server first.
    it.each([
      ["text/plain;charset=UTF-8", "text/plain;charset=UTF-8"],
      ["application/x-www-form-urlencoded", "application/x-www-form-urlencoded"],
      ["multipart/form-data; boundary=x", "multipart/form-data; boundary=x"],
    ])("refuses a %s body with a 415 and queues nothing", async (contentType) => {
      const answer = await raw(mock.url, "POST", "/__mock/faults", { "content-type": contentType }, hang);
      expect(answer.status).toBe(415);
      expect(answer.detail).toBe(
        `Send control request bodies as JSON, with Content-Type: application/json (got ${JSON.stringify(contentType)}).`,
      );
      expect(mock.simulator.faults).toEqual([]);
    });

    it("refuses a body with no Content-Type (a typeless Blob from a page) with a 415 and queues nothing", async () => {
      const answer = await raw(mock.url, "POST", "/__mock/faults", { "content-length": String(hang.length) }, hang);
      expect(answer.status).toBe(415);
      expect(answer.detail).toMatch(/got a body and no Content-Type/);
      expect(mock.simulator.faults).toEqual([]);
    });

    it("refuses a text/plain reset and a text/plain patch, changing nothing", async () => {
      mock.simulator.injectFault(503);
      const reset = await raw(mock.url, "POST", "/__mock/reset", { "content-type": "text/plain" }, "");
      expect(reset.status).toBe(415);
      expect(mock.simulator.faults).toHaveLength(1);
      const patch = await raw(
        mock.url,
        "PATCH",
        `/__mock/sessions/${id}`,
        { "content-type": "text/plain" },
        JSON.stringify({ status: "payment-success" }),
      );
      expect(patch.status).toBe(415);
      expect(mock.simulator.getSession(id)!.status).toBe("pending");
    });

    it("still takes a JSON body (any charset) and a POST with no body at all", async () => {
      const json = { "content-type": "Application/JSON; charset=utf-8" };
      expect((await raw(mock.url, "POST", "/__mock/faults", json, JSON.stringify({ fault: 503 }))).status).toBe(201);
      expect((await raw(mock.url, "POST", "/__mock/reset", {})).status).toBe(204);
      const { session_id: sessionId } = mock.simulator.addSession({ scenario: "cancelled" });
      const advanced = await raw(mock.url, "POST", `/__mock/sessions/${sessionId}/advance`, {});
      expect(advanced.body).toMatchObject({ status: "cancelled" });
    });

    it("refuses a request from another origin's page with a 403, even as JSON, and queues nothing", async () => {
      const headers = { origin: "https://ads.example", "content-type": "application/json" };
      const answer = await raw(mock.url, "POST", "/__mock/faults", headers, hang);
      expect(answer.status).toBe(403);
      expect(answer.detail).toBe(
        "The /__mock/ control endpoints refuse requests from another origin's page (Origin: https://ads.example). " +
          "Call them from a test or a script, or start the mock with cors: true (--cors) to let pages call it.",
      );
      expect(mock.simulator.faults).toEqual([]);
      // Nor does such a page read what the mock recorded.
      expect((await raw(mock.url, "GET", "/__mock/requests", { origin: "null" })).status).toBe(403);
    });

    it("refuses a request addressed to another host name (a page whose name was rebound to 127.0.0.1)", async () => {
      const headers = { host: `rebind.example:${mock.port}`, "content-type": "application/json" };
      const answer = await raw(mock.url, "POST", "/__mock/faults", headers, hang);
      expect(answer.status).toBe(403);
      expect(answer.detail).toBe(
        "The /__mock/ control endpoints answer requests addressed to 127.0.0.1 or another loopback name " +
          `(localhost, 127.0.0.1, [::1]), not to "rebind.example:${mock.port}".`,
      );
      expect(mock.simulator.faults).toEqual([]);
      // The same page, calling with its own origin: same-origin to the browser, still refused here.
      const sameOriginToThePage = { ...headers, origin: `http://rebind.example:${mock.port}` };
      expect((await raw(mock.url, "POST", "/__mock/faults", sameOriginToThePage, hang)).status).toBe(403);
      expect(mock.simulator.faults).toEqual([]);
    });

    it("answers its own origin and loopback names: 127.0.0.1, localhost, [::1]", async () => {
      const json = { "content-type": "application/json" };
      const body = JSON.stringify({ fault: 503 });
      expect((await raw(mock.url, "POST", "/__mock/faults", { ...json, origin: mock.url }, body)).status).toBe(201);
      for (const host of [`localhost:${mock.port}`, `[::1]:${mock.port}`, `127.0.0.1:${mock.port}`]) {
        expect((await raw(mock.url, "GET", "/__mock/stats", { host })).status).toBe(200);
      }
      const localhostPage = { ...json, host: `localhost:${mock.port}`, origin: `http://localhost:${mock.port}` };
      expect((await raw(mock.url, "POST", "/__mock/faults", localhostPage, body)).status).toBe(201);
    });

    it("with cors on, answers another origin's JSON (a browser preflights it) but still refuses text/plain", async () => {
      const open = await startMockServer({ cors: true });
      try {
        const origin = "http://localhost:63315";
        const json = await raw(
          open.url,
          "POST",
          "/__mock/faults",
          { origin, "content-type": "application/json" },
          hang,
        );
        expect(json.status).toBe(201);
        const plain = await raw(open.url, "POST", "/__mock/faults", { origin, "content-type": "text/plain" }, hang);
        expect(plain.status).toBe(415);
        expect(open.simulator.faults).toHaveLength(1);
      } finally {
        await open.close();
      }
    });

    it("leaves the API itself alone: a page's request to /v1/ is answered as before", async () => {
      const answer = await raw(mock.url, "GET", `/v1/sessions/${id}`, { ...auth, origin: "https://ads.example" });
      expect(answer.status).toBe(200);
    });
  });
});
