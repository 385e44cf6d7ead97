import { createMavenClient, sessionSchema, type Session } from "@trymaven/core";
import {
  createMavenHandlers,
  createMavenSimulator,
  defineScenario,
  MOCK_API_KEY,
  SCENARIO_NAMES,
  type ScenarioName,
} from "@trymaven/mock";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const T0 = Date.parse("2026-11-24T15:00:00.000Z");

const EXPECTED_PATH: Record<ScenarioName, string[]> = {
  success: ["pending", "collecting", "payment-success"],
  declined: ["pending", "collecting", "payment-failed"],
  insufficientFunds: ["pending", "collecting", "payment-failed"],
  expired: ["pending", "expired"],
  abandoned: ["pending", "collecting", "abandoned"],
  cancelled: ["pending", "cancelled"],
  authorizedThenTransfer: ["pending", "collecting", "payment-authorized"],
  tokenize: ["pending", "collecting", "payment-success"],
};

/** Steps the clock in 250 ms ticks for up to a minute, collecting each distinct state. */
function playOut(read: () => Session): Session[] {
  const states = [read()];
  for (let elapsed = 0; elapsed < 60_000; elapsed += 250) {
    vi.advanceTimersByTime(250);
    const current = read();
    if (JSON.stringify(current) !== JSON.stringify(states.at(-1))) states.push(current);
  }
  return states;
}

describe("scenarios under fake timers", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: T0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each(SCENARIO_NAMES)("%s plays its statuses in order and ends terminal", (name) => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => Date.now() });
    const { session_id: id } = simulator.addSession({ scenario: name });
    const states = playOut(() => simulator.getSession(id)!);

    const statuses = states.map((s) => s.status).filter((status, i, all) => status !== all[i - 1]);
    expect(statuses).toEqual(EXPECTED_PATH[name]);
    const last = states.at(-1)!;
    expect(last.is_terminal).toBe(true);
    expect(last.completed_at).not.toBeNull();
    for (const state of states) {
      expect(sessionSchema.safeParse(state).success).toBe(true);
      expect(state.is_terminal).toBe(state.completed_at !== null);
    }
  });

  it("stamps each step at its scheduled time, not at the time it was read", () => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => Date.now() });
    const { session_id: id, created_at } = simulator.addSession({ scenario: "success" });
    expect(created_at).toBe("2026-11-24T15:00:00.000Z");
    vi.advanceTimersByTime(30_000);
    const done = simulator.getSession(id)!;
    expect(done.status).toBe("payment-success");
    expect(done.updated_at).toBe("2026-11-24T15:00:05.500Z");
    expect(done.completed_at).toBe(done.updated_at);
    expect(done.processor?.stripe_payment_intent_id).toMatch(/^pi_/);
  });

  it("declined and insufficientFunds end with their error codes", () => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => Date.now() });
    const declined = simulator.addSession({ scenario: "declined" }).session_id;
    const insufficient = simulator.addSession({ scenario: "insufficientFunds" }).session_id;
    vi.advanceTimersByTime(10_000);
    expect(simulator.getSession(declined)!.error).toEqual({
      code: "card_declined",
      message: "Your card was declined.",
    });
    expect(simulator.getSession(insufficient)!.error?.code).toBe("insufficient_funds");
  });

  it("authorizedThenTransfer fills in transfer_status after the session is terminal, keeping completed_at", () => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => Date.now() });
    const { session_id: id } = simulator.addSession({ scenario: "authorizedThenTransfer" });
    vi.advanceTimersByTime(5_500);
    const authorized = simulator.getSession(id)!;
    expect(authorized).toMatchObject({ status: "payment-authorized", is_terminal: true, transfer_status: null });
    expect(authorized.processor?.authnet_capture_status).toBe("authorized");

    vi.advanceTimersByTime(2_000);
    expect(simulator.getSession(id)!.transfer_status).toBe("initiated");
    vi.advanceTimersByTime(3_000);
    const transferred = simulator.getSession(id)!;
    expect(transferred.transfer_status).toBe("completed");
    expect(transferred.completed_at).toBe(authorized.completed_at);
    expect(Date.parse(transferred.updated_at)).toBeGreaterThan(Date.parse(authorized.updated_at));
  });

  it("tokenize saves the card without an amount", () => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => Date.now() });
    const { session_id: id } = simulator.addSession({ scenario: "tokenize" });
    vi.advanceTimersByTime(10_000);
    const done = simulator.getSession(id)!;
    expect(done).toMatchObject({ mode: "tokenize", amount: "0.00", status: "payment-success" });
    expect(done.processor?.payment_method_id).toMatch(/^pm_/);
    expect(done.processor?.stripe_customer_id).toMatch(/^cus_/);
  });

  it("follows the session's own gateway when the scenario's is overridden", () => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => Date.now() });
    const { session_id: id } = simulator.addSession({ scenario: "success", session: { gateway: "shift4" } });
    vi.advanceTimersByTime(10_000);
    expect(simulator.getSession(id)!.processor?.shift4_charge_id).toMatch(/^char_/);
  });

  it("timeScale speeds a scenario up, and 0 plays it out at once", () => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => Date.now() });
    const fast = simulator.addSession({ scenario: "success", timeScale: 0.1 }).session_id;
    expect(simulator.addSession({ scenario: "declined", timeScale: 0 }).status).toBe("payment-failed");
    vi.advanceTimersByTime(549);
    expect(simulator.getSession(fast)!.status).toBe("collecting");
    vi.advanceTimersByTime(1);
    expect(simulator.getSession(fast)!.status).toBe("payment-success");
  });

  it("uses the injected clock rather than the system time", () => {
    let clock = T0;
    const simulator = createMavenSimulator({ fixtures: false, now: () => clock });
    const { session_id: id } = simulator.addSession({ scenario: "cancelled" });
    vi.advanceTimersByTime(60_000);
    expect(simulator.getSession(id)!.status).toBe("pending");
    clock += 3_000;
    expect(simulator.getSession(id)!.status).toBe("cancelled");
  });
});

