import type { Processor } from "@trymaven/core";
import { describe, expectTypeOf, it } from "vitest";
import type { ProcessorDetailsProps } from "../../src/index.js";

describe("ProcessorDetailsProps", () => {
  it("takes the processor, gateway, environment and labels", () => {
    expectTypeOf<{ processor: Processor; gateway: string; environment: "test" }>().toExtend<ProcessorDetailsProps>();
  });

  it("has no locale prop (bug: `locale` was accepted and ignored; nothing in the details is locale-sensitive)", () => {
    expectTypeOf<ProcessorDetailsProps>().not.toHaveProperty("locale");
  });
});
