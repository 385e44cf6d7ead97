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
});
