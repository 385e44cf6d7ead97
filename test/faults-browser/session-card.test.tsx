/**
 * The fault matrix as the user sees it: a connected `<SessionCard sessionId>` in Chromium polling the
 * mock's loopback server, each fault injected once the first poll has shown `pending`.
 */
import { waitFor, within } from "@testing-library/react";
import { SessionCard } from "@trymaven/react";
import { describe, expect, inject, it } from "vitest";
import { commands } from "vitest/browser";
import {
  FAULT_MATRIX,
  FLAPPING,
  OFFLINE,
  OLDER_STATE,
  OTHER_SESSION_ID,
  type CardErrorKind,
} from "../faults/matrix.ts";
import { mockControl } from "../faults/support/mock-control.ts";
import { tally } from "../faults/support/tally.ts";
import {
  expectLayoutHolds,
  expectNothingRan,
  mockClient,
  renderCard,
  sleep,
  startOutage,
  watchPage,
  type Attempts,
} from "./support.tsx";

const mock = mockControl(inject("mockUrl"));
const INTERVAL_MS = 100;
const MAX_INTERVAL_MS = 1_200;
const POLLING = { intervalMs: INTERVAL_MS, maxIntervalMs: MAX_INTERVAL_MS } as const;
/**
 * The hang row's time limit per attempt, short so the row runs in seconds; the other rows keep the client's 10 s.
 * The client holds every attempt to it, the row's good answers too: 1 s, not less, for a busy machine.
 */
const HANG_TIMEOUT_MS = 1_000;
/** Timer rounding: a timer may fire a millisecond or so before its delay by `performance.now()`. */
const SLACK_MS = 5;
/**
 * More failed attempts in a row than the card's waits leave room for in one test (15 s: 100, 200, 400, 800 ms,
 * then 1.2 s apart, make 16): a request storm, whatever the load.
 */
const STORM = 20;
/** Long enough for the slowest row (two 1 s `Retry-After` waits, or three 1 s timeouts and their backoff). */
const WAIT = { timeout: 8_000, interval: 20 } as const;

const TITLES: Record<CardErrorKind, string> = {
  "not-found": "Session not found",
  unauthorized: "Not authorised",
  "rate-limited": "Rate limited — retrying",
  network: "Network problem",
  contract: "Unexpected response",
  // Over data on screen, no "Couldn't load this session": the stale line alone.
  unknown: "Couldn't refresh. Showing the session as of",
};

watchPage();

/** The card's state as the user sees it. */
function view(card: HTMLElement) {
  return {
    state: card.dataset.state,
    status: card.dataset.status,
    terminal: card.dataset.terminal,
    live: card.querySelector(".mvn-live") !== null,
    banner: card.querySelector<HTMLElement>("[data-error]")?.dataset.error ?? null,
  };
}

async function expectTrueTerminal(card: () => HTMLElement, sessionId: string): Promise<void> {
  await waitFor(() => expect(view(card())).toMatchObject({ status: "payment-success", terminal: "true" }), WAIT);
  expect(view(card())).toEqual({
    state: "ready",
    status: "payment-success",
    terminal: "true",
    live: false,
    banner: null,
  });
  expect((await mock.session(sessionId)).status).toBe("payment-success");
}

/**
 * The least wait the card puts after the `failures`-th failed attempt in a row (no `Retry-After`) before it
 * asks again: core's `backoffDelay(failures, error, INTERVAL_MS, MAX_INTERVAL_MS)`, as react-query's
 * `retryDelay` between the attempts of a fetch, and as its `refetchInterval` after a fetch's last retry (the
 * query observer restarts that interval on every update of the query, so it too counts from the failure).
 */
const backoffAfter = (failures: number) => Math.min(MAX_INTERVAL_MS, INTERVAL_MS * 2 ** (failures - 1));

/**
 * The card backed off: each attempt after a failed one (a retry, a poll or the one that recovers) was sent no
 * sooner than `backoffAfter` the failure's place in its streak, as sent by the client's fetch (Chromium's own
 * resends on a reset happen inside one fetch), or `retryAfterMs` when the failures asked for that wait
 * (`Retry-After`). Returns the length of each streak of failed attempts, in order.
 */
