import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { CARD_BRAND_NAMES, type CardBrandId, type Session } from "@trymaven/core";
import { ProcessorDetails, type ProcessorDetailsProps } from "@trymaven/react";
import { fixtures, makeProcessor } from "@trymaven/mock";
import { hostileSession, httpReceiptSession } from "./support/maven-mock";
import { expectCopyRefused, stubClipboard } from "./support/clipboard";
import { Cell, Section } from "./support/layout";

/** The props ProcessorDetails takes from a session. */
const from = (session: Session): Pick<ProcessorDetailsProps, "processor" | "gateway"> => ({
  processor: session.processor,
  gateway: session.gateway,
});

const meta = {
  title: "Components/ProcessorDetails",
  component: ProcessorDetails,
  argTypes: {
    processor: { control: "object" },
    gateway: { control: "text" },
    environment: { control: "inline-radio", options: [undefined, "test", "live"] },
  },
  parameters: {
    docs: {
      description: {
        component:
          "What the gateway reported: the card, the receipt (a link only for https), and the gateway's ids and " +
          "codes, each id with a copy button and, with `environment`, a dashboard link. Unknown gateways get a " +
          "generic list of their fields.",
      },
    },
  },
  decorators: [
    (Story, { parameters }) =>
      parameters.fullWidth ? (
        <Story />
      ) : (
        <div style={{ maxWidth: "44rem" }}>
          <Story />
        </div>
      ),
  ],
} satisfies Meta<typeof ProcessorDetails>;

export default meta;
type Story = StoryObj<typeof meta>;

export const StripeCharge: Story = {
  args: { ...from(fixtures.stripeChargeSuccess), environment: "test" },
  beforeEach: () => stubClipboard("resolves"),
  play: async ({ canvas, canvasElement }) => {
    const processor = fixtures.stripeChargeSuccess.processor!;
    await expect(canvasElement.querySelector("[data-gateway]")).toHaveAttribute("data-gateway", "stripe");
    await expect(canvas.getByRole("link", { name: /view receipt/i })).toHaveAttribute("href", processor.receipt_url);

    const copy = canvas.getByRole("button", { name: /copy .*charge/i });
    await userEvent.click(copy);
    await expect(navigator.clipboard.writeText).toHaveBeenCalledWith(processor.stripe_charge_id);
    // Announced through the component's polite live region, and shown on the button.
    await waitFor(() =>
      expect(canvas.getAllByRole("status").some((region) => region.textContent === "Copied")).toBe(true),
    );
    await expect(copy).toHaveAttribute("data-state", "copied");
  },
};

export const StripeTokenize: Story = {
  args: from(fixtures.stripeTokenizeSuccess),
};

export const AuthorizenetCapture: Story = {
  name: "Authorize.net capture",
  args: { ...from(fixtures.authorizenetCaptureSuccess), environment: "test" },
  play: async ({ canvas }) => {
    const dashboard = canvas.getAllByRole("link", { name: /open in dashboard/i })[0];
    await expect(dashboard).toHaveAttribute("href", expect.stringContaining("sandbox.authorize.net"));
  },
};

export const AuthorizenetAuthOnly: Story = {
  name: "Authorize.net auth-only (codes decoded)",
  args: from(fixtures.authorizenetAuthOnly),
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/^authorized$/i)).toBeVisible();
    await expect(canvas.getByText(/street matches/i)).toBeVisible();
  },
};

export const Braintree: Story = {
  args: from(fixtures.braintreeChargeSuccess),
};

export const BraintreeTokenize: Story = {
  args: from(fixtures.braintreeTokenizeSuccess),
  play: async ({ canvas }) => {
    // "Apple Pay - Visa": the brand and the wallet, both named.
    await expect(canvas.getByText("Visa (Apple Pay)")).toBeVisible();
  },
};

export const Shift4: Story = {
  args: from(fixtures.shift4ChargeSuccess),
};

export const Shift4Tokenize: Story = {
  args: from(fixtures.shift4TokenizeSuccess),
};

export const UnknownGateway: Story = {
  name: "Unknown gateway (fiserv)",
  args: from(fixtures.unknownGateway),
  play: async ({ canvas }) => {
    await expect(canvas.getByText("84539613911")).toBeVisible();
    await expect(canvas.getByText("OK4821")).toBeVisible();
  },
};

export const JavascriptReceipt: Story = {
  name: "javascript: receipt (not a link)",
  args: from(hostileSession),
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.queryByRole("link", { name: /receipt/i })).toBeNull();
    await expect(canvasElement.querySelector('a[href^="javascript:"]')).toBeNull();
    await expect(canvas.getByText("javascript:alert(document.cookie)")).toBeVisible();
  },
};

