import { describe, expect, it } from "vitest";
import {
  isSessionId,
  isTerminalStatus,
  sessionSchema,
  TERMINAL_STATUSES,
  validationErrorSchema,
} from "../src/index.js";
import { sessionBody } from "./support.js";

describe("sessionSchema", () => {
  it("parses a full session and keeps fields the contract does not know yet", () => {
    const parsed = sessionSchema.parse(
      sessionBody({ risk_score: 12, processor: { card_brand: "visa", new_field: "x" } }),
    );
    expect(parsed.amount).toBe("49.99");
    expect((parsed as Record<string, unknown>).risk_score).toBe(12);
    expect((parsed.processor as Record<string, unknown>).new_field).toBe("x");
  });

  it("turns absent optional fields into null so screens can test one value", () => {
    const body = sessionBody();
    for (const key of [
      "description",
      "callback",
      "memory",
      "transfer_status",
      "expires_at",
      "completed_at",
      "processor",
      "error",
    ]) {
      delete body[key];
    }
    const parsed = sessionSchema.parse(body);
    expect(parsed.description).toBeNull();
    expect(parsed.processor).toBeNull();
    expect(parsed.expires_at).toBeNull();
  });

  it("fills missing processor fields with null", () => {
    const parsed = sessionSchema.parse(sessionBody({ processor: { card_last4: "4242" } }));
    expect(parsed.processor?.card_last4).toBe("4242");
    expect(parsed.processor?.stripe_charge_id).toBeNull();
  });

  it("accepts statuses, modes, gateways and brands it has not seen", () => {
    const parsed = sessionSchema.parse(
      sessionBody({
        status: "payment-retry-scheduled",
        mode: "refund",
        gateway: "fiserv",
        processor: { card_brand: "Elo" },
      }),
    );
    expect(parsed.status).toBe("payment-retry-scheduled");
    expect(parsed.gateway).toBe("fiserv");
  });

  it.each([
    ["missing status", { status: undefined }],
    ["is_terminal as a string", { is_terminal: "false" }],
    ["amount as a number", { amount: 49.99 }],
    ["amount that is not a decimal", { amount: "12,50" }],
    ["amount of only a sign", { amount: "-" }],
    ["a session id that is not a UUID", { session_id: "abc" }],
    ["a timestamp that is not ISO", { created_at: "yesterday" }],
    ["an error without a code", { error: { message: "declined" } }],
  ])("rejects %s", (_name, override) => {
    expect(sessionSchema.safeParse(sessionBody(override)).success).toBe(false);
  });

  it.each(["0", "0.10", "-5", "+3", ".5", "007.50", "1234567.895", "5."])("accepts the amount %s", (amount) => {
    expect(sessionSchema.safeParse(sessionBody({ amount })).success).toBe(true);
  });

  it("accepts timestamps with an offset and naive ones from Python back ends", () => {
    for (const created_at of [
      "2026-11-26T10:00:00+00:00",
      "2026-11-26T10:00:00.123456Z",
      "2026-11-26T10:00:00.123456",
    ]) {
      expect(sessionSchema.safeParse(sessionBody({ created_at })).success).toBe(true);
    }
  });
});

describe("validationErrorSchema", () => {
  it("parses FastAPI's 422 body", () => {
    const parsed = validationErrorSchema.parse({
      detail: [{ loc: ["path", "session_id"], msg: "Input should be a valid UUID", type: "uuid_parsing" }],
    });
    expect(parsed.detail?.[0]?.loc).toEqual(["path", "session_id"]);
  });
});

describe("isSessionId / isTerminalStatus", () => {
  it("accepts UUIDs in any case and rejects everything else", () => {
    expect(isSessionId("3F1C2A9E-8B7D-4C6E-9A1F-2B3C4D5E6F70")).toBe(true);
    for (const bad of [
      "",
      "../admin",
      "3f1c2a9e8b7d4c6e9a1f2b3c4d5e6f70",
      " 3f1c2a9e-8b7d-4c6e-9a1f-2b3c4d5e6f70",
      42,
      null,
    ]) {
      expect(isSessionId(bad)).toBe(false);
    }
  });

  it("knows the documented terminal statuses", () => {
    for (const status of TERMINAL_STATUSES) expect(isTerminalStatus(status)).toBe(true);
    expect(isTerminalStatus("collecting")).toBe(false);
    expect(isTerminalStatus("something-new")).toBe(false);
  });
});