function expectBackoff(attempts: Attempts, retryAfterMs = 0): number[] {
  const streaks: number[] = [];
  const early: string[] = [];
  let streak = 0;
  attempts.at.forEach((at, index) => {
    if (!attempts.failed[index]) {
      if (streak > 0) streaks.push(streak);
      streak = 0;
      return;
    }
    streak += 1;
    const next = attempts.at[index + 1];
    const least = Math.max(backoffAfter(streak), retryAfterMs);
    if (next !== undefined && next - at < least - SLACK_MS) {
      early.push(`attempt ${index + 2}: ${Math.round(next - at)} ms after failure ${streak} in a row, not ${least}`);
    }
  });
  if (streak > 0) streaks.push(streak);
  expect(early, "attempts sent before the backoff was over").toEqual([]);
  expect(Math.max(0, ...streaks), "failed attempts in a row").toBeLessThanOrEqual(STORM);
  return streaks;
}

/** Once polling is over, nothing asks again (also after the card unmounts). */
async function expectQuiet(sessionId: string, unmount: () => void): Promise<number> {
  const count = (await mock.requests(sessionId)).length;
  await sleep(5 * INTERVAL_MS);
  expect(await mock.requests(sessionId)).toHaveLength(count);
  unmount();
  await sleep(3 * INTERVAL_MS);
  const requests = await mock.requests(sessionId);
  expect(requests).toHaveLength(count);
  expect(requests.filter((request) => request.outcome === "pending")).toEqual([]);
  return count;
}

