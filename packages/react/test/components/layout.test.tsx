// @vitest-environment node
/**
 * Layout needs a real engine: the card, rendered to HTML with the package's stylesheet, laid out by
 * Chromium in a column as narrow as a phone-sized admin sidebar.
 */
import { readFileSync } from "node:fs";
import type { Session } from "@trymaven/core";
import { makeSession } from "@trymaven/mock";
import { chromium, type Browser } from "playwright";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumLaunchOptions } from "../../../../vitest.shared.js";
import { SessionCard } from "../../src/index.js";

const css = readFileSync(new URL("../../src/styles.css", import.meta.url), "utf8");
const COLUMN_WIDTH = 360;
const base = { now: Date.parse("2026-11-24T16:05:00Z"), locale: "en-US", timeZone: "UTC" } as const;

let browser: Browser;
beforeAll(async () => {
  browser = await chromium.launch(chromiumLaunchOptions);
}, 30_000);
afterAll(() => browser?.close());

interface Measured {
  cardWidth: number;
  columnScroll: number;
  columnWidth: number;
  sticking: string[];
  badgeText: string;
  badgeClipped: boolean;
}

/** Lays the card out in the column and reports what sticks out of it. */
async function layOut(session: Session): Promise<Measured> {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  try {
    const card = renderToStaticMarkup(<SessionCard session={session} {...base} />);
    await page.setContent(
      `<!doctype html><style>${css}</style><div id="column" style="width:${COLUMN_WIDTH}px">${card}</div>`,
    );
    return await page.evaluate(() => {
      const column = document.getElementById("column")!;
      const card = column.querySelector("article")!;
      const box = card.getBoundingClientRect();
      const sticking: string[] = [];
      for (const element of card.querySelectorAll<HTMLElement>("*")) {
        const rect = element.getBoundingClientRect();
        if (rect.width === 0 || rect.height === 0) continue;
        if (rect.right > box.right + 1 || rect.left < box.left - 1) sticking.push(element.className.toString());
      }
      const badge = card.querySelector<HTMLElement>(".mvn-badge")!;
      return {
        cardWidth: box.width,
        columnScroll: column.scrollWidth,
        columnWidth: column.clientWidth,
        sticking,
        badgeText: badge.textContent ?? "",
        badgeClipped: badge.scrollWidth > badge.clientWidth + 1,
      };
    });
  } finally {
    await page.close();
  }
}

describe("SessionCard layout in a 360 px column (Chromium)", () => {
  it("wraps a long unknown status inside the card, all of its text shown (bug: the badge overflowed the card)", async () => {
    const session = makeSession({ status: "payment-requires-additional-verification-by-issuer" });
    const measured = await layOut(session);
    expect(measured.badgeText).toContain("Payment requires additional verification by issuer");
    expect(measured.sticking, "elements outside the card").toEqual([]);
    expect(measured.cardWidth).toBeLessThanOrEqual(COLUMN_WIDTH + 0.5);
    expect(measured.columnScroll).toBeLessThanOrEqual(measured.columnWidth);
    expect(measured.badgeClipped, "badge text cut off").toBe(false);
  });

  it("keeps an unbroken status, title and id inside the card", async () => {
    const unbroken = "x".repeat(120);
    const session = makeSession({
      status: `payment_${unbroken}`,
      description: unbroken,
      processor: { stripe_charge_id: `ch_${unbroken}` },
    });
    const measured = await layOut(session);
    expect(measured.sticking, "elements outside the card").toEqual([]);
    expect(measured.cardWidth).toBeLessThanOrEqual(COLUMN_WIDTH + 0.5);
    expect(measured.badgeClipped, "badge text cut off").toBe(false);
  });
});
