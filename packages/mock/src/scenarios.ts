/**
 * Scenarios: a session's life as a script. Each step waits (for time or for
 * requests) and then patches the session; the simulator keeps `updated_at`,
 * `is_terminal` and `completed_at` consistent as the patches land.
 */
import { isTerminalStatus, KNOWN_STATUSES, type Session } from "@trymaven/core";
import { defined } from "./internal/defined.js";
import { isoAt, msOf } from "./internal/time.js";
import { DEFAULT_DECLINE, defaultProcessor, EMPTY_PROCESSOR, type SessionOverrides } from "./make-session.js";

/**
 * A change to a session. Any field may be given; `processor` is deep-merged
 * (`null` clears it), `error` replaces the previous error (`null` clears it).
 * `updated_at`, `is_terminal` and `completed_at` are derived unless given, and
 * so are `error` and `processor` when the status changes (see `applySessionPatch`).
 */
export type SessionPatch = SessionOverrides;

/** One step of a scenario. */
export interface ScenarioStep {
  /**
   * Milliseconds to wait after the previous step (or after the session was added)
   * before this step applies, measured on the simulator's clock (`now`).
   * With neither `after` nor `afterRequests`, the step applies at once.
   */
  after?: number | undefined;
  /**
   * Apply this step once this many requests for the session have been answered
   * (with a 200) since the previous step. With `after` too, whichever comes first wins.
   */
  afterRequests?: number | undefined;
  /** The change, or a function of the current state returning it (e.g. to pick the session's own gateway's processor). */
  patch: SessionPatch | ((session: Session) => SessionPatch);
}

/** A session's life: how it starts and the steps it takes. */
export interface Scenario {
  /** A short name, e.g. `"success"`. */
  name: string;
  /** One sentence shown in the CLI and docs. */
  description: string;
  /** The session id used when the scenario is added without one (and that id is free). A v4 UUID. */
  sessionId: string;
  /** Fields of the session when it is added. Status defaults to `pending`. */
  initial: SessionPatch;
  /** When set, `expires_at` is this many milliseconds after the session was added (scaled by `timeScale`). */
  expiresAfterMs?: number | undefined;
  /**
   * What happens to the session, in order. Each step waits (its `after`, in milliseconds since
   * the previous step, or its `afterRequests`) and then applies its patch; `addSession`'s
   * `timeScale` and `advanceBy` change the waits. After the last step the session keeps its
   * state. `simulator.advance(id, n)` applies the next `n` steps at once. An empty list keeps
   * the session as `initial` made it.
   */
  steps: ScenarioStep[];
}

/** How long the built-in scenarios wait: long enough to see each state in Storybook, short enough to sit through. */
const COLLECTING_AFTER_MS = 1_500;
const OUTCOME_AFTER_MS = 4_000;

const collecting: ScenarioStep = { after: COLLECTING_AFTER_MS, patch: { status: "collecting" } };

function outcome(status: string, error?: SessionPatch["error"]): ScenarioStep {
  return {
    after: OUTCOME_AFTER_MS,
    patch: (session) => ({
      status,
      processor: defaultProcessor(session.gateway, session.mode, status),
      ...(error ? { error } : {}),
    }),
  };
}

/** The built-in scenarios, by name. */
export const scenarios = {
  success: {
    name: "success",
    description: "Stripe charge: pending, collecting, then payment-success.",
    sessionId: "b130525e-a89c-4ad5-817e-67e0b13fe1ca",
    initial: { gateway: "stripe", mode: "charge", amount: "149.00" },
    steps: [collecting, outcome("payment-success")],
  },
  declined: {
    name: "declined",
    description: "Stripe charge declined: pending, collecting, then payment-failed with card_declined.",
    sessionId: "83b6b6c1-3de8-494e-954b-9f1e0531b85e",
    initial: { gateway: "stripe", mode: "charge", amount: "149.00" },
    steps: [collecting, outcome("payment-failed", { code: "card_declined", message: "Your card was declined." })],
  },
  insufficientFunds: {
    name: "insufficientFunds",
    description: "Authorize.net charge: pending, collecting, then payment-failed with insufficient_funds.",
    sessionId: "53659e18-85f4-4156-9302-efda80d5f004",
    initial: { gateway: "authorizenet", mode: "charge", amount: "1250.00" },
    steps: [
      collecting,
      outcome("payment-failed", { code: "insufficient_funds", message: "Your card has insufficient funds." }),
    ],
  },
  expired: {
    name: "expired",
    description: "Nobody calls in: pending until expires_at, then expired.",
    sessionId: "ee7f0883-b24e-420d-9724-c67e1aaaaa60",
    initial: { gateway: "stripe", mode: "charge", amount: "75.00" },
    expiresAfterMs: 6_000,
    steps: [{ after: 6_000, patch: { status: "expired" } }],
  },
  abandoned: {
    name: "abandoned",
    description: "The caller hangs up while keying in the card: pending, collecting, then abandoned.",
    sessionId: "7f215e96-7c59-4208-a1ef-52b380881947",
    initial: { gateway: "shift4", mode: "charge", amount: "56.40" },
    steps: [collecting, { after: 3_000, patch: { status: "abandoned" } }],
  },
  cancelled: {
    name: "cancelled",
    description: "The merchant cancels before the card is taken: pending, then cancelled.",
    sessionId: "3bff0792-7467-4dd9-a81a-c4daab0e3155",
    initial: { gateway: "braintree", mode: "charge", amount: "18.00" },
    steps: [{ after: 3_000, patch: { status: "cancelled" } }],
  },
  authorizedThenTransfer: {
    name: "authorizedThenTransfer",
    description:
      "Authorize.net auth-only: pending, collecting, payment-authorized; then, after it is terminal, the transfer back fills in transfer_status.",
    sessionId: "209782be-3fca-43f2-89f7-4d144413d694",
    initial: {
      gateway: "authorizenet",
      mode: "charge",
      amount: "500.00",
      description: "Security deposit hold",
      callback: "+13125550100",
      memory: "Guest in room 214 asked to be transferred back to the front desk after the hold.",
    },
    steps: [
      collecting,
      outcome("payment-authorized"),
      { after: 2_000, patch: { transfer_status: "initiated" } },
      { after: 3_000, patch: { transfer_status: "completed" } },
    ],
  },
  tokenize: {
    name: "tokenize",
    description: "Stripe card saved for later (tokenize, amount 0): pending, collecting, then payment-success.",
    sessionId: "1d4eab4c-413c-42bd-9ee3-a352c459a056",
    initial: { gateway: "stripe", mode: "tokenize", amount: "0.00", description: "Card on file for future visits" },
    steps: [collecting, outcome("payment-success")],
  },
} as const satisfies Record<string, Scenario>;

