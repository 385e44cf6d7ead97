import { render } from "@testing-library/react";
import { listFixtures, makeSession } from "@trymaven/mock";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { SessionCard, defaultLabels, type SessionCardLabels } from "../../src/index.js";
import { cleanupAfterEach } from "./support.js";

cleanupAfterEach();

const fixtures = listFixtures().map(({ session }) => session);
const sessions = Array.from({ length: 500 }, (_, index) =>
  makeSession({
    ...fixtures[index % fixtures.length]!,
    session_id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
  }),
);
const NOW = Date.parse("2026-11-24T16:00:00Z");

function List({ labels, tick }: { labels: Partial<SessionCardLabels>; tick: number }) {
  return (
    <div data-tick={tick}>
      {sessions.map((session) => (
        <SessionCard key={session.session_id} session={session} labels={labels} now={NOW} />
      ))}
    </div>
  );
}

describe("a list of 500 cards", () => {
  it("derives each card's values once, and not again when the parent re-renders with the same sessions", () => {
    const modeName = vi.fn(defaultLabels.modeName);
    const labels = { modeName };
    const { rerender, container } = render(<List labels={labels} tick={0} />);
    expect(container.querySelectorAll("article")).toHaveLength(500);
    expect(modeName).toHaveBeenCalledTimes(500);
    rerender(<List labels={labels} tick={1} />);
    expect(modeName).toHaveBeenCalledTimes(500);
  }, 60_000);

  it("renders on the server without pathological cost", () => {
    renderToString(<List labels={defaultLabels} tick={0} />); // warm up Intl and the JIT
    const start = performance.now();
    const html = renderToString(<List labels={defaultLabels} tick={0} />);
    const elapsed = performance.now() - start;
    expect(html.match(/<article/g)).toHaveLength(500);
    // ~0.5 s on an idle 2-core machine; the bound only catches a regression of a different order
    // (say, work that grows with the square of the list), not ordinary noise.
    expect(elapsed).toBeLessThan(10_000);
  }, 60_000);
});