describe.concurrent("<SessionCard sessionId>, one fault after the first good poll", () => {
  it.for(FAULT_MATRIX)("$id", async (row, context) => {
    tally(context, "fault", row.id, "card");
    const { session_id: id } = await mock.addScenario("success");
    let outage: Promise<{ end(): Promise<number> }> | undefined;
    const { client, attempts } = mockClient(
      mock.url,
      async (response, index) => {
        // The first good answer is back: queue the fault before the card even sees it.
        if (index !== 0 || !response.ok) return;
        if (row.browserOutage) await (outage = startOutage(mock, id, row.fault));
        else await mock.injectFault(id, row.fault, row.times);
      },
      row.id === "hang" ? { timeoutMs: HANG_TIMEOUT_MS } : undefined,
    );
    const harness = renderCard({
      context,
      client,
      forbidden: [OTHER_SESSION_ID, "<html", "nginx"],
      children: <SessionCard sessionId={id} sessionOptions={POLLING} locale="en-US" timeZone="UTC" />,
    });
    const { card } = harness;
    expect(view(card()).state).toBe("loading");

    if (row.card) {
      const kind = row.card.kind;
      // The last good state stays on screen, under a warning that names the problem.
      await waitFor(() => expect(harness.errorKinds).toContain(kind), WAIT);
      expect(harness.errorKinds).toEqual([kind]);
      if (row.policy === "stop") {
        await waitFor(() => expect(view(card())).toMatchObject({ status: "pending", banner: kind }), WAIT);
        const banner = card().querySelector<HTMLElement>("[data-error]")!;
        expect(banner.textContent).toContain(TITLES[kind]);
        expect(banner.textContent).not.toContain("Couldn't load");
        expect(banner.textContent).toMatch(/Couldn't refresh\. Showing the session as of /);
        // Polling has stopped, so the card no longer claims to be live.
        expect(view(card()).live).toBe(false);
        const retry = within(card()).queryByRole("button", { name: "Retry" });
        expect(retry !== null).toBe(row.card.retryButton);
        await sleep(5 * INTERVAL_MS);
        expect(await mock.requests(id)).toHaveLength(2);
        expect(attempts.calls).toBe(2);
        if (retry) {
          // Retry asks again; the fault is spent, so polling resumes to the end.
          retry.click();
          await expectTrueTerminal(card, id);
        }
      } else if (outage) {
        const drained = await (await outage).end();
        await expectTrueTerminal(card, id);
        // The card backed off: a fetch and its two retries failed, then more while the outage lasted (however
        // long that was on this machine), each sent no sooner than the policy's wait after the failure before it.
        expect(attempts.calls - attempts.failures).toBe(3);
        expect(expectBackoff(attempts)).toEqual([attempts.failures]);
        expect(attempts.failures).toBeGreaterThanOrEqual(row.times);
        // Chromium may have resent each failed fetch once per pooled connection, no more.
        const gets = (await mock.requests(id)).filter((request) => request.method === "GET");
        expect(gets.length).toBeLessThanOrEqual(3 + 7 * attempts.failures);
        expect(drained).toBeGreaterThan(0);
      } else {
        await expectTrueTerminal(card, id);
        // The good polls and exactly one request per injected fault (retries included), no more.
        expect(await mock.requests(id)).toHaveLength(1 + row.times + 2);
        expect(attempts.calls).toBe(1 + row.times + 2);
        if (row.policy === "retry") {
          // Each retry sent no sooner than the backoff (or the 429's `Retry-After`) allows after the failure before it.
          const retryAfter = typeof row.fault === "object" && "retryAfter" in row.fault ? row.fault.retryAfter : null;
          const waitMs = typeof retryAfter === "number" ? retryAfter * 1_000 : 0;
          expect(expectBackoff(attempts, waitMs)).toEqual([row.times]);
        }
      }
    } else if (row.policy === "end") {
      await waitFor(() => expect(view(card())).toMatchObject({ status: "payment-refunded", terminal: "true" }), WAIT);
      expect(view(card())).toMatchObject({ live: false, banner: null });
      expect(card().querySelector(".mvn-badge")?.textContent).toContain(row.shows);
      expect(card().dataset.tone).toBe("neutral");
      expect(attempts.calls).toBe(2);
    } else {
      await waitFor(() => expect(card().textContent).toContain(row.shows), WAIT);
      if (row.id === "unknown-status") {
        expect(view(card())).toMatchObject({ status: "payment-under-review", live: true, banner: null });
        // Unknown, but the server says it is still live.
        expect(card().dataset.tone).toBe("progress");
      }
      if (row.id === "unknown-gateway") expect(card().dataset.gateway).toBe("adyen");
      if (row.id === "oversized") {
        // 2 MiB of memory, shown as a preview until asked for.
        expect(card().textContent!.length).toBeLessThan(5_000);
      }
      expectLayoutHolds(harness.container);
      await expectTrueTerminal(card, id);
      expect(await mock.requests(id)).toHaveLength(1 + row.times + 2);
      expect(attempts.calls).toBe(1 + row.times + 2);
    }

    expectLayoutHolds(harness.container);
    await expectQuiet(id, harness.unmount);
    expect(harness.problems).toEqual([]);
    expectNothingRan();
  });
});

describe("<SessionCard sessionId> on a flapping network", () => {
  /** What the card showed, sampled every 50 ms while the page was offline (filled by the first test). */
  const whileOffline: Array<ReturnType<typeof view>> = [];

  it("pauses while the page is offline, resumes on reconnect and reaches the true terminal state", async (context) => {
    tally(context, "fault", OFFLINE.id, "card");
    const { session_id: id } = await mock.addScenario("success");
    const flaps: Array<Promise<void>> = [];
    const { client, attempts } = mockClient(mock.url, async (response, index) => {
      // After each of the first two good answers, the whole browser context goes offline for 1.2 s.
      if (index < 2 && response.ok) {
        flaps.push(commands.goOfflineFor(1_200));
        await waitFor(() => expect(navigator.onLine).toBe(false), WAIT);
      }
    });
    const harness = renderCard({
      context,
      client,
      children: <SessionCard sessionId={id} sessionOptions={POLLING} locale="en-US" timeZone="UTC" />,
    });
    const { card } = harness;
    // Chromium turns `navigator.onLine` false a task before it fires "offline", which is what the card (and
    // react-query) hear: sample only once that event has been dispatched, as a user would see the page.
    let offline = false;
    const hear = (event: Event) => void (offline = event.type === "offline");
    window.addEventListener("offline", hear);
    window.addEventListener("online", hear);
    const sample = setInterval(() => {
      if (offline && card().dataset.state === "ready") whileOffline.push(view(card()));
    }, 50);
    try {
      await waitFor(() => expect(flaps).toHaveLength(2), WAIT);
      await Promise.all(flaps);
      await expectTrueTerminal(card, id);
    } finally {
      clearInterval(sample);
      window.removeEventListener("offline", hear);
      window.removeEventListener("online", hear);
    }
    // Offline twice for 1.2 s: the card was on screen all along, showing pending, then collecting.
    expect(whileOffline.length).toBeGreaterThan(20);
    expect(new Set(whileOffline.map((state) => state.status))).toEqual(new Set(["pending", "collecting"]));
    // Nothing was asked while offline: three good answers, no failed request.
    expect((await mock.requests(id)).map((request) => request.outcome)).toEqual(["response", "response", "response"]);
    expect(attempts).toMatchObject({ calls: 3, failures: 0 });
    expect(harness.problems).toEqual([]);
    await expectQuiet(id, harness.unmount);
  });

  // Regression (was the known bug "offline-shows-live"): the card said "Live" all the while it was offline.
  it("does not present the last state as live while offline", (context) => {
    tally(context, "fault", OFFLINE.id, "card");
    expect(whileOffline.length).toBeGreaterThan(20);
    // While the page is offline the card must not present what it shows as live and current.
    expect(whileOffline.filter((state) => state.live && state.banner === null)).toEqual([]);
  });

  it("shows a network problem while connections are reset, then recovers, twice", async (context) => {
    tally(context, "fault", FLAPPING.id, "card");
    const { session_id: id } = await mock.addScenario("success");
    const outages: Array<Promise<{ end(): Promise<number> }>> = [];
    const { client, attempts } = mockClient(mock.url, async (response, index) => {
      // Down after each of the first two good answers (pending, collecting), until the card says so.
      if (index < 2 && response.ok) await (outages[index] = startOutage(mock, id, "reset"));
    });
    const harness = renderCard({
      context,
      client,
      children: <SessionCard sessionId={id} sessionOptions={POLLING} locale="en-US" timeZone="UTC" />,
    });
    const { card } = harness;
    for (const [index, status] of ["pending", "collecting"].entries()) {
      await waitFor(() => expect(view(card())).toMatchObject({ status, banner: "network" }), WAIT);
      await waitFor(() => expect(outages[index]).toBeDefined(), WAIT);
      await (await outages[index]!).end();
    }
    await expectTrueTerminal(card, id);
    expect(harness.errorKinds).toEqual(["network"]);
    // Three good answers, and in between two streaks of failed attempts (a fetch and its two retries at least,
    // then as many as each outage lasted for), each attempt sent no sooner than the backoff allows.
    const gets = (await mock.requests(id)).filter((request) => request.method === "GET");
    expect(gets.filter((request) => request.outcome === "response")).toHaveLength(3);
    expect(attempts.calls - attempts.failures).toBe(3);
    const streaks = expectBackoff(attempts);
    expect(streaks).toHaveLength(2);
    expect(Math.min(...streaks)).toBeGreaterThanOrEqual(3);
    expect(gets.length).toBeLessThanOrEqual(3 + 7 * attempts.failures);
    expect(harness.problems).toEqual([]);
    await expectQuiet(id, harness.unmount);
  });
});

describe("<SessionCard sessionId> and an older state after a newer one (a lagging replica)", () => {
  /** Every status the card showed, in order, without repeats (filled by the first test). */
  const shown: string[] = [];

  it("goes on to the true terminal state", async (context) => {
    tally(context, "fault", OLDER_STATE.id, "card");
    const { session_id: id } = await mock.addScenario("success");
    let first: unknown;
    const { client, attempts } = mockClient(mock.url, async (response, index) => {
      if (index === 0) first = await response.clone().json();
      // Once collecting is back, one answer is the first state again, byte for byte.
      if (index === 1) await mock.injectFault(id, { type: "status", status: 200, body: first }, 1);
    });
    const harness = renderCard({
      context,
      client,
      children: <SessionCard sessionId={id} sessionOptions={POLLING} locale="en-US" timeZone="UTC" />,
    });
    const record = () => {
      const status = harness.card().dataset.status;
      if (status && shown.at(-1) !== status) shown.push(status);
    };
    const observer = new MutationObserver(record);
    // The skeleton is replaced by a new element (childList), whose data-status then changes (attributes).
    observer.observe(harness.container, { subtree: true, childList: true, attributes: true });
    try {
      await expectTrueTerminal(harness.card, id);
    } finally {
      observer.disconnect();
    }
    record();
    expect(shown).toContain("collecting");
    expect(attempts.calls).toBe(4);
    expect(harness.problems).toEqual([]);
    await expectQuiet(id, harness.unmount);
  });

  // Regression (was the known bug "older-state-shown"): the card stepped back to pending.
  it("never steps back to an older state", (context) => {
    tally(context, "fault", OLDER_STATE.id, "card");
    expect(shown.length).toBeGreaterThan(1);
    expect(shown).toEqual(["pending", "collecting", "payment-success"]);
  });
});
