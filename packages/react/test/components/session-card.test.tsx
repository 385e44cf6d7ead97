import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Session } from "@trymaven/core";
import { fixtures, makeSession } from "@trymaven/mock";
import { createRef } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { SessionCard, defaultLabels } from "../../src/index.js";
import { cleanupAfterEach, expectNoAxeViolations } from "./support.js";

cleanupAfterEach();

const NOW = Date.parse("2026-11-24T16:05:00Z");
const base = { now: NOW, locale: "en-US", timeZone: "UTC" } as const;

function valueOf(label: string, container: HTMLElement = document.body): HTMLElement {
  return within(container).getByText(label, { selector: "dt" }).nextElementSibling as HTMLElement;
}

const paid = fixtures.transferWithMemory;

describe("SessionCard (presentational): what it shows", () => {
  it("is an article named by its heading, the session's description", () => {
    render(<SessionCard session={paid} {...base} />);
    const article = screen.getByRole("article", { name: "Balance for invoice INV-2026-0931" });
    expect(within(article).getByRole("heading", { level: 3 })).toHaveTextContent("Balance for invoice INV-2026-0931");
    expect(article).toHaveAttribute("data-state", "ready");
    expect(article).toHaveAttribute("data-status", "payment-success");
    expect(article).toHaveAttribute("data-tone", "success");
    expect(article).toHaveAttribute("data-terminal", "true");
    expect(article).toHaveAttribute("data-gateway", "stripe");
  });

  it("falls back to a generic heading without a description, at the level asked for", () => {
    render(
      <SessionCard session={makeSession({ description: null, status: "payment-failed" })} headingLevel={2} {...base} />,
    );
    expect(screen.getByRole("heading", { level: 2, name: "Payment session" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 3, name: "Why it failed" })).toBeInTheDocument();
  });

  it("shows the status badge, the amount in its currency and the mode in words", () => {
    render(<SessionCard session={paid} {...base} />);
    expect(screen.getByText("Payment succeeded")).toHaveAttribute("data-tone", "success");
    expect(screen.getByText("$1,250.00")).toBeInTheDocument();
    expect(screen.getByText("Amount:").closest("p")).toHaveTextContent("Amount: $1,250.00");
    expect(valueOf("Mode")).toHaveTextContent("Charge");
  });

  it("formats the amount for the locale and currency", () => {
    render(<SessionCard session={makeSession({ amount: "56.40", currency: "GBP" })} {...base} locale="de-DE" />);
    expect(screen.getByText("56,40 £")).toBeInTheDocument();
  });

  it("marks what it formats for `locale` with that language, so a screen reader reads it in the right voice", () => {
    const session = makeSession({ amount: "1200", currency: "JPY", created_at: "2026-11-24T16:02:00Z" });
    const { rerender } = render(<SessionCard session={session} {...base} locale="ja-JP" />);
    expect(screen.getByText("￥1,200")).toHaveAttribute("lang", "ja-JP");
    const created = valueOf("Created");
    expect(created.querySelector("time")).toHaveAttribute("lang", "ja-JP");
    expect(created.querySelector("time")).toHaveTextContent("3 分前");
    expect(created.querySelector(".mvn-meaning")).toHaveAttribute("lang", "ja-JP");
    // The labels are the page's own language: not marked.
    expect(screen.getByText("Created", { selector: "dt" })).not.toHaveAttribute("lang");
    // Without a locale, the browser's own formats: no language to claim.
    rerender(<SessionCard session={session} now={NOW} timeZone="UTC" />);
    expect(document.querySelectorAll("[lang]")).toHaveLength(0);
  });

  it("says what tokenize mode means, and shows an unknown mode as sent", () => {
    const { unmount } = render(<SessionCard session={fixtures.stripeTokenizeSuccess} {...base} />);
    expect(valueOf("Mode")).toHaveTextContent("Save card (tokenize)");
    expect(screen.getByText("Card saved")).toBeInTheDocument();
    unmount();
    render(<SessionCard session={makeSession({ mode: "instalments" })} {...base} />);
    expect(valueOf("Mode")).toHaveTextContent("instalments");
  });

  it("masks the caller by default and shows the full number on request", () => {
    const { rerender } = render(<SessionCard session={paid} {...base} />);
    expect(valueOf("Caller")).toHaveTextContent("+1 ••• ••• 0142");
    expect(document.body).not.toHaveTextContent("415 555 0142");
    rerender(<SessionCard session={paid} {...base} showFullCaller />);
    expect(valueOf("Caller")).toHaveTextContent("+1 415 555 0142");
  });

  it("shows the callback number, project, gateway, transfer status and session id", () => {
    render(<SessionCard session={paid} {...base} />);
    expect(valueOf("Callback number")).toHaveTextContent("+1 415 555 0100");
    expect(valueOf("Project")).toHaveTextContent(paid.project_slug);
    expect(valueOf("Gateway")).toHaveTextContent("Stripe");
    expect(valueOf("Transfer status")).toHaveTextContent("completed");
    expect(valueOf("Session ID")).toHaveTextContent(paid.session_id);
    expect(screen.getByRole("button", { name: "Copy Session ID" })).toBeInTheDocument();
  });

  it("shows each timestamp as relative text in <time>, with the absolute time as title and text", () => {
    render(<SessionCard session={paid} {...base} />);
    const created = valueOf("Created");
    const time = created.querySelector("time");
    expect(time).toHaveAttribute("dateTime", "2026-11-24T15:58:30.011Z");
    expect(time).toHaveTextContent("6 minutes ago");
    expect(time).toHaveAttribute("title", "Nov 24, 2026, 3:58 PM");
    expect(created).toHaveTextContent("Nov 24, 2026, 3:58 PM");
    expect(valueOf("Updated")).toHaveTextContent("3 minutes ago");
    expect(valueOf("Completed")).toHaveTextContent("5 minutes ago");
  });

  it("shows when a live session expires, and when an expired one did (bug: a paid session showed “Expires in 13 minutes”)", () => {
    const times = { expires_at: "2026-11-24T16:14:00Z", completed_at: "2026-11-24T16:03:00Z" } as const;
    const { rerender } = render(
      <SessionCard session={makeSession({ status: "collecting", ...times, completed_at: null })} {...base} />,
    );
    expect(valueOf("Expires")).toHaveTextContent("in 9 minutes");
    for (const status of ["payment-success", "payment-failed", "cancelled", "abandoned"]) {
      rerender(<SessionCard session={makeSession({ status, is_terminal: true, ...times })} {...base} />);
      expect(screen.queryByText("Expires", { selector: "dt" }), status).toBeNull();
      expect(screen.queryByText("Expired", { selector: "dt" }), status).toBeNull();
      expect(valueOf("Completed")).toHaveTextContent("2 minutes ago");
    }
    const expired = makeSession({ status: "expired", is_terminal: true, expires_at: "2026-11-24T16:02:00Z" });
    rerender(<SessionCard session={expired} {...base} />);
    expect(screen.queryByText("Expires", { selector: "dt" })).toBeNull();
    expect(valueOf("Expired")).toHaveTextContent("3 minutes ago");
    expect(valueOf("Expired")).toHaveTextContent("Nov 24, 2026, 4:02 PM");
  });

  it("uses the time zone for absolute times", () => {
    render(<SessionCard session={paid} {...base} timeZone="America/New_York" />);
    expect(valueOf("Created")).toHaveTextContent("Nov 24, 2026, 10:58 AM");
  });

  it("shows the failure's code and message", () => {
    render(<SessionCard session={fixtures.cardDeclined} {...base} />);
    expect(screen.getByRole("heading", { name: "Why it failed" })).toBeInTheDocument();
    expect(valueOf("Error code")).toHaveTextContent("card_declined");
    expect(valueOf("Message")).toHaveTextContent("Your card was declined.");
    expect(screen.getByText("Payment failed")).toHaveAttribute("data-tone", "danger");
  });

  it("shows the payment details under their own heading", () => {
    render(<SessionCard session={paid} {...base} environment="live" />);
    expect(screen.getByRole("heading", { level: 4, name: "Payment details" })).toBeInTheDocument();
    expect(valueOf("Charge ID")).toHaveTextContent("ch_3QKsF2Lm4TzR9xWv1nB7cX3D");
    expect(valueOf("Card")).toHaveTextContent("Mastercard");
    expect(within(valueOf("Charge ID")).getByRole("link")).toHaveAttribute(
      "href",
      "https://dashboard.stripe.com/payments/ch_3QKsF2Lm4TzR9xWv1nB7cX3D",
    );
  });

  it("omits empty fields instead of printing null", () => {
    const bare = makeSession({
      status: "pending",
      description: null,
      callback: null,
      memory: null,
      transfer_status: null,
      expires_at: null,
      completed_at: null,
      processor: null,
      error: null,
    });
    const { container } = render(<SessionCard session={bare} {...base} />);
    for (const label of ["Callback number", "Transfer status", "Expires", "Completed", "Error code", "Card"]) {
      expect(screen.queryByText(label)).toBeNull();
    }
    expect(screen.queryByRole("heading", { name: "Payment details" })).toBeNull();
    expect(screen.queryByRole("heading", { name: "Call memory" })).toBeNull();
    expect(container.textContent).not.toMatch(/null|undefined|NaN|Invalid Date/);
  });

  it("collapses a long memory behind a Show more button that keeps its aria-expanded in step", async () => {
    const user = userEvent.setup();
    render(<SessionCard session={paid} {...base} />);
    expect(screen.getByRole("heading", { name: "Call memory" })).toBeInTheDocument();
    const button = screen.getByRole("button", { name: "Show more" });
    expect(button).toHaveAttribute("aria-expanded", "false");
    const text = document.getElementById(button.getAttribute("aria-controls")!)!;
    expect(text).toHaveClass("mvn-pre");
    expect(text.textContent).toMatch(/…$/);
    expect(text.textContent).not.toContain("so Maria can confirm");
    await user.click(button);
    expect(button).toHaveAttribute("aria-expanded", "true");
    expect(button).toHaveTextContent("Show less");
    expect(text.textContent).toBe(paid.memory);
    await user.click(button);
    expect(button).toHaveAttribute("aria-expanded", "false");
  });

  it("shows a short memory whole, with no button", () => {
    render(<SessionCard session={makeSession({ memory: "Call back after 2 pm." })} {...base} />);
    expect(screen.getByText("Call back after 2 pm.")).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Show more" })).toBeNull();
  });

  it("lists fields the API added later in a collapsed “Other fields” list", async () => {
    const user = userEvent.setup();
    const session = { ...paid, risk_score: 12, channel: "ivr", empty_thing: null } as Session;
    render(<SessionCard session={session} {...base} />);
    const summary = screen.getByText("Other fields (2)");
    const details = summary.closest("details")!;
    expect(details).not.toHaveAttribute("open");
    await user.click(summary);
    expect(details).toHaveAttribute("open");
    expect(valueOf("risk_score", details)).toHaveTextContent("12");
    expect(valueOf("channel", details)).toHaveTextContent("ivr");
  });

  it("shows an unknown gateway and status in words", () => {
    render(
      <SessionCard
        session={makeSession({ ...fixtures.unknownGateway, status: "refund-pending", is_terminal: false })}
        {...base}
      />,
    );
    expect(valueOf("Gateway")).toHaveTextContent("Fiserv");
    expect(screen.getByText("Refund pending")).toHaveAttribute("data-terminal", "false");
    expect(valueOf("Fiserv transaction ID")).toHaveTextContent("84539613911");
  });
});

