import { StrictMode } from "react";
import { render, renderHook, screen } from "@testing-library/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMavenClient, type Session } from "@trymaven/core";
import { describe, expect, test, vi } from "vitest";
import { MavenProvider, sessionQueryKey, useMavenClient, useSession, type UseSessionOptions } from "../src/index.js";
import {
  SESSION_A,
  SESSION_B,
  advance,
  createHarness,
  hang,
  liveSession,
  sequence,
  serveSessions,
  session,
  setupTestEnvironment,
  status,
} from "./support.js";

setupTestEnvironment();

const pending = session({ status: "pending" });
const collecting = session({ status: "collecting" });
const succeeded = session({ status: "payment-success" });

function Watcher({ id, ...options }: { id: string } & UseSessionOptions) {
  const { session } = useSession(id, options);
  return <p>{session?.status ?? "loading"}</p>;
}

describe("misuse", () => {
  // React logs the error it rethrows; keep the output readable.
  const quietly = () => vi.spyOn(console, "error").mockImplementation(() => {});

  test("useSession outside <MavenProvider> says what to wrap", () => {
    quietly();
    const queryClient = new QueryClient();
    expect(() =>
      renderHook(() => useSession(SESSION_A), {
        wrapper: ({ children }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>,
      }),
    ).toThrow(
      /useSession\(\) needs a <MavenProvider client=\{createMavenClient\(\{ baseUrl: "\/api\/maven" \}\)\}> above it/,
    );
  });

  test("useMavenClient outside <MavenProvider> names itself", () => {
    quietly();
    expect(() => renderHook(() => useMavenClient())).toThrow(/useMavenClient\(\) needs a <MavenProvider/);
  });

  test("useSession without a QueryClientProvider says so", () => {
    quietly();
    const maven = createMavenClient({ baseUrl: "/api/maven" });
    expect(() =>
      renderHook(() => useSession(SESSION_A), {
        wrapper: ({ children }) => <MavenProvider client={maven}>{children}</MavenProvider>,
      }),
    ).toThrow(/useSession\(\) needs a <QueryClientProvider> from "@tanstack\/react-query"/);
  });

  test("<MavenProvider> without a client says what to pass", () => {
    quietly();
    // An untyped caller, as from plain JavaScript.
    const Provider = MavenProvider as (props: { client?: unknown }) => ReturnType<typeof MavenProvider>;
    expect(() => render(<Provider />)).toThrow(/<MavenProvider> needs a client: pass client=\{createMavenClient/);
  });

  test("useMavenClient returns the provider's client", () => {
    const { wrapper, maven } = createHarness();
    const { result } = renderHook(() => useMavenClient(), { wrapper });
    expect(result.current).toBe(maven);
  });
});

describe("onTerminal", () => {
  test("fires exactly once under StrictMode, and not again after a remount", async () => {
    const api = liveSession(pending);
    serveSessions(api.respond);
    const onTerminal = vi.fn();
    const { wrapper } = createHarness({ strict: true });
    const first = render(<Watcher id={SESSION_A} onTerminal={onTerminal} />, { wrapper });
    await advance(0);
    api.set(collecting);
    await advance(3_000);
    expect(onTerminal).not.toHaveBeenCalled();
    api.set(succeeded);
    await advance(3_000);
    expect(screen.getByText("payment-success")).toBeTruthy();
    expect(onTerminal).toHaveBeenCalledTimes(1);
    expect(onTerminal).toHaveBeenCalledWith(expect.objectContaining({ status: "payment-success" }));

    first.unmount();
    render(<Watcher id={SESSION_A} onTerminal={onTerminal} />, { wrapper });
    await advance(30_000);
    expect(onTerminal).toHaveBeenCalledTimes(1);
  });

  test("fires once when the session is already terminal on first load", async () => {
    serveSessions(sequence(succeeded));
    const onTerminal = vi.fn();
    const { wrapper } = createHarness({ strict: true });
    render(<Watcher id={SESSION_A} onTerminal={onTerminal} />, { wrapper });
    await advance(0);
    expect(onTerminal).toHaveBeenCalledTimes(1);
  });

  test("fires in one place when several hooks watch the same session", async () => {
    serveSessions(sequence(pending, succeeded));
    const first = vi.fn();
    const second = vi.fn();
    const { wrapper } = createHarness();
    render(
      <>
        <Watcher id={SESSION_A} onTerminal={first} />
        <Watcher id={SESSION_A} onTerminal={second} />
      </>,
      { wrapper },
    );
    await advance(3_000);
    expect(first.mock.calls.length + second.mock.calls.length).toBe(1);
  });

  test("calls the latest callback, not the one from the first render", async () => {
    serveSessions(sequence(pending, succeeded));
    const stale = vi.fn();
    const latest = vi.fn();
    const { wrapper } = createHarness();
    const { rerender } = render(<Watcher id={SESSION_A} onTerminal={stale} />, { wrapper });
    await advance(0);
    rerender(<Watcher id={SESSION_A} onTerminal={latest} />);
    await advance(3_000);
    expect(stale).not.toHaveBeenCalled();
    expect(latest).toHaveBeenCalledTimes(1);
  });
});

describe("onStatusChange", () => {
  test("fires on real status transitions only: not on first load, not for other fields", async () => {
    const api = liveSession(pending);
    serveSessions(api.respond);
    const onStatusChange = vi.fn<(session: Session, previous: Session) => void>();
    const { wrapper } = createHarness({ strict: true });
    render(<Watcher id={SESSION_A} onStatusChange={onStatusChange} />, { wrapper });
    await advance(0);
    api.set({ ...pending, updated_at: "2026-11-24T15:30:05.000Z" });
    await advance(3_000);
    expect(onStatusChange).not.toHaveBeenCalled();
    api.set(collecting);
    await advance(3_000);
    await advance(3_000);
    api.set(succeeded);
    await advance(3_000);
    expect(onStatusChange.mock.calls.map(([now, before]) => [before.status, now.status])).toEqual([
      ["pending", "collecting"],
      ["collecting", "payment-success"],
    ]);
  });

  test("a callback that throws is reported, and the other components and callbacks still get the update", async () => {
    const api = liveSession(pending);
    serveSessions(api.respond);
    const reported = vi.spyOn(console, "error").mockImplementation(() => {});
    const onTerminal = vi.fn();
    const failure = new Error("analytics down");
    const { wrapper } = createHarness();
    render(
      <>
        <Watcher
          id={SESSION_A}
          onStatusChange={() => {
            throw failure;
          }}
          onTerminal={onTerminal}
        />
        <Watcher id={SESSION_A} />
      </>,
      { wrapper },
    );
    await advance(0);
    expect(screen.getAllByText("pending")).toHaveLength(2);
    // One batch of notifications: the throwing onStatusChange, then onTerminal and the other component.
    api.set(succeeded);
    await advance(3_000);
    expect(screen.getAllByText("payment-success")).toHaveLength(2);
    expect(onTerminal).toHaveBeenCalledTimes(1);
    expect(reported).toHaveBeenCalledWith(failure);
    reported.mockRestore();
  });

  test("does not fire when switching to another session", async () => {
    serveSessions(({ sessionId }) =>
      sessionId === SESSION_A ? pending : session({ session_id: SESSION_B, status: "collecting" }),
    );
    const onStatusChange = vi.fn();
    const { wrapper } = createHarness();
    const { rerender } = render(<Watcher id={SESSION_A} onStatusChange={onStatusChange} />, { wrapper });
    await advance(0);
    rerender(<Watcher id={SESSION_B} onStatusChange={onStatusChange} />);
    await advance(0);
    expect(screen.getByText("collecting")).toBeTruthy();
    expect(onStatusChange).not.toHaveBeenCalled();
  });
});

describe("switching sessions", () => {
  test("never shows the previous session's data as the new one's", async () => {
    let releaseB: () => void = () => {};
    const bReady = new Promise<void>((resolve) => (releaseB = resolve));
    serveSessions(async ({ sessionId }) => {
      if (sessionId === SESSION_A) return pending;
      await bReady;
      return session({ session_id: SESSION_B, status: "collecting" });
    });
    const seen: Array<[string, string | undefined, string | undefined]> = [];
    function Shown({ id }: { id: string }) {
      const { session, data } = useSession(id);
      seen.push([id, session?.session_id, data?.session_id]);
      return <p>{session?.status ?? "loading"}</p>;
    }
    const { wrapper } = createHarness();
    const { rerender } = render(<Shown id={SESSION_A} />, { wrapper });
    await advance(0);
    expect(screen.getByText("pending")).toBeTruthy();

    rerender(<Shown id={SESSION_B} />);
    expect(screen.getByText("loading")).toBeTruthy();
    await advance(1_000);
    expect(screen.getByText("loading")).toBeTruthy();
    releaseB();
    await advance(0);
    expect(screen.getByText("collecting")).toBeTruthy();

    for (const [id, sessionId, dataId] of seen) {
      if (sessionId !== undefined) expect(sessionId).toBe(id);
      if (dataId !== undefined) expect(dataId).toBe(id);
    }
  });

  test("keys the cache by the lowercased id, so differently cased ids share one request", async () => {
    const api = serveSessions(sequence(pending));
    const { wrapper, queryClient } = createHarness();
    render(
      <>
        <Watcher id={SESSION_A} />
        <Watcher id={SESSION_A.toUpperCase()} />
      </>,
      { wrapper },
    );
    await advance(0);
    expect(screen.getAllByText("pending")).toHaveLength(2);
    expect(api.count()).toBe(1);
    expect(queryClient.getQueryData(sessionQueryKey(SESSION_A.toUpperCase()))).toMatchObject({ status: "pending" });
  });
});

describe("cancellation", () => {
  test("unmounting aborts the request in flight", async () => {
    const api = serveSessions(hang);
    const { wrapper } = createHarness();
    const { unmount } = render(<Watcher id={SESSION_A} />, { wrapper });
    await advance(0);
    expect(api.count()).toBe(1);
    const signal = api.requests[0]?.signal;
    expect(signal?.aborted).toBe(false);

    unmount();
    await advance(0);
    expect(signal?.aborted).toBe(true);
    await advance(60_000);
    expect(api.count()).toBe(1);
  });

  test("keeps the request while another component still watches the session", async () => {
    const api = serveSessions(hang);
    const { wrapper } = createHarness();
    const { rerender } = render(
      <>
        <Watcher id={SESSION_A} key="one" />
        <Watcher id={SESSION_A} key="two" />
      </>,
      { wrapper },
    );
    await advance(0);
    rerender(<Watcher id={SESSION_A} key="one" />);
    await advance(0);
    expect(api.requests[0]?.signal.aborted).toBe(false);
  });

  test("turning `enabled` off drops a retry react-query had scheduled (bug: it was still sent)", async () => {
    const api = serveSessions(() => status(503));
    const { wrapper } = createHarness();
    const { rerender } = render(<Watcher id={SESSION_A} />, { wrapper });
    await advance(100);
    // The 503 is to be retried at 3 s.
    expect(api.times()).toEqual([0]);
    rerender(<Watcher id={SESSION_A} enabled={false} />);
    await advance(60_000);
    expect(api.times()).toEqual([0]);
    expect(screen.getByText("loading")).toBeTruthy();
    // Turned on again: it asks again.
    rerender(<Watcher id={SESSION_A} />);
    await advance(0);
    expect(api.times()).toEqual([0, 60_100]);
  });

  test("turning `enabled` off aborts the request in flight, as unmounting does", async () => {
    const api = serveSessions(hang);
    const { wrapper } = createHarness();
    const { rerender } = render(<Watcher id={SESSION_A} />, { wrapper });
    await advance(0);
    rerender(<Watcher id={SESSION_A} enabled={false} />);
    await advance(0);
    expect(api.requests[0]?.signal.aborted).toBe(true);
    await advance(60_000);
    expect(api.count()).toBe(1);
  });

  test("keeps the retries while another component still has the session enabled", async () => {
    const api = serveSessions(({ n }) => (n === 1 ? status(503) : pending));
    const { wrapper } = createHarness();
    const { rerender } = render(
      <>
        <Watcher id={SESSION_A} key="one" />
        <Watcher id={SESSION_A} key="two" />
      </>,
      { wrapper },
    );
    await advance(100);
    rerender(
      <>
        <Watcher id={SESSION_A} key="one" enabled={false} />
        <Watcher id={SESSION_A} key="two" />
      </>,
    );
    await advance(3_000);
    expect(api.times()).toEqual([0, 3_000]);
    expect(screen.getAllByText("pending")).toHaveLength(2);
  });
});

test("StrictMode adds no request that completes", async () => {
  const api = serveSessions(sequence(pending));
  const { wrapper } = createHarness({ strict: true });
  render(
    <StrictMode>
      <Watcher id={SESSION_A} />
    </StrictMode>,
    { wrapper },
  );
  await advance(0);
  await advance(9_000);
  // React 18's StrictMode unmounts and remounts once in development: the first request is aborted and sent again.
  const completed = api.requests.filter((request) => !request.signal.aborted);
  expect(completed.map((request) => request.at)).toEqual([0, 3_000, 6_000, 9_000]);
  expect(api.count()).toBeLessThanOrEqual(5);
});