export const HttpReceipt: Story = {
  name: "http receipt (not a link)",
  args: from(httpReceiptSession),
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole("link", { name: /receipt/i })).toBeNull();
  },
};

export const NoProcessor: Story = {
  name: "No processor (before a card was taken)",
  args: { processor: null, gateway: "stripe" },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector("dl")).toBeNull();
  },
};

/** An Authorize.net AVS code that is not in its table: shown as sent, with "Unrecognised code", never dropped. */
export const UnrecognisedCode: Story = {
  name: "Authorize.net, unrecognised AVS code",
  args: {
    gateway: "authorizenet",
    processor: makeProcessor({
      card_brand: "Visa",
      card_last4: "1111",
      authnet_transaction_id: "80041532117",
      authnet_response_code: "1",
      authnet_avs_result_code: "Q",
    }),
  },
  play: async ({ canvas }) => {
    const avs = canvas.getByText("Address check (AVS)").closest(".mvn-field") as HTMLElement;
    await expect(within(avs).getByText("Q")).toBeVisible();
    await expect(within(avs).getByText("Unrecognised code")).toBeVisible();
    // The known code next to it is still decoded.
    await expect(canvas.getByText("Approved")).toBeVisible();
  },
};

/** No gateway (`gateway: ""`, as a redacting proxy sends it): every field as a generic row, labelled from its key. */
export const NoGateway: Story = {
  name: "No gateway (empty)",
  args: {
    gateway: "",
    processor: makeProcessor({
      card_brand: "mastercard",
      card_last4: "5454",
      stripe_charge_id: "ch_3QKs8cLm4TzR9xWv0kYp5Rz1",
      stripe_payment_intent_id: "pi_3QKs8cLm4TzR9xWv0a1bQw7E",
    }),
  },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvasElement.querySelector("[data-gateway]")).toHaveAttribute("data-gateway", "");
    await expect(canvas.getByText("Mastercard")).toBeVisible();
    await expect(canvas.getByText("Stripe charge ID")).toBeVisible();
    await expect(canvas.getByText("ch_3QKs8cLm4TzR9xWv0kYp5Rz1")).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Copy Stripe payment intent ID" })).toBeVisible();
  },
};

/** Sessions for a grid, each with its cell's label. */
type LabelledSessions = ReadonlyArray<readonly [label: string, session: Session]>;

/** A titled grid of labelled ProcessorDetails, one per session. */
function GatewayGrid({
  title,
  sessions,
  environment,
}: {
  title: string;
  sessions: LabelledSessions;
  environment: ProcessorDetailsProps["environment"];
}) {
  return (
    <Section title={title}>
      {sessions.map(([label, session]) => (
        <Cell key={label} label={label}>
          <ProcessorDetails {...from(session)} environment={environment} />
        </Cell>
      ))}
    </Section>
  );
}

/** The gateways whose ids core links to a dashboard page (Braintree's and Shift4's URLs are not known). */
const WITH_DASHBOARD_LINKS: LabelledSessions = [
  ["stripe charge", fixtures.stripeChargeSuccess],
  ["stripe tokenize", fixtures.stripeTokenizeSuccess],
  ["authorizenet capture", fixtures.authorizenetCaptureSuccess],
];

/** The grids pick their sessions themselves. */
const HIDE_PROCESSOR_ARGS = {
  processor: { table: { disable: true } },
  gateway: { table: { disable: true } },
} as const;

