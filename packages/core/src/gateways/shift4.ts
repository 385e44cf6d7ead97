/** Shift4: no dashboard links, because no URL pattern is known. */
import type { FieldSpec } from "./types.js";

/** Shift4's processor fields in display order, the charge first. */
export const SHIFT4_FIELDS: readonly FieldSpec[] = [
  { key: "shift4_charge_id", label: "Charge ID", kind: "id" },
  { key: "shift4_customer_id", label: "Customer ID", kind: "id" },
  { key: "shift4_card_id", label: "Card ID", kind: "id" },
];
