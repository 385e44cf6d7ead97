import { render, renderHook } from "@testing-library/react";
import { AuthenticationError, NotFoundError, RateLimitError, type Session } from "@trymaven/core";
import { describe, expect, test, vi } from "vitest";
import { useSession } from "../src/index.js";
import {
  SESSION_A,
  advance,
  createHarness,
  sequence,
  serveSessions,
  session,
  setPageVisibility,
  status,
  setupTestEnvironment,
} from "./support.js";

setupTestEnvironment();

const pending = session({ status: "pending" });
const collecting = session({ status: "collecting" });
const succeeded = session({ status: "payment-success" });

describe("polling", () => {
  test("loads the session, then asks again every 3 s, measured from the last response", async () => {
    const api = serveSessions(sequence(pending));
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A), { wrapper });
    expect(result.current.session).toBeUndefined();
    expect(result.current.isPending).toBe(true);

    await advance(0);
    expect(result.current.session?.status).toBe("pending");
    expect(result.current.isTerminal).toBe(false);
    expect(result.current.isPolling).toBe(true);

    await advance(9_000);
    expect(api.times()).toEqual([0, 3_000, 6_000, 9_000]);
  });

  test("twenty components watching one session make one request per tick, even when mounted at different times", async () => {
    const api = serveSessions(sequence(pending));
    const { wrapper } = createHarness();
    function Watcher() {
      const { session } = useSession(SESSION_A);
      return <li>{session?.status ?? "loading"}</li>;
    }
    const many = (n: number) => Array.from({ length: n }, (_, i) => <Watcher key={i} />);
    const { rerender } = render(<ul>{many(10)}</ul>, { wrapper });
    await advance(0);
    expect(api.count()).toBe(1);

    await advance(1_000);
    rerender(<ul>{many(20)}</ul>);
    await advance(0);
    // The ten newcomers find fresh data: no fetch on mount.
    expect(api.count()).toBe(1);

    await advance(2_000);
    expect(api.count()).toBe(2);
    await advance(30_000);
    expect(api.count()).toBe(12);
    expect(api.times()).toEqual([
      0, 3_000, 6_000, 9_000, 12_000, 15_000, 18_000, 21_000, 24_000, 27_000, 30_000, 33_000,
    ]);
  });

  test("stops polling once the session is terminal, and fetches nothing after it", async () => {
    const api = serveSessions(sequence(pending, collecting, succeeded));
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A), { wrapper });
    await advance(6_000);
    expect(result.current.session?.status).toBe("payment-success");
    expect(result.current.isTerminal).toBe(true);
    expect(result.current.isPolling).toBe(false);
    expect(api.count()).toBe(3);

    await advance(120_000);
    setPageVisibility("hidden");
    setPageVisibility("visible");
    window.dispatchEvent(new Event("online"));
    await advance(1_000);
    expect(api.count()).toBe(3);
  });

  test("a terminal session loaded later by another component is not fetched again", async () => {
    const api = serveSessions(sequence(succeeded));
    const { wrapper } = createHarness();
    renderHook(() => useSession(SESSION_A), { wrapper });
    await advance(60_000);
    renderHook(() => useSession(SESSION_A), { wrapper });
    await advance(60_000);
    expect(api.count()).toBe(1);
  });

  test("stops once `until` holds, although the session is not terminal", async () => {
    const api = serveSessions(sequence(pending, collecting, succeeded));
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A, { retry: 0, until: (s) => s.status === "collecting" }), {
      wrapper,
    });
    await advance(3_000);
    expect(result.current.session?.status).toBe("collecting");
    expect(result.current.isPolling).toBe(false);
    await advance(60_000);
    expect(api.count()).toBe(2);
  });

  test("keeps polling a terminal session at `terminalIntervalMs` when asked (transfer_status changes late)", async () => {
    const transferred = session({ status: "payment-success", transfer_status: "completed" });
    const api = serveSessions(sequence(succeeded, succeeded, transferred));
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A, { terminalIntervalMs: 60_000 }), { wrapper });
    await advance(0);
    expect(result.current.isTerminal).toBe(true);
    expect(result.current.isPolling).toBe(true);
    await advance(59_000);
    expect(api.count()).toBe(1);
    await advance(1_000);
    expect(api.count()).toBe(2);
    await advance(60_000);
    expect(result.current.session?.transfer_status).toBe("completed");
    expect(api.times()).toEqual([0, 60_000, 120_000]);
  });

  test("pauses while the page is hidden and resumes with a fetch when it is visible again", async () => {
    const api = serveSessions(sequence(pending));
    const { wrapper } = createHarness();
    renderHook(() => useSession(SESSION_A), { wrapper });
    await advance(3_000);
    expect(api.count()).toBe(2);

    setPageVisibility("hidden");
    await advance(60_000);
    expect(api.count()).toBe(2);

    setPageVisibility("visible");
    await advance(0);
    expect(api.count()).toBe(3);
    await advance(3_000);
    expect(api.count()).toBe(4);
  });

  test("polls in a hidden page when `pollInBackground` is set", async () => {
    const api = serveSessions(sequence(pending));
    const { wrapper } = createHarness();
    renderHook(() => useSession(SESSION_A, { pollInBackground: true }), { wrapper });
    await advance(0);
    setPageVisibility("hidden");
    await advance(9_000);
    expect(api.count()).toBe(4);
  });

  test("keeps polling a hidden page through a failure when `pollInBackground` is set (bug: a retry there waited for the page to be visible)", async () => {
    const api = serveSessions(({ n }) => (n === 1 ? pending : n === 2 ? status(503) : succeeded));
    const onTerminal = vi.fn();
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A, { pollInBackground: true, onTerminal }), { wrapper });
    await advance(0);
    setPageVisibility("hidden");
    await advance(60_000);
    // The failed poll at 3 s is not retried in place: the next poll, after the backoff, asks again.
    expect(api.times()).toEqual([0, 3_000, 6_000]);
    expect(result.current.session?.status).toBe("payment-success");
    expect(onTerminal).toHaveBeenCalledTimes(1);
  });

  test("honours `intervalMs`", async () => {
    const api = serveSessions(sequence(pending));
    const { wrapper } = createHarness();
    renderHook(() => useSession(SESSION_A, { intervalMs: 10_000 }), { wrapper });
    await advance(30_000);
    expect(api.times()).toEqual([0, 10_000, 20_000, 30_000]);
  });

  test("does not fetch while disabled or without an id", async () => {
    const api = serveSessions(sequence(pending));
    const { wrapper } = createHarness();
    const { result, rerender } = renderHook(
      ({ id, enabled }: { id: string | null; enabled: boolean }) => useSession(id, { enabled }),
      { wrapper, initialProps: { id: null as string | null, enabled: true } },
    );
    await advance(10_000);
    expect(result.current.isPolling).toBe(false);
    rerender({ id: SESSION_A, enabled: false });
    await advance(10_000);
    expect(api.count()).toBe(0);
    expect(result.current.isPolling).toBe(false);
    rerender({ id: SESSION_A, enabled: true });
    await advance(0);
    expect(api.count()).toBe(1);
    expect(result.current.isPolling).toBe(true);
  });
});

