import {
  assertSessionId,
  createMavenClient,
  DEFAULT_BASE_URL,
  parseSession,
  type MavenClient,
  type RequestOptions,
  type SessionsResource,
} from "../client.js";
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  MavenAPIError,
  MavenError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  InternalServerError,
  isRetryableStatus,
} from "../errors.js";
import { setNewest } from "../internal/bounded-map.js";
import { isLiveKeyOverHttp, readServerKey } from "../internal/env.js";
import { numberOption } from "../internal/number-option.js";
import { pollSession, watchSession } from "../poll.js";
import { isSessionId, type Session } from "../schema.js";
import { UpstreamBodyTooLargeError, limitBodySize } from "./body-limit.js";
import { RedactionError, compileRedaction, type SessionRedaction } from "./redact.js";
import {
  errorResponse,
  jsonResponse,
  methodNotAllowed,
  retryAfterSeconds,
  UNEXPECTED_FAILURE,
  type CacheState,
} from "./responses.js";
import { createMemorySessionStore, type CachedSession, type SessionStore, type TokenGrant } from "./store.js";

/** Maven's documented limit: 20 requests per minute per endpoint, counted per IP. */
export const DEFAULT_RATE_LIMIT = { requests: 20, windowMs: 60_000 } as const;
/** How long a copy of a session that is still live (pending, collecting) is served without asking Maven again. */
export const DEFAULT_ACTIVE_TTL_MS = 2_000;
/** How long a copy of a terminal session is served without asking Maven again (`transfer_status` can still change). */
export const DEFAULT_TERMINAL_TTL_MS = 60_000;
/** How old a copy may be and still be served when the budget is spent or Maven fails for a moment. */
export const DEFAULT_MAX_STALE_MS = 5 * 60_000;
/** Shorter than the browser client's 10 s, so the proxy answers 504 before the browser gives up on it. */
export const DEFAULT_UPSTREAM_TIMEOUT_MS = 8_000;
/**
 * The largest upstream body read: 1 MiB. A real session is about 2 KB, but the contract puts no bound on its
 * free text (`memory` holds a call's context), so the cap stops a runaway upstream without judging long fields.
 */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

const LOG_PREFIX = "[@trymaven/core/server]";
/** The `baseUrl` of a handler's `client`: its reads never leave the process. */
const IN_PROCESS_BASE_URL = "in-process:createSessionHandler";
/** A session counts as on screen while it was requested this recently (browsers poll every 3 s by default). */
const WATCHED_FOR_MS = 10_000;
/** Sessions whose last failure is remembered, at most (the oldest is forgotten first). */
const MAX_REMEMBERED_FAILURES = 1_000;

/**
 * What `authorize` decides: `true` to allow, `false` to deny (403), or a denial with its own status:
 * 401 when nobody is signed in, 404 for a session that does not exist for this user (so a guessed id
 * learns nothing and costs no call to Maven), 403 otherwise. `detail` is the JSON body's message.
 */
export type AuthorizeDecision =
  | boolean
  | {
      /** The status the browser gets: 401 (not signed in), 403 (not allowed) or 404 (no such session for them). */
      status: 401 | 403 | 404;
      /** The message in the JSON body (`{ detail }`). By default "Sign in to see this session." and the like. */
      detail?: string | undefined;
      /**
       * Sent as the `WWW-Authenticate` header, which RFC 9110 asks every 401 to carry: how to sign in,
       * e.g. `Bearer realm="admin"` for an app whose browser code sends a token. Printable ASCII on one
       * line; anything else is left out and logged once. `Basic` or `Digest` make browsers show their own
       * sign-in dialog. Omit it for cookie sign-in, which has no registered scheme.
       * @default none
       */
      challenge?: string | undefined;
    };

export type AuthorizeSession = (request: Request, sessionId: string) => AuthorizeDecision | Promise<AuthorizeDecision>;

/** Where the handler reports problems meant for you, never for the browser. `console` fits. */
export interface SessionHandlerLogger {
  /** Something to look at that the handler worked around (say, `authorize` returned something odd). */
  warn(message: string): void;
  /** Something that fails requests until you fix it (say, no API key). */
  error(message: string): void;
}

export interface SessionCacheOptions {
  /**
   * How long a copy of a live session (not `is_terminal`) is served without
   * asking Maven again, in milliseconds. Every viewer polling one session within
   * this time shares one upstream call.
   * @default 2000
   */
  activeTtlMs?: number | undefined;
  /**
   * How long a copy of a terminal session is served without asking Maven again,
   * in milliseconds. Not forever: `transfer_status` may still change after a
   * session is terminal.
   * @default 60000
   */
  terminalTtlMs?: number | undefined;
  /**
   * The oldest copy, in milliseconds since it was fetched, that may still be
   * served (with `X-Maven-Cache: stale`): as a 200 when the upstream budget is
   * spent, and in the error's body (`{ detail, session }`) when Maven failed
   * since the copy was fetched, so the browser sees the failure rather than a
   * 200 that looks live. A terminal session's copy stays a 200. Older than this,
   * the request gets the error (or 429) alone. The store keeps an entry for the
   * longest of this, `activeTtlMs` and `terminalTtlMs`.
   * @default 300000
   */
  maxStaleMs?: number | undefined;
}

export interface SessionRateLimitOptions {
  /**
   * Upstream calls allowed per window, across all sessions (Maven counts per endpoint, not per session).
   * @default 20
   */
  requests?: number | undefined;
  /**
   * The window, in milliseconds. Each call counts from when it completes, so
   * network latency can never squeeze one call too many into Maven's window.
   * @default 60000
   */
  windowMs?: number | undefined;
  /**
   * Calls per window kept for sessions with no cached copy yet, so viewers opening
   * a new session are not starved by refreshes of sessions already on screen.
   * Refreshes use the rest, spread evenly over the window.
   * @default Math.floor(requests / 4)
   */
  reserveForNewSessions?: number | undefined;
}

