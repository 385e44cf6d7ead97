import { createMavenSimulator, MOCK_API_KEY } from "@trymaven/mock";
import { startMockServer, type MockServer } from "@trymaven/mock/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProxy } from "../../bench/src/proxy.js";

let time = 0;
const clock = { now: () => time, set: (next: number) => void (time = next) };
const simulator = createMavenSimulator({
  now: clock.now,
  fixtures: false,
  apiKey: MOCK_API_KEY,
  rateLimit: { limit: 20, windowMs: 60_000 },
});
let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ simulator });
});
afterAll(async () => {
  await mock?.close();
});

describe("100 viewers over 10 live sessions for 3 simulated minutes", () => {
  const run = (kind: "maven" | "naive") =>
    runProxy({ kind, viewers: 100, sessions: 10, minutes: 3, upstreamUrl: mock.url, simulator, clock });

  it("createSessionHandler stays within Maven's 20 per minute and answers every viewer", async () => {
    const figures = await run("maven");
    expect(figures.busiestMinute).toBeLessThanOrEqual(20);
    expect(figures.upstream429).toBe(0);
    expect(figures.answered200).toBe(figures.requestsIn);
    expect(figures.requestsIn).toBeGreaterThan(figures.callsOut * 10);
  });

  it("the naive proxy makes one upstream call per viewer request, blows the limit and hands viewers 429s", async () => {
    const figures = await run("naive");
    expect(figures.callsOut).toBe(figures.requestsIn);
    expect(figures.busiestMinute).toBeGreaterThan(20 * 10);
    expect(figures.upstream429).toBeGreaterThan(figures.callsOut / 2);
    expect(figures.answered200).toBeLessThan(figures.requestsIn / 2);
  });
});
