// @vitest-environment jsdom
import { act } from "react";
import { defaultScheduler, notifyManager } from "@tanstack/react-query";
import { collectingSession, makeSession } from "@trymaven/mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { countViewers, VIEWER_SESSION_ID, type ViewerHarness } from "../../bench/src/viewers.js";

const INTERVAL_MS = 3_000;
const TICKS = 3;
const live = makeSession({ ...collectingSession, session_id: VIEWER_SESSION_ID });
const terminal = makeSession({
  ...live,
  status: "payment-success",
  is_terminal: true,
  completed_at: "2026-11-24T15:07:00.000000+00:00",
});

// Captured before the fake timers are installed.
const realSetTimeout = globalThis.setTimeout;
const realTurn = () => new Promise<void>((resolve) => realSetTimeout(resolve, 0));

const harness: ViewerHarness = {
  createContainer: () => document.body.appendChild(document.createElement("div")),
  run: (work) =>
    act(async () => {
      await work();
    }),
  // Moves the fake clock, then lets responses and react-query's notifications land without moving it further.
  advance: (ms) =>
    act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
      for (let turn = 0; turn < 10; turn++) {
        await realTurn();
        await vi.advanceTimersByTimeAsync(0);
      }
    }),
};

beforeEach(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  vi.useFakeTimers();
  // react-query hands results to React on a zero-delay timer; keep it on the real clock (see react's test support).
  notifyManager.setScheduler((callback) => realSetTimeout(callback, 0));
});
afterEach(() => {
  notifyManager.setScheduler(defaultScheduler);
  vi.useRealTimers();
  document.body.innerHTML = "";
});

describe.each([1, 10, 100])("%i viewers of one session in one page", (viewers) => {
  it("@trymaven/react: one request per tick, none while hidden, none after terminal, no re-render per unchanged poll", async () => {
    const counts = await countViewers(harness, {
      kind: "maven",
      viewers,
      intervalMs: INTERVAL_MS,
      ticks: TICKS,
      live,
      terminal,
    });
    expect(counts).toMatchObject({ live: 1, hidden: 0, afterTerminal: 0, shownLive: viewers, shownTerminal: viewers });
    expect(counts.rendersPerPoll).toBe(0);
  });

  it("the naive hook: one request per viewer per tick, hidden or not, and a re-render per poll", async () => {
    const counts = await countViewers(harness, {
      kind: "naive",
      viewers,
      intervalMs: INTERVAL_MS,
      ticks: TICKS,
      live,
      terminal,
    });
    expect(counts).toMatchObject({
      live: viewers,
      hidden: viewers,
      afterTerminal: 0,
      shownLive: viewers,
      shownTerminal: viewers,
    });
    expect(counts.rendersPerPoll).toBe(1);
  });
});
