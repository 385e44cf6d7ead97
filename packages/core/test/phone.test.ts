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

  // Regression: brackets were dropped and their digits kept, so "(0)" became part of the number and
  // "+44 (0) 20 7946 0958" read "+44 020 7946 0958", a number that does not connect from abroad.
  it.each([
    ["+44 (0) 20 7946 0958", "+44 207 946 0958"],
    ["+44 (0)20 7946 0958", "+44 207 946 0958"],
    ["+49 (0)151 2345 6789", "+49 151 2345 6789"],
  ])("leaves out the (0) trunk prefix written into %j", (input, expected) => {
    expect(formatPhone(input)).toBe(expected);
  });

  it("reads a (0) as a trunk prefix only right after the calling code", () => {
    expect(formatPhone("+44207946(0)958")).toBe("+44 207 946 0958");
    expect(formatPhone("+4 (0) 4207946095")).toBe("+4 (0) 4207946095");
    expect(maskPhone("+44 (0) 20 7946 0958")).toBe("+44 ••• ••• 0958");
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

  // Regression: a national number of four digits (Niue, +683) was shown whole, and one of five or six
  // showed all but one or two digits. Like a value that is not E.164, it shows its last four digits
  // only when at least seven are there, so some stay hidden.
  it.each([
    ["+6834002", "+683 ••••"],
    ["+50031234", "+500 • ••••"],
    ["+299321000", "+299 •• ••••"],
    ["+3721234567", "+372 ••• 4567"],
  ])("hides a short national number %j entirely (%j)", (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });

  it("never reveals more than the country code and the last four digits", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."+0123456789 -()abc"), maxLength: 24 }), (input) => {
        const masked = maskPhone(input);
        // Everything shown after the country code must be the input's last four digits.
        const shown = masked.replace(/^\+\d+ /, "").replace(/\D/g, "");
        expect(shown.length).toBeLessThanOrEqual(4);
        expect(input.replace(/\D/g, "").endsWith(shown)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
