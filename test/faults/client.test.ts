/**
 * The real client (`createMavenClient`, Node's own fetch) against the mock's loopback server, one fault
 * of the matrix at a time, injected in the middle of a session's life.
 */
import { inspect } from "node:util";
import {
  APIConnectionError,
  MavenError,
  type ResponseValidationError,
  UnprocessableEntityError,
  type RateLimitError,
  createMavenClient,
  type Session,
} from "@trymaven/core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { FAULT_MATRIX, FLAPPING, OLDER_STATE, OTHER_SESSION_ID, type FaultCase } from "./matrix.ts";
import { ERROR_CLASSES, expectedMessage } from "./support/errors.ts";
import { sessionIdOf } from "./support/session-id.ts";
import { mockControl } from "./support/mock-control.ts";
import { FAULTS_API_KEY } from "./support/mock-server.ts";
import { tally } from "./support/tally.ts";
import { trackProcess } from "./support/process-health.ts";

const mock = mockControl(inject("mockUrl"));

/**
 * Short, so the hang row runs in seconds: a hung attempt gives up after 1 s. The client holds every attempt to
 * its limit (a `fetch` that drops the signal too), so the row's good answers must come within it as well: 1 s,
 * as in the proxy's hang row, because on a busy 2-core machine running this suite one took longer than 300 ms.
 */
const HANG_TIMEOUT_MS = 1_000;
/**
 * Every other row: a limit no answer of the mock's comes near, even on a loaded machine. With a short one for all,
 * an attempt that the machine was slow to finish (the 2 MiB body, say) would time out and be retried, and the
 * row would count one request too many or read the next step.
 */
const TIMEOUT_MS = 10_000;
const INTERVAL_MS = 30;
/** Long enough to honour a `Retry-After: 1`. */
const MAX_INTERVAL_MS = 1_200;
/** `sessions.get` retries transient failures twice, 500 ms then 1 s apart (25% jitter downwards). */
const MAX_RETRIES = 2;
const FIRST_RETRY_MIN_MS = 375;
/** Timer rounding: a Node timer may fire a millisecond before its delay by performance.now(). */
const SLACK_MS = 5;

/** When the client sent each request, by session id (ms, this process's clock). */
const sent = new Map<string, number[]>();

const clientWith = (timeoutMs: number) =>
  createMavenClient({
    apiKey: FAULTS_API_KEY,
    baseUrl: mock.url,
    timeoutMs,
    maxRetries: MAX_RETRIES,
    fetch: (input, init) => {
      const id = sessionIdOf(input);
      sent.set(id, [...(sent.get(id) ?? []), performance.now()]);
      return fetch(input, init);
    },
  });
const client = clientWith(TIMEOUT_MS);
const hangClient = clientWith(HANG_TIMEOUT_MS);
/** The client a matrix row runs with: the 1 s one only where waiting out a timeout is the point. */
const clientFor = (row: FaultCase) => (row.id === "hang" ? hangClient : client);

/** Queues the row's fault for the session's next requests. */
async function injectFault(row: FaultCase, sessionId: string): Promise<void> {
  await mock.injectFault(sessionId, row.fault, row.times);
}

const health = trackProcess();
const sessionsUsed: string[] = [];

async function newSession(): Promise<Session> {
  const session = await mock.addScenario("success");
  sessionsUsed.push(session.session_id);
  return session;
}

/**
 * Gaps between the client's consecutive requests for a session, in ms, as it sent them. Measured where the
 * waits happen: on a loaded machine the mock may stamp a request late (after the hang row's 1 s timeout
 * gave up on it), which would make the gap to the next one look shorter than the client's wait.
 */
async function requestGaps(sessionId: string): Promise<number[]> {
  const times = sent.get(sessionId) ?? [];
  expect(times).toHaveLength((await mock.requests(sessionId)).length);
  return times.slice(1).map((at, index) => at - times[index]!);
}

/** The least time polling must wait after the `failures`-th failure in a row. */
function pollBackoff(row: FaultCase, failures: number): number {
  if (row.id === "429-retry-after") return 1_000;
  return Math.min(MAX_INTERVAL_MS, INTERVAL_MS * 2 ** (failures - 1));
}

