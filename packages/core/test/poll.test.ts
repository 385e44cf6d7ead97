import { http, HttpResponse } from "msw";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  createMavenClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  PollTimeoutError,
  type Session,
} from "../src/index.js";
import { API, SESSION_ID, sessionBody, TEST_KEY, setupMswServer } from "./support.js";

const server = setupMswServer();

type Step = Record<string, unknown> | number | (() => Response | Promise<Response>);

/**
 * Serves `steps` in order, one per request (the last repeats): an object is a
 * session patch, a number an error status, a function a custom response.
 * Returns the times (fake clock) at which requests arrived.
 */
function serveLife(...steps: Step[]) {
  const times: number[] = [];
  const requests: Request[] = [];
  server.use(
    http.get(`${API}/v1/sessions/:id`, ({ request }) => {
      times.push(Date.now() - start);
      requests.push(request);
      const step = steps[Math.min(requests.length - 1, steps.length - 1)]!;
      if (typeof step === "number") return HttpResponse.json({ detail: `status ${step}` }, { status: step });
      if (typeof step === "function") return step();
      return HttpResponse.json(sessionBody(step));
    }),
  );
  const start = Date.now();
  return { times, requests };
}

const pending = { status: "pending" };
const collecting = { status: "collecting" };
const succeeded = { status: "payment-success", is_terminal: true, completed_at: "2026-11-26T10:01:00Z" };

const maven = () => createMavenClient({ apiKey: TEST_KEY });

beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] }));
afterEach(() => vi.useRealTimers());

