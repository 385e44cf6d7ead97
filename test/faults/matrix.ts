/**
 * The fault matrix: the one source of truth for what each fault does to the toolkit.
 *
 * Every row drives the tests (client.test.ts and proxy.test.ts in Node, session-card.test.tsx in
 * Chromium: the expected error class, message, retry policy, UI state and proxy answer all come from
 * here), and the README's "Reliability" table is rendered from it (readme.test.ts fails when the two
 * differ; `pnpm reliability:table` rewrites the README's copy).
 *
 * Each fault is injected in the middle of a session's life: the session plays the mock's `success`
 * scenario one step per answered request (pending -> collecting -> payment-success), and the fault is
 * queued only once the first poll has come back with `pending`.
 */
import type { FaultInput } from "@trymaven/mock";
import type { KnownBug } from "./known-bugs.ts";

/** The session id a drifted body claims instead of the one asked for. */
export const OTHER_SESSION_ID = "0badc0de-5e55-4d1e-9a11-ffffffffffff";

/** What the client's `sessions.get` throws for the fault (its class name in `@trymaven/core`). */
export type ErrorClassName =
  | "AuthenticationError"
  | "PermissionDeniedError"
  | "NotFoundError"
  | "UnprocessableEntityError"
  | "RateLimitError"
  | "InternalServerError"
  | "APIConnectionError"
  | "APIConnectionTimeoutError"
  | "ResponseValidationError";

/**
 * What polling does next.
 * - `stop`: the answer will not change by asking again; `watch` throws at once, `<SessionCard>` stops polling.
 * - `retry`: a transient failure; `sessions.get` retries it (up to `maxRetries`), polling backs off and resumes.
 * - `resume`: a body that broke the contract; `sessions.get` throws it without retrying (the same body would
 *   come back), polling treats it as transient and resumes with backoff.
 * - `accept`: the body is valid (the contract allows it); it is shown, and polling goes on.
 * - `end`: the body is valid and says the session is terminal; polling ends there (`is_terminal` from the server
 *   is the truth).
 */
export type Policy = "stop" | "retry" | "resume" | "accept" | "end";

/** The `data-error` kind `<SessionCard>` shows for the failure (see packages/react session-card.tsx). */
export type CardErrorKind = "not-found" | "unauthorized" | "rate-limited" | "network" | "contract" | "unknown";

export interface FaultCase {
  /** Stable id, used in test names and the tally. */
  id: string;
  /** The README's description of the fault. */
  label: string;
  /** What the mock is told to inject (`POST /__mock/faults`). */
  fault: FaultInput;
  /** How many requests in a row the fault answers. Three (one fetch and its two retries) lets the card show it. */
  times: number;
  /**
   * In Chromium, make the fault an outage instead: it lasts until the card shows it, then ends. Chromium
   * resends a request by itself when a reused keep-alive connection is reset, as long as idle connections
   * are left in its pool, so a count of faulty answers does not translate into a count of failed fetches.
   */
  browserOutage?: boolean;
  policy: Policy;
  /** For failures: the class `sessions.get` throws and its exact message (`{id}` is the session asked for). */
  error?: { name: ErrorClassName; message: string };
  /** For failures: what `<SessionCard>` shows over the last good state, and whether it offers Retry. */
  card?: { kind: CardErrorKind; retryButton: boolean };
  /** For valid bodies: what the card must show from it. */
  shows?: string;
  /** What `createSessionHandler` answers the browser while the fault lasts, with no cached copy to fall back on. */
  proxy: { status: number; detail?: string };
  /**
   * Maven said the session is gone (404) or refused our key (401, 403): a copy cached before is not served.
   * Every other failure is answered with that copy in its body (`{ detail, session }`, `X-Maven-Cache: stale`).
   */
  proxyDropsCopy?: boolean;
  /** The README's "what happens next" column. */
  behaviour: string;
}

const TRANSIENT = 3;
const SERVICE_FAILED = "The session service failed; try again shortly.";
const UNEXPECTED = "The session service returned an unexpected response.";
const CREDENTIALS = "The session service rejected this server's credentials.";
const CONTRACT_PREFIX = "The session response does not match the Maven API contract: ";