function expectNoKey(value: unknown): void {
  const texts = [String(value), JSON.stringify(value) ?? "", inspect(value, { depth: 6 })];
  for (const text of texts) expect(text).not.toContain(FAULTS_API_KEY);
}

function expectMatrixError(error: unknown, row: FaultCase, sessionId: string): void {
  expect(error).toBeInstanceOf(MavenError);
  expect(error).toBeInstanceOf(ERROR_CLASSES[row.error!.name]);
  expect((error as Error).name).toBe(row.error!.name);
  expect((error as Error).message).toBe(expectedMessage(row, sessionId));
  expectNoKey(error);
}

/** What a valid drifted body must carry, per row. */
function expectDrift(row: FaultCase, session: Session): void {
  const raw = session as Session & Record<string, unknown>;
  switch (row.id) {
    case "unknown-status":
      expect([session.status, session.is_terminal]).toEqual(["payment-under-review", false]);
      break;
    case "unknown-status-terminal":
      expect([session.status, session.is_terminal]).toEqual(["payment-refunded", true]);
      break;
    case "unknown-gateway":
      expect(session.gateway).toBe("adyen");
      expect((session.processor as Record<string, unknown>).adyen_psp_reference).toBe("NC6HT9CRT65ZGN82");
      break;
    case "extra-fields":
      expect(raw.refund_status).toBe("none");
      expect(raw.metadata).toEqual({ order_id: "A-1029", source: "ivr" });
      break;
    case "oversized":
      expect(session.memory?.length).toBe(2 * 1024 * 1024);
      break;
    default:
      throw new Error(`no drift expectation for ${row.id}`);
  }
}

beforeAll(() => health.start());

afterAll(async () => {
  // Nothing left behind: no request still open at the mock (a hung one must have been aborted), no poller
  // still asking once its test is over, no unhandled rejection, no timer of ours still pending.
  const before = await Promise.all(sessionsUsed.map((id) => mock.requests(id)));
  for (const requests of before) expect(requests.filter((request) => request.outcome === "pending")).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 8 * INTERVAL_MS));
  const after = await Promise.all(sessionsUsed.map((id) => mock.requests(id)));
  expect(after.map((requests) => requests.length)).toEqual(before.map((requests) => requests.length));
  await health.expectClean();
  expect(health.timersSeen).toBeGreaterThan(0);
});

describe.concurrent("sessions.get, one fault after the first good answer", () => {
  it.for(FAULT_MATRIX)("$id", async (row, context) => {
    tally(context, "fault", row.id, "client");
    const { session_id: id } = await newSession();
    // The good answer before the fault, with time to spare and no retry: a retry would read "collecting".
    expect((await client.sessions.get(id, { maxRetries: 0 })).status).toBe("pending");
    await injectFault(row, id);
    const { sessions } = clientFor(row);

    if (row.policy === "stop") {
      // Asking again cannot change the answer: one request, no retry.
      const error = await sessions.get(id).catch((caught: unknown) => caught);
      expectMatrixError(error, row, id);
      if (error instanceof UnprocessableEntityError) expect(error.detail[0]?.loc).toEqual(["path", "session_id"]);
      expect(await mock.requests(id)).toHaveLength(2);
      return;
    }

    if (row.policy === "retry") {
      // Retried with backoff, at most MAX_RETRIES times; the fault lasts `times` requests. A 429 that names no
      // wait is not retried inside the call (Maven sends none; asking again at once only earns more 429s).
      const noWait = row.id === "429";
      const attempts = noWait ? 1 : Math.min(row.times, MAX_RETRIES + 1);
      const fails = noWait || row.times > MAX_RETRIES;
      if (fails) {
        const error = await sessions.get(id).catch((caught: unknown) => caught);
        expectMatrixError(error, row, id);
        if (row.id === "429") expect((error as RateLimitError).retryAfterMs).toBeNull();
      } else {
        expect((await sessions.get(id)).status).toBe("collecting");
      }
      const requests = await mock.requests(id);
      expect(requests).toHaveLength(1 + attempts + (fails ? 0 : 1));
      const gaps = (await requestGaps(id)).slice(1);
      const least = row.id === "429-retry-after" ? [1_000, 1_000] : [FIRST_RETRY_MIN_MS, 2 * FIRST_RETRY_MIN_MS];
      gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(least[index]! - SLACK_MS));
      if (row.id === "hang") {
        // Each timed-out attempt was aborted, so the mock saw the client go away (soon after, not at once).
        await context.expect
          .poll(async () => (await mock.requests(id)).slice(1, 1 + attempts).map((request) => request.outcome))
          .toEqual(Array(attempts).fill("aborted"));
      }
      // Recovery: the next call gets the true state.
      if (row.times > MAX_RETRIES && !noWait) expect((await sessions.get(id)).status).toBe("collecting");
      return;
    }

    if (row.policy === "resume") {
      // A body that broke the contract is not retried by `get` (the same body would come back).
      for (let fault = 0; fault < row.times; fault++) {
        const error = await sessions.get(id).catch((caught: unknown) => caught);
        expectMatrixError(error, row, id);
        expect((error as ResponseValidationError).issues.length).toBeGreaterThan(0);
      }
      expect(await mock.requests(id)).toHaveLength(1 + row.times);
      expect((await sessions.get(id)).status).toBe("collecting");
      return;
    }

    // accept / end: the contract allows the body; it comes back as it is, after one request.
    const drifted = await sessions.get(id);
    expectDrift(row, drifted);
    expect(drifted.session_id).toBe(id);
    expect(await mock.requests(id)).toHaveLength(2);
  });
});