/** The name of a built-in scenario. */
export type ScenarioName = keyof typeof scenarios;

/** The built-in scenario names, for CLIs and pickers. */
export const SCENARIO_NAMES = Object.keys(scenarios) as ScenarioName[];

/** True when `name` is a built-in scenario. */
export function isScenarioName(name: unknown): name is ScenarioName {
  return typeof name === "string" && Object.hasOwn(scenarios, name);
}

/**
 * Defines a scenario of your own. An identity function that checks the shape,
 * so the object literal gets the `Scenario` type and its editor hints.
 */
export function defineScenario(scenario: Scenario): Scenario {
  return scenario;
}

const KNOWN = new Set<string>(KNOWN_STATUSES);
const BEFORE_CARD = new Set<string>(["pending", "collecting"]);
const CARD_TAKEN = new Set<string>(["payment-success", "payment-authorized", "payment-failed"]);

/**
 * Applies a patch the way the API would. Fields given in the patch always win; the rest follow:
 *
 * - `processor` is deep-merged;
 * - `updated_at` moves to `atMs`, never back (a clock behind the session's own
 *   `updated_at`, e.g. fake timers set before a fixture's date, keeps it);
 * - `is_terminal` follows a known status; `completed_at` is set when the session
 *   becomes terminal (and kept after, e.g. when only `transfer_status` changes);
 * - when a known status changes: `error` is a `card_declined` error for
 *   `payment-failed` (unless the session has one) and `null` otherwise;
 *   `processor` is the gateway's default once a card is taken (unless the session
 *   has one) and `null` before (`pending`, `collecting`); an `expired` session's
 *   `expires_at` is no later than the moment it expired.
 */
export function applySessionPatch(current: Session, patch: SessionPatch, atMs: number): Session {
  const given = defined(patch);
  const { processor, error, status } = given;
  const next = { ...current, ...given } as Session;
  const statusChanged = status !== undefined && status !== current.status && KNOWN.has(status);

  if (processor !== undefined) {
    next.processor =
      processor === null
        ? null
        : ({ ...EMPTY_PROCESSOR, ...current.processor, ...defined(processor) } as Session["processor"]);
  } else if (statusChanged && BEFORE_CARD.has(status)) {
    next.processor = null;
  } else if (statusChanged && CARD_TAKEN.has(status) && current.processor === null) {
    next.processor = defaultProcessor(next.gateway, next.mode, status);
  }
  if (error !== undefined) next.error = error === null ? null : { message: null, ...defined(error) };
  else if (statusChanged) next.error = status === "payment-failed" ? (current.error ?? { ...DEFAULT_DECLINE }) : null;

  if (given.is_terminal === undefined && status !== undefined && KNOWN.has(status)) {
    next.is_terminal = isTerminalStatus(status);
  }
  if (given.updated_at === undefined) {
    const previous = msOf(current.updated_at);
    next.updated_at = previous > atMs ? current.updated_at : isoAt(atMs);
  }
  if (given.completed_at === undefined) {
    if (!next.is_terminal) next.completed_at = null;
    else if (!current.is_terminal || current.completed_at === null) next.completed_at = next.updated_at;
  }
  if (statusChanged && status === "expired" && given.expires_at === undefined) {
    const expiredAt = msOf(next.updated_at);
    if (next.expires_at === null || !(msOf(next.expires_at) <= expiredAt)) next.expires_at = next.updated_at;
  }
  return next;
}