export interface SessionHandlerOptions {
  /**
   * Your Maven API key. Read once, here; never sent to the browser, logged or put
   * in an error. Defaults to the `MAVEN_API_KEY` environment variable when
   * `baseUrl` is `https:` (never over plain `http:`: a local mock, pass its key here). When
   * neither is set, construction still succeeds (so `next build` works without
   * secrets) and every request answers 500 with a logged explanation; so does a
   * live key (`mvn_live_…`) with a `baseUrl` that is not `https:`, which is never sent.
   */
  apiKey?: string | undefined;
  /**
   * Required. Decides, per request, whether the signed-in user may see this
   * session, e.g. by looking the session up in your database against the user
   * from your auth cookie. Called on every request before anything is served,
   * cached copies included. `sessionId` is a lower-case UUID. Resolve `true` to
   * allow; `false` answers 403 without calling Maven; `{ status: 401 | 403 | 404,
   * detail?, challenge? }` answers that status (e.g. 401 when nobody is signed in, 404 for an
   * id your records do not have), also without calling Maven, with `challenge` as its
   * `WWW-Authenticate` header; anything else is a
   * 403 with a logged warning; a throw answers 500 and is logged. For an internal
   * tool already behind your own auth, pass `() => true` explicitly.
   */
  authorize: AuthorizeSession;
  /**
   * Removes fields before the session leaves your server (and before it is
   * cached). An array of top-level field names: nullable fields become `null`,
   * required strings (`caller`, `project_slug`, `currency`, `mode`, `gateway`)
   * become `""`, so the body still passes the browser client's validation.
   * `session_id`, `status`, `is_terminal`, `amount`, `created_at` and `updated_at`
   * cannot be redacted. Only top-level names: a listed field a session lacks (a
   * misspelling, `processor.card_last4`) is logged once as a warning. Or a
   * function returning the session to send (checked against the contract; a
   * mismatch or a throw answers 500 and is logged). The names of the fields
   * changed are sent in `X-Maven-Redacted`.
   *
   * The same for every viewer: its result is cached and shared by everyone this
   * handler serves, so a function that reads who is asking (cookies, headers,
   * request context) would hand one viewer's view to the next. To show roles
   * different fields, create a handler per role, each with its own `redact`.
   * @default none
   */
  redact?: SessionRedaction | undefined;
  /**
   * Names a `redact` function, for handlers in other processes that share `store`
   * (Redis, say): handlers whose functions have the same `redactionId` share their
   * copies, so give a new id whenever the function changes what it removes.
   * Without it, a function's copies are shared only with handlers given the very
   * same function object in this process: two functions with the same source text
   * (closures from one factory, bound methods) may redact differently. Only with a
   * function; a field list names itself.
   * @default none
   */
  redactionId?: string | undefined;
  /**
   * The Maven API's base URL (absolute), or a local mock's (`http://127.0.0.1:4010`, with
   * its key in `apiKey`). No user name or password in it: `fetch` refuses those, so
   * creation throws.
   * @default "https://api.trymaven.com"
   */
  baseUrl?: string | undefined;
  /**
   * A `fetch` implementation for upstream calls instead of the global one.
   * @default globalThis.fetch
   */
  fetch?: typeof fetch | undefined;
  /**
   * Time limit for each upstream call, in milliseconds, body included. A timeout answers 504.
   * @default 8000
   */
  timeoutMs?: number | undefined;
  /**
   * The largest upstream response body read, in bytes (counted after any
   * decompression). A body whose `Content-Length` is larger is not read at all;
   * one without it is cut off as soon as it grows past this. A session over the
   * cap answers 502 like a body that breaks the contract, and is neither cached
   * nor passed on; an error status over it keeps its meaning, with its body cut
   * short at the cap (or dropped, when its `Content-Length` was already over it).
   * @default 1048576 (1 MiB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * Short-lived copies of sessions, so many viewers cost few upstream calls.
   * `false` disables caching (concurrent requests still share one call, and the
   * budget still applies: with no copy to fall back on, a spent budget answers 429).
   * @default { activeTtlMs: 2000, terminalTtlMs: 60000, maxStaleMs: 300000 }
   */
  cache?: SessionCacheOptions | false | undefined;
  /**
   * The budget of upstream calls this handler (or every handler sharing `store`)
   * may make. When it is spent, the last good copy is served (`X-Maven-Cache: stale`;
   * in the body of Maven's last failure, if it failed since), or, with no copy, 429
   * with `Retry-After`. `false` removes the budget (only do that when something else
   * limits calls). Lower it when other code calls Maven with the same key or from
   * the same IP.
   * @default { requests: 20, windowMs: 60000 }
   */
  rateLimit?: SessionRateLimitOptions | false | undefined;
  /**
   * Where copies and the budget live. Defaults to a new in-memory store (1000
   * sessions at most). Pass a shared one (see `SessionStore`) when several
   * server instances use one key, or one `createMemorySessionStore()` to share a
   * budget between handlers in one process. Handlers sharing a store share the budget, and
   * copies only when they use the same key and `baseUrl` and redact alike (the same fields,
   * the same function object, or functions with the same `redactionId`).
   */
  store?: SessionStore | undefined;
  /** Where server-side problems are reported (never the key). @default console */
  logger?: SessionHandlerLogger | undefined;
  /** The clock, in milliseconds since the epoch; for tests and simulations. @default Date.now */
  now?: (() => number) | undefined;
}

/** The shape of the second argument Next.js passes to a route handler (`params` is a Promise since Next 15). */
export interface SessionRouteContext {
  /**
   * The route's dynamic segments: the session id is read from `sessionId`, `session_id` or `id`, in that
   * order, else from the last segment of the URL path.
   */
  params?: SessionRouteParams | Promise<SessionRouteParams> | undefined;
}
export type SessionRouteParams = { readonly [name: string]: string | string[] | undefined };

