/**
 * The connected card in Chromium, wired to the mock's loopback server, with the checks every test shares:
 * the card is never blank, nothing runs that a payload planted, no unhandled error, the layout holds.
 */
import "../../packages/react/src/styles.css";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { createMavenClient, type MavenClient } from "@trymaven/core";
import type { FaultInput } from "@trymaven/mock";
import { MavenProvider } from "@trymaven/react";
import { Component, type ReactNode } from "react";
import { afterAll, beforeAll, expect, type TestContext } from "vitest";

declare module "vitest/browser" {
  interface BrowserCommands {
    /** Takes the browser context off the network for `ms`, then back on (see vitest.config.ts). */
    goOfflineFor: (ms: number) => Promise<void>;
  }
}

/** The width of the column the card is rendered in: a phone-sized admin sidebar. */
export const COLUMN_WIDTH = 360;

/** What a payload that ran would leave behind. */
declare global {
  interface Window {
    __pwned?: unknown;
  }
}

const dialogs: string[] = [];
const pageErrors: string[] = [];

/**
 * Per file: record unhandled rejections and errors in the page, and any dialog (alert, confirm, prompt,
 * print) a payload tries to open. (Each card unmounts itself when its test ends: the tests run
 * concurrently, so a file-wide cleanup after one test would unmount the others' cards.)
 */
export function watchPage(): void {
  const onRejection = (event: PromiseRejectionEvent) => pageErrors.push(`unhandledrejection: ${String(event.reason)}`);
  const onError = (event: ErrorEvent) => pageErrors.push(`error: ${event.message}`);
  const saved = { alert: window.alert, confirm: window.confirm, prompt: window.prompt, print: window.print };
  beforeAll(() => {
    addEventListener("unhandledrejection", onRejection);
    addEventListener("error", onError);
    window.alert = (message?: unknown) => void dialogs.push(`alert(${String(message)})`);
    window.confirm = (message?: string) => (dialogs.push(`confirm(${message})`), false);
    window.prompt = (message?: string) => (dialogs.push(`prompt(${message})`), null);
    window.print = () => void dialogs.push("print()");
  });
  afterAll(() => {
    removeEventListener("unhandledrejection", onRejection);
    removeEventListener("error", onError);
    Object.assign(window, saved);
    expect(pageErrors, "unhandled errors in the page").toEqual([]);
  });
}

/** Asserts no planted script ran: the flag is unset and no dialog opened. */
export function expectNothingRan(): void {
  expect(window.__pwned, "a payload set window.__pwned").toBeUndefined();
  expect(dialogs, "dialogs opened by a payload").toEqual([]);
}

export interface CardHarness {
  container: HTMLElement;
  queryClient: QueryClient;
  /** The card's root element (the `article`), whatever state it is in. */
  card(): HTMLElement;
  /** Texts that were on screen at any moment, checked as they appeared. */
  readonly problems: string[];
  /** Every `data-error` kind a banner or error state showed, in order of first appearance. */
  readonly errorKinds: string[];
  /** Unmounts the card and drops its queries (also done when the test ends). Safe to call twice. */
  unmount(): void;
}

export interface RenderCardOptions {
  /** The test's context: the card is unmounted when the test ends, passed or failed. */
  context: TestContext;
  client: MavenClient;
  children: ReactNode;
  /** Text that must never be on screen (checked on every DOM change). */
  forbidden?: string[];
}

/**
 * Renders `children` (a `<SessionCard>`) in a column of COLUMN_WIDTH px, with a fresh QueryClient, and
 * watches every DOM change: the column must always hold a card with some text (never blank), and never
 * any `forbidden` text.
 */
export function renderCard({ context, client, children, forbidden = [] }: RenderCardOptions): CardHarness {
  const queryClient = new QueryClient();
  const problems: string[] = [];
  const errorKinds: string[] = [];
  const { container, unmount } = render(
    <QueryClientProvider client={queryClient}>
      <MavenProvider client={client}>
        <div data-testid="column" style={{ width: COLUMN_WIDTH }}>
          <CrashGuard onCrash={(error) => problems.push(`the card crashed: ${String(error)}`)}>{children}</CrashGuard>
        </div>
      </MavenProvider>
    </QueryClientProvider>,
  );
  const column = container.querySelector<HTMLElement>('[data-testid="column"]')!;
  const check = () => {
    const card = column.querySelector<HTMLElement>(":scope > article.mvn-card");
    const text = column.textContent ?? "";
    if (!card) problems.push(`no card on screen (column holds: ${column.innerHTML.slice(0, 200)})`);
    else if (text.trim() === "") problems.push("a blank card");
    for (const word of forbidden) if (text.includes(word)) problems.push(`forbidden text on screen: ${word}`);
    for (const element of column.querySelectorAll<HTMLElement>("[data-error]")) {
      const kind = element.dataset.error!;
      if (!errorKinds.includes(kind)) errorKinds.push(kind);
    }
  };
  check();
  const observer = new MutationObserver(check);
  observer.observe(column, { childList: true, subtree: true, characterData: true, attributes: true });
  let mounted = true;
  const harness: CardHarness = {
    container: column,
    queryClient,
    card: () => column.querySelector<HTMLElement>(":scope > article.mvn-card")!,
    problems,
    errorKinds,
    unmount() {
      if (!mounted) return;
      mounted = false;
      observer.disconnect();
      unmount();
      container.remove();
      queryClient.clear();
    },
  };
  context.onTestFinished(() => harness.unmount());
  return harness;
}

