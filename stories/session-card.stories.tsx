import { useState, type ComponentType, type CSSProperties, type ReactNode } from "react";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { onlineManager } from "@tanstack/react-query";
import { expect, spyOn, userEvent, waitFor, within } from "storybook/test";
import { formatAmount, type Session } from "@trymaven/core";
import {
  SessionCard,
  type SessionCardLabels,
  type SessionCardSharedProps,
  type SessionPollingOptions,
  type UseSessionOptions,
} from "@trymaven/react";
import { SCENARIO_NAMES, fixtures, makeSession, scenarios, type FaultInput, type ScenarioName } from "@trymaven/mock";
import {
  errorIds,
  euroSession,
  extraFieldsSession,
  hostileSession,
  httpReceiptSession,
  liveSession,
  longValuesSession,
  networkBlip,
  simulator,
  tokenizeDeclinedSession,
  unknownLiveStatusSession,
  unknownTerminalStatusSession,
  untitledSession,
  yenSession,
} from "./support/maven-mock";
import { expectCopyRefused, stubClipboard } from "./support/clipboard";
import { Cell, FAST_POLLING, Section, justAfter, show } from "./support/layout";

/**
 * SessionCard's props with its two forms flattened (each story sets `session`
 * or `sessionId`), so the stories and controls type-check; the component is the same.
 */
type CardArgs = SessionCardSharedProps & {
  session?: Session;
  sessionId?: string;
  sessionOptions?: UseSessionOptions;
};

const meta = {
  title: "Components/SessionCard",
  component: SessionCard as ComponentType<CardArgs>,
  args: { timeZone: "UTC" },
  argTypes: {
    session: { control: "object" },
    sessionId: { control: "text" },
    locale: { control: "text" },
    timeZone: { control: "text" },
    showFullCaller: { control: "boolean" },
    headingLevel: { control: "inline-radio", options: [2, 3, 4, 5] },
    environment: { control: "inline-radio", options: [undefined, "test", "live"] },
    now: { control: "date" },
  },
  parameters: {
    // The locale toolbar sets `locale` on these stories (see .storybook/preview.tsx).
    localeArg: true,
    docs: {
      description: {
        component:
          "A session as a card. Give it a `session` to render (presentational), or a `sessionId` to fetch through " +
          "`useSession` and follow live (connected: skeleton, errors, polling, announcements). Every request in " +
          "these stories is answered by `@trymaven/mock` at `/api/maven`.",
      },
    },
  },
  decorators: [
    // One card at a readable width; the grids (`fullWidth`) lay out their own.
    (Story, { parameters }) =>
      parameters.fullWidth ? (
        <Story />
      ) : (
        <div style={{ maxWidth: "44rem" }}>
          <Story />
        </div>
      ),
  ],
} satisfies Meta<CardArgs>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The grids, the live and the "all states" stories pick their sessions themselves. */
const HIDE_CARD_ARGS = {
  session: { table: { disable: true } },
  sessionId: { table: { disable: true } },
  sessionOptions: { table: { disable: true } },
} as const;

// ── Every status ─────────────────────────────────────────────────────────────

export const Pending: Story = {
  args: show(fixtures.pending),
  play: async ({ canvas }) => {
    const badge = canvas.getByText("Waiting for the call");
    await expect(badge.closest("[data-status]")).toHaveAttribute("data-terminal", "false");
    // The caller is masked to the country code and the last four digits.
    const masked = canvas.getByText("+1 ••• ••• 0142");
    await expect(masked).toBeVisible();
    // Screen readers do not read the mask as "bullet bullet bullet…": they get words for it instead.
    await expect(spoken(masked.closest("dd")!)).toBe("+1 hidden digits 0142");
  },
};

/** The text of an element as assistive technology gets it: `aria-hidden` subtrees left out. */
function spoken(element: Element): string {
  return [...element.childNodes]
    .map((node) =>
      node instanceof Element ? (node.getAttribute("aria-hidden") === "true" ? "" : spoken(node)) : node.textContent,
    )
    .join("");
}

export const Collecting: Story = {
  args: show(fixtures.collecting),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Collecting card details")).toBeVisible();
  },
};

export const PaymentSucceeded: Story = {
  name: "Payment succeeded (Stripe charge)",
  args: show(fixtures.stripeChargeSuccess),
  beforeEach: () => stubClipboard("resolves"),
  play: async ({ canvas, globals }) => {
    const session = fixtures.stripeChargeSuccess;
    await expect(canvas.getByRole("article")).toHaveAttribute("data-status", "payment-success");
    await expect(canvas.getByText("Payment succeeded")).toBeVisible();
    // In the toolbar's locale: "$149.00" in en-US, "١٤٩٫٠٠ US$" in ar-EG.
    const locale = (globals.locale as string | undefined) ?? "en-US";
    const amount = locale === "en-US" ? "$149.00" : formatAmount(session.amount, session.currency, { locale });
    // Testing Library folds white space (the no-break space before "US$") to a plain space.
    await expect(canvas.getByText(amount.replace(/\s+/g, " "))).toBeVisible();
    await expect(canvas.getByText("+1 ••• ••• 0123")).toBeVisible();
    await expect(canvas.queryByText("+1 415 555 0123")).toBeNull();

    const receipt = canvas.getByRole("link", { name: /view receipt/i });
    await expect(receipt).toHaveAttribute("href", session.processor?.receipt_url);
    await expect(receipt).toHaveAttribute("target", "_blank");
    await expect(receipt).toHaveAttribute("rel", expect.stringContaining("noopener"));

    await userEvent.click(canvas.getByRole("button", { name: "Copy Session ID" }));
    await expect(navigator.clipboard.writeText).toHaveBeenCalledWith(session.session_id);
    const status = canvas.getAllByRole("status").find((region) => region.textContent === "Copied");
    await expect(status).toBeDefined();
  },
};

export const CopyFailed: Story = {
  name: "Copy failed (clipboard refused)",
  args: show(fixtures.stripeChargeSuccess),
  // The Clipboard API rejects (permission denied) and the legacy fallback fails too, as in an insecure context.
  beforeEach: () => stubClipboard("rejects"),
  play: ({ canvas }) => expectCopyRefused(canvas, "Copy Session ID", fixtures.stripeChargeSuccess.session_id),
};

export const Authorized: Story = {
  name: "Authorized, not captured (Authorize.net auth-only)",
  args: show(fixtures.authorizenetAuthOnly),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Authorized (not captured)")).toBeVisible();
    await expect(canvas.getByRole("article")).toHaveAttribute("data-tone", "warning");
  },
};

export const PaymentFailed: Story = {
  name: "Payment failed (card declined)",
  args: show(fixtures.cardDeclined),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Payment failed")).toBeVisible();
    await expect(canvas.getByText("card_declined")).toBeVisible();
    await expect(canvas.getByText("Your card was declined.")).toBeVisible();
  },
};

export const InsufficientFunds: Story = {
  args: show(fixtures.insufficientFunds),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("insufficient_funds")).toBeVisible();
  },
};

export const CardNotSaved: Story = {
  name: "Card not saved (tokenize, declined)",
  args: show(tokenizeDeclinedSession),
  play: async ({ canvas }) => {
    // Nothing was charged: the failure reads as a card not saved, with the gateway's reason.
    await expect(canvas.getByText("Card not saved")).toHaveAttribute("data-tone", "danger");
    await expect(canvas.queryByText("Payment failed")).toBeNull();
    await expect(canvas.getByText("Save card (tokenize)")).toBeVisible();
    await expect(canvas.getByRole("heading", { name: "Why it failed" })).toBeVisible();
    await expect(canvas.getByText("expired_card")).toBeVisible();
    await expect(canvas.getByText("Your card has expired.")).toBeVisible();
  },
};

export const Expired: Story = {
  args: show(fixtures.expired),
  play: async ({ canvas }) => {
    // The badge; the expiry row is labelled "Expired" too.
    await expect(canvas.getByText("Expired", { selector: ".mvn-badge" })).toBeVisible();
  },
};