describe("a scenario's start and the simulator's copies", () => {
  const alreadyPaid = defineScenario({
    name: "paidThenTransferred",
    description: "paid before the first poll; the call is transferred after",
    sessionId: "11111111-2222-4333-8444-555555555555",
    initial: { status: "payment-success" },
    steps: [{ after: 1_000, patch: { transfer_status: "completed" } }],
  });

  it("serves a scenario that starts terminal as terminal, with its completion time and card", () => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => T0 });
    const start = simulator.addSession({ scenario: alreadyPaid });
    expect(start).toMatchObject({ status: "payment-success", is_terminal: true, completed_at: start.updated_at });
    expect(start.processor?.card_last4).toBe("4242");
    const end = simulator.advance(start.session_id, Number.POSITIVE_INFINITY);
    expect(end).toMatchObject({ is_terminal: true, completed_at: start.completed_at, transfer_status: "completed" });
    // The same for a built-in scenario whose start status is overridden.
    const authorized = simulator.addSession({ scenario: "cancelled", session: { status: "payment-authorized" } });
    expect(authorized).toMatchObject({ is_terminal: true, completed_at: authorized.updated_at });
  });

  it("hands out copies: changing one does not change what is served", async () => {
    const simulator = createMavenSimulator({ fixtures: false, requireAuth: false, now: () => T0 });
    const { session_id: id } = simulator.addSession({ scenario: "success" });
    const served = async () =>
      ((await (await simulator.handle(new Request(`https://mock.test/v1/sessions/${id}`))).json()) as Session).status;
    for (const copy of [
      simulator.getSession(id)!,
      simulator.listSessions()[0]!,
      simulator.updateSession(id, { description: "Edited" }),
      simulator.advance(id, 0),
    ]) {
      (copy as { status: string }).status = "payment-success";
    }
    expect(await served()).toBe("pending");

    const input = { ...simulator.getSession(id)!, session_id: "22222222-3333-4444-8555-666666666666" };
    simulator.addSession(input).status = "cancelled";
    input.status = "expired";
    expect(simulator.getSession(input.session_id)!.status).toBe("pending");
  });

  it("refuses, with a TypeError naming what it takes, a scenario, advanceBy or fault sessionId of the wrong kind", () => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => T0 });
    expect(() => simulator.addSession({ scenario: null as never })).toThrow(
      /^addSession: scenario must be a built-in scenario's name \(success, .*\) or a scenario \(see defineScenario\), got null\.$/,
    );
    expect(() => simulator.addSession({ scenario: "success", advanceBy: "requests" as never })).toThrow(
      'addSession: advanceBy must be "time" or "request", got "requests".',
    );
    expect(() => simulator.injectFault(503, { sessionId: 12345 as never })).toThrow(
      "injectFault: sessionId must be a UUID, got 12345.",
    );
    expect(simulator.listSessions()).toEqual([]);
    expect(simulator.faults).toEqual([]);
  });

  it("advance keeps no step when a later one breaks the contract", () => {
    const simulator = createMavenSimulator({ fixtures: false, now: () => T0 });
    const breaks = defineScenario({
      name: "breaksOnSecondStep",
      description: "its second step sends an amount that is not money",
      sessionId: "33333333-4444-4555-8666-777777777777",
      initial: {},
      steps: [
        { after: 1_000, patch: { status: "collecting" } },
        { after: 1_000, patch: { amount: "not money" } },
      ],
    });
    const { session_id: id } = simulator.addSession({ scenario: breaks });
    expect(() => simulator.advance(id, 2)).toThrow(/amount/);
    expect(simulator.getSession(id)!.status).toBe("pending");
    expect(simulator.advance(id).status).toBe("collecting");
  });
});

