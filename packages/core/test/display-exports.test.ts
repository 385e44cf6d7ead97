import { describe, expect, it } from "vitest";
import * as core from "../src/index.js";

describe("the display helpers' public names", () => {
  it.each(["formatAmount", "statusTone", "statusLabel", "describeProcessor", "safeHttpsUrl"])(
    "exports %s, promised in API.md",
    (name) => {
      expect(typeof (core as Record<string, unknown>)[name]).toBe("function");
    },
  );

  it("arranges a session end to end from the package entry", () => {
    expect(core.formatAmount("49.99", "USD", { locale: "en-US" })).toBe("$49.99");
    expect(core.statusTone("payment-authorized")).toBe("warning");
    expect(core.describeProcessor({ authnet_response_code: "4" } as core.Processor, "authorizenet")[0]?.meaning).toBe(
      "Held for review",
    );
  });
});