export const Cancelled: Story = {
  args: show(fixtures.cancelled),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Cancelled")).toBeVisible();
  },
};

export const Abandoned: Story = {
  args: show(fixtures.abandoned),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Abandoned")).toBeVisible();
    // A UK caller, masked the same way.
    await expect(canvas.getByText(/^\+44 •.*0321$/)).toBeVisible();
  },
};

export const UnknownStatus: Story = {
  name: "Unknown status (terminal)",
  args: show(unknownTerminalStatusSession),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("article")).toHaveAttribute("data-status", "payment-refunded");
    await expect(canvas.getByText(/payment refunded/i)).toBeVisible();
  },
};

export const UnknownLiveStatus: Story = {
  name: "Unknown status (still live)",
  args: show(unknownLiveStatusSession),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("article")).toHaveAttribute("data-tone", "progress");
  },
};

// ── Every gateway ────────────────────────────────────────────────────────────

export const StripeCharge: Story = {
  args: { ...show(fixtures.stripeChargeSuccess), environment: "test" },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("ch_3QKs8cLm4TzR9xWv0kYp5Rz1")).toBeVisible();
    const dashboard = canvas.getAllByRole("link", { name: /open in dashboard/i })[0];
    await expect(dashboard).toHaveAttribute("href", expect.stringMatching(/^https:\/\/dashboard\.stripe\.com\/test\//));
  },
};

export const StripeTokenize: Story = {
  args: show(fixtures.stripeTokenizeSuccess),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Card saved")).toBeVisible();
    await expect(canvas.getByText("cus_R4xYzq8LmN2pTv")).toBeVisible();
  },
};

export const AuthorizenetCapture: Story = {
  name: "Authorize.net capture",
  args: show(fixtures.authorizenetCaptureSuccess),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("80041531966")).toBeVisible();
  },
};

export const AuthorizenetAuthOnly: Story = {
  name: "Authorize.net auth-only",
  args: show(fixtures.authorizenetAuthOnly),
  play: async ({ canvas }) => {
    // AVS "A" and CVV "M" decoded next to the codes.
    await expect(canvas.getByText(/street matches/i)).toBeVisible();
    await expect(canvas.getByText(/^match/i)).toBeVisible();
  },
};

export const AuthorizenetTokenize: Story = {
  name: "Authorize.net tokenize (CIM)",
  args: show(fixtures.authorizenetTokenizeSuccess),
};

export const Braintree: Story = {
  args: show(fixtures.braintreeChargeSuccess),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("kq9w3z7e")).toBeVisible();
  },
};

export const BraintreeTokenize: Story = {
  args: show(fixtures.braintreeTokenizeSuccess),
};

export const Shift4: Story = {
  args: show(fixtures.shift4ChargeSuccess),
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/^char_/)).toBeVisible();
  },
};

export const Shift4Tokenize: Story = {
  args: show(fixtures.shift4TokenizeSuccess),
};

export const UnknownGateway: Story = {
  name: "Unknown gateway (fiserv)",
  args: show(fixtures.unknownGateway),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("article")).toHaveAttribute("data-gateway", "fiserv");
    // Its own processor fields still show, generically.
    await expect(canvas.getByText("84539613911")).toBeVisible();
  },
};

// ── Data that must not break the card ────────────────────────────────────────

export const HostileData: Story = {
  name: "Hostile data (script tags, javascript: receipt, RTL override, zero-width)",
  args: show(hostileSession),
  play: async ({ canvas, canvasElement }) => {
    // Markup in strings is text: the heading shows it literally, nothing was parsed.
    await expect(canvas.getByRole("heading", { level: 3 })).toHaveTextContent('<script>alert("xss")</script>');
    await expect(canvasElement.querySelector("article script, article img, article svg[onload]")).toBeNull();
    // A javascript: receipt is never a link; its text is shown inert.
    await expect(canvas.queryByRole("link", { name: /receipt/i })).toBeNull();
    await expect(canvasElement.querySelector('a[href^="javascript:"]')).toBeNull();
    await expect(canvas.getByText("javascript:alert(document.cookie)")).toBeVisible();
    // Identifiers show invisible and bidi-override characters as "\uFFFD": "acme\u202Etxt.exe" cannot pose as
    // "acmeexe.txt", and "42\u200B42" is not "4242".
    await expect(canvas.getByText("acme\uFFFDtxt.exe")).toBeVisible();
    await expect(canvas.queryByText("acme\u202Etxt.exe")).toBeNull();
  },
};

export const PlainHttpReceipt: Story = {
  name: "Receipt on plain http (not a link)",
  args: show(httpReceiptSession),
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole("link", { name: /receipt/i })).toBeNull();
    await expect(canvas.getByText(/^http:\/\/pay\.stripe\.com/)).toBeVisible();
  },
};

export const LongValues: Story = {
  args: show(longValuesSession),
  play: async ({ canvas, canvasElement }) => {
    const card = canvas.getByRole("article");
    // Nothing overflows the card horizontally.
    await expect(card.scrollWidth).toBeLessThanOrEqual(card.clientWidth + 1);
    await expect(canvasElement.scrollWidth).toBeLessThanOrEqual(canvasElement.clientWidth + 1);
    // Long memory is collapsed behind a button.
    const more = canvas.getByRole("button", { name: "Show more" });
    await expect(more).toHaveAttribute("aria-expanded", "false");
    await userEvent.click(more);
    await expect(canvas.getByRole("button", { name: "Show less" })).toHaveAttribute("aria-expanded", "true");
  },
};

export const TransferWithMemory: Story = {
  name: "Transferred back, with call memory",
  args: { ...show(fixtures.transferWithMemory), showFullCaller: true },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("completed")).toBeVisible();
    // showFullCaller: the whole number, formatted.
    await expect(canvas.getByText(/^\+1 .*555.*0142$/)).toBeVisible();
  },
};

export const Untitled: Story = {
  name: "No description (fallback title)",
  args: show(untitledSession),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { level: 3, name: "Payment session" })).toBeVisible();
    // The card is named by it.
    await expect(canvas.getByRole("article", { name: "Payment session" })).toBeVisible();
  },
};

export const OtherFields: Story = {
  name: "Fields the contract does not know (Other fields)",
  args: show(extraFieldsSession),
  play: async ({ canvas }) => {
    // Collapsed: shown, but out of the way.
    const summary = canvas.getByText("Other fields (3)");
    await expect(canvas.getByText("refund_status")).not.toBeVisible();
    await userEvent.click(summary);
    await expect(summary.closest("details")).toHaveAttribute("open");
    await expect(canvas.getByText("refund_status")).toBeVisible();
    await expect(canvas.getByText("none")).toBeVisible();
    // Objects as JSON text.
    await expect(canvas.getByText('{"order_id":"A-1029","source":"ivr"}')).toBeVisible();
    await expect(canvas.getByText('{"score":12,"level":"normal"}')).toBeVisible();
  },
};

/**
 * What a `createSessionHandler` proxy with `redact: ["caller", "mode", "project_slug", "gateway", "processor",
 * "memory"]` sends: the required strings blanked to `""`, the nullable fields `null`.
 */
const redactedSession: Session = makeSession({
  session_id: "44526484-6c82-47b1-b213-f6df1d14a283",
  caller: "",
  gateway: "",
  mode: "",
  project_slug: "",
  processor: null,
  memory: null,
});

/** A session's amount as the card shows it in `locale`, white space folded as Testing Library folds it. */
function shownAmount(session: Session, locale: string | undefined): string {
  return formatAmount(session.amount, session.currency, { locale: locale ?? "en-US" }).replace(/\s+/g, " ");
}

