/**
 * Hostile inputs (test/faults/hostile.ts) rendered by `<SessionCard>` in Chromium: fetched from the mock by
 * the connected card, and handed straight to the presentational one, unvalidated.
 */
import { waitFor } from "@testing-library/react";
import { createMavenClient, type Session } from "@trymaven/core";
import { SessionCard } from "@trymaven/react";
import { describe, expect, inject, it, type TestContext } from "vitest";
import { HOSTILE_CASES, INVISIBLE, LINK_HOSTS, PAYLOADS, baseSession, type HostileCase } from "../faults/hostile.ts";
import { mockControl } from "../faults/support/mock-control.ts";
import { tally } from "../faults/support/tally.ts";
import {
  expectLayoutHolds,
  expectNothingRan,
  mockClient,
  renderCard,
  sleep,
  watchPage,
  type CardHarness,
} from "./support.tsx";

const mock = mockControl(inject("mockUrl"));
const POLLING = { intervalMs: 100, maxIntervalMs: 400 } as const;
const WAIT = { timeout: 8_000, interval: 20 } as const;
const SHARED = {
  environment: "test",
  locale: "en-US",
  timeZone: "UTC",
  now: Date.parse("2026-11-24T16:00:00Z"),
} as const;

/** Elements no session field may ever turn into. */
const FORBIDDEN_ELEMENTS =
  "script, iframe, frame, object, embed, form, input, textarea, img, image, video, audio, source, style, link, base, meta, template, math, foreignObject";
/** Attributes that load or run something. */
const FORBIDDEN_ATTRIBUTES = /^(on|srcdoc$|src$|srcset$|action$|formaction$|xlink:href$|background$|poster$|ping$)/i;

watchPage();

function tallyCard(context: TestContext, hostile: HostileCase, layer: string): void {
  tally(context, "hostile", hostile.id, layer, { knownBug: hostile.knownBug });
}