/** Turns a render error into a recorded problem (and an empty column), instead of an error thrown at the page. */
class CrashGuard extends Component<{ onCrash: (error: unknown) => void; children: ReactNode }, { crashed: boolean }> {
  override state = { crashed: false };
  static getDerivedStateFromError() {
    return { crashed: true };
  }
  override componentDidCatch(error: unknown) {
    this.props.onCrash(error);
  }
  override render() {
    return this.state.crashed ? null : this.props.children;
  }
}

/** What the app asked for, counted at the client's `fetch` (the mock may see more: see `startOutage`). */
export interface Attempts {
  calls: number;
  failures: number;
  /**
   * When each attempt was sent (`performance.now()`, in ms), in order: one per call of the client's `fetch`,
   * however many times Chromium resent the request on a reset inside it.
   */
  at: number[];
  /**
   * Whether each attempt failed, by the same index as `at`: its `fetch` rejected (counted in `failures`) or it
   * was answered with an error status.
   */
  failed: boolean[];
}

/**
 * A browser client for the mock whose fetch counts the attempts and can act after each response that arrives
 * (e.g. inject a fault before the card sees the answer). Its time limit per attempt is the client's default
 * (10 s), which no answer of the mock's comes near even on a loaded machine, unless `timeoutMs` says otherwise.
 */
export function mockClient(
  baseUrl: string,
  afterResponse?: (response: Response, index: number) => Promise<void> | void,
  { timeoutMs }: { timeoutMs?: number } = {},
): { client: MavenClient; attempts: Attempts } {
  const attempts: Attempts = { calls: 0, failures: 0, at: [], failed: [] };
  let index = 0;
  const client = createMavenClient({
    baseUrl,
    timeoutMs,
    fetch: async (input, init) => {
      const attempt = attempts.calls++;
      attempts.at[attempt] = performance.now();
      attempts.failed[attempt] = false;
      let response: Response;
      try {
        response = await fetch(input, init);
      } catch (error) {
        attempts.failures += 1;
        attempts.failed[attempt] = true;
        throw error;
      }
      attempts.failed[attempt] = !response.ok;
      await afterResponse?.(response, index++);
      return response;
    },
  });
  return { client, attempts };
}

/**
 * The layout holds: the card is no wider than its column, nothing in it sticks out to the right, and
 * neither the column nor the page scrolls sideways.
 */
export function expectLayoutHolds(column: HTMLElement): void {
  const card = column.querySelector<HTMLElement>(":scope > article.mvn-card")!;
  const box = card.getBoundingClientRect();
  const sticking: string[] = [];
  for (const element of card.querySelectorAll<HTMLElement>("*")) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (rect.right > box.right + 1 || rect.left < box.left - 1) {
      sticking.push(`<${element.tagName.toLowerCase()} class="${element.className}"> ${rect.left}..${rect.right}`);
    }
  }
  expect(sticking, "elements outside the card").toEqual([]);
  expect(box.width, "card width").toBeLessThanOrEqual(COLUMN_WIDTH + 0.5);
  expect(column.scrollWidth, "column scroll width").toBeLessThanOrEqual(column.clientWidth);
  expect(card.scrollWidth, "card scroll width").toBeLessThanOrEqual(card.clientWidth);
  expect(document.documentElement.scrollWidth, "page scroll width").toBeLessThanOrEqual(
    document.documentElement.clientWidth,
  );
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A fault that lasts until `end()`: queued many times over for one session, then drained. (Counting faulty
 * answers does not work for resets in Chromium, which resends a GET by itself when a reused keep-alive
 * connection is reset, once per idle connection in its pool: one failed `fetch` may cost several.) The drain
 * sends POSTs to the session's URL, which take a queued fault each (faults answer before the method is
 * checked) and which no browser resends on a reset; once the mock answers 405, the outage is over. A
 * GET would move the scenario on. The POSTs go DRAIN_BATCH at a time: one after another, two hundred round
 * trips to a busy mock can take seconds, while the card keeps failing and the test counts its failures.
 */
export async function startOutage(
  mock: { url: string; injectFault(sessionId: string, fault: FaultInput, times?: number): Promise<void> },
  sessionId: string,
  fault: FaultInput,
): Promise<{ end(): Promise<number> }> {
  await mock.injectFault(sessionId, fault, OUTAGE_FAULTS);
  const post = () =>
    fetch(`${mock.url}/v1/sessions/${sessionId}`, { method: "POST" }).then(
      (response) => response.status,
      () => 0,
    );
  return {
    /** Resolves with the number of faults the drain took (every answer but a 405 took one). */
    async end() {
      let drained = 0;
      for (let sent = 0; sent <= OUTAGE_FAULTS; sent += DRAIN_BATCH) {
        const statuses = await Promise.all(Array.from({ length: DRAIN_BATCH }, post));
        drained += statuses.filter((status) => status !== 405).length;
        if (statuses.includes(405)) return drained;
      }
      throw new Error(`the outage for ${sessionId} did not end`);
    },
  };
}

const OUTAGE_FAULTS = 200;
const DRAIN_BATCH = 20;