/** A redacted session: the blanked rows are left out (never an empty "Caller"), the rest of the card stays. */
export const Redacted: Story = {
  name: "Redacted by the proxy (no caller, mode, project or gateway)",
  args: show(redactedSession),
  play: async ({ canvas, globals }) => {
    for (const label of ["Caller", "Mode", "Project", "Gateway"]) {
      await expect(canvas.queryByText(label, { selector: "dt" })).toBeNull();
    }
    await expect(canvas.queryByRole("heading", { name: "Payment details" })).toBeNull();
    await expect(canvas.queryByRole("heading", { name: "Call memory" })).toBeNull();
    // The amount, the status and the session id are still there.
    await expect(canvas.getByText(shownAmount(redactedSession, globals.locale as string | undefined))).toBeVisible();
    await expect(canvas.getByText("Payment succeeded")).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Copy Session ID" })).toBeVisible();
  },
};

/** A decline with a code and no message (`message: null`): the code alone, no empty "Message" row. */
export const FailureCodeOnly: Story = {
  name: "Payment failed, code only (no message)",
  args: show(
    makeSession({
      session_id: "2dcf8f41-7a16-4ade-a74c-425a572e16cd",
      status: "payment-failed",
      error: { code: "do_not_honor", message: null },
    }),
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { name: "Why it failed" })).toBeVisible();
    await expect(canvas.getByText("do_not_honor")).toBeVisible();
    await expect(canvas.queryByText("Message", { selector: "dt" })).toBeNull();
  },
};

/**
 * A decline with a message and no code. The contract requires `error.code` (a string), so the most a valid
 * session can leave out is its text: `code: ""`, shown as no "Error code" row.
 */
export const FailureMessageOnly: Story = {
  name: "Payment failed, message only (empty code)",
  args: show(
    makeSession({
      session_id: "a089a188-787f-4a27-833e-7e8f1929f2ff",
      status: "payment-failed",
      error: { code: "", message: "Card declined" },
    }),
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { name: "Why it failed" })).toBeVisible();
    await expect(canvas.getByText("Card declined")).toBeVisible();
    await expect(canvas.queryByText("Error code", { selector: "dt" })).toBeNull();
  },
};

/** A live session without `expires_at`, and an expired one without `expires_at` or `completed_at`. */
const noExpirySession: Session = makeSession({
  session_id: "d03876c8-6f62-462b-bfe8-61fc827af97e",
  status: "collecting",
  expires_at: null,
});
const expiredUndatedSession: Session = makeSession({
  session_id: "e6a692c4-5f5c-455a-a5d1-02869cd85f4e",
  status: "expired",
  expires_at: null,
  completed_at: null,
});

/** Timestamps the API left `null`: their rows are left out, never "Invalid Date" or an empty "Expires". */
export const MissingDates: Story = {
  name: "No expiry or completion time",
  parameters: { fullWidth: true },
  argTypes: HIDE_CARD_ARGS,
  render: ({ session: _session, sessionId: _sessionId, sessionOptions: _sessionOptions, ...args }) => (
    <Section title="Missing dates">
      <Cell label="collecting, expires_at null">
        <SessionCard {...args} {...show(noExpirySession)} />
      </Cell>
      <Cell label="expired, expires_at and completed_at null">
        <SessionCard {...args} {...show(expiredUndatedSession)} />
      </Cell>
    </Section>
  ),
  play: async ({ canvas }) => {
    const [live, expired] = canvas.getAllByRole("article").map((card) => within(card));
    await expect(live!.getByText("Collecting card details")).toBeVisible();
    await expect(live!.getByText("Created", { selector: "dt" })).toBeVisible();
    await expect(live!.queryByText("Expires", { selector: "dt" })).toBeNull();
    // The badge says "Expired"; no row does.
    await expect(expired!.getByText("Expired", { selector: ".mvn-badge" })).toBeVisible();
    await expect(expired!.queryByText("Expired", { selector: "dt" })).toBeNull();
    await expect(expired!.queryByText("Completed", { selector: "dt" })).toBeNull();
    await expect(expired!.getByText("Updated", { selector: "dt" })).toBeVisible();
  },
};

/**
 * A timestamp the card cannot read, in a session built by hand (the contract check would refuse it, so no fetched
 * session gets here): a paid Stripe charge whose `updated_at` is words.
 */
const unreadableTimestampSession: Session = {
  ...fixtures.stripeChargeSuccess,
  session_id: "a3eee241-2d3c-46ff-aa99-671278743b11",
  updated_at: "sometime on Tuesday",
};

/** A timestamp it cannot read is shown as sent, not as a `<time>` (nor "Invalid Date"); the others are dated. */
export const UnreadableTimestamp: Story = {
  name: "Timestamp it cannot read (shown as sent)",
  args: show(unreadableTimestampSession),
  play: async ({ canvas }) => {
    const raw = canvas.getByText("sometime on Tuesday");
    await expect(raw).toBeVisible();
    // Under its label, and the whole of its value: no relative time, no absolute line.
    await expect(raw.tagName).toBe("DD");
    await expect(raw.previousElementSibling).toHaveTextContent(/^Updated$/);
    await expect(raw).toHaveTextContent(/^sometime on Tuesday$/);
    await expect(raw.querySelector("time")).toBeNull();
    await expect(canvas.queryByText(/Invalid Date/)).toBeNull();
    // The readable timestamps are still dated.
    for (const [label, instant] of [
      ["Created", "2026-11-24T14:41:03.220Z"],
      ["Completed", "2026-11-24T14:42:37.661Z"],
    ] as const) {
      const value = canvas.getByText(label, { selector: "dt" }).nextElementSibling!;
      await expect(value.querySelector("time"), label).toHaveAttribute("datetime", instant);
    }
  },
};

/** A status this version does not know, longer than the badge shows (60 characters). */
const LONG_UNKNOWN_STATUS = "awaiting-manual-review-by-the-merchant-risk-and-compliance-operations-team";

/**
 * Values the contract allows but the card does not expect: a mode it has no words for (shown as sent), a caller
 * not in international (E.164) format (masked to its last four digits), and an unknown status of 74 characters,
 * cut to 60 with "…".
 */
export const UncommonValues: Story = {
  name: "Uncommon values (unknown mode, local caller, long unknown status)",
  args: show(
    makeSession({
      session_id: "30e338ef-cf28-4a40-9397-41ae8473cd16",
      status: LONG_UNKNOWN_STATUS,
      is_terminal: false,
      mode: "sandbox-eu",
      caller: "5551234",
      processor: null,
    }),
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("sandbox-eu")).toBeVisible();
    await expect(canvas.getByText("•••• 1234")).toBeVisible();
    const badge = canvas.getByText(/^Awaiting manual review/);
    await expect(badge).toHaveAttribute("data-status", LONG_UNKNOWN_STATUS);
    await expect(badge).toHaveAttribute("data-tone", "progress");
    // Cut: 60 characters and "…", the whole status nowhere in words.
    await expect(badge.textContent).toMatch(/^.{60}…$/u);
    await expect(canvas.queryByText(/operations team/i)).toBeNull();
  },
};

/** `session` that is not an object (a string from a bad cast): an error card with nothing to retry, never a crash. */
export const NotASession: Story = {
  name: "Not a session (a string)",
  args: { session: "oops" as never },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("heading", { name: "Couldn't load this session" })).toBeVisible();
    await expect(canvas.getByRole("article")).toHaveAttribute("data-state", "error");
    // Nothing to ask again: no Retry.
    await expect(canvas.queryByRole("button", { name: "Retry" })).toBeNull();
  },
};

/** `headingLevel={2}` and `className="my-card"`: the title is an h2 (its sections h3), the class is on the article. */
export const HeadingLevelAndClassName: Story = {
  name: "Heading level 2 and a className",
  args: { ...show(fixtures.stripeChargeSuccess), headingLevel: 2, className: "my-card" },
  play: async ({ canvas }) => {
    const title = fixtures.stripeChargeSuccess.description ?? "Payment session";
    await expect(canvas.getByRole("heading", { level: 2, name: title })).toBeVisible();
    await expect(canvas.queryByRole("heading", { level: 3, name: title })).toBeNull();
    await expect(canvas.getByRole("heading", { level: 3, name: "Payment details" })).toBeVisible();
    const card = canvas.getByRole("article", { name: title });
    await expect(card).toHaveClass("my-card");
    await expect(card).toHaveClass("mvn-card");
  },
};

