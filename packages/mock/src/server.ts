/**
 * `@trymaven/mock/server`: the simulator on a real HTTP server, on loopback.
 * For tests where the code under test runs in another process (a Next.js app,
 * a Playwright run) and for local development (`maven-mock`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { normalizeFault, type FaultInput } from "./faults.js";
import {
  createMavenSimulator,
  type InjectFaultOptions,
  type MavenSimulator,
  type MavenSimulatorOptions,
  type SessionInit,
} from "./simulator.js";
import { SCENARIO_NAMES, type SessionPatch } from "./scenarios.js";

export interface MockServerOptions extends MavenSimulatorOptions {
  /**
   * Port to listen on; `0` picks a free one (read it from the result).
   * @default 0
   */
  port?: number | undefined;
  /**
   * Interface to listen on. Keep it on loopback: the mock accepts any well-formed key.
   * @default "127.0.0.1"
   */
  host?: string | undefined;
  /** An existing simulator to serve (e.g. shared with msw handlers). When given, the simulator options here are ignored. */
  simulator?: MavenSimulator | undefined;
  /**
   * Serve the `/__mock/*` control endpoints (stats, reset, sessions, faults).
   * They answer only requests from a loopback address, addressed to a loopback
   * name (`Host`), and, unless `cors` is on, not from another origin's page
   * (`Origin`); a body must be JSON (`Content-Type: application/json`).
   * @default true
   */
  control?: boolean | undefined;
  /**
   * Answer CORS preflights (allowing the mock's methods, GET, POST, PATCH and
   * DELETE, and whatever headers are asked for) and add
   * `Access-Control-Allow-Origin: *` and `Access-Control-Expose-Headers` (so a
   * browser's client can read `Retry-After`), for a browser calling the mock
   * directly. The real API's CORS policy is not documented; keep this off to
   * match a server-to-server setup. With it on, a page on any origin can also
   * call the control endpoints (pass `control: false` if that matters).
   * @default false
   */
  cors?: boolean | undefined;
}

export interface MockServer {
  /** Base URL to give the client, e.g. `http://127.0.0.1:53121` (no trailing slash). */
  readonly url: string;
  /** The port it listens on: the one asked for, or the one the system chose for `port: 0`. */
  readonly port: number;
  /** The address it listens on (`127.0.0.1` unless `host` said otherwise). */
  readonly host: string;
  /** The simulator answering requests: add sessions, inject faults, read stats. */
  readonly simulator: MavenSimulator;
  /**
   * Stops the server: closes the listener and destroys every open socket,
   * including requests left hanging by a `hang` fault, so nothing keeps the
   * process alive. Safe to call twice.
   */
  close(): Promise<void>;
}

const CONTROL_PREFIX = "/__mock/";
const MAX_CONTROL_BODY_BYTES = 1024 * 1024;
/** Methods a Fetch API `Request` refuses to carry: answered here, as the API answers any other method. */
const FETCH_FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
/** Response headers a browser hides from cross-origin scripts unless exposed (not CORS-safelisted). */
const EXPOSED_HEADERS = "Retry-After, WWW-Authenticate, Allow";
const PREFLIGHT_HEADERS = "authorization, content-type, accept";

/** Marks a control-request failure the caller should see as a 4xx with this message. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

/**
 * True when a `Host` header names this machine's loopback (or the host the server was given): a page
 * whose own name was rebound to 127.0.0.1 (DNS rebinding) still sends its own name, and is refused.
 */
function isLoopbackHostHeader(hostHeader: string, boundHost: string): boolean {
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return false;
  }
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname) ||
    hostname === "[::1]" ||
    hostname === formatHost(boundHost).toLowerCase()
  );
}

/** The media type of a `Content-Type` header, without parameters, lower-cased. */
function mediaType(contentType: string): string {
  return contentType.split(";")[0]!.trim().toLowerCase();
}