export const FAULT_MATRIX: readonly FaultCase[] = [
  {
    id: "401",
    label: "401 Unauthorized",
    fault: 401,
    times: 1,
    policy: "stop",
    error: { name: "AuthenticationError", message: "401 Invalid API key" },
    card: { kind: "unauthorized", retryButton: false },
    proxy: { status: 502, detail: CREDENTIALS },
    proxyDropsCopy: true,
    behaviour:
      "no retry; the last state stays on screen under a warning, Live off; the proxy logs the kind of key, never the key",
  },
  {
    id: "403",
    label: "403 Forbidden",
    fault: 403,
    times: 1,
    policy: "stop",
    error: { name: "PermissionDeniedError", message: "403 API key does not have permission to read this session" },
    card: { kind: "unauthorized", retryButton: false },
    proxy: { status: 502, detail: CREDENTIALS },
    proxyDropsCopy: true,
    behaviour: "no retry; the last state stays on screen under a warning, Live off",
  },
  {
    id: "404",
    label: "404 Not Found",
    fault: 404,
    times: 1,
    policy: "stop",
    error: { name: "NotFoundError", message: "404 Session not found" },
    card: { kind: "not-found", retryButton: false },
    proxy: { status: 404, detail: "Session not found." },
    proxyDropsCopy: true,
    behaviour: "no retry; the last state stays on screen under a warning, Live off",
  },
  {
    id: "422",
    label: "422 Unprocessable Entity",
    fault: 422,
    times: 1,
    policy: "stop",
    error: { name: "UnprocessableEntityError", message: "422 path.session_id: Input should be a valid UUID" },
    // Maven's answer to an id it does not accept: as a 404, final.
    card: { kind: "not-found", retryButton: false },
    proxy: { status: 502, detail: UNEXPECTED },
    behaviour: "no retry; the last state stays on screen under a “not found” warning, Live off",
  },
  {
    id: "429-retry-after",
    label: "429 with `Retry-After: 1`",
    fault: { type: "rate-limited", retryAfter: 1 },
    times: 2,
    policy: "retry",
    error: { name: "RateLimitError", message: "429 Rate limit exceeded: 20 per 1 minute" },
    card: { kind: "rate-limited", retryButton: false },
    proxy: { status: 429, detail: "Too many session requests right now; try again shortly." },
    behaviour: "waits the 1 s asked before each retry, then resumes to the true terminal state",
  },
  {
    id: "429",
    label: "429 without `Retry-After`",
    fault: { type: "rate-limited", retryAfter: null },
    times: TRANSIENT,
    policy: "retry",
    error: { name: "RateLimitError", message: "429 Rate limit exceeded: 20 per 1 minute" },
    card: { kind: "rate-limited", retryButton: false },
    proxy: { status: 429, detail: "Too many session requests right now; try again shortly." },
    behaviour: "doubling backoff, then resumes to the true terminal state",
  },
  {
    id: "500",
    label: "500 Internal Server Error",
    fault: 500,
    times: TRANSIENT,
    policy: "retry",
    error: { name: "InternalServerError", message: "500 Internal Server Error" },
    card: { kind: "unknown", retryButton: true },
    proxy: { status: 502, detail: SERVICE_FAILED },
    behaviour: "doubling backoff, then resumes to the true terminal state",
  },
  {
    id: "502",
    label: "502 Bad Gateway",
    fault: 502,
    times: TRANSIENT,
    policy: "retry",
    error: { name: "InternalServerError", message: "502 Bad Gateway" },
    card: { kind: "unknown", retryButton: true },
    proxy: { status: 502, detail: SERVICE_FAILED },
    behaviour: "doubling backoff, then resumes to the true terminal state",
  },
  {
    id: "503",
    label: "503 Service Unavailable",
    fault: 503,
    times: TRANSIENT,
    policy: "retry",
    error: { name: "InternalServerError", message: "503 Service Unavailable" },
    card: { kind: "unknown", retryButton: true },
    proxy: { status: 502, detail: SERVICE_FAILED },
    behaviour: "doubling backoff, then resumes to the true terminal state",
  },
  {
    id: "html",
    label: "HTML error page (nginx 502)",
    fault: { type: "html-error" },
    times: TRANSIENT,
    policy: "retry",
    error: { name: "InternalServerError", message: "502 Bad Gateway" },
    card: { kind: "unknown", retryButton: true },
    proxy: { status: 502, detail: SERVICE_FAILED },
    behaviour: "the page's HTML is never shown or put in a message; doubling backoff, then resumes",
  },
  {
    id: "hang",
    label: "Hung response (never answers)",
    fault: "hang",
    times: TRANSIENT,
    policy: "retry",
    error: { name: "APIConnectionTimeoutError", message: "Request timed out after 1000 ms." },
    card: { kind: "network", retryButton: true },
    proxy: { status: 504, detail: "The session service did not answer in time." },
    behaviour: "each attempt times out (1 s here) and is aborted, nothing left open; backoff, then resumes",
  },
  {
    id: "reset",
    label: "Connection reset",
    fault: "reset",
    times: TRANSIENT,
    browserOutage: true,
    policy: "retry",
    error: { name: "APIConnectionError", message: "Connection error: the Maven API could not be reached." },
    card: { kind: "network", retryButton: true },
    proxy: { status: 502, detail: "The session service could not be reached." },
    behaviour: "doubling backoff, then resumes to the true terminal state",
  },
  {
    id: "malformed-json",
    label: "Malformed JSON (truncated, 200)",
    fault: "malformed-json",
    times: TRANSIENT,
    policy: "resume",
    error: {
      name: "ResponseValidationError",
      message: "The Maven API answered with a body that is not JSON where a JSON session was expected.",
    },
    card: { kind: "contract", retryButton: true },
    proxy: { status: 502, detail: UNEXPECTED },
    behaviour: "`get` does not retry (the same body would come back); polling backs off and resumes",
  },
  {
    id: "html-200",
    label: "HTML page with a 200 (a captive portal)",
    fault: { type: "html-error", status: 200 },
    times: TRANSIENT,
    policy: "resume",
    error: {
      name: "ResponseValidationError",
      message: "The Maven API answered with a body that is not JSON where a JSON session was expected.",
    },
    card: { kind: "contract", retryButton: true },
    proxy: { status: 502, detail: UNEXPECTED },
    behaviour: "never parsed or shown; `get` does not retry; polling backs off and resumes",
  },
  {
    id: "empty-body",
    label: "Empty body (200)",
    fault: { type: "empty-body" },
    times: TRANSIENT,
    policy: "resume",
    error: {
      name: "ResponseValidationError",
      message: "The Maven API answered with an empty body where a JSON session was expected.",
    },
    card: { kind: "contract", retryButton: true },
    proxy: { status: 502, detail: UNEXPECTED },
    behaviour: "`get` does not retry; polling backs off and resumes",
  },
  {
    id: "missing-field",
    label: "Drift: required field missing (`status`)",
    fault: { type: "missing-field", field: "status" },
    times: TRANSIENT,
    policy: "resume",
    error: {
      name: "ResponseValidationError",
      message: `${CONTRACT_PREFIX}status: expected string, received undefined`,
    },
    card: { kind: "contract", retryButton: true },
    proxy: { status: 502, detail: UNEXPECTED },
    behaviour: "the error names the field; `get` does not retry; polling backs off and resumes",
  },
  {
    id: "wrong-type",
    label: "Drift: wrong type (`amount` as a number)",
    fault: { type: "wrong-type", field: "amount" },
    times: TRANSIENT,
    policy: "resume",
    error: { name: "ResponseValidationError", message: `${CONTRACT_PREFIX}amount: expected string, received number` },
    card: { kind: "contract", retryButton: true },
    proxy: { status: 502, detail: UNEXPECTED },
    behaviour: "the error names the field; `get` does not retry; polling backs off and resumes",
  },
  {
    id: "other-session",
    label: "Drift: another session's body",
    fault: { type: "wrong-type", field: "session_id", value: OTHER_SESSION_ID },
    times: TRANSIENT,
    policy: "resume",
    error: {
      name: "ResponseValidationError",
      message: `Asked for session {id} but the response is session ${OTHER_SESSION_ID}.`,
    },
    card: { kind: "contract", retryButton: true },
    proxy: { status: 502, detail: UNEXPECTED },
    behaviour: "the other session is never yielded or shown; polling backs off and resumes",
  },
  {
    id: "unknown-status",
    label: "Drift: unknown status, not terminal",
    fault: { type: "unknown-status", status: "payment-under-review", isTerminal: false },
    times: 1,
    policy: "accept",
    shows: "Payment under review",
    proxy: { status: 200 },
    behaviour: "shown humanised, in the in-progress tone; then the true terminal state",
  },
  {
    id: "unknown-status-terminal",
    label: "Drift: unknown status, `is_terminal: true`",
    fault: { type: "unknown-status", status: "payment-refunded", isTerminal: true },
    times: 1,
    policy: "end",
    shows: "Payment refunded",
    proxy: { status: 200 },
    behaviour: "shown humanised; polling ends there (the server's `is_terminal` is the truth)",
  },
  {
    id: "unknown-gateway",
    label: "Drift: unknown gateway (`adyen`)",
    fault: { type: "unknown-gateway", gateway: "adyen" },
    times: 1,
    policy: "accept",
    shows: "NC6HT9CRT65ZGN82",
    proxy: { status: 200 },
    behaviour: "its processor fields listed generically; then the true terminal state",
  },
  {
    id: "extra-fields",
    label: "Drift: extra fields",
    fault: "extra-fields",
    times: 1,
    policy: "accept",
    shows: "Other fields (3)",
    proxy: { status: 200 },
    behaviour: 'kept, and listed under a collapsed "Other fields"; then the true terminal state',
  },
  {
    id: "oversized",
    label: "Oversized body (2 MiB `memory`)",
    fault: { type: "oversized" },
    times: 1,
    policy: "accept",
    shows: "Show more",
    // Over the proxy's 1 MiB maxBodyBytes: refused like a broken body, never cached or passed on.
    proxy: { status: 502, detail: UNEXPECTED },
    behaviour:
      "parsed; the memory collapsed to a preview, the layout holds; then the true terminal state. The proxy reads 1 MiB at most (`maxBodyBytes`)",
  },
];

