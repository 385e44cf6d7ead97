/**
 * Maven's free text (the session's description, the decline message, the call's memory) in a right-to-left UI,
 * in Chromium: each keeps its own direction, so an English sentence in an Arabic card does not read
 * ".Your card was declined", and an Arabic one in an English card is not turned around either.
 */
import { cleanup, render } from "@testing-library/react";
import { makeSession } from "@trymaven/mock";
import { SessionCard } from "@trymaven/react";
import { afterEach, expect, it } from "vitest";
import "../../packages/react/src/styles.css";

afterEach(cleanup);

const declined = (text: { description: string; message: string; memory: string }) =>
  makeSession({
    status: "payment-failed",
    description: text.description,
    memory: text.memory,
    error: { code: "card_declined", message: text.message },
  });

/** The direction Chromium lays out the element holding exactly `text` in. */
function directionOf(container: HTMLElement, text: string): string {
  // The innermost: a <dd> holding the <bdi> has the same text.
  const element = [...container.querySelectorAll<HTMLElement>("bdi, p, dd")]
    .filter((candidate) => candidate.textContent === text)
    .at(-1);
  expect(element, text).toBeDefined();
  return getComputedStyle(element!).direction;
}

it("lays out English free text left to right inside a right-to-left card", () => {
  const english = {
    description: "Order #1042",
    message: "Your card was declined.",
    memory: "Caller asked for a receipt.",
  };
  const { container } = render(
    <div dir="rtl" lang="ar">
      <SessionCard session={declined(english)} locale="ar-EG" timeZone="Africa/Cairo" />
    </div>,
  );
  expect(getComputedStyle(container.querySelector("article")!).direction).toBe("rtl");
  expect(Object.values(english).map((text) => directionOf(container, text))).toEqual(["ltr", "ltr", "ltr"]);
});

it("lays out Arabic free text right to left inside a left-to-right card", () => {
  const arabic = { description: "طلب رقم ١٠٤٢", message: "تم رفض بطاقتك.", memory: "طلب المتصل إيصالاً." };
  const { container } = render(<SessionCard session={declined(arabic)} locale="en-US" timeZone="UTC" />);
  expect(getComputedStyle(container.querySelector("article")!).direction).toBe("ltr");
  expect(Object.values(arabic).map((text) => directionOf(container, text))).toEqual(["rtl", "rtl", "rtl"]);
});