/** A currency that is not a three-letter code (`"XYZ1"`, which the contract allows): the number, then the code as sent. */
const oddCurrencySession: Session = makeSession({
  session_id: "9b5d6b4f-a01b-491a-bd07-7216ed8ec928",
  status: "payment-success",
  amount: "49.99",
  currency: "XYZ1",
});

export const OddCurrency: Story = {
  name: "Currency that is not an ISO code (XYZ1)",
  args: show(oddCurrencySession),
  play: async ({ canvas, globals }) => {
    // "49.99 XYZ1" in en-US: the fraction as sent, the currency after it; in ar-EG, the same in Arabic digits.
    const locale = (globals.locale as string | undefined) ?? "en-US";
    const amount = locale === "en-US" ? "49.99 XYZ1" : shownAmount(oddCurrencySession, locale);
    await expect(canvas.getByText(amount)).toBeVisible();
  },
};

// ── Locales and themes ───────────────────────────────────────────────────────

/** A partial translation through the `labels` prop; keys left out stay English. */
const GERMAN_STATUS: Record<string, string> = {
  pending: "Wartet auf den Anruf",
  collecting: "Kartendaten werden erfasst",
  "payment-success": "Zahlung erfolgreich",
  "payment-authorized": "Autorisiert (nicht eingezogen)",
  "payment-failed": "Zahlung fehlgeschlagen",
  expired: "Abgelaufen",
  cancelled: "Storniert",
  abandoned: "Abgebrochen",
};
const germanLabels: Partial<SessionCardLabels> = {
  title: "Zahlungssitzung",
  amount: "Betrag",
  sessionId: "Sitzungs-ID",
  mode: "Modus",
  modeName: (mode) => (mode === "charge" ? "Belastung" : mode === "tokenize" ? "Karte speichern" : mode),
  caller: "Anrufer",
  callback: "Rückrufnummer",
  project: "Projekt",
  gateway: "Zahlungsanbieter",
  created: "Erstellt",
  updated: "Aktualisiert",
  expires: "Läuft ab",
  completed: "Abgeschlossen",
  paymentDetails: "Zahlungsdetails",
  card: "Karte",
  cardEndingIn: "endet auf",
  receipt: "Beleg",
  viewReceipt: "Beleg ansehen",
  opensInNewTab: "(öffnet in neuem Tab)",
  copy: (label) => `${label} kopieren`,
  copied: "Kopiert",
  status: (label, status) => GERMAN_STATUS[status] ?? label,
  statusChanged: (label) => `Zahlungsstatus: ${label}`,
};

export const GermanEuro: Story = {
  name: "German locale and labels, euros (de-DE, EUR)",
  args: { ...show(euroSession), locale: "de-DE", timeZone: "Europe/Berlin", labels: germanLabels },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/1\.234,50\s€/)).toBeVisible();
    await expect(canvas.getByText("Zahlung erfolgreich")).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Sitzungs-ID kopieren" })).toBeVisible();
  },
};

export const JapaneseYen: Story = {
  name: "Japanese locale, yen (ja-JP, JPY)",
  args: { ...show(yenSession), locale: "ja-JP", timeZone: "Asia/Tokyo" },
  play: async ({ canvas }) => {
    // Yen has no minor unit: no ".00".
    await expect(canvas.getByText(/[¥￥]12,800$/)).toBeVisible();
  },
};

/**
 * Arabic, right to left, whatever the toolbar says: `locale="ar-EG"` (Arabic digits) inside a `dir="rtl"`
 * container. The card follows the container's direction; ids and the caller stay left to right in their `<bdi>`.
 */
export const RightToLeft: Story = {
  name: "Right to left (ar-EG)",
  args: { ...show(fixtures.stripeChargeSuccess), locale: "ar-EG", timeZone: "Africa/Cairo" },
  decorators: [
    (Story) => (
      <div dir="rtl">
        <Story />
      </div>
    ),
  ],
  play: async ({ canvas, canvasElement }) => {
    const card = canvas.getByRole("article");
    await expect(getComputedStyle(card).direction).toBe("rtl");
    await expect(canvas.getByText(shownAmount(fixtures.stripeChargeSuccess, "ar-EG"))).toBeVisible();
    await expect(canvas.getByText("+1 ••• ••• 0123")).toBeVisible();
    await expect(canvas.getByText("ch_3QKs8cLm4TzR9xWv0kYp5Rz1")).toBeVisible();
    // Nothing overflows the card horizontally.
    await expect(card.scrollWidth).toBeLessThanOrEqual(card.clientWidth + 1);
    await expect(canvasElement.scrollWidth).toBeLessThanOrEqual(canvasElement.clientWidth + 1);
    // The badge mirrors: its narrow padding is on the icon's side, the right.
    const badge = getComputedStyle(canvasElement.querySelector(".mvn-badge")!);
    await expect([badge.paddingRight, badge.paddingLeft]).toEqual(["6px", "10px"]);
    // Every copy button is a target of at least 24 by 24 CSS px (WCAG 2.2, 2.5.8).
    const copies = canvas.getAllByRole("button", { name: /^Copy / });
    await expect(copies.length).toBeGreaterThan(2);
    for (const copy of copies) {
      const { width, height } = copy.getBoundingClientRect();
      await expect(Math.min(width, height), copy.textContent ?? "").toBeGreaterThanOrEqual(24);
    }
  },
};

export const DarkTheme: Story = {
  args: show(fixtures.authorizenetCaptureSuccess),
  globals: { theme: "dark" },
  play: async ({ canvas }) => {
    const card = canvas.getByRole("article");
    await expect(getComputedStyle(card).backgroundColor).toBe("rgb(23, 25, 30)");
  },
};

export const NestedThemes: Story = {
  name: "Nested themes (a light panel inside a dark page)",
  args: show(fixtures.authorizenetCaptureSuccess),
  decorators: [
    (Story) => (
      <div data-theme="dark" style={{ background: "#0e1014", padding: "1rem" }}>
        <aside data-theme="light" style={{ background: "#eef0f3", padding: "1rem" }}>
          <Story />
        </aside>
      </div>
    ),
  ],
  parameters: {
    docs: {
      description: {
        story:
          'The nearest `data-theme` wins, whatever the toolbar says: this card sits in a `data-theme="light"` panel ' +
          'inside a `data-theme="dark"` page, so it is light.',
      },
    },
  },
  play: async ({ canvas }) => {
    const card = canvas.getByRole("article");
    await expect(getComputedStyle(card).backgroundColor).toBe("rgb(255, 255, 255)");
    await expect(getComputedStyle(card).colorScheme).toBe("light");
  },
};

/**
 * Warm surfaces and serif type. Each colour names its light and its dark value with `light-dark()`, which
 * follows the card's `color-scheme` (the theme in force: `data-theme`, or the system's): a colour given once
 * would apply in every theme, e.g. a cream background under the dark theme's light text.
 */
const customTheme = {
  "--mvn-font": 'Georgia, "Times New Roman", serif',
  "--mvn-radius": "14px",
  "--mvn-bg": "light-dark(#fbf8f3, #1d1a16)",
  "--mvn-surface": "light-dark(#f1ebe0, #28241e)",
  "--mvn-border": "light-dark(#e0d6c4, #3d372e)",
  "--mvn-link": "light-dark(#7a3e9d, #cfa8ee)",
  "--mvn-focus": "light-dark(#7a3e9d, #cfa8ee)",
  "--mvn-success-fg": "light-dark(#2f5d34, #8fd49b)",
  "--mvn-success-bg": "light-dark(#e4efe0, #173020)",
} as CSSProperties;

