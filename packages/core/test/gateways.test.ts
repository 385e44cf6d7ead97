import { describe, expect, it } from "vitest";
import {
  AUTHNET_AVS_CODES,
  AUTHNET_CAVV_CODES,
  AUTHNET_CVV_CODES,
  AUTHNET_RESPONSE_CODES,
  authorizeNetTransactionUrl,
  UNRECOGNISED_CODE,
} from "../src/gateways/authorizenet.js";
import { describeCard, describeProcessor, gatewayName } from "../src/gateways/index.js";
import { stripeDashboardUrl } from "../src/gateways/stripe.js";
import type { ProcessorRow } from "../src/gateways/types.js";
import { processorSchema, type Processor } from "../src/schema.js";

/** A processor as the client hands it over: parsed, so every absent field is null. */
const processor = (fields: Record<string, unknown>): Processor => processorSchema.parse(fields);
const byId = (rows: ProcessorRow[]) => Object.fromEntries(rows.map((row) => [row.id, row]));

const CARD = { card_brand: "visa", card_last4: "4242", receipt_url: "https://pay.stripe.com/receipts/x" };

describe("Authorize.net code tables", () => {
  // Exactly the words DOMAIN.md lists.
  it.each([
    ["1", "Approved"],
    ["2", "Declined"],
    ["3", "Error"],
    ["4", "Held for review"],
  ])("response code %s is %j", (code, meaning) => {
    expect(AUTHNET_RESPONSE_CODES[code]).toBe(meaning);
  });

  it.each([
    ["A", "Street matches, ZIP does not"],
    ["B", "No address given"],
    ["E", "AVS error or not allowed for this card"],
    ["G", "Non-US issuer, no AVS"],
    ["N", "Neither matches"],
    ["P", "Not applicable"],
    ["R", "Retry, system unavailable"],
    ["S", "Issuer does not support AVS"],
    ["U", "Address information unavailable"],
    ["W", "9-digit ZIP matches, street does not"],
    ["X", "Street and 9-digit ZIP match"],
    ["Y", "Street and 5-digit ZIP match"],
    ["Z", "5-digit ZIP matches, street does not"],
  ])("AVS code %s is %j", (code, meaning) => {
    expect(AUTHNET_AVS_CODES[code]).toBe(meaning);
    const rows = describeProcessor(processor({ authnet_avs_result_code: code }), "authorizenet");
    expect(byId(rows)["authnet_avs_result_code"]).toMatchObject({ value: code, meaning });
  });

  it.each([
    ["M", "Match"],
    ["N", "No match"],
    ["P", "Not processed"],
    ["S", "Should be on card but merchant says not present"],
    ["U", "Issuer unable to process"],
  ])("CVV code %s is %j", (code, meaning) => {
    expect(AUTHNET_CVV_CODES[code]).toBe(meaning);
    const rows = describeProcessor(processor({ authnet_cvv_result_code: code }), "authorizenet");
    expect(byId(rows)["authnet_cvv_result_code"]).toMatchObject({ value: code, meaning });
  });

  it.each([
    ["", "Not validated"],
    ["0", "Not validated, bad data"],
    ["1", "Failed"],
    ["2", "Passed"],
    ["3", "Issuer attempt incomplete"],
    ["4", "Issuer system error"],
    ["7", "Attempt, failed, issuer available"],
    ["8", "Attempt, passed, issuer available"],
    ["9", "Attempt, failed, issuer unavailable"],
    ["A", "Attempt, passed, issuer unavailable"],
    ["B", "Passed, information only, no liability shift"],
  ])("CAVV code %j is %j", (code, meaning) => {
    expect(AUTHNET_CAVV_CODES[code]).toBe(meaning);
    const row = byId(describeProcessor(processor({ authnet_cavv_result_code: code }), "authorizenet"))[
      "authnet_cavv_result_code"
    ];
    // A blank CAVV is skipped like every empty value.
    if (code === "") expect(row).toBeUndefined();
    else expect(row).toMatchObject({ value: code, meaning });
  });

  it("has no entries beyond the documented ones", () => {
    expect(Object.keys(AUTHNET_RESPONSE_CODES)).toHaveLength(4);
    expect(Object.keys(AUTHNET_AVS_CODES)).toHaveLength(13);
    expect(Object.keys(AUTHNET_CVV_CODES)).toHaveLength(5);
    expect(Object.keys(AUTHNET_CAVV_CODES)).toHaveLength(11);
  });
});