describe("scenarios advanced per request", () => {
  const simulator = createMavenSimulator({ fixtures: false });
  const server = setupServer(...createMavenHandlers(simulator));
  const maven = createMavenClient({ apiKey: MOCK_API_KEY, maxRetries: 0 });

  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => simulator.reset());
  afterAll(() => server.close());

  it("moves one step per answered request, whatever the time", async () => {
    const { session_id: id } = simulator.addSession({ scenario: "success", advanceBy: "request" });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await maven.sessions.get(id)).status);
    expect(seen).toEqual(["pending", "collecting", "payment-success", "payment-success"]);
    expect(simulator.stats().bySession[id]).toBe(4);
  });

  it("honours a custom step's afterRequests", async () => {
    const { session_id: id } = simulator.addSession({
      scenario: {
        name: "slowToStart",
        description: "pending for three polls",
        sessionId: "4b1f8f7e-9a43-4c6b-8d55-3f0c2e1a9b77",
        initial: {},
        steps: [{ afterRequests: 3, patch: { status: "payment-success" } }],
      },
    });
    const seen = [];
    for (let i = 0; i < 4; i++) seen.push((await maven.sessions.get(id)).status);
    expect(seen).toEqual(["pending", "pending", "pending", "payment-success"]);
  });
});

describe("polling a scenario with core's client under fake timers", () => {
  const simulator = createMavenSimulator({ fixtures: false });
  const server = setupServer(...createMavenHandlers(simulator));

  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => {
    simulator.reset();
    vi.useRealTimers();
  });
  afterAll(() => server.close());

  it("poll resolves with the terminal state after the scenario's time has passed", async () => {
    vi.useFakeTimers({ now: T0 });
    const { session_id: id } = simulator.addSession({ scenario: "declined" });
    const maven = createMavenClient({ apiKey: MOCK_API_KEY, maxRetries: 0 });
    const updates: string[] = [];
    const done = maven.sessions.poll(id, { intervalMs: 1_000, onUpdate: (s) => updates.push(s.status) });
    await vi.advanceTimersByTimeAsync(10_000);
    const session = await done;
    expect(session).toMatchObject({ status: "payment-failed", is_terminal: true });
    expect(updates).toEqual(["pending", "collecting", "payment-failed"]);
    // About one request per second of the 5.5 s script: polling stopped at the terminal state.
    expect(simulator.stats().bySession[id]).toBeLessThanOrEqual(7);
  });
});
