/**
 * Validating one session body: the client's check (`parseSession`, what every
 * poll runs) against a hand-written type guard checking the same contract,
 * and zod's `sessionSchema.safeParse` for reference. tinybench, batches of
 * `BATCH` calls so each sample is far above the timer's resolution.
 */
import { Bench } from "tinybench";
import { parseSession, processorSchema, sessionSchema } from "@trymaven/core";
import { authorizenetCaptureSuccessSession } from "@trymaven/mock";

const BATCH = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AMOUNT = /^(?!^[-+.]*$)[+-]?0*\d*\.?\d*$/;
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?$/;

type Body = Record<string, unknown>;
const isObject = (value: unknown): value is Body =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) => value == null || typeof value === "string";
const optionalTimestamp = (value: unknown) => value == null || (typeof value === "string" && ISO.test(value));

/**
 * What a developer writes by hand: the same fields, types and formats, as one
 * boolean, with no issues to report and no defaults filled in. (Its timestamp
 * check is looser than the contract's: it does not know February has 28 days.)
 */
export function isSessionBody(value: unknown): boolean {
  if (!isObject(value)) return false;
  const { processor, error } = value;
  if (processor != null) {
    if (!isObject(processor)) return false;
    for (const key of PROCESSOR_KEYS) if (!optionalString(processor[key])) return false;
  }
  if (error != null && !(isObject(error) && typeof error.code === "string" && optionalString(error.message))) {
    return false;
  }
  return (
    typeof value.session_id === "string" &&
    UUID.test(value.session_id) &&
    typeof value.status === "string" &&
    typeof value.is_terminal === "boolean" &&
    typeof value.amount === "string" &&
    AMOUNT.test(value.amount) &&
    typeof value.currency === "string" &&
    typeof value.mode === "string" &&
    optionalString(value.description) &&
    typeof value.caller === "string" &&
    typeof value.project_slug === "string" &&
    typeof value.gateway === "string" &&
    optionalString(value.callback) &&
    optionalString(value.memory) &&
    optionalString(value.transfer_status) &&
    typeof value.created_at === "string" &&
    ISO.test(value.created_at) &&
    typeof value.updated_at === "string" &&
    ISO.test(value.updated_at) &&
    optionalTimestamp(value.expires_at) &&
    optionalTimestamp(value.completed_at)
  );
}

const PROCESSOR_KEYS = Object.keys(processorSchema.shape);

export interface ParseTimes {
  /** Microseconds per call, median and mean. */
  client: { p50: number; mean: number };
  guard: { p50: number; mean: number };
  zod: { p50: number; mean: number };
}

export async function benchParse(): Promise<ParseTimes> {
  // A session as it comes off the wire: a plain object, Authorize.net with every processor field set.
  const body: unknown = JSON.parse(JSON.stringify(authorizenetCaptureSuccessSession));
  if (!isSessionBody(body) || !sessionSchema.safeParse(body).success) throw new Error("the body must be valid");
  parseSession(body);

  const bench = new Bench({ time: 1_000, warmupTime: 200 });
  let sink = 0;
  const batched = (call: () => unknown) => () => {
    const started = bench.now();
    for (let i = 0; i < BATCH; i++) if (call()) sink++;
    const elapsed = bench.now() - started;
    return { overriddenDuration: elapsed / BATCH, overriddenIterationCost: elapsed };
  };
  bench
    .add(
      "client",
      batched(() => parseSession(body)),
    )
    .add(
      "guard",
      batched(() => isSessionBody(body)),
    )
    .add(
      "zod",
      batched(() => sessionSchema.safeParse(body).success),
    );
  await bench.run();
  if (sink === 0) throw new Error("unreachable");
  const times = (name: string) => {
    const result = bench.getTask(name)?.result;
    if (result?.state !== "completed") throw new Error(`parse benchmark ${name} did not complete`);
    return { p50: result.latency.p50 * 1000, mean: result.latency.mean * 1000 };
  };
  return { client: times("client"), guard: times("guard"), zod: times("zod") };
}
