/**
 * The mock Maven API every story talks to: one simulator, served by msw in a
 * service worker at `/api/maven` (where a merchant's `createSessionHandler`
 * proxy would be), so the browser client needs no key and nothing leaves the page.
 *
 * The simulator serves every fixture of `@trymaven/mock`, the story-only
 * sessions below, and a permanent fault per error story, each on its own
 * session id. Keeping every story on its own id in ONE simulator (rather than
 * a handler set per story) matters on docs pages: they render many stories at
 * once, and each story's loader resets msw's runtime handlers, so handlers of
 * one story would vanish under another. The global handlers survive every reset.
 */
import type { Session } from "@trymaven/core";
import {
  createMavenHandlers,
  createMavenSimulator,
  makeSession,
  scenarios,
  type InjectedFault,
  type ScenarioName,
} from "@trymaven/mock";

/** Where the browser client sends requests, and where the handlers answer: a merchant's proxy path. */
export const MAVEN_BASE_URL = "/api/maven";

// ── Story-only sessions ──────────────────────────────────────────────────────

/** Everything an attacker or a buggy upstream could put in a string field. Must render as inert text. */
export const hostileSession: Session = makeSession({
  session_id: "5e1f0c3a-9b7d-4e2f-8a6c-1d3b5f7a9c0e",
  status: "payment-success",
  gateway: "stripe",
  amount: "19.99",
  description: '<script>alert("xss")</script><img src=x onerror="alert(1)"> Order #1',
  caller: "+14155550142",
  project_slug: "acme\u202Etxt.exe",
  memory: "Zero\u200Bwidth\u200Cjoiners\u200Dhere\uFEFF and an RTL override: \u202Edetrevni si siht\u202C end.",
  transfer_status: "<b>completed</b>",
  processor: {
    card_brand: '<svg onload="alert(1)">',
    card_last4: "42\u200B42",
    receipt_url: "javascript:alert(document.cookie)",
    stripe_charge_id: "ch_\u202Efdp.exe",
    stripe_payment_intent_id: 'pi_"><script>alert(1)</script>',
  },
  created_at: "2026-11-24T15:30:00.000000+00:00",
});

/** A receipt on plain http: shown as text, never as a link. */
export const httpReceiptSession: Session = makeSession({
  session_id: "0a6d2c84-3e5f-4b1a-9c7d-2e4f6a8b0c1d",
  status: "payment-success",
  gateway: "stripe",
  processor: { receipt_url: "http://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8x" },
});

const LONG_WORD = "Supercalifragilisticexpialidocious".repeat(6);

/** Every field as long as it gets: layout must wrap, never overflow. */
export const longValuesSession: Session = makeSession({
  session_id: "7c3e9a1b-5d2f-4e8a-b6c4-0f1e3d5b7a9c",
  status: "payment-success",
  gateway: "authorizenet",
  amount: "98765432109876.54",
  description: `Annual enterprise licence renewal for 1,250 seats across 14 regional offices, including ${LONG_WORD}`,
  caller: "+442079460321",
  callback: "+16045550172",
  project_slug: `northwind-dental-group-of-practices-${"x".repeat(60)}`,
  transfer_status: "transferred-to-accounts-receivable-department-queue-after-hours",
  memory: Array.from(
    { length: 12 },
    (_, line) => `Line ${line + 1}: ${"the caller explained the billing history at length. ".repeat(3)}`,
  ).join("\n"),
  processor: {
    card_brand: "Apple Pay - Diners Club International",
    authnet_transaction_id: "80041532117000000000000000000001",
    authnet_network_trans_id: "381234567890123456789012345678901234567890",
  },
});

/** A German merchant charging in euros. */
export const euroSession: Session = makeSession({
  session_id: "2b4d6f8a-0c1e-4a3b-8d5f-7e9a1c3b5d7f",
  status: "payment-success",
  gateway: "stripe",
  amount: "1234.50",
  currency: "EUR",
  description: "Jahresabo Zahnreinigung",
  caller: "+493012345678",
  created_at: "2026-11-24T15:30:00.000000+00:00",
});

/** A Japanese merchant charging in yen (no minor unit). */
export const yenSession: Session = makeSession({
  session_id: "9d1b3f5a-7c9e-4b2d-a6f8-0e2c4a6b8d0f",
  status: "payment-authorized",
  gateway: "authorizenet",
  amount: "12800",
  currency: "JPY",
  description: "ご予約金",
  caller: "+81312345678",
  created_at: "2026-11-24T15:30:00.000000+00:00",
});

