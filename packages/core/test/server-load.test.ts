/**
 * Load: 50 browser pollers over 10 sessions for five simulated minutes, through
 * createSessionHandler, against the mock Maven API enforcing Maven's rate limit
 * (20 requests per minute) on the same simulated clock.
 *
 * Time is simulated: the handler and the simulator share one clock that the test
 * moves in 250 ms ticks, so five minutes take a second or two of real time.
 * Each tick, every poller that is due sends its request through the browser
 * client (which validates the body), all at once; requests for one session
 * therefore arrive together, as they do from many open tabs.
 */
import { createMavenSimulator, MOCK_API_KEY, type ScenarioName } from "@trymaven/mock";
import { startMockServer } from "@trymaven/mock/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createMavenClient, InternalServerError, RateLimitError, type Session } from "../src/index.js";
import { createSessionHandler } from "../src/server/index.js";

const SESSIONS = 10;
const POLLERS = 50;
const SIMULATED_MS = 5 * 60_000;
const TICK_MS = 250;
/** The browser client's default poll interval. */
const POLL_INTERVAL_MS = 3_000;
const BUDGET = { requests: 20, windowMs: 60_000 };

const START = Date.parse("2026-11-26T10:00:00Z");
let clock = START;
const now = () => clock;

/** Scenarios that end terminal, stretched so the sessions finish between about one and four minutes in. */
const plan: Array<{ scenario: ScenarioName; timeScale: number }> = [
  { scenario: "success", timeScale: 12 },
  { scenario: "declined", timeScale: 18 },
  { scenario: "insufficientFunds", timeScale: 24 },
  { scenario: "abandoned", timeScale: 30 },
  { scenario: "cancelled", timeScale: 40 },
  { scenario: "expired", timeScale: 25 },
  { scenario: "authorizedThenTransfer", timeScale: 20 },
  { scenario: "tokenize", timeScale: 36 },
  { scenario: "success", timeScale: 42 },
  { scenario: "declined", timeScale: 9 },
];

const simulator = createMavenSimulator({
  now,
  fixtures: false,
  apiKey: MOCK_API_KEY,
  rateLimit: { limit: BUDGET.requests, windowMs: BUDGET.windowMs },
});
let mockServer: Awaited<ReturnType<typeof startMockServer>>;

beforeAll(async () => {
  mockServer = await startMockServer({ simulator });
});
afterAll(async () => {
  await mockServer?.close();
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

it("keeps 50 pollers over 10 sessions within Maven's rate limit, and every poller still sees its session finish", async () => {
  const sessionIds = plan.map(
    ({ scenario, timeScale }) =>
      simulator.addSession({ scenario, timeScale, sessionId: crypto.randomUUID() }).session_id,
  );
  expect(sessionIds).toHaveLength(SESSIONS);

  const handler = createSessionHandler({
    apiKey: MOCK_API_KEY,
    baseUrl: mockServer.url,
    authorize: () => true,
    rateLimit: BUDGET,
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

  const pollers: Poller[] = Array.from({ length: POLLERS }, (_, i) => ({
    sessionId: sessionIds[i % SESSIONS]!,
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
      poller.failures += 1;
      const asked = error instanceof RateLimitError ? (error.retryAfterMs ?? 0) : 0;
      if (!(error instanceof RateLimitError || error instanceof InternalServerError)) throw error;
      poller.nextAt = clock + Math.min(30_000, Math.max(asked, POLL_INTERVAL_MS * 2 ** (poller.failures - 1)));
    }
  }

  const startedAt = performance.now();
  for (; clock <= START + SIMULATED_MS; clock += TICK_MS) {
    const due = pollers.filter((poller) => !poller.done && poller.nextAt <= clock);
    await Promise.all(due.map(poll));
  }
  const realMs = Math.round(performance.now() - startedAt);

  const upstream = simulator.requests;
  const callsOut = upstream.length;
  // The worst sliding minute, measured where Maven measures: at arrival.
  const times = upstream.map((request) => request.at).sort((a, b) => a - b);
  let busiestMinute = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= BUDGET.windowMs) j++;
    busiestMinute = Math.max(busiestMinute, i - j + 1);
  }
  const upstream429 = upstream.filter((request) => request.status === 429).length;
  // How long after a session ended its viewers found out.
  const lags = pollers.map((poller) => {
    const completedAt = Date.parse(simulator.getSession(poller.sessionId)!.completed_at!);
    return (poller.sawTerminalAt ?? Number.POSITIVE_INFINITY) - completedAt;
  });
  const worstLagS = Math.max(...lags) / 1000;
  const meanLagS = lags.reduce((sum, lag) => sum + lag, 0) / lags.length / 1000;

  console.log(
    [
      `load: ${POLLERS} pollers, ${SESSIONS} sessions, ${SIMULATED_MS / 60_000} simulated minutes in ${realMs} ms`,
      `  requests in (browser -> proxy): ${requestsIn}  by status: ${JSON.stringify(statusesIn)}`,
      `  calls out (proxy -> Maven):     ${callsOut}  busiest minute: ${busiestMinute}/${BUDGET.requests}  upstream 429s: ${upstream429}`,
      `  terminal seen after it happened: mean ${meanLagS.toFixed(1)} s, worst ${worstLagS.toFixed(1)} s`,
    ].join("\n"),
  );

  expect(busiestMinute).toBeLessThanOrEqual(BUDGET.requests);
  expect(callsOut).toBeLessThanOrEqual(BUDGET.requests * (SIMULATED_MS / BUDGET.windowMs));
  expect(upstream429).toBe(0);
  expect(upstream.every((request) => request.status === 200)).toBe(true);
  expect(requestsIn).toBeGreaterThan(callsOut * 10);
  // Fair sharing: no session is starved while busier ones take every refresh.
  expect(worstLagS).toBeLessThanOrEqual(60);
  for (const poller of pollers) {
    expect(poller.done, `poller for ${poller.sessionId} saw ${poller.seen?.status}`).toBe(true);
    const final = simulator.getSession(poller.sessionId)!;
    expect(poller.seen?.status).toBe(final.status);
  }
});
