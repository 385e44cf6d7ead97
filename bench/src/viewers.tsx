/**
 * Requests and renders of N viewers of one session in one page, for
 * @trymaven/react (`<SessionCard sessionId>`, i.e. `useSession`) and for the
 * naive hook. Shared by the benchmark (real time, built packages) and
 * test/bench (fake timers, sources), which asserts the counts.
 *
 * Each run mounts the cards and measures in windows of whole poll intervals
 * that start half an interval after the ticks, so a tick never falls on a
 * window's edge:
 *   live      the session is unchanged: requests per tick, renders per card per poll
 *   hidden    the page is hidden (visibilityState + visibilitychange): requests per tick
 *   terminal  a second mount; the session turns terminal, is seen, then requests per tick
 */
import { Profiler, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMavenClient, type Session } from "@trymaven/core";
import { MavenProvider, SessionCard } from "@trymaven/react";
import { NaiveSessionCard } from "./naive-session.js";

export type ViewerKind = "maven" | "naive";

export interface ViewerHarness {
  /** A fresh element attached to the document, to render into. */
  createContainer(): HTMLElement;
  /** Runs `work` the way the environment needs (inside `act` in tests). */
  run(work: () => void | Promise<void>): Promise<void>;
  /** Moves time on by `ms` (fake or real) and lets fetches and renders settle. */
  advance(ms: number): Promise<void>;
}

export interface ViewerCounts {
  viewers: number;
  /** Requests per poll interval while the session is live and unchanged. */
  live: number;
  /** Requests per poll interval while the page is hidden. */
  hidden: number;
  /** Requests per poll interval once the session is terminal and every card has shown it. */
  afterTerminal: number;
  /** Renders per card per poll while the session is live and unchanged. */
  rendersPerPoll: number;
  /** Cards showing the session when the live window ended, and showing it terminal at the end. */
  shownLive: number;
  shownTerminal: number;
}

export const VIEWER_SESSION_ID = "7d1c0f3a-52b4-4e8e-9a61-3c2b1d0e4f58";
const BASE_URL = "http://admin.merchant.test/api/maven";

/** The merchant's proxy as the browser sees it: answers the session's current state and counts requests. */
export function createUpstream(initial: Session) {
  let current = initial;
  let requests = 0;
  const fetch: typeof globalThis.fetch = async () => {
    requests += 1;
    return new Response(JSON.stringify(current), { headers: { "content-type": "application/json" } });
  };
  return {
    fetch,
    get requests() {
      return requests;
    },
    set(next: Session) {
      current = next;
    },
  };
}

/** Makes the page hidden or visible the way a browser does. */
export function setPageVisibility(state: DocumentVisibilityState): void {
  if (state === "visible") {
    delete (document as { visibilityState?: unknown }).visibilityState;
  } else {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  }
  document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
}

function cards(
  kind: ViewerKind,
  viewers: number,
  upstream: ReturnType<typeof createUpstream>,
  intervalMs: number,
  onRender: () => void,
): ReactNode {
  const list = Array.from({ length: viewers }, (_, i) => (
    <Profiler key={i} id={`card-${i}`} onRender={onRender}>
      {kind === "maven" ? (
        <SessionCard sessionId={VIEWER_SESSION_ID} sessionOptions={{ intervalMs }} />
      ) : (
        <NaiveSessionCard
          url={`${BASE_URL}/v1/sessions/${VIEWER_SESSION_ID}`}
          intervalMs={intervalMs}
          fetch={upstream.fetch}
        />
      )}
    </Profiler>
  ));
  if (kind === "naive") return list;
  const client = createMavenClient({ baseUrl: BASE_URL, fetch: upstream.fetch });
  return (
    <QueryClientProvider client={new QueryClient()}>
      <MavenProvider client={client}>{list}</MavenProvider>
    </QueryClientProvider>
  );
}

export async function countViewers(
  harness: ViewerHarness,
  options: { kind: ViewerKind; viewers: number; intervalMs: number; ticks: number; live: Session; terminal: Session },
): Promise<ViewerCounts> {
  const { kind, viewers, intervalMs, ticks } = options;
  // Tick by tick: React's act() renders once per call, however many updates happened inside it.
  const window = async () => {
    for (let tick = 0; tick < ticks; tick++) await harness.advance(intervalMs);
  };
  let renders = 0;
  const onRender = () => {
    renders += 1;
  };

  // Live, then hidden.
  let upstream = createUpstream(options.live);
  let container = harness.createContainer();
  let root = createRoot(container);
  await harness.run(() => root.render(cards(kind, viewers, upstream, intervalMs, onRender)));
  await harness.advance(intervalMs / 2);
  if (renders < viewers) {
    throw new Error("No renders counted: <Profiler> reports renders only in React's development or profiling builds.");
  }
  let before = upstream.requests;
  renders = 0;
  await window();
  const live = (upstream.requests - before) / ticks;
  const rendersPerPoll = renders / ticks / viewers;
  const shownLive = container.querySelectorAll(`article[data-status="${options.live.status}"]`).length;
  await harness.run(() => setPageVisibility("hidden"));
  before = upstream.requests;
  await window();
  const hidden = (upstream.requests - before) / ticks;
  await harness.run(() => root.unmount());
  setPageVisibility("visible");

  // Terminal.
  upstream = createUpstream(options.live);
  container = harness.createContainer();
  root = createRoot(container);
  await harness.run(() => root.render(cards(kind, viewers, upstream, intervalMs, onRender)));
  await harness.advance(intervalMs / 2);
  upstream.set(options.terminal);
  await harness.advance(intervalMs);
  before = upstream.requests;
  await window();
  const afterTerminal = (upstream.requests - before) / ticks;
  const shownTerminal = container.querySelectorAll('article[data-terminal="true"]').length;
  await harness.run(() => root.unmount());

  return { viewers, live, hidden, afterTerminal, rendersPerPoll, shownLive, shownTerminal };
}