/**
 * Patterns rather than single faults, tried apart from the matrix and listed after it in the table.
 */
export interface PatternCase {
  id: string;
  label: string;
  getThrows: string;
  polling: string;
  card: string;
  proxy: string;
  /** A bug this case shows (known-bugs.ts), or `undefined`. */
  knownBug?: KnownBug;
}

/** Connection resets in bursts between good answers (Node), or until the card shows them (Chromium). */
export const FLAPPING: PatternCase = {
  id: "flapping",
  label: "Flapping network (connection resets in bursts)",
  getThrows: "`APIConnectionError`",
  polling:
    "**retries**: resumes after each burst to the true terminal state; gives up after 5 failures in a row (`watch`) or 2 retries (`get`)",
  card: '"Network problem" + Retry',
  proxy: "502 (the cached copy, if any, in the body)",
};

/** The browser offline and back (playwright's `context.setOffline`), twice during one session's life. */
export const OFFLINE: PatternCase = {
  id: "offline",
  label: "Browser offline, then online (twice)",
  getThrows: "(not asked while offline)",
  polling: "**pauses**: nothing is asked while offline; resumes on reconnect to the true terminal state",
  card: 'the last state, marked "Offline — will resume" instead of "Live"; "Live" again on reconnect',
  proxy: "-",
};

