/**
 * The component test in @trymaven/mock's README ("In jsdom or happy-dom"), run as a user writes it: the
 * handlers at the proxy's path, the client with that path and no key, the card in the user's providers,
 * fake timers that still let Testing Library's findBy* wait. If this fails, the README's recipe does.
 */
import "@testing-library/jest-dom/vitest";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen } from "@testing-library/react";
import { createMavenClient } from "@trymaven/core";
import { createMavenHandlers, createMavenSimulator, scenarios } from "@trymaven/mock";
import { setupServer } from "msw/node";
import { useState, type ReactNode } from "react";
import { afterAll, afterEach, beforeAll, expect, it, vi } from "vitest";
import { MavenProvider, SessionCard, useSession } from "../../src/index.js";

const handlers = createMavenHandlers({ baseUrl: "/api/maven" }); // a relative base: no auth, any origin
const simulator = handlers.simulator;
const server = setupServer(...handlers);

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  cleanup();
  server.resetHandlers();
  simulator.reset();
  vi.useRealTimers();
});
afterAll(() => server.close());

function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  const [maven] = useState(() => createMavenClient({ baseUrl: "/api/maven" }));
  return (
    <QueryClientProvider client={queryClient}>
      <MavenProvider client={maven}>{children}</MavenProvider>
    </QueryClientProvider>
  );
}

it("shows a declined payment (the README's example)", async () => {
  vi.useFakeTimers({ shouldAdvanceTime: true }); // so Testing Library's findBy* still wait
  const { session_id } = simulator.addSession({ scenario: "declined" });
  render(<SessionCard sessionId={session_id} />, { wrapper: Providers });
  await vi.advanceTimersByTimeAsync(10_000);
  expect(await screen.findByText("Payment failed")).toBeInTheDocument();
  // It played to its end, not a fixture: the decline's code is on the card.
  expect(screen.getByText(/card_declined/)).toBeInTheDocument();
});

it("plays straight to the end with timeScale: 0, on real timers", async () => {
  simulator.addSession({ scenario: "success", timeScale: 0 });
  render(<SessionCard sessionId={scenarios.success.sessionId} />, { wrapper: Providers });
  expect(await screen.findByText("Payment succeeded")).toBeInTheDocument();
});

it("has a failure in failureReason while it is retried, and in error once retries are off (the React README)", async () => {
  const seen: Array<[isError: boolean, reason: string | undefined]> = [];
  function Status({ retry }: { retry: number }) {
    const { isError, failureReason } = useSession(scenarios.success.sessionId, { retry });
    seen.push([isError, failureReason?.name]);
    return <p>{isError ? "failed" : "waiting"}</p>;
  }
  simulator.addSession({ scenario: "success" });
  simulator.injectFault(503, { times: 1 });
  render(<Status retry={2} />, { wrapper: Providers });
  await vi.waitFor(() => expect(seen.some(([, reason]) => reason === "InternalServerError")).toBe(true));
  expect(seen.every(([isError]) => !isError)).toBe(true);
  cleanup();

  simulator.injectFault(503, { times: 1 });
  render(<Status retry={0} />, { wrapper: Providers });
  expect(await screen.findByText("failed")).toBeInTheDocument();
});

it("warns when a simulator of your own that requires a key is served at the proxy's path", () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  createMavenHandlers({ simulator: createMavenSimulator(), baseUrl: "/api/maven" });
  expect(warn).toHaveBeenCalledWith(expect.stringContaining("requireAuth: false"));
  warn.mockClear();
  createMavenHandlers({ simulator: createMavenSimulator({ requireAuth: false }), baseUrl: "/api/maven" });
  expect(warn).not.toHaveBeenCalled();
});
