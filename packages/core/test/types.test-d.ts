import { describe, expectTypeOf, it } from "vitest";
import {
  createMavenClient,
  parseAge,
  staleCopyOf,
  type SessionCopy,
  type MavenAPIError,
  type MavenError,
  type RateLimitError,
  type ResponseValidationError,
  type UnprocessableEntityError,
  type ContractIssue,
  type Gateway,
  type Processor,
  type Session,
  type SessionStatus,
  type ValidationIssue,
} from "../src/index.js";

describe("inferred types", () => {
  it("types every contract field of Session", () => {
    expectTypeOf<Session["session_id"]>().toEqualTypeOf<string>();
    expectTypeOf<Session["is_terminal"]>().toEqualTypeOf<boolean>();
    expectTypeOf<Session["amount"]>().toEqualTypeOf<string>();
    expectTypeOf<Session["description"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Session["processor"]>().toEqualTypeOf<Processor | null>();
    expectTypeOf<Session["error"]>().toEqualTypeOf<{
      code: string;
      message: string | null;
      [key: string]: unknown;
    } | null>();
    expectTypeOf<Session["expires_at"]>().toEqualTypeOf<string | null>();
    expectTypeOf<Processor["authnet_avs_result_code"]>().toEqualTypeOf<string | null>();
  });

  it("keeps known statuses for autocompletion while accepting any string", () => {
    expectTypeOf<"payment-success">().toExtend<SessionStatus>();
    expectTypeOf<"payment-retry-scheduled">().toExtend<SessionStatus>();
    expectTypeOf<string>().toExtend<SessionStatus>();
    expectTypeOf<Session["status"]>().toEqualTypeOf<SessionStatus>();
    // Not collapsed to plain string: the known members are still listed.
    expectTypeOf<Extract<SessionStatus, "payment-authorized">>().toEqualTypeOf<"payment-authorized">();
    expectTypeOf<Extract<Gateway, "authorizenet">>().toEqualTypeOf<"authorizenet">();
  });

  it("types the client", () => {
    const maven = createMavenClient({ apiKey: "mvn_test_x" });
    expectTypeOf(maven.sessions.get).returns.toEqualTypeOf<Promise<Session>>();
    expectTypeOf(maven.sessions.poll).returns.toEqualTypeOf<Promise<Session>>();
    expectTypeOf(maven.sessions.watch).returns.toEqualTypeOf<AsyncIterable<Session>>();
    // @ts-expect-error unknown option
    createMavenClient({ apiKeyy: "x" });
  });

  it("types the error tree", () => {
    expectTypeOf<RateLimitError>().toExtend<MavenAPIError>();
    expectTypeOf<MavenAPIError>().toExtend<MavenError>();
    expectTypeOf<RateLimitError["retryAfterMs"]>().toEqualTypeOf<number | null>();
    expectTypeOf<UnprocessableEntityError["detail"]>().toEqualTypeOf<ValidationIssue[]>();
    expectTypeOf<ResponseValidationError["issues"]>().toEqualTypeOf<ContractIssue[]>();
    expectTypeOf<MavenAPIError["status"]>().toEqualTypeOf<number>();
  });

  it("types a proxy's copies and a call's onResponse", () => {
    expectTypeOf(staleCopyOf).parameters.toEqualTypeOf<[unknown, string]>();
    expectTypeOf(staleCopyOf).returns.toEqualTypeOf<SessionCopy | undefined>();
    expectTypeOf<SessionCopy>().toEqualTypeOf<{ session: Session; fetchedAt: number }>();
    expectTypeOf(parseAge).toEqualTypeOf<(headers: Headers) => number>();
    const maven = createMavenClient({ apiKey: "mvn_test_x" });
    void maven.sessions.get("id", { onResponse: (response) => expectTypeOf(response).toEqualTypeOf<Response>() });
  });
});