describe("failures", () => {
  test("retries a 503 inside react-query only, with core's backoff, and keeps backing off between polls", async () => {
    const api = serveSessions(() => status(503));
    // The client's own retries would multiply react-query's; the hook turns them off per request.
    const { wrapper } = createHarness({ client: { maxRetries: 5 } });
    const { result } = renderHook(() => useSession(SESSION_A), { wrapper });

    await advance(8_999);
    // One request, then retries after 3 s and 6 s: never 1 + 5 client retries per attempt.
    expect(api.times()).toEqual([0, 3_000]);
    await advance(1);
    expect(api.times()).toEqual([0, 3_000, 9_000]);
    expect(result.current.error?.name).toBe("InternalServerError");
    expect(result.current.isPolling).toBe(true);

    // Failed requests in a row: the wait doubles from 3 s per failure up to 30 s.
    await advance(120_000);
    expect(api.times()).toEqual([0, 3_000, 9_000, 21_000, 45_000, 75_000, 105_000]);
  });

  test("a 503 while polling is retried after the backoff, then polling returns to its interval", async () => {
    const api = serveSessions(({ n }) => (n === 2 ? status(503) : pending));
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A), { wrapper });
    await advance(12_000);
    expect(api.times()).toEqual([0, 3_000, 6_000, 9_000, 12_000]);
    expect(result.current.error).toBeNull();
    expect(result.current.session?.status).toBe("pending");
  });

  test("waits as long as a 429's Retry-After asks before asking again", async () => {
    const api = serveSessions(({ n }) =>
      n === 2 ? status(429, { detail: "slow down" }, { "retry-after": "10" }) : pending,
    );
    const { wrapper } = createHarness();
    renderHook(() => useSession(SESSION_A), { wrapper });
    await advance(16_000);
    expect(api.times()).toEqual([0, 3_000, 13_000, 16_000]);
  });

  test("focus and reconnect wait out a 429's Retry-After, as polling does (bug: they asked at once)", async () => {
    const api = serveSessions(({ n }) =>
      n === 1 ? status(429, { detail: "slow down" }, { "retry-after": "60" }) : pending,
    );
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A, { retry: 0 }), { wrapper });
    await advance(5_000);
    expect(result.current.error).toBeInstanceOf(RateLimitError);
    setPageVisibility("hidden");
    setPageVisibility("visible");
    await advance(0);
    expect(api.times()).toEqual([0]);
    window.dispatchEvent(new Event("offline"));
    window.dispatchEvent(new Event("online"));
    await advance(0);
    expect(api.times()).toEqual([0]);
    await advance(55_000);
    expect(api.times()).toEqual([0, 60_000]);
    expect(result.current.session?.status).toBe("pending");
  });

  test("focus, reconnect and another component mounting wait out the backoff after a failed poll (bug: they asked at once)", async () => {
    const api = serveSessions(({ n }) => (n === 1 ? pending : n < 4 ? status(503) : collecting));
    const { wrapper } = createHarness();
    renderHook(() => useSession(SESSION_A, { retry: 0 }), { wrapper });
    // Polls at 3 s and 6 s fail: the next one waits 6 s, until 12 s.
    await advance(7_000);
    expect(api.times()).toEqual([0, 3_000, 6_000]);
    setPageVisibility("hidden");
    setPageVisibility("visible");
    await advance(0);
    expect(api.count()).toBe(3);
    window.dispatchEvent(new Event("offline"));
    window.dispatchEvent(new Event("online"));
    await advance(0);
    expect(api.count()).toBe(3);
    const { result: later } = renderHook(() => useSession(SESSION_A, { retry: 0 }), { wrapper });
    await advance(0);
    expect(api.count()).toBe(3);
    expect(later.current.session?.status).toBe("pending");
    await advance(5_000);
    expect(api.times()).toEqual([0, 3_000, 6_000, 12_000]);
    expect(later.current.session?.status).toBe("collecting");
  });

  test("once `until` holds, a focus refresh that got a 429 is not asked again on focus before its Retry-After", async () => {
    const api = serveSessions(({ n }) =>
      n === 2 ? status(429, { detail: "slow down" }, { "retry-after": "60" }) : collecting,
    );
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A, { retry: 0, until: (s) => s.status === "collecting" }), {
      wrapper,
    });
    const focus = async () => {
      setPageVisibility("hidden");
      setPageVisibility("visible");
      await advance(0);
    };
    await advance(10_000);
    await focus();
    expect(api.times()).toEqual([0, 10_000]);
    expect(result.current.error).toBeInstanceOf(RateLimitError);
    await advance(5_000);
    await focus();
    expect(api.count()).toBe(2);
    await advance(55_000);
    await focus();
    expect(api.times()).toEqual([0, 10_000, 70_000]);
  });

  test("a 404 stops for good: no retry, no poll, no refetch on focus or reconnect", async () => {
    const api = serveSessions(() => status(404, { detail: "Session not found" }));
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A), { wrapper });
    await advance(0);
    expect(result.current.error).toBeInstanceOf(NotFoundError);
    expect(result.current.isPolling).toBe(false);

    await advance(120_000);
    setPageVisibility("hidden");
    setPageVisibility("visible");
    window.dispatchEvent(new Event("online"));
    await advance(60_000);
    expect(api.count()).toBe(1);
  });

  test("a 401 while polling stops polling and keeps the last session", async () => {
    const api = serveSessions(({ n }) => (n === 1 ? pending : status(401, { detail: "Invalid API key" })));
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A), { wrapper });
    await advance(3_000);
    expect(result.current.error).toBeInstanceOf(AuthenticationError);
    expect(result.current.session?.status).toBe("pending");
    expect(result.current.isPolling).toBe(false);
    await advance(60_000);
    expect(api.count()).toBe(2);
  });

  test("a session id that is not a UUID is an error, without any request or polling", async () => {
    const api = serveSessions(sequence(pending));
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession("not-a-uuid"), { wrapper });
    await advance(60_000);
    expect(result.current.error?.message).toMatch(/Invalid session id/);
    expect(result.current.isPolling).toBe(false);
    expect(api.count()).toBe(0);
  });

  test("a body that breaks the contract is shown as an error and polling carries on", async () => {
    const broken = { ...pending, amount: 12.5 } as unknown as Session;
    const api = serveSessions(({ n }) => (n === 1 ? broken : pending));
    const { wrapper } = createHarness();
    const { result } = renderHook(() => useSession(SESSION_A), { wrapper });
    await advance(0);
    expect(result.current.error?.name).toBe("ResponseValidationError");
    expect(result.current.isPolling).toBe(true);
    await advance(3_000);
    expect(result.current.session?.status).toBe("pending");
    expect(api.count()).toBe(2);
  });
});
