import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect } from "storybook/test";
import { KNOWN_STATUSES, TERMINAL_STATUSES } from "@trymaven/core";
import { SessionStatusBadge } from "@trymaven/react";
import { Cell, Section } from "./support/layout";

const meta = {
  title: "Components/SessionStatusBadge",
  component: SessionStatusBadge,
  args: { status: "payment-success" },
  argTypes: {
    status: { control: "select", options: [...KNOWN_STATUSES, "payment-refunded", "verifying-identity"] },
    isTerminal: { control: "boolean" },
    mode: { control: "inline-radio", options: ["charge", "tokenize"] },
  },
  parameters: {
    docs: {
      description: {
        component:
          "A session's status as a pill: words and tone from `@trymaven/core`, an icon whose shape differs per tone " +
          "(status never depends on colour alone), and a dashed outline while the session can still change.",
      },
    },
  },
} satisfies Meta<typeof SessionStatusBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const PaymentSucceeded: Story = {
  play: async ({ canvas }) => {
    const badge = canvas.getByText("Payment succeeded");
    await expect(badge).toHaveAttribute("data-tone", "success");
    await expect(badge).toHaveAttribute("data-terminal", "true");
  },
};

/** The "Collecting card details" badge, with the progress tone, and its outline: dashed while it can change. */
async function expectCollecting(badge: HTMLElement, terminal: boolean) {
  await expect(badge).toHaveAttribute("data-tone", "progress");
  await expect(badge).toHaveAttribute("data-terminal", String(terminal));
  await expect(getComputedStyle(badge).borderStyle).toBe(terminal ? "solid" : "dashed");
}

export const Collecting: Story = {
  args: { status: "collecting", isTerminal: false },
  play: async ({ canvas }) => expectCollecting(canvas.getByText("Collecting card details"), false),
};

/**
 * A live status the server calls terminal (`is_terminal` wins): the progress tone and icon, but the solid outline
 * of a session that will not change any more, where a live one has a dashed outline.
 */
export const ContradictoryTerminal: Story = {
  name: "Live status, but terminal (is_terminal wins)",
  args: { status: "collecting", isTerminal: true },
  play: async ({ canvas }) => expectCollecting(canvas.getByText("Collecting card details"), true),
};

export const CardSaved: Story = {
  name: "Card saved (tokenize)",
  args: { status: "payment-success", mode: "tokenize" },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Card saved")).toBeVisible();
  },
};

export const UnknownStatus: Story = {
  args: { status: "payment-refunded", isTerminal: true },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/payment refunded/i)).toHaveAttribute("data-tone", "neutral");
  },
};

export const EmptyStatus: Story = {
  name: "Empty status",
  args: { status: "" },
  play: async ({ canvas }) => {
    // No status reported: said in words, neutral, never a blank pill.
    const badge = canvas.getByText("Unknown status");
    await expect(badge).toHaveAttribute("data-status", "");
    await expect(badge).toHaveAttribute("data-tone", "neutral");
  },
};

export const Translated: Story = {
  name: "Translated labels",
  args: {
    status: "payment-failed",
    labels: {
      status: (label: string, status: string) => (status === "payment-failed" ? "Zahlung fehlgeschlagen" : label),
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByText("Zahlung fehlgeschlagen")).toHaveAttribute("data-status", "payment-failed");
  },
};

export const AllStates: Story = {
  name: "All states",
  argTypes: { status: { table: { disable: true } }, isTerminal: { table: { disable: true } } },
  render: (args) => (
    <div className="sb-stack" style={{ maxWidth: "none" }}>
      {(["light", "dark"] as const).map((theme) => (
        <div key={theme} data-theme={theme} className="sb-maven-canvas" style={{ borderRadius: 8 }}>
          <Section title={`Every status (${theme})`} narrow>
            {KNOWN_STATUSES.map((status) => (
              <Cell key={status} label={status}>
                <span>
                  <SessionStatusBadge
                    {...args}
                    status={status}
                    isTerminal={(TERMINAL_STATUSES as readonly string[]).includes(status)}
                  />
                </span>
              </Cell>
            ))}
            <Cell label="payment-success, tokenize">
              <span>
                <SessionStatusBadge {...args} status="payment-success" mode="tokenize" />
              </span>
            </Cell>
            <Cell label="payment-failed, tokenize">
              <span>
                <SessionStatusBadge {...args} status="payment-failed" mode="tokenize" />
              </span>
            </Cell>
            <Cell label="unknown, terminal">
              <span>
                <SessionStatusBadge {...args} status="payment-refunded" isTerminal />
              </span>
            </Cell>
            <Cell label="unknown, live">
              <span>
                <SessionStatusBadge {...args} status="verifying-identity" isTerminal={false} />
              </span>
            </Cell>
            <Cell label="empty status">
              <span>
                <SessionStatusBadge {...args} status="" />
              </span>
            </Cell>
          </Section>
        </div>
      ))}
    </div>
  ),
  play: async ({ canvas }) => {
    await expect(canvas.getAllByText("Payment succeeded")).toHaveLength(2);
    await expect(canvas.getAllByText("Abandoned")[0]).toHaveAttribute("data-tone", "warning");
  },
};