function hasBody(request: IncomingMessage): boolean {
  const length = request.headers["content-length"];
  return request.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/**
 * Why a control request is refused before it is read, or `null`. A page in the developer's browser can
 * send a POST to 127.0.0.1 without a CORS preflight when its body is `text/plain` (or form data, or a
 * typeless blob): requiring JSON makes the browser ask first, and `Origin` names the page either way.
 */
function controlRefusal(
  request: IncomingMessage,
  method: string,
  { boundHost, ownOrigin, cors }: { boundHost: string; ownOrigin: string; cors: boolean },
): ControlError | null {
  if (!isLoopback(request.socket.remoteAddress)) {
    return new ControlError(403, "The /__mock/ control endpoints answer loopback clients only.");
  }
  const { host: hostHeader, origin: requestOrigin } = request.headers;
  if (hostHeader !== undefined && !isLoopbackHostHeader(hostHeader, boundHost)) {
    return new ControlError(
      403,
      `The /__mock/ control endpoints answer requests addressed to ${formatHost(boundHost)} or another loopback name ` +
        `(localhost, 127.0.0.1, [::1]), not to ${JSON.stringify(hostHeader)}.`,
    );
  }
  const sameOrigin =
    requestOrigin === undefined ||
    requestOrigin.toLowerCase() === ownOrigin.toLowerCase() ||
    (hostHeader !== undefined && requestOrigin.toLowerCase() === `http://${hostHeader}`.toLowerCase());
  if (!cors && !sameOrigin) {
    return new ControlError(
      403,
      `The /__mock/ control endpoints refuse requests from another origin's page (Origin: ${requestOrigin}). ` +
        `Call them from a test or a script, or start the mock with cors: true (--cors) to let pages call it.`,
    );
  }
  if (method === "POST" || method === "PATCH") {
    const contentType = request.headers["content-type"];
    if (contentType === undefined ? hasBody(request) : mediaType(contentType) !== "application/json") {
      return new ControlError(
        415,
        `Send control request bodies as JSON, with Content-Type: application/json (got ${
          contentType === undefined ? "a body and no Content-Type" : JSON.stringify(contentType)
        }).`,
      );
    }
  }
  return null;
}

function formatHost(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

function sendJson(response: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string>): void {
  const text = body === undefined ? "" : JSON.stringify(body);
  response.writeHead(status, {
    ...extraHeaders,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store",
  });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_CONTROL_BODY_BYTES) throw new ControlError(413, "Body too large.");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8").trim();
  if (text === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ControlError(400, "Body is not JSON.");
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new ControlError(400, `${what} must be a JSON object.`);
  return value;
}

/** Runs a simulator call, turning the `TypeError` it throws for bad input into a 400 with its message. */
function badInputAs400<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (error instanceof TypeError) throw new ControlError(400, error.message);
    throw error;
  }
}

/**
 * A count that may be "all": JSON has no Infinity (`JSON.stringify` writes `null` for it), so `"Infinity"`
 * and `null` mean `Infinity`, as `GET /__mock/faults` writes `remaining`. The simulator checks the number.
 */
function readCount(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === "Infinity") return Number.POSITIVE_INFINITY;
  if (typeof value === "number") return value;
  throw new ControlError(400, `${name} must be a number, "Infinity" or null, got ${JSON.stringify(value)}.`);
}

/** Refuses a field this body does not take: a misspelt `sessionId` must not quietly mean "every session". */
function refuseUnknownFields(body: Record<string, unknown>, known: readonly string[], shape: string): void {
  const unknown = Object.keys(body).filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new ControlError(400, `Unknown field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}: send ${shape}.`);
  }
}

/** An optional string field: absent, or a string. `null` or another type is refused, not read as absent. */
function readOptionalString(body: Record<string, unknown>, name: string, meaning: string): string | undefined {
  const value = body[name];
  if (value === undefined || typeof value === "string") return value;
  throw new ControlError(400, `${name} must be a string, got ${JSON.stringify(value)}; ${meaning}.`);
}