/** A status this version does not know, terminal and live. */
export const unknownTerminalStatusSession: Session = makeSession({
  session_id: "4a6c8e0b-2d4f-4a1c-9e3b-5d7f9b1d3f5a",
  status: "payment-refunded",
  is_terminal: true,
});
export const unknownLiveStatusSession: Session = makeSession({
  session_id: "6e8a0c2d-4f6b-4c3e-8a5d-7f9b1d3f5b7d",
  status: "verifying-identity",
  is_terminal: false,
  processor: null,
});

/** No description: the card's heading falls back to "Payment session". */
export const untitledSession: Session = makeSession({
  session_id: "c1c6e8b9-9d39-4e15-8a2a-16b411ea8bbc",
  status: "payment-success",
  gateway: "stripe",
  amount: "42.00",
  description: null,
});

/** A card that could not be saved (tokenize mode, declined): "Card not saved", with the gateway's reason. */
export const tokenizeDeclinedSession: Session = makeSession({
  session_id: "16e98ba2-02bb-4053-98b3-01c78c731f8b",
  status: "payment-failed",
  mode: "tokenize",
  gateway: "stripe",
  amount: "0",
  description: "Card on file for future visits",
  error: { code: "expired_card", message: "Your card has expired." },
});

/** Fields the contract does not list, as the mock's "extra-fields" fault sends them: kept, behind a disclosure. */
export const extraFieldsSession: Session = {
  ...makeSession({ session_id: "4fe8f5bf-deb6-4467-ae6e-af40a37a6d0d", status: "payment-success", gateway: "stripe" }),
  refund_status: "none",
  metadata: { order_id: "A-1029", source: "ivr" },
  risk: { score: 12, level: "normal" },
};

// ── Error and loading stories: an id each, answered by a permanent fault ─────

export const errorIds = {
  notFound: "d4c3b2a1-0f9e-4d8c-b7a6-958473625140",
  unauthorized: "1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b",
  forbidden: "2e3d4c5b-6a79-4887-9b5a-4c3d2e1f0a9b",
  rateLimited: "3d4c5b6a-7988-4796-8c4b-3a2f1e0d9c8b",
  serverError: "4c5b6a79-8897-4a65-9d3c-2b1a0f9e8d7c",
  network: "5b6a7988-97a6-4b54-8e2d-1c0b9a8f7e6d",
  /** Fails like `network` until the story's play function presses Retry (see `networkBlip`). */
  networkThenRecovers: "5c6b7a89-98b7-4c65-9f3e-2d1c0b9a8f7e",
  contractMismatch: "6a798897-a6b5-4c43-9f1e-0d9c8b7a6f5e",
  malformedJson: "798897a6-b5c4-4d32-8a0f-9e8d7c6b5a4f",
  htmlErrorPage: "8897a6b5-c4d3-4e21-9b9e-8d7c6b5a4f3e",
  /** A 404 HTML page, as an app answers where no proxy route is mounted. */
  noProxyRoute: "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e",
  loading: "97a6b5c4-d3e2-4f10-8c8d-7c6b5a4f3e2d",
  slow: "a6b5c4d3-e2f1-4a0f-9d7c-6b5a4f3e2d1c",
  /** Loads, then every refresh fails (see `liveSession`). */
  staleAfterFailure: "b5c4d3e2-f1a0-4b9e-8c6b-5a4f3e2d1c0b",
  /** Each loads, then every refresh fails with one kind of error (see `liveSession`). */
  staleRateLimited: "1f6b953a-701a-4172-9067-3c792ac8c6c7",
  staleNetwork: "8e35d8ea-da40-4f73-90fe-4252b36fe389",
  staleContract: "b288dc06-c1cb-4ea0-9c72-10a60cd7dc7e",
  staleNotFound: "8fa8e4a8-edd9-4d81-aee8-8b19d98ad613",
  staleUnauthorized: "122852d0-f86c-4dd5-998f-4ebba9994d2d",
  /** Loads, then the browser goes offline. */
  offlineWhileLive: "c4d3e2f1-a0b9-4c8d-9b5a-4f3e2d1c0b9a",
  /** Every answer is what `createSessionHandler` sends while Maven fails: a 502 with its last copy (see below). */
  proxyCopyDuringOutage: "d3e2f1a0-b9c8-4d7e-8a4f-3e2d1c0b9a8f",
  /** Every answer is a 200 with a copy your proxy fetched 95 s ago (see below). */
  proxyDelayedCopy: "e1d0c9b8-a7f6-4e5d-9c4b-3a2f1e0d9c8b",
} as const;

