/**
 * The one simulator behind every way of running the mock: msw in the browser,
 * msw in Node, and the loopback HTTP server. It speaks Fetch API types only
 * (`Request` in, `Response` out), so it runs anywhere.
 */
import { isSessionId, sessionSchema, type Session, type SessionInput } from "@trymaven/core";
import { API_KEY_PATTERN } from "./api-key.js";
import { detailResponse, faultOutcome, invalidUuidResponse, jsonResponse, normalizeFault } from "./faults.js";
import type { Fault, FaultInput, FaultName } from "./faults.js";
import { listFixtures } from "./fixtures.js";
import { defined } from "./internal/defined.js";
import { abortableSleep } from "./internal/sleep.js";
import { isoAt } from "./internal/time.js";
import { derivedUuid } from "./internal/uuid.js";
import { DEFAULT_EXPIRY_MS, makeSession, type SessionOverrides } from "./make-session.js";
import {
  applySessionPatch,
  isScenarioName,
  scenarios,
  SCENARIO_NAMES,
  type Scenario,
  type ScenarioName,
  type ScenarioStep,
  type SessionPatch,
} from "./scenarios.js";

/** Add a session that plays a scenario. */
export interface ScenarioSessionInit {
  /** A built-in scenario's name, or a scenario of your own (see `defineScenario`). */
  scenario: ScenarioName | Scenario;
  /**
   * The session's id (a UUID). Defaults to the scenario's own fixed id or, when
   * that id is already taken, one derived from it: the same on every run (and
   * after `reset()`), so a test that adds a scenario twice stays reproducible.
   */
  sessionId?: string | undefined;
  /** Fields to set on the session at the start, over the scenario's (e.g. `{ gateway: "braintree" }`). */
  session?: SessionOverrides | undefined;
  /**
   * What moves the session along: `"time"` follows each step's `after` on the
   * simulator's clock; `"request"` applies one step per answered request
   * (or the step's own `afterRequests`), ignoring time.
   * @default "time"
   */
  advanceBy?: "time" | "request" | undefined;
  /**
   * Multiplies every step's `after` (and `expiresAfterMs`): `0.1` plays ten times
   * faster, `10` ten times slower.
   * @default 1
   */
  timeScale?: number | undefined;
}

/** What `addSession` accepts: a session (validated against the contract) or a scenario to play. */
export type SessionInit = SessionInput | ScenarioSessionInit;

/** Options of `createMavenSimulator` (also accepted by `createMavenHandlers` and `startMockServer`). */
export interface MavenSimulatorOptions {
  /**
   * The clock, in milliseconds since the epoch. Scenarios advance by it, and
   * requests are timestamped with it. Inject one for deterministic tests;
   * `Date.now` already follows `vi.useFakeTimers()`.
   * @default Date.now
   */
  now?: (() => number) | undefined;
  /**
   * Serve every fixture (see `fixtures`) under its own `session_id`.
   * @default true
   */
  fixtures?: boolean | undefined;
  /** Sessions present from the start, and again after `reset()`: sessions, or scenarios to play. */
  sessions?: SessionInit[] | undefined;
  /**
   * Answer 401 unless the request carries `Authorization: Bearer mvn_test_…`
   * (or `mvn_live_…`) with 32 letters or digits, like the real API. Turn it off
   * for a browser talking to your proxy path, which sends no key.
   * @default true
   */
  requireAuth?: boolean | undefined;
  /** Accept only this exact key (other well-formed keys get 401). Implies `requireAuth`. */
  apiKey?: string | undefined;
  /**
   * Delay before every answer, in milliseconds, to make loading states visible.
   * Aborting the request ends the wait.
   * @default 0
   */
  latencyMs?: number | undefined;
  /**
   * Enforce a rate limit like Maven's (20 requests per minute), answering 429
   * with no `Retry-After` (the real API documents none). One sliding window for
   * every client and session together, not per IP. It counts every `GET` of a
   * session path that passes the auth check (so every one when auth is off),
   * including those then answered 404 or 422; requests answered by a fault (other
   * than `slow`), by 401 or by 429 are not counted.
   * `true` means `{ limit: 20, windowMs: 60000 }`.
   * @default false
   */
  rateLimit?:
    | boolean
    | {
        /**
         * Requests allowed in any window of `windowMs`; the next one gets 429.
         * @default 20
         */
        limit?: number | undefined;
        /**
         * Length of the sliding window, in milliseconds.
         * @default 60000
         */
        windowMs?: number | undefined;
      }
    | undefined;
}

