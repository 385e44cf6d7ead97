import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { Session } from "@trymaven/core";
import { makeProcessor, makeSession } from "@trymaven/mock";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { ProcessorDetails, SessionCard, SessionStatusBadge } from "../../src/index.js";
import { cleanupAfterEach } from "./support.js";

cleanupAfterEach();

const SCRIPT = `<script>alert("xss")</script><img src=x onerror=alert(1)>`;
const base = { now: Date.parse("2026-11-24T16:00:00Z"), locale: "en-US", timeZone: "UTC" } as const;

/** Every string field of a session and its processor, script-like. */
function hostileSession(): Session {
  const processor = makeProcessor({
    card_brand: SCRIPT,
    card_last4: `${SCRIPT}4242`,
    receipt_url: `javascript:${SCRIPT}`,
    stripe_charge_id: `ch_${SCRIPT}`,
    stripe_payment_intent_id: `pi_${SCRIPT}`,
    payment_method_id: `pm_${SCRIPT}`,
    stripe_customer_id: `cus_${SCRIPT}`,
    authnet_transaction_id: SCRIPT,
    authnet_response_code: SCRIPT,
    braintree_transaction_id: SCRIPT,
    shift4_charge_id: SCRIPT,
    [`x_${SCRIPT}`]: SCRIPT,
  });
  return {
    ...makeSession({
      status: SCRIPT,
      is_terminal: true,
      gateway: "stripe",
      mode: SCRIPT,
      amount: "49.99",
      currency: SCRIPT,
      description: SCRIPT,
      caller: SCRIPT,
      callback: SCRIPT,
      project_slug: SCRIPT,
      memory: SCRIPT,
      transfer_status: SCRIPT,
      error: { code: SCRIPT, message: SCRIPT },
    }),
    processor,
    [SCRIPT]: SCRIPT,
  } as Session;
}

