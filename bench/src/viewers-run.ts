/**
 * The viewer counts on the real clock (the benchmark): loaded by run.mjs
 * after it has installed jsdom's globals, so react-dom sees a DOM.
 */
import { collectingSession, makeSession } from "@trymaven/mock";
import { countViewers, VIEWER_SESSION_ID, type ViewerCounts, type ViewerHarness } from "./viewers.js";

/** Short real intervals keep the run quick; the windows start half an interval off the ticks, so jitter is harmless. */
const INTERVAL_MS = 200;
const TICKS = 5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const harness: ViewerHarness = {
  createContainer: () => document.body.appendChild(document.createElement("div")),
  run: async (work) => {
    await work();
    await sleep(0);
  },
  advance: sleep,
};

export async function benchViewers(
  viewerCounts: number[],
  { intervalMs = INTERVAL_MS, ticks = TICKS } = {},
): Promise<Record<"maven" | "naive", ViewerCounts[]>> {
  const live = makeSession({ ...collectingSession, session_id: VIEWER_SESSION_ID });
  const terminal = makeSession({ ...live, status: "payment-success", is_terminal: true });
  const results: Record<"maven" | "naive", ViewerCounts[]> = { maven: [], naive: [] };
  for (const viewers of viewerCounts) {
    for (const kind of ["maven", "naive"] as const) {
      results[kind].push(await countViewers(harness, { kind, viewers, intervalMs, ticks, live, terminal }));
      document.body.innerHTML = "";
    }
  }
  return results;
}
