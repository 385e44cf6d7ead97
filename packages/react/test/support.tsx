import { StrictMode, type ReactNode } from "react";
import { act, cleanup } from "@testing-library/react";
import { QueryClient, QueryClientProvider, defaultScheduler, focusManager, notifyManager } from "@tanstack/react-query";
import { createMavenClient, type MavenClient, type MavenClientOptions, type Session } from "@trymaven/core";
import { makeSession, type SessionOverrides } from "@trymaven/mock";
import { http, HttpResponse, type JsonBodyType } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, vi } from "vitest";
import { MavenProvider } from "../src/index.js";

export const SESSION_A = "5b0f4f0e-6a43-4c55-9e1b-1f3f8a6f2c01";
export const SESSION_B = "9c2d7e11-3b8a-4f6d-8e0c-7a5b4c3d2e10";

/** A session for `SESSION_A` unless overridden. */
export function session(overrides: SessionOverrides = {}): Session {
  return makeSession({ session_id: SESSION_A, ...overrides });
}

export const server = setupServer();

// Captured before any test installs fake timers.
const realSetTimeout = globalThis.setTimeout;
const realTurn = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));

/**
 * One msw server per test file, failing on any request no handler expects; fake
 * timers (advanced by hand with `advance`); a clean focus state; and RTL cleanup
 * (it only registers itself when test globals are on, which they are not here).
 */
export function setupTestEnvironment(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  beforeEach(() => {
    vi.useFakeTimers();
    // react-query hands results to React on a zero-delay timer. A fake zero-delay timer set
    // while the fake clock is ticking is due 1 ms later (so `advance(ms)` would end just
    // before it); on the real clock it is delivered within `advance`, whatever the fake time.
    notifyManager.setScheduler((callback) => realSetTimeout(callback, 0));
  });
  afterEach(() => {
    cleanup();
    server.resetHandlers();
    focusManager.setFocused(undefined);
    notifyManager.setScheduler(defaultScheduler);
    vi.useRealTimers();
  });
  afterAll(() => server.close());
}

/**
 * Moves the fake clock by `ms`, inside `act`, then lets whatever that started
 * settle without moving the clock further: a request sent at the last instant
 * needs a few real turns of the event loop to get its response (msw streams the
 * body), and react-query's notifications to React wait on a zero-delay timer.
 */
export async function advance(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
    for (let turn = 0; turn < 10; turn++) {
      await realTurn();
      await vi.advanceTimersByTimeAsync(0);
    }
  });
}

export interface RecordedRequest {
  sessionId: string;
  /** Milliseconds since `serveSessions` was called, on the fake clock. */
  at: number;
  signal: AbortSignal;
}

export type Respond = (call: {
  sessionId: string;
  /** 1 for the first request for this id. */
  n: number;
  request: Request;
}) => Session | Response | Promise<Session | Response>;

/**
 * Serves `GET /api/maven/v1/sessions/:id` (what a browser client with
 * `baseUrl: "/api/maven"` asks for) and records every request.
 */
export function serveSessions(respond: Respond) {
  const requests: RecordedRequest[] = [];
  const start = Date.now();
  server.use(
    http.get("*/api/maven/v1/sessions/:sessionId", async ({ request, params }) => {
      const sessionId = String(params.sessionId);
      requests.push({ sessionId, at: Date.now() - start, signal: request.signal });
      const n = requests.filter((r) => r.sessionId === sessionId).length;
      const answer = await respond({ sessionId, n, request });
      return answer instanceof Response ? answer : HttpResponse.json(answer);
    }),
  );
  return {
    requests,
    count: (sessionId?: string) => requests.filter((r) => sessionId === undefined || r.sessionId === sessionId).length,
    times: () => requests.map((r) => r.at),
  };
}

/** Answers with the states in order, then keeps answering with the last one. */
export function sequence(...states: Session[]): Respond {
  return ({ n }) => states[Math.min(n, states.length) - 1] as Session;
}

/**
 * A session whose state the test sets, like the real API: every request gets
 * the state of the moment. Unlike `sequence`, not thrown off by a request that
 * was aborted (React 18's StrictMode mounts, unmounts and mounts again).
 */
export function liveSession(initial: Session) {
  let current = initial;
  const respond: Respond = () => current;
  return {
    respond,
    set: (next: Session) => {
      current = next;
    },
  };
}

/** Never answers; settles as a network error once the request is aborted, so msw has nothing to complain about. */
export const hang: Respond = ({ request }) =>
  new Promise<Response>((resolve) =>
    request.signal.addEventListener("abort", () => resolve(HttpResponse.error()), { once: true }),
  );

export function status(
  code: number,
  body: JsonBodyType = { detail: "error" },
  headers?: Record<string, string>,
): Response {
  return HttpResponse.json(body, { status: code, headers });
}

export interface Harness {
  queryClient: QueryClient;
  maven: MavenClient;
  wrapper: (props: { children: ReactNode }) => ReactNode;
}

/** A fresh QueryClient and a browser client behind the `/api/maven` proxy path, and a wrapper with both providers. */
export function createHarness(options: { strict?: boolean; client?: MavenClientOptions } = {}): Harness {
  const queryClient = new QueryClient();
  const maven = createMavenClient({ baseUrl: "/api/maven", ...options.client });
  const wrapper = ({ children }: { children: ReactNode }) => {
    const tree = (
      <QueryClientProvider client={queryClient}>
        <MavenProvider client={maven}>{children}</MavenProvider>
      </QueryClientProvider>
    );
    return options.strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
  return { queryClient, maven, wrapper };
}

/** Makes the page hidden or visible the way a browser does: `visibilityState` plus a `visibilitychange` event. */
export function setPageVisibility(state: DocumentVisibilityState): void {
  vi.spyOn(document, "visibilityState", "get").mockReturnValue(state);
  document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
}
