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

  it("renders on the server without pathological cost: the work per card, counted, not timed", () => {
    renderToString(<List labels={defaultLabels} tick={0} />); // warm up Intl's formatters
    const modeName = vi.fn(defaultLabels.modeName);
    const built = countIntlConstructions();
    let html: string;
    try {
      html = renderToString(<List labels={{ ...defaultLabels, modeName }} tick={0} />);
    } finally {
      built.restore();
    }
    expect(html.match(/<article/g)).toHaveLength(500);
    // Each card derives its values once (work that grows with the list, not with its square)...
    expect(modeName).toHaveBeenCalledTimes(500);
    // ...and builds no Intl formatter (about 0.1 ms each, a dozen values a card): they are cached per locale
    // and options, so a second render of the list builds none. (Timings are for `pnpm bench`, not tests.)
    expect(built.count).toBe(0);
  }, 60_000);
});

/** Counts `new Intl.NumberFormat`, `DateTimeFormat` and `RelativeTimeFormat` until `restore()`. */
function countIntlConstructions() {
  const names = ["NumberFormat", "DateTimeFormat", "RelativeTimeFormat"] as const;
  const originals = names.map((name) => Intl[name]);
  const counter = {
    count: 0,
    restore: () =>
      names.forEach((name, index) =>
        Object.defineProperty(Intl, name, { configurable: true, writable: true, value: originals[index] }),
      ),
  };
  names.forEach((name, index) =>
    Object.defineProperty(Intl, name, {
      configurable: true,
      writable: true,
      value: new Proxy(originals[index]!, {
        construct(target, args) {
          counter.count += 1;
          return Reflect.construct(target, args) as object;
        },
      }),
    }),
  );
  return counter;
}
