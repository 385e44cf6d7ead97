/**
 * The card brand marks, in Chromium with the real stylesheet, which draws them all from `data-brand`: a short
 * text for most brands, Mastercard's and Maestro's two circles, a card outline for any other brand. They are
 * decorative (`aria-hidden`): the brand's name is written next to them.
 */
import { cleanup, render } from "@testing-library/react";
import { fixtures } from "@trymaven/mock";
import { ProcessorDetails } from "@trymaven/react";
import { afterEach, expect, it } from "vitest";
import "../../packages/react/src/styles.css";

afterEach(cleanup);

function markFor(cardBrand: string): HTMLElement {
  const { container } = render(
    <ProcessorDetails
      processor={{ ...fixtures.stripeChargeSuccess.processor!, card_brand: cardBrand }}
      gateway="stripe"
    />,
  );
  const mark = container.querySelector<HTMLElement>(".mvn-brand")!;
  expect(mark.getAttribute("aria-hidden")).toBe("true");
  const box = mark.getBoundingClientRect();
  expect(box.width).toBeGreaterThan(20);
  expect(box.height).toBeGreaterThan(10);
  return mark;
}

it.each([
  ["Visa", "VISA"],
  ["American Express", "AMEX"],
  ["Discover", "DISC"],
  ["Diners Club", "DC"],
  ["JCB", "JCB"],
  ["UnionPay", "UP"],
  ["Cartes Bancaires", "CB"],
  ["eftpos Australia", "eftpos"],
  ["Elo", "elo"],
  ["Link", "link"],
  ["eCheck", "ACH"],
])("writes %s as the text mark %s, with no outline", (brand, text) => {
  const mark = markFor(brand);
  expect(getComputedStyle(mark, "::after").content).toBe(JSON.stringify(text));
  expect(getComputedStyle(mark, "::before").content).toBe("none");
});

it.each([
  ["MasterCard", "mastercard"],
  ["Maestro", "maestro"],
])("draws %s as two circles", (brand, id) => {
  const mark = markFor(brand);
  expect(mark.dataset.brand).toBe(id);
  expect(getComputedStyle(mark, "::after").content).toBe("none");
  const drawn = getComputedStyle(mark, "::before");
  expect(drawn.backgroundImage.match(/radial-gradient/g)).toHaveLength(2);
  expect(parseFloat(drawn.width)).toBeGreaterThan(15);
});

it("draws a card outline for a brand without a mark of its own", () => {
  const mark = markFor("Some Local Scheme");
  expect(getComputedStyle(mark, "::after").content).toBe("none");
  const drawn = getComputedStyle(mark, "::before");
  expect(drawn.borderTopStyle).toBe("solid");
  expect(parseFloat(drawn.width)).toBeGreaterThan(15);
  expect(parseFloat(drawn.height)).toBeGreaterThan(10);
});