describe.concurrent("sessions.watch, one fault after the first good poll", () => {
  it.for(FAULT_MATRIX)("$id", async (row, context) => {
    tally(context, "fault", row.id, "polling");
    const { session_id: id } = await newSession();
    const seen: Session[] = [];
    let thrown: unknown;
    try {
      for await (const session of clientFor(row).sessions.watch(id, {
        intervalMs: INTERVAL_MS,
        maxIntervalMs: MAX_INTERVAL_MS,
      })) {
        seen.push(session);
        // The generator waits at `yield` until we ask for more: the fault is in place before the next request.
        if (seen.length === 1) await injectFault(row, id);
      }
    } catch (error) {
      thrown = error;
    }
    const statuses = seen.map((session) => session.status);
    const requests = await mock.requests(id);

    if (row.policy === "stop") {
      expectMatrixError(thrown, row, id);
      expect(statuses).toEqual(["pending"]);
      expect(requests).toHaveLength(2);
    } else if (row.policy === "end") {
      expect(thrown).toBeUndefined();
      expect(statuses).toEqual(["pending", "payment-refunded"]);
      expect(seen.at(-1)!.is_terminal).toBe(true);
      expect(requests).toHaveLength(2);
    } else {
      expect(thrown).toBeUndefined();
      // The true terminal state, exactly as the mock holds it.
      expect(seen.at(-1)).toEqual(await mock.session(id));
      expect(seen.at(-1)!.status).toBe("payment-success");
      expect(statuses[0]).toBe("pending");
      expect(statuses.slice(-2)).toEqual(["collecting", "payment-success"]);
      if (row.policy === "accept") expectDrift(row, seen[1]!);
      else expect(statuses).toEqual(["pending", "collecting", "payment-success"]);
      // Bounded: the good polls and exactly one request per injected fault, no more.
      expect(requests).toHaveLength(1 + row.times + 2);
      // Backed off after each failure, never straight back.
      if (row.policy === "retry" || row.policy === "resume") {
        const gaps = await requestGaps(id);
        for (let failure = 1; failure <= row.times; failure++) {
          expect(gaps[failure]).toBeGreaterThanOrEqual(pollBackoff(row, failure) - SLACK_MS);
        }
      }
    }
    // The other session's body is never yielded.
    expect(seen.every((session) => session.session_id === id)).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(OTHER_SESSION_ID);
    // Nothing asks again once polling has ended.
    await new Promise((resolve) => setTimeout(resolve, 6 * INTERVAL_MS));
    expect(await mock.requests(id)).toHaveLength(requests.length);
  });
});

