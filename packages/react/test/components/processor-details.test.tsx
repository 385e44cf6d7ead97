import { act, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { revealInvisible, type Processor } from "@trymaven/core";
import { makeProcessor } from "@trymaven/mock";
import { createRef } from "react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ProcessorDetails } from "../../src/index.js";
import { cleanupAfterEach, expectNoAxeViolations } from "./support.js";

cleanupAfterEach();

/** The `dd` that belongs to the `dt` with this text. */
function valueOf(label: string): HTMLElement {
  const term = screen.getByText(label, { selector: "dt" });
  return term.nextElementSibling as HTMLElement;
}

const stripeCharge = makeProcessor({
  card_brand: "visa",
  card_last4: "4242",
  receipt_url: "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8x",
  stripe_charge_id: "ch_3QKs8cLm4TzR9xWv0kYp5Rz1",
  stripe_payment_intent_id: "pi_3QKs8cLm4TzR9xWv0a1bQw7E",
  payment_method_id: "pm_1QKs8bLm4TzR9xWvH3dN6sKe",
});

const stripeTokenize = makeProcessor({
  card_brand: "mastercard",
  card_last4: "4444",
  payment_method_id: "pm_1QKs7bLm4TzR9xWv2HcJ8nPq",
  stripe_customer_id: "cus_R4xYzq8LmN2pTv",
});

const authnetCapture = makeProcessor({
  card_brand: "Visa",
  card_last4: "1111",
  authnet_transaction_id: "80041532117",
  authnet_auth_code: "QX7K2M",
  authnet_response_code: "1",
  authnet_avs_result_code: "Y",
  authnet_cvv_result_code: "M",
  authnet_cavv_result_code: "2",
  authnet_network_trans_id: "381234567890123",
  authnet_capture_status: "captured",
});

const authnetAuthOnly = makeProcessor({
  card_brand: "AmericanExpress",
  card_last4: "0005",
  authnet_transaction_id: "80041532008",
  authnet_auth_code: "A41C9Z",
  authnet_response_code: "4",
  authnet_avs_result_code: "A",
  authnet_cvv_result_code: "Q",
  authnet_cavv_result_code: "",
  authnet_capture_status: "authorized",
  authnet_customer_profile_id: "524871963",
  authnet_payment_profile_id: "536120478",
});

describe("ProcessorDetails: Stripe", () => {
  it("shows the card as brand mark, brand name and last four digits", () => {
    const { container } = render(<ProcessorDetails processor={stripeCharge} gateway="stripe" />);
    const card = valueOf("Card");
    expect(card).toHaveTextContent("Visa");
    expect(card).toHaveTextContent("•••• ending in 4242");
    const mark = container.querySelector(".mvn-brand");
    expect(mark).toHaveAttribute("data-brand", "visa");
    expect(mark).toHaveAttribute("aria-hidden", "true");
    expect(container.firstElementChild).toHaveAttribute("data-gateway", "stripe");
  });

  it("links a safe receipt in a new tab, saying so", () => {
    render(<ProcessorDetails processor={stripeCharge} gateway="stripe" />);
    const link = screen.getByRole("link", { name: "View receipt (opens in new tab)" });
    expect(link).toHaveAttribute("href", "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8x");
    expect(link).toHaveAttribute("target", "_blank");
    expect(link).toHaveAttribute("rel", "noopener noreferrer");
  });

  it("lists the charge's ids in order, each with a copy button, and no dashboard link without an environment", () => {
    render(<ProcessorDetails processor={stripeCharge} gateway="stripe" />);
    const terms = screen.getAllByRole("term").map((term) => term.textContent);
    expect(terms).toEqual(["Card", "Receipt", "Payment intent ID", "Charge ID", "Payment method ID"]);
    expect(valueOf("Payment intent ID")).toHaveTextContent("pi_3QKs8cLm4TzR9xWv0a1bQw7E");
    expect(valueOf("Charge ID")).toHaveTextContent("ch_3QKs8cLm4TzR9xWv0kYp5Rz1");
    for (const label of ["Payment intent ID", "Charge ID", "Payment method ID"]) {
      expect(screen.getByRole("button", { name: `Copy ${label}` })).toHaveAttribute("type", "button");
    }
    expect(screen.queryByRole("link", { name: /dashboard/i })).toBeNull();
  });

  it("links the payment intent and charge to Stripe's test dashboard in test mode", () => {
    render(<ProcessorDetails processor={stripeCharge} gateway="stripe" environment="test" />);
    const intent = within(valueOf("Payment intent ID")).getByRole("link", { name: /Open in dashboard/ });
    expect(intent).toHaveAttribute("href", "https://dashboard.stripe.com/test/payments/pi_3QKs8cLm4TzR9xWv0a1bQw7E");
    expect(intent).toHaveAccessibleName("Open in dashboard (Payment intent ID) (opens in new tab)");
    expect(intent).toHaveAttribute("rel", "noopener noreferrer");
    expect(within(valueOf("Charge ID")).getByRole("link")).toHaveAttribute(
      "href",
      "https://dashboard.stripe.com/test/payments/ch_3QKs8cLm4TzR9xWv0kYp5Rz1",
    );
    expect(within(valueOf("Payment method ID")).queryByRole("link")).toBeNull();
  });

  it("shows a saved card's payment method and customer, the customer linked in live mode", () => {
    const { container } = render(<ProcessorDetails processor={stripeTokenize} gateway="stripe" environment="live" />);
    expect(valueOf("Card")).toHaveTextContent("Mastercard");
    expect(container.querySelector(".mvn-brand")).toHaveAttribute("data-brand", "mastercard");
    expect(valueOf("Payment method ID")).toHaveTextContent("pm_1QKs7bLm4TzR9xWv2HcJ8nPq");
    expect(within(valueOf("Customer ID")).getByRole("link")).toHaveAttribute(
      "href",
      "https://dashboard.stripe.com/customers/cus_R4xYzq8LmN2pTv",
    );
    expect(screen.queryByText("Receipt")).toBeNull();
  });
});

describe("ProcessorDetails: Authorize.net", () => {
  it("decodes a captured sale's response, AVS, CVV and CAVV codes", () => {
    render(<ProcessorDetails processor={authnetCapture} gateway="authorizenet" />);
    expect(valueOf("Transaction ID")).toHaveTextContent("80041532117");
    expect(valueOf("Response")).toHaveTextContent("1Approved");
    expect(valueOf("Address check (AVS)")).toHaveTextContent("YStreet and 5-digit ZIP match");
    expect(valueOf("Security code check (CVV)")).toHaveTextContent("MMatch");
    expect(valueOf("3-D Secure check (CAVV)")).toHaveTextContent("2Passed");
    expect(valueOf("Capture status")).toHaveTextContent("CapturedFunds captured");
    expect(valueOf("Authorization code")).toHaveTextContent("QX7K2M");
    expect(valueOf("Network transaction ID")).toHaveTextContent("381234567890123");
    // Codes and statuses are not worth copying; ids are.
    expect(within(valueOf("Response")).queryByRole("button")).toBeNull();
    expect(within(valueOf("Capture status")).queryByRole("button")).toBeNull();
    expect(screen.getByRole("button", { name: "Copy Transaction ID" })).toBeInTheDocument();
  });

  it("shows an auth-only hold as authorized and awaiting capture, with unknown codes flagged", () => {
    render(<ProcessorDetails processor={authnetAuthOnly} gateway="authorizenet" environment="test" />);
    expect(valueOf("Card")).toHaveTextContent("American Express");
    expect(valueOf("Capture status")).toHaveTextContent("AuthorizedFunds held, awaiting manual capture");
    expect(valueOf("Response")).toHaveTextContent("Held for review");
    expect(valueOf("Address check (AVS)")).toHaveTextContent("Street matches, ZIP does not");
    expect(valueOf("Security code check (CVV)")).toHaveTextContent("QUnrecognised code");
    expect(screen.queryByText("3-D Secure check (CAVV)")).toBeNull();
    expect(valueOf("Customer profile ID")).toHaveTextContent("524871963");
    expect(valueOf("Payment profile ID")).toHaveTextContent("536120478");
    expect(within(valueOf("Transaction ID")).getByRole("link")).toHaveAttribute(
      "href",
      "https://sandbox.authorize.net/ui/themes/sandbox/transaction/transactiondetail.aspx?transID=80041532008",
    );
  });

  it("lets every core text be translated", () => {
    render(
      <ProcessorDetails
        processor={authnetCapture}
        gateway="authorizenet"
        labels={{
          card: "Karte",
          processorField: (label, id) => (id === "authnet_response_code" ? "Antwort" : label),
          processorMeaning: (meaning, id) => (id === "authnet_response_code" ? "Genehmigt" : meaning),
          copy: (label) => `${label} kopieren`,
        }}
      />,
    );
    expect(valueOf("Karte")).toHaveTextContent("Visa");
    expect(valueOf("Antwort")).toHaveTextContent("1Genehmigt");
    expect(screen.getByRole("button", { name: "Transaction ID kopieren" })).toBeInTheDocument();
  });
});

describe("ProcessorDetails: Braintree, Shift4 and unknown gateways", () => {
  it("shows a Braintree sale's transaction id and a wallet card", () => {
    render(
      <ProcessorDetails
        processor={makeProcessor({
          card_brand: "Apple Pay - Visa",
          card_last4: "1881",
          braintree_transaction_id: "8m2x5k9q",
        })}
        gateway="braintree"
        environment="live"
      />,
    );
    expect(valueOf("Card")).toHaveTextContent("Visa (Apple Pay)");
    expect(valueOf("Transaction ID")).toHaveTextContent("8m2x5k9q");
    // Braintree URLs need a merchant id the API does not send: no link is guessed.
    expect(screen.queryByRole("link")).toBeNull();
  });

  it("shows a Braintree vaulted card's customer and token", () => {
    render(
      <ProcessorDetails
        processor={makeProcessor({ braintree_customer_id: "73920416", braintree_payment_method_token: "f7k2m9pq" })}
        gateway="braintree"
      />,
    );
    expect(valueOf("Customer ID")).toHaveTextContent("73920416");
    expect(valueOf("Payment method token")).toHaveTextContent("f7k2m9pq");
    expect(screen.queryByText("Card")).toBeNull();
  });

  it("shows a Shift4 charge and a Shift4 saved card", () => {
    const { unmount } = render(
      <ProcessorDetails
        processor={makeProcessor({
          card_brand: "MasterCard",
          card_last4: "4444",
          shift4_charge_id: "char_Rq8vH3kZ2mN5",
        })}
        gateway="shift4"
      />,
    );
    expect(valueOf("Charge ID")).toHaveTextContent("char_Rq8vH3kZ2mN5");
    unmount();
    render(
      <ProcessorDetails
        processor={makeProcessor({ shift4_customer_id: "cust_Zt5nQ2", shift4_card_id: "card_Hq3rW8" })}
        gateway="shift4"
      />,
    );
    expect(valueOf("Customer ID")).toHaveTextContent("cust_Zt5nQ2");
    expect(valueOf("Card ID")).toHaveTextContent("card_Hq3rW8");
  });

  it("lists an unknown gateway's fields generically", () => {
    const processor = makeProcessor({
      card_brand: "Visa",
      card_last4: "0019",
      fiserv_transaction_id: "84539613911",
      fiserv_approval_code: "OK4821",
    });
    const { container } = render(<ProcessorDetails processor={processor} gateway="fiserv" />);
    expect(container.firstElementChild).toHaveAttribute("data-gateway", "fiserv");
    expect(valueOf("Fiserv transaction ID")).toHaveTextContent("84539613911");
    expect(valueOf("Fiserv approval code")).toHaveTextContent("OK4821");
    expect(valueOf("Card")).toHaveTextContent("Visa");
  });

  it("shows an unknown card brand as its own text with a generic mark", () => {
    const { container } = render(
      <ProcessorDetails processor={makeProcessor({ card_brand: "Troy", card_last4: "9990" })} gateway="stripe" />,
    );
    expect(valueOf("Card")).toHaveTextContent("Troy");
    expect(container.querySelector(".mvn-brand")).toHaveAttribute("data-brand", "other");
  });

  it("renders only its wrapper for a null processor", () => {
    const { container } = render(<ProcessorDetails processor={null} gateway="stripe" />);
    expect(container.querySelector("dl")).toBeNull();
    expect(container.textContent).toBe("");
  });
});

describe("ProcessorDetails: receipts", () => {
  it.each([
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "http://pay.stripe.com/receipts/1",
    "//evil.example/receipt",
    "https://pay.stripe.com@evil.example/receipt",
    "https://user:pass@pay.stripe.com/receipt",
    "https://127.0.0.1/receipt",
    "https://pay.stripe.com\u202E/moc.live",
    "https:\\\\evil.example",
  ])("shows %j as text, never as a link", (url) => {
    const { container } = render(<ProcessorDetails processor={makeProcessor({ receipt_url: url })} gateway="stripe" />);
    expect(screen.queryByRole("link")).toBeNull();
    expect(container.querySelector("a")).toBeNull();
    expect(valueOf("Receipt").textContent).not.toBe("");
  });
});

describe("ProcessorDetails: copy buttons", () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, "clipboard");
    Reflect.deleteProperty(document, "execCommand");
    vi.useRealTimers();
  });

  function stubClipboard(writeText: (text: string) => Promise<void>) {
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
  }

  it("copies the id, announces “Copied” politely, and resets after a few seconds", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    const writeText = vi.fn(async (_text: string) => {});
    stubClipboard(writeText);
    render(<ProcessorDetails processor={stripeCharge} gateway="stripe" />);
    const button = screen.getByRole("button", { name: "Copy Charge ID" });
    await user.click(button);
    expect(writeText).toHaveBeenCalledWith("ch_3QKs8cLm4TzR9xWv0kYp5Rz1");
    expect(screen.getByRole("status")).toHaveTextContent("Copied");
    expect(button).toHaveAttribute("data-state", "copied");
    await act(async () => {
      vi.advanceTimersByTime(3000);
    });
    expect(screen.getByRole("status").textContent).toBe("");
    expect(button).toHaveAttribute("data-state", "idle");
  });

  it("works from the keyboard", async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async (_text: string) => {});
    stubClipboard(writeText);
    render(<ProcessorDetails processor={stripeCharge} gateway="stripe" />);
    await user.tab(); // the receipt link
    await user.tab();
    expect(screen.getByRole("button", { name: "Copy Payment intent ID" })).toHaveFocus();
    await user.keyboard("{Enter}");
    expect(writeText).toHaveBeenCalledWith("pi_3QKs8cLm4TzR9xWv0a1bQw7E");
    await user.tab();
    await user.keyboard(" ");
    expect(writeText).toHaveBeenLastCalledWith("ch_3QKs8cLm4TzR9xWv0kYp5Rz1");
    expect(screen.getByRole("status")).toHaveTextContent("Copied");
  });

  it("falls back to execCommand when the clipboard refuses", async () => {
    const user = userEvent.setup();
    stubClipboard(() => Promise.reject(new DOMException("Denied", "NotAllowedError")));
    const execCommand = vi.fn(() => true);
    Object.defineProperty(document, "execCommand", { value: execCommand, configurable: true });
    render(<ProcessorDetails processor={stripeCharge} gateway="stripe" />);
    await user.click(screen.getByRole("button", { name: "Copy Charge ID" }));
    expect(execCommand).toHaveBeenCalledWith("copy");
    expect(screen.getByRole("status")).toHaveTextContent("Copied");
  });

  it("selects the value and says how to copy it when no way to copy works", async () => {
    const user = userEvent.setup();
    stubClipboard(() => Promise.reject(new DOMException("Denied", "NotAllowedError")));
    render(<ProcessorDetails processor={stripeCharge} gateway="stripe" />);
    const button = screen.getByRole("button", { name: "Copy Charge ID" });
    await user.click(button);
    expect(screen.getByRole("status")).toHaveTextContent("Couldn't copy. The text is selected");
    expect(window.getSelection()?.toString()).toBe("ch_3QKs8cLm4TzR9xWv0kYp5Rz1");
    // Shown on the button too: the message is in the one region at the end, which may be far from it.
    expect(button).toHaveAttribute("data-state", "failed");
    expect(button.querySelector("circle")).not.toBeNull();
    expect(screen.getByRole("button", { name: "Copy Payment intent ID" })).toHaveAttribute("data-state", "idle");
  });

  it("falls back when there is no Clipboard API at all (insecure context)", async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true });
    render(<ProcessorDetails processor={stripeCharge} gateway="stripe" />);
    await user.click(screen.getByRole("button", { name: "Copy Payment method ID" }));
    expect(screen.getByRole("status")).toHaveTextContent("Couldn't copy");
    expect(window.getSelection()?.toString()).toBe("pm_1QKs8bLm4TzR9xWvH3dN6sKe");
  });
});

