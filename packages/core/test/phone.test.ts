import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPhone, maskPhone } from "../src/phone.js";

describe("formatPhone", () => {
  it.each([
    ["+14155552671", "+1 415 555 2671"],
    ["+1 (415) 555-2671", "+1 415 555 2671"],
    ["  +1.415.555.2671 ", "+1 415 555 2671"],
    ["+33612345678", "+33 6 12 34 56 78"],
    ["+442079460958", "+44 207 946 0958"],
    ["+8613800138000", "+86 138 0013 8000"],
    ["+4915123456789", "+49 151 2345 6789"],
    ["+3531234567", "+353 123 4567"],
    ["+74951234567", "+7 495 123 4567"],
    ["+61412345678", "+61 41 234 5678"],
    ["+97144567890", "+971 4456 7890"],
  ])("formats %j as %j", (input, expected) => {
    expect(formatPhone(input)).toBe(expected);
  });

  it.each([
    ["anonymous", "anonymous"],
    [" client:agent-7 ", "client:agent-7"],
    ["4155552671", "4155552671"],
    ["+0123456789", "+0123456789"],
    ["+1234567890123456", "+1234567890123456"],
    ["", ""],
  ])("returns %j, which is not E.164, trimmed but otherwise as given", (input, expected) => {
    expect(formatPhone(input)).toBe(expected);
  });

  it("never throws for untyped callers", () => {
    expect(formatPhone(null as unknown as string)).toBe("");
  });
});

describe("maskPhone", () => {
  it.each([
    ["+14155554567", "+1 ••• ••• 4567"],
    ["+1 (415) 555-4567", "+1 ••• ••• 4567"],
    ["+442079460958", "+44 ••• ••• 0958"],
    ["+33612345678", "+33 • •• •• 56 78"],
    ["+3531234567", "+353 ••• 4567"],
  ])("hides %j as %j", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it.each([
    ["4155554567", "•••• 4567"],
    ["sip:+1-415-555-4567@pbx.example", "•••• 4567"],
    ["12345", "••••"],
    ["anonymous", "••••"],
    ["", "••••"],
  ])("hides everything but the last four digits of the odd value %j", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it("never throws for untyped callers", () => {
    expect(maskPhone(undefined as unknown as string)).toBe("••••");
  });

  it("never reveals more than the country code and the last four digits", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."+0123456789 -()abc"), maxLength: 24 }), (input) => {
        const masked = maskPhone(input);
        const e164 = /^\+[1-9]\d{6,14}$/.test(input.trim().replace(/[\s\-.()]/g, ""));
        // Everything shown after the country code must be the input's last four digits.
        const shown = (e164 ? masked.replace(/^\+\d+ /, "") : masked).replace(/\D/g, "");
        expect(shown.length).toBeLessThanOrEqual(4);
        expect(input.replace(/\D/g, "").endsWith(shown)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