describe("sessions.poll", () => {
  it("polls every intervalMs until terminal and resolves with the final state", async () => {
    const { times } = serveLife(pending, collecting, collecting, succeeded);
    const result = maven().sessions.poll(SESSION_ID, { intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(result).resolves.toMatchObject({ status: "payment-success", is_terminal: true });
    expect(times).toEqual([0, 1000, 2000, 3000]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("defaults to one request every 3 s, within Maven's 20 per minute", async () => {
    const { times } = serveLife(collecting);
    const controller = new AbortController();
    const result = maven()
      .sessions.poll(SESSION_ID, { signal: controller.signal })
      .catch(() => {});
    await vi.advanceTimersByTimeAsync(60_000);
    controller.abort();
    await result;
    expect(times.length).toBeLessThanOrEqual(21);
    expect(times.slice(0, 3)).toEqual([0, 3000, 6000]);
  });

  it("calls onUpdate only when the session actually changed", async () => {
    serveLife(pending, pending, collecting, collecting, collecting, succeeded);
    const updates: Array<[string, string | undefined]> = [];
    const result = maven().sessions.poll(SESSION_ID, {
      intervalMs: 100,
      onUpdate: (session, previous) => updates.push([session.status, previous?.status]),
    });
    await vi.advanceTimersByTimeAsync(1000);
    await result;
    expect(updates).toEqual([
      ["pending", undefined],
      ["collecting", "pending"],
      ["payment-success", "collecting"],
    ]);
  });

  it("shows onResponse every poll's response, unchanged ones and failures too, and stops with what it throws", async () => {
    serveLife(
      () => HttpResponse.json(sessionBody(pending), { headers: { age: "40" } }),
      () => HttpResponse.json(sessionBody(pending), { headers: { age: "41" } }),
      503,
      succeeded,
    );
    const seen: Array<[number, string | null]> = [];
    const result = maven().sessions.poll(SESSION_ID, {
      intervalMs: 100,
      onResponse: (response) => seen.push([response.status, response.headers.get("age")]),
    });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(result).resolves.toMatchObject({ status: "payment-success" });
    expect(seen).toEqual([
      [200, "40"],
      [200, "41"],
      [503, null],
      [200, null],
    ]);

    const thrown = new Error("my instrumentation broke");
    const stopped = maven()
      .sessions.poll(SESSION_ID, {
        intervalMs: 100,
        onResponse: () => {
          throw thrown;
        },
      })
      .catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await stopped).toBe(thrown);
  });

  it("stops early when `until` holds", async () => {
    const { times } = serveLife(pending, collecting, succeeded);
    const result = maven().sessions.poll(SESSION_ID, { intervalMs: 100, until: (s) => s.status === "collecting" });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(result).resolves.toMatchObject({ status: "collecting" });
    expect(times).toHaveLength(2);
  });

  it.each([
    [404, NotFoundError],
    [403, PermissionDeniedError],
  ])("stops at once on %i", async (code, ErrorClass) => {
    const { times } = serveLife(collecting, code);
    const result = maven()
      .sessions.poll(SESSION_ID, { intervalMs: 100 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5000);
    expect(await result).toBeInstanceOf(ErrorClass);
    expect(times).toEqual([0, 100]);
  });

  it("backs off after transient errors with one request per tick, then recovers", async () => {
    const { times } = serveLife(collecting, 503, 503, collecting, succeeded);
    const result = maven().sessions.poll(SESSION_ID, { intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(result).resolves.toMatchObject({ status: "payment-success" });
    // 1 s normal tick, then the failure at 1 s waits 1 s, the second failure 2 s, then normal ticks resume.
    expect(times).toEqual([0, 1000, 2000, 4000, 5000]);
  });

  it("caps the backoff at maxIntervalMs", async () => {
    const { times } = serveLife(503, 503, 503, 503, succeeded);
    const result = maven().sessions.poll(SESSION_ID, {
      intervalMs: 1000,
      maxIntervalMs: 3000,
      maxConsecutiveErrors: 10,
    });
    await vi.advanceTimersByTimeAsync(20_000);
    await result;
    expect(times).toEqual([0, 1000, 3000, 6000, 9000]);
  });

  it("waits at least what a 429's Retry-After asks", async () => {
    const { times } = serveLife(
      collecting,
      () => HttpResponse.json({ detail: "slow down" }, { status: 429, headers: { "retry-after": "10" } }),
      succeeded,
    );
    const result = maven().sessions.poll(SESSION_ID, { intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(20_000);
    await result;
    expect(times).toEqual([0, 1000, 11_000]);
  });

  it("throws the last error after maxConsecutiveErrors transient failures in a row", async () => {
    const { times } = serveLife(collecting, 500);
    const result = maven()
      .sessions.poll(SESSION_ID, { intervalMs: 100, maxConsecutiveErrors: 3 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await result).toBeInstanceOf(InternalServerError);
    expect(times).toEqual([0, 100, 200, 400]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("keeps polling through a body that breaks the contract, since the next one may not", async () => {
    const { times } = serveLife(collecting, { amount: 12 }, succeeded);
    const result = maven().sessions.poll(SESSION_ID, { intervalMs: 100 });
    await vi.advanceTimersByTimeAsync(1000);
    await expect(result).resolves.toMatchObject({ status: "payment-success" });
    expect(times).toEqual([0, 100, 200]);
  });

  it("rejects with PollTimeoutError carrying the last state after timeoutMs", async () => {
    serveLife(collecting);
    const result = maven()
      .sessions.poll(SESSION_ID, { intervalMs: 1000, timeoutMs: 5500 })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(6000);
    const error = (await result) as PollTimeoutError;
    expect(error).toBeInstanceOf(PollTimeoutError);
    expect(error.lastSession?.status).toBe("collecting");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stops on abort, aborting the request in flight", async () => {
    const { requests } = serveLife(collecting, () => new Promise<Response>(() => {}));
    const controller = new AbortController();
    const result = maven()
      .sessions.poll(SESSION_ID, { intervalMs: 100, signal: controller.signal })
      .catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(150);
    controller.abort();
    expect(await result).toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(2);
    expect(requests[1]!.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects a bad id without a request", async () => {
    const { requests } = serveLife(collecting);
    await expect(maven().sessions.poll("nope")).rejects.toThrow(/Invalid session id/);
    expect(requests).toHaveLength(0);
  });

  it.each([
    { intervalMs: 0 },
    { intervalMs: -5 },
    { timeoutMs: Number.NaN },
    // Beyond what a timer can wait: the timer would fire at once (a request storm, or an instant timeout).
    { intervalMs: 2 ** 31 },
    { timeoutMs: 30 * 24 * 3_600_000 },
  ])("rejects the option %j, leaving no listener on the caller's signal", async (options) => {
    const { requests } = serveLife(collecting);
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, "addEventListener");
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    await expect(maven().sessions.poll(SESSION_ID, { ...options, signal: controller.signal })).rejects.toThrow(
      /must be a positive number no larger than 2147483647/,
    );
    expect(add.mock.calls.length).toBe(remove.mock.calls.length);
    expect(requests).toHaveLength(0);
  });
});

describe("sessions.watch", () => {
  it("yields each changed state and ends at terminal", async () => {
    serveLife(pending, pending, collecting, succeeded);
    const seen: string[] = [];
    const done = (async () => {
      for await (const session of maven().sessions.watch(SESSION_ID, { intervalMs: 100 })) seen.push(session.status);
    })();
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(seen).toEqual(["pending", "collecting", "payment-success"]);
  });

  it("stops polling and leaves nothing running when the consumer breaks out", async () => {
    const { requests } = serveLife(pending, collecting);
    let first: Session | undefined;
    const done = (async () => {
      for await (const session of maven().sessions.watch(SESSION_ID, { intervalMs: 100 })) {
        first = session;
        break;
      }
    })();
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(first?.status).toBe("pending");
    expect(requests).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("timestamps with no offset", () => {
  // Regression: a naive updated_at was compared as the machine's local time, so east of UTC (or across a
  // daylight-saving gap) a newer state looked older and was dropped: the terminal state never arrived and
  // polling went on for good.
  it.each([
    ["after one in Z, east of UTC", "Asia/Tokyo", "2026-11-26T10:05:00Z", "2026-11-26T10:06:00"],
    ["both naive, across a daylight-saving gap", "Europe/Paris", "2026-03-29T02:50:00", "2026-03-29T03:10:00"],
  ])("reads them as UTC (%s): watch reaches terminal and stops", async (_case, zone, before, after) => {
    vi.stubEnv("TZ", zone);
    const { requests } = serveLife(
      { ...collecting, updated_at: before },
      { ...succeeded, updated_at: after, completed_at: after },
    );
    const seen: string[] = [];
    const done = (async () => {
      for await (const session of maven().sessions.watch(SESSION_ID, { intervalMs: 100 })) seen.push(session.status);
    })();
    await vi.advanceTimersByTimeAsync(1000);
    await done;
    expect(seen).toEqual(["collecting", "payment-success"]);
    expect(requests).toHaveLength(2);
  });
});

describe("Retry-After beyond maxIntervalMs", () => {
  // Regression: the wait was capped at maxIntervalMs, so a 429 asking for 60 s was retried at 30 s
  // and earned another 429.
  it("is waited out in full", async () => {
    const { times } = serveLife(
      collecting,
      () => HttpResponse.json({ detail: "slow down" }, { status: 429, headers: { "retry-after": "60" } }),
      succeeded,
    );
    const result = maven().sessions.poll(SESSION_ID, { intervalMs: 1000, maxIntervalMs: 30_000 });
    await vi.advanceTimersByTimeAsync(120_000);
    await result;
    expect(times).toEqual([0, 1000, 61_000]);
  });

  it("is still bounded when the server asks for something absurd", async () => {
    const { times } = serveLife(
      collecting,
      () => HttpResponse.json({ detail: "slow down" }, { status: 429, headers: { "retry-after": "86400" } }),
      succeeded,
    );
    const result = maven().sessions.poll(SESSION_ID, { intervalMs: 1000 });
    await vi.advanceTimersByTimeAsync(400_000);
    await result;
    expect(times).toEqual([0, 1000, 301_000]);
  });
});