describe("hostile data", () => {
  it("renders script-like text in every field as text, in the DOM and on the server", () => {
    const session = hostileSession();
    const { container } = render(<SessionCard session={session} environment="live" {...base} />);
    expect(container.querySelector("script, img, [onerror]")).toBeNull();
    expect(screen.getByRole("heading", { level: 3 })).toHaveTextContent(SCRIPT);
    expect(container.textContent).toContain(`ch_${SCRIPT}`);
    expect(container.textContent).toContain(`Payment details`);
    // No link anywhere points at a script.
    for (const link of container.querySelectorAll("a")) expect(link.getAttribute("href")).toMatch(/^https:\/\//);

    const html = renderToString(<SessionCard session={session} {...base} />);
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;");
  });

  it("renders script-like text in the badge and the processor details as text", () => {
    const { container } = render(
      <>
        <SessionStatusBadge status={SCRIPT} />
        <ProcessorDetails processor={hostileSession().processor} gateway={SCRIPT} />
      </>,
    );
    expect(container.querySelector("script, img")).toBeNull();
    expect(container.querySelector("a")).toBeNull();
  });

  it.each([
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "\u0001javascript:alert(1)",
    "https://pay.stripe.com%2F@evil.example",
  ])("never links the receipt %j from a full card", (url) => {
    const session = makeSession({ gateway: "stripe", status: "payment-success", processor: { receipt_url: url } });
    const { container } = render(<SessionCard session={session} {...base} />);
    expect(
      container.querySelector('a[href*="evil"], a[href^="javascript"], a[href^="data"], a[href^="vbscript"]'),
    ).toBeNull();
    expect(screen.queryByRole("link", { name: /View receipt/ })).toBeNull();
  });

  it("links a look-alike host only in punycode, which exposes it", () => {
    const session = makeSession({
      gateway: "stripe",
      status: "payment-success",
      processor: { receipt_url: "https://p\u0430y.stripe.com/receipts/1" },
    });
    render(<SessionCard session={session} {...base} />);
    const link = screen.getByRole("link", { name: "View receipt (opens in new tab)" });
    expect(link.getAttribute("href")).toMatch(/^https:\/\/xn--/);
  });

  it("shows invisible characters the same way in card fields and processor ids, and copies both ids as sent", async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    const sessionId = "0b05a489-0ed0-44af-b733-c17d2ec92c9c\u202E";
    const chargeId = "ch_\u202Efdp.exe";
    const session = {
      ...makeSession({
        gateway: "stripe",
        project_slug: "acme\u202Efdp.exe",
        processor: { stripe_charge_id: chargeId },
      }),
      session_id: sessionId,
    } as Session;
    try {
      render(<SessionCard session={session} {...base} />);
      const shown = (label: string) =>
        screen.getByText(label, { selector: "dt" }).nextElementSibling!.querySelector("bdi")!.textContent;
      // Processor ids used to go through a clean-up that turned the override into a space ("ch_ fdp.exe").
      expect(shown("Project")).toBe("acme\uFFFDfdp.exe");
      expect(shown("Charge ID")).toBe("ch_\uFFFDfdp.exe");
      expect(shown("Session ID")).toBe("0b05a489-0ed0-44af-b733-c17d2ec92c9c\uFFFD");
      await user.click(screen.getByRole("button", { name: "Copy Charge ID" }));
      expect(writeText).toHaveBeenLastCalledWith(chargeId);
      await user.click(screen.getByRole("button", { name: "Copy Session ID" }));
      expect(writeText).toHaveBeenLastCalledWith(sessionId);
    } finally {
      Reflect.deleteProperty(navigator, "clipboard");
    }
  });

  it("reveals bidi overrides and zero-width characters in ids instead of letting them disguise the id", () => {
    const trick = "pi_3QKs\u202Eexe.gnp\u200B\u200D";
    const session = {
      ...makeSession({
        gateway: "stripe",
        status: "payment-success",
        project_slug: `acme\u202Enimda`,
        caller: "+1415555\u200B0142",
        processor: { stripe_payment_intent_id: trick },
      }),
      session_id: `0b05a489-0ed0-44af-b733-c17d2ec92c9c\u202E`,
    } as Session;
    render(<SessionCard session={session} showFullCaller {...base} />);
    const project = screen.getByText("Project", { selector: "dt" }).nextElementSibling!;
    // The override is shown as "�" instead of silently reversing what follows it, and the id is isolated.
    expect(project.querySelector("bdi")).toHaveTextContent("acme\uFFFDnimda");
    const sessionId = screen.getByText("Session ID", { selector: "dt" }).nextElementSibling!;
    expect(sessionId.querySelector("bdi")).toHaveTextContent("0b05a489-0ed0-44af-b733-c17d2ec92c9c\uFFFD");
    expect(screen.getByText("Caller", { selector: "dt" }).nextElementSibling).toHaveTextContent("\uFFFD");
    const intent = screen.getByText("Payment intent ID", { selector: "dt" }).nextElementSibling!;
    const shown = intent.querySelector("bdi")!.textContent!;
    expect(shown).not.toMatch(/[\u200B-\u200F\u202A-\u202E]/);
    expect(shown.startsWith("pi_3QKs")).toBe(true);
  });

  it("keeps a 1 MB memory collapsed to a short preview, and shows it all on request", async () => {
    const user = userEvent.setup();
    const memory = "x".repeat(1024 * 1024);
    render(<SessionCard session={makeSession({ memory })} {...base} />);
    const button = screen.getByRole("button", { name: "Show more" });
    const text = document.getElementById(button.getAttribute("aria-controls")!)!;
    expect(text.textContent!.length).toBeLessThan(500);
    await user.click(button);
    expect(text.textContent).toHaveLength(memory.length);
  });

  it("wraps very long unbroken values instead of overflowing", () => {
    const id = "ch_" + "A".repeat(5000);
    render(
      <SessionCard
        session={makeSession({ description: "D".repeat(10_000), processor: { stripe_charge_id: id } })}
        {...base}
      />,
    );
    const card = screen.getByRole("article");
    // The stylesheet sets overflow-wrap: anywhere on .mvn-root (see styles.test.ts); ids are monospace <bdi>.
    expect(card).toHaveClass("mvn-root");
    expect(within(card).getByText(id)).toHaveClass("mvn-code");
  });

  it("survives fields of the wrong type without crashing or printing null", () => {
    const broken = {
      ...makeSession(),
      description: 42,
      caller: null,
      callback: { nested: true },
      memory: ["a"],
      transfer_status: false,
      created_at: "not a date",
      expires_at: 12,
      processor: "nope",
      error: "bad",
      amount: 49.99,
    } as unknown as Session;
    const { container } = render(<SessionCard session={broken} {...base} />);
    expect(screen.getByRole("article")).toHaveAttribute("data-state", "ready");
    expect(container.textContent).not.toMatch(/null|undefined|NaN|\[object Object\]/);
    expect(screen.getByText("Created", { selector: "dt" }).nextElementSibling).toHaveTextContent("not a date");
  });
});