/**
 * A Web-standard request handler (Next.js App Router, Remix, Hono, Bun, Deno, Workers), with a
 * client for your server code that reads through it.
 */
export type SessionHandler = ((request: Request, context?: SessionRouteContext) => Promise<Response>) & {
  /**
   * A `MavenClient` for your own server code (a Server Component's prefetch, a
   * loader, a job) that reads sessions through this handler: the same copies,
   * single flight, budget and `redact` as the browser's requests, so a prefetch
   * never hands the browser a field you redact, and never spends calls outside
   * the budget. Its errors are the client's (`NotFoundError`, `RateLimitError`,
   * …), made from the answer the browser would get.
   *
   * It does not call `authorize` (there is no request): check that the user may
   * see the session before you read it. Never pass it to client components.
   *
   * A call waits for the handler's upstream call, up to the handler's `timeoutMs`;
   * `get(id, { timeoutMs })` waits less (rejecting with `APIConnectionTimeoutError`)
   * while the call goes on and fills the cache for the browser's requests. It makes
   * one call per read: `maxRetries` is ignored.
   *
   * ```ts
   * await queryClient.prefetchQuery(sessionQueryOptions(sessionProxy.client, id));
   * ```
   */
  readonly client: MavenClient;
};

/** What the handler answers about one session, before it becomes a `Response`. */
type Answer = { status: number; body: unknown; headers: Record<string, string> };

type Failure = {
  ok: false;
  status: number;
  detail: string;
  retryAfterMs?: number | undefined;
  /** Maven may answer differently in a moment: a copy may be served instead. */
  transient?: boolean;
  /** Maven said the session is gone (404) or refused our key (401, 403): a copy from before is not served. */
  supersedesCopy?: boolean;
};
/** A failure answered with the last good copy in its body (`{ detail, session }`), marked stale. */
type FailureWithCopy = Failure & { copy?: CachedSession };
type Outcome = { ok: true; entry: CachedSession; cache: CacheState } | FailureWithCopy;
type RememberedFailure = { failure: Failure; at: number };

/** The failure, carrying the copy when there is one and the failure does not rule it out. */
function withCopy(failure: Failure, cached: CachedSession | undefined): FailureWithCopy {
  return cached && !failure.supersedesCopy ? { ...failure, copy: cached } : failure;
}

/** The failure a copy from the store carries (left by any handler sharing it), as a remembered one. */
function sharedFailure(cached: CachedSession | undefined): RememberedFailure | undefined {
  const stored = cached?.failure;
  if (!stored) return undefined;
  const { at, ...failure } = stored;
  return { failure: { ok: false, ...failure }, at };
}

/** The later of two remembered failures. */
function newest(a: RememberedFailure | undefined, b: RememberedFailure | undefined): RememberedFailure | undefined {
  return !a || (b && b.at > a.at) ? b : a;
}

/** A remembered failure answered again `now`: its Retry-After counts down from when it was given. */
function replay({ failure, at }: RememberedFailure, now: number): Failure {
  if (failure.retryAfterMs === undefined) return failure;
  return { ...failure, retryAfterMs: Math.max(0, failure.retryAfterMs - (now - at)) };
}

/**
 * Creates the proxy route that lets a browser read a session without ever holding the API key.
 *
 * ```ts
 * // app/api/maven/v1/sessions/[id]/route.ts
 * import { createSessionHandler } from "@trymaven/core/server";
 *
 * export const GET = createSessionHandler({
 *   apiKey: process.env.MAVEN_API_KEY!,
 *   authorize: async (request, sessionId) => canSeeSession(await currentUser(request), sessionId),
 *   redact: ["memory"],
 * });
 * export const HEAD = GET;
 * ```
 *
 * Only GET and HEAD; only a UUID id; every response is JSON with
 * `Cache-Control: no-store`; errors are `{ detail }` bodies the browser client
 * maps to its error classes. Upstream calls are shared between concurrent
 * requests, served from a short-lived cache, and kept within Maven's rate limit.
 * Each upstream call is made once (`maxRetries: 0`): a retry would spend the
 * budget twice, and the browser's polling already retries.
 *
 * How the budget is spent: a session nobody has a copy of yet may use all of
 * it; refreshes of copies on screen use what `reserveForNewSessions` leaves,
 * one at a time at even intervals (every 4 s by default), shared fairly: with N
 * live sessions being watched, each is refreshed at most once per N intervals.
 * Create the handler once per process (at module scope) so its cache, in-flight
 * calls and budget are shared by every request.
 */
