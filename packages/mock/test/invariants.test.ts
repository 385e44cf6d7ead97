import {
  isTerminalStatus,
  KNOWN_GATEWAYS,
  KNOWN_MODES,
  KNOWN_STATUSES,
  sessionSchema,
  type Session,
} from "@trymaven/core";
import {
  createMavenSimulator,
  listFixtures,
  makeSession,
  SCENARIO_NAMES,
  type ScenarioName,
  type ScenarioSessionInit,
} from "@trymaven/mock";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** Processor fields only one gateway reports. `card_*` and `receipt_url` may come from any. */
const GATEWAY_FIELDS: Record<string, RegExp> = {
  stripe: /^(stripe_|payment_method_id$)/,
  authorizenet: /^authnet_/,
  braintree: /^braintree_/,
  shift4: /^shift4_/,
};
const CARD_TAKEN = new Set(["payment-success", "payment-authorized", "payment-failed"]);
const NO_CARD = new Set(["pending", "collecting", "expired", "cancelled"]);

/** Everything about one state that the real API would never send: empty when the state is faithful. */
function unfaithful(session: Session): string[] {
  const problems: string[] = [];
  const parsed = sessionSchema.safeParse(session);
  if (!parsed.success) problems.push(`contract: ${JSON.stringify(parsed.error.issues)}`);
  if ((KNOWN_STATUSES as readonly string[]).includes(session.status)) {
    if (session.is_terminal !== isTerminalStatus(session.status)) problems.push("is_terminal disagrees with status");
  }
  if (session.is_terminal !== (session.completed_at !== null)) problems.push("completed_at set iff terminal");

  const created = Date.parse(session.created_at);
  const updated = Date.parse(session.updated_at);
  if (updated < created) problems.push("updated_at before created_at");
  if (session.completed_at !== null) {
    const completed = Date.parse(session.completed_at);
    if (completed < created || completed > updated) problems.push("completed_at outside created_at..updated_at");
  }
  if (session.expires_at !== null && Date.parse(session.expires_at) < created)
    problems.push("expires_at before created_at");
  if (session.status === "expired" && session.expires_at !== null) {
    if (Date.parse(session.completed_at!) < Date.parse(session.expires_at)) problems.push("expired before expires_at");
  }

  if ((session.error !== null) !== (session.status === "payment-failed")) problems.push("error only on payment-failed");
  if (NO_CARD.has(session.status) && session.processor !== null) problems.push("processor before a card was taken");
  if (CARD_TAKEN.has(session.status) && session.processor === null)
    problems.push("no processor after a card was taken");
  for (const [gateway, fields] of Object.entries(GATEWAY_FIELDS)) {
    if (gateway === session.gateway) continue;
    for (const [field, value] of Object.entries(session.processor ?? {})) {
      if (fields.test(field) && value !== null) problems.push(`${field} on a ${session.gateway} session`);
    }
  }

  if (!/^[A-Z]{3}$/.test(session.currency)) problems.push(`currency ${session.currency}`);
  if (!/^\d+(\.\d{1,2})?$/.test(session.amount)) problems.push(`amount ${session.amount}`);
  if (session.mode === "charge" && !(Number(session.amount) > 0)) problems.push("a charge of nothing");
  return problems;
}

describe("every fixture is a state the real API could send", () => {
  it.each(listFixtures())("$name", ({ session }) => {
    expect(unfaithful(session)).toEqual([]);
  });
});

describe("every makeSession default is a state the real API could send", () => {
  const combinations = KNOWN_STATUSES.flatMap((status) =>
    KNOWN_GATEWAYS.flatMap((gateway) => KNOWN_MODES.map((mode) => ({ status, gateway, mode }))),
  );
  it.each(combinations)("$status, $gateway, $mode", (overrides) => {
    expect(unfaithful(makeSession(overrides))).toEqual([]);
  });
});

describe("every state of every scenario's whole life is a state the real API could send", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse("2026-11-24T15:00:00.000Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const variants: Array<Omit<ScenarioSessionInit, "scenario">> = [
    {},
    { timeScale: 0 },
    { timeScale: 0.1 },
    { timeScale: 3 },
    { advanceBy: "request" },
    ...KNOWN_GATEWAYS.map((gateway) => ({ session: { gateway } })),
    { session: { gateway: "fiserv" } },
    { session: { mode: "tokenize", amount: "0.00" } },
  ];
  const cases = SCENARIO_NAMES.flatMap((name) =>
    variants.map((variant) => [name, variant] as [ScenarioName, typeof variant]),
  );

  it.each(cases)("%s %j", (name, variant) => {
    const simulator = createMavenSimulator({ fixtures: false });
    const { session_id: id } = simulator.addSession({ scenario: name, ...variant });
    const states = [simulator.getSession(id)!];
    // Two minutes in 250 ms ticks (for advanceBy "request", one step per tick).
    for (let tick = 0; tick < 480; tick++) {
      vi.advanceTimersByTime(250);
      if (variant.advanceBy === "request") simulator.advance(id);
      states.push(simulator.getSession(id)!);
    }

    const problems = new Set(states.flatMap((state) => unfaithful(state).map((p) => `${state.status}: ${p}`)));
    for (const [i, state] of states.entries()) {
      const previous = states[i - 1];
      if (!previous) continue;
      if (Date.parse(state.updated_at) < Date.parse(previous.updated_at)) problems.add("updated_at went back");
      if (state.created_at !== previous.created_at) problems.add("created_at moved");
      if (previous.is_terminal && (!state.is_terminal || state.completed_at !== previous.completed_at)) {
        problems.add("a terminal session changed its outcome");
      }
    }
    expect([...problems]).toEqual([]);
    expect(states.at(-1)!.is_terminal).toBe(true);
  });
});