describe("describeProcessor for Authorize.net", () => {
  const full = processor({
    ...CARD,
    authnet_cavv_result_code: "2",
    authnet_cvv_result_code: "M",
    authnet_avs_result_code: "Y",
    authnet_auth_code: "ABC123",
    authnet_response_code: "1",
    authnet_transaction_id: "60123456789",
    authnet_network_trans_id: "NTI42",
    authnet_capture_status: "captured",
    authnet_customer_profile_id: "500",
    authnet_payment_profile_id: "600",
  });

  it("lists the transaction first, then its outcome, checks and profiles", () => {
    const rows = describeProcessor(full, "authorizenet");
    expect(rows.map((row) => row.id)).toEqual([
      "authnet_transaction_id",
      "authnet_response_code",
      "authnet_capture_status",
      "authnet_auth_code",
      "authnet_avs_result_code",
      "authnet_cvv_result_code",
      "authnet_cavv_result_code",
      "authnet_network_trans_id",
      "authnet_customer_profile_id",
      "authnet_payment_profile_id",
    ]);
  });

  it("decodes the response code and explains the capture status", () => {
    const rows = byId(describeProcessor(full, "authorizenet"));
    expect(rows["authnet_response_code"]).toMatchObject({ label: "Response", value: "1", meaning: "Approved" });
    expect(rows["authnet_capture_status"]).toMatchObject({
      value: "Captured",
      meaning: "Funds captured",
      kind: "status",
      copyable: false,
    });
    const held = byId(describeProcessor(processor({ authnet_capture_status: "authorized" }), "authorizenet"));
    expect(held["authnet_capture_status"]).toMatchObject({
      value: "Authorized",
      meaning: expect.stringMatching(/held/),
    });
    expect(held["authnet_capture_status"]?.meaning).toMatch(/manual capture/);
  });

  it.each([
    ["authnet_response_code", "5"],
    ["authnet_avs_result_code", "Q"],
    ["authnet_cvv_result_code", "Z"],
    ["authnet_cavv_result_code", "6"],
  ])("says %s %j is unrecognised rather than guessing", (key, code) => {
    const row = byId(describeProcessor(processor({ [key]: code }), "authorizenet"))[key];
    expect(row).toMatchObject({ value: code, meaning: UNRECOGNISED_CODE });
  });

  it("reads codes case-insensitively and trims them", () => {
    const rows = byId(
      describeProcessor(processor({ authnet_avs_result_code: " y ", authnet_cavv_result_code: "a" }), "authorizenet"),
    );
    expect(rows["authnet_avs_result_code"]).toMatchObject({ value: "y", meaning: "Street and 5-digit ZIP match" });
    expect(rows["authnet_cavv_result_code"]?.meaning).toBe("Attempt, passed, issuer unavailable");
  });

  it("shows an unknown capture status in words", () => {
    const row = byId(describeProcessor(processor({ authnet_capture_status: "voided" }), "authorizenet"))[
      "authnet_capture_status"
    ];
    expect(row).toMatchObject({ value: "voided", meaning: "Unrecognised status" });
  });

  it("links the transaction to the live or sandbox Merchant Interface", () => {
    const live = byId(describeProcessor(full, "authorizenet", { environment: "live" }))["authnet_transaction_id"];
    expect(live?.href).toBe(
      "https://account.authorize.net/ui/themes/anet/transaction/transactiondetail.aspx?transID=60123456789",
    );
    const test = byId(describeProcessor(full, "authorizenet", { environment: "test" }))["authnet_transaction_id"];
    expect(test?.href).toBe(
      "https://sandbox.authorize.net/ui/themes/sandbox/transaction/transactiondetail.aspx?transID=60123456789",
    );
  });

  // Regression: Authorize.net answers transId "0" when no transaction was recorded (errors, Test Mode), and
  // the row linked to the Merchant Interface page of transaction 0. Only real (numeric) ids are linked.
  it.each(["0", "000", "abc", "601-2"])("does not link the transaction id %j", (id) => {
    const row = byId(
      describeProcessor(processor({ authnet_transaction_id: id, authnet_response_code: "3" }), "authorizenet", {
        environment: "live",
      }),
    )["authnet_transaction_id"];
    expect(row).toMatchObject({ value: id, copyable: true });
    expect(row).not.toHaveProperty("href");
  });

  it("offers copying identifiers but not codes", () => {
    const rows = byId(describeProcessor(full, "authorizenet"));
    expect(rows["authnet_transaction_id"]).toMatchObject({ kind: "id", copyable: true });
    expect(rows["authnet_auth_code"]).toMatchObject({ kind: "id", copyable: true });
    expect(rows["authnet_avs_result_code"]).toMatchObject({ kind: "code", copyable: false });
  });
});