describe("ProcessorDetails: invisible characters (bug: two ways of handling them, and a copy that was not the raw id)", () => {
  afterEach(() => {
    Reflect.deleteProperty(navigator, "clipboard");
  });

  it("shows an id's invisible characters as “�”, as the card's fields do, and copies the id exactly as sent", async () => {
    const user = userEvent.setup();
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true });
    // A bidi override inside, a BOM in front and a space behind: each is part of what the API sent.
    const sent = "\uFEFFch_\u202Efdp.exe ";
    render(<ProcessorDetails processor={makeProcessor({ stripe_charge_id: sent })} gateway="stripe" />);
    expect(valueOf("Charge ID").querySelector("bdi")!.textContent).toBe(revealInvisible(sent));
    expect(valueOf("Charge ID")).toHaveTextContent("\uFFFDch_\uFFFDfdp.exe");
    await user.click(screen.getByRole("button", { name: "Copy Charge ID" }));
    // What a support person pastes into the gateway's dashboard: the raw value, not the display text.
    expect(writeText).toHaveBeenCalledWith(sent);
  });

  it("shows a receipt that is not a link with its invisible characters revealed, not turned into spaces", () => {
    render(
      <ProcessorDetails
        processor={makeProcessor({ receipt_url: "https://pay.stripe.com\u202E/moc.live" })}
        gateway="stripe"
      />,
    );
    expect(valueOf("Receipt")).toHaveTextContent("https://pay.stripe.com\uFFFD/moc.live");
  });
});

