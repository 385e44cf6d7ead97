import { build } from "esbuild";
import { delay, http, HttpResponse, type JsonBodyType } from "msw";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import {
  APIConnectionTimeoutError,
  createMavenClient,
  InternalServerError,
  MavenError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  sessionSchema,
  type Session,
} from "../src/index.js";
import {
  createMemorySessionStore,
  createSessionHandler,
  type AuthorizeDecision,
  type SessionHandlerOptions,
  type SessionStore,
} from "../src/server/index.js";
import { API, capturingFetch, SESSION_ID, sessionBody, setupMswServer, TEST_KEY } from "./support.js";

const server = setupMswServer();
const UPSTREAM = `${API}/v1/sessions/:id`;
const ORIGIN = "https://merchant.example";
const OTHER_ID = "9b2e7c41-5d3a-4f8e-b6c1-0a9d8e7f6a5b";
const THIRD_ID = "c0ffee00-1234-4abc-8def-0123456789ab";
const FOURTH_ID = "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6";

// ── Recording everything that leaves the handler, to prove the key never does ──

const responses: Response[] = [];
const logger = { warn: vi.fn<(message: string) => void>(), error: vi.fn<(message: string) => void>() };

beforeEach(() => {
  responses.length = 0;
  logger.warn.mockReset();
  logger.error.mockReset();
  for (const method of ["log", "info", "warn", "error", "debug"] as const) vi.spyOn(console, method);
});

afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  for (const response of responses) {
    const text = await response.text();
    expect(text).not.toContain(TEST_KEY);
    for (const [name, value] of response.headers) expect(`${name}: ${value}`).not.toContain(TEST_KEY);
  }
  const logged = [
    ...logger.warn.mock.calls,
    ...logger.error.mock.calls,
    ...vi.mocked(console.log).mock.calls,
    ...vi.mocked(console.info).mock.calls,
    ...vi.mocked(console.warn).mock.calls,
    ...vi.mocked(console.error).mock.calls,
    ...vi.mocked(console.debug).mock.calls,
  ];
  for (const args of logged) {
    for (const arg of args) expect(typeof arg === "string" ? arg : JSON.stringify(arg)).not.toContain(TEST_KEY);
  }
});

// ── Helpers ──

type Reply = (request: Request) => Response | Promise<Response>;

/** Answers upstream calls in turn (the last reply repeats) and records them. */
function upstream(...replies: Reply[]) {
  const calls: Request[] = [];
  server.use(
    http.get(UPSTREAM, ({ request }) => {
      calls.push(request);
      return replies[Math.min(calls.length - 1, replies.length - 1)]!(request);
    }),
  );
  return calls;
}

const ok =
  (overrides: Record<string, unknown> = {}): Reply =>
  (request) =>
    HttpResponse.json(sessionBody({ session_id: new URL(request.url).pathname.split("/").at(-1), ...overrides }));
const status =
  (code: number, body: JsonBodyType = { detail: `upstream said ${code}` }, headers?: Record<string, string>): Reply =>
  () =>
    HttpResponse.json(body, { status: code, headers });

function createHandler(options: Partial<SessionHandlerOptions> = {}) {
  const handler = createSessionHandler({ apiKey: TEST_KEY, authorize: () => true, logger, ...options });
  const recording = async (request: Request, context?: Parameters<typeof handler>[1]) => {
    const response = await handler(request, context);
    responses.push(response.clone());
    return response;
  };
  return Object.assign(recording, { client: handler.client });
}

function request(id: string = SESSION_ID, init?: RequestInit) {
  return new Request(`${ORIGIN}/api/maven/v1/sessions/${id}`, init);
}

/** What Next.js 15+ passes as the second argument. */
const nextContext = (id: string = SESSION_ID) => ({ params: Promise.resolve({ id }) });

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

/** A memory store that records the keys it is given, in order. */
function recordingStore(): SessionStore & { keys: string[] } {
  const store = createMemorySessionStore();
  const keys: string[] = [];
  return {
    ...store,
    keys,
    set: (key, entry, ttlMs) => {
      if (!keys.includes(key)) keys.push(key);
      return store.set(key, entry, ttlMs);
    },
  };
}

/** A promise to release an upstream reply when the test says so. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Maven answering a valid session only once the test opens `release`; `calls` records each call. */
function heldUpstream() {
  const release = gate();
  const calls = upstream(async (incoming) => {
    await release.opened;
    return ok()(incoming);
  });
  return { release, calls };
}

/** The default maxBodyBytes, and the size of the chunks a streamed upstream body arrives in. */
const CAP = 1024 * 1024;
const CHUNK = 16 * 1024;

/** A valid session body of exactly `bytes` bytes (ASCII), its `memory` starting with details that must not leak. */
function sessionOfBytes(bytes: number): string {
  const memory = `VIP caller, card on file; echoed ${TEST_KEY}. `;
  const shortest = JSON.stringify(sessionBody({ memory }));
  return JSON.stringify(sessionBody({ memory: memory.padEnd(memory.length + bytes - shortest.length, "x") }));
}

/**
 * Replies with `text`, produced in 16 KiB chunks only as it is read, with or without an honest
 * Content-Length; `produced.bytes` says how much of it the proxy pulled.
 */
function streamed(text: string, { declareLength = true, code = 200, headers = {} as Record<string, string> } = {}) {
  const bytes = new TextEncoder().encode(text);
  const produced = { bytes: 0 };
  const reply: Reply = () =>
    new HttpResponse(
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (produced.bytes >= bytes.length) return controller.close();
          const chunk = bytes.subarray(produced.bytes, produced.bytes + CHUNK);
          produced.bytes += chunk.length;
          controller.enqueue(chunk);
        },
      }),
      {
        status: code,
        headers: {
          "content-type": "application/json",
          ...(declareLength ? { "content-length": String(bytes.length) } : {}),
          ...headers,
        },
      },
    );
  return { reply, produced };
}

/**
 * Fakes only the clock, so msw and the client's own timers keep running. Call it before creating the handler
 * or store (they read `Date.now` when created). Every test that expects a copy served fresh (a `hit`, or no
 * second call) takes it too: on the real clock, a stall of over 2 s (a loaded machine) would make it a miss.
 */
function fakeClock(start = Date.parse("2026-11-26T10:00:00Z")) {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(start);
  return { advance: (ms: number) => vi.setSystemTime(Date.now() + ms) };
}

// ── Tests ──