describe("describeProcessor for Stripe", () => {
  const full = processor({
    ...CARD,
    stripe_customer_id: "cus_9",
    payment_method_id: "pm_1",
    stripe_charge_id: "ch_1",
    stripe_payment_intent_id: "pi_1",
  });

  it("lists the payment first, with labels", () => {
    const rows = describeProcessor(full, "stripe");
    expect(rows.map((row) => [row.id, row.label])).toEqual([
      ["stripe_payment_intent_id", "Payment intent ID"],
      ["stripe_charge_id", "Charge ID"],
      ["payment_method_id", "Payment method ID"],
      ["stripe_customer_id", "Customer ID"],
    ]);
    expect(rows.every((row) => row.copyable && row.kind === "id")).toBe(true);
  });

  it("links payments and customers to the live dashboard", () => {
    const rows = byId(describeProcessor(full, "stripe", { environment: "live" }));
    expect(rows["stripe_payment_intent_id"]?.href).toBe("https://dashboard.stripe.com/payments/pi_1");
    expect(rows["stripe_charge_id"]?.href).toBe("https://dashboard.stripe.com/payments/ch_1");
    expect(rows["stripe_customer_id"]?.href).toBe("https://dashboard.stripe.com/customers/cus_9");
    expect(rows["payment_method_id"]?.href).toBeUndefined();
  });

  it("links a test-mode session to the test dashboard only", () => {
    const rows = describeProcessor(full, "stripe", { environment: "test" });
    const hrefs = rows.flatMap((row) => (row.href ? [row.href] : []));
    expect(hrefs).toEqual([
      "https://dashboard.stripe.com/test/payments/pi_1",
      "https://dashboard.stripe.com/test/payments/ch_1",
      "https://dashboard.stripe.com/test/customers/cus_9",
    ]);
  });

  it("makes no dashboard links when the environment is not known", () => {
    expect(describeProcessor(full, "stripe").some((row) => row.href)).toBe(false);
    expect(describeProcessor(full, "authorizenet").some((row) => row.href)).toBe(false);
  });

  // Regression: anything but "test" picked the live dashboard, so an untyped "TEST", "sandbox" or
  // "Test" (an environment variable, say) linked a test session to the live one.
  it.each(["TEST", "sandbox", "Test", "production", " test"])(
    "makes no dashboard links for the environment %j, which is neither test nor live",
    (environment) => {
      const options = { environment: environment as "test" };
      expect(describeProcessor(full, "stripe", options).some((row) => row.href)).toBe(false);
      const authnet = processor({ authnet_transaction_id: "60123456789" });
      expect(describeProcessor(authnet, "authorizenet", options).some((row) => row.href)).toBe(false);
      expect(stripeDashboardUrl("pi_1", environment as "test")).toBeUndefined();
    },
  );

  it("percent-encodes ids in links and links only ids of the expected kind", () => {
    expect(stripeDashboardUrl("pi_1/../../settings?x=#y", "live")).toBe(
      "https://dashboard.stripe.com/payments/pi_1%2F..%2F..%2Fsettings%3Fx%3D%23y",
    );
    expect(stripeDashboardUrl("py_1", "live")).toBeUndefined();
    expect(stripeDashboardUrl("javascript:alert(1)", "live")).toBeUndefined();
    expect(authorizeNetTransactionUrl("1&transID=2", "live")).toMatch(/transID=1%26transID%3D2$/);
    const rows = byId(
      describeProcessor(processor({ stripe_charge_id: "weird id" }), "stripe", { environment: "live" }),
    );
    expect(rows["stripe_charge_id"]).not.toHaveProperty("href");
  });
});

describe("describeProcessor for Braintree and Shift4", () => {
  it("lists Braintree's transaction first and links nothing", () => {
    const rows = describeProcessor(
      processor({
        braintree_payment_method_token: "tok",
        braintree_customer_id: "cust",
        braintree_transaction_id: "txn",
      }),
      "braintree",
      { environment: "live" },
    );
    expect(rows.map((row) => [row.id, row.label, row.value])).toEqual([
      ["braintree_transaction_id", "Transaction ID", "txn"],
      ["braintree_customer_id", "Customer ID", "cust"],
      ["braintree_payment_method_token", "Payment method token", "tok"],
    ]);
    expect(rows.some((row) => row.href)).toBe(false);
  });

  it("lists Shift4's charge first and links nothing", () => {
    const rows = describeProcessor(
      processor({ shift4_card_id: "card_1", shift4_customer_id: "cust_1", shift4_charge_id: "char_1" }),
      "shift4",
      { environment: "live" },
    );
    expect(rows.map((row) => [row.id, row.label, row.value])).toEqual([
      ["shift4_charge_id", "Charge ID", "char_1"],
      ["shift4_customer_id", "Customer ID", "cust_1"],
      ["shift4_card_id", "Card ID", "card_1"],
    ]);
    expect(rows.some((row) => row.href)).toBe(false);
  });
});