export const LiveDashboardLinks: Story = {
  name: "Dashboard links (live)",
  args: { ...from(fixtures.stripeChargeSuccess), environment: "live" },
  argTypes: HIDE_PROCESSOR_ARGS,
  parameters: {
    fullWidth: true,
    docs: {
      description: {
        story:
          'With `environment="live"`: each id the gateway\'s dashboard has a page for links to it on the live ' +
          "dashboard (https, a new tab). Braintree and Shift4 get none: their URLs are not known.",
      },
    },
  },
  render: ({ environment }) => (
    <GatewayGrid title="Gateways with dashboard links" sessions={WITH_DASHBOARD_LINKS} environment={environment} />
  ),
  play: async ({ canvas }) => {
    const stripe = fixtures.stripeChargeSuccess.processor!;
    const links = canvas.getAllByRole("link", { name: /open in dashboard/i });
    // The live dashboards: no "/test/", no sandbox.
    await expect(links.map((link) => link.getAttribute("href"))).toEqual([
      `https://dashboard.stripe.com/payments/${stripe.stripe_payment_intent_id}`,
      `https://dashboard.stripe.com/payments/${stripe.stripe_charge_id}`,
      `https://dashboard.stripe.com/customers/${fixtures.stripeTokenizeSuccess.processor!.stripe_customer_id}`,
      "https://account.authorize.net/ui/themes/anet/transaction/transactiondetail.aspx?transID=" +
        fixtures.authorizenetCaptureSuccess.processor!.authnet_transaction_id,
    ]);
    for (const link of links) {
      await expect(link).toHaveAttribute("target", "_blank");
      await expect(link).toHaveAttribute("rel", expect.stringContaining("noopener"));
    }
    // Named by the id they open, so a list of links still says which is which.
    await expect(canvas.getByRole("link", { name: /open in dashboard \(customer id\)/i })).toBeVisible();
  },
};

/** ProcessorDetails' props for a grid, each with its cell's label. */
type LabelledDetails = ReadonlyArray<
  readonly [label: string, props: Pick<ProcessorDetailsProps, "processor" | "gateway">]
>;

/** A titled grid of labelled ProcessorDetails. */
function DetailsGrid({ title, cells }: { title: string; cells: LabelledDetails }) {
  return (
    <Section title={title}>
      {cells.map(([label, props]) => (
        <Cell key={label} label={label}>
          <ProcessorDetails {...props} />
        </Cell>
      ))}
    </Section>
  );
}

/** The ProcessorDetails of a grid cell, found by the cell's label. */
function cell(canvasElement: HTMLElement, label: string) {
  const caption = [...canvasElement.querySelectorAll("figcaption")].find((node) => node.textContent === label);
  return within(caption!.closest("figure")!.querySelector<HTMLElement>("[data-gateway]")!);
}

/** Every brand id core knows, as a gateway sends it, then one it does not know ("other"). */
const BRANDS: ReadonlyArray<readonly [sent: string, id: CardBrandId]> = [
  ...(Object.keys(CARD_BRAND_NAMES) as Exclude<CardBrandId, "other">[]).map((id) => [id, id] as const),
  ["RuPay", "other"],
];

/**
 * The mark of every card brand core recognises, and of one it does not: a text mark, Mastercard's and Maestro's
 * circles, or a card outline. The brand's name is always written next to its mark, which is decorative.
 */
export const BrandMarks: Story = {
  name: "Brand marks (every brand)",
  args: from(fixtures.stripeChargeSuccess),
  argTypes: HIDE_PROCESSOR_ARGS,
  parameters: { fullWidth: true },
  render: () => (
    <DetailsGrid
      title="Every card brand"
      cells={BRANDS.map(
        ([sent, id]) =>
          [
            `${id}: card_brand "${sent}"`,
            { gateway: "stripe", processor: makeProcessor({ card_brand: sent, card_last4: "4242" }) },
          ] as const,
      )}
    />
  ),
  play: async ({ canvasElement }) => {
    for (const [sent, id] of BRANDS) {
      const details = cell(canvasElement, `${id}: card_brand "${sent}"`);
      const name = id === "other" ? sent : CARD_BRAND_NAMES[id];
      await expect(details.getByText(name, { selector: ".mvn-brand + span" })).toBeVisible();
      await expect(details.getByText(name, { selector: ".mvn-brand + span" }).previousElementSibling).toHaveAttribute(
        "data-brand",
        id,
      );
    }
  },
};

/**
 * Half a card: the brand alone, the last four digits alone (a card outline for a mark), and `card_last4` masked
 * by the gateway ("XXXX1111"), of which the card shows the four digits.
 */
export const PartialCard: Story = {
  name: "Partial card (brand only, last four only, masked last four)",
  args: from(fixtures.stripeChargeSuccess),
  argTypes: HIDE_PROCESSOR_ARGS,
  parameters: { fullWidth: true },
  render: () => (
    <DetailsGrid
      title="Partial card"
      cells={[
        ["brand only", { gateway: "stripe", processor: makeProcessor({ card_brand: "visa" }) }],
        ["last four only", { gateway: "stripe", processor: makeProcessor({ card_last4: "4242" }) }],
        [
          'masked last four ("XXXX1111")',
          { gateway: "authorizenet", processor: makeProcessor({ card_brand: "Visa", card_last4: "XXXX1111" }) },
        ],
      ]}
    />
  ),
  play: async ({ canvasElement }) => {
    const brandOnly = cell(canvasElement, "brand only");
    await expect(brandOnly.getByText("Visa")).toBeVisible();
    await expect(brandOnly.queryByText(/ending in/)).toBeNull();

    const last4Only = cell(canvasElement, "last four only");
    await expect(last4Only.getByText("4242")).toBeVisible();
    await expect(last4Only.getByText("ending in")).toBeInTheDocument();
    await expect(canvasElement.querySelectorAll('[data-brand="unknown"]')).toHaveLength(1);

    const masked = cell(canvasElement, 'masked last four ("XXXX1111")');
    await expect(masked.getByText("1111")).toBeVisible();
    await expect(masked.queryByText(/XXXX/)).toBeNull();
  },
};