/** Why a scenario sent as JSON cannot be played, or `null` (patches that are functions cannot cross JSON). */
function scenarioObjectProblem(scenario: Record<string, unknown>): string | null {
  if (typeof scenario.name !== "string") return "its name must be a string";
  if (typeof scenario.sessionId !== "string") return "its sessionId must be a UUID string";
  if (!isPlainObject(scenario.initial)) return "its initial must be an object (a session patch)";
  if (scenario.expiresAfterMs !== undefined && typeof scenario.expiresAfterMs !== "number") {
    return "its expiresAfterMs must be a number";
  }
  if (!Array.isArray(scenario.steps)) return "its steps must be an array";
  for (const [index, step] of (scenario.steps as unknown[]).entries()) {
    const which = `step ${index + 1}`;
    if (!isPlainObject(step) || !isPlainObject(step.patch)) return `${which} must be { after?, afterRequests?, patch }`;
    if (step.after !== undefined && typeof step.after !== "number") return `${which}'s after must be a number`;
    if (step.afterRequests !== undefined && typeof step.afterRequests !== "number") {
      return `${which}'s afterRequests must be a number`;
    }
  }
  return null;
}

const SCENARIO_INIT_SHAPE = "{ scenario, sessionId?, session?, advanceBy?, timeScale? }";

/** Checks the types of a `{ scenario, ... }` body; the simulator checks the values (names, ids, ranges). */
function readScenarioInit(body: Record<string, unknown>): SessionInit {
  refuseUnknownFields(body, ["scenario", "sessionId", "session", "advanceBy", "timeScale"], SCENARIO_INIT_SHAPE);
  const { scenario } = body;
  if (typeof scenario !== "string") {
    const accepted =
      `scenario must be a built-in scenario's name (${SCENARIO_NAMES.join(", ")}) ` +
      `or a scenario object { name, description, sessionId, initial, steps }`;
    if (!isPlainObject(scenario)) throw new ControlError(400, `${accepted}, got ${JSON.stringify(scenario)}.`);
    const problem = scenarioObjectProblem(scenario);
    if (problem !== null) throw new ControlError(400, `${accepted}: ${problem}.`);
  }
  readOptionalString(body, "sessionId", "leave it out for the scenario's own id");
  if (body.session !== undefined && !isPlainObject(body.session)) {
    throw new ControlError(
      400,
      `session must be an object of fields to set over the scenario's, got ${JSON.stringify(body.session)}.`,
    );
  }
  if (body.advanceBy !== undefined && body.advanceBy !== "time" && body.advanceBy !== "request") {
    throw new ControlError(400, `advanceBy must be "time" or "request", got ${JSON.stringify(body.advanceBy)}.`);
  }
  if (body.timeScale !== undefined && typeof body.timeScale !== "number") {
    throw new ControlError(400, `timeScale must be a number, got ${JSON.stringify(body.timeScale)}.`);
  }
  return body as unknown as SessionInit;
}

/**
 * The control API, for tests that drive the mock from another process:
 *
 * - `GET /__mock/stats`: `simulator.stats()`
 * - `GET /__mock/requests`: `simulator.requests`
 * - `GET /__mock/sessions`: every session's current state
 * - `POST /__mock/sessions`: body is a session or `{ scenario, sessionId?, session?, advanceBy?, timeScale? }`; 201 with the session
 * - `PATCH /__mock/sessions/{id}`: body is a patch; 200 with the session
 * - `POST /__mock/sessions/{id}/advance`: body `{ steps? }` (`steps: "Infinity"` for all); 200 with the session
 * - `DELETE /__mock/sessions/{id}`: 204
 * - `GET /__mock/faults`: queued faults
 * - `POST /__mock/faults`: body `{ fault, sessionId?, times? }` (`times: "Infinity"` for ever); 201
 * - `DELETE /__mock/faults`: 204
 * - `POST /__mock/reset`: 204
 *
 * A field of the wrong type is a 400, never read as absent: a fault meant for one session must not hit them all.
 */
