import { render, screen } from "@testing-library/react";
import { createRef } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SessionStatusBadge } from "../../src/index.js";
import { expectNoAxeViolations, cleanupAfterEach } from "./support.js";

cleanupAfterEach();

describe("SessionStatusBadge", () => {
  it.each([
    ["pending", "Waiting for the call", "progress", "false"],
    ["collecting", "Collecting card details", "progress", "false"],
    ["payment-success", "Payment succeeded", "success", "true"],
    ["payment-authorized", "Authorized (not captured)", "warning", "true"],
    ["payment-failed", "Payment failed", "danger", "true"],
    ["expired", "Expired", "neutral", "true"],
    ["cancelled", "Cancelled", "neutral", "true"],
    ["abandoned", "Abandoned", "warning", "true"],
  ])("shows %s as “%s” with the %s tone", (status, label, tone, terminal) => {
    render(<SessionStatusBadge status={status} />);
    const badge = screen.getByText(label);
    expect(badge).toHaveAttribute("data-status", status);
    expect(badge).toHaveAttribute("data-tone", tone);
    expect(badge).toHaveAttribute("data-terminal", terminal);
    expect(badge).toHaveClass("mvn-badge");
  });

  it("draws a different icon shape per tone, hidden from assistive technology", () => {
    const { container } = render(
      <>
        <SessionStatusBadge status="payment-success" />
        <SessionStatusBadge status="payment-failed" />
        <SessionStatusBadge status="collecting" />
        <SessionStatusBadge status="abandoned" />
        <SessionStatusBadge status="expired" />
      </>,
    );
    const icons = [...container.querySelectorAll("svg")];
    expect(icons).toHaveLength(5);
    for (const icon of icons) expect(icon).toHaveAttribute("aria-hidden", "true");
    const shapes = new Set(icons.map((icon) => icon.querySelector("path")?.getAttribute("d")));
    expect(shapes.size).toBe(5);
  });

  it("follows the server's is_terminal for a status it does not know", () => {
    render(
      <>
        <SessionStatusBadge status="payment-retry-scheduled" isTerminal={false} />
        <SessionStatusBadge status="refunded_by_bank" isTerminal />
      </>,
    );
    const live = screen.getByText("Payment retry scheduled");
    expect(live).toHaveAttribute("data-terminal", "false");
    expect(live).toHaveAttribute("data-tone", "progress");
    const done = screen.getByText("Refunded by bank");
    expect(done).toHaveAttribute("data-terminal", "true");
    expect(done).toHaveAttribute("data-tone", "neutral");
  });

  it("says “Card saved” for a tokenize session", () => {
    render(<SessionStatusBadge status="payment-success" mode="tokenize" />);
    expect(screen.getByText("Card saved")).toBeInTheDocument();
  });

  it("takes translated labels, a className, rest props and a ref", () => {
    const ref = createRef<HTMLSpanElement>();
    render(
      <SessionStatusBadge
        ref={ref}
        status="payment-failed"
        className="mine"
        id="badge"
        data-testid="badge"
        labels={{ status: (label, status) => (status === "payment-failed" ? "Zahlung fehlgeschlagen" : label) }}
      />,
    );
    const badge = screen.getByTestId("badge");
    expect(badge).toHaveTextContent("Zahlung fehlgeschlagen");
    expect(badge).toHaveClass("mvn-badge", "mine");
    expect(badge).toHaveAttribute("id", "badge");
    expect(ref.current).toBe(badge);
  });

  it("renders a script-like status as text", () => {
    const { container } = render(<SessionStatusBadge status="<script>alert(1)</script>" />);
    expect(container.querySelector("script")).toBeNull();
    expect(container.textContent).toContain("script");
  });

  it("renders on the server", () => {
    const html = renderToString(<SessionStatusBadge status="payment-success" isTerminal />);
    expect(html).toContain('data-tone="success"');
    expect(html).toContain("Payment succeeded");
  });

  it("has no axe violations", async () => {
    const { container } = render(
      <div>
        <SessionStatusBadge status="payment-success" />
        <SessionStatusBadge status="collecting" isTerminal={false} />
      </div>,
    );
    await expectNoAxeViolations(container);
  });
});
