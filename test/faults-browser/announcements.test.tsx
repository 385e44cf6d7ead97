/**
 * What a screen reader is told, in Chromium. When a refresh fails over data still on screen, the "couldn't
 * refresh" banner must land in a live region that was already in the accessibility tree, because text added
 * to an existing region is read out where a region mounted together with its text is often missed. And a
 * status change is announced once, by a card that is on screen. An icon-only button is named once.
 */
import { render, waitFor } from "@testing-library/react";
import { fixtures } from "@trymaven/mock";
import { SessionCard } from "@trymaven/react";
import { expect, inject, it, onTestFinished } from "vitest";
import { cdp } from "vitest/browser";
import { mockControl } from "../faults/support/mock-control.ts";
import { mockClient, renderCard, watchPage } from "./support.tsx";

const mock = mockControl(inject("mockUrl"));

watchPage();

interface AXNode {
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  description?: { value: string };
  properties?: Array<{ name: string; value: { value: unknown } }>;
  childIds?: string[];
  nodeId: string;
}

/** Chromium's accessibility tree of the frame the tests render in (the page's only child frame). */
async function accessibilityTree(): Promise<AXNode[]> {
  const { frameTree } = await cdp().send("Page.getFrameTree");
  const frames = [frameTree, ...(frameTree.childFrames ?? [])];
  const trees = await Promise.all(
    frames.map(async ({ frame }) => (await cdp().send("Accessibility.getFullAXTree", { frameId: frame.id })).nodes),
  );
  return trees.flat() as AXNode[];
}

/** The text under an accessibility node, its descendants' names joined. */
function textUnder(nodes: AXNode[], node: AXNode): string {
  const byId = new Map(nodes.map((each) => [each.nodeId, each]));
  const walk = (current: AXNode): string[] => [
    ...(current.role?.value === "StaticText" ? [String(current.name?.value ?? "")] : []),
    ...(current.childIds ?? []).flatMap((id) => (byId.has(id) ? walk(byId.get(id)!) : [])),
  ];
  return walk(node).join("");
}

function liveRegions(nodes: AXNode[]): AXNode[] {
  return nodes.filter(
    (node) =>
      !node.ignored &&
      node.properties?.some((property) => property.name === "live" && property.value.value === "polite"),
  );
}