describe.concurrent("a flapping network", () => {
  it("survives bursts of connection resets between good polls and reaches the true terminal state", async (context) => {
    tally(context, "fault", FLAPPING.id, "polling");
    const { session_id: id } = await newSession();
    const seen: string[] = [];
    for await (const session of client.sessions.watch(id, { intervalMs: INTERVAL_MS, maxIntervalMs: 400 })) {
      seen.push(session.status);
      // Down for two requests after every good answer, until the end.
      if (!session.is_terminal) await mock.injectFault(id, "reset", 2);
    }
    expect(seen).toEqual(["pending", "collecting", "payment-success"]);
    const requests = await mock.requests(id);
    expect(requests.map((request) => request.outcome)).toEqual([
      "response",
      "reset",
      "reset",
      "response",
      "reset",
      "reset",
      "response",
    ]);
  });

  it("gives up after maxConsecutiveErrors when the network stays down, without a storm", async (context) => {
    tally(context, "fault", FLAPPING.id, "polling");
    const { session_id: id } = await newSession();
    const watch = client.sessions.watch(id, { intervalMs: INTERVAL_MS, maxIntervalMs: 200 })[Symbol.asyncIterator]();
    expect((await watch.next()).value?.status).toBe("pending");
    await mock.injectFault(id, "reset", Number.POSITIVE_INFINITY);
    const error = await watch.next().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expectNoKey(error);
    // The first poll, then 5 failures in a row (the default maxConsecutiveErrors), then nothing.
    expect(await mock.requests(id)).toHaveLength(6);
    const gaps = (await requestGaps(id)).slice(1);
    expect(gaps.every((gap, index) => gap >= Math.min(200, INTERVAL_MS * 2 ** index) - SLACK_MS)).toBe(true);
  });

  it("sessions.get gives up after maxRetries when the network stays down", async (context) => {
    tally(context, "fault", FLAPPING.id, "client");
    const { session_id: id } = await newSession();
    await mock.injectFault(id, "reset", MAX_RETRIES + 2);
    const error = await client.sessions.get(id).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(await mock.requests(id)).toHaveLength(MAX_RETRIES + 1);
    // Back up: the next call answers.
    await mock.injectFault(id, "reset", 1);
    expect((await client.sessions.get(id)).status).toBe("pending");
  });
});

describe("an older state of the session after a newer one (a lagging replica)", () => {
  /** What `watch` yielded, and what `onUpdate` reported, in order (filled by the first test). */
  const yielded: Session[] = [];
  const updates: Array<[string, string | undefined]> = [];

  it("polling goes on to the true terminal state", async (context) => {
    tally(context, "fault", OLDER_STATE.id, "polling");
    const { session_id: id } = await newSession();
    const onUpdate = (session: Session, previous: Session | undefined) =>
      updates.push([session.status, previous?.status]);
    for await (const session of client.sessions.watch(id, { intervalMs: INTERVAL_MS, onUpdate })) {
      yielded.push(session);
      // Once collecting has been seen, one answer is the first state again, byte for byte.
      if (yielded.length === 2) {
        await mock.injectFault(id, { type: "status", status: 200, body: yielded[0] }, 1);
      }
    }
    expect(yielded.at(-1)).toEqual(await mock.session(id));
    expect(await mock.requests(id)).toHaveLength(4);
    expect(yielded.map((session) => session.status)).toContain("collecting");
  });

  // Regression (was the known bug "older-state-shown"): watch yielded collecting, then pending again.
  it("never steps back to an older state", (context) => {
    tally(context, "fault", OLDER_STATE.id, "polling");
    expect(yielded.length).toBeGreaterThan(2);
    // Never backwards: each state yielded is at least as recent as the one before it.
    const times = yielded.map((session) => Date.parse(session.updated_at));
    expect(times.every((time, index) => index === 0 || time >= times[index - 1]!)).toBe(true);
    expect(updates.map(([status]) => status)).toEqual(["pending", "collecting", "payment-success"]);
  });
});

describe("the key", () => {
  it("appears in no error, whatever the fault", async () => {
    // Covered per fault above (expectNoKey); here the client itself, as it would be logged.
    expect(String(client)).not.toContain(FAULTS_API_KEY);
    expect(JSON.stringify(client)).not.toContain(FAULTS_API_KEY);
    expect(inspect(client, { depth: 6 })).not.toContain(FAULTS_API_KEY);
  });
});
