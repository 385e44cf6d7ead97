import { act, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMavenClient, type Session } from "@trymaven/core";
import { fixtures, makeSession } from "@trymaven/mock";
import { HttpResponse, delay, http, type JsonBodyType } from "msw";
import { StrictMode, type ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import {
  MavenProvider,
  SessionCard,
  sessionQueryKey,
  sessionQueryOptions,
  type UseSessionOptions,
} from "../../src/index.js";
import { cleanupAfterEach, expectNoAxeViolations, harness, listenWithMockServer, serve, server } from "./support.js";

cleanupAfterEach();
listenWithMockServer();
// findBy and waitFor wait 1 s by default: 40 cards rendering in jsdom on a loaded 2-core machine can take longer.
// 3 s, inside the test's own 5 s: a card that never gets there still fails with what it shows.
configure({ asyncUtilTimeout: 3_000 });

const collecting = fixtures.collecting;
const ID = collecting.session_id;
const succeeded = makeSession({ ...collecting, status: "payment-success", is_terminal: true });
/** No react-query retries and a slow poll, unless a test asks otherwise: each request is one the test sent. */
const quiet: UseSessionOptions = { retry: 0, intervalMs: 60_000 };
const OTHER_ID = "9c2d7e11-3b8a-4f6d-8e0c-7a5b4c3d2e10";
/** 404 for ID; OTHER_ID's request never answers (until it is aborted). */
function server404ThenHang() {
  server.use(
    http.get("*/api/maven/v1/sessions/:sessionId", ({ params, request }) =>
      params.sessionId === ID
        ? HttpResponse.json({ detail: "Session not found" }, { status: 404 })
        : new Promise<Response>((resolve) =>
            request.signal.addEventListener("abort", () => resolve(HttpResponse.error()), { once: true }),
          ),
    ),
  );
}
const error = (status: number, body: JsonBodyType = { detail: "nope" }, headers?: Record<string, string>) =>
  HttpResponse.json(body, { status, headers });

/** Asks again, and lets the card render the answer (react-query tells its observers on a timeout). */
const askAgain = (queryClient: QueryClient) =>
  act(async () => {
    await queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) });
    await new Promise((resolve) => setTimeout(resolve, 20));
  });

function renderCard(options: UseSessionOptions = quiet, timeoutMs?: number) {
  const { wrapper, queryClient } = harness({ timeoutMs });
  const view = render(<SessionCard sessionId={ID} sessionOptions={options} locale="en-US" timeZone="UTC" />, {
    wrapper,
  });
  return { ...view, queryClient };
}