export function createSessionHandler(options: SessionHandlerOptions): SessionHandler {
  if (typeof options !== "object" || options === null || typeof options.authorize !== "function") {
    throw new MavenError(
      "createSessionHandler needs an authorize(request, sessionId) function that decides who may see which session, " +
        "e.g. authorize: async (request, sessionId) => userOwnsSession(await getUser(request), sessionId). " +
        "Without it, anyone who can guess or see a session id could read the caller's payment details. " +
        "To allow every request (an internal tool already behind your own auth), pass authorize: () => true.",
    );
  }
  const authorize = options.authorize;
  const logger = options.logger ?? console;
  const clock = options.now ?? Date.now;
  const redactSession = compileRedaction(options.redact, (field) =>
    logOnce(
      `redact:${field}`,
      "warn",
      `redact lists ${JSON.stringify(field)}, which is not a field of the sessions Maven sends, so nothing was removed. ` +
        (field.includes(".")
          ? "Only top-level fields can be listed; to change a nested one, pass a function."
          : "Check the spelling; a field Maven adds later is removed once it appears."),
    ),
  );

  const cacheOptions = options.cache === false ? null : (options.cache ?? {});
  const activeTtlMs = nonNegative("cache.activeTtlMs", cacheOptions?.activeTtlMs, DEFAULT_ACTIVE_TTL_MS);
  const terminalTtlMs = nonNegative("cache.terminalTtlMs", cacheOptions?.terminalTtlMs, DEFAULT_TERMINAL_TTL_MS);
  const maxStaleMs = nonNegative("cache.maxStaleMs", cacheOptions?.maxStaleMs, DEFAULT_MAX_STALE_MS);
  /** How long the store keeps a copy: long enough to serve it fresh and to fall back on it. */
  const retentionMs = Math.max(activeTtlMs, terminalTtlMs, maxStaleMs);
  const budget = readBudget(options.rateLimit);
  const maxBodyBytes = positiveBytes("maxBodyBytes", options.maxBodyBytes, DEFAULT_MAX_BODY_BYTES);
  const store = options.store ?? createMemorySessionStore({ now: clock });

  const upstreamTimeoutMs = options.timeoutMs ?? DEFAULT_UPSTREAM_TIMEOUT_MS;
  // The client's rule: the key from the environment goes to an https baseUrl only (a local mock gets its own).
  const upstreamBaseUrl = options.baseUrl?.trim() || DEFAULT_BASE_URL;
  const parsedBaseUrl = URL.canParse(upstreamBaseUrl) ? new URL(upstreamBaseUrl) : null;
  if (parsedBaseUrl && (parsedBaseUrl.username || parsedBaseUrl.password)) {
    // fetch refuses such a URL, naming it whole in its error: every call would fail, and log the password.
    throw new MavenError(
      "createSessionHandler: baseUrl must not hold a user name or password (fetch refuses such a URL); the Maven key goes in apiKey.",
    );
  }
  /** Where upstream calls go, for log lines that say so: the origin alone, never a path. */
  const upstreamOrigin = parsedBaseUrl?.origin ?? "an invalid baseUrl";
  const apiKey = options.apiKey?.trim() || readServerKey(upstreamBaseUrl);
  // Like a missing key, a live key over plain http is a deploy's configuration: answer 500 and say why.
  const liveKeyOverHttp = isLiveKeyOverHttp(apiKey, upstreamBaseUrl);
  /**
   * Copies are stored under what this handler would serve: its redaction, its key and its
   * upstream. Handlers sharing a store always share the budget, and share copies only when those
   * match, so a handler that redacts is never served another handler's unredacted copy.
   */
  const view = viewFingerprint(options.redact, readRedactionId(options), apiKey, options.baseUrl);
  const cacheKey = (sessionId: string) => `${view}:${sessionId}`;
  const client: MavenClient | null =
    apiKey && !liveKeyOverHttp
      ? createMavenClient({
          apiKey,
          // Resolved once, above: the client applies the key rule to the same URL it calls.
          baseUrl: upstreamBaseUrl,
          // Your fetch (or the global one, looked up on each call), with the body cap around it.
          fetch: limitBodySize(() => options.fetch ?? globalThis.fetch, maxBodyBytes),
          timeoutMs: upstreamTimeoutMs,
          // One call per grant: retries would spend the budget again, and the browser's polling retries anyway.
          maxRetries: 0,
        })
      : null;

  // The key as written, and as JSON writes it (a `"` or `\` in it escaped): scrub runs on JSON text too.
  const keyForms = apiKey ? [...new Set([apiKey, JSON.stringify(apiKey).slice(1, -1)])] : [];
  const scrub = (text: string): string =>
    keyForms.reduce((out, form) => (out.includes(form) ? out.split(form).join("[redacted]") : out), text);
  // Log lines also lose anything shaped like a credential: an upstream message cut at 300 characters
  // may hold part of a key, which `scrub` (the whole key) would not find.
  const scrubLog = (text: string) =>
    scrub(text)
      .replace(/\b(Bearer|Basic)\s+[^\s"',;]+/gi, "$1 [redacted]")
      .replace(/\bmvn_(?:test|live)_[\w-]+/g, "mvn_[redacted]");
  const log = {
    warn: (message: string) => logger.warn(scrubLog(`${LOG_PREFIX} ${message}`)),
    error: (message: string) => logger.error(scrubLog(`${LOG_PREFIX} ${message}`)),
  };
  const loggedOnce = new Set<string>();
  const logOnce = (key: string, level: "warn" | "error", message: string) => {
    if (loggedOnce.has(key)) return;
    loggedOnce.add(key);
    log[level](message);
  };

  /** Upstream calls in flight, by session id: concurrent requests for one session share one. */
  const inFlight = new Map<string, Promise<Outcome>>();
  /**
   * The last failure of each session that failed lately (this process; a failure with a copy to fall back
   * on is also stored beside it, for handlers sharing the store). Until its hold ends it is
   * answered again without a call; after, the session is retried as a refresh (spaced, from the
   * refreshes' share of the budget), so a session that keeps failing cannot spend what other sessions need.
   */
  const failures = new Map<string, RememberedFailure>();
  const failureHoldMs = () =>
    Math.max(cacheOptions ? activeTtlMs : 0, budget ? budget.refreshSpacingMs * Math.max(1, watched.size) : 0);
  function noteFailure(sessionId: string, failure: Failure): Failure {
    setNewest(failures, sessionId, { failure, at: clock() }, MAX_REMEMBERED_FAILURES);
    return failure;
  }

  const freshFor = (entry: CachedSession) => (entry.session.is_terminal ? terminalTtlMs : activeTtlMs);
  /** Maven's last answer for a live session came after this copy, and was a failure. */
  const failedSince = (cached: CachedSession, failed: RememberedFailure | undefined) =>
    failed !== undefined && failed.at >= cached.fetchedAt && !cached.session.is_terminal;
  /**
   * A copy on hand and no call to make now: the copy (`stale`), unless Maven failed since it was
   * fetched. Then the failure is answered, with the copy in its body: served as a 200, it would
   * look live to the browser, which could not tell that Maven is failing.
   */
  const fallBackOn = (cached: CachedSession, failed: RememberedFailure | undefined, now: number): Outcome =>
    failedSince(cached, failed) ? withCopy(replay(failed!, now), cached) : { ok: true, entry: cached, cache: "stale" };
  const servableStale = (entry: CachedSession | undefined, now: number): entry is CachedSession =>
    entry !== undefined && now - entry.fetchedAt <= maxStaleMs;

  /**
   * Live sessions answered before and requested lately (id -> last request), to share refreshes fairly:
   * with N of them on screen, each is refreshed at most once per N refresh slots,
   * so the sessions polled hardest cannot starve the rest.
   */
  const watched = new Map<string, number>();
  let prunedAt = Number.NEGATIVE_INFINITY;
  function noteWatched(sessionId: string, now: number): void {
    watched.set(sessionId, now);
    if (now - prunedAt < 1_000) return;
    prunedAt = now;
    for (const [id, at] of watched) if (now - at > WATCHED_FOR_MS) watched.delete(id);
  }

  async function loadSession(sessionId: string): Promise<Outcome> {
    const joined = inFlight.get(sessionId);
    if (joined) return joined;
    let cached = cacheOptions ? await store.get(cacheKey(sessionId)) : undefined;
    const now = clock();
    // This process's last failure, or the one another handler sharing the store left beside the copy.
    const failed = newest(failures.get(sessionId), sharedFailure(cached));
    // A copy from before Maven said the session is gone, or refused our key, is not served again.
    if (failed?.failure.supersedesCopy && cached && cached.fetchedAt <= failed.at) cached = undefined;
    // Sessions answered before (a live copy, or a failure retried as a refresh) share the refresh slots; an id
    // asked for once (a guess, a typo) does not, or a burst of them would slow every session on screen.
    if (budget && (cached ? !cached.session.is_terminal : failed)) noteWatched(sessionId, now);
    if (cached && now - cached.fetchedAt < freshFor(cached)) return { ok: true, entry: cached, cache: "hit" };
    // Too old to fall back on: load it as if it were new.
    if (!servableStale(cached, now)) cached = undefined;
    // Maven failed lately: its answer stands (beside the copy, or a terminal copy alone) until the hold ends.
    if (failed && now - failed.at < failureHoldMs() && (!cached || failed.at >= cached.fetchedAt)) {
      return cached ? fallBackOn(cached, failed, now) : replay(failed, now);
    }
    if (budget && cached && !cached.session.is_terminal) {
      const fairShareMs = budget.refreshSpacingMs * watched.size;
      if (now - cached.fetchedAt < fairShareMs) return fallBackOn(cached, failed, now);
    }
    // Someone may have started a call while we read the store.
    const started = inFlight.get(sessionId);
    if (started) return started;
    const flight = refresh(sessionId, cached, failed).finally(() => inFlight.delete(sessionId));
    inFlight.set(sessionId, flight);
    return flight;
  }

  async function refresh(
    sessionId: string,
    cached: CachedSession | undefined,
    lastFailure: RememberedFailure | undefined,
  ): Promise<Outcome> {
    let grant: TokenGrant | undefined;
    if (budget) {
      // A session that failed lately is asked for again as a refresh, not as a new one.
      const isRefresh = cached !== undefined || lastFailure !== undefined;
      grant = await store.takeToken({
        now: clock(),
        limit: isRefresh ? budget.requests - budget.reserve : budget.requests,
        windowMs: budget.windowMs,
        minIntervalMs: isRefresh ? budget.refreshSpacingMs : 0,
      });
      if (!grant.granted) {
        if (servableStale(cached, clock())) return fallBackOn(cached, lastFailure, clock());
        // Not its turn yet: the last answer Maven gave stands.
        if (lastFailure) return replay(lastFailure, clock());
        return {
          ok: false,
          status: 429,
          detail: "Too many session requests right now; try again shortly.",
          retryAfterMs: grant.retryAfterMs,
        };
      }
    }

    let session: Session;
    try {
      // `client` is checked by the caller before any load. Its time limit holds even a custom `fetch` that
      // ignores the abort signal, so a hung call cannot keep this session's single flight, or a slot of the budget.
      session = await (client as MavenClient).sessions.get(sessionId);
    } catch (error) {
      const failure = noteFailure(sessionId, await describeUpstreamFailure(error, sessionId));
      const now = clock();
      if (!servableStale(cached, now)) return failure;
      // Beside the copy, for every handler sharing the store; the copy keeps its own expiry. Unless a
      // handler sharing the store has put a newer copy there meanwhile: that one is the answer now.
      const latest = await store.get(cacheKey(sessionId));
      if (!latest || latest.fetchedAt <= cached.fetchedAt) {
        const { ok: _ok, ...kept } = failure;
        await store.set(
          cacheKey(sessionId),
          { ...cached, failure: { ...kept, at: now } },
          retentionMs - (now - cached.fetchedAt),
        );
      }
      // A terminal session no longer changes (but for transfer_status): its copy is still the answer,
      // unless Maven said it is gone or refused our key.
      if (cached.session.is_terminal && !failure.supersedesCopy) return { ok: true, entry: cached, cache: "stale" };
      return withCopy(failure, cached);
    } finally {
      if (grant?.granted) await grant.settle(clock());
    }

    let entry: CachedSession;
    try {
      const redacted = redactSession(session);
      entry = { session: redacted.session, redacted: redacted.redacted, fetchedAt: clock() };
    } catch (error) {
      if (!(error instanceof RedactionError)) throw error;
      log.error(`redact failed for session ${sessionId}: ${error.message}`);
      return noteFailure(sessionId, { ok: false, status: 500, detail: "The server could not prepare this session." });
    }
    failures.delete(sessionId);
    if (cacheOptions) await store.set(cacheKey(sessionId), entry, retentionMs);
    return { ok: true, entry, cache: "miss" };
  }

  /** Maps an upstream failure to a safe answer, logging what the operator needs to know. */
  async function describeUpstreamFailure(error: unknown, sessionId: string): Promise<Failure> {
    if (error instanceof NotFoundError) {
      return { ok: false, status: 404, detail: "Session not found.", supersedesCopy: true };
    }
    if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
      const problem =
        error instanceof AuthenticationError
          ? "rejected the API key (HTTP 401): it is missing, mistyped or revoked"
          : "refused the API key (HTTP 403): it lacks the scope to read this session";
      log.error(
        `Maven ${problem}. The proxy is using ${describeKey(apiKey)}; check the apiKey option or MAVEN_API_KEY on the server. Answered 502.`,
      );
      return {
        ok: false,
        status: 502,
        detail: "The session service rejected this server's credentials.",
        supersedesCopy: true,
      };
    }
    if (error instanceof RateLimitError) {
      const windowMs = budget?.windowMs ?? DEFAULT_RATE_LIMIT.windowMs;
      // At most one window: a "Retry-After: 86400" (from a CDN, say) must not refuse every new session for a day.
      const retryAfterMs = Math.min(error.retryAfterMs ?? windowMs, windowMs);
      await store.pauseUntil(clock() + retryAfterMs);
      const asked =
        error.retryAfterMs !== null && error.retryAfterMs > windowMs
          ? ` (it asked for ${Math.ceil(error.retryAfterMs / 1000)} s; capped at the rate-limit window)`
          : "";
      log.warn(
        `Maven answered 429 for session ${sessionId}: something else (another process, or code using the same key or IP) ` +
          `shares the rate limit. Upstream calls paused for ${Math.ceil(retryAfterMs / 1000)} s${asked}; consider a lower rateLimit or a shared store.`,
      );
      return {
        ok: false,
        status: 429,
        detail: "Too many session requests right now; try again shortly.",
        retryAfterMs,
        transient: true,
      };
    }
    if (error instanceof APIConnectionError && error.cause instanceof UpstreamBodyTooLargeError) {
      // Sizes only: the body may hold the caller's details.
      const { limit, declaredBytes } = error.cause;
      const declared = declaredBytes === undefined ? "" : ` (Content-Length: ${declaredBytes}; not read)`;
      log.error(
        `Maven's answer for session ${sessionId} exceeded ${limit} bytes${declared}, the maxBodyBytes cap. Answered 502.`,
      );
      return { ok: false, status: 502, detail: "The session service returned an unexpected response." };
    }
    if (error instanceof APIConnectionTimeoutError) {
      log.warn(
        `Maven (${upstreamOrigin}) did not answer in time for session ${sessionId} (${error.message}). Answered 504.`,
      );
      return { ok: false, status: 504, detail: "The session service did not answer in time.", transient: true };
    }
    if (error instanceof APIConnectionError) {
      log.warn(
        `Maven (${upstreamOrigin}) could not be reached for session ${sessionId}: ${describeError(error.cause ?? error)}.`,
      );
      return { ok: false, status: 502, detail: "The session service could not be reached.", transient: true };
    }
    if (error instanceof InternalServerError) {
      log.warn(`Maven failed for session ${sessionId} (HTTP ${error.status}). Answered 502.`);
      return { ok: false, status: 502, detail: "The session service failed; try again shortly.", transient: true };
    }
    if (error instanceof ResponseValidationError) {
      // Issue paths only: the body itself may hold the caller's details.
      const where = error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.map(String).join(".") || "(body)"}: ${issue.message}`)
        .join("; ");
      log.error(`Maven's answer for session ${sessionId} does not match the contract (${where}). Answered 502.`);
      return { ok: false, status: 502, detail: "The session service returned an unexpected response." };
    }
    if (error instanceof MavenAPIError) {
      log.error(`Maven answered HTTP ${error.status} for session ${sessionId}: ${error.message}. Answered 502.`);
      return {
        ok: false,
        status: 502,
        detail: "The session service returned an unexpected response.",
        transient: isRetryableStatus(error.status),
      };
    }
    throw error;
  }

  async function handle(request: Request, context: SessionRouteContext | undefined): Promise<Response> {
    const method = request.method.toUpperCase();
    if (method !== "GET" && method !== "HEAD") {
      return methodNotAllowed(request, scrub);
    }
    const rawId = await readSessionId(request, context);
    if (!isSessionId(rawId)) {
      return errorResponse(request, 400, "Invalid session id: expected a UUID.", scrub);
    }
    const sessionId = rawId.toLowerCase();

    let allowed: unknown;
    try {
      allowed = await authorize(request, sessionId);
    } catch (error) {
      log.error(`authorize() threw for session ${sessionId}; answered 500. ${describeError(error)}`);
      return errorResponse(request, 500, "The server could not check access to this session.", scrub);
    }
    if (allowed !== true) {
      const denial = readDenial(allowed);
      if (denial) {
        if (denial.challenge === null) {
          logOnce(
            "authorize-challenge",
            "warn",
            "authorize() returned a challenge that is not a WWW-Authenticate value (printable ASCII on one line, not empty); the denial was sent without the header.",
          );
        }
        return errorResponse(
          request,
          denial.status,
          denial.detail,
          scrub,
          denial.challenge ? { "www-authenticate": denial.challenge } : {},
        );
      }
      if (typeof allowed !== "boolean") {
        logOnce(
          "authorize-type",
          "warn",
          `authorize() resolved to ${typeof allowed}, not a boolean or a { status: 401 | 403 | 404 } denial; treated as a denial (403). Resolve true to allow.`,
        );
      }
      return errorResponse(request, 403, DENIAL_DETAIL[403], scrub);
    }

    const { status, body, headers } = await answer(sessionId);
    return jsonResponse(request, status, body, headers, scrub);
  }

  /** What the handler answers about a session the caller may see: a status, a JSON body and headers. */
  async function answer(sessionId: string): Promise<Answer> {
    if (!client) {
      logOnce(
        "no-key",
        "error",
        liveKeyOverHttp
          ? "The API key is a live key (mvn_live_…), which is sent to an https baseUrl only, never over plain http, where anyone on the way could read it: use https, or a test key for a local mock. Every request answers 500 until then."
          : readServerKey()
            ? "MAVEN_API_KEY is sent to an https baseUrl only, never over plain http, where anyone on the way could read it: pass { apiKey } to createSessionHandler (a local mock's own key), or use https. Every request answers 500 until then."
            : "No Maven API key: pass { apiKey } to createSessionHandler or set MAVEN_API_KEY on the server. Every request answers 500 until then.",
      );
      return { status: 500, body: { detail: "The session proxy is not configured." }, headers: {} };
    }
    const outcome = await loadSession(sessionId);
    const copyHeaders = (entry: CachedSession, cache: CacheState): Record<string, string> => ({
      "x-maven-cache": cache,
      age: String(Math.max(0, Math.floor((clock() - entry.fetchedAt) / 1000))),
      ...(entry.redacted.length > 0 && { "x-maven-redacted": entry.redacted.join(",") }),
    });
    if (outcome.ok) {
      return { status: 200, body: outcome.entry.session, headers: copyHeaders(outcome.entry, outcome.cache) };
    }
    const headers: Record<string, string> = outcome.copy ? copyHeaders(outcome.copy, "stale") : {};
    if (outcome.retryAfterMs !== undefined) headers["retry-after"] = retryAfterSeconds(outcome.retryAfterMs);
    const body = outcome.copy ? { detail: outcome.detail, session: outcome.copy.session } : { detail: outcome.detail };
    return { status: outcome.status, body, headers };
  }

  /** `answer`, with anything unexpected (a store that throws, say) logged and answered 500. */
  async function answerSafely(sessionId: string): Promise<Answer> {
    try {
      return await answer(sessionId);
    } catch (error) {
      log.error(`Unexpected error while serving session ${sessionId}; answered 500. ${describeError(error)}`);
      return { status: 500, body: { detail: UNEXPECTED_FAILURE }, headers: {} };
    }
  }

  const sessionHandler = async (request: Request, context?: SessionRouteContext): Promise<Response> => {
    try {
      return await handle(request, context);
    } catch (error) {
      log.error(`Unexpected error while serving a session; answered 500. ${describeError(error)}`);
      return errorResponse(request, 500, UNEXPECTED_FAILURE, scrub);
    }
  };

  /** Reads for server code: `answer` without `authorize`, as the browser client would read the response. */
  const get = async (sessionId: string, requestOptions?: RequestOptions): Promise<Session> => {
    assertSessionId(sessionId);
    const signal = requestOptions?.signal;
    // This caller's own wait (a page render may not want to wait the upstream's `timeoutMs`).
    const waitMs = numberOption("timeoutMs", requestOptions?.timeoutMs, 0, true);
    signal?.throwIfAborted();
    const id = sessionId.toLowerCase();
    // The load goes on for others sharing it; this caller stops waiting when its signal aborts or its wait ends.
    const { status, body, headers } = await new Promise<Answer>((resolve, reject) => {
      const stop = () => reject(signal!.reason);
      signal?.addEventListener("abort", stop, { once: true });
      const timer = waitMs ? setTimeout(() => reject(new APIConnectionTimeoutError(waitMs)), waitMs) : undefined;
      void answerSafely(id)
        .then(resolve)
        .finally(() => {
          clearTimeout(timer);
          signal?.removeEventListener("abort", stop);
        });
    });
    requestOptions?.onResponse?.(new Response(null, { status, headers }));
    // Through JSON, as a response would be: scrubbed of the key, and a copy no one else can change.
    const data: unknown = JSON.parse(scrub(JSON.stringify(body)));
    if (status === 200) return parseSession(data, id);
    throw MavenAPIError.from(status, data, new Headers(headers));
  };
  const sessions: SessionsResource = {
    get,
    poll: (sessionId, pollOptions) => pollSession(get, sessionId, pollOptions),
    watch: (sessionId, pollOptions) => watchSession(get, sessionId, pollOptions),
  };
  const inProcess: MavenClient = { baseUrl: IN_PROCESS_BASE_URL, sessions };

  return Object.defineProperty(sessionHandler, "client", { value: inProcess, enumerable: true }) as SessionHandler;
}