describe("createSessionHandler: access", () => {
  it("serves the session as JSON with no-store, taking the id from Next 15's promised params", async () => {
    const calls = upstream(ok());
    const handler = createHandler();
    const response = await handler(request(), nextContext());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-maven-cache")).toBe("miss");
    expect(response.headers.get("age")).toBe("0");
    const body = await json(response);
    expect(body.session_id).toBe(SESSION_ID);
    expect(sessionSchema.safeParse(body).success).toBe(true);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`${API}/v1/sessions/${SESSION_ID}`);
    expect(calls[0]!.headers.get("authorization")).toBe(`Bearer ${TEST_KEY}`);
  });

  it("takes the id from plain-object params, and from the URL's last segment with no context", async () => {
    upstream(ok());
    const handler = createHandler({ cache: false });
    const fromParams = await handler(new Request(`${ORIGIN}/anything`), { params: { id: SESSION_ID } });
    expect((await json(fromParams)).session_id).toBe(SESSION_ID);
    const fromUrl = await handler(request(OTHER_ID));
    expect((await json(fromUrl)).session_id).toBe(OTHER_ID);
    const fromCatchAll = await handler(request(THIRD_ID), { params: Promise.resolve({ path: ["v1", "sessions"] }) });
    expect((await json(fromCatchAll)).session_id).toBe(THIRD_ID);
  });

  it("prefers [sessionId] over an [id] higher in the route (orgs/[id]/sessions/[sessionId])", async () => {
    upstream(ok());
    const authorize = vi.fn(() => true);
    const handler = createHandler({ authorize });
    const response = await handler(request(), { params: Promise.resolve({ id: OTHER_ID, sessionId: SESSION_ID }) });
    expect(response.status).toBe(200);
    expect(authorize).toHaveBeenCalledWith(expect.any(Request), SESSION_ID);
    expect((await json(response)).session_id).toBe(SESSION_ID);
  });

  it("answers HEAD with the same status and headers and no body", async () => {
    upstream(ok());
    const handler = createHandler();
    const response = await handler(request(SESSION_ID, { method: "HEAD" }), nextContext());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("");
  });

  it.each(["POST", "PUT", "PATCH", "DELETE", "OPTIONS"])(
    "answers %s with 405 and Allow, without calling Maven",
    async (method) => {
      const calls = upstream(ok());
      const authorize = vi.fn(() => true);
      const response = await createHandler({ authorize })(request(SESSION_ID, { method }), nextContext());
      expect(response.status).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, HEAD");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(typeof (await json(response)).detail).toBe("string");
      expect(calls).toHaveLength(0);
      expect(authorize).not.toHaveBeenCalled();
    },
  );

  it.each(["not-a-uuid", "..%2F..%2Fadmin", `${SESSION_ID}x`, "3f1c2a9e8b7d4c6e9a1f2b3c4d5e6f70", "' OR 1=1 --"])(
    "answers an id that is not a UUID (%s) with 400, before authorize or Maven",
    async (id) => {
      const calls = upstream(ok());
      const authorize = vi.fn(() => true);
      const response = await createHandler({ authorize })(request(encodeURIComponent(id)), {
        params: Promise.resolve({ id }),
      });
      expect(response.status).toBe(400);
      expect((await json(response)).detail).toMatch(/UUID/);
      expect(calls).toHaveLength(0);
      expect(authorize).not.toHaveBeenCalled();
    },
  );

  it("has the signature Next.js checks route handlers against (params a Promise since Next 15, an object before)", () => {
    const handler = createSessionHandler({ apiKey: TEST_KEY, authorize: () => true });
    const next15: (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response> = handler;
    const next14: (request: Request, context: { params: { id: string } }) => Promise<Response> = handler;
    const plain: (request: Request) => Promise<Response> = handler;
    expectTypeOf(next15).toBeFunction();
    expectTypeOf(next14).toBeFunction();
    expectTypeOf(plain).returns.resolves.toEqualTypeOf<Response>();
  });

  it("refuses to be created without authorize, saying what to pass", () => {
    const noAuthorize = { apiKey: TEST_KEY } as unknown as SessionHandlerOptions;
    expect(() => createSessionHandler(noAuthorize)).toThrow(/authorize\(request, sessionId\)/);
    expect(() => createSessionHandler(undefined as unknown as SessionHandlerOptions)).toThrow(/authorize/);
    expect(() => createSessionHandler({ ...noAuthorize, authorize: true } as unknown as SessionHandlerOptions)).toThrow(
      /authorize: \(\) => true/,
    );
  });

  it("answers 403 without calling Maven when authorize says no, and passes it the request and the lower-case id", async () => {
    const calls = upstream(ok());
    const authorize = vi.fn(async () => false);
    const incoming = request(SESSION_ID.toUpperCase());
    const response = await createHandler({ authorize })(incoming, nextContext(SESSION_ID.toUpperCase()));
    expect(response.status).toBe(403);
    expect(typeof (await json(response)).detail).toBe("string");
    expect(authorize).toHaveBeenCalledWith(incoming, SESSION_ID);
    expect(calls).toHaveLength(0);
  });

  it.each([
    [{ status: 401 as const }, 401, "Sign in to see this session."],
    [{ status: 404 as const, detail: "No such payment in this project." }, 404, "No such payment in this project."],
    [{ status: 403 as const, detail: "  " }, 403, "You do not have access to this session."],
  ])("answers authorize's own denial %j without calling Maven", async (decision, status, detail) => {
    const calls = upstream(ok());
    const response = await createHandler({ authorize: async () => decision })(request(), nextContext());
    expect(response.status).toBe(status);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect((await json(response)).detail).toBe(detail);
    expect(calls).toHaveLength(0);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it("sends a denial's challenge as its WWW-Authenticate header, on GET and HEAD", async () => {
    const calls = upstream(ok());
    const handler = createHandler({ authorize: async () => ({ status: 401, challenge: ' Bearer realm="admin" ' }) });
    for (const method of ["GET", "HEAD"]) {
      const response = await handler(request(SESSION_ID, { method }), nextContext());
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="admin"');
    }
    const plain = await createHandler({ authorize: async () => ({ status: 401 }) })(request(), nextContext());
    expect(plain.headers.get("www-authenticate")).toBeNull();
    expect(calls).toHaveLength(0);
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it.each([
    ["a line break", 'Bearer realm="a"\r\nSet-Cookie: sid=1'],
    ["non-ASCII text", 'Bearer realm="café"'],
    ["nothing but spaces", "   "],
    ["a number", 401],
  ])("answers a denial whose challenge is %s without the header, and warns once", async (_, challenge) => {
    upstream(ok());
    const decision = { status: 401, challenge } as unknown as AuthorizeDecision;
    const handler = createHandler({ authorize: async () => decision });
    for (let i = 0; i < 2; i++) {
      const response = await handler(request(), nextContext());
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBeNull();
      expect(response.headers.get("set-cookie")).toBeNull();
      expect((await json(response)).detail).toBe("Sign in to see this session.");
    }
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]![0]).toContain("WWW-Authenticate");
  });

  it("never sends the API key in a challenge", async () => {
    upstream(ok());
    const handler = createHandler({ authorize: async () => ({ status: 401, challenge: `Bearer hint="${TEST_KEY}"` }) });
    const response = await handler(request(), nextContext());
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer hint="[redacted]"');
  });

  it("treats a denial with a status it does not know as a plain 403, and warns", async () => {
    upstream(ok());
    const odd = (() => ({ status: 200 })) as unknown as SessionHandlerOptions["authorize"];
    expect((await createHandler({ authorize: odd })(request(), nextContext())).status).toBe(403);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    // Naming the statuses it does know, so the fix is in the message.
    expect(logger.warn.mock.calls[0]![0]).toContain("{ status: 401 | 403 | 404 }");
  });

  it("treats an answer other than true as a denial, and warns once", async () => {
    upstream(ok());
    const handler = createHandler({ authorize: (() => "yes") as unknown as SessionHandlerOptions["authorize"] });
    expect((await handler(request(), nextContext())).status).toBe(403);
    expect((await handler(request(), nextContext())).status).toBe(403);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn.mock.calls[0]![0]).toMatch(/not a boolean/);
  });

  it("answers 500 with a safe message when authorize throws, and logs the cause on the server", async () => {
    const calls = upstream(ok());
    const authorize = () => {
      throw new Error("database password rejected for user admin");
    };
    const response = await createHandler({ authorize })(request(), nextContext());
    expect(response.status).toBe(500);
    const body = await json(response);
    expect(body.detail).toBe("The server could not check access to this session.");
    expect(JSON.stringify(body)).not.toContain("database");
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toContain("database password rejected");
    expect(calls).toHaveLength(0);
  });

  it("checks authorize on every request, cached copies included", async () => {
    const calls = upstream(ok());
    let allowed = true;
    const handler = createHandler({ authorize: () => allowed });
    expect((await handler(request(), nextContext())).status).toBe(200);
    allowed = false;
    const denied = await handler(request(), nextContext());
    expect(denied.status).toBe(403);
    expect(await denied.text()).not.toContain("collecting");
    expect(calls).toHaveLength(1);
  });
});

describe("createSessionHandler: the key and upstream failures", () => {
  it("falls back to MAVEN_API_KEY on the server", async () => {
    vi.stubEnv("MAVEN_API_KEY", TEST_KEY);
    const calls = upstream(ok());
    const handler = createHandler({ apiKey: undefined });
    expect((await handler(request(), nextContext())).status).toBe(200);
    expect(calls[0]!.headers.get("authorization")).toBe(`Bearer ${TEST_KEY}`);
  });

  it("never sends MAVEN_API_KEY to a plain http baseUrl, and says why in the log", async () => {
    vi.stubEnv("MAVEN_API_KEY", TEST_KEY);
    const { requests, fetch: capture } = capturingFetch();
    const baseUrl = "http://127.0.0.1:4010";
    const response = await createHandler({ apiKey: undefined, baseUrl, fetch: capture })(request(), nextContext());
    expect(response.status).toBe(500);
    expect(requests).toHaveLength(0);
    expect(logger.error.mock.calls[0]![0]).toMatch(/sent to an https baseUrl only/);
    // Given explicitly (a mock's own key), it is used.
    const mock = createHandler({ apiKey: "mvn_test_mock", baseUrl, fetch: capture });
    expect((await mock(request(), nextContext())).status).toBe(200);
    expect(requests[0]!.headers.get("authorization")).toBe("Bearer mvn_test_mock");
  });

  it("never sends a live key over plain http: it answers 500 and the log says why, without the key", async () => {
    const liveKey = "mvn_live_FAKE_key_for_tests_only";
    const { requests, fetch: capture } = capturingFetch();
    const handler = createHandler({ apiKey: liveKey, baseUrl: "http://127.0.0.1:4010", fetch: capture });
    const response = await handler(request(), nextContext());
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain(liveKey);
    expect(requests).toHaveLength(0);
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toMatch(/live key .* https baseUrl only/);
    expect(logger.error.mock.calls[0]![0]).not.toContain(liveKey);
    // Over https the same key is sent.
    const secure = createHandler({ apiKey: liveKey, baseUrl: "https://maven.staging.example", fetch: capture });
    expect((await secure(request(), nextContext())).status).toBe(200);
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${liveKey}`);
  });

  // Regression: the handler read the key for any baseUrl not starting "http:", where the client reads it for
  // "https:" only. A URL parser drops tabs, so "ht\ttp://" is plain http where a `location` resolves it.
  it.each([
    ["a tab in its scheme", "ht\ttp://127.0.0.1:4010", { href: "https://deno.example/" }],
    ["relative", "/maven", undefined],
  ])("never reads MAVEN_API_KEY for a baseUrl that is not https (%s)", async (_, baseUrl, location) => {
    vi.stubEnv("MAVEN_API_KEY", TEST_KEY);
    if (location) vi.stubGlobal("location", location);
    try {
      const { requests, fetch: capture } = capturingFetch();
      const response = await createHandler({ apiKey: undefined, baseUrl, fetch: capture })(request(), nextContext());
      expect(response.status).toBe(500);
      expect(requests).toHaveLength(0);
      expect(logger.error.mock.calls[0]![0]).toMatch(/sent to an https baseUrl only/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("can be created without a key (so builds work without secrets) and then answers 500 with a logged hint", async () => {
    vi.stubEnv("MAVEN_API_KEY", "");
    const calls = upstream(ok());
    const handler = createHandler({ apiKey: undefined });
    const response = await handler(request(), nextContext());
    expect(response.status).toBe(500);
    expect((await json(response)).detail).toBe("The session proxy is not configured.");
    await handler(request(), nextContext());
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toMatch(/MAVEN_API_KEY/);
    expect(calls).toHaveLength(0);
  });

  it.each([401, 403])(
    "turns an upstream %i (our key is wrong) into 502 with a safe message and a server-side hint",
    async (code) => {
      // A careless upstream that echoes the key back must not get it through either.
      upstream(status(code, { detail: `Invalid API key ${TEST_KEY}` }));
      const response = await createHandler()(request(), nextContext());
      expect(response.status).toBe(502);
      const body = await json(response);
      expect(body).toEqual({ detail: "The session service rejected this server's credentials." });
      expect(logger.error).toHaveBeenCalledTimes(1);
      const hint = logger.error.mock.calls[0]![0];
      expect(hint).toMatch(/MAVEN_API_KEY/);
      expect(hint).toMatch(/a test key \(mvn_test_…\)/);
      expect(hint).toContain(`HTTP ${code}`);
    },
  );

  it("scrubs a key with characters JSON escapes (a quote, a backslash) from what it serves", async () => {
    // Not a Maven key's shape, but one a header can carry: an app may put its gateway's credential here.
    const key = 'mvn_test_quote"and\\backslash0123456789';
    upstream(ok({ memory: `echoed ${key}` }));
    const response = await createHandler({ apiKey: key })(request(), nextContext());
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(text).not.toContain(JSON.stringify(key).slice(1, -1));
    expect((JSON.parse(text) as { memory: string }).memory).toBe("echoed [redacted]");
  });

  it("keeps an upstream 404 a 404", async () => {
    upstream(status(404, { detail: "Session not found" }));
    const response = await createHandler()(request(), nextContext());
    expect(response.status).toBe(404);
    expect(await json(response)).toEqual({ detail: "Session not found." });
  });

  it("passes an upstream 429 on with Retry-After, and pauses upstream calls for that long", async () => {
    const clock = fakeClock();
    const calls = upstream(status(429, { detail: "Too many requests" }, { "retry-after": "30" }), ok());
    const handler = createHandler();
    const first = await handler(request(), nextContext());
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("30");
    expect(logger.warn.mock.calls[0]![0]).toMatch(/429/);

    clock.advance(10_000);
    const paused = await handler(request(OTHER_ID), nextContext(OTHER_ID));
    expect(paused.status).toBe(429);
    expect(paused.headers.get("retry-after")).toBe("20");
    expect(calls).toHaveLength(1);
    // The session that was refused is answered from memory, its wait counting down too.
    const again = await handler(request(), nextContext());
    expect(again.status).toBe(429);
    expect(again.headers.get("retry-after")).toBe("20");
    expect(calls).toHaveLength(1);

    clock.advance(20_000);
    expect((await handler(request(OTHER_ID), nextContext(OTHER_ID))).status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it("pauses for one rate-limit window at most, whatever Retry-After an upstream 429 asks for", async () => {
    const clock = fakeClock();
    const calls = upstream(status(429, { detail: "Too many requests" }, { "retry-after": "86400" }), ok());
    const handler = createHandler();
    const first = await handler(request(), nextContext());
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBe("60");
    expect(logger.warn.mock.calls[0]![0]).toMatch(/asked for 86400 s; capped/);
    clock.advance(60_000);
    expect((await handler(request(OTHER_ID), nextContext(OTHER_ID))).status).toBe(200);
    expect(calls).toHaveLength(2);
  });

  it("logs no part of a key or bearer token that an upstream message echoes, even cut short", async () => {
    // Core cuts an upstream message at 300 characters: the cut can fall inside the key.
    upstream(status(400, { detail: `${"x".repeat(265)} Authorization: Bearer ${TEST_KEY}` }));
    const response = await createHandler()(request(), nextContext());
    expect(response.status).toBe(502);
    const logged = logger.error.mock.calls.map(([message]) => message).join("\n");
    expect(logged).toContain("Bearer [redacted]");
    expect(logged).not.toMatch(/mvn_test_[0-9a-z]/);
  });

  it.each([500, 502, 503])("turns an upstream %i into 502, calling Maven once (no retries)", async (code) => {
    const calls = upstream(status(code));
    const response = await createHandler()(request(), nextContext());
    expect(response.status).toBe(502);
    expect(await json(response)).toEqual({ detail: "The session service failed; try again shortly." });
    expect(calls).toHaveLength(1);
  });

  it("answers 504, and asks again later, when a custom fetch ignores the abort signal", async () => {
    const clock = fakeClock();
    let hung = 0;
    const deaf: typeof fetch = (input, init) => {
      if (hung++ === 0) return new Promise<Response>(() => {}); // never settles, signal or not
      // Answers, deaf to the signal too, well within the limit (a loaded machine may be slow to answer).
      return fetch(input, { ...init, signal: null });
    };
    upstream(ok());
    const handler = createHandler({ timeoutMs: 500, fetch: deaf });
    const first = await handler(request(), nextContext());
    expect(first.status).toBe(504);
    expect(await json(first)).toEqual({ detail: "The session service did not answer in time." });
    // The hung call no longer holds the session's single flight: the next request is answered.
    clock.advance(5_000);
    expect((await handler(request(), nextContext())).status).toBe(200);
    expect(hung).toBe(2);
  }, 10_000);

  it("turns an upstream timeout into 504", async () => {
    upstream(async () => {
      await delay(2_000);
      return HttpResponse.json(sessionBody());
    });
    const response = await createHandler({ timeoutMs: 50 })(request(), nextContext());
    expect(response.status).toBe(504);
    expect(await json(response)).toEqual({ detail: "The session service did not answer in time." });
    // The log names where the proxy was calling, so a wrong baseUrl shows at once.
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(`Maven (${API}) did not answer in time`));
  });

  it("turns a connection failure into 502, and logs the origin it could not reach", async () => {
    upstream(() => HttpResponse.error());
    const response = await createHandler()(request(), nextContext());
    expect(response.status).toBe(502);
    expect(await json(response)).toEqual({ detail: "The session service could not be reached." });
    expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining(`Maven (${API}) could not be reached`));
  });

  it("refuses a baseUrl holding a user name or password at creation, without repeating it", () => {
    for (const baseUrl of ["https://mock-user:mock-pass@api.trymaven.com", "https://mock-user@api.trymaven.com/v0"]) {
      const create = () => createHandler({ baseUrl });
      expect(create).toThrow(MavenError);
      expect(create).toThrow(/baseUrl must not hold a user name or password/);
      expect(create).not.toThrow(/mock-user|mock-pass/);
    }
  });

  it.each([
    ["a missing required field", () => HttpResponse.json(sessionBody({ caller: undefined }))],
    ["a body that is not JSON", () => new HttpResponse("<html>oops</html>", { status: 200 })],
    ["a different session", () => HttpResponse.json(sessionBody({ session_id: OTHER_ID }))],
  ])("turns a contract mismatch (%s) into 502 and logs where, not the body", async (_name, reply) => {
    upstream(reply);
    const response = await createHandler()(request(), nextContext());
    expect(response.status).toBe(502);
    expect(await json(response)).toEqual({ detail: "The session service returned an unexpected response." });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error.mock.calls[0]![0]).toMatch(/does not match the contract/);
    expect(logger.error.mock.calls[0]![0]).not.toContain("+14155552671");
  });

  it("scrubs the key from a session body, should one ever contain it", async () => {
    upstream(ok({ description: `pasted by mistake: ${TEST_KEY}` }));
    const body = await json(await createHandler()(request(), nextContext()));
    expect(body.description).toBe("pasted by mistake: [redacted]");
  });

  it("does not reveal the key when the handler is logged or serialised", () => {
    const handler = createSessionHandler({ apiKey: TEST_KEY, authorize: () => true });
    expect(String(handler)).not.toContain(TEST_KEY);
    expect(JSON.stringify({ handler })).not.toContain(TEST_KEY);
  });
});

describe("createSessionHandler: upstream body size (maxBodyBytes)", () => {
  /** How an upstream body may arrive: announced by an honest Content-Length, or chunked with none. */
  const ARRIVALS = [
    ["with Content-Length", true],
    ["chunked", false],
  ] as const;

  /** The safe 502 of a body that breaks the contract, with nothing of the upstream body in it (nor the key: see afterEach). */
  async function expectRefused(response: Response) {
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ detail: "The session service returned an unexpected response." });
    expect(text).not.toContain("VIP caller");
  }

  it("refuses a session whose honest Content-Length is over the cap without reading its body, with the safe 502", async () => {
    const { reply, produced } = streamed(sessionOfBytes(2 * 1024 * 1024));
    const calls = upstream(reply);
    await expectRefused(await createHandler()(request(), nextContext()));
    expect(calls).toHaveLength(1);
    // Nothing is read past what the network layer had already buffered (msw pre-reads up to two chunks).
    expect(produced.bytes).toBeLessThanOrEqual(2 * CHUNK);
    expect(logger.error).toHaveBeenCalledTimes(1);
    const logged = logger.error.mock.calls[0]![0];
    expect(logged).toContain(
      `session ${SESSION_ID} exceeded ${CAP} bytes (Content-Length: ${2 * 1024 * 1024}; not read)`,
    );
    expect(logged).not.toContain("VIP caller");
  });

  it.each([
    ["the default", undefined, CAP],
    ["a custom", 4_096, 4_096],
  ])(
    "cuts off a chunked session with no Content-Length once it grows past %s cap",
    async (_name, maxBodyBytes, cap) => {
      const { reply, produced } = streamed(sessionOfBytes(2 * 1024 * 1024), { declareLength: false });
      upstream(reply);
      await expectRefused(await createHandler({ maxBodyBytes })(request(), nextContext()));
      // The chunk that crossed the cap, and what was buffered ahead of it: never the 2 MiB.
      expect(produced.bytes).toBeLessThanOrEqual(cap + 3 * CHUNK);
      const logged = logger.error.mock.calls.map(([message]) => message).join("\n");
      expect(logged).toMatch(new RegExp(`session ${SESSION_ID} exceeded ${cap} bytes, the maxBodyBytes cap`));
      expect(logged).not.toContain("VIP caller");
    },
  );

  it.each(ARRIVALS)(
    "serves a session of exactly the cap (%s), and refuses one a byte longer",
    async (_name, declareLength) => {
      const exact = sessionOfBytes(CAP);
      expect(new TextEncoder().encode(exact).byteLength).toBe(CAP);
      upstream(streamed(exact, { declareLength }).reply, streamed(sessionOfBytes(CAP + 1), { declareLength }).reply);
      const handler = createHandler({ cache: false, rateLimit: false });
      const served = await handler(request(), nextContext());
      expect(served.status).toBe(200);
      // Whole, the echoed key scrubbed as in any session.
      expect(await json(served)).toEqual(JSON.parse(exact.replace(TEST_KEY, "[redacted]")));
      await expectRefused(await handler(request(), nextContext()));
    },
  );

  it("neither caches an oversized session nor asks for it again at once", async () => {
    fakeClock();
    const store = recordingStore();
    const calls = upstream(streamed(sessionOfBytes(CAP + 1), { declareLength: false }).reply);
    const handler = createHandler({ store });
    await expectRefused(await handler(request(), nextContext()));
    // Answered again from the remembered failure, as for a body that breaks the contract: no second call.
    expect((await handler(request(), nextContext())).status).toBe(502);
    expect(calls).toHaveLength(1);
    expect(store.keys).toEqual([]);
  });

  it("keeps the earlier good copy as it was, and follows the contract-break policy for it", async () => {
    const clock = fakeClock();
    const store = recordingStore();
    const calls = upstream(ok(), streamed(sessionOfBytes(2 * CAP)).reply, ok({ status: "processing" }));
    const handler = createHandler({ store });
    expect((await handler(request(), nextContext())).status).toBe(200);
    clock.advance(4_000);
    // Refused, and until the next refresh slot refused again without a call. The copy from before, untouched
    // by the oversized answer, travels in the error's body, marked stale: never as a 200 that looks live.
    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await handler(request(), nextContext());
      expect(refused.status).toBe(502);
      expect(refused.headers.get("x-maven-cache")).toBe("stale");
      const body = (await json(refused)) as { detail: string; session: { memory: string | null } };
      expect(body.detail).toBe("The session service returned an unexpected response.");
      expect(body.session.memory).toBeNull();
    }
    expect((await store.get(store.keys[0]!))?.session.memory).toBeNull();
    expect(calls).toHaveLength(2);
    clock.advance(4_000);
    expect((await json(await handler(request(), nextContext()))).status).toBe("processing");
    expect(calls).toHaveLength(3);
  });

  it.each(ARRIVALS)(
    "keeps an error status's meaning when its body (%s) is over the cap, reading no more than the cap",
    async (_name, declareLength) => {
      const huge = JSON.stringify({ detail: `slow down ${"x".repeat(2 * 1024 * 1024)}` });
      const { reply, produced } = streamed(huge, { declareLength, code: 429, headers: { "retry-after": "30" } });
      upstream(reply);
      const response = await createHandler()(request(), nextContext());
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("30");
      expect(produced.bytes).toBeLessThanOrEqual(CAP + 3 * CHUNK);
    },
  );

  it("still calls upstream through your own fetch", async () => {
    const calls = upstream(ok(), streamed(sessionOfBytes(CAP + 1)).reply);
    const ownFetch = vi.fn<typeof fetch>((input, init) => fetch(input, init));
    const handler = createHandler({ fetch: ownFetch, cache: false, rateLimit: false });
    expect((await handler(request(), nextContext())).status).toBe(200);
    await expectRefused(await handler(request(), nextContext()));
    expect(ownFetch).toHaveBeenCalledTimes(2);
    expect(calls).toHaveLength(2);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("refuses maxBodyBytes: %s at construction", (value) => {
    expect(() => createSessionHandler({ apiKey: TEST_KEY, authorize: () => true, maxBodyBytes: value })).toThrow(
      `createSessionHandler: maxBodyBytes must be a positive whole number of bytes, got ${value}.`,
    );
  });
});

describe("createSessionHandler: the browser client reads the proxy's answers", () => {
  /** A browser-style client whose requests msw hands to the proxy, which calls the mocked Maven API. */
  function browserClient(options: Partial<SessionHandlerOptions> = {}) {
    const handler = createHandler(options);
    server.use(
      http.get(`${ORIGIN}/api/maven/v1/sessions/:id`, ({ request: incoming, params }) =>
        handler(incoming, { params: Promise.resolve({ id: String(params.id) }) }),
      ),
    );
    return createMavenClient({ baseUrl: `${ORIGIN}/api/maven`, maxRetries: 0 });
  }

  it("gets a valid, redacted session", async () => {
    upstream(ok({ memory: "VIP caller, wants a refund" }));
    const client = browserClient({ redact: ["caller", "memory", "project_slug"] });
    const session = await client.sessions.get(SESSION_ID);
    expect(session).toMatchObject({ session_id: SESSION_ID, caller: "", project_slug: "", memory: null });
    expect(session.amount).toBe("49.99");
  });

  it.each([
    [403, "authorize says no", PermissionDeniedError, { authorize: () => false }, ok()],
    [404, "unknown session", NotFoundError, {}, status(404)],
    [429, "upstream rate limit", RateLimitError, {}, status(429, { detail: "slow down" }, { "retry-after": "7" })],
    [502, "upstream 503", InternalServerError, {}, status(503)],
    [502, "bad key", InternalServerError, {}, status(401)],
    [502, "session over maxBodyBytes", InternalServerError, {}, streamed(sessionOfBytes(CAP + 1)).reply],
  ] as const)("maps a %i (%s) to the right error class", async (_code, _name, ErrorClass, options, reply) => {
    upstream(reply);
    const error = await browserClient(options)
      .sessions.get(SESSION_ID)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ErrorClass);
    if (error instanceof RateLimitError) expect(error.retryAfterMs).toBe(7_000);
  });
});

describe("createSessionHandler: redact", () => {
  it("blanks listed fields (null, or '' for required strings), names them in a header, and caches only the redacted copy", async () => {
    upstream(ok({ memory: "VIP caller", callback: "+14155550000" }));
    const store = recordingStore();
    const handler = createHandler({ redact: ["caller", "memory", "callback"], store });
    const response = await handler(request(), nextContext());
    expect(response.headers.get("x-maven-redacted")).toBe("caller,memory,callback");
    const body = await json(response);
    expect(body).toMatchObject({ caller: "", memory: null, callback: null, description: "Order #1042" });
    expect(sessionSchema.safeParse(body).success).toBe(true);
    expect(store.keys).toEqual([expect.stringMatching(new RegExp(`^v[0-9a-z]+:${SESSION_ID}$`))]);
    const cached = await store.get(store.keys[0]!);
    expect(cached?.session.caller).toBe("");
    expect(cached?.session.memory).toBeNull();
    expect(JSON.stringify(cached)).not.toContain("+14155552671");
  });

  it("sends no X-Maven-Redacted header when nothing is redacted", async () => {
    upstream(ok());
    const response = await createHandler()(request(), nextContext());
    expect(response.headers.has("x-maven-redacted")).toBe(false);
  });

  it.each(["session_id", "status", "is_terminal", "amount", "created_at", "updated_at"])(
    "refuses to redact %s, which the browser needs",
    (field) => {
      expect(() => createSessionHandler({ apiKey: TEST_KEY, authorize: () => true, redact: [field] })).toThrow(
        new RegExp(`"${field}" cannot be redacted`),
      );
    },
  );

  it("accepts a function, and lists the fields it changed", async () => {
    upstream(ok({ processor: { card_brand: "visa", card_last4: "4242" } }));
    const handler = createHandler({
      redact: (session) => ({ ...session, caller: session.caller.replace(/\d(?=\d{4})/g, "•"), processor: null }),
    });
    const response = await handler(request(), nextContext());
    expect(response.headers.get("x-maven-redacted")).toBe("processor,caller");
    const body = await json(response);
    expect(body.caller).toBe("+•••••••2671");
    expect(body.processor).toBeNull();
  });

  it("answers 500, logs why and remembers it when a redact function throws: one upstream call, not one per request", async () => {
    fakeClock();
    const calls = upstream(ok());
    const handler = createHandler({
      redact: () => {
        throw new TypeError("cannot read properties of undefined (reading 'card_last4')");
      },
    });
    for (let i = 0; i < 3; i++) {
      const response = await handler(request(), nextContext());
      expect(response.status).toBe(500);
      expect(await json(response)).toEqual({ detail: "The server could not prepare this session." });
    }
    expect(calls).toHaveLength(1);
    expect(logger.error.mock.calls[0]![0]).toMatch(/redact function threw: TypeError: cannot read properties/);
  });

  it("warns once about a listed field no session has (a typo, a nested path), and lists only what it removed", async () => {
    upstream(ok({ memory: "VIP caller" }));
    const handler = createHandler({ redact: ["memory", "memroy", "processor.card_last4"] });
    const response = await handler(request(), nextContext());
    expect(response.headers.get("x-maven-redacted")).toBe("memory");
    const body = await json(response);
    expect(body.memory).toBeNull();
    expect(Object.keys(body)).not.toContain("memroy");
    await handler(request(OTHER_ID), nextContext(OTHER_ID));
    const warnings = logger.warn.mock.calls.map(([message]) => message);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/redact lists "memroy".*Check the spelling/);
    expect(warnings[1]).toMatch(/redact lists "processor.card_last4".*Only top-level fields/);
  });

  it("answers 500 and logs why when a redact function breaks the contract", async () => {
    upstream(ok());
    const handler = createHandler({
      redact: (session) => {
        const { caller: _caller, ...rest } = session;
        return rest as typeof session;
      },
    });
    const response = await handler(request(), nextContext());
    expect(response.status).toBe(500);
    expect(await json(response)).toEqual({ detail: "The server could not prepare this session." });
    expect(logger.error.mock.calls[0]![0]).toMatch(/redact.*caller/s);
  });
});

describe("createSessionHandler: client, for server code", () => {
  it("reads through the handler: redacted, cached and shared with the browser's requests, without authorize", async () => {
    fakeClock();
    const calls = upstream(ok({ memory: "VIP caller; refund owed" }));
    const authorize = vi.fn(() => true);
    const handler = createSessionHandler({ apiKey: TEST_KEY, authorize, logger, redact: ["memory"] });
    const session = await handler.client.sessions.get(SESSION_ID.toUpperCase());
    expect(session).toMatchObject({ session_id: SESSION_ID, memory: null, caller: "+14155552671" });
    expect(authorize).not.toHaveBeenCalled();
    // The browser's first poll is served the prefetch's copy: one upstream call for both.
    const response = await handler(request(), nextContext());
    responses.push(response.clone());
    expect(response.headers.get("x-maven-cache")).toBe("hit");
    expect(calls).toHaveLength(1);
    expect(JSON.stringify(handler.client)).not.toContain(TEST_KEY);
  });

  it("throws the client's errors, made from the answer the browser would get", async () => {
    const clock = fakeClock();
    upstream(status(404));
    const handler = createSessionHandler({
      apiKey: TEST_KEY,
      authorize: () => true,
      logger,
      rateLimit: { requests: 1, reserveForNewSessions: 0 },
    });
    await expect(handler.client.sessions.get(SESSION_ID)).rejects.toBeInstanceOf(NotFoundError);
    clock.advance(1_000);
    const limited = await handler.client.sessions.get(OTHER_ID).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfterMs).toBe(59_000);
    await expect(handler.client.sessions.get("../admin")).rejects.toThrow(/UUID/);

    vi.stubEnv("MAVEN_API_KEY", "");
    const unconfigured = createSessionHandler({ authorize: () => true, logger });
    const failed = await unconfigured.client.sessions.get(SESSION_ID).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(InternalServerError);
    expect((failed as InternalServerError).message).toBe("500 The session proxy is not configured.");
  });

  it("stops waiting when its signal aborts, while the call it shares goes on for the others", async () => {
    const { release, calls } = heldUpstream();
    const handler = createHandler();
    const controller = new AbortController();
    const aborted = handler.client.sessions.get(SESSION_ID, { signal: controller.signal });
    const browser = handler(request(), nextContext());
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    controller.abort(new Error("navigated away"));
    await expect(aborted).rejects.toThrow("navigated away");
    release.open();
    expect((await browser).status).toBe(200);
    expect(calls).toHaveLength(1);
  });

  it("waits no longer than a call's timeoutMs, while the call it started fills the cache for the browser", async () => {
    fakeClock();
    const { release, calls } = heldUpstream();
    const handler = createHandler();
    await expect(handler.client.sessions.get(SESSION_ID, { timeoutMs: -1 })).rejects.toThrow(/timeoutMs must be/);
    const prefetch = handler.client.sessions.get(SESSION_ID, { timeoutMs: 50 });
    await expect(prefetch).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    await expect(prefetch).rejects.toThrow("Request timed out after 50 ms.");
    release.open();
    await vi.waitFor(async () => {
      const response = await handler(request(), nextContext());
      expect(response.headers.get("x-maven-cache")).toBe("hit");
    });
    expect(calls).toHaveLength(1);
  });

  it("shows onResponse the status and headers the browser would get: the copy's Age, its cache state, a failure", async () => {
    const clock = fakeClock();
    upstream(ok(), status(404));
    const handler = createHandler();
    const seen: Array<[number, string | null, string | null]> = [];
    const onResponse = (response: Response) =>
      seen.push([response.status, response.headers.get("x-maven-cache"), response.headers.get("age")]);
    await handler.client.sessions.get(SESSION_ID, { onResponse });
    clock.advance(1_500);
    await handler.client.sessions.get(SESSION_ID, { onResponse });
    await expect(handler.client.sessions.get(OTHER_ID, { onResponse })).rejects.toBeInstanceOf(NotFoundError);
    expect(seen).toEqual([
      [200, "miss", "0"],
      [200, "hit", "1"],
      [404, null, null],
    ]);
  });

  it("polls until terminal through the handler", async () => {
    upstream(ok(), ok({ status: "payment-success", is_terminal: true }));
    const handler = createHandler({ cache: false, rateLimit: false });
    const final = await handler.client.sessions.poll(SESSION_ID, { intervalMs: 10 });
    expect(final.status).toBe("payment-success");
  });
});

describe("createSessionHandler: upstream frugality", () => {
  it("shares one upstream call between concurrent requests for one session", async () => {
    const { release, calls } = heldUpstream();
    const handler = createHandler();
    const pending = Array.from({ length: 25 }, () => handler(request(), nextContext()));
    await vi.waitFor(() => expect(calls).toHaveLength(1));
    release.open();
    const answers = await Promise.all(pending);
    expect(answers.map((response) => response.status)).toEqual(Array(25).fill(200));
    const bodies = await Promise.all(answers.map((response) => response.json()));
    expect(new Set(bodies.map((body) => JSON.stringify(body))).size).toBe(1);
    expect(calls).toHaveLength(1);
  });

  it("makes one call per session when requests for different sessions arrive together", async () => {
    const calls = upstream(ok());
    const handler = createHandler();
    const ids = [SESSION_ID, OTHER_ID, THIRD_ID];
    const answers = await Promise.all(ids.flatMap((id) => [1, 2, 3].map(() => handler(request(id), nextContext(id)))));
    expect(answers.every((response) => response.status === 200)).toBe(true);
    expect(calls.map((call) => call.url.split("/").at(-1)).sort()).toEqual([...ids].sort());
  });

  it("serves a live session from cache for 2 s, with Age, then asks Maven again", async () => {
    const clock = fakeClock();
    const calls = upstream(ok({ status: "pending" }), ok({ status: "collecting" }));
    // No budget here: it would space refreshes 4 s apart (tested below), hiding the TTL.
    const handler = createHandler({ rateLimit: false });
    expect((await json(await handler(request(), nextContext()))).status).toBe("pending");

    clock.advance(1_999);
    const hit = await handler(request(), nextContext());
    expect(hit.headers.get("x-maven-cache")).toBe("hit");
    expect(hit.headers.get("age")).toBe("1");
    expect((await json(hit)).status).toBe("pending");
    expect(calls).toHaveLength(1);

    clock.advance(1);
    const miss = await handler(request(), nextContext());
    expect(miss.headers.get("x-maven-cache")).toBe("miss");
    expect((await json(miss)).status).toBe("collecting");
    expect(calls).toHaveLength(2);
  });

  it("serves a terminal session from cache for 60 s, not forever (transfer_status may still change)", async () => {
    const clock = fakeClock();
    const terminal = { status: "payment-success", is_terminal: true, completed_at: "2026-11-26T10:01:00Z" };
    const calls = upstream(ok(terminal), ok({ ...terminal, transfer_status: "completed" }));
    const handler = createHandler();
    await handler(request(), nextContext());
    clock.advance(59_000);
    const hit = await handler(request(), nextContext());
    expect(hit.headers.get("x-maven-cache")).toBe("hit");
    expect(hit.headers.get("age")).toBe("59");
    clock.advance(1_000);
    const miss = await handler(request(), nextContext());
    expect((await json(miss)).transfer_status).toBe("completed");
    expect(calls).toHaveLength(2);
  });

  it("honours custom cache TTLs", async () => {
    const clock = fakeClock();
    const calls = upstream(ok());
    const handler = createHandler({ cache: { activeTtlMs: 10_000 } });
    await handler(request(), nextContext());
    clock.advance(9_000);
    await handler(request(), nextContext());
    expect(calls).toHaveLength(1);
  });

  it("answers 429 with Retry-After, without calling Maven, when the budget is spent and there is no copy", async () => {
    const clock = fakeClock();
    const calls = upstream(ok());
    const handler = createHandler({ rateLimit: { requests: 3, windowMs: 60_000 } });
    for (const id of [SESSION_ID, OTHER_ID, THIRD_ID]) {
      expect((await handler(request(id), nextContext(id))).status).toBe(200);
      clock.advance(1_000);
    }
    const refused = await handler(request(FOURTH_ID), nextContext(FOURTH_ID));
    expect(refused.status).toBe(429);
    // The first call's slot frees 60 s after it completed, 57 s from now.
    expect(refused.headers.get("retry-after")).toBe("57");
    expect(typeof (await json(refused)).detail).toBe("string");
    expect(calls).toHaveLength(3);

    clock.advance(57_000);
    expect((await handler(request(FOURTH_ID), nextContext(FOURTH_ID))).status).toBe(200);
    expect(calls).toHaveLength(4);
  });

  it("keeps to 20 calls a minute by default, however many requests come in", async () => {
    const clock = fakeClock();
    const calls = upstream(ok());
    const handler = createHandler({ cache: false });
    const statuses: number[] = [];
    for (let i = 0; i < 100; i++) {
      statuses.push((await handler(request(), nextContext())).status);
      clock.advance(500);
    }
    // 50 s: every call fits in one window.
    expect(calls).toHaveLength(20);
    expect(statuses.filter((code) => code === 200)).toHaveLength(20);
    expect(statuses.filter((code) => code === 429)).toHaveLength(80);
  });

  it("serves the last good copy, marked stale with its Age, rather than exceed the budget", async () => {
    const clock = fakeClock();
    const calls = upstream(ok({ status: "pending" }), ok({ status: "collecting" }));
    const handler = createHandler({ rateLimit: { requests: 1, windowMs: 60_000 } });
    await handler(request(), nextContext());
    clock.advance(5_000);
    const stale = await handler(request(), nextContext());
    expect(stale.status).toBe(200);
    expect(stale.headers.get("x-maven-cache")).toBe("stale");
    expect(stale.headers.get("age")).toBe("5");
    expect((await json(stale)).status).toBe("pending");
    expect(calls).toHaveLength(1);
  });

  it("stops serving a copy older than maxStaleMs", async () => {
    const clock = fakeClock();
    const calls = upstream(ok());
    const handler = createHandler({ rateLimit: { requests: 1, windowMs: 600_000 }, cache: { maxStaleMs: 30_000 } });
    await handler(request(), nextContext());
    clock.advance(30_001);
    const refused = await handler(request(), nextContext());
    expect(refused.status).toBe(429);
    expect(calls).toHaveLength(1);
  });

  it("spreads one session's refreshes evenly (every 4 s by default) instead of spending the minute's budget in a burst", async () => {
    const clock = fakeClock();
    const callTimes: number[] = [];
    upstream((incoming) => {
      callTimes.push(Date.now());
      return ok()(incoming);
    });
    const handler = createHandler();
    const ages: number[] = [];
    for (let second = 0; second < 120; second++) {
      ages.push(Number((await handler(request(), nextContext())).headers.get("age")));
      clock.advance(1_000);
    }
    const gaps = callTimes.slice(1).map((time, i) => time - callTimes[i]!);
    expect(gaps.every((gap) => gap === 4_000)).toBe(true);
    expect(Math.max(...ages)).toBeLessThanOrEqual(3);
    expect(callTimes).toHaveLength(30);
  });

  it("shares refreshes fairly between sessions on screen, however hard each one is polled", async () => {
    const clock = fakeClock();
    const calls = upstream(ok());
    const handler = createHandler();
    const polls: Array<[string, number]> = [
      [SESSION_ID, 8],
      [OTHER_ID, 2],
      [THIRD_ID, 1],
    ];
    for (let second = 0; second < 180; second++) {
      // The busiest session's requests always arrive first.
      for (const [id, times] of polls) for (let i = 0; i < times; i++) await handler(request(id), nextContext(id));
      clock.advance(1_000);
    }
    const perSession = [SESSION_ID, OTHER_ID, THIRD_ID].map(
      (id) => calls.filter((call) => call.url.endsWith(id)).length,
    );
    // 15 refreshes a minute for 3 minutes, plus 3 first loads, shared evenly.
    expect(perSession.reduce((sum, count) => sum + count, 0)).toBeLessThanOrEqual(48);
    expect(Math.max(...perSession) - Math.min(...perSession)).toBeLessThanOrEqual(1);
  });

  it("shares refreshes among the sessions it has answered: ids asked for once (guesses, typos) do not slow them", async () => {
    const clock = fakeClock();
    const unknown = Array.from({ length: 12 }, (_, i) => `0000000${i.toString(16)}-0000-4000-8000-000000000000`);
    const calls = upstream((incoming) =>
      (unknown.some((id) => incoming.url.endsWith(id)) ? status(404) : ok())(incoming),
    );
    const handler = createHandler({ rateLimit: { requests: 60, windowMs: 60_000 } });
    expect((await handler(request(), nextContext())).status).toBe(200);
    // Guessed or mistyped ids (authorize lets everyone in): Maven answers 404, and nobody will see them refresh.
    for (const id of unknown) expect((await handler(request(id), nextContext(id))).status).toBe(404);
    const cacheStates: string[] = [];
    for (let second = 1; second <= 10; second++) {
      clock.advance(1_000);
      cacheStates.push((await handler(request(), nextContext())).headers.get("x-maven-cache")!);
    }
    // 45 refresh slots a minute (15 kept for new sessions): the one live session on screen is refreshed each
    // time its 2 s copy expires, not once every 13 slots (17 s) as if the 12 unknown ids were on screen too.
    expect(cacheStates.filter((state) => state === "miss")).toHaveLength(5);
    expect(calls.filter((call) => call.url.endsWith(SESSION_ID))).toHaveLength(6);
  });

  it("keeps part of the budget for sessions nobody has loaded yet, and spreads refreshes out", async () => {
    const clock = fakeClock();
    const calls = upstream(ok());
    // 4 a minute, 1 kept for new sessions: refreshes get 3, at most one every 20 s.
    const handler = createHandler({ rateLimit: { requests: 4, windowMs: 60_000, reserveForNewSessions: 1 } });
    await handler(request(), nextContext());
    const cacheStates: string[] = [];
    for (let second = 3; second <= 45; second += 3) {
      clock.advance(3_000);
      cacheStates.push((await handler(request(), nextContext())).headers.get("x-maven-cache")!);
    }
    // First load at 0 s; refreshes at 21 s and 42 s (the first one waits out the interval after the first load).
    expect(calls).toHaveLength(3);
    expect(cacheStates.filter((state) => state === "miss")).toHaveLength(2);
    // The window holds 3 calls, all refreshes may use; a session nobody has loaded still gets the fourth.
    expect((await handler(request(OTHER_ID), nextContext(OTHER_ID))).status).toBe(200);
    expect(calls).toHaveLength(4);
    expect((await handler(request(THIRD_ID), nextContext(THIRD_ID))).status).toBe(429);
  });

  it("answers Maven's failure with the last good copy in the body, marked stale, but not once the session is gone", async () => {
    const clock = fakeClock();
    const calls = upstream(ok(), status(503), () => HttpResponse.error(), status(404));
    const handler = createHandler({ rateLimit: false });
    const first = await json(await handler(request(), nextContext()));
    for (const detail of [
      "The session service failed; try again shortly.",
      "The session service could not be reached.",
    ]) {
      clock.advance(3_000);
      const response = await handler(request(), nextContext());
      // An error the browser sees as one (its card keeps its data under a warning), not a 200 that looks live.
      expect(response.status).toBe(502);
      expect(response.headers.get("x-maven-cache")).toBe("stale");
      expect(response.headers.get("age")).toBe(String((calls.length - 1) * 3));
      expect(await json(response)).toEqual({ detail, session: first });
    }
    clock.advance(3_000);
    const gone = await handler(request(), nextContext());
    expect(gone.status).toBe(404);
    expect(await json(gone)).toEqual({ detail: "Session not found." });
    expect(gone.headers.get("x-maven-cache")).toBeNull();
    expect(calls).toHaveLength(4);
  });

  it("still serves a terminal session's copy as a 200 when Maven fails: it no longer changes", async () => {
    const clock = fakeClock();
    const calls = upstream(ok({ status: "payment-success", is_terminal: true }), status(503));
    const handler = createHandler({ rateLimit: false, cache: { terminalTtlMs: 1_000 } });
    await handler(request(), nextContext());
    clock.advance(2_000);
    const response = await handler(request(), nextContext());
    expect(response.status).toBe(200);
    expect(response.headers.get("x-maven-cache")).toBe("stale");
    expect((await json(response)).status).toBe("payment-success");
    expect(calls).toHaveLength(2);
  });

  it("answers a terminal copy as a steady 200 when a refresh breaks the contract, not 502 and 200 in turn", async () => {
    const clock = fakeClock();
    const calls = upstream(ok({ status: "payment-success", is_terminal: true }), ok({ status: 42 }));
    const handler = createHandler({ cache: { terminalTtlMs: 1_000 } });
    await handler(request(), nextContext());
    clock.advance(5_000);
    const answers: string[] = [];
    for (let second = 0; second < 10; second++) {
      const response = await handler(request(), nextContext());
      answers.push(`${response.status} ${response.headers.get("x-maven-cache")} ${(await json(response)).status}`);
      clock.advance(1_000);
    }
    expect(new Set(answers)).toEqual(new Set(["200 stale payment-success"]));
    // The failure is remembered like any other: refreshes stay spaced, not one per request.
    expect(calls.length).toBeLessThanOrEqual(4);
  });

  it("keeps answering the failure, with the copy, while a budget-limited refresh waits: no 200 in between", async () => {
    const clock = fakeClock();
    const calls = upstream(ok(), status(503), status(503), ok({ status: "processing" }));
    // Refreshes spaced 4 s apart; the browser asks every second.
    const handler = createHandler();
    expect((await handler(request(), nextContext())).status).toBe(200);
    clock.advance(4_000);
    const answers: string[] = [];
    for (let second = 0; second < 12; second++) {
      const response = await handler(request(), nextContext());
      const body = (await json(response)) as { status?: string; session?: { status: string } };
      answers.push(
        `${response.status} ${response.headers.get("x-maven-cache")} ${body.status ?? body.session?.status}`,
      );
      clock.advance(1_000);
    }
    // Two failed refreshes 4 s apart (at 4 s and 8 s), then the good one (12 s): every answer before it is the
    // failure with the copy. After it, the new state, then copies of it (stale: the next refresh slot is 4 s on).
    expect(answers).toEqual([
      ...Array(8).fill("502 stale collecting"),
      "200 miss processing",
      "200 hit processing",
      "200 stale processing",
      "200 stale processing",
    ]);
    expect(calls).toHaveLength(4);
  });

  it("makes every upstream call once: no retries inside the proxy", async () => {
    const calls = upstream(() => HttpResponse.error());
    await createHandler()(request(), nextContext());
    expect(calls).toHaveLength(1);
  });

  it("has no budget with rateLimit: false", async () => {
    const calls = upstream(ok());
    const handler = createHandler({ cache: false, rateLimit: false });
    for (let i = 0; i < 30; i++) expect((await handler(request(), nextContext())).status).toBe(200);
    expect(calls).toHaveLength(30);
  });

  it("rejects nonsense budget and cache options at construction", () => {
    const make = (options: Partial<SessionHandlerOptions>) => () =>
      createSessionHandler({ apiKey: TEST_KEY, authorize: () => true, ...options });
    expect(make({ rateLimit: { requests: 0, windowMs: 1000 } })).toThrow(/rateLimit.requests/);
    expect(make({ rateLimit: { requests: 2.5, windowMs: 1000 } })).toThrow(/rateLimit.requests/);
    expect(make({ rateLimit: { requests: 5, windowMs: -1 } })).toThrow(/rateLimit.windowMs/);
    expect(make({ rateLimit: { requests: 5, reserveForNewSessions: 5 } })).toThrow(/reserveForNewSessions/);
    expect(make({ cache: { activeTtlMs: Number.NaN } })).toThrow(/cache.activeTtlMs/);
  });

  it("uses a store you pass, for the cache and the budget", async () => {
    fakeClock();
    const memory = createMemorySessionStore();
    const store: SessionStore = {
      get: vi.fn(memory.get),
      set: vi.fn(memory.set),
      takeToken: vi.fn(memory.takeToken),
      pauseUntil: vi.fn(memory.pauseUntil),
    };
    upstream(ok());
    const handler = createHandler({ store });
    await handler(request(), nextContext());
    await handler(request(), nextContext());
    expect(store.takeToken).toHaveBeenCalledTimes(1);
    expect(store.takeToken).toHaveBeenCalledWith(
      expect.objectContaining({ limit: 20, windowMs: 60_000, minIntervalMs: 0 }),
    );
    expect(store.set).toHaveBeenCalledWith(
      expect.stringMatching(new RegExp(`^v[0-9a-z]+:${SESSION_ID}$`)),
      expect.objectContaining({ redacted: [] }),
      300_000,
    );
    expect(store.get).toHaveBeenCalledTimes(2);
  });

  it("shares one budget between handlers given the same store", async () => {
    fakeClock();
    const calls = upstream(ok());
    const store = createMemorySessionStore();
    const rateLimit = { requests: 2, windowMs: 60_000 };
    const first = createHandler({ store, rateLimit, cache: false });
    const second = createHandler({ store, rateLimit, cache: false });
    expect((await first(request(), nextContext())).status).toBe(200);
    expect((await second(request(OTHER_ID), nextContext(OTHER_ID))).status).toBe(200);
    expect((await second(request(THIRD_ID), nextContext(THIRD_ID))).status).toBe(429);
    expect(calls).toHaveLength(2);
  });

  it("makes handlers sharing a store agree that Maven is failing: no 200 from the one that did not ask", async () => {
    const clock = fakeClock();
    const calls = upstream(ok(), status(503), ok({ status: "processing" }));
    const store = createMemorySessionStore();
    // Two instances of one app behind a load balancer.
    const [a, b] = [createHandler({ store }), createHandler({ store })];
    expect((await a(request(), nextContext())).status).toBe(200);
    clock.advance(4_000);
    expect((await a(request(), nextContext())).status).toBe(502);
    // B never asked Maven, yet answers A's failure with the copy until the next refresh is due.
    for (let second = 0; second < 3; second++) {
      clock.advance(1_000);
      const answer = await b(request(), nextContext());
      expect(answer.status).toBe(502);
      expect(answer.headers.get("x-maven-cache")).toBe("stale");
      expect(await json(answer)).toMatchObject({
        detail: "The session service failed; try again shortly.",
        session: { status: "collecting" },
      });
    }
    expect(calls).toHaveLength(2);
    // The next refresh works (B's, here): both serve the new state, and the failure is gone from the store.
    clock.advance(1_500);
    expect(await json(await b(request(), nextContext()))).toMatchObject({ status: "processing" });
    const fromA = await a(request(), nextContext());
    expect(fromA.status).toBe(200);
    expect(await json(fromA)).toMatchObject({ status: "processing" });
    expect(calls).toHaveLength(3);
  });

  it("makes handlers sharing a store stop serving a copy once Maven said the session is gone", async () => {
    const clock = fakeClock();
    const calls = upstream(ok(), status(404));
    const store = createMemorySessionStore();
    const [a, b] = [createHandler({ store }), createHandler({ store })];
    expect((await a(request(), nextContext())).status).toBe(200);
    clock.advance(4_000);
    expect((await a(request(), nextContext())).status).toBe(404);
    clock.advance(1_000);
    const answer = await b(request(), nextContext());
    expect(answer.status).toBe(404);
    expect(await json(answer)).toEqual({ detail: "Session not found." });
    expect(calls).toHaveLength(2);
  });

  it("never serves one handler's copy to a handler sharing the store that redacts differently", async () => {
    fakeClock();
    const calls = upstream(ok({ memory: "VIP caller; refund owed" }));
    const store = createMemorySessionStore();
    const admin = createHandler({ store });
    const customer = createHandler({ store, redact: ["caller", "memory"] });
    const sameAsCustomer = createHandler({ store, redact: ["memory", "caller"] });
    expect((await json(await admin(request(), nextContext()))).memory).toBe("VIP caller; refund owed");

    const response = await customer(request(), nextContext());
    expect(response.headers.get("x-maven-cache")).toBe("miss");
    expect(response.headers.get("x-maven-redacted")).toBe("caller,memory");
    expect(await json(response)).toMatchObject({ caller: "", memory: null });
    expect(calls).toHaveLength(2);

    // The same redaction (in any order) is the same view: its copy is shared.
    const shared = await sameAsCustomer(request(), nextContext());
    expect(shared.headers.get("x-maven-cache")).toBe("hit");
    expect(await json(shared)).toMatchObject({ caller: "", memory: null });
    expect(calls).toHaveLength(2);
  });

  it("never serves one key's copy or failure through another key sharing the store (a key per merchant)", async () => {
    const clock = fakeClock();
    const merchantA = "mvn_live_FAKE_merchant_A_key_for_tests_only";
    const merchantB = "mvn_live_FAKE_merchant_B_key_for_tests_only";
    // Maven lets each merchant's key read its own sessions only: the session is A's.
    const calls = upstream((request) =>
      request.headers.get("authorization") === `Bearer ${merchantA}`
        ? HttpResponse.json(sessionBody({ session_id: SESSION_ID }))
        : HttpResponse.json({ detail: "Session not found" }, { status: 404 }),
    );
    const memory = createMemorySessionStore();
    const written: string[] = [];
    const store: typeof memory = {
      ...memory,
      set: (key, entry, ttlMs) => {
        written.push(key, JSON.stringify(entry));
        return memory.set(key, entry, ttlMs);
      },
    };
    const a = createHandler({ store, apiKey: merchantA });
    const b = createHandler({ store, apiKey: merchantB });
    expect((await a(request(), nextContext())).status).toBe(200);
    // B asks Maven with its own key, and gets Maven's answer to that key, not A's copy.
    const fromB = await b(request(), nextContext());
    expect(fromB.status).toBe(404);
    expect(fromB.headers.get("x-maven-cache")).not.toBe("hit");
    expect(calls.map((call) => call.headers.get("authorization"))).toEqual([
      `Bearer ${merchantA}`,
      `Bearer ${merchantB}`,
    ]);
    // And B's 404 is not stored as A's: A's viewers still get A's session.
    clock.advance(1_000);
    const fromA = await a(request(), nextContext());
    expect(fromA.status).toBe(200);
    expect(fromA.headers.get("x-maven-cache")).toBe("hit");
    // Nothing of either key in what the store was given, keys and copies alike.
    expect(written.length).toBeGreaterThan(0);
    expect(written.join("\n")).not.toMatch(/merchant/);
  });

  it("does not put an older copy back over a newer one another handler stored while its own refresh failed", async () => {
    const clock = fakeClock();
    const slow = gate();
    const calls = upstream(
      ok({ status: "pending" }),
      async () => {
        await slow.opened;
        return HttpResponse.json({ detail: "down" }, { status: 503 });
      },
      ok({ status: "processing" }),
    );
    const store = createMemorySessionStore();
    const a = createHandler({ store, rateLimit: false });
    const b = createHandler({ store, rateLimit: false });
    await a(request(), nextContext());
    clock.advance(5_000);
    const failing = a(request(), nextContext());
    await vi.waitFor(() => expect(calls).toHaveLength(2));
    expect((await json(await b(request(), nextContext()))).status).toBe("processing");
    slow.open();
    expect((await failing).status).toBe(502);
    const after = await b(request(), nextContext());
    expect(after.status).toBe(200);
    expect(after.headers.get("x-maven-cache")).toBe("hit");
    expect((await json(after)).status).toBe("processing");
  });

  it("sends a whole-seconds Retry-After even when a custom store reports NaN", async () => {
    upstream(ok());
    const memory = createMemorySessionStore();
    const store: SessionStore = { ...memory, takeToken: async () => ({ granted: false, retryAfterMs: Number.NaN }) };
    const response = await createHandler({ store })(request(), nextContext());
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
  });

  it("never shares copies between redact functions that merely look alike, unless they share a redactionId", async () => {
    fakeClock();
    const calls = upstream(ok({ memory: "VIP caller; refund owed" }));
    const store = createMemorySessionStore();
    // One factory: every function it makes has the same source text, whatever it removes.
    const removing =
      (...fields: string[]) =>
      (session: Session) => ({ ...session, ...Object.fromEntries(fields.map((field) => [field, null])) });
    const admin = createHandler({ store, redact: removing() });
    const support = createHandler({ store, redact: removing("memory") });
    const bound = createHandler({ store, redact: removing("memory", "callback").bind(null) });
    const supportCallback = createHandler({ store, redact: removing("callback").bind(null) });
    expect((await json(await admin(request(), nextContext()))).memory).toBe("VIP caller; refund owed");
    expect((await json(await support(request(), nextContext()))).memory).toBeNull();
    expect((await json(await bound(request(), nextContext()))).memory).toBeNull();
    expect((await json(await supportCallback(request(), nextContext()))).memory).toBe("VIP caller; refund owed");
    expect(calls).toHaveLength(4);

    // A field list with a comma in one name is not the list of the two names.
    const list = createHandler({ store, redact: ["caller,memory"] });
    expect(
      (await json(await createHandler({ store, redact: ["caller", "memory"] })(request(), nextContext()))).memory,
    ).toBeNull();
    expect((await list(request(), nextContext())).headers.get("x-maven-cache")).toBe("miss");

    // Named alike (as in other processes sharing Redis), functions share; so do handlers given one function.
    const one = createHandler({ store, redact: removing("memory"), redactionId: "support-v1" });
    const other = createHandler({ store, redact: removing("memory"), redactionId: "support-v1" });
    expect((await one(request(), nextContext())).headers.get("x-maven-cache")).toBe("miss");
    expect((await other(request(), nextContext())).headers.get("x-maven-cache")).toBe("hit");
    const redact = removing("description");
    expect((await createHandler({ store, redact })(request(), nextContext())).headers.get("x-maven-cache")).toBe(
      "miss",
    );
    expect((await createHandler({ store, redact })(request(), nextContext())).headers.get("x-maven-cache")).toBe("hit");
  });

  it("refuses a redactionId without a redact function, or an empty one", () => {
    expect(() => createSessionHandler({ authorize: () => true, redact: ["memory"], redactionId: "x" })).toThrow(
      /redactionId names a redact function/,
    );
    expect(() => createSessionHandler({ authorize: () => true, redact: (s) => s, redactionId: " " })).toThrow(
      /redactionId must be a non-empty string/,
    );
  });

  it("keeps a session that keeps failing to its share of the budget, so the sessions beside it stay fresh", async () => {
    const clock = fakeClock();
    const brokenCalls: number[] = [];
    server.use(
      http.get(UPSTREAM, ({ request: incoming }) => {
        const id = new URL(incoming.url).pathname.split("/").at(-1)!;
        if (id !== OTHER_ID) return HttpResponse.json(sessionBody({ session_id: id }));
        brokenCalls.push(Date.now());
        return HttpResponse.json({ session_id: OTHER_ID, status: 42 }); // breaks the contract
      }),
    );
    const handler = createHandler();
    const healthyAges: number[] = [];
    const healthyStatuses = new Set<number>();
    // Three minutes of both sessions polled every 3 s (each browser backs off a little, but not this one).
    for (let tick = 0; tick < 60; tick++) {
      const broken = await handler(request(OTHER_ID), nextContext(OTHER_ID));
      expect(broken.status).toBe(502);
      const healthy = await handler(request(), nextContext());
      healthyStatuses.add(healthy.status);
      healthyAges.push(Number(healthy.headers.get("age")));
      clock.advance(3_000);
    }
    expect([...healthyStatuses]).toEqual([200]);
    // Fair shares of the refresh budget (15 a minute, spaced 4 s): each session about once per 8 s.
    expect(Math.max(...healthyAges)).toBeLessThanOrEqual(12);
    expect(brokenCalls.length).toBeLessThanOrEqual(25);
    // Before this, the broken session was a "new" session on every request: 60 calls in 3 minutes,
    // the whole budget, and the healthy one was served stale and then refused.
    expect(brokenCalls.length).toBeGreaterThan(10);
  });

  it.each([
    [404, 404],
    [401, 502],
    [403, 502],
  ])("does not serve an older copy once Maven answers %i (gone, or our key refused): %i", async (code, expected) => {
    const clock = fakeClock();
    const calls = upstream(ok(), status(code, { detail: "no" }));
    const handler = createHandler();
    expect((await handler(request(), nextContext())).status).toBe(200);
    // The next refresh is due after 4 s (the refresh spacing); until then the copy is served.
    clock.advance(4_000);
    expect((await handler(request(), nextContext())).status).toBe(expected);
    expect(calls).toHaveLength(2);
    const statuses: number[] = [];
    for (let tick = 0; tick < 10; tick++) {
      clock.advance(3_000);
      statuses.push((await handler(request(), nextContext())).status);
    }
    // Before, the copy from before came back as a stale 200 whenever a refresh had to wait.
    expect(statuses).toEqual(Array(10).fill(expected));
    // The failure is remembered for a moment, not asked again on every request.
    expect(calls.length).toBeLessThan(2 + 10);
  });

  it("answers 500 with a safe message when the store fails, and logs it", async () => {
    upstream(ok());
    const broken = createMemorySessionStore();
    broken.get = () => Promise.reject(new Error("redis: connection refused"));
    const response = await createHandler({ store: broken })(request(), nextContext());
    expect(response.status).toBe(500);
    expect(await json(response)).toEqual({ detail: "The session proxy failed unexpectedly." });
    expect(logger.error.mock.calls[0]![0]).toContain("redis: connection refused");
  });
});

describe("createMemorySessionStore", () => {
  const entry = (fetchedAt = 0) => ({
    session: sessionSchema.parse(sessionBody()),
    redacted: [],
    fetchedAt,
  });

  it("keeps at most maxEntries sessions, dropping the least recently used", async () => {
    const store = createMemorySessionStore({ maxEntries: 3 });
    for (const id of ["a", "b", "c"]) await store.set(id, entry(), 60_000);
    await store.get("a");
    await store.set("d", entry(), 60_000);
    expect(await store.get("b")).toBeUndefined();
    for (const id of ["a", "c", "d"]) expect(await store.get(id)).toBeDefined();
  });

  it("drops entries after their ttl", async () => {
    let now = 1_000;
    const store = createMemorySessionStore({ now: () => now });
    await store.set("a", entry(), 5_000);
    now += 4_999;
    expect(await store.get("a")).toBeDefined();
    now += 1;
    expect(await store.get("a")).toBeUndefined();
  });

  it("counts a call's slot from when it completed, so latency cannot fit one call too many in a window", async () => {
    const store = createMemorySessionStore();
    const budget = { limit: 1, windowMs: 1_000, minIntervalMs: 0 };
    const grant = await store.takeToken({ ...budget, now: 0 });
    expect(grant.granted).toBe(true);
    // In flight for a long time: the slot is held however long it takes.
    expect((await store.takeToken({ ...budget, now: 5_000 })).granted).toBe(false);
    if (grant.granted) await grant.settle(5_300);
    expect(await store.takeToken({ ...budget, now: 6_299 })).toEqual({ granted: false, retryAfterMs: 1 });
    expect((await store.takeToken({ ...budget, now: 6_300 })).granted).toBe(true);
  });

  it("grants nothing while paused", async () => {
    const store = createMemorySessionStore();
    await store.pauseUntil(10_000);
    expect(await store.takeToken({ now: 4_000, limit: 5, windowMs: 1_000, minIntervalMs: 0 })).toEqual({
      granted: false,
      retryAfterMs: 6_000,
    });
    expect((await store.takeToken({ now: 10_000, limit: 5, windowMs: 1_000, minIntervalMs: 0 })).granted).toBe(true);
  });

  it("rejects a maxEntries that is not a positive integer", () => {
    expect(() => createMemorySessionStore({ maxEntries: 0 })).toThrow(/maxEntries/);
  });
});

describe("@trymaven/core/server in a browser bundle", () => {
  it("throws at import, saying the entry must stay on the server", async () => {
    await expect(import("../src/server/browser.js")).rejects.toThrow(
      /@trymaven\/core\/server was bundled for the browser.*server/s,
    );
  });

  // Regression: it offered two of the entry's nine values, so importing DEFAULT_RATE_LIMIT in browser code failed
  // the build with esbuild's "No matching export", never showing why.
  it("offers every value the server entry exports, so any named import reaches that error", async () => {
    const exportsOf = async (entry: string) => {
      const { metafile } = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        metafile: true,
        format: "esm",
        platform: "node",
        outdir: "out",
        logLevel: "silent",
      });
      return Object.values(metafile.outputs)[0]!.exports.sort();
    };
    const here = new URL("../src/server/", import.meta.url).pathname;
    const server = await exportsOf(`${here}index.ts`);
    expect(server).toContain("DEFAULT_RATE_LIMIT");
    expect(await exportsOf(`${here}browser.ts`)).toEqual(server);
  });
});