export const CustomTheme: Story = {
  name: "Custom theme (--mvn-* properties)",
  args: { ...show(fixtures.stripeChargeSuccess), style: customTheme },
  parameters: {
    docs: {
      description: {
        story:
          "The same card with a few `--mvn-*` custom properties set on it: serif type, rounder corners, warm " +
          "surfaces. Each colour gives its light and dark value in `light-dark()`, so the card stays readable under " +
          "every theme of the toolbar.",
      },
    },
  },
  play: async ({ canvas }) => {
    const style = getComputedStyle(canvas.getByRole("article"));
    await expect(style.fontFamily).toMatch(/^Georgia/);
    // The warm background of the theme in force, whichever the toolbar (or the system) chose.
    await expect(style.backgroundColor).toBe(style.colorScheme === "dark" ? "rgb(29, 26, 22)" : "rgb(251, 248, 243)");
  },
};

// ── Connected: loading, live and every error class ───────────────────────────

/** The ids of the error stories below that inject their own fault (`withFault`): one id per story. */
const faultIds = {
  unprocessable: "0270283b-e8ea-4f52-ab8d-2323b15e2dec",
  germanServiceUnavailable: "86cd8579-b621-4096-8f49-22b7786011ac",
  retryingUnderError: "cac66290-7d65-43ab-ab18-4096499edc44",
  /** Loads (see `liveSession`), then its play function makes every refresh fail and takes the browser offline. */
  staleThenOffline: "006edf6b-02ca-4438-b82f-d214b6747370",
} as const;

/** Answers every request for `sessionId` with `fault` while the story is shown; returns the story's cleanup. */
function withFault(sessionId: string, fault: FaultInput): () => void {
  const injected = simulator.injectFault(fault, { sessionId, times: Number.POSITIVE_INFINITY });
  return () => injected.remove();
}

export const Loading: Story = {
  name: "Loading (request never answers)",
  args: { sessionId: errorIds.loading },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole("article")).toHaveAttribute("aria-busy", "true");
    await expect(canvas.getByText("Loading session…")).toBeVisible();
  },
};

export const Idle: Story = {
  name: "Idle (query disabled)",
  // The Loading story's id, but `enabled: false`: nothing is asked for, so nothing is loading.
  args: { sessionId: errorIds.loading, sessionOptions: { enabled: false } },
  play: async ({ canvas }) => {
    const card = canvas.getByRole("article");
    await expect(card).toHaveAttribute("data-state", "idle");
    await expect(card).not.toHaveAttribute("aria-busy");
    await expect(canvas.getByText("No session loaded.")).toBeVisible();
    await expect(canvas.queryByRole("status")).toBeNull();
    // The placeholder bars stay still.
    for (const bar of card.querySelectorAll(".mvn-skeleton__bar")) {
      await expect(getComputedStyle(bar).animationName).toBe("none");
    }
  },
};

export const SlowThenLoaded: Story = {
  name: "Slow answer, then loaded",
  args: { sessionId: errorIds.slow, sessionOptions: FAST_POLLING },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Loading session…")).toBeVisible();
    await expect(await canvas.findByText("Collecting card details", {}, { timeout: 5_000 })).toBeVisible();
    await expect(canvas.getByText("Live")).toBeVisible();
  },
};

export const NotFound: Story = {
  name: "Error: not found (404)",
  args: { sessionId: errorIds.notFound },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Session not found" })).toBeVisible();
    // Retrying cannot change a 404.
    await expect(canvas.queryByRole("button", { name: "Retry" })).toBeNull();
  },
};

/** An id that is not a UUID: refused before any request is made, and shown as the 404 is. */
export const InvalidSessionId: Story = {
  name: "Error: not a session id (refused before any request)",
  args: { sessionId: "not-a-uuid" },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Session not found" })).toBeVisible();
    await expect(canvas.getByText("No session has this ID. Check the link or the ID.")).toBeVisible();
    // Asking again cannot turn it into an id.
    await expect(canvas.queryByRole("button", { name: "Retry" })).toBeNull();
  },
};

export const Unauthorized: Story = {
  name: "Error: not authenticated (401)",
  args: { sessionId: errorIds.unauthorized },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Not authorised" })).toBeVisible();
  },
};

export const Forbidden: Story = {
  name: "Error: forbidden (403)",
  args: { sessionId: errorIds.forbidden },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Not authorised" })).toBeVisible();
  },
};

/**
 * Maven refused the id (FastAPI's 422 body, its answer to an id it does not accept): final, shown as the 404 is,
 * with no Retry.
 */
export const UnprocessableEntity: Story = {
  name: "Error: unprocessable (422)",
  args: { sessionId: faultIds.unprocessable },
  beforeEach: () => withFault(faultIds.unprocessable, "unprocessable"),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Session not found" })).toBeVisible();
    await expect(canvas.getByRole("article")).toHaveAttribute("data-error", "not-found");
    await expect(canvas.queryByRole("button", { name: "Retry" })).toBeNull();
  },
};

export const RateLimited: Story = {
  name: "Error: rate limited (429)",
  args: { sessionId: errorIds.rateLimited, sessionOptions: FAST_POLLING },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Rate limited — retrying" })).toBeVisible();
  },
};

export const ServerError: Story = {
  name: "Error: server error (500)",
  args: { sessionId: errorIds.serverError, sessionOptions: FAST_POLLING },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole("heading", { name: "Couldn't load this session" }, { timeout: 5_000 }),
    ).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
  },
};

/**
 * The first request answers 503 and every one after it hangs: the error card stays up, "Retrying…" under it,
 * while the next poll waits. No retries within the fetch (`retry: 0`), or the first retry would hang before any
 * error showed; `timeoutMs` long enough that the hanging poll is not given up while the story is on screen.
 */
export const RetryingUnderError: Story = {
  name: "Error: 503, then the next request hangs (Retrying…)",
  args: {
    sessionId: faultIds.retryingUnderError,
    sessionOptions: { ...FAST_POLLING, retry: 0, timeoutMs: 60_000 },
  },
  beforeEach: () => {
    // Faults queue in order: the 503 answers the first request, then the hang answers every later one.
    const failOnce = simulator.injectFault("service-unavailable", { sessionId: faultIds.retryingUnderError });
    const clearHang = withFault(faultIds.retryingUnderError, "hang");
    return () => {
      failOnce.remove();
      clearHang();
    };
  },
  play: async ({ canvas }) => {
    await waitFor(
      () => {
        expect(canvas.getByRole("heading", { name: "Couldn't load this session" })).toBeVisible();
        expect(canvas.getByText("Retrying…")).toBeVisible();
      },
      { timeout: 5_000 },
    );
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
  },
};

/**
 * The Loading story's id (the request never answers), with `timeoutMs: 500` and no retries: the request is given
 * up after half a second, and a timeout is a network problem.
 */
export const TimedOut: Story = {
  name: "Error: timed out (no answer in time)",
  args: { sessionId: errorIds.loading, sessionOptions: { ...FAST_POLLING, timeoutMs: 500, retry: 0 } },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Network problem" })).toBeVisible();
    await expect(canvas.getByText("The payment service couldn't be reached.")).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
  },
};

/** The German labels with the error texts too: what a translation of the whole card adds. */
const germanErrorLabels: Partial<SessionCardLabels> = {
  ...germanLabels,
  loading: "Sitzung wird geladen…",
  notFound: "Sitzung nicht gefunden",
  notFoundHint: "Keine Sitzung hat diese ID. Prüfen Sie den Link oder die ID.",
  unauthorized: "Keine Berechtigung",
  unauthorizedHint: "Sie dürfen diese Sitzung nicht sehen.",
  rateLimited: "Zu viele Anfragen — neuer Versuch folgt",
  network: "Netzwerkproblem",
  networkHint: "Der Zahlungsdienst war nicht erreichbar.",
  offline: "Sie scheinen offline zu sein.",
  contractMismatch: "Unerwartete Antwort",
  contractMismatchHint: "Die Antwort des Servers passt nicht zum Sitzungsvertrag.",
  details: "Details",
  genericError: "Sitzung konnte nicht geladen werden",
  retry: "Erneut versuchen",
  retrying: "Neuer Versuch…",
  stale: (when) => `Aktualisierung fehlgeschlagen. Stand der Sitzung: ${when}.`,
};