/** A lagging replica: after `collecting` has been seen, one answer carries the earlier `pending` state again. */
export const OLDER_STATE: PatternCase = {
  id: "older-state",
  label: "Older state of the same session (a lagging replica)",
  getThrows: "nothing",
  polling:
    "**goes on**; the older state (by `updated_at`) is ignored, so `watch` never steps back; then the true terminal state",
  card: "keeps the newer state; then the true terminal state",
  proxy: "200 (passed through)",
};

export type TableRow = readonly [fault: string, getThrows: string, polling: string, card: string, proxy: string];

const TABLE_HEADER: TableRow = [
  "Fault (injected mid-session)",
  "`sessions.get` throws",
  "Polling",
  "`<SessionCard>` shows",
  "Proxy answers",
];

const CARD_TEXT: Record<CardErrorKind, string> = {
  "not-found": "Session not found",
  unauthorized: "Not authorised",
  "rate-limited": "Rate limited — retrying",
  network: "Network problem",
  contract: "Unexpected response",
  // Over the last state on screen: the warning's one line, with no title that would say nothing loaded.
  unknown: "Couldn't refresh. Showing the session as of …",
};

const POLICY_TEXT: Record<Policy, string> = {
  stop: "**stops**",
  retry: "**retries**",
  resume: "**backs off**",
  accept: "**goes on**",
  end: "**ends**",
};

