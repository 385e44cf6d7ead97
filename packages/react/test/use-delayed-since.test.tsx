import { act, render, renderHook, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider, hashKey } from "@tanstack/react-query";
import { createMavenClient } from "@trymaven/core";
import { HttpResponse } from "msw";
import { version, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, test, vi } from "vitest";
import { MavenProvider, sessionQueryKey, sessionQueryOptions, useDelayedSince, useSession } from "../src/index.js";
import {
  SESSION_A,
  SESSION_B,
  advance,
  createHarness,
  serveSessions,
  session,
  setupTestEnvironment,
} from "./support.js";

setupTestEnvironment();

const collecting = session({ status: "collecting" });

/**
 * A `createSessionHandler` proxy's answers: the same copy, fetched at `fetchedAt()`, with its `Age` in whole
 * seconds (for SESSION_B, always fresh).
 */
function proxy(fetchedAt: () => number) {
  return serveSessions(({ sessionId }) =>
    HttpResponse.json(session({ session_id: sessionId, status: "collecting" }), {
      headers: {
        age: sessionId === SESSION_A ? String(Math.floor((Date.now() - fetchedAt()) / 1000)) : "0",
        "x-maven-cache": "stale",
      },
    }),
  );
}

/** Follows a session, as a card would. */
function Follower({ id }: { id: string }) {
  useSession(id, { intervalMs: 3_000 });
  return null;
}

/** Reads `useDelayedSince` alone, and records each render. */
function Reader({ id, renders = [] }: { id: string | null; renders?: string[] }) {
  const since = useDelayedSince(id);
  renders.push(since === undefined ? "live" : new Date(since).toISOString());
  return <p>{since === undefined ? "Live" : `Delayed since ${new Date(since).toISOString()}`}</p>;
}

describe("useDelayedSince", () => {
  test("is undefined while answers are fresh, the copy's fetch time from one 30 s old, until 90 s pass without another, rendering once per change", async () => {
    vi.setSystemTime(Date.parse("2026-11-24T16:00:00.000Z"));
    // The proxy keeps one copy; then, busy no more, refreshes it every 15 s.
    let fetchedAt = () => Date.parse("2026-11-24T16:00:00.000Z");
    const api = proxy(() => fetchedAt());
    const { wrapper } = createHarness();
    const renders: string[] = [];
    render(
      <>
        <Follower id={SESSION_A} />
        <Reader id={SESSION_A} renders={renders} />
      </>,
      { wrapper },
    );
    await advance(0);
    expect(screen.getByText("Live")).toBeTruthy();

    // Polls 3 s apart get the kept copy with Age 3, 6, … 30.
    await advance(30_000);
    expect(screen.getByText("Delayed since 2026-11-24T16:00:00.000Z")).toBeTruthy();
    const lastOld = Date.now();
    fetchedAt = () => lastOld + Math.floor((Date.now() - lastOld) / 15_000) * 15_000;

    // Fresher copies: still delayed, as of the one on screen, until 90 s after the last old one.
    await advance(3_000);
    expect(screen.getByText("Delayed since 2026-11-24T16:00:30.000Z")).toBeTruthy();
    for (let poll = 0; poll < 28; poll++) await advance(3_000);
    expect(screen.getByText("Delayed since 2026-11-24T16:01:45.000Z")).toBeTruthy();
    await advance(3_000);
    expect(Date.now() - lastOld).toBe(90_000);
    expect(screen.getByText("Live")).toBeTruthy();
    expect(api.count()).toBe(41);
    // A render per change, not one per poll (41). (React 18 renders each change twice.)
    const changes = renders.filter((value, index) => value !== renders[index - 1]);
    expect(changes).toEqual([
      "live",
      "2026-11-24T16:00:00.000Z",
      "2026-11-24T16:00:30.000Z",
      "2026-11-24T16:00:45.000Z",
      "2026-11-24T16:01:00.000Z",
      "2026-11-24T16:01:15.000Z",
      "2026-11-24T16:01:30.000Z",
      "2026-11-24T16:01:45.000Z",
      "live",
    ]);
    expect(renders.length).toBeLessThanOrEqual(version.startsWith("18.") ? 2 * changes.length : changes.length);
  });

  test("sees a query made after it first rendered, such as a prefetch", async () => {
    vi.setSystemTime(Date.parse("2026-11-24T16:00:00.000Z"));
    proxy(() => Date.parse("2026-11-24T15:58:00.000Z"));
    const { wrapper, queryClient, maven } = createHarness();
    const { result } = renderHook(() => useDelayedSince(SESSION_A), { wrapper });
    expect(result.current).toBeUndefined();
    await act(() => queryClient.fetchQuery(sessionQueryOptions(maven, SESSION_A)));
    expect(result.current).toBe(Date.parse("2026-11-24T15:58:00.000Z"));
  });

  test("reads its own session (the id in any case), under a QueryClient that hashes keys its own way too", async () => {
    vi.setSystemTime(Date.parse("2026-11-24T16:00:00.000Z"));
    proxy(() => Date.parse("2026-11-24T15:59:00.000Z"));
    const queryClient = new QueryClient({
      defaultOptions: { queries: { queryKeyHashFn: (key) => `custom:${hashKey(key)}` } },
    });
    const maven = createMavenClient({ baseUrl: "/api/maven" });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <MavenProvider client={maven}>{children}</MavenProvider>
      </QueryClientProvider>
    );
    render(
      <>
        <Follower id={SESSION_A} />
        <Follower id={SESSION_B} />
        <Reader id={SESSION_A} />
        <Reader id={SESSION_B} />
        <Reader id={SESSION_A.toUpperCase()} />
        <Reader id={null} />
      </>,
      { wrapper },
    );
    await advance(0);
    expect(queryClient.getQueryCache().getAll()[0]!.queryHash).toMatch(/^custom:/);
    expect(screen.getAllByRole("paragraph").map((p) => p.textContent)).toEqual([
      "Delayed since 2026-11-24T15:59:00.000Z",
      "Live",
      "Delayed since 2026-11-24T15:59:00.000Z",
      "Live",
    ]);
  });

  test("is undefined in a server render, even over a delayed copy", async () => {
    vi.setSystemTime(Date.parse("2026-11-24T16:00:00.000Z"));
    proxy(() => Date.parse("2026-11-24T15:58:00.000Z"));
    const { queryClient, maven } = createHarness();
    await queryClient.fetchQuery(sessionQueryOptions(maven, SESSION_A));
    function Since() {
      return <p>{String(useDelayedSince(SESSION_A))}</p>;
    }
    const tree = (
      <QueryClientProvider client={queryClient}>
        <Since />
      </QueryClientProvider>
    );
    expect(renderToString(tree)).toBe("<p>undefined</p>");
    expect(render(tree).container.textContent).toBe(String(Date.parse("2026-11-24T15:58:00.000Z")));
  });

  test("without a QueryClientProvider, says so", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => renderHook(() => useDelayedSince(SESSION_A))).toThrow(/No QueryClient set, use QueryClientProvider/);
  });

  test("is undefined with a client of your own that does not report its responses", async () => {
    const queryClient = new QueryClient();
    const mine = { baseUrl: "/mine", sessions: { get: async () => collecting, poll: vi.fn(), watch: vi.fn() } };
    await queryClient.fetchQuery(sessionQueryOptions(mine, collecting.session_id));
    const { result } = renderHook(() => useDelayedSince(collecting.session_id), {
      wrapper: ({ children }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>,
    });
    expect(queryClient.getQueryData(sessionQueryKey(collecting.session_id))).toEqual(collecting);
    expect(result.current).toBeUndefined();
  });
});
