/**
 * Forced colors (Windows High Contrast) in Chromium, over a few stories. The `storybook-forced-colors` instance
 * (vitest.config.ts) runs this file alone, in a browser context with `forcedColors: "active"`: the browser paints
 * text, borders and outlines in the user's system colours and drops backgrounds and gradients. Each test checks
 * something a person using it would see, or would miss if it were drawn with a background alone.
 */
import { composeStories } from "@storybook/react-vite";
import { expect, it } from "vitest";
import { userEvent } from "vitest/browser";
import * as cardStories from "../../stories/session-card.stories";
import * as badgeStories from "../../stories/session-status-badge.stories";

const card = composeStories(cardStories);
const badges = composeStories(badgeStories);

/**
 * Runs a story (its play function too) and leaves it on the page. No axe here: its contrast rule measures the
 * page's own colours, which forced colors replace; every story is checked with axe by the other instances.
 */
function show(story: { run: (context?: { parameters: object }) => Promise<void>; parameters: object }) {
  return story.run({ parameters: { ...story.parameters, a11y: { test: "off" } } });
}

const transparent = (colour: string) => colour === "transparent" || /^rgba\(.*,\s*0\)$/.test(colour);

/** The colour behind an element: its nearest ancestor's background that is not transparent. */
function behind(element: Element): string {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (!transparent(colour)) return colour;
  }
  return "rgb(255, 255, 255)";
}

/** Which sides of the element's (or pseudo-element's) border are drawn, in a colour that shows on what is behind. */
function drawnSides(element: Element, pseudo?: string): string[] {
  const style = getComputedStyle(element, pseudo);
  const around = behind(element);
  return (["Top", "Right", "Bottom", "Left"] as const).filter(
    (side) =>
      style.getPropertyValue(`border-${side.toLowerCase()}-style`) !== "none" &&
      parseFloat(style.getPropertyValue(`border-${side.toLowerCase()}-width`)) > 0 &&
      style.getPropertyValue(`border-${side.toLowerCase()}-color`) !== around,
  );
}

it("runs under forced colors", () => {
  expect(matchMedia("(forced-colors: active)").matches).toBe(true);
});

it("keeps every badge's outline, dashed while the status can still change", async () => {
  await show(badges.AllStates);
  const all = [...document.querySelectorAll<HTMLElement>(".mvn-badge")];
  expect(all.length).toBeGreaterThan(10);
  for (const badge of all) {
    expect(drawnSides(badge), badge.textContent!).toEqual(["Top", "Right", "Bottom", "Left"]);
    expect(getComputedStyle(badge).borderTopStyle).toBe(badge.dataset.terminal === "true" ? "solid" : "dashed");
  }
});

it("keeps the loading placeholders visible", async () => {
  await show(card.Loading);
  const bars = [...document.querySelectorAll(".mvn-skeleton__bar")];
  expect(bars).toHaveLength(3);
  for (const bar of bars) {
    const style = getComputedStyle(bar);
    expect(style.outlineStyle).toBe("solid");
    expect(style.outlineColor).not.toBe(behind(bar));
    expect(bar.getBoundingClientRect().height).toBeGreaterThan(8);
  }
});

it("frames the stale banner on every side, and shows a focused or hovered Retry", async () => {
  await show(card.StaleAfterFailure);
  const banner = document.querySelector<HTMLElement>(".mvn-callout:has(> .mvn-notice)")!;
  // Its background, which set it apart from the session under it, is gone: a frame does that instead.
  expect(drawnSides(banner)).toEqual(["Top", "Right", "Bottom", "Left"]);
  const retry = banner.querySelector<HTMLElement>("button")!;
  expect(drawnSides(retry)).toEqual(["Top", "Right", "Bottom", "Left"]);

  // Hover is a background change, dropped here: Chromium's own forced-colors styles show it on the border.
  const resting = getComputedStyle(retry).borderTopColor;
  await userEvent.hover(retry);
  const hovered = getComputedStyle(retry).borderTopColor;
  expect(hovered).not.toBe(resting);
  expect(hovered).not.toBe(behind(retry));
  await userEvent.unhover(retry);

  retry.focus({ focusVisible: true } as FocusOptions);
  const ring = getComputedStyle(retry);
  expect(ring.outlineStyle).toBe("solid");
  expect(parseFloat(ring.outlineWidth)).toBeGreaterThanOrEqual(2);
  expect(ring.outlineColor).not.toBe(behind(retry));
});

it("frames a failure's panel on every side", async () => {
  await show(card.PaymentFailed);
  const failure = document.querySelector<HTMLElement>("section.mvn-callout")!;
  expect(failure).toHaveTextContent("Why it failed");
  expect(drawnSides(failure)).toEqual(["Top", "Right", "Bottom", "Left"]);
});

it("draws Mastercard's mark as a card outline, where its circles (gradients) are dropped", async () => {
  await show(card.AuthorizenetCapture);
  const mark = document.querySelector('.mvn-brand[data-brand="mastercard"]')!;
  expect(getComputedStyle(mark, "::before").backgroundImage).not.toContain("gradient");
  expect(drawnSides(mark, "::before")).toEqual(["Top", "Right", "Bottom", "Left"]);
});