describe("describeProcessor for anything else", () => {
  it("shows an unknown gateway's fields generically, labelled from their keys", () => {
    const rows = describeProcessor(
      processor({ ...CARD, fiserv_order_id: "ORD-1", fiserv_approval_code: "OK42", fiserv_status: "settled" }),
      "fiserv",
      { environment: "live" },
    );
    expect(rows).toEqual([
      { id: "fiserv_order_id", label: "Fiserv order ID", value: "ORD-1", copyable: true, kind: "id" },
      { id: "fiserv_approval_code", label: "Fiserv approval code", value: "OK42", copyable: true, kind: "code" },
      { id: "fiserv_status", label: "Fiserv status", value: "settled", copyable: false, kind: "status" },
    ]);
  });

  it("keeps fields of another gateway than the one named, after the gateway's own", () => {
    const rows = describeProcessor(
      processor({ stripe_charge_id: "ch_1", authnet_transaction_id: "601", braintree_customer_id: "c" }),
      "stripe",
      { environment: "live" },
    );
    expect(rows.map((row) => [row.id, row.label])).toEqual([
      ["stripe_charge_id", "Charge ID"],
      ["authnet_transaction_id", "Authorize.net transaction ID"],
      ["braintree_customer_id", "Braintree customer ID"],
    ]);
    // Not decoded or linked: the gateway it belongs to is in doubt.
    expect(rows[1]).not.toHaveProperty("href");
  });

  it("shows every non-card field the API sent, including ones added later", () => {
    const sent = {
      ...CARD,
      stripe_payment_intent_id: "pi_1",
      stripe_refund_id: "re_1",
      shift4_charge_id: "char_9",
      risk_score: 12,
      is_3ds: true,
      nested: { a: 1 },
      blank: "   ",
    };
    for (const gateway of ["stripe", "authorizenet", "braintree", "shift4", "fiserv", ""]) {
      const rows = byId(describeProcessor(processor(sent), gateway));
      expect(Object.keys(rows).sort()).toEqual(
        ["is_3ds", "risk_score", "shift4_charge_id", "stripe_payment_intent_id", "stripe_refund_id"].sort(),
      );
      expect(rows["risk_score"]?.value).toBe("12");
      expect(rows["is_3ds"]?.value).toBe("true");
    }
  });

  it("skips null, empty and blank values and the card fields", () => {
    const rows = describeProcessor(
      processor({ ...CARD, stripe_charge_id: "", stripe_payment_intent_id: "  ", stripe_customer_id: null }),
      "stripe",
    );
    expect(rows).toEqual([]);
  });

  it("returns no rows without a processor", () => {
    expect(describeProcessor(null, "stripe")).toEqual([]);
    expect(describeProcessor(undefined, "stripe")).toEqual([]);
  });

  it("accepts the gateway name in other spellings", () => {
    const rows = describeProcessor(processor({ authnet_response_code: "2" }), "Authorize.Net");
    expect(rows[0]).toMatchObject({ label: "Response", meaning: "Declined" });
  });

  it("gives every row a distinct id", () => {
    const rows = describeProcessor(
      processor({ stripe_charge_id: "ch_1", authnet_transaction_id: "1", extra_id: "x" }),
      "authorizenet",
    );
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
  });
});

describe("gatewayName", () => {
  it.each([
    ["stripe", "Stripe"],
    ["authorizenet", "Authorize.net"],
    ["braintree", "Braintree"],
    ["shift4", "Shift4"],
    ["fiserv", "Fiserv"],
    ["worldpay_us", "Worldpay us"],
    ["", ""],
  ])("%j is %j", (gateway, name) => {
    expect(gatewayName(gateway)).toBe(name);
  });
});

describe("describeCard", () => {
  it("normalises the brand and keeps last four and a safe receipt", () => {
    expect(
      describeCard(processor({ card_brand: "AmericanExpress", card_last4: "0005", receipt_url: CARD.receipt_url })),
    ).toEqual({
      brand: { id: "amex", name: "American Express", known: true },
      last4: "0005",
      receiptUrl: "https://pay.stripe.com/receipts/x",
      rawReceipt: "https://pay.stripe.com/receipts/x",
    });
  });

  it("never links an unsafe receipt but keeps its text", () => {
    const card = describeCard(processor({ receipt_url: "javascript:alert(1)" }));
    expect(card.receiptUrl).toBeNull();
    expect(card.rawReceipt).toBe("javascript:alert(1)");
    expect(describeCard(processor({ receipt_url: "http://example.com/r" })).receiptUrl).toBeNull();
  });

  it("takes the last four digits of a masked number", () => {
    expect(describeCard(processor({ card_last4: "XXXX1111" })).last4).toBe("1111");
    expect(describeCard(processor({ card_last4: " 4242 " })).last4).toBe("4242");
    expect(describeCard(processor({ card_last4: "42" })).last4).toBeNull();
  });

  it("is all nulls without a processor or card", () => {
    const empty = { brand: null, last4: null, receiptUrl: null, rawReceipt: null };
    expect(describeCard(null)).toEqual(empty);
    expect(describeCard(processor({}))).toEqual(empty);
  });
});