/** The copy button when the clipboard refuses and the legacy fallback fails too: a visible message, the id selected. */
export const CopyFailed: Story = {
  name: "Copy failed (clipboard refused)",
  args: from(fixtures.stripeChargeSuccess),
  beforeEach: () => stubClipboard("rejects"),
  play: ({ canvas }) =>
    expectCopyRefused(canvas, "Copy Charge ID", fixtures.stripeChargeSuccess.processor!.stripe_charge_id!),
};

/** German names through `labels`: one Stripe field (`processorField`) and one Authorize.net code's meaning (`processorMeaning`). */
const germanProcessorLabels: ProcessorDetailsProps["labels"] = {
  processorField: (label, id) => (id === "stripe_charge_id" ? "Belastungs-ID" : label),
  processorMeaning: (meaning, id) => (id === "authnet_avs_result_code" ? "Straße stimmt, PLZ nicht" : meaning),
  copy: (label) => `${label} kopieren`,
};

export const TranslatedLabels: Story = {
  name: "Translated labels (processorField, processorMeaning)",
  args: { ...from(fixtures.stripeChargeSuccess), labels: germanProcessorLabels },
  argTypes: HIDE_PROCESSOR_ARGS,
  parameters: { fullWidth: true },
  render: ({ labels }) => (
    <Section title="German labels">
      <Cell label="stripe charge">
        <ProcessorDetails {...from(fixtures.stripeChargeSuccess)} labels={labels} />
      </Cell>
      <Cell label="authorizenet auth-only">
        <ProcessorDetails {...from(fixtures.authorizenetAuthOnly)} labels={labels} />
      </Cell>
    </Section>
  ),
  play: async ({ canvasElement }) => {
    const stripe = cell(canvasElement, "stripe charge");
    await expect(stripe.getByText("Belastungs-ID")).toBeVisible();
    await expect(stripe.queryByText("Charge ID")).toBeNull();
    await expect(stripe.getByRole("button", { name: "Belastungs-ID kopieren" })).toBeVisible();
    // Fields left out keep core's English label.
    await expect(stripe.getByText("Payment intent ID")).toBeVisible();

    const authorizenet = cell(canvasElement, "authorizenet auth-only");
    await expect(authorizenet.getByText("Straße stimmt, PLZ nicht")).toBeVisible();
    await expect(authorizenet.queryByText(/street matches/i)).toBeNull();
    // The CVV code's meaning is not overridden: still English.
    await expect(authorizenet.getByText("Match")).toBeVisible();
  },
};

export const AllStates: Story = {
  name: "All states",
  args: from(fixtures.stripeChargeSuccess),
  argTypes: HIDE_PROCESSOR_ARGS,
  parameters: { fullWidth: true },
  render: ({ environment }) => (
    <GatewayGrid
      title="Every gateway"
      environment={environment}
      sessions={
        [
          ["stripe charge", fixtures.stripeChargeSuccess],
          ["stripe tokenize", fixtures.stripeTokenizeSuccess],
          ["stripe declined", fixtures.cardDeclined],
          ["authorizenet capture", fixtures.authorizenetCaptureSuccess],
          ["authorizenet auth-only", fixtures.authorizenetAuthOnly],
          ["authorizenet tokenize", fixtures.authorizenetTokenizeSuccess],
          ["authorizenet declined", fixtures.insufficientFunds],
          ["braintree charge", fixtures.braintreeChargeSuccess],
          ["braintree tokenize", fixtures.braintreeTokenizeSuccess],
          ["shift4 charge", fixtures.shift4ChargeSuccess],
          ["shift4 tokenize", fixtures.shift4TokenizeSuccess],
          ["unknown gateway (fiserv)", fixtures.unknownGateway],
          ["hostile strings", hostileSession],
        ] as const
      }
    />
  ),
};