async function handleControl(
  simulator: MavenSimulator,
  method: string,
  path: string,
  request: IncomingMessage,
): Promise<{ status: number; body?: unknown }> {
  const route = path.slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
  const sessionRoute = /^sessions\/([^/]+)(\/advance)?$/.exec(route);

  if (method === "GET" && route === "stats") return { status: 200, body: simulator.stats() };
  if (method === "GET" && route === "requests") return { status: 200, body: simulator.requests };
  if (method === "GET" && route === "sessions") return { status: 200, body: simulator.listSessions() };
  if (method === "POST" && route === "reset") {
    simulator.reset();
    return { status: 204 };
  }
  if (method === "POST" && route === "sessions") {
    const body = asObject(await readBody(request), "The session");
    // Like the simulator, any `scenario` key (even `null`) makes the body a scenario to play, not a session.
    const init = Object.hasOwn(body, "scenario") ? readScenarioInit(body) : (body as unknown as SessionInit);
    return { status: 201, body: badInputAs400(() => simulator.addSession(init)) };
  }
  if (sessionRoute) {
    let sessionId: string;
    try {
      sessionId = decodeURIComponent(sessionRoute[1]!);
    } catch {
      throw new ControlError(400, `The session id ${JSON.stringify(sessionRoute[1])} is not valid percent-encoding.`);
    }
    if (!simulator.getSession(sessionId)) throw new ControlError(404, `No session ${JSON.stringify(sessionId)}.`);
    if (method === "PATCH" && !sessionRoute[2]) {
      const patch = asObject(await readBody(request), "The patch") as SessionPatch;
      return { status: 200, body: badInputAs400(() => simulator.updateSession(sessionId, patch)) };
    }
    if (method === "POST" && sessionRoute[2]) {
      const body = asObject(await readBody(request), "The body");
      refuseUnknownFields(body, ["steps"], "{ steps? }");
      const steps = readCount("steps", body.steps);
      return { status: 200, body: badInputAs400(() => simulator.advance(sessionId, steps)) };
    }
    if (method === "DELETE" && !sessionRoute[2]) {
      simulator.removeSession(sessionId);
      return { status: 204 };
    }
  }
  if (route === "faults") {
    if (method === "GET") {
      return {
        status: 200,
        body: simulator.faults.map(({ fault, sessionId, remaining }) => ({
          fault,
          sessionId,
          remaining: remaining === Infinity ? "Infinity" : remaining,
        })),
      };
    }
    if (method === "DELETE") {
      simulator.clearFaults();
      return { status: 204 };
    }
    if (method === "POST") {
      const body = asObject(await readBody(request), "The body");
      refuseUnknownFields(body, ["fault", "sessionId", "times"], "{ fault, sessionId?, times? }");
      const options: InjectFaultOptions = {};
      // `null` is how `GET /__mock/faults` lists a fault for every session: its fault and sessionId can be posted back.
      const sessionId =
        body.sessionId === null
          ? undefined
          : readOptionalString(body, "sessionId", "leave it out to hit every session");
      if (sessionId !== undefined) options.sessionId = sessionId;
      const times = readCount("times", body.times);
      if (times !== undefined) options.times = times;
      const injected = badInputAs400(() => simulator.injectFault(normalizeFault(body.fault as FaultInput), options));
      const { remaining } = injected;
      return {
        status: 201,
        body: {
          fault: injected.fault,
          sessionId: injected.sessionId,
          remaining: remaining === Infinity ? "Infinity" : remaining,
        },
      };
    }
  }
  throw new ControlError(404, `No control endpoint ${method} ${path}.`);
}

/** A Fetch API `Request` for a Node request, aborted when the client goes away. */
function toFetchRequest(request: IncomingMessage, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  // The sessions endpoint takes no body; a request with one is answered (405) without reading it.
  return new Request(new URL(request.url ?? "/", origin), { method: request.method ?? "GET", headers, signal });
}

