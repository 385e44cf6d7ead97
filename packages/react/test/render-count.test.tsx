import { Profiler, memo } from "react";
import { render } from "@testing-library/react";
import type { Session } from "@trymaven/core";
import { HttpResponse } from "msw";
import { describe, expect, test } from "vitest";
import { SessionCard, useSession } from "../src/index.js";
import {
  SESSION_A,
  advance,
  createHarness,
  sequence,
  serveSessions,
  session,
  setupTestEnvironment,
} from "./support.js";

setupTestEnvironment();

const POLLS = 16;

/** Renders `Probe` against a session that answers the same JSON every time, and counts its renders over `POLLS` polls. */
async function rendersOverUnchangedPolls(Probe: () => React.ReactNode, counter: { renders: number }) {
  const api = serveSessions(sequence(session({ status: "collecting" })));
  const { wrapper } = createHarness();
  render(<Probe />, { wrapper });
  await advance(0);
  const afterLoad = counter.renders;
  // Poll by poll: React 18's act() renders once per call, whatever happened inside it.
  for (let poll = 0; poll < POLLS; poll++) await advance(3_000);
  expect(api.count()).toBe(POLLS + 1);
  return { afterLoad, total: counter.renders };
}

describe("re-renders only for the fields a component reads", () => {
  test("a component reading only `session` does not re-render for unchanged responses", async () => {
    const counter = { renders: 0 };
    function Probe() {
      const { session } = useSession(SESSION_A);
      counter.renders++;
      return <p>{session?.status}</p>;
    }
    const { afterLoad, total } = await rendersOverUnchangedPolls(Probe, counter);
    expect(afterLoad).toBe(2);
    expect(total).toBe(2);
  });

  test("a memoised child given `session` renders once for the loaded session, and never again", async () => {
    const counter = { renders: 0 };
    const childRenders = { renders: 0 };
    const View = memo(function View({ session }: { session: Session | undefined }) {
      childRenders.renders++;
      return <p>{session?.status}</p>;
    });
    function Probe() {
      const { session } = useSession(SESSION_A);
      counter.renders++;
      return <View session={session} />;
    }
    await rendersOverUnchangedPolls(Probe, counter);
    expect(childRenders.renders).toBe(2);
  });

  test.each([
    ["isTerminal", (r: ReturnType<typeof useSession>) => r.isTerminal],
    ["isPolling", (r: ReturnType<typeof useSession>) => r.isPolling],
    ["error", (r: ReturnType<typeof useSession>) => r.error],
    ["data", (r: ReturnType<typeof useSession>) => r.data],
  ])("a component reading only `%s` does not re-render for unchanged responses", async (_, read) => {
    const counter = { renders: 0 };
    function Probe() {
      const value = read(useSession(SESSION_A));
      counter.renders++;
      return <p>{String(Boolean(value))}</p>;
    }
    const { total } = await rendersOverUnchangedPolls(Probe, counter);
    expect(total).toBeLessThanOrEqual(2);
  });

  test("for contrast: reading `isFetching` re-renders on every poll", async () => {
    const counter = { renders: 0 };
    function Probe() {
      const { isFetching } = useSession(SESSION_A);
      counter.renders++;
      return <p>{String(isFetching)}</p>;
    }
    const { afterLoad, total } = await rendersOverUnchangedPolls(Probe, counter);
    expect(total - afterLoad).toBeGreaterThanOrEqual(POLLS);
  });

  test("for contrast: spreading the result reads every field and re-renders on every poll", async () => {
    const counter = { renders: 0 };
    function Probe() {
      const all = { ...useSession(SESSION_A) };
      counter.renders++;
      return <p>{all.session?.status}</p>;
    }
    const { afterLoad, total } = await rendersOverUnchangedPolls(Probe, counter);
    expect(total - afterLoad).toBeGreaterThanOrEqual(POLLS);
  });

  test("a changed response re-renders a component reading `session` once", async () => {
    serveSessions(
      sequence(session({ status: "pending" }), session({ status: "pending" }), session({ status: "collecting" })),
    );
    const counter = { renders: 0 };
    function Probe() {
      const { session } = useSession(SESSION_A);
      counter.renders++;
      return <p>{session?.status}</p>;
    }
    const { wrapper } = createHarness();
    render(<Probe />, { wrapper });
    await advance(0);
    expect(counter.renders).toBe(2);
    await advance(3_000);
    expect(counter.renders).toBe(2);
    await advance(3_000);
    expect(counter.renders).toBe(3);
  });
});

describe("the connected SessionCard", () => {
  // A fixed clock: relative times would otherwise re-render the card on their own every 15 s.
  const NOW = Date.parse("2026-01-01T12:00:00Z");

  test("switched on after starting disabled, it commits nothing for unchanged polls", async () => {
    const api = serveSessions(sequence(session({ status: "collecting" })));
    const { wrapper } = createHarness();
    const commits = { count: 0 };
    const Card = ({ enabled }: { enabled: boolean }) => (
      <Profiler id="card" onRender={() => commits.count++}>
        <SessionCard sessionId={SESSION_A} sessionOptions={{ enabled }} now={NOW} />
      </Profiler>
    );
    const view = render(<Card enabled={false} />, { wrapper });
    await advance(0);
    expect(view.container.querySelector("article")?.dataset.state).toBe("idle");
    view.rerender(<Card enabled />);
    await advance(0);
    expect(view.getByText("collecting", { exact: false })).toBeTruthy();
    const afterLoad = commits.count;
    for (let poll = 0; poll < POLLS; poll++) await advance(3_000);
    expect(api.count()).toBe(POLLS + 1);
    expect(commits.count - afterLoad).toBe(0);
  });

  test("over a proxy's copy 30 s old or more, it commits nothing for unchanged polls while the copy's Age grows", async () => {
    // createSessionHandler counts Age in whole seconds from when it fetched its copy; each poll works out "as of" again.
    const fetchedAt = Date.now() - 40_400;
    const collecting = session({ status: "collecting" });
    const api = serveSessions(() =>
      HttpResponse.json(collecting, {
        headers: { age: String(Math.floor((Date.now() - fetchedAt) / 1000)), "x-maven-cache": "stale" },
      }),
    );
    const { wrapper } = createHarness();
    const commits = { count: 0 };
    const view = render(
      <Profiler id="card" onRender={() => commits.count++}>
        <SessionCard sessionId={SESSION_A} sessionOptions={{ intervalMs: 2_500 }} now={NOW} />
      </Profiler>,
      { wrapper },
    );
    await advance(0);
    expect(view.container.querySelector("[data-live]")?.getAttribute("data-live")).toBe("delayed");
    const afterLoad = commits.count;
    // Every 2.5 s, so that "now less Age" moves by half a second from one poll to the next.
    for (let poll = 0; poll < POLLS; poll++) await advance(2_500);
    expect(api.count()).toBe(POLLS + 1);
    expect(view.container.querySelector("[data-live]")?.getAttribute("data-live")).toBe("delayed");
    expect(commits.count - afterLoad).toBe(0);
  });
});
