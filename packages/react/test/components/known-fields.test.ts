import { sessionSchema } from "@trymaven/core";
import { expect, test } from "vitest";
import { KNOWN_FIELDS } from "../../src/components/session-card-view.js";

// The card lists the contract's fields without importing the schema (which would bundle zod): keep them equal.
test("the card's known fields are exactly sessionSchema's", () => {
  expect([...KNOWN_FIELDS]).toEqual(Object.keys(sessionSchema.shape));
});
