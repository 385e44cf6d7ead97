/**
 * A merchant's proxy under load: V viewers (browser clients polling every 3 s,
 * backing off like core's poller after errors) over S live sessions, through
 * `createSessionHandler` or through a naive pass-through proxy, both against
 * @trymaven/mock's loopback server enforcing Maven's 20 requests per minute.
 * Shared by the benchmark and test/bench (which asserts the counts).
 *
 * Time is simulated, as in core's server-load test: the proxy, the mock's rate
 * limit and the viewers share one clock moved in 250 ms ticks, so minutes take
 * a second of real time; every viewer due at a tick sends its request, all at
 * once. Latency is real: each proxied request is timed on the wall clock.
 */
import { backoffDelay, createMavenClient, MavenError, type Session } from "@trymaven/core";
import { createSessionHandler } from "@trymaven/core/server";
import { makeSession, MOCK_API_KEY, type MavenSimulator } from "@trymaven/mock";

export type ProxyKind = "maven" | "naive";

export interface ProxyRun {
  /** Requests from viewers to the proxy. */
  requestsIn: number;
  /** Calls from the proxy to Maven (the mock). */
  callsOut: number;
  /** Calls out per simulated minute, averaged, and in the busiest sliding minute. */
  callsPerMinute: number;
  busiestMinute: number;
  /** Calls Maven answered 429. */
  upstream429: number;
  /** Viewer requests answered 200. */
  answered200: number;
  /** Wall-clock time of every proxied request, in milliseconds. */
  latenciesMs: number[];
}

export const PROXY_INTERVAL_MS = 3_000;
const TICK_MS = 250;
const MAX_INTERVAL_MS = 30_000;
const START = Date.parse("2026-11-26T10:00:00Z");
const PROXY_ORIGIN = "http://admin.merchant.test/api/maven";

/** What a developer writes without a library: every request goes to Maven with the key. */
export function naiveProxy(upstreamUrl: string, apiKey: string) {
  return async (request: Request): Promise<Response> => {
    const sessionId = new URL(request.url).pathname.split("/").pop() ?? "";
    const upstream = await fetch(`${upstreamUrl}/v1/sessions/${encodeURIComponent(sessionId)}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    return new Response(await upstream.text(), {
      status: upstream.status,
      headers: { "content-type": "application/json", "cache-control": "no-store" },
    });
  };
}

/**
 * Runs one proxy for `minutes` simulated minutes. `simulator` must be the one
 * behind `upstreamUrl`, created with `now: clock.now` and Maven's rate limit.
 */
export async function runProxy(options: {
  kind: ProxyKind;
  viewers: number;
  sessions: number;
  minutes: number;
  upstreamUrl: string;
  simulator: MavenSimulator;
  clock: { now(): number; set(time: number): void };
}): Promise<ProxyRun> {
  const { kind, viewers, minutes, simulator, clock } = options;
  clock.set(START);
  simulator.reset();
  const sessionIds = Array.from({ length: options.sessions }, (_, i) => {
    const sessionId = `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
    // Live for the whole run: every poll is one the proxy must answer with fresh enough data.
    simulator.addSession(makeSession({ session_id: sessionId, status: "collecting" }));
    return sessionId;
  });

  const handler =
    kind === "maven"
      ? createSessionHandler({
          apiKey: MOCK_API_KEY,
          baseUrl: options.upstreamUrl,
          authorize: () => true,
          now: clock.now,
          logger: { warn: () => {}, error: () => {} },
        })
      : naiveProxy(options.upstreamUrl, MOCK_API_KEY);

  const latenciesMs: number[] = [];
  let requestsIn = 0;
  let answered200 = 0;
  const browser = createMavenClient({
    baseUrl: PROXY_ORIGIN,
    maxRetries: 0,
    fetch: async (input, init) => {
      requestsIn += 1;
      const started = performance.now();
      const response = await handler(new Request(input, init));
      latenciesMs.push(performance.now() - started);
      if (response.status === 200) answered200 += 1;
      return response;
    },
  });

  const pollers = Array.from({ length: viewers }, (_, i) => ({
    sessionId: sessionIds[i % sessionIds.length]!,
    // Pages open at different moments in the first ten seconds.
    nextAt: START + ((i * 7_919) % 10_000),
    failures: 0,
  }));
  const poll = async (poller: (typeof pollers)[number]) => {
    try {
      const session: Session = await browser.sessions.get(poller.sessionId);
      if (session.is_terminal) throw new Error("sessions stay live in this run");
      poller.failures = 0;
      poller.nextAt = clock.now() + PROXY_INTERVAL_MS;
    } catch (error) {
      if (!(error instanceof MavenError)) throw error;
      // What the browser's poller does after a failure: back off, honouring Retry-After.
      poller.failures += 1;
      poller.nextAt = clock.now() + backoffDelay(poller.failures, error, PROXY_INTERVAL_MS, MAX_INTERVAL_MS);
    }
  };

  for (let time = START; time < START + minutes * 60_000; time += TICK_MS) {
    clock.set(time);
    await Promise.all(pollers.filter((poller) => poller.nextAt <= time).map(poll));
  }

  const calls = simulator.requests.filter((request) => request.sessionId !== null);
  const times = calls.map((request) => request.at).sort((a, b) => a - b);
  let busiestMinute = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= 60_000) j++;
    busiestMinute = Math.max(busiestMinute, i - j + 1);
  }
  return {
    requestsIn,
    callsOut: calls.length,
    callsPerMinute: calls.length / minutes,
    busiestMinute,
    upstream429: calls.filter((request) => request.status === 429).length,
    answered200,
    latenciesMs,
  };
}
