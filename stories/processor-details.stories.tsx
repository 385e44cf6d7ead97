import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor } from "storybook/test";
import type { Session } from "@trymaven/core";
import { ProcessorDetails, type ProcessorDetailsProps } from "@trymaven/react";
import { fixtures } from "@trymaven/mock";
import { hostileSession, httpReceiptSession } from "./support/maven-mock";
import { stubClipboard } from "./support/clipboard";
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
