import {
  APIConnectionError,
  APIConnectionTimeoutError,
  MavenAPIError,
  MavenError,
  ResponseValidationError,
  isRetryableStatus,
  parseRetryAfter,
  type ContractIssue,
} from "./errors.js";
import { checkSession } from "./internal/check-session.js";
import { isBrowserLike, isLiveKeyOverHttp, readServerKey } from "./internal/env.js";
import { isSessionId } from "./internal/patterns.js";
import { numberOption } from "./internal/number-option.js";
import { linkSignal, sleep } from "./internal/sleep.js";
import { pollSession, watchSession, type PollOptions } from "./poll.js";
// Types only: the schemas (and zod) stay out of the client's bundle.
import type { Session } from "./schema.js";

/** Maven's production API. */
export const DEFAULT_BASE_URL = "https://api.trymaven.com";

export interface MavenClientOptions {
  /**
   * Your Maven API key (`mvn_test_…` or `mvn_live_…`), sent as `Authorization: Bearer <key>`.
   * Server only. Defaults to the `MAVEN_API_KEY` environment variable on server runtimes when
   * `baseUrl` is `https:`: never for a relative one (a browser client behind your proxy, even while
   * server-rendered), nor over plain `http:` (a local mock: pass its key here).
   * A live key (`mvn_live_…`) is refused with a `baseUrl` that is not `https:`: over plain http anyone
   * on the way could read it. Use a test key for a local mock.
   * Omit it in a browser and point `baseUrl` at your server proxy instead.
   */
  apiKey?: string | undefined;
  /**
   * Where to send requests. Absolute (`https://api.trymaven.com`), or relative
   * (`/api/maven`) in a browser behind your own proxy (`createSessionHandler`).
   * With a key, a redirect is not followed (the key would go round a loop, or a
   * body would come from another host): the 3xx rejects as a `MavenAPIError`.
   * @default "https://api.trymaven.com"
   */
  baseUrl?: string | undefined;
  /**
   * A `fetch` implementation to use instead of the global one (for tests, proxies, instrumentation).
   * Pass `init.signal` on: `timeoutMs` and your own `signal` abort it. A `fetch` that drops it is still
   * given up on at the time limit or when your signal aborts, but its request goes on in the background.
   */
  fetch?: typeof fetch | undefined;
  /**
   * Time limit for each attempt, in milliseconds, covering the response body too.
   * A timed-out attempt is retried like a connection error.
   * @default 10000
   */
  timeoutMs?: number | undefined;
  /**
   * How many times to retry a transient failure (connection error, timeout, 408,
   * 409, 429, 5xx) with exponential backoff and jitter, honouring `Retry-After`
   * up to 60 s. A 429 without `Retry-After` is not retried: asked again within a
   * second, it would only spend more of the rate limit. GET is idempotent, so
   * retrying is safe. `0` disables retries.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Extra headers sent with every request. When the client has a key (`apiKey`, or
   * `MAVEN_API_KEY` on a server), an `Authorization` header here is replaced by
   * `Bearer <key>`; without a key it is sent as given. `Accept` defaults to `application/json`.
   */
  headers?: Record<string, string> | undefined;
  /**
   * Allow an `apiKey` in browser code. Anyone who opens the page can read the
   * key, so this is only for throwaway test keys; use a server proxy instead.
   * @default false
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

/** Options for a single call. */
export interface RequestOptions {
  /** Aborts the call, including any wait between retries. Rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
  /**
   * Called with each HTTP response of the call (every attempt, failures included) once its body has been
   * read, before it is checked: its `status` and `headers` are yours to read, e.g. the `Age` and
   * `X-Maven-Cache` a `createSessionHandler` proxy sends with a copy it kept. Not its body: the client has
   * read it. A throw rejects the call with what was thrown.
   */
  onResponse?: ((response: Response) => void) | undefined;
}

export interface SessionsResource {
  /**
   * Fetches a session. Rejects with a `MavenError` subclass on failure; a `sessionId`
   * that is not a UUID is rejected before any request is made.
   */
  get(sessionId: string, options?: RequestOptions): Promise<Session>;
  /**
   * Fetches the session repeatedly until it is terminal (or `until` holds) and
   * resolves with that final state. See `PollOptions` for timing and bounds.
   */
  poll(sessionId: string, options?: PollOptions): Promise<Session>;
  /**
   * Yields the session each time it changes and ends once it is terminal (or
   * `until` holds). Breaking out of the loop stops polling.
   * Driving the iterator by hand, `return()` takes effect only once a pending `next()` has
   * settled (an async generator runs one step at a time): to stop at once, abort `signal`.
   */
  watch(sessionId: string, options?: PollOptions): AsyncIterable<Session>;
}

export interface MavenClient {
  /** The base URL requests go to, without a trailing slash. */
  readonly baseUrl: string;
  /** The sessions endpoint: `get` a session once, `poll` it until it is terminal, or `watch` each change. */
  readonly sessions: SessionsResource;
}

/**
 * Creates a client for the Maven API.
 *
 * ```ts
 * // server
 * const maven = createMavenClient({ apiKey: process.env.MAVEN_API_KEY });
 * // browser, behind createSessionHandler
 * const maven = createMavenClient({ baseUrl: "/api/maven" });
 * ```
 */
export function createMavenClient(options: MavenClientOptions = {}): MavenClient {
  // Constants of the function rather than the module, here and in `retryDelay`: a bundler inlines them there
  // (a module's top-level constants after its first function or class stay variables in esbuild's output).
  const DEFAULT_TIMEOUT_MS = 10_000;
  const DEFAULT_MAX_RETRIES = 2;
  const baseUrl = (options.baseUrl?.trim() || DEFAULT_BASE_URL).replace(/\/+$/, "");
  const apiKey = options.apiKey?.trim() || readServerKey(baseUrl);
  // A line break or other character a header cannot carry would fail every request, with the key in
  // the platform's error message; say so here instead, without the key. A key is printable ASCII
  // without spaces: `!` (0x21) to `~` (0x7e).
  if (apiKey && !/^[!-~]+$/.test(apiKey)) {
    throw new MavenError("The Maven API key contains spaces, line breaks or other characters a header cannot carry.");
  }
  if (isLiveKeyOverHttp(apiKey, baseUrl)) {
    throw new MavenError(
      "A live key (mvn_live_…) is sent over https only: use an https baseUrl, or a test key for a local mock.",
    );
  }
  const timeoutMs = numberOption("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS, true);
  const maxRetries = numberOption("maxRetries", options.maxRetries, DEFAULT_MAX_RETRIES);
  // Header names are case-insensitive: `Authorization` from `headers` is replaced by the key, not merged with it.
  let headers: Headers;
  try {
    headers = new Headers(options.headers);
  } catch {
    // The platform's message would quote the value.
    throw new MavenError("headers: a header name or value is not valid in HTTP.");
  }
  if (!headers.has("accept")) headers.set("accept", "application/json");
  if (apiKey) headers.set("authorization", `Bearer ${apiKey}`);

  if (apiKey && isBrowserLike() && !options.dangerouslyAllowBrowser) {
    throw new MavenError(
      "An API key in browser code can be read by anyone who opens the page. Keep it on your server " +
        "with createSessionHandler from '@trymaven/core/server', and create the browser client with " +
        "{ baseUrl: '/api/maven' } and no key. (For a throwaway test key only: dangerouslyAllowBrowser: true.)",
    );
  }
  if (!apiKey && baseUrl === DEFAULT_BASE_URL) {
    throw new MavenError(
      "No Maven API key: pass { apiKey } or set MAVEN_API_KEY on the server. " +
        "In a browser, set baseUrl to your server proxy instead (e.g. '/api/maven').",
    );
  }

  async function request(path: string, requestOptions: RequestOptions = {}): Promise<unknown> {
    const { signal } = requestOptions;
    const retries = numberOption("maxRetries", requestOptions.maxRetries, maxRetries);
    const limit = numberOption("timeoutMs", requestOptions.timeoutMs, timeoutMs, true);
    const url = resolveUrl(baseUrl, path);

    for (let attempt = 0; ; attempt++) {
      signal?.throwIfAborted();
      let failure: MavenError;
      try {
        // One controller per attempt: aborted by the caller's signal (with its reason) or by the time limit.
        const [controller, dispose] = linkSignal(signal);
        const timer = setTimeout(() => controller.abort(new APIConnectionTimeoutError(limit)), limit);
        // Each wait below ends when the controller aborts, even where a custom `fetch` (or the body it returns)
        // ignores the signal: the time limit and the caller's signal hold whatever fetch is given.
        const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener("abort", reject));
        const untilAborted = <T>(pending: Promise<T>) => Promise.race([pending, aborted]);
        let response: Response;
        let text: string;
        try {
          // With a key, a redirect is not followed: GET /v1/sessions/{id} never moves, and following one would send
          // the key round a loop (each hop a request) or take a body from another host. The 3xx is the answer.
          response = await untilAborted(
            (options.fetch ?? globalThis.fetch)(url, {
              headers,
              signal: controller.signal,
              redirect: apiKey ? "manual" : "follow",
            }),
          );
          // The body is read inside the same time limit: a server that sends headers and then hangs is a timeout too.
          text = await untilAborted(response.text());
        } catch (error) {
          throw controller.signal.aborted
            ? controller.signal.reason
            : new APIConnectionError(undefined, { cause: error });
        } finally {
          clearTimeout(timer);
          dispose();
        }
        requestOptions.onResponse?.(response);
        let body: unknown;
        /** Set only when the body is not JSON: what it is instead. */
        let what: string | undefined;
        try {
          body = JSON.parse(text);
        } catch {
          body = text.trim() ? text : undefined;
          what = body === undefined ? "an empty body" : "a body that is not JSON";
        }
        if (response.ok) {
          if (!what) return body;
          throw new ResponseValidationError(
            `The Maven API answered with ${what} where a JSON session was expected.`,
            [{ path: [], message: `expected JSON, received ${what}`, code: "invalid_type" }],
            body,
          );
        }
        failure = MavenAPIError.from(response.status, body, response.headers);
        if (!isRetryableStatus(response.status)) throw failure;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!(error instanceof APIConnectionError)) throw error;
        failure = error;
      }
      const delay = attempt < retries ? retryDelay(attempt, failure) : null;
      if (delay === null) throw failure;
      await sleep(delay, signal);
    }
  }