// ── Helpers ──────────────────────────────────────────────────────────────────

/**
 * The session id from the route's params (`[sessionId]`, `[session_id]` or
 * `[id]`; a Promise since Next 15, a plain object elsewhere), else the
 * last segment of the URL path.
 */
async function readSessionId(request: Request, context: SessionRouteContext | undefined): Promise<string | undefined> {
  let params: unknown;
  try {
    params = await context?.params;
  } catch {
    params = undefined;
  }
  if (typeof params === "object" && params !== null) {
    // The most specific name first: in `orgs/[id]/sessions/[sessionId]`, `id` is the organisation.
    for (const name of ["sessionId", "session_id", "id"]) {
      const value = (params as Record<string, unknown>)[name];
      if (typeof value === "string") return value;
    }
  }
  let segment: string | undefined;
  try {
    segment = new URL(request.url).pathname.split("/").filter(Boolean).at(-1);
  } catch {
    return undefined;
  }
  if (segment === undefined) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function readBudget(
  option: SessionRateLimitOptions | false | undefined,
): { requests: number; windowMs: number; reserve: number; refreshSpacingMs: number } | null {
  if (option === false) return null;
  const requests = option?.requests ?? DEFAULT_RATE_LIMIT.requests;
  const windowMs = option?.windowMs ?? DEFAULT_RATE_LIMIT.windowMs;
  if (!Number.isInteger(requests) || requests < 1) {
    throw new MavenError(`createSessionHandler: rateLimit.requests must be a positive integer, got ${requests}.`);
  }
  if (!Number.isFinite(windowMs) || windowMs <= 0) {
    throw new MavenError(`createSessionHandler: rateLimit.windowMs must be a positive number, got ${windowMs}.`);
  }
  const reserve = option?.reserveForNewSessions;
  const resolvedReserve = reserve ?? Math.floor(requests / 4);
  if (!Number.isInteger(resolvedReserve) || resolvedReserve < 0 || resolvedReserve >= requests) {
    throw new MavenError(
      `createSessionHandler: rateLimit.reserveForNewSessions must be an integer from 0 to requests - 1, got ${reserve}.`,
    );
  }
  // Refreshes get what the reserve leaves, spread evenly over the window.
  const refreshSpacingMs = windowMs / (requests - resolvedReserve);
  return { requests, windowMs, reserve: resolvedReserve, refreshSpacingMs };
}

/** `redactionId`, checked: a non-empty string, and only beside a `redact` function. */
function readRedactionId({ redact, redactionId }: SessionHandlerOptions): string | undefined {
  if (redactionId === undefined) return undefined;
  if (typeof redact !== "function") {
    throw new MavenError("createSessionHandler: redactionId names a redact function; a list of fields needs no name.");
  }
  if (typeof redactionId !== "string" || redactionId.trim() === "") {
    throw new MavenError(
      `createSessionHandler: redactionId must be a non-empty string, got ${JSON.stringify(redactionId)}.`,
    );
  }
  return redactionId;
}

function positiveBytes(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new MavenError(`createSessionHandler: ${name} must be a positive whole number of bytes, got ${value}.`);
  }
  return value;
}