/** A connected card in German (the `GermanEuro` labels plus the error texts) while Maven answers 503. */
export const GermanErrors: Story = {
  name: "Error in German labels (503)",
  args: {
    sessionId: faultIds.germanServiceUnavailable,
    sessionOptions: FAST_POLLING,
    locale: "de-DE",
    timeZone: "Europe/Berlin",
    labels: germanErrorLabels,
  },
  beforeEach: () => withFault(faultIds.germanServiceUnavailable, "service-unavailable"),
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole("heading", { name: "Sitzung konnte nicht geladen werden" }, { timeout: 5_000 }),
    ).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Erneut versuchen" })).toBeVisible();
    await expect(canvas.queryByRole("button", { name: "Retry" })).toBeNull();
    await expect(canvas.queryByText("Couldn't load this session")).toBeNull();
  },
};

type StoryCanvas = Parameters<NonNullable<Story["play"]>>[0]["canvas"];

/** What the "couldn't refresh" warning says about the failure: its title, if any, and whether Retry is offered. */
interface StaleWarning {
  title?: string;
  retry?: boolean;
}

/**
 * A collecting session on screen under the "couldn't refresh" warning: the session stays, the warning names
 * the failure (a title per kind, none for a generic one), Retry only where asking again can help, and no
 * "Live" over the warning.
 */
async function expectSessionUnderWarning(
  canvas: StoryCanvas,
  { title, retry = true }: StaleWarning = {},
): Promise<void> {
  const stale = await canvas.findByText(/Couldn't refresh\. Showing the session as of/, {}, { timeout: 8_000 });
  await expect(stale).toBeVisible();
  // Its own warning tone, whatever the failure: the session on screen is still good, only not fresh.
  const callout = stale.closest<HTMLElement>(".mvn-callout")!;
  await expect(callout).toHaveAttribute("data-tone", "warning");
  // Read out from its live region, which holds the text alone: Retry and Details are beside it, in the callout.
  await expect(within(stale.closest<HTMLElement>(".mvn-notice")!).queryByRole("button")).toBeNull();
  const warning = within(callout);
  if (title) await expect(warning.getByText(title)).toBeVisible();
  await expect(canvas.getByText("Collecting card details")).toBeVisible();
  if (retry) await expect(warning.getByRole("button", { name: "Retry" })).toBeVisible();
  else await expect(warning.queryByRole("button", { name: "Retry" })).toBeNull();
  await expect(canvas.queryByText("Live")).toBeNull();
}

/**
 * A live session (its own id) that loads, then every refresh fails with `fault`: the last state stays on
 * screen under the warning `expected` describes.
 */
function failingRefreshes(sessionId: string, fault: FaultInput, expected?: StaleWarning): Story {
  return {
    args: { sessionId, sessionOptions: FAST_POLLING },
    beforeEach: () => liveSession(sessionId),
    play: async ({ canvas }) => {
      await expect(await canvas.findByText("Collecting card details", {}, { timeout: 5_000 })).toBeVisible();
      simulator.injectFault(fault, { sessionId, times: Number.POSITIVE_INFINITY });
      await expectSessionUnderWarning(canvas, expected);
    },
  };
}

export const OpenedDuringOutage: Story = {
  name: "Opened while Maven fails: your proxy's last copy, under a warning",
  args: { sessionId: errorIds.proxyCopyDuringOutage, sessionOptions: { ...FAST_POLLING, retry: 0 } },
  parameters: {
    docs: {
      description: {
        story:
          "Nothing loaded yet, and every answer is what `createSessionHandler` sends while Maven fails and it " +
          "holds a copy: a 502 with `{ detail, session }` and `Age: 120`. The card shows that copy, checked " +
          'against the contract, under "Couldn\'t refresh" timed two minutes back, and not as "Live".',
      },
    },
  },
  play: async ({ canvas }) => expectSessionUnderWarning(canvas),
};

export const NetworkError: Story = {
  name: "Error: network, then Retry succeeds",
  args: { sessionId: errorIds.networkThenRecovers, sessionOptions: FAST_POLLING },
  // The first request and both retries drop the connection; the Retry button's request gets through.
  beforeEach: () => networkBlip(errorIds.networkThenRecovers, 3),
  play: async ({ canvas }) => {
    // From the keyboard: Enter on the focused Retry button.
    (await canvas.findByRole("button", { name: "Retry" }, { timeout: 5_000 })).focus();
    await userEvent.keyboard("{Enter}");
    await expect(await canvas.findByText("Payment succeeded", {}, { timeout: 5_000 })).toBeVisible();
    // The Retry button is gone with the error: focus moves to the card (named by its heading), not to <body>,
    // so a keyboard or screen reader user goes on from where they were.
    await waitFor(() => expect(document.activeElement).toBe(canvas.getByRole("article")));
  },
};

/**
 * Retry pressed, and the network fails again: the error card looks the same before and after, so the card's
 * polite note says what became of the press ("Retrying…", then the failure's title), where a screen reader
 * would otherwise hear nothing.
 */
export const NetworkRetryFails: Story = {
  name: "Error: network, then Retry fails again (announced)",
  args: { sessionId: errorIds.network, sessionOptions: FAST_POLLING },
  play: async ({ canvas, canvasElement }) => {
    const retry = await canvas.findByRole("button", { name: "Retry" }, { timeout: 5_000 });
    await expect(canvas.getByRole("heading", { name: "Network problem" })).toBeVisible();
    const note = () => canvasElement.querySelector('article > span.mvn-sr-only[role="status"]');
    // Nothing pressed, nothing said: the automatic retries and polls are not read out.
    await expect(note()?.textContent).toBe("");
    await userEvent.click(retry);
    await waitFor(() => expect(note()?.textContent).toBe("Retrying…"));
    // The press's own retries start from the first backoff (the streak of failures before it ends with the press).
    await waitFor(() => expect(note()?.textContent).toBe("Network problem"), { timeout: 5_000 });
    // The same error card as before the press, Retry and all.
    await expect(canvas.getByRole("heading", { name: "Network problem" })).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
  },
};

export const Offline: Story = {
  name: "Error: offline",
  args: { sessionId: errorIds.network, sessionOptions: FAST_POLLING },
  beforeEach: () => {
    const onLine = spyOn(navigator, "onLine", "get").mockReturnValue(false);
    return () => onLine.mockRestore();
  },
  play: async ({ canvas }) => {
    await waitFor(
      () => {
        expect(canvas.getByRole("heading", { name: "Network problem" })).toBeVisible();
        expect(canvas.getByText("You appear to be offline.")).toBeVisible();
        expect(canvas.getByRole("button", { name: "Retry" })).toBeVisible();
      },
      { timeout: 5_000 },
    );
  },
};

/** `liveSession` for a story that takes the browser offline: its cleanup brings it back online too. */
function liveSessionBackOnline(sessionId: string): () => void {
  const clear = liveSession(sessionId);
  return () => {
    onlineManager.setOnline(true);
    clear();
  };
}

export const OfflineWhileLive: Story = {
  name: "Live, then offline: polling paused",
  args: { sessionId: errorIds.offlineWhileLive, sessionOptions: FAST_POLLING },
  beforeEach: () => liveSessionBackOnline(errorIds.offlineWhileLive),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Live", {}, { timeout: 5_000 })).toBeVisible();
    onlineManager.setOnline(false);
    // The last state stays, but the card no longer claims it is live; a screen reader hears it too.
    await expect(await canvas.findByText("Offline — will resume", { selector: "[data-live]" })).toBeVisible();
    await expect(
      canvas.getByText("Offline — will resume", { selector: ".mvn-sr-only[role=status]" }),
    ).toBeInTheDocument();
    await expect(canvas.queryByText("Live")).toBeNull();
    await expect(canvas.getByText("Collecting card details")).toBeVisible();
    onlineManager.setOnline(true);
    await expect(await canvas.findByText("Live")).toBeVisible();
    await expect(canvas.queryByText("Offline — will resume")).toBeNull();
  },
};

