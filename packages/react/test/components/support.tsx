/** Helpers for the component tests: RTL cleanup, jest-dom matchers, axe, and a connected-card harness. */
import "@testing-library/jest-dom/vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup } from "@testing-library/react";
import { createMavenClient, type Session } from "@trymaven/core";
import axe from "axe-core";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { MavenProvider } from "../../src/index.js";

/** RTL only auto-cleans with test globals on; they are off here. */
export function cleanupAfterEach(): void {
  afterEach(() => cleanup());
}

/** Runs axe on `element` with every rule but colour contrast (jsdom has no layout or computed colours). */
export async function expectNoAxeViolations(element: Element): Promise<void> {
  const results = await axe.run(element, { rules: { "color-contrast": { enabled: false } } });
  const summary = results.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.html).join(" | ")})`,
  );
  expect(summary).toEqual([]);
}

export const server = setupServer();

/** One msw server per file that fails on any request nobody expected. */
export function listenWithMockServer(): void {
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

export type Answer = Session | Response | (() => Session | Response | Promise<Session | Response>);

/**
 * Serves `GET /api/maven/v1/sessions/:id` with the answers in order (the last repeats) and
 * counts the requests.
 */
export function serve(...answers: Answer[]): { count: () => number } {
  let calls = 0;
  server.use(
    http.get("*/api/maven/v1/sessions/:sessionId", async () => {
      const answer = answers[Math.min(calls, answers.length - 1)]!;
      calls++;
      const value = typeof answer === "function" ? await answer() : answer;
      return value instanceof Response ? value : HttpResponse.json(value);
    }),
  );
  return { count: () => calls };
}

/**
 * A fresh QueryClient (retries off unless asked: the client's own retries are what is tested) and a
 * browser client behind `/api/maven`, as a wrapper for `render`.
 */
export function harness(options: { timeoutMs?: number } = {}) {
  const queryClient = new QueryClient();
  const maven = createMavenClient({ baseUrl: "/api/maven", maxRetries: 0, timeoutMs: options.timeoutMs ?? 5000 });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <MavenProvider client={maven}>{children}</MavenProvider>
    </QueryClientProvider>
  );
  return { queryClient, maven, wrapper };
}