/** Where to inject a fault and how often. */
export interface InjectFaultOptions {
  /** Only requests for this session id are affected. By default every request to the sessions endpoint is. */
  sessionId?: string | undefined;
  /**
   * How many requests the fault answers before it is used up: a whole number from 1, or
   * `Infinity` to keep it until removed.
   * @default 1
   */
  times?: number | undefined;
}

/** A fault waiting in the queue. */
export interface InjectedFault {
  /** The fault as queued: a name or status given to `injectFault` is normalized to its object form. */
  readonly fault: Fault;
  /** The session it is limited to, or `null` for every request. */
  readonly sessionId: string | null;
  /** Requests it will still answer (`Infinity` for a permanent fault). */
  readonly remaining: number;
  /** Takes the fault out of the queue. */
  remove(): void;
}

/** One request the simulator received. */
export interface RecordedRequest {
  /** 1, 2, 3… in order of arrival. */
  id: number;
  /** The HTTP method (`request.method`): only `GET` is served; any other gets 405 unless a fault answers first. */
  method: string;
  /** Path and query, e.g. `/v1/sessions/…`. */
  path: string;
  /** The id from the path (as sent), or `null` when the path was not a session's. */
  sessionId: string | null;
  /** Whether an `Authorization` header was present (its value is never recorded). */
  hasAuthorization: boolean;
  /** Arrival time on the simulator's clock. */
  at: number;
  /** HTTP status of the answer; `null` while in flight or when there was none (reset, aborted). */
  status: number | null;
  /** `pending` while in flight; `response` when answered; `reset` when the connection was dropped; `aborted` when the client gave up. */
  outcome: "pending" | "response" | "reset" | "aborted";
  /** The fault that answered (or delayed) the request, if any. */
  fault: FaultName | null;
}

export interface MavenSimulatorStats {
  /** Requests received (control endpoints of the loopback server are not counted). */
  total: number;
  /** Requests still waiting for an answer (hung or slow). */
  inFlight: number;
  /** Requests per session id, as sent in the path. */
  bySession: Record<string, number>;
  /** Requests per outcome: the HTTP status (`"200"`, `"404"`…), or `"reset"`, `"aborted"`, `"pending"`. */
  byStatus: Record<string, number>;
  /** Requests answered or delayed by each fault. */
  byFault: Record<string, number>;
}