/** The rows of the README table, derived from the matrix. */
export function tableRows(): TableRow[] {
  const rows = FAULT_MATRIX.map((row): TableRow => {
    const card = row.card
      ? `"${CARD_TEXT[row.card.kind]}"${row.card.retryButton ? " + Retry" : ""}`
      : `the body: "${row.shows}"`;
    const proxy =
      row.proxy.status === 200 || row.proxyDropsCopy
        ? String(row.proxy.status)
        : `${row.proxy.status} (the cached copy, if any, in the body)`;
    return [
      row.label,
      row.error ? `\`${row.error.name}\`` : "nothing",
      `${POLICY_TEXT[row.policy]}: ${row.behaviour}`,
      card,
      proxy,
    ];
  });
  for (const pattern of [FLAPPING, OFFLINE, OLDER_STATE]) {
    rows.push([pattern.label, pattern.getThrows, pattern.polling, pattern.card, pattern.proxy]);
  }
  return rows;
}

/** The table as Markdown, columns padded the way Prettier pads them. */
export function renderTable(rows: readonly TableRow[] = tableRows()): string {
  const all = [TABLE_HEADER, ...rows];
  const widths = TABLE_HEADER.map((_, column) => Math.max(3, ...all.map((row) => width(row[column]!))));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => cell + " ".repeat(widths[column]! - width(cell))).join(" | ")} |`;
  return [line(TABLE_HEADER), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** Display width as Prettier counts it: code points (the table holds no wide characters). */
function width(text: string): number {
  return [...text].length;
}

/** Reads the cells of a Markdown table back, ignoring padding, so a reformatted table still compares equal. */
export function parseTable(markdown: string): string[][] {
  return markdown
    .trim()
    .split("\n")
    .filter((line, index) => index !== 1 && line.trim().startsWith("|"))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, "")
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

export const README_START =
  "<!-- reliability-table:start: generated from test/faults/matrix.ts and known-bugs.ts by `pnpm reliability:table` -->";
export const README_END = "<!-- reliability-table:end -->";

/** The README's generated block: the table, then the known bugs. */
export function renderReadmeBlock(knownBugs: Readonly<Record<string, string>>): string {
  const bugs = Object.entries(knownBugs).map(([id, text]) => `- \`${id}\`: ${text}.`);
  const bugList =
    bugs.length > 0
      ? ["Known bugs, each shown by an expected failure (`it.fails`) that turns red once it is fixed:", "", ...bugs]
      : ["No known bugs."];
  return [README_START, "", renderTable(), "", ...bugList, "", README_END].join("\n");
}

/** Compares two generated blocks as Markdown: table cells without their padding, other lines trimmed. */
export function normalizeBlock(block: string): string[] {
  return block
    .trim()
    .split("\n")
    .filter((line) => !/^\|[\s|:-]+\|$/.test(line.trim()))
    .map((line) => (line.trim().startsWith("|") ? parseTable(line)[0]!.join(" | ") : line.trim()))
    .filter((line) => line !== "");
}
