import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  APIConnectionError,
  InternalServerError,
  MavenAPIError,
  RateLimitError,
  parseAge,
  staleCopyOf,
} from "../src/index.js";
import { SESSION_ID, sessionBody } from "./support.js";

const NOW = Date.parse("2026-11-27T15:00:00Z");
beforeEach(() => vi.useFakeTimers({ now: NOW, toFake: ["Date"] }));
afterEach(() => vi.useRealTimers());

describe("parseAge", () => {
  it.each([
    ["90", 90_000],
    [" 7 ", 7_000],
    ["0", 0],
    ["5, 5", 5_000],
    ["2.5", 2_500],
    ["999999999", 999_999_999_000],
  ])("reads %j as %d ms", (header, expected) => {
    expect(parseAge(new Headers({ age: header }))).toBe(expected);
  });

  it.each([["-1"], ["1e9"], ["Infinity"], ["NaN"], ["-"], ["soon"], [""]])(
    "reads %j, which is no number of seconds a copy can be old, as 0",
    (header) => {
      expect(parseAge(new Headers({ age: header }))).toBe(0);
    },
  );

  it("reads a response without Age as 0", () => {
    expect(parseAge(new Headers())).toBe(0);
  });
});

describe("staleCopyOf", () => {
  const failure = (body: unknown, headers: Record<string, string> = { age: "90" }) =>
    MavenAPIError.from(502, body, new Headers(headers));

  it("gives the proxy's copy from a failure, checked, with when it was fetched (now less its Age)", () => {
    const copy = staleCopyOf(failure({ detail: "The session service failed.", session: sessionBody() }), SESSION_ID);
    expect(copy?.session).toMatchObject({ session_id: SESSION_ID, status: "collecting" });
    expect(copy?.fetchedAt).toBe(NOW - 90_000);
  });

  it("dates a copy without a readable Age from now", () => {
    const error = failure({ detail: "x", session: sessionBody() }, { age: "yesterday" });
    expect(staleCopyOf(error, SESSION_ID)?.fetchedAt).toBe(NOW);
  });

  it("finds the copy in any MavenAPIError (a 429 too), for the id in any case", () => {
    const error = new RateLimitError(429, { detail: "x", session: sessionBody() }, new Headers());
    expect(staleCopyOf(error, SESSION_ID.toUpperCase())?.session.session_id).toBe(SESSION_ID);
    expect(error).toBeInstanceOf(MavenAPIError);
  });

  it.each([
    ["a failure without a copy", failure({ detail: "The session service failed." })],
    ["a body that is not JSON", failure("<html>Bad gateway</html>")],
    ["an empty body", failure(undefined)],
    ["a null body", failure(null)],
    [
      "a copy of another session",
      failure({ session: sessionBody({ session_id: "9c2d7e11-3b8a-4f6d-8e0c-7a5b4c3d2e10" }) }),
    ],
    ["a copy that breaks the contract", failure({ session: sessionBody({ status: 42 }) })],
    ["a connection error", new APIConnectionError()],
    ["something that is not an error", { body: { session: sessionBody() }, headers: new Headers() }],
    ["undefined", undefined],
  ])("gives undefined for %s", (_what, error) => {
    expect(staleCopyOf(error, SESSION_ID)).toBeUndefined();
  });

  it("is what a 5xx from the proxy carries, as the client builds it", () => {
    const error = MavenAPIError.from(503, { detail: "x", session: sessionBody() }, new Headers({ age: "3" }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(staleCopyOf(error, SESSION_ID)?.fetchedAt).toBe(NOW - 3_000);
  });
});