export interface MavenSimulator {
  /** Answers one request to `GET …/v1/sessions/{id}`, whatever the base path. Never rejects. */
  handle(request: Request): Promise<Response>;
  /** Whether a request must carry a key to be answered (`requireAuth`, or an `apiKey` to match). */
  readonly requireAuth: boolean;
  /**
   * Adds (or replaces) a session, static or playing a scenario. Returns a copy of its current state.
   * Throws a `TypeError` when the session (or a scenario's start, with its `session` overrides)
   * does not match the contract: to serve an invalid body on purpose, inject a drift fault.
   */
  addSession(init: SessionInit): Session;
  /**
   * A copy of the session's current state (scenarios advanced to now), or `undefined`. Changing
   * the copy changes nothing served: use `updateSession` for that.
   */
  getSession(sessionId: string): Session | undefined;
  /** Copies of every session's current state. */
  listSessions(): Session[];
  /**
   * Changes a session now, as a scenario step would (see `applySessionPatch`: updated_at,
   * is_terminal, completed_at, and on a status change error and processor, kept consistent).
   * Throws a `TypeError`, changing nothing, when the result would not match the contract.
   */
  updateSession(sessionId: string, patch: SessionPatch): Session;
  /**
   * Applies the next `steps` steps (a whole number, or `Infinity` for all) of the session's
   * scenario now, without waiting. Throws a `TypeError`, changing nothing, for any other number,
   * or when a step would give a session that does not match the contract (no step is kept).
   */
  advance(sessionId: string, steps?: number): Session;
  /** Removes a session; later requests for it get 404. */
  removeSession(sessionId: string): boolean;
  /** Queues a fault: the next matching request(s) get it instead of the normal answer. */
  injectFault(fault: FaultInput, options?: InjectFaultOptions): InjectedFault;
  /** Faults still queued. */
  readonly faults: readonly InjectedFault[];
  /** Removes every queued fault. */
  clearFaults(): void;
  /** Every request received since the start (or the last `reset`/`clearRequests`). A snapshot. */
  readonly requests: readonly RecordedRequest[];
  /** Counts of `requests`. */
  stats(): MavenSimulatorStats;
  /** Forgets recorded requests (and the rate limiter's window). */
  clearRequests(): void;
  /**
   * Back to the start: the initial sessions (scenarios restart from now), no
   * faults, no recorded requests. Requests left hanging are dropped.
   */
  reset(): void;
}

const SIMULATOR_BRAND = Symbol.for("@trymaven/mock/simulator");
const SESSION_PATH = /\/v1\/sessions\/([^/]+)\/?$/;

interface SessionRecord {
  session: Session;
  steps: ScenarioStep[];
  next: number;
  lastStepAt: number;
  servedSinceStep: number;
}

interface FaultEntry {
  fault: Fault;
  sessionId: string | null;
  remaining: number;
}

/** True when `value` is a simulator made by `createMavenSimulator`. */
export function isMavenSimulator(value: unknown): value is MavenSimulator {
  return typeof value === "object" && value !== null && SIMULATOR_BRAND in value;
}

/** A session id in the canonical lowercase 8-4-4-4-12 form, accepting what pydantic accepts (any case, no dashes, `urn:uuid:`). */
function canonicalId(id: string): string | null {
  const hex = id
    .trim()
    .replace(/^urn:uuid:/i, "")
    .replace(/^\{(.*)\}$/, "$1")
    .toLowerCase();
  const compact = hex.replaceAll("-", "");
  if (!/^[0-9a-f]{32}$/.test(compact)) return null;
  if (hex.includes("-") && !isSessionId(hex)) return null;
  return `${compact.slice(0, 8)}-${compact.slice(8, 12)}-${compact.slice(12, 16)}-${compact.slice(16, 20)}-${compact.slice(20)}`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * A copy the caller may change: the simulator's own sessions change only through its methods, so
 * a test that edits what `getSession` returned does not change what is served.
 */
function copyOf(session: Session): Session {
  return structuredClone(session);
}

function isScenarioInit(init: SessionInit): init is ScenarioSessionInit {
  return typeof init === "object" && init !== null && "scenario" in init && init.scenario !== undefined;
}

/**
 * The session parsed by the contract's schema; throws a `TypeError` naming `what` and the first
 * issues otherwise, so a session the real API could never send is never served as a 200.
 */
/** Throws a `TypeError` unless `value` is a whole number from `min`, or `Infinity`. */
function requireCount(what: string, value: number, min: number): void {
  if (!(value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value >= min))) {
    throw new TypeError(`${what} must be a whole number from ${min}, or Infinity, got ${value}.`);
  }
}