describe("SessionCard (presentational): behaviour", () => {
  it("shows times under labels that read the same without a duplicate-key warning", () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const expired = makeSession({
        ...fixtures.collecting,
        status: "expired",
        is_terminal: true,
        expires_at: "2026-11-24T16:00:00Z",
        completed_at: "2026-11-24T16:00:00Z",
      });
      render(<SessionCard session={expired} {...base} labels={{ expired: "Ended", completed: "Ended" }} />);
      expect(screen.getAllByText("Ended", { selector: "dt" })).toHaveLength(2);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it("keeps the default of a label given as undefined (bug: a function label crashed the render, a text went blank)", () => {
    // A translation table whose entries have not loaded yet: plain TypeScript and JavaScript allow it.
    const pending = { status: undefined, caller: undefined, paymentDetails: undefined };
    render(<SessionCard session={paid} {...base} labels={pending} />);
    expect(screen.getByText("Payment succeeded")).toBeVisible();
    expect(screen.getByText("Caller", { selector: "dt" })).toBeVisible();
    // A label given a value still replaces its default.
    render(<SessionCard session={paid} {...base} labels={{ ...pending, caller: "Anrufer" }} />);
    expect(screen.getByText("Anrufer", { selector: "dt" })).toBeVisible();
  });

  it("measures relative times again as time passes (bug: they froze until the session changed)", async () => {
    vi.useFakeTimers({ toFake: ["Date", "setInterval", "clearInterval"], now: NOW });
    try {
      const pending = makeSession({
        ...fixtures.collecting,
        updated_at: new Date(NOW).toISOString(),
        expires_at: new Date(NOW + 5 * 60_000).toISOString(),
      });
      const { unmount } = render(<SessionCard session={pending} locale="en-US" timeZone="UTC" />);
      expect(valueOf("Expires").querySelector("time")).toHaveTextContent("in 5 minutes");
      await act(() => vi.advanceTimersByTimeAsync(2 * 60_000));
      expect(valueOf("Expires").querySelector("time")).toHaveTextContent("in 3 minutes");
      expect(valueOf("Updated").querySelector("time")).toHaveTextContent("2 minutes ago");
      unmount();
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("announces a status change once, politely, and not the first render", () => {
    const collecting = makeSession({ ...fixtures.collecting });
    const { rerender } = render(<SessionCard session={collecting} {...base} />);
    const region = screen.getAllByRole("status").find((node) => node.classList.contains("mvn-sr-only"))!;
    expect(region.textContent).toBe("");
    // No banner region on a presentational card: only the connected card shows one (a list of 500 cards
    // would otherwise hold 500 empty live regions).
    expect(document.querySelector(".mvn-notice")).toBeNull();

    const succeeded = { ...collecting, status: "payment-success", is_terminal: true };
    rerender(<SessionCard session={succeeded} {...base} />);
    expect(region).toHaveTextContent("Payment status: Payment succeeded");

    // A new object with the same status (a later poll) changes nothing in the region.
    const observed: string[] = [];
    const observer = new MutationObserver(() => observed.push(region.textContent ?? ""));
    observer.observe(region, { childList: true, characterData: true, subtree: true });
    rerender(<SessionCard session={{ ...succeeded, transfer_status: "completed" }} {...base} />);
    observer.disconnect();
    expect(observed).toEqual([]);
    expect(region).toHaveTextContent("Payment status: Payment succeeded");
  });

  it("announces a status change once however many cards show the session, and each session's own (bug: a list row and the panel it opens both said it)", () => {
    const shown = makeSession({ ...fixtures.collecting });
    const other = makeSession({ ...fixtures.collecting, session_id: "7f1e2d3c-4b5a-4968-8776-655443322110" });
    const authorized = (session: Session): Session => ({ ...session, status: "payment-authorized" });
    const page = (row: Session, panel: Session, another: Session) => (
      <>
        <SessionCard session={row} {...base} />
        <SessionCard session={panel} {...base} />
        <SessionCard session={another} {...base} />
      </>
    );
    const { rerender } = render(page(shown, shown, other));
    // Each card's announcement region (its copy region, also visually hidden, comes after it).
    const regions = screen
      .getAllByRole("article")
      .map((card) => card.querySelector(':scope > .mvn-sr-only[role="status"]')!);
    const said = () => regions.map((region) => region.textContent);

    // The row's poll brings the change first, the panel's a moment later: one announcement.
    rerender(page(authorized(shown), shown, other));
    expect(said()).toEqual(["Payment status: Authorized (not captured)", "", ""]);
    rerender(page(authorized(shown), authorized(shown), other));
    expect(said()).toEqual(["Payment status: Authorized (not captured)", "", ""]);
    // Another session's change is its own.
    rerender(page(authorized(shown), authorized(shown), authorized(other)));
    expect(said()).toEqual([
      "Payment status: Authorized (not captured)",
      "",
      "Payment status: Authorized (not captured)",
    ]);
  });

  it("does not announce when it is given a different session", () => {
    const { rerender } = render(<SessionCard session={fixtures.pending} {...base} />);
    rerender(<SessionCard session={fixtures.cardDeclined} {...base} />);
    // In no status region (the card's copy buttons have theirs, before the card's own).
    for (const region of screen.getAllByRole("status")) expect(region.textContent).toBe("");
  });

  it("takes labels for every text, including interpolated ones", () => {
    const collecting = makeSession({ ...fixtures.collecting });
    const labels = {
      ...defaultLabels,
      title: "Zahlungssitzung",
      caller: "Anrufer",
      statusChanged: (label: string) => `Zahlungsstatus: ${label}`,
      status: (label: string, status: string) => (status === "payment-success" ? "Bezahlt" : label),
    };
    const { rerender } = render(
      <SessionCard session={{ ...collecting, description: null }} labels={labels} {...base} />,
    );
    expect(screen.getByRole("heading", { name: "Zahlungssitzung" })).toBeInTheDocument();
    expect(valueOf("Anrufer")).toBeInTheDocument();
    rerender(
      <SessionCard
        session={{ ...collecting, description: null, status: "payment-success", is_terminal: true }}
        labels={labels}
        {...base}
      />,
    );
    expect(screen.getByText("Bezahlt", { selector: ".mvn-badge" })).toBeInTheDocument();
    expect(screen.getAllByRole("status").find((node) => node.classList.contains("mvn-sr-only"))).toHaveTextContent(
      "Zahlungsstatus: Bezahlt",
    );
  });

  it("forwards its ref, merges className and spreads rest props", () => {
    const ref = createRef<HTMLElement>();
    render(<SessionCard ref={ref} session={paid} className="mine" data-testid="card" id="card-1" {...base} />);
    const card = screen.getByTestId("card");
    expect(ref.current).toBe(card);
    expect(card).toHaveClass("mvn-root", "mvn-card", "mine");
    expect(card).toHaveAttribute("id", "card-1");
  });

  it("takes the name you give it (aria-label or aria-labelledby) in every state (bug: its own heading won over aria-label)", () => {
    const { rerender } = render(<SessionCard session={paid} aria-label="Order 1042's payment" {...base} />);
    expect(screen.getByRole("article", { name: "Order 1042's payment" })).toBeInTheDocument();
    rerender(<SessionCard session={undefined as unknown as Session} aria-label="Order 1042's payment" />);
    expect(screen.getByRole("article", { name: "Order 1042's payment" })).toHaveAttribute("data-state", "loading");
    rerender(<SessionCard session={"oops" as unknown as Session} aria-label="Order 1042's payment" />);
    expect(screen.getByRole("article", { name: "Order 1042's payment" })).toHaveAttribute("data-state", "error");
    rerender(
      <>
        <h2 id="row-title">Row 7</h2>
        <SessionCard session={paid} aria-labelledby="row-title" {...base} />
      </>,
    );
    expect(screen.getByRole("article", { name: "Row 7" })).toHaveAttribute("data-state", "ready");
  });

  it("shows a loading skeleton for a session that is not there yet, and never crashes on garbage", () => {
    const { rerender } = render(<SessionCard session={undefined as unknown as Session} />);
    expect(screen.getByRole("article")).toHaveAttribute("aria-busy", "true");
    expect(screen.getByText("Loading session…")).toBeInTheDocument();
    rerender(<SessionCard session={"oops" as unknown as Session} />);
    expect(screen.getByRole("heading", { name: "Couldn't load this session" })).toBeInTheDocument();
  });

  it("renders on the server", () => {
    const html = renderToString(<SessionCard session={paid} {...base} />);
    expect(html).toContain("<article");
    expect(html).toContain("Balance for invoice INV-2026-0931");
    expect(html).toContain("$1,250.00");
    expect(html).toContain('dateTime="2026-11-24T15:58:30.011Z"');
  });

  it("hydrates its server HTML without a mismatch", async () => {
    const tree = <SessionCard session={paid} environment="test" {...base} />;
    const container = document.createElement("div");
    container.innerHTML = renderToString(tree);
    document.body.append(container);
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const recoverable = vi.fn();
    let root: ReturnType<typeof hydrateRoot> | undefined;
    await act(async () => {
      root = hydrateRoot(container, tree, { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
    expect(within(container).getByRole("article", { name: paid.description! })).toBeInTheDocument();
    await act(async () => root?.unmount());
    container.remove();
  });

  it.each(Object.entries(fixtures))("has no axe violations (%s)", async (_name, session) => {
    const { container } = render(<SessionCard session={session} environment="test" {...base} />);
    await expectNoAxeViolations(container);
  });
});