function nonNegative(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0) {
    throw new MavenError(`createSessionHandler: ${name} must be a non-negative number of milliseconds, got ${value}.`);
  }
  return value;
}

/** A name for each `redact` function this process has seen: its identity, not its source text. */
const functionIds = new WeakMap<object, string>();

/**
 * A short, stable name for what a handler serves: the same for handlers (and server instances) with
 * the same redaction, key and upstream. Copies fetched with one key are not another key's to serve: a
 * multi-tenant app with a key per merchant on one store must not hand one merchant's sessions (or its
 * failures) to the other. The key is in it only through the 53-bit hash below, which keys far longer
 * than 53 bits of entropy cannot be read back from, and nothing else of the key is stored. A field
 * list names itself; a function is named by `redactionId`, else by its identity in this process: two
 * functions with the same source (closures from one factory, bound methods, minified twins) may
 * redact differently, so their copies must not be shared.
 */
function viewFingerprint(
  redact: SessionRedaction | undefined,
  redactionId: string | undefined,
  apiKey: string | undefined,
  baseUrl: string | undefined,
) {
  let redaction = "";
  if (typeof redact === "function") {
    let id = redactionId === undefined ? functionIds.get(redact) : `named:${redactionId}`;
    if (id === undefined) functionIds.set(redact, (id = `fn:${crypto.randomUUID()}`));
    redaction = id;
  } else if (Array.isArray(redact)) {
    // JSON, not a join: ["caller,memory"] and ["caller", "memory"] are different views.
    redaction = JSON.stringify([...new Set(redact)].sort());
  }
  const text = JSON.stringify([apiKey ?? "", baseUrl?.trim() || "", redaction]);
  // Two 32-bit multiplicative hashes (cyrb53): a name, not a secret, long enough that views never collide.
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `v${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

/** Says which kind of key is in use without showing any of it. */
function describeKey(apiKey: string | undefined): string {
  const kind = keyKind(apiKey);
  if (kind === undefined) return "no key";
  if (kind === "other") return "a key that does not look like a Maven key (expected mvn_test_… or mvn_live_…)";
  return `a ${kind} key (mvn_${kind}_…)`;
}

/** Which kind of Maven key this is, from its prefix alone; `undefined` without a key. */
function keyKind(apiKey: string | undefined): "test" | "live" | "other" | undefined {
  if (!apiKey) return undefined;
  if (apiKey.startsWith("mvn_test_")) return "test";
  if (apiKey.startsWith("mvn_live_")) return "live";
  return "other";
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

const DENIAL_DETAIL = {
  401: "Sign in to see this session.",
  403: "You do not have access to this session.",
  404: "Session not found.",
} as const;

/** A header value a `Headers` object takes and a browser reads as one line: printable ASCII, not empty. */
const HEADER_VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * A `{ status, detail?, challenge? }` decision from `authorize`, with its message; `null` for anything else.
 * `challenge` is the header value, `undefined` when none was given, `null` when one was given that cannot be sent.
 */
function readDenial(
  decision: unknown,
): { status: 401 | 403 | 404; detail: string; challenge: string | null | undefined } | null {
  if (typeof decision !== "object" || decision === null) return null;
  const { status, detail, challenge } = decision as { status?: unknown; detail?: unknown; challenge?: unknown };
  if (status !== 401 && status !== 403 && status !== 404) return null;
  const header = typeof challenge === "string" ? challenge.trim() : challenge;
  return {
    status,
    detail: typeof detail === "string" && detail.trim() ? detail : DENIAL_DETAIL[status],
    challenge: header == null ? undefined : typeof header === "string" && HEADER_VALUE.test(header) ? header : null,
  };
}