async function writeFetchResponse(fetchResponse: Response, response: ServerResponse): Promise<void> {
  const body = Buffer.from(await fetchResponse.arrayBuffer());
  const headers: Record<string, string | number> = Object.fromEntries(fetchResponse.headers);
  headers["content-length"] = body.length;
  response.writeHead(fetchResponse.status, headers);
  response.end(body);
}

/**
 * Starts the simulator on a loopback HTTP server.
 *
 * ```ts
 * const mock = await startMockServer({ sessions: [{ scenario: "success" }] });
 * const maven = createMavenClient({ apiKey: MOCK_API_KEY, baseUrl: mock.url });
 * // ...
 * await mock.close();
 * ```
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { port: requestedPort = 0, host = "127.0.0.1", simulator: given, control = true, cors = false } = options;
  // Node reads an empty host as "every interface": an unset --host "$HOST" must not expose the mock.
  if (typeof host !== "string" || host.trim() === "") {
    throw new TypeError(`startMockServer: host must be a host name or address, got ${JSON.stringify(host)}.`);
  }
  const simulator = given ?? createMavenSimulator(options);
  const sockets = new Set<Socket>();
  const corsHeaders: Record<string, string> = cors
    ? { "access-control-allow-origin": "*", "access-control-expose-headers": EXPOSED_HEADERS }
    : {};
  let origin = "";

  const server = createServer((request, response) => {
    void serve(request, response).catch((error: unknown) => {
      // Only a bug in this file gets here; answer like a crashed server.
      console.error("@trymaven/mock/server:", error);
      if (!response.headersSent && !response.destroyed)
        sendJson(response, 500, { detail: "Internal Server Error" }, {});
      else response.destroy();
    });
  });

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? "GET";
    const path = (request.url ?? "/").split("?")[0]!;

    if (cors && method === "OPTIONS") {
      // Allow whatever headers the page's client sends (its own `headers` option included).
      const asked = request.headers["access-control-request-headers"];
      response.writeHead(204, {
        ...corsHeaders,
        "access-control-allow-methods": "GET, POST, PATCH, DELETE, OPTIONS",
        "access-control-allow-headers": asked ? asked : PREFLIGHT_HEADERS,
        "access-control-max-age": "600",
        vary: "Access-Control-Request-Headers",
      });
      response.end();
      return;
    }

    if (path.startsWith(CONTROL_PREFIX) && control) {
      const refusal = controlRefusal(request, method, { boundHost: host, ownOrigin: origin, cors });
      if (refusal) {
        sendJson(response, refusal.status, { detail: refusal.message }, corsHeaders);
        return;
      }
      try {
        const { status, body } = await handleControl(simulator, method, path, request);
        sendJson(response, status, body, corsHeaders);
      } catch (error) {
        if (!(error instanceof ControlError)) throw error;
        sendJson(response, error.status, { detail: error.message }, corsHeaders);
      }
      return;
    }

    if (FETCH_FORBIDDEN_METHODS.has(method.toUpperCase())) {
      sendJson(response, 405, { detail: "Method Not Allowed" }, { ...corsHeaders, allow: "GET" });
      return;
    }

    const aborter = new AbortController();
    // "close" also fires after a normal end; only an unfinished response means the client left.
    response.once("close", () => {
      if (!response.writableFinished) aborter.abort(new Error("The client closed the connection."));
    });
    const fetchResponse = await simulator.handle(toFetchRequest(request, origin, aborter.signal));
    if (response.destroyed || aborter.signal.aborted) return;
    if (fetchResponse.type === "error") {
      // A `reset` fault: drop the connection without a response.
      request.socket.destroy();
      return;
    }
    for (const [name, value] of Object.entries(corsHeaders)) response.setHeader(name, value);
    await writeFetchResponse(fetchResponse, response);
  }

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(requestedPort, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${formatHost(host)}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port,
    host,
    simulator,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
        sockets.clear();
      });
      return closing;
    },
  };
}

export type { MavenSimulator, MavenSimulatorOptions } from "./simulator.js";
