/**
 * Forced colors (Windows High Contrast), emulated in Chromium: the browser replaces the page's colours with
 * a few system ones and drops backgrounds, so whatever is drawn only with a background disappears.
 */
import { waitFor } from "@testing-library/react";
import { fixtures } from "@trymaven/mock";
import { SessionCard } from "@trymaven/react";
import { afterEach, expect, inject, it } from "vitest";
import { cdp } from "vitest/browser";
import { mockControl } from "../faults/support/mock-control.ts";
import { mockClient, renderCard, watchPage } from "./support.tsx";

const mock = mockControl(inject("mockUrl"));

watchPage();

afterEach(async () => {
  await cdp().send("Emulation.setEmulatedMedia", { features: [] });
});

/** The background colour behind an element: its nearest ancestor's that is not transparent. */
function behind(element: Element): string {
  for (let node = element.parentElement; node; node = node.parentElement) {
    const colour = getComputedStyle(node).backgroundColor;
    if (!/^rgba\(.*,\s*0\)$|^transparent$/.test(colour)) return colour;
  }
  return "rgb(255, 255, 255)";
}

/** Something is painted in the element's box in a colour that differs from what is behind it. */
function painted(element: Element): boolean {
  const style = getComputedStyle(element);
  const around = behind(element);
  const border = style.borderTopStyle !== "none" && parseFloat(style.borderTopWidth) > 0;
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
  return (
    (!/^rgba\(.*,\s*0\)$|^transparent$/.test(style.backgroundColor) && style.backgroundColor !== around) ||
    (border && style.borderTopColor !== around) ||
    (outline && !/^rgba\(.*,\s*0\)$|^transparent$/.test(style.outlineColor) && style.outlineColor !== around)
  );
}

it("keeps the live dot, the badge's outline and the focus ring visible under forced colors", async (context) => {
  const { session_id: id } = await mock.addSession({ ...fixtures.collecting, session_id: crypto.randomUUID() });
  const { client } = mockClient(mock.url);
  const harness = renderCard({
    context,
    client,
    children: <SessionCard sessionId={id} sessionOptions={{ intervalMs: 200 }} locale="en-US" timeZone="UTC" />,
  });
  await waitFor(() => expect(harness.card().querySelector(".mvn-live__dot")).not.toBeNull(), { timeout: 3_000 });
  await cdp().send("Emulation.setEmulatedMedia", { features: [{ name: "forced-colors", value: "active" }] });
  expect(matchMedia("(forced-colors: active)").matches).toBe(true);

  const card = harness.card();
  const dot = card.querySelector(".mvn-live__dot")!;
  expect(dot.getBoundingClientRect().width).toBeGreaterThan(0);
  expect(painted(dot), "the live dot is painted").toBe(true);
  expect(painted(card.querySelector(".mvn-badge")!), "the badge keeps its outline").toBe(true);
  const copy = card.querySelector<HTMLElement>(".mvn-copy")!;
  copy.focus({ focusVisible: true } as FocusOptions);
  const ring = getComputedStyle(copy);
  expect(ring.outlineStyle).not.toBe("none");
  expect(parseFloat(ring.outlineWidth)).toBeGreaterThanOrEqual(2);
});

it("keeps the loading card's bars visible under forced colors, and invisible as outlines otherwise", async (context) => {
  // A session whose request never answers: the card stays loading (its request is aborted when it unmounts).
  const id = crypto.randomUUID();
  await mock.injectFault(id, "hang", Number.POSITIVE_INFINITY);
  const { client } = mockClient(mock.url);
  const harness = renderCard({ context, client, children: <SessionCard sessionId={id} /> });
  expect(harness.card().dataset.state).toBe("loading");
  const bars = [...harness.card().querySelectorAll(".mvn-skeleton__bar")];
  expect(bars.length).toBeGreaterThan(0);
  // Without forced colors, the outline that carries them is transparent: the shimmer is all that shows.
  for (const bar of bars) expect(getComputedStyle(bar).outlineColor).toBe("rgba(0, 0, 0, 0)");
  await cdp().send("Emulation.setEmulatedMedia", { features: [{ name: "forced-colors", value: "active" }] });
  for (const bar of bars) expect(painted(bar), "a loading bar is painted").toBe(true);
});
