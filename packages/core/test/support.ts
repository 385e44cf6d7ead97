import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

export const API = "https://api.trymaven.com";
export const TEST_KEY = "mvn_test_0123456789abcdefghijklmnopqrstuv";
export const SESSION_ID = "3f1c2a9e-8b7d-4c6e-9a1f-2b3c4d5e6f70";

/** A body exactly as the API sends it for a live (non-terminal) Stripe session. */
export function sessionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    session_id: SESSION_ID,
    status: "collecting",
    is_terminal: false,
    processor: null,
    error: null,
    amount: "49.99",
    currency: "USD",
    mode: "charge",
    description: "Order #1042",
    caller: "+14155552671",
    project_slug: "acme-support",
    gateway: "stripe",
    callback: null,
    memory: null,
    transfer_status: null,
    created_at: "2026-11-26T10:00:00Z",
    updated_at: "2026-11-26T10:00:05Z",
    expires_at: "2026-11-26T10:15:00Z",
    completed_at: null,
    ...overrides,
  };
}

/** A `fetch` that answers every call with `sessionBody()` and keeps each request it was sent, for reading its headers. */
export function capturingFetch(): { requests: Request[]; fetch: typeof fetch } {
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (input, init) => {
      requests.push(new Request(input, init));
      return Response.json(sessionBody());
    },
  };
}

/** An msw server for one test file, failing on any request no handler expects. */
export function setupMswServer() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}