export const StaleAfterFailure: Story = {
  name: "Live, then refreshes fail: last state under a warning",
  ...failingRefreshes(errorIds.staleAfterFailure, 503),
};

export const StaleRateLimited: Story = {
  name: "Live, then rate limited (429): last state, still retrying",
  // Polling goes on (a 429 is transient), so there is nothing for Retry to add.
  ...failingRefreshes(
    errorIds.staleRateLimited,
    { type: "rate-limited", retryAfter: 1 },
    { title: "Rate limited — retrying", retry: false },
  ),
};

export const StaleNetwork: Story = {
  name: "Live, then network errors: last state under a warning",
  ...failingRefreshes(errorIds.staleNetwork, "reset", { title: "Network problem" }),
};

export const StaleContract: Story = {
  name: "Live, then a malformed body: last state under a warning",
  ...failingRefreshes(errorIds.staleContract, "malformed-json", { title: "Unexpected response" }),
};

export const StaleNotFound: Story = {
  name: "Live, then not found (404): last state, no Retry",
  ...failingRefreshes(errorIds.staleNotFound, "not-found", { title: "Session not found", retry: false }),
};

export const StaleUnauthorized: Story = {
  name: "Live, then not authenticated (401): last state, no Retry",
  ...failingRefreshes(errorIds.staleUnauthorized, "unauthorized", { title: "Not authorised", retry: false }),
};

export const DelayedCopy: Story = {
  name: "Live behind a busy proxy: a copy 95 s old, delayed",
  args: { sessionId: errorIds.proxyDelayedCopy, sessionOptions: FAST_POLLING },
  parameters: {
    docs: {
      description: {
        story:
          "Every answer is what `createSessionHandler` sends when it shares Maven's rate limit among many live " +
          "sessions: a 200 with the copy it holds (`X-Maven-Cache: stale`, `Age: 95`). The card follows it, but " +
          'says "Delayed · as of" when that copy was fetched instead of "Live", with a ring for a dot, until 90 s ' +
          "pass without such a copy (so a proxy's copies going from fresh to old and back do not make it blink). " +
          "Nothing is read out: it is no failure. `useDelayedSince(sessionId)` gives a UI of your own the same.",
      },
    },
  },
  play: async ({ canvas }) => {
    const indicator = await canvas.findByText(/^Delayed · as of /, {}, { timeout: 5_000 });
    await expect(indicator).toBeVisible();
    await expect(indicator).toHaveAttribute("data-live", "delayed");
    await expect(canvas.queryByText("Live")).toBeNull();
    await expect(canvas.queryByText(/Couldn't refresh/)).toBeNull();
    // Its live region stays empty: nothing failed, so nothing is read out.
    await expect(indicator.closest("article")!.querySelector(".mvn-notice")).toBeEmptyDOMElement();
    await expect(canvas.getByText("Collecting card details")).toBeVisible();
    // A ring: the dot's border is thinner than the "Live" dot's full disc.
    const dot = indicator.querySelector(".mvn-live__dot")!;
    await expect(getComputedStyle(dot).borderTopWidth).toBe("2px");
  },
};

/**
 * A refresh failed, then the browser went offline: "Offline — will resume" in the header and the "couldn't
 * refresh" warning under it, at once, over the last state. Back online, polling resumes and fails again: the
 * indicator goes, the warning stays, and the card still does not claim "Live".
 */
export const StaleThenOffline: Story = {
  name: "Live, then a refresh fails, then offline: warning and paused together",
  args: { sessionId: faultIds.staleThenOffline, sessionOptions: FAST_POLLING },
  beforeEach: () => liveSessionBackOnline(faultIds.staleThenOffline),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Collecting card details", {}, { timeout: 5_000 })).toBeVisible();
    simulator.injectFault(503, { sessionId: faultIds.staleThenOffline, times: Number.POSITIVE_INFINITY });
    await expectSessionUnderWarning(canvas);
    onlineManager.setOnline(false);
    const paused = await canvas.findByText("Offline — will resume");
    await expect(paused).toBeVisible();
    await expect(paused).toHaveClass("mvn-paused");
    await expect(paused).toHaveAttribute("data-live", "paused");
    // The warning stays in the card's notice region, and the session under it.
    const stale = canvas.getByText(/^Couldn't refresh\. Showing the session as of/);
    await expect(stale).toBeVisible();
    await expect(stale.closest(".mvn-notice")).not.toBeNull();
    await expect(canvas.getByText("Collecting card details")).toBeVisible();
    await expect(canvas.getByText(faultIds.staleThenOffline)).toBeVisible();
    await expect(canvas.queryByText("Live")).toBeNull();
    onlineManager.setOnline(true);
    await waitFor(() => expect(canvas.queryByText("Offline — will resume")).toBeNull());
    await expect(canvas.getByText(/^Couldn't refresh\. Showing the session as of/)).toBeVisible();
    await expect(canvas.queryByText("Live")).toBeNull();
  },
};

export const ContractMismatch: Story = {
  name: "Error: contract mismatch (required field missing)",
  // Not retried (asking again at once gets the same body); polling tries again after the default 3 s.
  args: { sessionId: errorIds.contractMismatch },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Unexpected response" })).toBeVisible();
    // What did not match, behind a disclosure: the missing field's path.
    await userEvent.click(canvas.getByText("Details"));
    await expect(canvas.getByText("status")).toBeVisible();
  },
};

export const MalformedJson: Story = {
  name: "Error: malformed JSON",
  args: { sessionId: errorIds.malformedJson },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("alert", {}, { timeout: 5_000 })).toBeVisible();
  },
};

export const HtmlErrorPage: Story = {
  name: "Error: HTML error page from a proxy (502)",
  args: { sessionId: errorIds.htmlErrorPage, sessionOptions: FAST_POLLING },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("alert", {}, { timeout: 5_000 })).toBeVisible();
    // The proxy's HTML never reaches the page.
    await expect(canvas.queryByText(/nginx/)).toBeNull();
  },
};

/**
 * Nothing serves `/api/maven/v1/sessions/{id}` yet: the app answers its own 404 page. That is no answer about the
 * session, so the card does not say "Session not found" (which a proxy's 404, with its `{ detail }`, does).
 */
export const NoProxyRoute: Story = {
  name: "Error: no proxy route (the app's 404 page)",
  args: { sessionId: errorIds.noProxyRoute },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole("heading", { name: "Couldn't load this session" })).toBeVisible();
    await expect(canvas.getByRole("article")).toHaveAttribute("data-error", "unknown");
    await expect(canvas.queryByText("Session not found")).toBeNull();
    // A 404 is final: asking again gets the same page.
    await expect(canvas.queryByRole("button", { name: "Retry" })).toBeNull();
  },
};

// ── Live ─────────────────────────────────────────────────────────────────────

/** What each scenario ends as, in the badge. */
const FINAL_LABEL: Record<ScenarioName, string> = {
  success: "Payment succeeded",
  declined: "Payment failed",
  insufficientFunds: "Payment failed",
  expired: "Expired",
  abandoned: "Abandoned",
  cancelled: "Cancelled",
  authorizedThenTransfer: "Authorized (not captured)",
  tokenize: "Card saved",
};

type LiveArgs = SessionCardSharedProps &
  Pick<CardArgs, "session" | "sessionId" | "sessionOptions"> & {
    /** The mock scenario the session plays. */
    scenario: ScenarioName;
    /** How fast the scenario plays: 1 is the built-in timing (about 5 s), 0.4 plays it in about 2 s. */
    timeScale: number;
  };

