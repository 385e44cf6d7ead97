/**
 * The mock's `/__mock/` control endpoints over HTTP, from a Node test worker or from the browser page
 * alike (plain `fetch`, no Node built-ins). Every helper here is scoped to one session id: the suite's
 * files run in parallel against one server, so nothing here resets or clears anything global.
 */
import type { Session } from "@trymaven/core";
import type { FaultInput, MavenSimulatorStats, RecordedRequest, ScenarioName } from "@trymaven/mock";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of this project's `@trymaven/mock` loopback server, e.g. `http://127.0.0.1:41234`. */
    mockUrl: string;
  }
}

export interface MockControl {
  readonly url: string;
  /** Adds a scenario session under a fresh id; it moves one step per answered request. Resolves with its first state. */
  addScenario(scenario?: ScenarioName, options?: { sessionId?: string }): Promise<Session>;
  /** Adds a static session (validated by the mock against the contract). */
  addSession(session: Session): Promise<Session>;
  /** Queues a fault for this session only. */
  injectFault(sessionId: string, fault: FaultInput, times?: number): Promise<void>;
  /** Every request the mock recorded for this session, oldest first. */
  requests(sessionId: string): Promise<RecordedRequest[]>;
  /** The session's true current state, from the mock's side. */
  session(sessionId: string): Promise<Session>;
  stats(): Promise<MavenSimulatorStats>;
}

export function mockControl(url: string): MockControl {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${url}/__mock/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`mock control ${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  return {
    url,
    addScenario: (scenario = "success", { sessionId = crypto.randomUUID() } = {}) =>
      call<Session>("POST", "sessions", { scenario, sessionId, advanceBy: "request" }),
    addSession: (session) => call<Session>("POST", "sessions", session),
    injectFault: (sessionId, fault, times = 1) => call<void>("POST", "faults", { fault, sessionId, times }),
    requests: async (sessionId) =>
      (await call<RecordedRequest[]>("GET", "requests")).filter((request) => request.sessionId === sessionId),
    session: async (sessionId) => {
      const found = (await call<Session[]>("GET", "sessions")).find((session) => session.session_id === sessionId);
      if (!found) throw new Error(`mock control: no session ${sessionId}`);
      return found;
    },
    stats: () => call<MavenSimulatorStats>("GET", "stats"),
  };
}
