import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import {
  AMOUNT_PATTERN,
  errorDetailSchema,
  isSessionId,
  isTerminalStatus,
  KNOWN_STATUSES,
  parseSession,
  processorSchema,
  ResponseValidationError,
  sessionSchema,
  SESSION_FIELDS,
  TERMINAL_STATUSES,
  validationErrorSchema,
} from "../src/index.js";
import { TIMESTAMP_PATTERN } from "../src/internal/patterns.js";
import { SESSION_ID, sessionBody } from "./support.js";

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

describe("SESSION_FIELDS", () => {
  // Screens list the contract's fields without importing the schema (which would bundle zod): keep them equal.
  it("is exactly sessionSchema's keys, in order", () => {
    expect([...SESSION_FIELDS]).toEqual(Object.keys(sessionSchema.shape));
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

// The client checks responses without zod (internal/check-session.ts) so that fetching a session
// does not bundle it; `sessionSchema` stays the contract users compose with. These prove the two
// are one contract: same fields, same verdict, same parsed value, same issues.
describe("the client's contract check agrees with sessionSchema", () => {
  const uuid = fc.uuid();
  const amount = fc.stringMatching(/^[+-]?\d{0,7}(\.\d{0,3})?$/).filter((s) => AMOUNT_PATTERN.test(s));
  const timestamp = fc
    .date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
    .chain((date) =>
      fc.constantFrom(
        date.toISOString(),
        date.toISOString().replace("Z", "+02:00"),
        date.toISOString().slice(0, 19),
        date.toISOString().slice(0, 16),
      ),
    );
  const nullable = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null });
  const extra = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 2 });
  const processorKeys = Object.keys(processorSchema.shape);
  const processor = fc
    .tuple(
      fc.record(Object.fromEntries(processorKeys.map((key) => [key, nullable(fc.string())])), { requiredKeys: [] }),
      extra,
    )
    .map(([known, unknown]) => ({ ...unknown, ...known }));
  const validBody = fc
    .tuple(
      fc.record(
        {
          session_id: uuid,
          status: fc.oneof(fc.constantFrom(...KNOWN_STATUSES), fc.string()),
          is_terminal: fc.boolean(),
          processor: nullable(processor),
          error: nullable(fc.record({ code: fc.string(), message: nullable(fc.string()) }, { requiredKeys: ["code"] })),
          amount,
          currency: fc.string({ maxLength: 3 }),
          mode: fc.string(),
          description: nullable(fc.string()),
          caller: fc.string(),
          project_slug: fc.string(),
          gateway: fc.string(),
          callback: nullable(fc.string()),
          memory: nullable(fc.string()),
          transfer_status: nullable(fc.string()),
          created_at: timestamp,
          updated_at: timestamp,
          expires_at: nullable(timestamp),
          completed_at: nullable(timestamp),
        },
        {
          requiredKeys: [
            "session_id",
            "status",
            "is_terminal",
            "amount",
            "currency",
            "mode",
            "caller",
            "project_slug",
            "gateway",
            "created_at",
            "updated_at",
          ],
        },
      ),
      extra,
    )
    .map(([known, unknown]) => ({ ...unknown, ...known }) as Record<string, unknown>);
  const sessionKeys = Object.keys(sessionSchema.shape);
  // A valid body with some fields replaced by any JSON value, or deleted, or nested damage.
  const brokenBody = fc
    .tuple(
      validBody,
      fc.array(fc.tuple(fc.constantFrom(...sessionKeys), fc.option(fc.jsonValue({ maxDepth: 1 }))), {
        minLength: 1,
        maxLength: 3,
      }),
      fc.option(fc.tuple(fc.constantFrom(...processorKeys, "code"), fc.jsonValue({ maxDepth: 0 }))),
    )
    .map(([body, damage, nested]) => {
      const broken: Record<string, unknown> = { ...body };
      for (const [key, value] of damage) {
        if (value === null) delete broken[key];
        else broken[key] = value;
      }
      if (nested) {
        const [key, value] = nested;
        if (key === "code") broken.error = { code: value };
        else broken.processor = { [key]: value };
      }
      return broken;
    });

  /** What the client makes of a body: the session, or the issues it threw. */
  function viaClient(body: unknown) {
    try {
      return { success: true as const, data: parseSession(body) };
    } catch (error) {
      expect(error).toBeInstanceOf(ResponseValidationError);
      return { success: false as const, issues: (error as ResponseValidationError).issues };
    }
  }

  function expectAgreement(body: unknown) {
    const zod = sessionSchema.safeParse(body);
    const client = viaClient(body);
    expect(client.success).toBe(zod.success);
    if (client.success && zod.success) expect(client.data).toStrictEqual(zod.data);
    if (!client.success && !zod.success) {
      expect(client.issues.map(({ path, code }) => ({ path, code }))).toEqual(
        zod.error.issues.map(({ path, code }) => ({ path, code })),
      );
    }
  }

  it("checks every field the schemas declare, in the same order", () => {
    // 12345 is the wrong type for every field: each one must be reported, by both, at the same path.
    for (const key of sessionKeys) expectAgreement(sessionBody({ [key]: 12345 }));
    for (const key of processorKeys) expectAgreement(sessionBody({ processor: { [key]: 12345 } }));
    for (const key of Object.keys(errorDetailSchema.shape)) expectAgreement(sessionBody({ error: { [key]: 12345 } }));
    // Everything wrong at once: the same issues in the same order.
    const allWrong = Object.fromEntries(sessionKeys.map((key) => [key, 12345]));
    const client = viaClient(allWrong);
    expect(client.success).toBe(false);
    expect(client.success ? [] : client.issues).toHaveLength(sessionKeys.length);
    expectAgreement(allWrong);
    expectAgreement({ ...allWrong, processor: Object.fromEntries(processorKeys.map((key) => [key, 12345])) });
  });

  it("accepts what sessionSchema accepts and returns the same value", () => {
    fc.assert(
      fc.property(validBody, (body) => {
        expect(sessionSchema.safeParse(body).success).toBe(true);
        expectAgreement(body);
      }),
      { numRuns: 500 },
    );
  });

  it("rejects what sessionSchema rejects, with the same issue paths and codes", () => {
    let rejected = 0;
    fc.assert(
      fc.property(brokenBody, (body) => {
        if (!sessionSchema.safeParse(body).success) rejected += 1;
        expectAgreement(body);
      }),
      { numRuns: 1000 },
    );
    // Most damage breaks the contract; the rest (a nullable field set to null) must still agree.
    expect(rejected).toBeGreaterThan(500);
  });

  it.each([
    ["no body", undefined],
    ["null", null],
    ["an array", [sessionBody()]],
    ["a string", "collecting"],
    ["an empty object", {}],
    ["a processor that is a string", sessionBody({ processor: "stripe" })],
    ["an error without a code", sessionBody({ error: { message: "declined" } })],
    ["a February 30th", sessionBody({ created_at: "2026-02-30T10:00:00Z" })],
    ["a leap day", sessionBody({ created_at: "2028-02-29T10:00:00Z" })],
    ["a leap day in a common year", sessionBody({ created_at: "2100-02-29T10:00:00Z" })],
    ["an offset without seconds", sessionBody({ created_at: "2026-11-26T10:00+00:00" })],
    ["an amount of only a sign", sessionBody({ amount: "-" })],
    ["an upper-case session id", sessionBody({ session_id: SESSION_ID.toUpperCase() })],
  ])("agrees on %s", (_name, body) => {
    expectAgreement(body);
  });

  it("drops an own __proto__ key at every level, as zod does, so copying the session cannot set a prototype", () => {
    // JSON.parse makes "__proto__" an own key; spreading it keeps it; assigning it key by key (as
    // react-query's structural sharing does) would make its value the new object's prototype.
    const hostile = (json: string) => JSON.parse(`{"__proto__":{"polluted":"yes"},${json.slice(1)}`) as object;
    const body = hostile(
      JSON.stringify(
        sessionBody({
          processor: hostile(JSON.stringify({ card_brand: "visa" })),
          error: hostile(JSON.stringify({ code: "card_declined" })),
        }),
      ),
    );
    expect(Object.hasOwn(body, "__proto__")).toBe(true);
    const parsed = parseSession(body);
    const zod = sessionSchema.parse(body);
    for (const [ours, theirs] of [
      [parsed, zod],
      [parsed.processor, zod.processor],
      [parsed.error, zod.error],
    ] as const) {
      expect(Object.hasOwn(ours!, "__proto__")).toBe(Object.hasOwn(theirs!, "__proto__"));
      expect(Object.hasOwn(ours!, "__proto__")).toBe(false);
      const assigned: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(ours!)) assigned[key] = value;
      expect(assigned.polluted).toBeUndefined();
    }
    expect(parsed).toStrictEqual(zod);
  });

  it("reads timestamps exactly as zod's iso.datetime({ offset: true, local: true }) does", () => {
    const zodDatetime = z.iso.datetime({ offset: true, local: true });
    const nearIso = fc.oneof(
      fc
        .tuple(
          fc.integer({ min: 0, max: 9999 }),
          fc.integer({ min: 0, max: 13 }),
          fc.integer({ min: 0, max: 32 }),
          fc.integer({ min: 0, max: 25 }),
          fc.integer({ min: 0, max: 61 }),
          fc.option(fc.integer({ min: 0, max: 61 })),
          fc.option(fc.stringMatching(/^\.\d{0,7}$/)),
          fc.constantFrom("", "Z", "z", "+00:00", "-05:30", "+24:00", "+0530", "+05"),
        )
        .map(([y, mo, d, h, mi, s, fraction, zone]) => {
          const two = (n: number) => String(n).padStart(2, "0");
          const seconds = s === null ? "" : `:${two(s)}${fraction ?? ""}`;
          return `${String(y).padStart(4, "0")}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}${seconds}${zone}`;
        }),
      fc.string({ unit: fc.constantFrom(..."0123456789-:T.Z+ "), maxLength: 30 }),
    );
    fc.assert(
      fc.property(nearIso, (text) => {
        expect(TIMESTAMP_PATTERN.test(text)).toBe(zodDatetime.safeParse(text).success);
      }),
      { numRuns: 3000 },
    );
  });
});
