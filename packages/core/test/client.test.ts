import { inspect } from "node:util";
import { http, HttpResponse, type JsonBodyType } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  BadRequestError,
  createMavenClient,
  InternalServerError,
  MavenAPIError,
  MavenError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  UnprocessableEntityError,
} from "../src/index.js";
import { API, capturingFetch, SESSION_ID, sessionBody, TEST_KEY, setupMswServer } from "./support.js";

const server = setupMswServer();
const URL_PATTERN = `${API}/v1/sessions/:id`;

/** Answers each request with the next response in `responses` (the last one repeats) and records the requests. */
function respondInTurn(...responses: Array<() => Response | Promise<Response>>) {
  const requests: Request[] = [];
  server.use(
    http.get(URL_PATTERN, ({ request }) => {
      requests.push(request);
      const next = responses[Math.min(requests.length - 1, responses.length - 1)]!;
      return next();
    }),
  );
  return requests;
}

const ok = () => HttpResponse.json(sessionBody());
const status =
  (code: number, body: JsonBodyType = { detail: `upstream said ${code}` }, headers?: Record<string, string>) =>
  () =>
    HttpResponse.json(body, { status: code, headers });

function client(options: Parameters<typeof createMavenClient>[0] = {}) {
  return createMavenClient({ apiKey: TEST_KEY, ...options });
}

describe("sessions.get", () => {
  it("fetches and parses a session with the key as a bearer token", async () => {
    const requests = respondInTurn(ok);
    const session = await client().sessions.get(SESSION_ID);
    expect(session.status).toBe("collecting");
    expect(session.amount).toBe("49.99");
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe(`${API}/v1/sessions/${SESSION_ID}`);
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${TEST_KEY}`);
    expect(requests[0]!.headers.get("accept")).toBe("application/json");
  });

  it("sends extra headers and uses a custom base URL and fetch", async () => {
    const seen: string[] = [];
    const fetchSpy: typeof fetch = async (input, init) => {
      seen.push(String(input));
      expect(new Headers(init?.headers).get("x-trace")).toBe("abc");
      return HttpResponse.json(sessionBody());
    };
    const maven = client({
      baseUrl: "https://proxy.example.com/maven/",
      fetch: fetchSpy,
      headers: { "x-trace": "abc" },
    });
    await maven.sessions.get(SESSION_ID);
    expect(seen).toEqual([`https://proxy.example.com/maven/v1/sessions/${SESSION_ID}`]);
  });

  it.each(["not-a-uuid", "../../v1/admin", `${SESSION_ID}/cancel`, "", " "])(
    "rejects the id %j before any request",
    async (id) => {
      const requests = respondInTurn(ok);
      await expect(client().sessions.get(id)).rejects.toThrow(/Invalid session id/);
      expect(requests).toHaveLength(0);
    },
  );

  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [422, UnprocessableEntityError],
  ] as const)("maps %i to %s without retrying", async (code, ErrorClass) => {
    const requests = respondInTurn(status(code));
    const error = await client()
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(MavenAPIError);
    expect(error).toBeInstanceOf(MavenError);
    expect((error as MavenAPIError).status).toBe(code);
    expect((error as Error).message).toBe(`${code} upstream said ${code}`);
    expect(requests).toHaveLength(1);
  });

  it("exposes a 422's validation issues", async () => {
    const detail = [{ loc: ["path", "session_id"], msg: "Input should be a valid UUID", type: "uuid_parsing" }];
    respondInTurn(status(422, { detail }));
    const error = (await client()
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e)) as UnprocessableEntityError;
    expect(error.detail).toEqual(detail);
    expect(error.message).toBe("422 path.session_id: Input should be a valid UUID");
  });

  it("names an HTML error page by its status, not its markup", async () => {
    respondInTurn(() => new HttpResponse("<html><body>Bad gateway</body></html>", { status: 502 }));
    const error = (await client({ maxRetries: 0 })
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e)) as MavenAPIError;
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toBe("502 Bad Gateway");
    expect(error.body).toContain("<html>");
  });

  describe("contract checks", () => {
    it("rejects a body that drifted from the contract, listing what is wrong", async () => {
      const body = sessionBody({ is_terminal: "yes" });
      delete body.status;
      respondInTurn(() => HttpResponse.json(body));
      const error = (await client()
        .sessions.get(SESSION_ID)
        .catch((e: unknown) => e)) as ResponseValidationError;
      expect(error).toBeInstanceOf(ResponseValidationError);
      expect(error.issues.map((issue) => issue.path.join("."))).toEqual(
        expect.arrayContaining(["status", "is_terminal"]),
      );
      expect(error.message).toMatch(/does not match the Maven API contract: .*status/);
      expect(error.body).toEqual(body);
    });

    it.each([
      [
        "malformed JSON",
        () => new HttpResponse('{"session_id": "3f1c', { headers: { "content-type": "application/json" } }),
      ],
      ["an empty body", () => new HttpResponse(null, { status: 200 })],
      [
        "an HTML page",
        () => new HttpResponse("<html>maintenance</html>", { headers: { "content-type": "text/html" } }),
      ],
    ])("rejects %s on a 200 without retrying", async (_name, response) => {
      const requests = respondInTurn(response);
      await expect(client().sessions.get(SESSION_ID)).rejects.toBeInstanceOf(ResponseValidationError);
      expect(requests).toHaveLength(1);
    });

    it("rejects a response for a different session than the one asked for", async () => {
      respondInTurn(() => HttpResponse.json(sessionBody({ session_id: "00000000-0000-4000-8000-000000000000" })));
      await expect(client().sessions.get(SESSION_ID)).rejects.toThrow(/Asked for session/);
    });
  });
});

