import { describe, expect, it } from "vitest";
import { KNOWN_STATUSES, type KnownSessionStatus } from "../src/schema.js";
import {
  describeStatus,
  statusDescription,
  statusLabel,
  statusTone,
  STATUS_TONES,
  type StatusTone,
} from "../src/status.js";

const EXPECTED: Record<KnownSessionStatus, [label: string, tone: StatusTone]> = {
  pending: ["Waiting for the call", "progress"],
  collecting: ["Collecting card details", "progress"],
  "payment-success": ["Payment succeeded", "success"],
  "payment-authorized": ["Authorized (not captured)", "warning"],
  "payment-failed": ["Payment failed", "danger"],
  expired: ["Expired", "neutral"],
  cancelled: ["Cancelled", "neutral"],
  abandoned: ["Abandoned", "warning"],
};

describe("known statuses", () => {
  it("covers every status the schema knows", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...KNOWN_STATUSES].sort());
  });

  it.each(KNOWN_STATUSES.map((status) => [status, ...EXPECTED[status]] as const))(
    "%s reads %j with tone %s",
    (status, label, tone) => {
      expect(statusLabel(status)).toBe(label);
      expect(statusTone(status)).toBe(tone);
      expect(describeStatus(status).known).toBe(true);
    },
  );

  it.each([...KNOWN_STATUSES])("%s has a one-sentence description", (status) => {
    const sentence = statusDescription(status);
    expect(sentence).toMatch(/^[A-Z].*\.$/);
    expect(sentence.split(/\.\s/)).toHaveLength(1);
    expect(sentence.length).toBeLessThan(160);
  });

  it("says that an authorized payment is held, not captured", () => {
    expect(statusLabel("payment-authorized")).toMatch(/not captured/i);
    expect(statusDescription("payment-authorized")).toMatch(/held/);
    expect(statusDescription("payment-authorized")).toMatch(/not captured/);
  });

  it("uses only the documented tones", () => {
    for (const status of KNOWN_STATUSES) expect(STATUS_TONES).toContain(statusTone(status));
  });

  it("tolerates case and separator variants of known statuses", () => {
    expect(statusLabel("PAYMENT_SUCCESS")).toBe("Payment succeeded");
    expect(statusTone(" Payment-Failed ")).toBe("danger");
  });

  it("speaks of saving the card, not of payment, in tokenize mode", () => {
    expect(statusLabel("payment-success", { mode: "tokenize" })).toBe("Card saved");
    expect(statusLabel("payment-failed", { mode: "tokenize" })).toBe("Card not saved");
    expect(statusTone("payment-success", { mode: "tokenize" })).toBe("success");
    expect(statusLabel("payment-success", { mode: "charge" })).toBe("Payment succeeded");
    expect(statusLabel("expired", { mode: "tokenize" })).toBe("Expired");
  });
});

describe("unknown statuses", () => {
  it.each([
    ["payment-retry-scheduled", "Payment retry scheduled"],
    ["payment_retry_scheduled", "Payment retry scheduled"],
    ["paymentRetryScheduled", "Payment retry scheduled"],
    ["PaymentRetryScheduled", "Payment retry scheduled"],
    ["PAYMENT_RETRY_SCHEDULED", "Payment retry scheduled"],
    ["  refund.pending  ", "Refund pending"],
    ["3DSRequired", "3DS required"],
    ["awaiting_3ds", "Awaiting 3DS"],
    ["caller-hung-up", "Caller hung up"],
    ["constructor", "Constructor"],
  ])("humanises %j as %j with a neutral tone", (status, label) => {
    expect(statusLabel(status)).toBe(label);
    expect(statusTone(status)).toBe("neutral");
    expect(describeStatus(status).known).toBe(false);
  });

  it("cuts an absurdly long status to 60 characters and an ellipsis", () => {
    const label = statusLabel(`payment-${"very-".repeat(100)}late`);
    expect(Array.from(label)).toHaveLength(61);
    expect(label.endsWith("…")).toBe(true);
    expect(statusDescription("x".repeat(5000)).length).toBeLessThan(120);
  });

  it("removes control and bidi characters from the label", () => {
    expect(statusLabel("refund\u202Edeliaf\u0000")).toBe("Refund deliaf");
  });

  it("calls a blank or missing status unknown", () => {
    expect(statusLabel("")).toBe("Unknown status");
    expect(statusLabel("   ")).toBe("Unknown status");
    expect(statusLabel(undefined as unknown as string)).toBe("Unknown status");
    expect(statusTone("")).toBe("neutral");
  });

  it("shows progress for an unknown status the server says is still live", () => {
    expect(statusTone("verifying-card", { isTerminal: false })).toBe("progress");
    expect(statusTone("verifying-card", { isTerminal: true })).toBe("neutral");
    expect(statusDescription("verifying-card", { isTerminal: false })).toMatch(/in progress/);
    expect(statusDescription("verifying-card", { isTerminal: true })).toMatch(/finished/);
    // The server's is_terminal never overrides the meaning of a known status.
    expect(statusTone("pending", { isTerminal: true })).toBe("progress");
  });
});
