/**
 * The keyboard, in Chromium: real Tab presses through the stories that hold every kind of control the card has
 * (copy buttons, the receipt and dashboard links, "Show more", the "Other fields" and contract "Details"
 * disclosures, the stale banner's Retry). Every control is reached, in reading order, and each shows a focus ring
 * with 3:1 contrast against what is around it; nothing hidden takes focus. And copying keeps the keyboard user's
 * place. Like the stories, this file runs in `storybook-light` (light, left to right) and `storybook-dark-rtl`
 * (dark, ar-EG, right to left): vitest.config.ts.
 */
import { composeStories } from "@storybook/react-vite";
import { expect, inject, it } from "vitest";
import { userEvent } from "vitest/browser";
import * as cardStories from "../../stories/session-card.stories";

const card = composeStories(cardStories);

type Story = (typeof card)[keyof typeof card];

/** Relative luminance of an `rgb()`/`rgba()` colour (WCAG 2). */
function luminance(colour: string): number {
  const [r, g, b] = colour
    .match(/[\d.]+/g)!
    .slice(0, 3)
    .map((channel) => {
      const value = Number(channel) / 255;
      return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
    });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The colour around an element: its nearest ancestor's opaque background. */
function around(element: Element): string {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (!/^rgba\(.*,\s*0(\.\d+)?\)$|^transparent$/.test(colour)) return colour;
  }
  throw new Error("no opaque background behind the element");
}

/** What Tab can reach in `scope`, by the markup: links, buttons, summaries (a closed disclosure's content is not rendered). */
function controls(scope: Element): Element[] {
  return [...scope.querySelectorAll("a[href], button, summary, input, select, textarea, [tabindex]")].filter(
    (element) =>
      element.getAttribute("tabindex") !== "-1" &&
      // A summary shows while its own disclosure is closed; anything else, only inside open ones.
      (element.tagName === "SUMMARY" ? element.parentElement!.parentElement! : element).closest(
        "details:not([open])",
      ) === null,
  );
}

/** The part of the layout a control sits in: its field (a grid cell), or itself. */
const unitOf = (element: Element) => (element.closest(".mvn-field") ?? element).getBoundingClientRect();

// `STORYBOOK_TEST_INITIAL_GLOBALS_PROVIDE_KEY`, spelled out: @storybook/addon-vitest/constants is for Node.
const GLOBALS_KEY = "storybook/test-initial-globals";
declare module "vitest" {
  interface ProvidedContext {
    [GLOBALS_KEY]: Record<string, unknown> | undefined;
  }
}

/** The instance's toolbar globals (vitest.config.ts): none for light, left to right; dark and ar-EG for right to left. */
const globals = inject(GLOBALS_KEY) ?? {};
const dir = globals.locale === "ar-EG" ? "rtl" : "ltr";

it("gets the toolbar globals its instance provides (a renamed key would make the dark run a second light one)", ({
  task,
}) => {
  expect(globals).toEqual(task.file.projectName === "storybook-dark-rtl" ? { theme: "dark", locale: "ar-EG" } : {});
});

const STORIES: Array<[name: string, story: Story]> = [
  ["ids, copy buttons, the receipt and dashboard links", card.StripeCharge],
  ['long memory and its "Show less" button', card.LongValues],
  ['the "Other fields" disclosure', card.OtherFields],
  ["the stale banner's contract details and Retry", card.StaleContract],
];

it.each(STORIES)("reaches %s with Tab, in order, each with a visible focus ring", async (_what, story) => {
  await story.run({ globals: { ...story.globals, ...globals } });
  const canvas = document.querySelector(".sb-maven-canvas")!;
  expect(canvas.getAttribute("dir") ?? "ltr").toBe(dir);
  // Tab from a button just before the story, as from the page's content above it.
  const start = document.createElement("button");
  start.textContent = "before the story";
  canvas.before(start);
  start.focus();

  const reached: Element[] = [];
  try {
    for (;;) {
      await userEvent.keyboard("{Tab}");
      const focused = document.activeElement!;
      if (!canvas.contains(focused) || reached.includes(focused)) break;
      reached.push(focused);
      const name = `${focused.tagName} "${focused.textContent}"`;
      // Visible, not a visually hidden or transparent element that takes focus.
      const box = focused.getBoundingClientRect();
      expect(box.width > 1 && box.height > 1, `${name} has a size`).toBe(true);
      expect(focused.checkVisibility({ opacityProperty: true, visibilityProperty: true }), name).toBe(true);
      expect(focused.closest('[aria-hidden="true"]'), `${name} is not in an aria-hidden subtree`).toBeNull();
      // A focus ring, 2 px or more, 3:1 against the colour around it (the offset leaves that colour on both sides).
      const ring = getComputedStyle(focused);
      expect(focused.matches(":focus-visible"), name).toBe(true);
      expect(ring.outlineStyle, name).not.toBe("none");
      expect(parseFloat(ring.outlineWidth), name).toBeGreaterThanOrEqual(2);
      expect(contrast(ring.outlineColor, around(focused)), `${name}: ring contrast`).toBeGreaterThanOrEqual(3);
    }
  } finally {
    start.remove();
  }

  // Every control, each once, in the order of the markup.
  expect(reached).toEqual(controls(canvas));
  expect(reached.length).toBeGreaterThan(1);
  // In reading order: down the card, and along a row of fields in the text's direction.
  for (let index = 1; index < reached.length; index++) {
    const [before, after] = [unitOf(reached[index - 1]!), unitOf(reached[index]!)];
    if (before.top === after.top && before.left === after.left) continue; // the same field
    if (Math.abs(after.top - before.top) < 2) {
      expect(dir === "rtl" ? after.right < before.right : after.left > before.left, `stop ${index}`).toBe(true);
    } else expect(after.top, `stop ${index}`).toBeGreaterThan(before.top);
  }
});

it("keeps focus on a copy button through the fallback copy, so Tab goes on from there (bug: focus fell to <body>)", async () => {
  // The Clipboard API refuses, so the card copies through a hidden textarea; `select()` focuses that textarea.
  await card.CopyFailed.run();
  const canvas = document.querySelector(".sb-maven-canvas")!;
  const copy = canvas.querySelector<HTMLElement>(".mvn-copy")!;
  copy.focus();
  await userEvent.keyboard("{Enter}");
  // Up to 5 s, not expect.poll's 1 s: three Chromiums share the machine's two cores here.
  await expect
    .poll(() => canvas.querySelector('.mvn-muted[role="status"]')?.textContent, { timeout: 5_000 })
    .toMatch(/^Couldn't copy/);
  expect(document.activeElement).toBe(copy);
  await userEvent.keyboard("{Tab}");
  const after = controls(canvas);
  expect(document.activeElement).toBe(after[after.indexOf(copy) + 1]);
});