/** A fake clock for the retries' waits, and no jitter: each backoff is its full length. */
function useRetryClock(): void {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    vi.spyOn(Math, "random").mockReturnValue(0);
  });
  afterEach(() => vi.useRealTimers());
}

describe("retries", () => {
  useRetryClock();

  it("retries 5xx twice with exponential backoff, then succeeds", async () => {
    const requests = respondInTurn(status(503), status(500), ok);
    const result = client().sessions.get(SESSION_ID);
    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(3);
    await expect(result).resolves.toMatchObject({ status: "collecting" });
  });

  it("jitters the backoff downwards by up to a quarter", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.999);
    const requests = respondInTurn(status(503), ok);
    const result = client().sessions.get(SESSION_ID);
    await vi.advanceTimersByTimeAsync(374);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    expect(requests).toHaveLength(2);
    await result;
  });

  it("gives up after maxRetries and throws the last error", async () => {
    const requests = respondInTurn(status(502));
    const result = client({ maxRetries: 3 })
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000);
    expect(await result).toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(4);
  });

  it.each([408, 409])("retries %i", async (code) => {
    const requests = respondInTurn(status(code), ok);
    const result = client().sessions.get(SESSION_ID);
    await vi.advanceTimersByTimeAsync(500);
    await result;
    expect(requests).toHaveLength(2);
  });

  it("honours Retry-After in seconds on a 429", async () => {
    const requests = respondInTurn(status(429, { detail: "slow down" }, { "retry-after": "3" }), ok);
    const result = client().sessions.get(SESSION_ID);
    await vi.advanceTimersByTimeAsync(2999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await result;
  });

  it("honours Retry-After as an HTTP date", async () => {
    const at = new Date(Date.now() + 4000).toUTCString();
    const requests = respondInTurn(status(429, {}, { "retry-after": at }), ok);
    const result = client().sessions.get(SESSION_ID);
    await vi.advanceTimersByTimeAsync(3000);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(requests).toHaveLength(2);
    await result;
  });

  it("does not sit through a Retry-After beyond 60 s: the caller gets retryAfterMs", async () => {
    const requests = respondInTurn(status(429, { detail: "Rate limit exceeded" }, { "retry-after": "120" }));
    const error = (await client()
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e)) as RateLimitError;
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(120_000);
    expect(requests).toHaveLength(1);
  });

  it("reads a Retry-After sent twice (a CDN and the origin: “5, 5”) as 5 s, not as a date in the past", async () => {
    const requests = respondInTurn(status(429, {}, { "retry-after": "5, 5" }), ok);
    const result = client().sessions.get(SESSION_ID);
    await vi.advanceTimersByTimeAsync(4999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(requests).toHaveLength(2);
    await result;
  });

  it("does not retry a 429 that names no wait (Maven sends none): more requests would only earn more 429s", async () => {
    const requests = respondInTurn(status(429, { detail: "Rate limit exceeded" }), ok);
    const error = await client()
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(requests).toHaveLength(1);
  });

  it("reports retryAfterMs null when a 429 names no wait", async () => {
    respondInTurn(status(429));
    const result = client({ maxRetries: 0 })
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e);
    expect(((await result) as RateLimitError).retryAfterMs).toBeNull();
  });

  it("retries connection errors and then throws APIConnectionError", async () => {
    const requests = respondInTurn(() => HttpResponse.error());
    const result = client()
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1500);
    const error = await result;
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error).not.toBeInstanceOf(APIConnectionTimeoutError);
    expect(requests).toHaveLength(3);
  });

  it("times out a hung attempt, retries it, and leaves no timer behind", async () => {
    const requests = respondInTurn(() => new Promise<Response>(() => {}));
    const result = client({ timeoutMs: 1000, maxRetries: 1 })
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(500);
    expect(requests).toHaveLength(2);
    expect(requests[0]!.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    const error = await result;
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toBe("Request timed out after 1000 ms.");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborts during the wait between retries with the platform's AbortError and no timer left", async () => {
    const requests = respondInTurn(status(503));
    const controller = new AbortController();
    const result = client()
      .sessions.get(SESSION_ID, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await result;
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborts a request in flight", async () => {
    const requests = respondInTurn(() => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const result = client()
      .sessions.get(SESSION_ID, { signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("user left"));
    expect(await result).toEqual(new Error("user left"));
    expect(requests[0]!.signal.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([
    ["never answers", () => new Promise<Response>(() => {})],
    // Headers come, then the body never ends: a Response of one's own is not tied to any signal.
    ["sends headers, then hangs", async () => new Response(new ReadableStream({ start() {} }), { status: 200 })],
  ])(
    "holds a custom fetch that ignores the abort signal to timeoutMs and the caller's signal: it %s",
    async (_, deaf) => {
      let calls = 0;
      const fetch = () => (calls++, deaf());
      const timedOut = client({ fetch, timeoutMs: 1000, maxRetries: 0 })
        .sessions.get(SESSION_ID)
        .catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(1000);
      const error = await timedOut;
      expect(error).toBeInstanceOf(APIConnectionTimeoutError);
      expect((error as Error).message).toBe("Request timed out after 1000 ms.");

      const controller = new AbortController();
      const stopped = client({ fetch })
        .sessions.get(SESSION_ID, { signal: controller.signal })
        .catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(10);
      controller.abort(new Error("user left"));
      expect(await stopped).toEqual(new Error("user left"));
      expect(calls).toBe(2);
      expect(vi.getTimerCount()).toBe(0);
    },
  );

  it("does not start when the signal is already aborted", async () => {
    const requests = respondInTurn(ok);
    await expect(client().sessions.get(SESSION_ID, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(requests).toHaveLength(0);
  });
});

describe("onResponse", () => {
  useRetryClock();

  it("sees every attempt's status and headers, a retried failure included, with the body already read", async () => {
    respondInTurn(status(503, { detail: "busy" }, { "x-try": "1" }), () =>
      HttpResponse.json(sessionBody(), { headers: { age: "42", "x-maven-cache": "stale" } }),
    );
    const seen: Array<[number, string | null, string | null, boolean]> = [];
    const result = client().sessions.get(SESSION_ID, {
      onResponse: (response) =>
        seen.push([response.status, response.headers.get("x-try"), response.headers.get("age"), response.bodyUsed]),
    });
    await vi.advanceTimersByTimeAsync(500);
    await expect(result).resolves.toMatchObject({ status: "collecting" });
    expect(seen).toEqual([
      [503, "1", null, true],
      [200, null, "42", true],
    ]);
  });

  it("rejects the call with what it throws, and does not retry", async () => {
    const requests = respondInTurn(status(503));
    const thrown = new Error("my instrumentation broke");
    await expect(
      client().sessions.get(SESSION_ID, {
        onResponse: () => {
          throw thrown;
        },
      }),
    ).rejects.toBe(thrown);
    expect(requests).toHaveLength(1);
  });
});

describe("the API key stays secret", () => {
  it("appears in no error message, toString, JSON or inspect output", async () => {
    respondInTurn(status(401, { detail: "Invalid API key" }));
    const maven = client({ maxRetries: 0 });
    const error = (await maven.sessions.get(SESSION_ID).catch((e: unknown) => e)) as AuthenticationError;
    const renderings = [
      String(maven),
      JSON.stringify(maven),
      inspect(maven, { depth: 10, showHidden: true }),
      error.message,
      String(error),
      error.stack ?? "",
      JSON.stringify(error),
      inspect(error, { depth: 10, showHidden: true }),
    ];
    for (const text of renderings) expect(text).not.toContain(TEST_KEY.slice(9));
    expect(JSON.stringify(maven)).toContain("[redacted]");
  });

  it.each([
    ["a line break", `${TEST_KEY}\n${TEST_KEY}`],
    ["a space", `${TEST_KEY} x`],
    ["a non-ASCII letter", `${TEST_KEY}é`],
  ])("refuses a key with %s at creation, without quoting it (the platform's header error would)", (_what, key) => {
    const requests = respondInTurn(ok);
    const create = () => createMavenClient({ apiKey: key });
    expect(create).toThrow(MavenError);
    expect(create).toThrow(/cannot carry/);
    expect(create).not.toThrow(TEST_KEY.slice(9));
    expect(requests).toHaveLength(0);
  });

  it("is not accepted in a browser unless explicitly allowed, and the message points at the proxy", () => {
    vi.stubGlobal("window", { document: {} });
    expect(() => createMavenClient({ apiKey: TEST_KEY })).toThrow(/createSessionHandler/);
    try {
      createMavenClient({ apiKey: TEST_KEY });
    } catch (error) {
      expect(String(error)).not.toContain(TEST_KEY);
    }
    expect(() => createMavenClient({ apiKey: TEST_KEY, dangerouslyAllowBrowser: true })).not.toThrow();
  });

  it("does not read MAVEN_API_KEY in a browser", () => {
    vi.stubEnv("MAVEN_API_KEY", TEST_KEY);
    vi.stubGlobal("window", { document: {} });
    expect(() => createMavenClient({ baseUrl: "/api/maven" })).not.toThrow();
  });

  it("reads MAVEN_API_KEY on the server", async () => {
    vi.stubEnv("MAVEN_API_KEY", TEST_KEY);
    const requests = respondInTurn(ok);
    await createMavenClient().sessions.get(SESSION_ID);
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${TEST_KEY}`);
  });

  it("never sends MAVEN_API_KEY over plain http: a local mock gets the key it is given, or none", async () => {
    vi.stubEnv("MAVEN_API_KEY", TEST_KEY);
    const { requests, fetch: capture } = capturingFetch();
    await createMavenClient({ baseUrl: "http://127.0.0.1:4010", fetch: capture }).sessions.get(SESSION_ID);
    expect(requests[0]!.headers.has("authorization")).toBe(false);
    await createMavenClient({ baseUrl: "http://127.0.0.1:4010", apiKey: "mvn_test_mock", fetch: capture }).sessions.get(
      SESSION_ID,
    );
    expect(requests[1]!.headers.get("authorization")).toBe("Bearer mvn_test_mock");
    await createMavenClient({ baseUrl: "https://maven.staging.example", fetch: capture }).sessions.get(SESSION_ID);
    expect(requests[2]!.headers.get("authorization")).toBe(`Bearer ${TEST_KEY}`);
  });

  it("refuses a live key with a baseUrl that is not https, saying why and without the key", () => {
    const liveKey = "mvn_live_FAKE_key_for_tests_only";
    const { requests, fetch: capture } = capturingFetch();
    for (const baseUrl of ["http://127.0.0.1:4010", "HTTP://maven.example", "ht\ttp://maven.example", "/api/maven"]) {
      let thrown: unknown;
      try {
        createMavenClient({ apiKey: liveKey, baseUrl, fetch: capture, dangerouslyAllowBrowser: true });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, baseUrl).toBeInstanceOf(MavenError);
      expect(String(thrown)).toMatch(/live key .* sent over https only/);
      expect(String(thrown)).not.toContain(liveKey);
    }
    expect(requests).toHaveLength(0);
    // Over https it goes; and a test key still reaches a local mock over http.
    expect(() => createMavenClient({ apiKey: liveKey, baseUrl: "https://maven.staging.example" })).not.toThrow();
    expect(() => createMavenClient({ apiKey: "mvn_test_mock", baseUrl: "http://127.0.0.1:4010" })).not.toThrow();
  });

  it("refuses to call Maven itself with no key at all", () => {
    vi.stubEnv("MAVEN_API_KEY", "");
    expect(() => createMavenClient()).toThrow(/No Maven API key/);
  });
});

describe("redirects", () => {
  const redirectTo = (location: string) => () => new HttpResponse(null, { status: 302, headers: { location } });

  it("does not follow one with the key: the 3xx is the answer, after one request (a loop would resend the key)", async () => {
    const requests = respondInTurn(redirectTo(`${API}/v1/sessions/${SESSION_ID}`));
    const error = await client()
      .sessions.get(SESSION_ID)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MavenAPIError);
    expect(error).toMatchObject({ status: 302 });
    expect(requests).toHaveLength(1);
  });

  it("never takes a session from another host a redirect points to", async () => {
    const requests = respondInTurn(redirectTo(`https://elsewhere.test/v1/sessions/${SESSION_ID}`));
    const elsewhere: Request[] = [];
    server.use(
      http.get("https://elsewhere.test/v1/sessions/:id", ({ request }) => {
        elsewhere.push(request);
        return HttpResponse.json(sessionBody());
      }),
    );
    await expect(client().sessions.get(SESSION_ID)).rejects.toMatchObject({ status: 302 });
    expect(requests).toHaveLength(1);
    expect(elsewhere).toHaveLength(0);
  });

  it("follows one without a key (a browser behind the app's proxy, whose routes may redirect)", async () => {
    server.use(
      http.get("https://proxy.test/api/maven/v1/sessions/:id", () =>
        redirectTo(`https://proxy.test/api/maven-v2/v1/sessions/${SESSION_ID}`)(),
      ),
      http.get("https://proxy.test/api/maven-v2/v1/sessions/:id", () => HttpResponse.json(sessionBody())),
    );
    const maven = createMavenClient({ baseUrl: "https://proxy.test/api/maven" });
    await expect(maven.sessions.get(SESSION_ID)).resolves.toMatchObject({ session_id: SESSION_ID });
  });
});

describe("behind a proxy in the browser", () => {
  // Regression: a browser client (relative baseUrl) created during server rendering read
  // MAVEN_API_KEY from the server's environment and held the key in memory.
  it("never takes the key from the environment for a relative base URL, even on the server", async () => {
    vi.stubEnv("MAVEN_API_KEY", TEST_KEY);
    const maven = createMavenClient({ baseUrl: "/api/maven" });
    expect(JSON.stringify(maven)).not.toContain("[redacted]");
    vi.stubGlobal("location", { href: "https://admin.merchant.example/" });
    const requests: Request[] = [];
    server.use(
      http.get("https://admin.merchant.example/api/maven/v1/sessions/:id", ({ request }) => {
        requests.push(request);
        return HttpResponse.json(sessionBody());
      }),
    );
    await maven.sessions.get(SESSION_ID);
    expect(requests[0]!.headers.has("authorization")).toBe(false);
  });

  it("resolves a relative base URL against the page and sends no Authorization", async () => {
    vi.stubGlobal("window", { document: {} });
    vi.stubGlobal("location", { href: "https://admin.merchant.example/orders/7" });
    const requests: Request[] = [];
    server.use(
      http.get("https://admin.merchant.example/api/maven/v1/sessions/:id", ({ request }) => {
        requests.push(request);
        return HttpResponse.json(sessionBody());
      }),
    );
    await createMavenClient({ baseUrl: "/api/maven" }).sessions.get(SESSION_ID);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.headers.has("authorization")).toBe(false);
  });

  it("explains that a relative base URL needs a browser when used on the server", async () => {
    await expect(createMavenClient({ baseUrl: "/api/maven" }).sessions.get(SESSION_ID)).rejects.toThrow(
      /relative, which only works in a browser/,
    );
  });
});

describe("options", () => {
  it.each([
    ["timeoutMs", { timeoutMs: -1 }],
    // Every attempt would time out at once.
    ["timeoutMs", { timeoutMs: 0 }],
    // Above what a timer can wait, a timer fires at once: "no limit" written this way meant no time at all.
    ["timeoutMs", { timeoutMs: Number.MAX_SAFE_INTEGER }],
    ["timeoutMs", { timeoutMs: 2 ** 31 }],
    ["maxRetries", { maxRetries: Number.NaN }],
  ])("rejects a bad %s (%j), naming it", (name, options) => {
    expect(() => client(options)).toThrow(new RegExp(`^${name} must be`));
  });

  it("checks a call's own timeoutMs and maxRetries the same way, before any request", async () => {
    const requests = respondInTurn(ok);
    await expect(client().sessions.get(SESSION_ID, { timeoutMs: Number.NaN })).rejects.toThrow(/^timeoutMs must be/);
    await expect(client().sessions.get(SESSION_ID, { maxRetries: -1 })).rejects.toThrow(/^maxRetries must be/);
    expect(requests).toHaveLength(0);
  });

  it("sends the key as the only Authorization, whatever the case of a header passed in `headers`", async () => {
    const requests = respondInTurn(ok);
    await client({ headers: { Authorization: "Bearer someone-else", Accept: "application/json; q=1" } }).sessions.get(
      SESSION_ID,
    );
    expect(requests[0]!.headers.get("authorization")).toBe(`Bearer ${TEST_KEY}`);
    // Headers the library does not own are the caller's to set.
    expect(requests[0]!.headers.get("accept")).toBe("application/json; q=1");
  });

  it("rejects a header that HTTP cannot carry at creation, without quoting it", () => {
    const create = () => client({ headers: { "x-trace": "a\nb-secret-ish" } });
    expect(create).toThrow(MavenError);
    expect(create).toThrow(/^headers: /);
    expect(create).not.toThrow(/secret-ish/);
  });
});
