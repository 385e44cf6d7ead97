/**
 * Load: many browser pollers through createSessionHandler, against the mock
 * Maven API (`startMockServer` from @trymaven/mock, a real loopback HTTP server)
 * enforcing Maven's rate limit, 20 requests per minute.
 *
 * Time is simulated: the handler and the simulator share one clock that the test
 * moves in 250 ms ticks, so minutes take a second or two of real time, and the
 * mock counts its rate limit on the same clock as the proxy's budget. Each tick,
 * every poller that is due sends its request through the browser client (which
 * validates the body), all at once; requests for one session therefore arrive
 * together, as they do from many open tabs.
 */
import { createMavenSimulator, MOCK_API_KEY, type ScenarioName } from "@trymaven/mock";
import { startMockServer } from "@trymaven/mock/server";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { createMavenClient, InternalServerError, RateLimitError, type Session } from "../src/index.js";
import { createSessionHandler } from "../src/server/index.js";

const TICK_MS = 250;
/** The browser client's default poll interval. */
const POLL_INTERVAL_MS = 3_000;
/** Maven's documented limit, enforced by the mock and used as the proxy's budget. */
const LIMIT = { requests: 20, windowMs: 60_000 };
const START = Date.parse("2026-11-26T10:00:00Z");
/**
 * Real time allowed per test. A run takes about a second alone, but the whole suite shares two cores with
 * browsers: one CI run took over 5 s (vitest's default limit) here.
 */
const REAL_TIME_LIMIT_MS = 60_000;

let clock = START;
const now = () => clock;
const simulator = createMavenSimulator({
  now,
  fixtures: false,
  apiKey: MOCK_API_KEY,
  rateLimit: { limit: LIMIT.requests, windowMs: LIMIT.windowMs },
});
let mockServer: Awaited<ReturnType<typeof startMockServer>>;

beforeAll(async () => {
  mockServer = await startMockServer({ simulator });
});
afterAll(async () => {
  await mockServer?.close();
});
/**
 * Which test's simulation may move the clock, and the loop of the last one: a simulation whose test timed out
 * stops after its tick, and the next test starts once its requests are answered, so none lands in its figures.
 */
let generation = 0;
let running: Promise<void> | undefined;
beforeEach(async () => {
  generation += 1;
  await running;
  clock = START;
  simulator.reset();
});

interface Poller {
  sessionId: string;
  nextAt: number;
  seen: Session | undefined;
  done: boolean;
  /** When (simulated) the poller first saw its session terminal. */
  sawTerminalAt: number | undefined;
  failures: number;
}

/** Runs `pollerCount` pollers spread over `sessionIds` for `minutes` simulated minutes and returns the figures. */
async function simulate(sessionIds: string[], pollerCount: number, minutes: number) {
  const handler = createSessionHandler({
    apiKey: MOCK_API_KEY,
    baseUrl: mockServer.url,
    authorize: () => true,
    rateLimit: LIMIT,
    now,
  });
  const statusesIn: Record<number, number> = {};
  let requestsIn = 0;
  // The browser's client, talking to the proxy in-process.
  const browser = createMavenClient({
    baseUrl: "http://merchant.test/api/maven",
    maxRetries: 0,
    fetch: async (input, init) => {
      requestsIn += 1;
      const response = await handler(new Request(input, init));
      statusesIn[response.status] = (statusesIn[response.status] ?? 0) + 1;
      return response;
    },
  });

  const pollers: Poller[] = Array.from({ length: pollerCount }, (_, i) => ({
    sessionId: sessionIds[i % sessionIds.length]!,
    // Tabs open at different moments in the first ten seconds.
    nextAt: START + ((i * 7_919) % 10_000),
    seen: undefined,
    done: false,
    sawTerminalAt: undefined,
    failures: 0,
  }));

  async function poll(poller: Poller) {
    try {
      poller.seen = await browser.sessions.get(poller.sessionId);
      poller.failures = 0;
      if (poller.seen.is_terminal) {
        poller.done = true;
        poller.sawTerminalAt = clock;
      }
      poller.nextAt = clock + POLL_INTERVAL_MS;
    } catch (error) {
      // What the browser's poller does: back off, honouring Retry-After.
      if (!(error instanceof RateLimitError || error instanceof InternalServerError)) throw error;
      poller.failures += 1;
      const asked = error instanceof RateLimitError ? (error.retryAfterMs ?? 0) : 0;
      poller.nextAt = clock + Math.min(30_000, Math.max(asked, POLL_INTERVAL_MS * 2 ** (poller.failures - 1)));
    }
  }

  const startedAt = performance.now();
  const mine = generation;
  running = (async () => {
    for (; clock <= START + minutes * 60_000 && mine === generation; clock += TICK_MS) {
      const due = pollers.filter((poller) => !poller.done && poller.nextAt <= clock);
      await Promise.all(due.map(poll));
    }
  })();
  await running;
  const realMs = Math.round(performance.now() - startedAt);

  const upstream = simulator.requests;
  // The worst sliding minute, measured where Maven measures: at arrival.
  const times = upstream.map((request) => request.at).sort((a, b) => a - b);
  let busiestMinute = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= LIMIT.windowMs) j++;
    busiestMinute = Math.max(busiestMinute, i - j + 1);
  }
  // How long after a session ended its viewers found out.
  const lags = pollers.map((poller) => {
    const completedAt = Date.parse(simulator.getSession(poller.sessionId)!.completed_at!);
    return (poller.sawTerminalAt ?? Number.POSITIVE_INFINITY) - completedAt;
  });
  const figures = {
    requestsIn,
    statusesIn,
    callsOut: upstream.length,
    upstreamStatuses: upstream.map((request) => request.status),
    busiestMinute,
    meanLagS: lags.reduce((sum, lag) => sum + lag, 0) / lags.length / 1000,
    worstLagS: Math.max(...lags) / 1000,
    pollers,
  };
  console.log(
    [
      `load: ${pollerCount} pollers, ${sessionIds.length} sessions, ${minutes} simulated minutes in ${realMs} ms`,
      `  requests in (browser -> proxy): ${requestsIn}  by status: ${JSON.stringify(statusesIn)}`,
      `  calls out (proxy -> Maven):     ${figures.callsOut}  busiest minute: ${busiestMinute}/${LIMIT.requests}` +
        `  upstream 429s: ${figures.upstreamStatuses.filter((status) => status === 429).length}`,
      `  terminal seen after it happened: mean ${figures.meanLagS.toFixed(1)} s, worst ${figures.worstLagS.toFixed(1)} s`,
    ].join("\n"),
  );
  return figures;
}