describe("ProcessorDetails: element", () => {
  it("forwards its ref, merges className and spreads rest props", () => {
    const ref = createRef<HTMLDivElement>();
    render(
      <ProcessorDetails ref={ref} processor={stripeCharge} gateway="stripe" className="mine" data-testid="details" />,
    );
    const element = screen.getByTestId("details");
    expect(ref.current).toBe(element);
    expect(element).toHaveClass("mvn-processor", "mine");
  });

  it("renders on the server", () => {
    const html = renderToString(
      <ProcessorDetails processor={authnetCapture} gateway="authorizenet" environment="live" />,
    );
    expect(html).toContain('data-gateway="authorizenet"');
    expect(html).toContain("Street and 5-digit ZIP match");
    expect(html).toContain(
      "https://account.authorize.net/ui/themes/anet/transaction/transactiondetail.aspx?transID=80041532117",
    );
  });

  it.each<[string, Processor, string]>([
    ["stripe", stripeCharge, "stripe"],
    ["authorizenet", authnetAuthOnly, "authorizenet"],
    ["unknown gateway", makeProcessor({ card_brand: "Visa", fiserv_order_id: "1" }), "fiserv"],
  ])("has no axe violations (%s)", async (_name, processor, gateway) => {
    const { container } = render(<ProcessorDetails processor={processor} gateway={gateway} environment="test" />);
    await expectNoAxeViolations(container);
  });
});
