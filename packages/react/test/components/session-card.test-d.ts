import type { Session } from "@trymaven/core";
import { describe, expectTypeOf, it } from "vitest";
import type { SessionCardProps, UseSessionOptions } from "../../src/index.js";

describe("SessionCardProps", () => {
  it("takes a session or a session id", () => {
    expectTypeOf<{ session: Session }>().toExtend<SessionCardProps>();
    expectTypeOf<{ sessionId: string; sessionOptions: UseSessionOptions }>().toExtend<SessionCardProps>();
  });

  it("takes exactly one of them", () => {
    expectTypeOf<{ session: Session; sessionId: string }>().not.toExtend<SessionCardProps>();
    expectTypeOf<{ session: Session; sessionOptions: UseSessionOptions }>().not.toExtend<SessionCardProps>();
    expectTypeOf<{ locale: string }>().not.toExtend<SessionCardProps>();
  });

  // Under exactOptionalPropertyTypes (users' setting, not this repo's), test/packaging checks these in JSX.
  it("takes an explicit undefined for the other form's props", () => {
    expectTypeOf<{ sessionId: string; session: undefined; sessionOptions: undefined }>().toExtend<SessionCardProps>();
    expectTypeOf<{ session: Session; sessionId: undefined; sessionOptions: undefined }>().toExtend<SessionCardProps>();
    expectTypeOf<{ session: Session; sessionId: string | undefined }>().not.toExtend<SessionCardProps>();
  });
});
