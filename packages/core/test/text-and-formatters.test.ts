import { afterEach, describe, expect, it } from "vitest";
import { describeProcessor, formatAmount, formatDateTime, humanizeKey, revealInvisible } from "../src/index.js";

describe("revealInvisible", () => {
  it("shows bidi overrides, zero-width characters and controls as U+FFFD", () => {
    expect(revealInvisible("acme\u202Etxt.exe")).toBe("acme\uFFFDtxt.exe");
    expect(revealInvisible("ch_\u200B123\uFEFF")).toBe("ch_\uFFFD123\uFFFD");
    expect(revealInvisible("line\u0000end")).toBe("line\uFFFDend");
    // The Arabic letter mark is a bidi control like RLM: it can reorder what follows.
    expect(revealInvisible("ch_123\u061C456")).toBe("ch_123\uFFFD456");
    expect(revealInvisible("pi_3Plain")).toBe("pi_3Plain");
  });
});

describe("humanizeKey", () => {
  it("turns an unknown mode or transfer status into words", () => {
    expect(humanizeKey("transfer_completed")).toBe("Transfer completed");
    expect(humanizeKey("no-answer")).toBe("No answer");
  });
});

describe("processor ids", () => {
  // Regression: ids went through a whitespace clean-up, so "ch_\u202Efdp.exe" became "ch_ fdp.exe",
  // and copying it gave a support person an id no gateway has.
  it("keep the value exactly as the gateway holds it, invisible characters included", () => {
    const rows = describeProcessor({ stripe_charge_id: "  ch_\u202Efdp.exe " } as never, "stripe");
    expect(rows.find((row) => row.id === "stripe_charge_id")?.value).toBe("ch_\u202Efdp.exe");
  });
});

/** Replaces `Intl[name]` with a proxy that counts constructions; restored after each test. */
const restore: Array<() => void> = [];
function countConstructions(name: "NumberFormat" | "DateTimeFormat") {
  const original = Intl[name];
  const counter = { count: 0 };
  Object.defineProperty(Intl, name, {
    configurable: true,
    writable: true,
    value: new Proxy(original, {
      construct(target, args) {
        counter.count += 1;
        return Reflect.construct(target, args) as object;
      },
    }),
  });
  restore.push(() => Object.defineProperty(Intl, name, { configurable: true, writable: true, value: original }));
  return counter;
}

describe("Intl formatters", () => {
  afterEach(() => {
    for (const undo of restore.splice(0)) undo();
  });

  // Regression: a formatter was built on every call, most of the cost of mounting 500 cards.
  it("are built once per locale and options, not once per value", () => {
    const numberFormats = countConstructions("NumberFormat");
    const dateTimeFormats = countConstructions("DateTimeFormat");
    for (let i = 0; i < 50; i++) {
      formatAmount(`${i}.25`, "SEK", { locale: "sv-SE" });
      formatDateTime(`2026-11-${String((i % 28) + 1).padStart(2, "0")}T10:00:00Z`, {
        locale: "nl-NL",
        timeZone: "Europe/Amsterdam",
      });
    }
    expect(numberFormats.count).toBeGreaterThan(0);
    expect(numberFormats.count).toBeLessThanOrEqual(2);
    expect(dateTimeFormats.count).toBe(1);
  });

  it("keep locales apart", () => {
    const de = formatAmount("1234.5", "EUR", { locale: "de-DE" });
    const us = formatAmount("1234.5", "EUR", { locale: "en-US" });
    expect(de).not.toBe(us);
    expect(formatAmount("1234.5", "EUR", { locale: "de-DE" })).toBe(de);
  });
});