describe("SessionCard (connected): loading and live data", () => {
  it("shows a busy skeleton with readable text until the session arrives", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    serve(async () => {
      await gate;
      return collecting;
    });
    renderCard();
    const skeleton = screen.getByRole("article", { name: "Loading session…" });
    expect(skeleton).toHaveAttribute("aria-busy", "true");
    expect(skeleton).toHaveAttribute("data-state", "loading");
    expect(screen.getByText("Loading session…")).toBeVisible();
    await expectNoAxeViolations(skeleton);
    release();
    const card = await screen.findByRole("article", { name: collecting.description! });
    expect(card).not.toHaveAttribute("aria-busy");
    expect(card).toHaveAttribute("data-state", "ready");
  });

  it("shows “Live” with a decorative pulsing dot while polling, and drops it at terminal", async () => {
    serve(collecting, succeeded);
    renderCard({ retry: 0, intervalMs: 30 });
    const live = await screen.findByText("Live");
    expect(live.querySelector(".mvn-live__dot")).toHaveAttribute("aria-hidden", "true");
    await screen.findByText("Payment succeeded");
    expect(screen.queryByText("Live")).toBeNull();
  });

  it("says it is offline, not “Live”, while the browser is offline, and “Live” again once back online (bug: offline still showed Live)", async () => {
    serve(() => HttpResponse.json(collecting));
    renderCard({ retry: 0, intervalMs: 60_000 });
    const live = await screen.findByText("Live");
    expect(live).toHaveAttribute("data-live", "live");
    try {
      // What a browser does when the network goes (react-query's onlineManager listens for it).
      act(() => void window.dispatchEvent(new Event("offline")));
      expect(screen.queryByText("Live")).toBeNull();
      expect(document.querySelector(".mvn-live")).toBeNull();
      const paused = screen.getByText("Offline — will resume", { selector: "[data-live]" });
      expect(paused).toHaveAttribute("data-live", "paused");
      // A screen reader hears it too.
      expect(screen.getByText("Offline — will resume", { selector: ".mvn-sr-only" })).toHaveAttribute("role", "status");
      // The data is still on screen, as it was.
      expect(screen.getByRole("article", { name: collecting.description! })).toHaveAttribute("data-state", "ready");
      await expectNoAxeViolations(screen.getByRole("article"));
    } finally {
      act(() => void window.dispatchEvent(new Event("online")));
    }
    expect(screen.getByText("Live")).toHaveAttribute("data-live", "live");
    expect(screen.queryByText("Offline — will resume")).toBeNull();
  });

  it("announces the status change once through a polite live region, not the first load", async () => {
    serve(collecting, collecting, succeeded);
    renderCard({ retry: 0, intervalMs: 30 });
    await screen.findByText("Collecting card details");
    const region = screen.getAllByRole("status").find((node) => node.classList.contains("mvn-sr-only"))!;
    expect(region.textContent).toBe("");
    const announcements: string[] = [];
    const observer = new MutationObserver(() => announcements.push(region.textContent ?? ""));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    await screen.findByText("Payment succeeded");
    observer.disconnect();
    expect(region).toHaveTextContent("Payment status: Payment succeeded");
    expect(announcements.filter(Boolean)).toEqual(["Payment status: Payment succeeded"]);
  });

  it("announces the status change once when two cards follow the same session (bug: once per card)", async () => {
    serve(collecting, collecting, succeeded);
    const { wrapper } = harness();
    const options: UseSessionOptions = { retry: 0, intervalMs: 30 };
    render(
      <>
        <SessionCard sessionId={ID} sessionOptions={options} />
        <SessionCard sessionId={ID} sessionOptions={options} />
      </>,
      { wrapper },
    );
    await waitFor(() => expect(screen.getAllByText("Collecting card details")).toHaveLength(2));
    const announcements: string[] = [];
    const observer = new MutationObserver(() =>
      announcements.push(...regions.map((region) => region.textContent ?? "").filter(Boolean)),
    );
    const regions = screen
      .getAllByRole("article")
      .map((card) => card.querySelector(':scope > .mvn-sr-only[role="status"]')!);
    for (const region of regions) observer.observe(region, { childList: true, characterData: true, subtree: true });
    await waitFor(() => expect(screen.getAllByText("Payment succeeded")).toHaveLength(2));
    observer.disconnect();
    expect(announcements).toEqual(["Payment status: Payment succeeded"]);
  });

  it("keeps the last data on screen with a warning when a later poll fails, and retries on request", async () => {
    const user = userEvent.setup();
    const server = serve(collecting, error(503), succeeded);
    // A slow interval, and the failing poll triggered by hand: no timer decides what the test sees.
    const { queryClient } = renderCard();
    await screen.findByText("Collecting card details");
    expect(screen.getByText("Live")).toBeInTheDocument();
    // A polite live region is on the card before anything goes wrong: a screen reader reads what is added to
    // it, where a region mounted together with its text is often missed.
    const notice = screen.getAllByRole("status").find((node) => node.classList.contains("mvn-notice"))!;
    expect(notice).toBeEmptyDOMElement();
    await act(() => queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) }));
    const banner = await screen.findByText(/Couldn't refresh\. Showing the session as of/);
    const callout = banner.closest(".mvn-callout")!;
    // The region holds the warning's text alone; Retry follows it in the same callout, so it is not read out
    // as part of the warning.
    expect(notice.parentElement).toBe(callout);
    expect(notice).toContainElement(banner);
    expect(within(notice).queryByRole("button")).toBeNull();
    expect(notice).toHaveAttribute("role", "status");
    expect(callout).not.toHaveAttribute("role");
    expect(callout).toHaveAttribute("data-tone", "warning");
    // No "Couldn't load this session" over the session that is on screen: the stale line says it.
    expect(callout).not.toHaveTextContent("Couldn't load");
    // Still polling, but not "Live" over a warning that the last refresh failed.
    expect(screen.queryByText("Live")).toBeNull();
    // Still the data, under the banner.
    expect(screen.getByRole("article", { name: collecting.description! })).toHaveAttribute("data-state", "ready");
    expect(screen.getByText("Collecting card details")).toBeInTheDocument();
    expect(server.count()).toBe(2);
    await user.click(within(callout as HTMLElement).getByRole("button", { name: "Retry" }));
    await screen.findByText("Payment succeeded");
    expect(server.count()).toBe(3);
    expect(screen.queryByText(/Couldn't refresh/)).toBeNull();
    expect(notice).toBeEmptyDOMElement();
    expect(notice.isConnected).toBe(true);
    // The status that changed while the warning was up is announced, as any other change.
    expect(document.querySelector('article > .mvn-sr-only[role="status"]')).toHaveTextContent(
      "Payment status: Payment succeeded",
    );
  });

  it("drops “Live” while react-query retries a failed poll, before any warning, and shows it again once a retry works", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The second poll fails; its retry (and every poll after it) waits at the gate.
    serve(collecting, error(503), async () => {
      await gate;
      return collecting;
    });
    renderCard({ retry: 2, intervalMs: 40 });
    await screen.findByText("Live");
    // The retry is on its way: the failure is known, the warning not yet shown, and the card is not following.
    await waitFor(() => expect(screen.queryByText("Live")).toBeNull());
    expect(screen.queryByText(/Couldn't refresh/)).toBeNull();
    expect(screen.getByText("Collecting card details")).toBeInTheDocument();
    release();
    expect(await screen.findByText("Live")).toHaveAttribute("data-live", "live");
    expect(screen.queryByText(/Couldn't refresh/)).toBeNull();
  });

  it.each([["not a number"], [""], ["-"], ["Infinity"], ["-1e400"], ["-5"]])(
    "still says what the copy is when a proxy's Age is unreadable (%j): as of when it came (bug: a warning with no words)",
    async (age) => {
      serve(error(502, { detail: "The session service failed.", session: collecting }, { age }));
      const before = Date.now();
      renderCard();
      const banner = await screen.findByText(/^Couldn't refresh\. Showing the session as of /);
      const shown = banner.textContent!.replace(/^.* as of /, "").replace(/\.$/, "");
      expect(Math.abs(Date.parse(`${shown} UTC`) - before)).toBeLessThan(60_000);
      expect(screen.getByText("Collecting card details")).toBeInTheDocument();
    },
  );

  it("shows the proxy's last good copy under the warning when Maven fails before the card had anything", async () => {
    const user = userEvent.setup();
    // What createSessionHandler answers when Maven fails and it holds a copy fetched 90 s ago.
    const failedWithCopy = error(
      502,
      { detail: "The session service failed; try again shortly.", session: collecting },
      { age: "90", "x-maven-cache": "stale" },
    );
    const api = serve(failedWithCopy, succeeded);
    const asked = Date.now();
    renderCard();
    const banner = await screen.findByText(/Couldn't refresh\. Showing the session as of /);
    // The copy, as data this card had: its fields on screen, the warning over it, and no "Live".
    expect(screen.getByRole("article", { name: collecting.description! })).toHaveAttribute("data-state", "ready");
    expect(screen.getByText("Collecting card details")).toBeInTheDocument();
    expect(screen.queryByText("Live")).toBeNull();
    expect(banner.closest(".mvn-callout")).toHaveAttribute("data-error", "unknown");
    // "As of" when the proxy fetched it (Age: 90), not when the browser was answered.
    const asOf = (at: number) =>
      new Date(at).toLocaleTimeString("en-US", {
        timeZone: "UTC",
        hour: "numeric",
        minute: "2-digit",
        second: "2-digit",
      });
    // Age 90 before the answer, which came between `asked` and now: any second of that span (however long a
    // loaded machine took), and the one before it for rounding.
    const text = banner.textContent!;
    const seconds = new Set([asOf(Date.now() - 90_000)]);
    for (let at = asked - 91_000; at < Date.now() - 90_000; at += 1_000) seconds.add(asOf(at));
    expect(
      [...seconds].some((time) => text.includes(time)),
      text,
    ).toBe(true);
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByText("Payment succeeded");
    expect(screen.queryByText(/Couldn't refresh/)).toBeNull();
    expect(api.count()).toBe(2);
  });

  it("keeps the “as of” of the proxy's copy while the proxy sends that copy again (bug: Age in whole seconds moved it by a second, and the banner was read out again)", async () => {
    // createSessionHandler counts Age in whole seconds from when it fetched its copy, here 400 ms past a second.
    let fetchedAt = Date.parse("2026-11-24T16:00:00.400Z");
    let copy: Session = collecting;
    let clock = fetchedAt + 90_600;
    vi.spyOn(Date, "now").mockImplementation(() => clock);
    const failedWithCopy = () =>
      error(
        502,
        { detail: "The session service failed; try again shortly.", session: copy },
        { age: String(Math.floor((clock - fetchedAt) / 1000)) },
      );
    const api = serve(failedWithCopy);
    const { queryClient } = renderCard();
    await screen.findByText(/Couldn't refresh\. Showing the session as of /);
    const notice = document.querySelector(".mvn-notice")!;
    // Age 90, 90.6 s after the fetch: as of 16:00:01.0.
    expect(notice).toHaveTextContent("as of Nov 24, 2026, 4:00:01 PM.");
    const changes: string[] = [];
    const observer = new MutationObserver(() => changes.push(notice.textContent ?? ""));
    observer.observe(notice, { childList: true, characterData: true, subtree: true });

    // 2.5 s on, the same copy with Age 93: worked out again, it would be 16:00:00.5.
    clock = fetchedAt + 93_100;
    await askAgain(queryClient);
    expect(api.count()).toBe(2);
    expect(notice).toHaveTextContent("as of Nov 24, 2026, 4:00:01 PM.");
    expect(changes).toEqual([]);

    // A newer copy (the proxy refreshed it) has its own time.
    copy = makeSession({ ...collecting, updated_at: "2026-11-24T16:03:00Z" });
    fetchedAt = Date.parse("2026-11-24T16:03:10.000Z");
    clock = fetchedAt + 5_000;
    await askAgain(queryClient);
    observer.disconnect();
    expect(notice).toHaveTextContent("as of Nov 24, 2026, 4:03:10 PM.");
    expect(changes.map((text) => text.match(/as of (.*?)\./)?.[1])).toEqual(["Nov 24, 2026, 4:03:10 PM"]);
  });

  it("says “Delayed · as of …”, not “Live”, while a proxy answers with copies 30 s old or more, and “Live” once 90 s pass without one (bug: “Live” over a copy minutes old)", async () => {
    // createSessionHandler sharing Maven's rate limit among many live sessions: each copy is refreshed every minute
    // or two, and served as a 200 (X-Maven-Cache: stale) in between. Age counts whole seconds from its fetch.
    let fetchedAt = Date.parse("2026-11-24T16:00:00.400Z");
    let clock = fetchedAt + 45_600;
    vi.spyOn(Date, "now").mockImplementation(() => clock);
    const kept = () =>
      HttpResponse.json(collecting, {
        headers: { age: String(Math.floor((clock - fetchedAt) / 1000)), "x-maven-cache": "stale" },
      });
    const api = serve(kept);
    const { queryClient } = renderCard();
    // Age 45, 45.6 s after the fetch: as of 16:00:01.0.
    const indicator = await screen.findByText("Delayed · as of Nov 24, 2026, 4:00:01 PM");
    expect(indicator).toHaveAttribute("data-live", "delayed");
    expect(indicator).toHaveClass("mvn-delayed");
    expect(indicator.querySelector(".mvn-live__dot")).toHaveAttribute("aria-hidden", "true");
    expect(screen.queryByText("Live")).toBeNull();
    // Still following: no warning, and nothing read out.
    expect(screen.queryByText(/Couldn't refresh/)).toBeNull();
    expect(document.querySelector(".mvn-notice")).toBeEmptyDOMElement();
    await expectNoAxeViolations(screen.getByRole("article"));

    // The same copy, 2.5 s on, with Age 47: worked out again it would be 16:00:00.5. It keeps its time.
    const changes: string[] = [];
    const observer = new MutationObserver(() => changes.push(indicator.textContent ?? ""));
    observer.observe(indicator, { childList: true, characterData: true, subtree: true, attributes: true });
    clock = fetchedAt + 48_100;
    await askAgain(queryClient);
    expect(indicator).toHaveTextContent("Delayed · as of Nov 24, 2026, 4:00:01 PM");
    expect(changes).toEqual([]);
    const lastOld = clock;

    // The proxy refreshed it: a copy 29 s old is still delayed, as of its own fetch. The proxy is behind, and the
    // next copy will be as old again.
    fetchedAt = clock - 29_900;
    await askAgain(queryClient);
    expect(indicator).toHaveTextContent("Delayed · as of Nov 24, 2026, 4:00:19 PM");
    expect(indicator).toHaveAttribute("data-live", "delayed");

    // Fresh copies for almost 90 s after the last old one: still delayed, as of the newest.
    for (const after of [30_000, 60_000, 89_000]) {
      clock = lastOld + after;
      fetchedAt = clock - 1_000;
      await askAgain(queryClient);
    }
    expect(indicator).toHaveTextContent("Delayed · as of Nov 24, 2026, 4:02:16 PM");

    // 90 s without an old copy: "Live".
    clock = lastOld + 90_000;
    fetchedAt = clock;
    await askAgain(queryClient);
    expect(indicator).toHaveTextContent(/^Live$/);
    expect(indicator).toHaveAttribute("data-live", "live");

    // Refreshed long ago again: delayed at once, as of that copy's fetch (Age 120).
    fetchedAt = Date.parse("2026-11-24T16:01:00.000Z");
    clock = fetchedAt + 120_000;
    await askAgain(queryClient);
    observer.disconnect();
    expect(indicator).toHaveTextContent("Delayed · as of Nov 24, 2026, 4:01:00 PM");
    expect(api.count()).toBe(8);
  });

  it("stays “Delayed” while a busy proxy's copies age from fresh to 32 s and back (bug: the indicator blinked between “Live” and “Delayed”)", async () => {
    // Eight live sessions behind createSessionHandler: 15 refreshes a minute go round them, so each copy is
    // refreshed every 32 s and is 0 to 32 s old when asked for, every 3 s.
    const start = Date.parse("2026-11-24T16:00:00.000Z");
    let clock = start + 30_500;
    vi.spyOn(Date, "now").mockImplementation(() => clock);
    const fetchedAt = () => start + Math.floor((clock - start) / 32_000) * 32_000;
    serve(() =>
      HttpResponse.json(collecting, {
        headers: { age: String(Math.floor((clock - fetchedAt()) / 1000)), "x-maven-cache": "stale" },
      }),
    );
    const { queryClient } = renderCard();
    const indicator = await screen.findByText("Delayed · as of Nov 24, 2026, 4:00:00 PM");
    const shown = new Set<string>();
    for (let poll = 1; poll <= 64; poll++) {
      clock += 3_000;
      await askAgain(queryClient);
      shown.add(indicator.getAttribute("data-live")!);
    }
    // Over 192 s, six refreshes: the indicator never said "Live", and it says when the copy on screen was fetched.
    expect([...shown]).toEqual(["delayed"]);
    expect(fetchedAt()).toBe(Date.parse("2026-11-24T16:03:12.000Z"));
    expect(indicator).toHaveTextContent("Delayed · as of Nov 24, 2026, 4:03:12 PM");
  });

  it("dates the data under a warning from when the proxy fetched it, not from when the card got it", async () => {
    const fetchedAt = Date.parse("2026-11-24T16:00:00.000Z");
    let clock = fetchedAt + 100_000;
    vi.spyOn(Date, "now").mockImplementation(() => clock);
    serve(
      HttpResponse.json(collecting, { headers: { age: "100", "x-maven-cache": "stale" } }),
      error(503, { detail: "The session proxy failed unexpectedly." }),
    );
    const { queryClient } = renderCard();
    await screen.findByText("Delayed · as of Nov 24, 2026, 4:00:00 PM");
    clock += 3_000;
    await askAgain(queryClient);
    expect(await screen.findByText(/^Couldn't refresh\. Showing the session as of /)).toHaveTextContent(
      "Couldn't refresh. Showing the session as of Nov 24, 2026, 4:00:00 PM.",
    );
    expect(document.querySelector("[data-live]")).toBeNull();
  });

  it("takes a client that does not report its responses (one of your own) as answering fresh: “Live”", async () => {
    const queryClient = new QueryClient();
    const maven = { baseUrl: "/mine", sessions: { get: async () => collecting, poll: vi.fn(), watch: vi.fn() } };
    render(
      <QueryClientProvider client={queryClient}>
        <MavenProvider client={maven}>
          <SessionCard sessionId={ID} sessionOptions={quiet} />
        </MavenProvider>
      </QueryClientProvider>,
    );
    expect(await screen.findByText("Live")).toHaveAttribute("data-live", "live");
  });

  it.each([
    ["another session", { ...collecting, session_id: OTHER_ID }],
    ["a body that breaks the contract", { ...collecting, status: 42 }],
  ])("shows the error alone when the copy in the error is %s", async (_what, copy) => {
    serve(error(502, { detail: "The session service failed; try again shortly.", session: copy }, { age: "5" }));
    renderCard();
    const card = await screen.findByRole("article");
    await waitFor(() => expect(card).toHaveAttribute("data-state", "error"));
    expect(screen.getByText("Couldn't load this session")).toBeInTheDocument();
    expect(screen.queryByText("Collecting card details")).toBeNull();
  });

  it("renders on the server: a skeleton, or the card from a prefetched cache", () => {
    const maven = createMavenClient({ baseUrl: "/api/maven" });
    const empty = new QueryClient();
    const loading = renderToString(
      <QueryClientProvider client={empty}>
        <MavenProvider client={maven}>
          <SessionCard sessionId={ID} />
        </MavenProvider>
      </QueryClientProvider>,
    );
    expect(loading).toContain('aria-busy="true"');
    expect(loading).toContain("Loading session…");

    const filled = new QueryClient();
    filled.setQueryData(sessionQueryKey(ID), collecting);
    const html = renderToString(
      <QueryClientProvider client={filled}>
        <MavenProvider client={maven}>
          <SessionCard sessionId={ID} locale="en-US" timeZone="UTC" />
        </MavenProvider>
      </QueryClientProvider>,
    );
    expect(html).toContain(collecting.description);
    expect(html).toContain("Collecting card details");
  });
});

describe("SessionCard (connected): idle while the query is disabled (bug: a busy skeleton for as long as it stayed off)", () => {
  /** A calm placeholder: the card's frame, not busy, nothing announced, the bars still. */
  function expectIdle(text = "No session loaded.") {
    // Named by its text, as every state of the card is (bug: the idle and loading cards had no name).
    const card = screen.getByRole("article", { name: text });
    expect(card).toHaveAttribute("data-state", "idle");
    expect(card).not.toHaveAttribute("aria-busy");
    expect(screen.getByText(text)).toBeVisible();
    expect(screen.queryByText("Loading session…")).toBeNull();
    expect(screen.queryByRole("status")).toBeNull();
    return card;
  }
  /** The busy skeleton. */
  function expectLoading() {
    const card = screen.getByRole("article");
    expect(card).toHaveAttribute("data-state", "loading");
    expect(card).toHaveAttribute("aria-busy", "true");
  }
  /** Answers `collecting` once the test calls `release`, counting the requests. */
  function serveHeld() {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const requests = serve(async () => {
      await gate;
      return collecting;
    });
    return { requests, release };
  }
  /** Real time passing, long enough for several polls at `intervalMs: 20`. */
  const someTimePasses = () => act(() => new Promise<void>((resolve) => setTimeout(resolve, 100)));

  it("shows “No session loaded.”, not busy and not announced, and asks for nothing while `enabled` is false", async () => {
    const requests = serve(collecting);
    renderCard({ retry: 0, intervalMs: 20, enabled: false });
    await expectNoAxeViolations(expectIdle());
    await someTimePasses();
    expectIdle();
    expect(requests.count()).toBe(0);
  });

  it("is idle for an empty session id too, on the server and in the browser", () => {
    const requests = serve(collecting);
    const { wrapper } = harness();
    const html = renderToString(wrapper({ children: <SessionCard sessionId="" /> }));
    expect(html).toContain('data-state="idle"');
    expect(html).not.toContain("aria-busy");
    render(<SessionCard sessionId="" />, { wrapper });
    expectIdle();
    expect(requests.count()).toBe(0);
  });

  it("says the `idle` label instead when one is given", () => {
    const { wrapper } = harness();
    render(
      <SessionCard
        sessionId={ID}
        sessionOptions={{ enabled: false }}
        labels={{ idle: "Pick a call to see its payment." }}
      />,
      { wrapper },
    );
    expectIdle("Pick a call to see its payment.");
    expect(screen.queryByText("No session loaded.")).toBeNull();
  });

  it("goes to loading, then the session, once `enabled` turns true", async () => {
    const { requests, release } = serveHeld();
    const { wrapper } = harness();
    const card = (enabled: boolean) => (
      <SessionCard sessionId={ID} sessionOptions={{ ...quiet, enabled }} locale="en-US" timeZone="UTC" />
    );
    const { rerender } = render(card(false), { wrapper });
    expectIdle();
    rerender(card(true));
    expectLoading();
    expect(screen.getByRole("status")).toHaveTextContent("Loading session…");
    await waitFor(() => expect(requests.count()).toBe(1));
    release();
    const loaded = await screen.findByRole("article", { name: collecting.description! });
    expect(loaded).toHaveAttribute("data-state", "ready");
    expect(screen.getByText("Collecting card details")).toBeVisible();
  });

  it("enabled while offline: loading (the request waits for the network), not idle; then the session once back online", async () => {
    const requests = serve(collecting);
    const { wrapper } = harness();
    const card = (enabled: boolean) => <SessionCard sessionId={ID} sessionOptions={{ ...quiet, enabled }} />;
    const { rerender } = render(card(false), { wrapper });
    expectIdle();
    try {
      act(() => void window.dispatchEvent(new Event("offline")));
      rerender(card(true));
      // react-query holds the request (fetchStatus "paused"): still on its way, so busy, not idle.
      await someTimePasses();
      expectLoading();
      expect(requests.count()).toBe(0);
    } finally {
      act(() => void window.dispatchEvent(new Event("online")));
    }
    await screen.findByText("Collecting card details");
    expect(requests.count()).toBe(1);
  });

  it("shows loading, not idle, while the app itself fetches the session it is waiting for", async () => {
    const { requests, release } = serveHeld();
    const { wrapper, queryClient, maven } = harness();
    render(<SessionCard sessionId={ID} sessionOptions={{ ...quiet, enabled: false }} />, { wrapper });
    expectIdle();
    let prefetched: Promise<void> = Promise.resolve();
    act(() => void (prefetched = queryClient.prefetchQuery(sessionQueryOptions(maven, ID, quiet))));
    await waitFor(expectLoading);
    release();
    await act(() => prefetched);
    await screen.findByText("Collecting card details");
    expect(requests.count()).toBe(1);
  });
});

describe("SessionCard (connected): relative times keep moving between unchanged polls (bug: they froze)", () => {
  const start = Date.parse("2026-03-01T12:00:00Z");
  const at = (msFromStart: number) => new Date(start + msFromStart).toISOString();
  // Only the clock and intervals are fake: the mock network and react-query's timeouts stay real.
  beforeEach(() => vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"], now: start }));
  afterEach(() => vi.useRealTimers());
  const passes = (ms: number) => act(() => vi.advanceTimersByTimeAsync(ms));

  /** The text of the `<time>` in the field labelled `label`. */
  const timeIn = (card: HTMLElement, label: string) =>
    within(card).getByText(label).closest(".mvn-field")!.querySelector("time")!.textContent;

  it("counts “Expires” down and ages “Updated” while polls bring the same session, and stops the timer on unmount", async () => {
    const requests = serve(makeSession({ ...collecting, updated_at: at(0), expires_at: at(5 * 60_000) }));
    const view = renderCard({ retry: 0, intervalMs: 60_000 });
    const card = await screen.findByRole("article", { name: collecting.description! });
    expect(timeIn(card, "Expires")).toBe("in 5 minutes");
    expect(timeIn(card, "Updated")).toBe("now");

    // Two minutes: two unchanged polls (no re-render of their own) and eight ticks of the card's timer.
    await passes(2 * 60_000);
    await waitFor(() => expect(requests.count()).toBe(3));
    await waitFor(() => expect(timeIn(card, "Expires")).toBe("in 3 minutes"));
    expect(timeIn(card, "Updated")).toBe("2 minutes ago");

    view.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("ticks once a minute for a terminal session (it no longer polls), and not at all when `now` is given", async () => {
    serve(makeSession({ ...succeeded, updated_at: at(0), completed_at: at(0) }));
    const { wrapper } = harness();
    const view = render(<SessionCard sessionId={ID} sessionOptions={quiet} locale="en-US" />, { wrapper });
    const card = await screen.findByRole("article", { name: collecting.description! });
    expect(timeIn(card, "Completed")).toBe("now");
    // Terminal: react-query's polling interval is gone; the one timer left is the card's (a minute).
    expect(vi.getTimerCount()).toBe(1);
    await passes(60_000);
    expect(timeIn(card, "Completed")).toBe("1 minute ago");

    view.rerender(<SessionCard sessionId={ID} sessionOptions={quiet} locale="en-US" now={start} />);
    expect(timeIn(card, "Completed")).toBe("now");
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe("SessionCard (connected): many failing cards (bug: each raised its own role=alert)", () => {
  const ids = (count: number) => Array.from({ length: count }, () => crypto.randomUUID());
  // A burst ends after 2 s without a new failure. The clock stands still in the burst tests, so a loaded machine
  // pausing between two cards' failures cannot split one burst in two; time passes only where a test moves it.
  const stopClock = () => vi.spyOn(Date, "now").mockReturnValue(Date.now());

  function renderList(sessionIds: string[], wrapper: (props: { children: ReactNode }) => ReactNode) {
    return render(
      <ul>
        {sessionIds.map((id) => (
          <li key={id}>
            <SessionCard sessionId={id} sessionOptions={quiet} />
          </li>
        ))}
      </ul>,
      { wrapper },
    );
  }

  it.each([false, true])(
    "raises one assertive alert for a burst of failures; the other cards say it politely (StrictMode: %s)",
    async (strict) => {
      stopClock();
      serve(() => error(503));
      const { wrapper: providers } = harness();
      const wrapper = ({ children }: { children: ReactNode }) =>
        strict ? <StrictMode>{providers({ children })}</StrictMode> : providers({ children });
      const { container } = renderList(ids(40), wrapper);
      await waitFor(() => expect(container.querySelectorAll("[data-state=error]")).toHaveLength(40));
      const callouts = [...container.querySelectorAll("[data-state=error] .mvn-callout")];
      expect(callouts.map((callout) => callout.getAttribute("role")).sort()).toEqual([
        "alert",
        ...Array<string>(39).fill("status"),
      ]);
      expect(screen.getAllByRole("alert")).toHaveLength(1);
      expect(screen.getAllByRole("heading", { name: "Couldn't load this session" })).toHaveLength(40);
    },
  );

  it.each([false, true])(
    "reads a burst of “couldn't refresh” banners out once, and shows every card's (StrictMode: %s)",
    async (strict) => {
      stopClock();
      let down = false;
      server.use(
        http.get("*/api/maven/v1/sessions/:sessionId", ({ params }) =>
          down ? error(503) : HttpResponse.json({ ...collecting, session_id: String(params.sessionId) }),
        ),
      );
      const { wrapper: providers, queryClient } = harness();
      const wrapper = ({ children }: { children: ReactNode }) =>
        strict ? <StrictMode>{providers({ children })}</StrictMode> : providers({ children });
      const { container } = renderList(ids(40), wrapper);
      await waitFor(() => expect(container.querySelectorAll("[data-state=ready]")).toHaveLength(40));
      const notices = () => [...container.querySelectorAll(".mvn-notice")];
      const roles = () => notices().map((notice) => notice.getAttribute("role"));
      expect(roles()).toEqual(Array(40).fill("status"));

      down = true;
      await act(() => queryClient.refetchQueries());
      await waitFor(() =>
        expect(notices().filter((notice) => /Couldn't refresh/.test(notice.textContent!))).toHaveLength(40),
      );
      // One live region holds its banner; the other 39 banners are in plain elements, seen but not read out.
      expect(roles().sort()).toEqual([...Array<null>(39).fill(null), "status"]);
      expect(
        screen.getAllByRole("status").filter((region) => /Couldn't refresh/.test(region.textContent!)),
      ).toHaveLength(1);

      // Back: no banners, and every card's region in place for the next time.
      down = false;
      await act(() => queryClient.refetchQueries());
      await waitFor(() => expect(container.querySelectorAll(".mvn-notice .mvn-callout")).toHaveLength(0));
      expect(roles()).toEqual(Array(40).fill("status"));
    },
  );

  it("reads “Offline — will resume” out once when the browser goes offline under a list of live cards, and shows it on each", async () => {
    stopClock();
    server.use(
      http.get("*/api/maven/v1/sessions/:sessionId", ({ params }) =>
        HttpResponse.json({ ...collecting, session_id: String(params.sessionId) }),
      ),
    );
    const { wrapper } = harness();
    const { container } = render(
      <ul>
        {ids(20).map((id) => (
          <li key={id}>
            <SessionCard sessionId={id} sessionOptions={{ retry: 0, intervalMs: 60_000 }} />
          </li>
        ))}
      </ul>,
      { wrapper },
    );
    await waitFor(() => expect(container.querySelectorAll("[data-live=live]")).toHaveLength(20));
    const spokenOffline = () =>
      screen.getAllByRole("status").filter((region) => region.textContent === "Offline — will resume");
    expect(spokenOffline()).toHaveLength(0);
    try {
      act(() => void window.dispatchEvent(new Event("offline")));
      expect(container.querySelectorAll("[data-live=paused]")).toHaveLength(20);
      // Read out by one card, in a screen-reader-only region; seen on all twenty.
      expect(spokenOffline()).toHaveLength(1);
      expect(spokenOffline()[0]).toHaveClass("mvn-sr-only");
    } finally {
      act(() => void window.dispatchEvent(new Event("online")));
    }
    expect(container.querySelectorAll("[data-live=live]")).toHaveLength(20);
    expect(spokenOffline()).toHaveLength(0);
  });

  it("alerts again for a failure after a quiet moment, and once per card for a new kind of failure", async () => {
    const realNow = Date.now.bind(Date);
    let offset = 0;
    vi.spyOn(Date, "now").mockImplementation(() => realNow() + offset);
    const [first, second] = ids(2) as [string, string];
    const answers = new Map([
      [first, [error(503), error(503), error(404)]],
      [second, [error(503)]],
    ]);
    server.use(
      http.get("*/api/maven/v1/sessions/:sessionId", ({ params }) => {
        const queue = answers.get(String(params.sessionId))!;
        return queue.length > 1 ? queue.shift()! : queue[0]!.clone();
      }),
    );
    const { wrapper, queryClient } = harness();
    const { rerender } = renderList([first], wrapper);
    const alert = await screen.findByRole("alert");
    // The same failure again (a poll): the same alert, not a new one.
    await act(() => queryClient.refetchQueries({ queryKey: sessionQueryKey(first) }));
    expect(screen.getByRole("alert")).toBe(alert);
    offset += 10_000;
    rerender(
      <ul>
        {[first, second].map((id) => (
          <li key={id}>
            <SessionCard sessionId={id} sessionOptions={quiet} />
          </li>
        ))}
      </ul>,
    );
    await waitFor(() => expect(screen.getAllByRole("alert")).toHaveLength(2));
    // A different failure for the first card, 10 s later: news, so assertive again.
    offset += 10_000;
    await act(() => queryClient.refetchQueries({ queryKey: sessionQueryKey(first) }));
    const notFound = await screen.findByRole("heading", { name: "Session not found" });
    expect(notFound.closest(".mvn-callout")).toHaveAttribute("role", "alert");
  });
});

describe("SessionCard (connected): a message per failure", () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, "onLine");
  });

  it("says the session was not found (404), with no Retry", async () => {
    serve(error(404, { detail: "Session not found" }));
    renderCard();
    const heading = await screen.findByRole("heading", { name: "Session not found" });
    const card = screen.getByRole("article", { name: "Session not found" });
    expect(card).toHaveAttribute("data-state", "error");
    expect(card).toHaveAttribute("data-error", "not-found");
    expect(heading.closest("[role=alert]")).not.toBeNull();
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
    await expectNoAxeViolations(card);
  });

  it.each([
    [
      "an HTML page",
      () =>
        new HttpResponse("<!DOCTYPE html><title>404: This page could not be found</title>", {
          status: 404,
          headers: { "content-type": "text/html" },
        }),
    ],
    ["an empty body", () => new HttpResponse(null, { status: 404 })],
  ])(
    "does not say “Session not found” for a 404 with %s, which no proxy sends: nothing serves the route",
    async (_, reply) => {
      serve(reply());
      renderCard();
      const heading = await screen.findByRole("heading", { name: "Couldn't load this session" });
      expect(screen.getByRole("article")).toHaveAttribute("data-error", "unknown");
      expect(screen.queryByText(/No session has this ID/)).toBeNull();
      // A 404 is final: asking again gets the same page.
      expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
      expect(heading.closest("[role=alert]")).not.toBeNull();
    },
  );

  it.each([401, 403])("says the viewer is not authorised (%i)", async (status) => {
    serve(error(status));
    renderCard();
    await screen.findByRole("heading", { name: "Not authorised" });
    expect(screen.getByText("You don't have permission to see this session.")).toBeInTheDocument();
    expect(screen.getByRole("article")).toHaveAttribute("data-error", "unauthorized");
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
  });

  it("says it is rate limited and retrying (429)", async () => {
    serve(error(429, { detail: "Too many requests" }));
    renderCard();
    await screen.findByRole("heading", { name: "Rate limited — retrying" });
    expect(screen.getByRole("article")).toHaveAttribute("data-error", "rate-limited");
  });

  it("says “rate limited — retrying” while react-query retries a 429, then shows the session", async () => {
    serve(error(429, { detail: "Too many requests" }, { "Retry-After": "0" }), collecting);
    renderCard({ retry: 1, intervalMs: 200, maxIntervalMs: 400 });
    await screen.findByRole("heading", { name: "Rate limited — retrying" });
    await screen.findByText("Collecting card details");
  });

  it("reports a network problem with a Retry button that fetches again", async () => {
    const user = userEvent.setup();
    const server = serve(HttpResponse.error(), collecting);
    renderCard();
    await screen.findByRole("heading", { name: "Network problem" });
    expect(screen.getByText("The payment service couldn't be reached.")).toBeInTheDocument();
    expect(screen.getByRole("article")).toHaveAttribute("data-error", "network");
    await expectNoAxeViolations(screen.getByRole("article"));
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByText("Collecting card details");
    expect(server.count()).toBe(2);
  });

  /** What the card's hidden polite regions hold: what a screen reader has been told, other than on screen. */
  const spoken = () =>
    screen
      .getAllByRole("status")
      .filter((region) => region.classList.contains("mvn-sr-only") && region.textContent)
      .map((region) => region.textContent);

  /** Answers of the mock that wait for `open()`, one gate at a time. */
  function gated() {
    let open: () => void = () => {};
    let gate = Promise.resolve();
    return {
      close: () => void (gate = new Promise<void>((resolve) => (open = resolve))),
      open: () => open(),
      answer: (value: Response | Session) => async () => {
        await gate;
        return value;
      },
    };
  }

  it("tells a screen reader what became of a Retry it pressed (bug: a retry that failed the same way said nothing)", async () => {
    const user = userEvent.setup();
    const gates = gated();
    gates.close();
    serve(
      HttpResponse.error(),
      gates.answer(HttpResponse.error()),
      gates.answer(HttpResponse.error()),
      gates.answer(collecting),
    );
    const { queryClient } = renderCard();
    await screen.findByRole("heading", { name: "Network problem" });
    expect(spoken()).toEqual([]);
    // A poll of its own, not a press: shown ("Retrying…" under the error), never read out.
    act(() => void queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) }));
    await screen.findByText("Retrying…");
    expect(spoken()).toEqual([]);
    gates.open();
    await waitFor(() => expect(screen.queryByText("Retrying…")).toBeNull());
    // Pressed: "Retrying…", then the same failure again, read out though the alert has not changed.
    gates.close();
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(spoken()).toEqual(["Retrying…"]));
    gates.open();
    await waitFor(() => expect(spoken()).toEqual(["Network problem"]));
    // Pressed again: the region changes again, so it is read again.
    gates.close();
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(spoken()).toEqual(["Retrying…"]));
    gates.open();
    await screen.findByText("Collecting card details");
    expect(spoken()).toEqual([]);
  });

  it("a pressed Retry's own retries start from the first backoff, not the one earlier failures built up (bug: “Retrying…” for half a minute)", async () => {
    const user = userEvent.setup();
    // Six failures, the press's own failure, then the session.
    const api = serve(...Array.from({ length: 7 }, () => HttpResponse.error()), collecting);
    const { wrapper, queryClient } = harness();
    const card = (options: UseSessionOptions) => (
      <SessionCard sessionId={ID} sessionOptions={options} locale="en-US" timeZone="UTC" />
    );
    const { rerender } = render(card(quiet), { wrapper });
    await screen.findByRole("heading", { name: "Network problem" });
    for (let failures = 2; failures <= 6; failures++) {
      await act(() => queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) }));
      expect(api.count()).toBe(failures);
    }
    // Now one retry per fetch, 300 ms after a first failure: after six, a seventh's retry would wait 19.2 s.
    rerender(card({ retry: 1, intervalMs: 300, maxIntervalMs: 60_000 }));
    await user.click(screen.getByRole("button", { name: "Retry" }));
    // The press fails once, and its retry comes after about 300 ms.
    await screen.findByText("Collecting card details", {}, { timeout: 2_500 });
    expect(api.count()).toBe(8);
  });

  it("tells a screen reader what became of a Retry pressed in the warning over data", async () => {
    const user = userEvent.setup();
    const gates = gated();
    serve(collecting, HttpResponse.error(), gates.answer(HttpResponse.error()), gates.answer(succeeded));
    const { queryClient } = renderCard();
    await screen.findByText("Collecting card details");
    await act(() => queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) }));
    const warning = await screen.findByText(/Couldn't refresh/);
    const retry = () => within(warning.closest(".mvn-callout") as HTMLElement).getByRole("button", { name: "Retry" });
    expect(spoken()).toEqual([]);
    gates.close();
    await user.click(retry());
    await waitFor(() => expect(spoken()).toEqual(["Retrying…"]));
    gates.open();
    await waitFor(() => expect(spoken()).toEqual(["Network problem"]));
    await user.click(retry());
    await screen.findByText("Payment succeeded");
    expect(spoken()).toEqual(["Payment status: Payment succeeded"]);
  });

  it("says the warning's own line when a Retry pressed over data fails in a way it has no name for (bug: “Couldn't load this session” over the session on screen)", async () => {
    const user = userEvent.setup();
    const gates = gated();
    serve(collecting, error(503), gates.answer(error(503)));
    const { queryClient } = renderCard();
    await screen.findByText("Collecting card details");
    await act(() => queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) }));
    const warning = await screen.findByText(/^Couldn't refresh\. Showing the session as of /);
    gates.close();
    await user.click(within(warning.closest(".mvn-callout") as HTMLElement).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(spoken()).toEqual(["Retrying…"]));
    gates.open();
    await waitFor(() => expect(spoken()).toEqual([warning.textContent]));
    expect(screen.getByText("Collecting card details")).toBeInTheDocument();
  });

  it("Retry asks at once while react-query waits to retry and nothing has loaded (bug: the click joined the wait)", async () => {
    const user = userEvent.setup();
    const api = serve(HttpResponse.error(), HttpResponse.error(), collecting);
    const { wrapper, queryClient } = harness();
    const card = (options: UseSessionOptions) => (
      <SessionCard sessionId={ID} sessionOptions={options} locale="en-US" timeZone="UTC" />
    );
    const { rerender } = render(card(quiet), { wrapper });
    await screen.findByRole("heading", { name: "Network problem" });
    // Now with a retry: the next failure is retried after the backoff, a minute away.
    rerender(card({ retry: 1, intervalMs: 60_000 }));
    act(() => void queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) }));
    await waitFor(() => expect(queryClient.getQueryState(sessionQueryKey(ID))?.fetchFailureCount).toBe(1));
    expect(api.count()).toBe(2);
    expect(screen.getByText("Retrying…")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByText("Collecting card details");
    expect(api.count()).toBe(3);
  });

  it.each([
    ["the session is terminal", succeeded, {}],
    ["`until` holds", collecting, { until: (session: Session) => session.status === "collecting" }],
  ])(
    "offers Retry, not “rate limited — retrying”, for a 429 once polling has stopped: %s (bug: it waited forever)",
    async (_when, first, options) => {
      const user = userEvent.setup();
      const api = serve(first, error(429, { detail: "Too many requests" }, { "Retry-After": "1" }), succeeded);
      const { queryClient } = renderCard({ ...quiet, intervalMs: 50, ...options });
      await screen.findByText(first === succeeded ? "Payment succeeded" : "Collecting card details");
      await act(() => queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) }));
      const banner = await screen.findByText(/Couldn't refresh\. Showing the session as of/);
      expect(screen.queryByText("Rate limited — retrying")).toBeNull();
      await user.click(within(banner.closest(".mvn-callout") as HTMLElement).getByRole("button", { name: "Retry" }));
      await screen.findByText("Payment succeeded");
      await waitFor(() => expect(screen.queryByText(/Couldn't refresh/)).toBeNull());
      expect(api.count()).toBe(3);
    },
  );

  it("reports a timeout as a network problem", async () => {
    serve(async () => {
      await delay("infinite");
      return collecting;
    });
    renderCard(quiet, 30);
    await screen.findByRole("heading", { name: "Network problem" });
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });

  it("says when the browser is offline", async () => {
    Object.defineProperty(navigator, "onLine", { value: false, configurable: true });
    serve(HttpResponse.error());
    renderCard();
    await screen.findByRole("heading", { name: "Network problem" });
    expect(screen.getByText("You appear to be offline.")).toBeInTheDocument();
  });

  it("explains a response that broke the contract, with the details collapsed", async () => {
    const user = userEvent.setup();
    const { status: _status, ...withoutStatus } = collecting;
    serve(HttpResponse.json({ ...withoutStatus, amount: 12.5 }));
    renderCard();
    await screen.findByRole("heading", { name: "Unexpected response" });
    expect(screen.getByRole("article")).toHaveAttribute("data-error", "contract");
    const summary = screen.getByText("Details");
    expect(summary.closest("details")).not.toHaveAttribute("open");
    await user.click(summary);
    const issues = within(summary.closest("details")!)
      .getAllByRole("listitem")
      .map((item) => item.textContent);
    expect(issues.some((text) => text?.startsWith("status:"))).toBe(true);
    expect(issues.some((text) => text?.startsWith("amount:"))).toBe(true);
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });

  it("keeps a broken response a contract problem, details and all, when the browser then goes offline", async () => {
    const { status: _status, ...withoutStatus } = collecting;
    // A new response each time: coming back online makes react-query ask again.
    serve(() => HttpResponse.json(withoutStatus));
    renderCard();
    await screen.findByRole("heading", { name: "Unexpected response" });
    Object.defineProperty(navigator, "onLine", { value: false, configurable: true });
    act(() => void window.dispatchEvent(new Event("offline")));
    try {
      // The card re-renders for the online state; the problem it describes has not changed.
      expect(screen.getByRole("article")).toHaveAttribute("data-error", "contract");
      expect(screen.getByRole("heading", { name: "Unexpected response" })).toBeInTheDocument();
      expect(screen.getByText("Details")).toBeInTheDocument();
      expect(screen.queryByText("You appear to be offline.")).toBeNull();
    } finally {
      Reflect.deleteProperty(navigator, "onLine");
      act(() => void window.dispatchEvent(new Event("online")));
    }
  });

  it.each([
    ["a 500, with Retry", () => error(500, { detail: "Internal Server Error" }), true],
    ["a 409, with Retry", () => error(409, { detail: "Busy" }), true],
    ["a 400, without a Retry that would get the same answer", () => error(400, { detail: "Bad request" }), false],
    ["a 410, without a Retry that would get the same answer", () => error(410, { detail: "Gone" }), false],
  ])("falls back to a generic message for %s", async (_name, answer, retry) => {
    serve(answer());
    renderCard();
    await screen.findByRole("heading", { name: "Couldn't load this session" });
    expect(screen.getByRole("article")).toHaveAttribute("data-error", "unknown");
    expect(screen.queryByRole("button", { name: "Retry" }) !== null).toBe(retry);
  });

  it("offers Retry for a failure that is not an answer from Maven (a client of the app's own that throws)", async () => {
    const user = userEvent.setup();
    const maven = createMavenClient({ baseUrl: "/api/maven", maxRetries: 0 });
    let calls = 0;
    const flaky = {
      ...maven,
      sessions: {
        ...maven.sessions,
        get: async (id: string) => {
          if (++calls === 1) throw new Error("The adapter's socket closed.");
          return { ...collecting, session_id: id };
        },
      },
    };
    render(
      <QueryClientProvider client={new QueryClient()}>
        <MavenProvider client={flaky}>
          <SessionCard sessionId={ID} sessionOptions={quiet} />
        </MavenProvider>
      </QueryClientProvider>,
    );
    await screen.findByRole("heading", { name: "Couldn't load this session" });
    await user.click(screen.getByRole("button", { name: "Retry" }));
    await screen.findByText("Collecting card details");
    expect(calls).toBe(2);
  });

  it("says the session was not found for Maven's 422 (its answer to an id it does not accept), with no Retry", async () => {
    serve(error(422, { detail: [{ loc: ["path", "session_id"], msg: "Input should be a valid UUID", type: "uuid" }] }));
    renderCard();
    await screen.findByRole("heading", { name: "Session not found" });
    expect(screen.getByRole("article")).toHaveAttribute("data-error", "not-found");
    expect(screen.getByText("No session has this ID. Check the link or the ID.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
  });

  it("offers no Retry in the warning over data when Maven's answer is final (a 400)", async () => {
    serve(collecting, error(400, { detail: "Bad request" }));
    const { queryClient } = renderCard();
    await screen.findByText("Collecting card details");
    await act(() => queryClient.refetchQueries());
    const warning = await screen.findByText(/Couldn't refresh\. Showing the session as of/);
    expect(within(warning.closest(".mvn-callout") as HTMLElement).queryByRole("button", { name: "Retry" })).toBeNull();
  });

  it("keeps showing the error, as retrying, while it asks again, until the session arrives (bug: it flipped back to “Loading session…” on every poll)", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const server = serve(error(503), error(503), async () => {
      await gate;
      return collecting;
    });
    const { queryClient } = renderCard();
    const heading = await screen.findByRole("heading", { name: "Couldn't load this session" });
    const article = screen.getByRole("article");
    const seen = new Set<string>();
    const observer = new MutationObserver(() => {
      seen.add(article.dataset.state ?? "");
      if (screen.queryByText("Loading session…")) seen.add("skeleton");
    });
    observer.observe(article, { attributes: true, childList: true, subtree: true, characterData: true });
    try {
      // A poll that fails again: react-query clears `error` while it asks (the query has no data).
      await act(() => queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) }));
      expect(server.count()).toBe(2);
      // A poll still in flight.
      act(() => void queryClient.refetchQueries({ queryKey: sessionQueryKey(ID) }));
      await screen.findByText("Retrying…");
      expect(server.count()).toBe(3);
      // The same message, the same element (an alert re-inserted would be announced again), and Retry.
      expect(screen.getByRole("heading", { name: "Couldn't load this session" })).toBe(heading);
      expect(article).toHaveAttribute("data-state", "error");
      expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
      expect(seen).toEqual(new Set(["error"]));
      release();
      await screen.findByText("Collecting card details");
      expect(screen.queryByText("Retrying…")).toBeNull();
    } finally {
      observer.disconnect();
    }
  });

  it("never shows the previous session's error for a new session id", async () => {
    server404ThenHang();
    const { wrapper } = harness();
    const { rerender } = render(<SessionCard sessionId={ID} sessionOptions={quiet} />, { wrapper });
    await screen.findByRole("heading", { name: "Session not found" });
    rerender(<SessionCard sessionId={OTHER_ID} sessionOptions={quiet} />);
    expect(screen.getByRole("article")).toHaveAttribute("data-state", "loading");
    expect(screen.queryByText("Session not found")).toBeNull();
    // And back: that id's own error is shown again, not a skeleton.
    rerender(<SessionCard sessionId={ID} sessionOptions={quiet} />);
    expect(await screen.findByRole("heading", { name: "Session not found" })).toBeInTheDocument();
  });

  it("shows a session id that is not a UUID as not found, with no Retry that cannot help and no request", async () => {
    const requests = vi.fn();
    server.events.on("request:start", requests);
    onTestFinished(() => void server.events.removeListener("request:start", requests));
    const { wrapper } = harness();
    render(<SessionCard sessionId="not-a-uuid" sessionOptions={quiet} />, { wrapper });
    const heading = await screen.findByRole("heading", { name: "Session not found" });
    const card = heading.closest("article")!;
    expect(card).toHaveTextContent("No session has this ID. Check the link or the ID.");
    expect(within(card).queryByRole("button", { name: "Retry" })).toBeNull();
    expect(requests).not.toHaveBeenCalled();
  });

  it("passes sessionOptions to useSession", async () => {
    serve(collecting, succeeded);
    const onStatusChange = vi.fn();
    renderCard({ retry: 0, intervalMs: 30, onStatusChange });
    await screen.findByText("Payment succeeded");
    await waitFor(() => expect(onStatusChange).toHaveBeenCalledTimes(1));
  });
});