function expectEveryPollerSawItsSessionFinish(pollers: Poller[]) {
  for (const poller of pollers) {
    expect(poller.done, `poller for ${poller.sessionId} stopped at ${poller.seen?.status}`).toBe(true);
    expect(poller.seen?.status).toBe(simulator.getSession(poller.sessionId)!.status);
  }
}

it(
  "keeps 50 pollers over 10 sessions within Maven's rate limit, and every poller still sees its session finish",
  async () => {
    // Scenarios that end terminal, stretched so the sessions finish between about one and four minutes in.
    const plan: Array<[ScenarioName, number]> = [
      ["success", 12],
      ["declined", 18],
      ["insufficientFunds", 24],
      ["abandoned", 30],
      ["cancelled", 40],
      ["expired", 25],
      ["authorizedThenTransfer", 20],
      ["tokenize", 36],
      ["success", 42],
      ["declined", 9],
    ];
    const sessionIds = plan.map(
      ([scenario, timeScale]) =>
        simulator.addSession({ scenario, timeScale, sessionId: crypto.randomUUID() }).session_id,
    );
    const minutes = 5;
    const figures = await simulate(sessionIds, 50, minutes);

    expect(figures.busiestMinute).toBeLessThanOrEqual(LIMIT.requests);
    expect(figures.callsOut).toBeLessThanOrEqual(LIMIT.requests * minutes);
    expect(figures.upstreamStatuses.every((status) => status === 200)).toBe(true);
    expect(figures.requestsIn).toBeGreaterThan(figures.callsOut * 10);
    expectEveryPollerSawItsSessionFinish(figures.pollers);
    // Fair sharing: no session is starved while busier ones take every refresh.
    expect(figures.worstLagS).toBeLessThanOrEqual(60);
  },
  REAL_TIME_LIMIT_MS,
);

it(
  "meets a burst of 40 new sessions with 429 + Retry-After, never a 429 from Maven, and still serves them all",
  async () => {
    // More sessions than a minute's budget, all opened at once: the budget itself is the limit here.
    const sessionIds = Array.from(
      { length: 40 },
      (_, i) =>
        simulator.addSession({
          scenario: i % 2 ? "success" : "declined",
          timeScale: 10,
          sessionId: crypto.randomUUID(),
        }).session_id,
    );
    const minutes = 6;
    const figures = await simulate(sessionIds, 80, minutes);

    expect(figures.busiestMinute).toBe(LIMIT.requests);
    expect(figures.upstreamStatuses.every((status) => status === 200)).toBe(true);
    expect(figures.statusesIn[429]).toBeGreaterThan(0);
    expectEveryPollerSawItsSessionFinish(figures.pollers);
  },
  REAL_TIME_LIMIT_MS,
);
