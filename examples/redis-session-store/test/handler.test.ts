/**
 * End to end: two `createSessionHandler`s, standing for two instances of a Next.js app, each with its own
 * Redis client, in front of the mock Maven API (`startMockServer`, a loopback HTTP server) that enforces
 * Maven's limit of 20 requests a minute. Time is simulated: the handlers, their stores and the mock share
 * one clock that the test moves, so minutes pass in a second or two.
 */
import { MOCK_API_KEY, type ScenarioName } from "@trymaven/mock";
import { startMockServer, type MockServer } from "@trymaven/mock/server";
import { createMemorySessionStore, createSessionHandler, type SessionStore } from "@trymaven/core/server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createRedisSessionStore } from "../src/index.ts";
import { redisServerForThisFile } from "./redis-server.ts";

const LIMIT = { requests: 20, windowMs: 60_000 };
const START = Date.parse("2026-11-26T10:00:00Z");
const TICK_MS = 250;
/** The browser client's default poll interval. */
const POLL_INTERVAL_MS = 3_000;

const redisServer = redisServerForThisFile();
let clock = START;
const now = () => clock;
let mock: MockServer;
let prefixes = 0;
const warnings: string[] = [];

beforeAll(async () => {
  // The mock enforces Maven's limit (20 a minute) on the shared clock, counting calls as they arrive.
  mock = await startMockServer({ now, fixtures: false, apiKey: MOCK_API_KEY, rateLimit: true });
});
afterAll(() => mock?.close());
beforeEach(() => {
  clock = START;
  mock.simulator.reset();
  warnings.length = 0;
});

/** Two instances of the app's route, each with its own handler and store: a client of one Redis, or memory. */
async function twoInstances(shared: "redis" | "nothing") {
  const prefix = `e2e${++prefixes}`;
  const instance = async (store: SessionStore) =>
    createSessionHandler({
      apiKey: MOCK_API_KEY,
      baseUrl: mock.url,
      authorize: () => true,
      rateLimit: LIMIT,
      store,
      logger: { warn: (message) => warnings.push(message), error: (message) => warnings.push(message) },
      now,
    });
  const store = async () =>
    shared === "redis"
      ? createRedisSessionStore({ redis: await redisServer.connect(), prefix, now })
      : createMemorySessionStore({ now });
  return Promise.all([instance(await store()), instance(await store())]);
}

const get = (handler: Awaited<ReturnType<typeof twoInstances>>[number], sessionId: string) =>
  handler(new Request(`http://merchant.test/api/maven/v1/sessions/${sessionId}`), {
    params: Promise.resolve({ id: sessionId }),
  });

it("makes both instances answer Maven's failure, with the copy, though only one of them asked", async () => {
  const [first, second] = await twoInstances("redis");
  const { session_id } = mock.simulator.addSession({ scenario: "success", timeScale: 100 });
  expect((await get(first!, session_id)).status).toBe(200);
  mock.simulator.injectFault("service-unavailable", { sessionId: session_id, times: Number.POSITIVE_INFINITY });
  clock += 4_000;
  const failed = await get(first!, session_id);
  expect(failed.status).toBe(502);
  clock += 1_000;
  // The second instance has not called Maven since; the failure reached it through Redis, beside the copy.
  const fromSecond = await get(second!, session_id);
  expect(fromSecond.status).toBe(502);
  expect(fromSecond.headers.get("x-maven-cache")).toBe("stale");
  expect(((await fromSecond.json()) as { session: { session_id: string } }).session.session_id).toBe(session_id);
  expect(mock.simulator.requests).toHaveLength(2);
});

/** The most upstream calls that arrived within any one window, where Maven counts them. */
function busiestWindow(): number {
  const arrivals = mock.simulator.requests.map((request) => request.at).sort((a, b) => a - b);
  return Math.max(
    0,
    ...arrivals.map((at, i) => arrivals.slice(i).filter((later) => later - at < LIMIT.windowMs).length),
  );
}

it("serves the second instance from the copy the first one fetched", async () => {
  const [first, second] = await twoInstances("redis");
  const { session_id } = mock.simulator.addSession({ scenario: "success", timeScale: 100 });
  const fetched = await get(first!, session_id);
  const served = await get(second!, session_id);
  expect([fetched.headers.get("x-maven-cache"), served.headers.get("x-maven-cache")]).toEqual(["miss", "hit"]);
  expect(await served.json()).toEqual(await fetched.json());
  expect(mock.simulator.requests).toHaveLength(1);
});

/**
 * 90 viewers of 30 sessions, opened in the first ten seconds, each session on both instances, polling every 3 s
 * (or after Retry-After) for 6 simulated minutes, all at once each tick. 30 new sessions are more than a
 * minute's budget, so the budget is what holds the calls back.
 */
async function manyViewers(shared: "redis" | "nothing") {
  const instances = await twoInstances(shared);
  const scenarios: ScenarioName[] = ["success", "declined", "abandoned", "cancelled", "tokenize"];
  // Sessions that end at different moments of the first few minutes.
  const sessionIds = Array.from(
    { length: 30 },
    (_, i) => mock.simulator.addSession({ scenario: scenarios[i % scenarios.length]!, timeScale: 10 + i }).session_id,
  );
  const viewers = Array.from({ length: 90 }, (_, i) => ({
    // Each session watched from both instances.
    handler: instances[Math.floor(i / sessionIds.length) % 2]!,
    sessionId: sessionIds[i % sessionIds.length]!,
    // Tabs open at different moments in the first ten seconds.
    nextAt: START + ((i * 7_919) % 10_000),
    done: false,
  }));
  const answered: Record<number, number> = {};
  for (; clock <= START + 6 * 60_000; clock += TICK_MS) {
    const due = viewers.filter((viewer) => !viewer.done && viewer.nextAt <= clock);
    await Promise.all(
      due.map(async (viewer) => {
        const response = await get(viewer.handler, viewer.sessionId);
        answered[response.status] = (answered[response.status] ?? 0) + 1;
        const retryAfterS = Number(response.headers.get("retry-after") ?? 0);
        viewer.nextAt = clock + Math.max(POLL_INTERVAL_MS, retryAfterS * 1_000);
        if (response.ok) viewer.done = ((await response.json()) as { is_terminal: boolean }).is_terminal;
      }),
    );
  }
  const upstream = mock.simulator.requests.map((request) => request.status);
  return {
    answered,
    calls: upstream.length,
    mavenSaid429: upstream.filter((status) => status === 429).length,
    busiestWindow: busiestWindow(),
    allSawTheEnd: viewers.every((viewer) => viewer.done),
  };
}

it("keeps two instances sharing a Redis store within Maven's limit, and every viewer sees its session end", async () => {
  const figures = await manyViewers("redis");
  expect(figures.busiestWindow).toBe(LIMIT.requests);
  expect(figures.mavenSaid429).toBe(0);
  expect(figures.allSawTheEnd).toBe(true);
  const served = Object.values(figures.answered).reduce((sum, count) => sum + count, 0);
  expect(served).toBeGreaterThan(figures.calls * 10);
  // The proxy said "not now" (429 + Retry-After) instead of Maven.
  expect(figures.answered[429]).toBeGreaterThan(0);
  expect(warnings).toEqual([]);
});

it("(the control) lets two instances with a memory store each exceed it", async () => {
  const figures = await manyViewers("nothing");
  expect(figures.busiestWindow).toBeGreaterThan(LIMIT.requests);
  expect(figures.mavenSaid429).toBeGreaterThan(0);
});
