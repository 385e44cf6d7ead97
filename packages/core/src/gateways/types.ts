/** Which of the merchant's gateway accounts a session ran in: the gateway's test (sandbox) mode or live mode. */
export type Environment = "test" | "live";

/** One processor field, ready to render as a labelled row. */
export interface ProcessorRow {
  /** The processor field's key, e.g. `"stripe_charge_id"`; unique within the rows. */
  id: string;
  /** What the field is, in words: "Charge ID", "Address check (AVS)". */
  label: string;
  /** The value to show: the API's value (trimmed); status values are put into words ("Captured"). */
  value: string;
  /** The decoded meaning of a code, e.g. "Street and 5-digit ZIP match"; "Unrecognised code" when the table has no entry. */
  meaning?: string;
  /** A link to the record in the gateway's dashboard; only when the environment is known. */
  href?: string;
  /** Whether a "copy" button makes sense: identifiers yes, codes and statuses no. */
  copyable: boolean;
  /** `id` an identifier, `code` a result code, `status` a state, `card` a card detail. */
  kind: "id" | "code" | "status" | "card";
}

/** Options of `describeProcessor`. */
export interface DescribeProcessorOptions {
  /**
   * The environment the session ran in (match your Maven key: `mvn_test_` is `"test"`). It picks
   * the dashboard (Stripe `/test/`, Authorize.net sandbox). When not given, no dashboard links
   * are made: the API does not say, and a test session must never link to a live dashboard. Nor are
   * they for any value other than `"test"` or `"live"`.
   */
  environment?: Environment | undefined;
}

/** How one known field of a gateway is shown. Internal to the gateway modules. */
export interface FieldSpec {
  key: string;
  label: string;
  kind: ProcessorRow["kind"];
  /** Turns the raw (trimmed) value into the shown value and its meaning. */
  decode?: (value: string) => { value?: string; meaning?: string };
  /** Dashboard link for the value, when one can be built for the environment. */
  href?: (value: string, environment: Environment) => string | undefined;
}