function parseSessionOrThrow(input: SessionInput, what: string): Session {
  const result = sessionSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join(".") || "(session)"}: ${issue.message}`)
    .join("; ");
  throw new TypeError(
    `${what} does not match the Maven API contract (${issues}). ` +
      `To serve an invalid body on purpose, use injectFault with a drift fault.`,
  );
}

/**
 * Creates a simulated Maven API. One simulator can back msw handlers
 * (`createMavenHandlers(simulator)`) and the loopback server
 * (`startMockServer({ simulator })`) at once.
 *
 * ```ts
 * const simulator = createMavenSimulator({ now: () => Date.now() });
 * const { session_id } = simulator.addSession({ scenario: "declined" });
 * simulator.injectFault(503, { sessionId: session_id });
 * const response = await simulator.handle(new Request(`https://api.trymaven.com/v1/sessions/${session_id}`, {
 *   headers: { authorization: `Bearer ${MOCK_API_KEY}` },
 * }));
 * ```
 */
export function createMavenSimulator(options: MavenSimulatorOptions = {}): MavenSimulator {
  const now = options.now ?? (() => Date.now());
  const requireAuth = options.requireAuth ?? true;
  const requiredKey = options.apiKey;
  const latencyMs = options.latencyMs ?? 0;
  const rateLimit =
    options.rateLimit === true
      ? { limit: 20, windowMs: 60_000 }
      : options.rateLimit
        ? { limit: options.rateLimit.limit ?? 20, windowMs: options.rateLimit.windowMs ?? 60_000 }
        : null;

  const records = new Map<string, SessionRecord>();
  let faultQueue: FaultEntry[] = [];
  let log: RecordedRequest[] = [];
  let nextRequestId = 1;
  let rateWindow: number[] = [];
  const hung = new Set<() => void>();

  function advanceRecord(record: SessionRecord, at: number): void {
    while (record.next < record.steps.length) {
      const step = record.steps[record.next]!;
      const dueAt =
        step.after !== undefined
          ? record.lastStepAt + step.after
          : step.afterRequests === undefined
            ? record.lastStepAt
            : Number.POSITIVE_INFINITY;
      const dueByRequests = step.afterRequests !== undefined && record.servedSinceStep >= step.afterRequests;
      if (at < dueAt && !dueByRequests) return;
      applyStep(record, step, Math.min(at, dueAt));
    }
  }

  function applyStep(record: SessionRecord, step: ScenarioStep, at: number): void {
    const patch = typeof step.patch === "function" ? step.patch(record.session) : step.patch;
    record.session = checked(applySessionPatch(record.session, patch, at), `Step ${record.next + 1} of the scenario`);
    record.lastStepAt = at;
    record.servedSinceStep = 0;
    record.next += 1;
  }

  function recordFor(sessionId: string): SessionRecord | undefined {
    const id = canonicalId(sessionId);
    const record = id === null ? undefined : records.get(id);
    if (record) advanceRecord(record, now());
    return record;
  }

  /** `session` itself when it matches the contract (see `parseSessionOrThrow`). */
  function checked(session: Session, what: string): Session {
    parseSessionOrThrow(session, `${what} (session ${session.session_id})`);
    return session;
  }

  /** The scenario's own id when free, else the first free id derived from it. */
  function freeScenarioId(scenario: Scenario): string {
    if (!records.has(canonicalId(scenario.sessionId) ?? scenario.sessionId)) return scenario.sessionId;
    for (let copy = 2; ; copy++) {
      const id = derivedUuid(`${scenario.sessionId}#${copy}`);
      if (!records.has(id)) return id;
    }
  }

  function requireRecord(sessionId: string, method: string): SessionRecord {
    const record = recordFor(sessionId);
    if (!record) throw new Error(`${method}: no session with id ${JSON.stringify(sessionId)}.`);
    return record;
  }

  function addSession(init: SessionInit): Session {
    if (!isScenarioInit(init)) {
      // A copy: changing `init` afterwards does not change what is served.
      const session = copyOf(parseSessionOrThrow(init, "addSession: the session"));
      const id = canonicalId(session.session_id)!;
      records.set(id, { session, steps: [], next: 0, lastStepAt: now(), servedSinceStep: 0 });
      return copyOf(session);
    }

    let scenario: Scenario;
    if (typeof init.scenario === "string") {
      if (!isScenarioName(init.scenario)) {
        throw new TypeError(`Unknown scenario "${init.scenario}". Built-in scenarios: ${SCENARIO_NAMES.join(", ")}.`);
      }
      scenario = scenarios[init.scenario];
    } else if (typeof init.scenario === "object" && init.scenario !== null && Array.isArray(init.scenario.steps)) {
      scenario = init.scenario;
    } else {
      throw new TypeError(
        `addSession: scenario must be a built-in scenario's name (${SCENARIO_NAMES.join(", ")}) or a scenario ` +
          `(see defineScenario), got ${JSON.stringify(init.scenario)}.`,
      );
    }
    const requested = init.sessionId ?? freeScenarioId(scenario);
    const id = canonicalId(requested);
    if (id === null) throw new TypeError(`addSession: sessionId must be a UUID, got ${JSON.stringify(requested)}.`);
    if (init.advanceBy !== undefined && init.advanceBy !== "time" && init.advanceBy !== "request") {
      throw new TypeError(`addSession: advanceBy must be "time" or "request", got ${JSON.stringify(init.advanceBy)}.`);
    }
    const timeScale = init.timeScale ?? 1;
    if (!Number.isFinite(timeScale) || timeScale < 0) {
      throw new TypeError(`addSession: timeScale must be a non-negative number, got ${timeScale}.`);
    }
    const start = now();
    const steps: ScenarioStep[] = scenario.steps.map((step) =>
      init.advanceBy === "request"
        ? { afterRequests: step.afterRequests ?? 1, patch: step.patch }
        : {
            ...(step.after === undefined ? {} : { after: step.after * timeScale }),
            ...(step.afterRequests === undefined ? {} : { afterRequests: step.afterRequests }),
            patch: step.patch,
          },
    );
    const session = checked(
      // Only the status defaults: `makeSession` derives is_terminal, completed_at and the processor
      // from it, so a scenario that starts terminal (or a `session.status` override) is served as one.
      makeSession({
        status: "pending",
        ...scenario.initial,
        session_id: id,
        created_at: isoAt(start),
        updated_at: isoAt(start),
        expires_at: isoAt(
          start + (scenario.expiresAfterMs === undefined ? DEFAULT_EXPIRY_MS : scenario.expiresAfterMs * timeScale),
        ),
        // A field set to undefined keeps the scenario's value (or the id and times above).
        ...defined(init.session),
      }),
      `addSession: the start of scenario "${scenario.name}"`,
    );
    const record: SessionRecord = { session, steps, next: 0, lastStepAt: start, servedSinceStep: 0 };
    // Steps due at once (timeScale 0) apply before the session is served: one that breaks the contract throws here.
    advanceRecord(record, start);
    records.set(id, record);
    return copyOf(record.session);
  }

  function seed(): void {
    records.clear();
    if (options.fixtures ?? true) for (const { session } of listFixtures()) addSession(session);
    for (const init of options.sessions ?? []) addSession(init);
  }

  function takeFault(rawId: string): Fault | null {
    const id = canonicalId(rawId);
    const index = faultQueue.findIndex(
      (entry) => entry.remaining > 0 && (entry.sessionId === null || entry.sessionId === id),
    );
    if (index === -1) return null;
    const entry = faultQueue[index]!;
    entry.remaining -= 1;
    if (entry.remaining <= 0) faultQueue.splice(index, 1);
    return entry.fault;
  }

  function authFailure(request: Request): Response | null {
    if (!requireAuth && requiredKey === undefined) return null;
    const header = request.headers.get("authorization");
    const unauthorized = (detail: string) => detailResponse(401, detail, { "www-authenticate": "Bearer" });
    if (header === null || header.trim() === "") return unauthorized("Not authenticated");
    const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
    const key = match?.[1];
    if (key === undefined || !API_KEY_PATTERN.test(key)) {
      return unauthorized("Invalid API key format. Expected 'Bearer mvn_test_...' or 'Bearer mvn_live_...'.");
    }
    if (requiredKey !== undefined && key !== requiredKey) return unauthorized("Invalid API key");
    return null;
  }

  function rateLimited(at: number): Response | null {
    if (!rateLimit) return null;
    rateWindow = rateWindow.filter((time) => time > at - rateLimit.windowMs);
    if (rateWindow.length >= rateLimit.limit) {
      const window = rateLimit.windowMs === 60_000 ? "1 minute" : `${rateLimit.windowMs / 1000} seconds`;
      return detailResponse(429, `Rate limit exceeded: ${rateLimit.limit} per ${window}`);
    }
    rateWindow.push(at);
    return null;
  }

  function finish(entry: RecordedRequest, response: Response): Response {
    if (response.type === "error") {
      if (entry.outcome === "pending") entry.outcome = "reset";
    } else {
      entry.outcome = "response";
      entry.status = response.status;
    }
    return response;
  }

  function aborted(entry: RecordedRequest): Response {
    entry.outcome = "aborted";
    return Response.error();
  }

  function hang(entry: RecordedRequest, signal: AbortSignal): Promise<Response> {
    return new Promise((resolve) => {
      const release = () => {
        signal.removeEventListener("abort", release);
        hung.delete(release);
        resolve(aborted(entry));
      };
      if (signal.aborted) return release();
      signal.addEventListener("abort", release, { once: true });
      hung.add(release);
    });
  }

  async function respond(request: Request, entry: RecordedRequest, rawId: string | null): Promise<Response> {
    const { signal } = request;
    if (latencyMs > 0 && !(await abortableSleep(latencyMs, signal))) return aborted(entry);
    if (rawId === null) return detailResponse(404, "Not Found");

    const fault = takeFault(rawId);
    if (fault) {
      entry.fault = fault.type;
      if (fault.type === "slow") {
        if (!(await abortableSleep(fault.delayMs ?? 3_000, signal))) return aborted(entry);
      } else {
        const current = recordFor(rawId)?.session ?? makeSession({ session_id: canonicalId(rawId) ?? rawId });
        const outcome = faultOutcome(fault, current, rawId);
        if (outcome === "hang") return hang(entry, signal);
        if (outcome === "reset") return Response.error();
        return outcome;
      }
    }

    if (request.method !== "GET") return detailResponse(405, "Method Not Allowed", { allow: "GET" });
    const unauthorized = authFailure(request);
    if (unauthorized) return unauthorized;
    const limited = rateLimited(now());
    if (limited) return limited;
    if (canonicalId(rawId) === null) return invalidUuidResponse(rawId);
    const record = recordFor(rawId);
    if (!record) return detailResponse(404, "Session not found");
    const response = jsonResponse(200, record.session);
    record.servedSinceStep += 1;
    return response;
  }

  async function handle(request: Request): Promise<Response> {
    let path = request.url;
    let rawId: string | null = null;
    try {
      const url = new URL(request.url);
      path = url.pathname + url.search;
      const match = SESSION_PATH.exec(url.pathname);
      if (match) rawId = safeDecode(match[1]!);
    } catch {
      // A relative URL cannot come from fetch; treat it as an unknown path.
    }
    const entry: RecordedRequest = {
      id: nextRequestId++,
      method: request.method,
      path,
      sessionId: rawId,
      hasAuthorization: request.headers.has("authorization"),
      at: now(),
      status: null,
      outcome: "pending",
      fault: null,
    };
    log.push(entry);
    try {
      return finish(entry, await respond(request, entry, rawId));
    } catch (error) {
      // A bug in a custom scenario's patch function: answer like a crashed server rather than reject.
      console.error("@trymaven/mock: the simulator failed to answer", error);
      return finish(entry, detailResponse(500, "Internal Server Error"));
    }
  }

  function handleFor(entry: FaultEntry): InjectedFault {
    return {
      fault: entry.fault,
      sessionId: entry.sessionId,
      get remaining() {
        return faultQueue.includes(entry) ? entry.remaining : 0;
      },
      remove() {
        faultQueue = faultQueue.filter((queued) => queued !== entry);
      },
    };
  }

  seed();

  const simulator: MavenSimulator & { [SIMULATOR_BRAND]: true } = {
    [SIMULATOR_BRAND]: true,
    requireAuth: requireAuth || requiredKey !== undefined,
    handle,
    addSession,
    getSession(sessionId) {
      const record = recordFor(sessionId);
      return record && copyOf(record.session);
    },
    listSessions() {
      const at = now();
      return [...records.values()].map((record) => {
        advanceRecord(record, at);
        return copyOf(record.session);
      });
    },
    updateSession(sessionId, patch) {
      const record = requireRecord(sessionId, "updateSession");
      record.session = checked(applySessionPatch(record.session, patch, now()), "updateSession: the patched session");
      return copyOf(record.session);
    },
    advance(sessionId, steps = 1) {
      // A fraction, a negative number or NaN has no step count to apply (1.5 used to apply 2).
      requireCount("advance: steps", steps, 0);
      const record = requireRecord(sessionId, "advance");
      const at = now();
      // Steps apply to a draft, kept only when every one of them gives a valid session.
      const draft = { ...record };
      for (let i = 0; i < steps && draft.next < draft.steps.length; i++) {
        applyStep(draft, draft.steps[draft.next]!, at);
      }
      Object.assign(record, draft);
      return copyOf(record.session);
    },
    removeSession(sessionId) {
      const id = canonicalId(sessionId);
      return id !== null && records.delete(id);
    },
    injectFault(input, faultOptions = {}) {
      const fault = normalizeFault(input);
      const times = faultOptions.times ?? 1;
      requireCount("injectFault: times", times, 1);
      let sessionId: string | null = null;
      if (faultOptions.sessionId !== undefined) {
        sessionId = typeof faultOptions.sessionId === "string" ? canonicalId(faultOptions.sessionId) : null;
        if (sessionId === null) {
          throw new TypeError(`injectFault: sessionId must be a UUID, got ${JSON.stringify(faultOptions.sessionId)}.`);
        }
      }
      const entry: FaultEntry = { fault, sessionId, remaining: times };
      faultQueue.push(entry);
      return handleFor(entry);
    },
    get faults() {
      return faultQueue.map(handleFor);
    },
    clearFaults() {
      faultQueue = [];
    },
    get requests() {
      return log.map((entry) => ({ ...entry }));
    },
    stats() {
      const stats: MavenSimulatorStats = { total: log.length, inFlight: 0, bySession: {}, byStatus: {}, byFault: {} };
      for (const entry of log) {
        if (entry.outcome === "pending") stats.inFlight += 1;
        if (entry.sessionId !== null) stats.bySession[entry.sessionId] = (stats.bySession[entry.sessionId] ?? 0) + 1;
        const key = entry.outcome === "response" ? String(entry.status) : entry.outcome;
        stats.byStatus[key] = (stats.byStatus[key] ?? 0) + 1;
        if (entry.fault !== null) stats.byFault[entry.fault] = (stats.byFault[entry.fault] ?? 0) + 1;
      }
      return stats;
    },
    clearRequests() {
      log = [];
      rateWindow = [];
    },
    reset() {
      for (const release of [...hung]) release();
      faultQueue = [];
      log = [];
      nextRequestId = 1;
      rateWindow = [];
      seed();
    },
  };
  return simulator;
}