/** Everything a rendered card must satisfy, whatever it was fed. */
async function expectRenderedSafely(harness: CardHarness, hostile: HostileCase): Promise<void> {
  // Give any planted handler (onerror, onload, srcdoc) its chance to run.
  await sleep(150);
  expectNothingRan();
  expect(({} as Record<string, unknown>).__pwned, "Object.prototype polluted").toBeUndefined();
  const column = harness.container;
  expect([...column.querySelectorAll(FORBIDDEN_ELEMENTS)].map((element) => element.outerHTML.slice(0, 120))).toEqual(
    [],
  );
  const attributes: string[] = [];
  const links: string[] = [];
  for (const element of column.querySelectorAll("*")) {
    for (const { name, value } of element.attributes) {
      if (FORBIDDEN_ATTRIBUTES.test(name)) attributes.push(`<${element.tagName} ${name}="${value.slice(0, 80)}">`);
      if (name === "style" && /url\(|expression|javascript/i.test(value)) attributes.push(`style="${value}"`);
      if (name === "href") {
        if (element.tagName !== "A") attributes.push(`<${element.tagName} href>`);
        else links.push(value);
      }
    }
  }
  expect(attributes, "attributes that load or run something").toEqual([]);
  // Links: https only, to the receipt's host or a gateway dashboard, with nothing invisible in them.
  for (const href of links) {
    const url = new URL(href);
    expect(url.protocol, href).toBe("https:");
    expect(LINK_HOSTS, href).toContain(url.host);
    expect(url.username + url.password, href).toBe("");
    expect(href, href).not.toMatch(/["<>\s\\]/);
  }
  if (hostile.receiptLink === false) expect(column.querySelector('a[aria-label^="View receipt"]')).toBeNull();
  if (hostile.receiptLink === true) expect(column.querySelector('a[aria-label^="View receipt"]')).not.toBeNull();
  // Ids show their invisible characters (as U+FFFD) instead of hiding them.
  for (const code of column.querySelectorAll(".mvn-code")) expect(code.textContent).not.toMatch(INVISIBLE);
  // Styles from a payload would hide the page; the card is on screen and fits its column.
  expect(getComputedStyle(document.body).display).not.toBe("none");
  expect(harness.card().offsetHeight).toBeGreaterThan(0);
  expectLayoutHolds(column);
  expect(harness.problems).toEqual([]);
}

describe.concurrent("hostile input, fetched by <SessionCard sessionId>", () => {
  it.for(HOSTILE_CASES)("$id", async (hostile, context) => {
    tallyCard(context, hostile, "card");
    const id = crypto.randomUUID();
    await mock.injectFault(id, { type: "status", status: 200, body: hostile.body(id) }, Number.POSITIVE_INFINITY);
    const { client } = mockClient(mock.url);
    const harness = renderCard({
      context,
      client,
      children: <SessionCard sessionId={id} sessionOptions={POLLING} {...SHARED} />,
    });
    if (hostile.contract === "valid") {
      await waitFor(() => expect(harness.card().dataset.state).toBe("ready"), WAIT);
      expect(harness.card().dataset.state).toBe("ready");
      if (hostile.id.startsWith("every-field-")) {
        // Shown, as text: the heading is the description.
        const payload = PAYLOADS[hostile.id.slice("every-field-".length) as keyof typeof PAYLOADS];
        expect(harness.card().querySelector("h3")!.textContent).toBe(payload);
      }
      if (hostile.id === "rtl-in-ids") {
        // The override is shown as a mark (U+FFFD) or a space, so the id cannot pass for "ch_exe.png".
        expect(harness.card().textContent).toMatch(/ch_[\uFFFD ]gnp\.exe/);
      }
      if (hostile.id === "zero-width-in-ids")
        expect(harness.card().textContent).toMatch(/ch_[\uFFFD ]3QKs[\uFFFD ]8cLm/);
    } else {
      // Refused: a contract mismatch, and none of its content on screen.
      await waitFor(() => expect(harness.card().dataset.error).toBe("contract"), WAIT);
      expect(harness.card().dataset.state).toBe("error");
      expect(harness.card().textContent).not.toContain("<script");
      expect(harness.card().textContent).not.toContain("4155550123");
    }
    await expectRenderedSafely(harness, hostile);
  });
});

describe.concurrent("hostile input, handed unvalidated to <SessionCard session>", () => {
  it.for(HOSTILE_CASES)("$id", async (hostile, context) => {
    tallyCard(context, hostile, "card (unvalidated)");
    const id = crypto.randomUUID();
    // The presentational card trusts its caller's types; here the caller passes raw JSON as a Session.
    const session = JSON.parse(JSON.stringify(hostile.body(id))) as Session;
    const harness = renderCard({
      context,
      client: createMavenClient({ baseUrl: mock.url }),
      children: <SessionCard session={session} {...SHARED} />,
    });
    await waitFor(() => expect(harness.card()).toBeTruthy(), WAIT);
    await expectRenderedSafely(harness, hostile);
  });
});

describe("a hostile sessionId prop", () => {
  const ids = {
    "rtl-override": `\u202E${crypto.randomUUID()}`,
    "zero-width": `${crypto.randomUUID()}\u200B`,
    "path-traversal": "../../__mock/reset",
    "javascript-url": "javascript:alert(1)",
    "1-mb": "a".repeat(1_000_000),
  };
  it.for(Object.entries(ids))("%s: an error on the card, and no request", async ([name, sessionId], context) => {
    tally(context, "hostile", `session-id-prop-${name}`, "card");
    const { client, attempts } = mockClient(mock.url);
    const harness = renderCard({
      context,
      client,
      children: <SessionCard sessionId={sessionId} sessionOptions={POLLING} {...SHARED} />,
    });
    await waitFor(() => expect(harness.card().dataset.state).toBe("error"), WAIT);
    await sleep(300);
    // Refused before any request: the client checks the id is a UUID.
    expect(attempts.calls).toBe(0);
    expect(harness.card().textContent).not.toContain(sessionId.slice(0, 40));
    await expectRenderedSafely(harness, { id: name, label: name, contract: "mismatch", body: () => ({}) });
  });
});

describe("long statuses", () => {
  // Regression (was the known bug "long-status-overflow"): the badge did not wrap and widened the card.
  it("keep the card within a narrow column", async (context) => {
    tally(context, "hostile", "long-unknown-status", "card");
    const session = {
      ...baseSession(crypto.randomUUID()),
      status: "payment-requires-additional-verification-by-issuer",
    };
    const harness = renderCard({
      context,
      client: createMavenClient({ baseUrl: mock.url }),
      children: <SessionCard session={session} {...SHARED} />,
    });
    // A status a newer API could send (48 characters), in a 360 px column: the card must still fit it.
    expect(harness.card().querySelector(".mvn-badge")!.textContent).toContain(
      "Payment requires additional verification",
    );
    expectLayoutHolds(harness.container);
  });
});