// ── The simulator and its handlers ───────────────────────────────────────────

export const simulator = createMavenSimulator({
  requireAuth: false,
  sessions: [
    hostileSession,
    httpReceiptSession,
    longValuesSession,
    euroSession,
    yenSession,
    unknownTerminalStatusSession,
    unknownLiveStatusSession,
    untitledSession,
    tokenizeDeclinedSession,
    extraFieldsSession,
    // The slow story shows its skeleton first, then this session.
    { ...makeSession({ status: "collecting" }), session_id: errorIds.slow },
  ],
});

const forever = (id: string) => ({ sessionId: id, times: Infinity });
simulator.injectFault("unauthorized", forever(errorIds.unauthorized));
simulator.injectFault("forbidden", forever(errorIds.forbidden));
simulator.injectFault({ type: "rate-limited", retryAfter: 1 }, forever(errorIds.rateLimited));
simulator.injectFault("server-error", forever(errorIds.serverError));
simulator.injectFault("reset", forever(errorIds.network));
simulator.injectFault({ type: "missing-field", field: "status" }, forever(errorIds.contractMismatch));
simulator.injectFault("malformed-json", forever(errorIds.malformedJson));
simulator.injectFault("html-error", forever(errorIds.htmlErrorPage));
simulator.injectFault({ type: "html-error", status: 404 }, forever(errorIds.noProxyRoute));
simulator.injectFault("hang", forever(errorIds.loading));
/** Your proxy's answer while Maven fails, when it holds a copy fetched two minutes ago. */
simulator.injectFault(
  {
    type: "status",
    status: 502,
    body: {
      detail: "The session service failed; try again shortly.",
      session: makeSession({ status: "collecting", session_id: errorIds.proxyCopyDuringOutage }),
    },
    headers: { age: "120", "x-maven-cache": "stale" },
  },
  forever(errorIds.proxyCopyDuringOutage),
);
/**
 * Your proxy's answer when it shares Maven's rate limit among many live sessions: a 200 with the copy it holds,
 * fetched 95 s ago, until the session's turn to be refreshed comes.
 */
simulator.injectFault(
  {
    type: "status",
    status: 200,
    body: makeSession({ status: "collecting", session_id: errorIds.proxyDelayedCopy }),
    headers: { age: "95", "x-maven-cache": "stale" },
  },
  forever(errorIds.proxyDelayedCopy),
);
simulator.injectFault({ type: "slow", delayMs: 1_500 }, forever(errorIds.slow));

/** The msw handlers every story gets (`parameters.msw.handlers.maven` in preview.tsx). */
export const mavenHandlers = createMavenHandlers({ simulator, baseUrl: MAVEN_BASE_URL });

// ── Helpers for stories that change the mock as they run ─────────────────────

/**
 * Starts (or restarts) a built-in scenario on its own session id, from now,
 * `timeScale` times as slow as the built-in timing. Returns the session id.
 */
export function playScenario(name: ScenarioName, timeScale = 0.5): string {
  const { sessionId } = scenarios[name];
  simulator.addSession({ scenario: name, sessionId, timeScale });
  return sessionId;
}

/**
 * Makes the next `times` requests for `sessionId` drop the connection, then
 * answers normally again: a network blip that the Retry button gets past.
 * Returns a cleanup that removes what is left of the fault.
 */
export function networkBlip(sessionId: string, times: number): () => void {
  simulator.removeSession(sessionId);
  simulator.addSession({ ...makeSession({ status: "payment-success" }), session_id: sessionId });
  for (const fault of simulator.faults) if (fault.sessionId === sessionId) fault.remove();
  const injected: InjectedFault = simulator.injectFault("reset", { sessionId, times });
  return () => injected.remove();
}

/** Resets `sessionId` to a live (collecting) session with no faults; returns the story's cleanup. */
export function liveSession(sessionId: string): () => void {
  const clearFaults = () => {
    for (const fault of simulator.faults) if (fault.sessionId === sessionId) fault.remove();
  };
  simulator.removeSession(sessionId);
  simulator.addSession({ ...makeSession({ status: "collecting" }), session_id: sessionId });
  clearFaults();
  return clearFaults;
}