  const sessions: SessionsResource = {
    async get(sessionId, requestOptions) {
      assertSessionId(sessionId);
      return parseSession(await request(`/v1/sessions/${encodeURIComponent(sessionId)}`, requestOptions), sessionId);
    },
    poll: (sessionId, pollOptions) => pollSession(sessions.get, sessionId, pollOptions),
    watch: (sessionId, pollOptions) => watchSession(sessions.get, sessionId, pollOptions),
  };

  // The key lives only in this closure; logging the client says so.
  const describe = () => ({ baseUrl, timeoutMs, maxRetries, apiKey: apiKey && "[redacted]" });
  return Object.defineProperties(
    { baseUrl, sessions },
    {
      toJSON: { value: describe },
      toString: { value: () => `MavenClient(${baseUrl})` },
      [Symbol.for("nodejs.util.inspect.custom")]: { value: () => ({ MavenClient: describe() }) },
    },
  );
}

/** Throws a `MavenError` before any request when `sessionId` is not a UUID. */
export function assertSessionId(sessionId: unknown): asserts sessionId is string {
  if (!isSessionId(sessionId)) {
    const shown = typeof sessionId === "string" ? JSON.stringify(sessionId.slice(0, 60)) : typeof sessionId;
    throw new MavenError(
      `Invalid session id ${shown}: expected a UUID such as "3f1c2a9e-8b7d-4c6e-9a1f-2b3c4d5e6f70".`,
    );
  }
}