/** Starts the scenario on a new session id when it mounts, so every view plays from the start. */
function LiveSessionCard({
  scenario,
  timeScale,
  session: _session,
  sessionId: _sessionId,
  sessionOptions: _sessionOptions,
  ...props
}: LiveArgs) {
  const [sessionId] = useState(() => {
    const id = crypto.randomUUID();
    simulator.addSession({ scenario, sessionId: id, timeScale });
    return id;
  });
  return (
    <SessionCard
      sessionId={sessionId}
      // Fast polling so each state shows; keep polling terminal sessions whose transfer is still to come.
      sessionOptions={{ intervalMs: 400, terminalIntervalMs: scenario === "authorizedThenTransfer" ? 800 : false }}
      {...props}
    />
  );
}

export const Live: StoryObj<LiveArgs> = {
  name: "Live (plays a scenario on the mock)",
  args: { scenario: "success", timeScale: 0.4, timeZone: "UTC" },
  argTypes: {
    scenario: {
      control: "select",
      options: SCENARIO_NAMES,
      description: "The `@trymaven/mock` scenario the session plays (pending → collecting → outcome).",
    },
    timeScale: { control: { type: "range", min: 0.1, max: 2, step: 0.1 } },
    ...HIDE_CARD_ARGS,
  },
  parameters: {
    docs: {
      description: {
        story:
          "A session living its life on the mock: " +
          SCENARIO_NAMES.map((name) => `**${name}**: ${scenarios[name].description}`).join(" ") +
          " Pick another scenario in the controls to replay.",
      },
    },
  },
  // A new key per scenario and speed: the card remounts and a new session starts playing.
  render: (args) => <LiveSessionCard key={`${args.scenario}:${args.timeScale}`} {...args} />,
  play: async ({ canvas, args }) => {
    const final = FINAL_LABEL[args.scenario];
    await expect(await canvas.findByText("Live")).toBeVisible();
    await expect(await canvas.findByText(final, { selector: ".mvn-badge" }, { timeout: 12_000 })).toBeVisible();
    // The change was announced to screen readers, politely.
    await waitFor(() =>
      expect(canvas.getAllByRole("status").some((region) => region.textContent === `Payment status: ${final}`)).toBe(
        true,
      ),
    );
    if (args.scenario === "authorizedThenTransfer") {
      // Still polled after terminal (terminalIntervalMs): the transfer back shows up.
      await expect(await canvas.findByText("completed", {}, { timeout: 12_000 })).toBeVisible();
    } else {
      // Polling stops once the session is terminal.
      await waitFor(() => expect(canvas.queryByText("Live")).toBeNull());
    }
  },
};

export const LiveDeclined: StoryObj<LiveArgs> = {
  ...Live,
  name: "Live: declined",
  args: { ...Live.args, scenario: "declined" },
  parameters: {},
};

export const LiveAuthorizedThenTransfer: StoryObj<LiveArgs> = {
  ...Live,
  name: "Live: authorized, then transferred back",
  args: { ...Live.args, scenario: "authorizedThenTransfer" },
  parameters: {},
};

// ── All states ───────────────────────────────────────────────────────────────

/**
 * Transient errors in the grid: shown after the first failure (no retries) and
 * asked again every second or so, so the screenshot catches the error, not a retry.
 */
const GRID_TRANSIENT_POLLING: SessionPollingOptions = { intervalMs: 1_000, maxIntervalMs: 30_000, retry: 0 };

type AllStatesArgs = Pick<SessionCardSharedProps, "locale" | "timeZone" | "now">;

function AllStatesGrid(props: AllStatesArgs) {
  const card = (label: string, node: ReactNode) => (
    <Cell key={label} label={label}>
      {node}
    </Cell>
  );
  const presentational = (label: string, session: Session) =>
    card(label, <SessionCard session={session} now={justAfter(session)} {...props} />);
  const connected = (label: string, sessionId: string, options?: SessionPollingOptions) =>
    card(label, <SessionCard sessionId={sessionId} sessionOptions={options} {...props} />);
  return (
    <div className="sb-stack" style={{ maxWidth: "none" }}>
      <Section title="Every status">
        {presentational("pending", fixtures.pending)}
        {presentational("collecting", fixtures.collecting)}
        {presentational("payment-success", fixtures.stripeChargeSuccess)}
        {presentational("payment-authorized", fixtures.authorizenetAuthOnly)}
        {presentational("payment-failed", fixtures.cardDeclined)}
        {presentational("payment-failed, tokenize", tokenizeDeclinedSession)}
        {presentational("expired", fixtures.expired)}
        {presentational("cancelled", fixtures.cancelled)}
        {presentational("abandoned", fixtures.abandoned)}
        {presentational("unknown status (terminal)", unknownTerminalStatusSession)}
      </Section>
      <Section title="Every gateway">
        {presentational("stripe charge", fixtures.stripeChargeSuccess)}
        {presentational("stripe tokenize", fixtures.stripeTokenizeSuccess)}
        {presentational("authorizenet capture", fixtures.authorizenetCaptureSuccess)}
        {presentational("authorizenet auth-only", fixtures.authorizenetAuthOnly)}
        {presentational("authorizenet tokenize", fixtures.authorizenetTokenizeSuccess)}
        {presentational("braintree charge", fixtures.braintreeChargeSuccess)}
        {presentational("braintree tokenize", fixtures.braintreeTokenizeSuccess)}
        {presentational("shift4 charge", fixtures.shift4ChargeSuccess)}
        {presentational("shift4 tokenize", fixtures.shift4TokenizeSuccess)}
        {presentational("unknown gateway (fiserv)", fixtures.unknownGateway)}
      </Section>
      <Section title="Loading and errors (connected)">
        {connected("loading", errorIds.loading)}
        {card(
          "idle (query disabled)",
          <SessionCard sessionId={errorIds.loading} sessionOptions={{ enabled: false }} {...props} />,
        )}
        {connected("404 not found", errorIds.notFound)}
        {connected("401 unauthorized", errorIds.unauthorized)}
        {connected("403 forbidden", errorIds.forbidden)}
        {connected("429 rate limited", errorIds.rateLimited, GRID_TRANSIENT_POLLING)}
        {connected("500 server error", errorIds.serverError, GRID_TRANSIENT_POLLING)}
        {connected("network error", errorIds.network, GRID_TRANSIENT_POLLING)}
        {connected("contract mismatch", errorIds.contractMismatch)}
        {connected("malformed JSON", errorIds.malformedJson)}
        {connected("Maven failing: the proxy's copy", errorIds.proxyCopyDuringOutage, { retry: 0 })}
        {connected("busy proxy: a delayed copy", errorIds.proxyDelayedCopy)}
      </Section>
      <Section title="Data">
        {presentational("hostile strings", hostileSession)}
        {presentational("long values", longValuesSession)}
        {presentational("transfer and memory", fixtures.transferWithMemory)}
        {presentational("no description", untitledSession)}
        {presentational("fields the contract does not know", extraFieldsSession)}
        {card(
          "de-DE, EUR, German labels",
          <SessionCard
            session={euroSession}
            now={justAfter(euroSession)}
            {...props}
            locale="de-DE"
            labels={germanLabels}
          />,
        )}
        {card("ja-JP, JPY", <SessionCard session={yenSession} now={justAfter(yenSession)} {...props} locale="ja-JP" />)}
      </Section>
    </div>
  );
}

export const AllStates: StoryObj<AllStatesArgs & Pick<CardArgs, "session" | "sessionId" | "sessionOptions">> = {
  name: "All states",
  parameters: {
    fullWidth: true,
    docs: {
      description: {
        story:
          "Every status, every gateway, loading, idle and every error class, and the awkward data, side by side for a " +
          "one-glance review. `pnpm screenshot` takes a picture of it in light and dark.",
      },
    },
  },
  argTypes: HIDE_CARD_ARGS,
  render: (args) => <AllStatesGrid {...args} />,
  play: async ({ canvas }) => {
    await canvas.findByRole("heading", { name: "Session not found" }, { timeout: 5_000 });
    await canvas.findAllByRole("heading", { name: "Unexpected response" });
    await canvas.findByRole("heading", { name: "Network problem" }, { timeout: 5_000 });
    await expect(canvas.getAllByText("Payment succeeded").length).toBeGreaterThan(3);
  },
};
