import { Suspense } from "react";
import { render, screen } from "@testing-library/react";
import { QueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { createMavenClient } from "@trymaven/core";
import { describe, expect, test } from "vitest";
import { sessionQueryKey, sessionQueryOptions, useMavenClient } from "../src/index.js";
import {
  SESSION_A,
  advance,
  createHarness,
  sequence,
  serveSessions,
  session,
  status,
  setupTestEnvironment,
} from "./support.js";

setupTestEnvironment();

describe("sessionQueryKey", () => {
  test('is ["maven", "session", id] with the id lowercased', () => {
    expect(sessionQueryKey(SESSION_A)).toEqual(["maven", "session", SESSION_A]);
    expect(sessionQueryKey(SESSION_A.toUpperCase())).toEqual(["maven", "session", SESSION_A]);
  });
});

describe("sessionQueryOptions", () => {
  const maven = createMavenClient({ baseUrl: "/api/maven" });

  test("carries the key, and polling that pauses in hidden pages by default", () => {
    const options = sessionQueryOptions(maven, SESSION_A);
    expect(options.queryKey).toEqual(sessionQueryKey(SESSION_A));
    expect(options.refetchIntervalInBackground).toBe(false);
    expect(sessionQueryOptions(maven, SESSION_A, { pollInBackground: true }).refetchIntervalInBackground).toBe(true);
  });

  test.each([
    [{ intervalMs: 0 }, /intervalMs must be a positive number/],
    [{ maxIntervalMs: -1 }, /maxIntervalMs must be a positive number/],
    [{ terminalIntervalMs: Number.NaN }, /terminalIntervalMs must be a positive number/],
    // Beyond what a timer can wait, react-query's interval would fire every millisecond: a request storm.
    [{ intervalMs: 2 ** 31 }, /intervalMs must be a positive number no larger than 2147483647, got 2147483648/],
    [{ maxIntervalMs: Number.POSITIVE_INFINITY }, /maxIntervalMs must be a positive number/],
    [{ retry: 1.5 }, /retry must be a whole number/],
    [{ timeoutMs: 0 }, /timeoutMs must be a positive number/],
  ])("rejects %o with a message", (options, message) => {
    expect(() => sessionQueryOptions(maven, SESSION_A, options)).toThrow(message);
  });

  test("fetchQuery makes 1 + `retry` requests for a persistent 503, never more", async () => {
    const api = serveSessions(() => status(503));
    const queryClient = new QueryClient();
    const client = createMavenClient({ baseUrl: "/api/maven", maxRetries: 4 });
    const outcome = queryClient.fetchQuery(sessionQueryOptions(client, SESSION_A, { retry: 1 })).catch((e: Error) => e);
    await advance(60_000);
    expect(await outcome).toMatchObject({ name: "InternalServerError", status: 503 });
    expect(api.times()).toEqual([0, 3_000]);
  });

  test("timeoutMs bounds each request (a server prefetch need not wait for a hung upstream), retried per `retry`", async () => {
    // Never answers: each request waits until the client gives up on it.
    const api = serveSessions(
      ({ request }) =>
        new Promise<Response>((resolve) =>
          request.signal.addEventListener("abort", () => resolve(status(503)), { once: true }),
        ),
    );
    const queryClient = new QueryClient();
    const client = createMavenClient({ baseUrl: "/api/maven" });
    const outcome = queryClient
      .fetchQuery(sessionQueryOptions(client, SESSION_A, { timeoutMs: 1_000, retry: 1 }))
      .catch((e: Error) => e);
    await advance(30_000);
    expect(await outcome).toMatchObject({
      name: "APIConnectionTimeoutError",
      message: "Request timed out after 1000 ms.",
    });
    // 1 s, the 3 s backoff, 1 s: not the client's own 10 s per request.
    expect(api.times()).toEqual([0, 4_000]);
  });

  test("works with useSuspenseQuery, which keeps polling", async () => {
    const api = serveSessions(sequence(session({ status: "pending" }), session({ status: "collecting" })));
    function Status() {
      const maven = useMavenClient();
      const { data } = useSuspenseQuery(sessionQueryOptions(maven, SESSION_A));
      return <p>{data.status}</p>;
    }
    const { wrapper } = createHarness();
    render(
      <Suspense fallback={<p>loading</p>}>
        <Status />
      </Suspense>,
      { wrapper },
    );
    expect(screen.getByText("loading")).toBeTruthy();
    await advance(0);
    expect(screen.getByText("pending")).toBeTruthy();
    await advance(3_000);
    expect(screen.getByText("collecting")).toBeTruthy();
    expect(api.count()).toBe(2);
  });
});