/**
 * Validates a response body against the contract (the same one `sessionSchema`
 * describes) and returns the session with absent optional fields set to `null`.
 * Throws `ResponseValidationError` with every mismatch, or when the body is a
 * different session than the one asked for.
 */
export function parseSession(body: unknown, expectedSessionId?: string): Session {
  const issues: ContractIssue[] = [];
  const session = checkSession(body, issues) as Session;
  if (issues.length > 0) {
    const summary = issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
      .join("; ");
    throw new ResponseValidationError(
      `The session response does not match the Maven API contract: ${summary}${issues.length > 5 ? `; and ${issues.length - 5} more` : ""}`,
      issues,
      body,
    );
  }
  if (expectedSessionId && session.session_id.toLowerCase() !== expectedSessionId.toLowerCase()) {
    throw new ResponseValidationError(
      `Asked for session ${expectedSessionId} but the response is session ${session.session_id}.`,
      [{ path: ["session_id"], message: "does not match the requested session id", code: "custom" }],
      body,
    );
  }
  return session;
}

// ── Internals ────────────────────────────────────────────────────────────────

/** Delay before retry number `attempt + 1`, or `null` when the server asked for a wait too long to sit through. */
function retryDelay(attempt: number, error: MavenError): number | null {
  const INITIAL_RETRY_DELAY_MS = 500;
  const MAX_RETRY_DELAY_MS = 8_000;
  /** A `Retry-After` longer than this is not waited out inside one call: the error reaches the caller instead. */
  const MAX_RETRY_AFTER_MS = 60_000;
  if (error instanceof MavenAPIError) {
    // One reading of Retry-After for every status (a 503 may send it too); RateLimitError.retryAfterMs is the same value.
    const retryAfterMs = parseRetryAfter(error.headers);
    if (retryAfterMs !== null) return retryAfterMs <= MAX_RETRY_AFTER_MS ? retryAfterMs : null;
    // A 429 that does not say when (Maven sends no rate-limit headers) would only earn more 429s within a second.
    if (error.status === 429) return null;
  }
  const base = Math.min(INITIAL_RETRY_DELAY_MS * 2 ** attempt, MAX_RETRY_DELAY_MS);
  // Up to 25% jitter, downwards, so many clients retrying together spread out.
  return Math.round(base * (1 - Math.random() * 0.25));
}

function resolveUrl(baseUrl: string, path: string): string {
  if (/^https?:\/\//i.test(baseUrl)) return baseUrl + path;
  const origin = (globalThis as { location?: { href?: string } }).location?.href;
  if (!origin) {
    throw new MavenError(
      `baseUrl "${baseUrl}" is relative, which only works in a browser. On the server, use an absolute URL.`,
    );
  }
  return new URL(baseUrl + path, origin).href;
}
