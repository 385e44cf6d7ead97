/**
 * The parts of the benchmark that need no DOM: parsing, the proxy, and the
 * mount benchmark's Chromium driver. run.mjs calls them, then the viewer
 * counts (viewers-run.ts) under jsdom, and prints one table.
 */
import { createMavenSimulator, makeSession, MOCK_API_KEY } from "@trymaven/mock";
import { startMockServer } from "@trymaven/mock/server";
import { runProxy, type ProxyRun } from "./proxy.js";

export { benchParse, type ParseTimes } from "./parse.js";
export { benchMount, type MountTimes } from "./mount.js";

export interface ProxyFigures {
  viewers: number;
  sessions: number;
  minutes: number;
  /** A direct call to the mock (what the naive proxy makes for every request), median and 99th percentile, ms. */
  directMs: { p50: number; p99: number };
  maven: ProxyRun;
  naive: ProxyRun;
}

export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

export async function benchProxy(viewers = 100, sessions = 10, minutes = 3): Promise<ProxyFigures> {
  let time = Date.parse("2026-11-26T09:00:00Z");
  const clock = { now: () => time, set: (next: number) => void (time = next) };
  const simulator = createMavenSimulator({
    now: clock.now,
    fixtures: false,
    apiKey: MOCK_API_KEY,
    rateLimit: { limit: 20, windowMs: 60_000 },
  });
  const mock = await startMockServer({ simulator });
  try {
    // The reference: one direct call at a time, 3 s apart on the simulated clock (within the limit).
    const session = simulator.addSession(makeSession({ status: "collecting" }));
    const direct: number[] = [];
    for (let i = 0; i < 200; i++) {
      time += 3_000;
      const started = performance.now();
      const response = await fetch(`${mock.url}/v1/sessions/${session.session_id}`, {
        headers: { authorization: `Bearer ${MOCK_API_KEY}` },
      });
      await response.text();
      if (i >= 20) direct.push(performance.now() - started);
    }
    const run = (kind: "maven" | "naive") =>
      runProxy({ kind, viewers, sessions, minutes, upstreamUrl: mock.url, simulator, clock });
    const maven = await run("maven");
    const naive = await run("naive");
    return {
      viewers,
      sessions,
      minutes,
      directMs: { p50: percentile(direct, 50), p99: percentile(direct, 99) },
      maven,
      naive,
    };
  } finally {
    await mock.close();
  }
}