it("puts the stale banner in a polite live region that was there, empty and taking no room, before it", async (context) => {
  const { session_id: id } = await mock.addSession({ ...fixtures.collecting, session_id: crypto.randomUUID() });
  const { client } = mockClient(mock.url);
  const harness = renderCard({
    context,
    client,
    children: (
      <SessionCard
        sessionId={id}
        sessionOptions={{ intervalMs: 150, retry: 0 }}
        locale="en-US"
        timeZone="UTC"
        aria-label="Card under test"
      />
    ),
  });
  await waitFor(() => expect(harness.card().dataset.state).toBe("ready"), { timeout: 3_000 });
  const card = harness.card();
  const notice = card.querySelector<HTMLElement>(".mvn-notice")!;
  expect(notice.childElementCount).toBe(0);

  // Empty, the region and the place it sits in add no gap between the header and what follows it.
  const header = card.querySelector("header")!;
  const next = notice.parentElement!.nextElementSibling!;
  const gap = parseFloat(getComputedStyle(card).rowGap);
  expect(gap).toBeGreaterThan(0);
  expect(next.getBoundingClientRect().top - header.getBoundingClientRect().bottom).toBeCloseTo(gap, 0);

  // Before anything fails, the card's polite regions are already in the accessibility tree.
  const before = await accessibilityTree();
  const emptyRegions = liveRegions(before).filter((node) => textUnder(before, node) === "");
  expect(emptyRegions.length, "empty polite regions before the failure").toBeGreaterThanOrEqual(1);

  await mock.injectFault(id, "service-unavailable", 1_000);
  await waitFor(() => expect(notice.textContent).toMatch(/Couldn't refresh\. Showing the session as of /), {
    timeout: 3_000,
  });
  // The same element, not a replacement: the banner was added into the region.
  expect(card.querySelector(".mvn-notice")).toBe(notice);
  const after = await accessibilityTree();
  const region = liveRegions(after).find((node) => /Couldn't refresh/.test(textUnder(after, node)));
  expect(region, "the banner's text sits in a polite live region").toBeDefined();
  expect(emptyRegions.map((node) => node.nodeId)).toContain(region!.nodeId);
  // Its text alone: Retry is beside it, in the same callout, not read out as part of the warning.
  expect(textUnder(after, region!)).not.toMatch(/Retry/);
  expect(notice.parentElement!.querySelector("button")).toHaveTextContent("Retry");
});

it("reads the banner out from one card when several lose the service together, and shows it on each", async (context) => {
  const ids = await Promise.all(
    [1, 2, 3].map(
      async () => (await mock.addSession({ ...fixtures.collecting, session_id: crypto.randomUUID() })).session_id,
    ),
  );
  const { client } = mockClient(mock.url);
  const harness = renderCard({
    context,
    client,
    children: ids.map((id) => (
      <SessionCard
        key={id}
        sessionId={id}
        sessionOptions={{ intervalMs: 150, retry: 0 }}
        locale="en-US"
        timeZone="UTC"
      />
    )),
  });
  const banners = () =>
    [...harness.container.querySelectorAll(".mvn-notice")].filter((notice) =>
      /Couldn't refresh/.test(notice.textContent!),
    );
  await waitFor(() => expect(harness.container.querySelectorAll("[data-state=ready]")).toHaveLength(3), {
    timeout: 3_000,
  });

  await Promise.all(ids.map((id) => mock.injectFault(id, "service-unavailable", 1_000)));
  await waitFor(() => expect(banners()).toHaveLength(3), { timeout: 3_000 });
  const tree = await accessibilityTree();
  // Every banner is on screen and in the accessibility tree (a screen reader can reach each)...
  const texts = tree.filter(
    (node) => !node.ignored && node.role?.value === "StaticText" && /Couldn't refresh/.test(String(node.name?.value)),
  );
  expect(texts).toHaveLength(3);
  // ...but only one sits in a live region: "Couldn't refresh" is read out once, not once per card.
  expect(liveRegions(tree).filter((node) => /Couldn't refresh/.test(textUnder(tree, node)))).toHaveLength(1);
});

it.each([
  ["the hidden attribute", { hidden: true }],
  ["visibility: hidden", { style: { visibility: "hidden" } }],
] as const)(
  "announces a status change from a card on screen when the first card showing it is hidden (%s)",
  async (_, hiding) => {
    const session = { ...fixtures.collecting, session_id: crypto.randomUUID() };
    // A list row in a hidden tab panel, before the panel on screen: both show the session.
    const cards = (shown: typeof session) => (
      <>
        <div {...hiding}>
          <SessionCard session={shown} aria-label="Hidden row" locale="en-US" timeZone="UTC" />
        </div>
        <SessionCard session={shown} aria-label="Panel on screen" locale="en-US" timeZone="UTC" />
      </>
    );
    const view = render(cards(session));
    onTestFinished(() => view.unmount());
    const region = (label: string) =>
      view.container.querySelector(`article[aria-label="${label}"] > .mvn-sr-only[role="status"]`)!;
    const changed = { ...session, status: "payment-success", is_terminal: true, updated_at: new Date().toISOString() };
    view.rerender(cards(changed));
    await waitFor(() => expect(region("Panel on screen").textContent).toBe("Payment status: Payment succeeded"));
    // Once, not once per card: the hidden card says nothing (its region would not be read anyway).
    expect(region("Hidden row").textContent).toBe("");
  },
);

it("names each icon-only copy button, shows the same words as its tooltip, and does not read them twice", async () => {
  render(<SessionCard session={fixtures.stripeChargeSuccess} locale="en-US" timeZone="UTC" />);
  const buttons = [...document.querySelectorAll<HTMLButtonElement>("button.mvn-copy")];
  expect(buttons.map((button) => button.title)).toEqual([
    "Copy Session ID",
    "Copy Payment intent ID",
    "Copy Charge ID",
    "Copy Payment method ID",
  ]);
  const nodes = await accessibilityTree();
  const named = nodes.filter((node) => node.role?.value === "button" && node.name?.value.startsWith("Copy "));
  expect(named.map((node) => [node.name?.value, node.description?.value])).toEqual(
    buttons.map((button) => [button.title, undefined]),
  );
});
