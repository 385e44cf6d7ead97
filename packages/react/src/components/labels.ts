import { useMemo } from "react";

/**
 * Every string the components show or announce, in English by default. Pass a partial object as
 * the `labels` prop of `SessionCard`, `ProcessorDetails` or `SessionStatusBadge` to translate or
 * reword; missing keys fall back to {@link defaultLabels}. Functions build interpolated text.
 *
 * Texts that come from `@trymaven/core` (status labels, gateway field names, decoded codes) pass
 * through `status`, `processorField` and `processorMeaning`, so those can be replaced too.
 */
export interface SessionCardLabels {
  /** Card heading when the session has no description. */
  title: string;
  /** Visually hidden name of the amount line. */
  amount: string;
  /** Field label of `session_id`. */
  sessionId: string;
  /** Field label of `mode`. */
  mode: string;
  /** Human words for a mode; `charge` and `tokenize` are known, anything else is shown as sent. */
  modeName: (mode: string) => string;
  /** Field label of `caller` (masked unless `showFullCaller`). */
  caller: string;
  /** Read by screen readers instead of a masked caller's "•" ("+1 hidden digits 0142"); the mask is `aria-hidden`. */
  hiddenDigits: string;
  /** Field label of `callback`. */
  callback: string;
  /** Field label of `project_slug`. */
  project: string;
  /** Field label of `gateway`. */
  gateway: string;
  /** Field label of `transfer_status`. */
  transferStatus: string;
  /** Field label of `created_at`. */
  created: string;
  /** Field label of `updated_at`. */
  updated: string;
  /** Field label of `expires_at` while the session is live. */
  expires: string;
  /** Field label of `expires_at` once the session has expired (status `expired`). */
  expired: string;
  /** Field label of `completed_at`. */
  completed: string;
  /** Heading of the failure section. */
  failure: string;
  /** Field label of `error.code`. */
  errorCode: string;
  /** Field label of `error.message`. */
  errorMessage: string;
  /** Heading of the processor section. */
  paymentDetails: string;
  /** Heading of the memory section. */
  memory: string;
  /** The memory toggle, collapsed. */
  showMore: string;
  /** The memory toggle, expanded. */
  showLess: string;
  /** Summary of the collapsed list of fields the API sent that this version does not know. */
  otherFields: (count: number) => string;
  /** Shown while the card polls for updates. */
  live: string;
  /**
   * Shown instead of `live` when the session came as a copy kept 30 s or more (a proxy sharing Maven's rate limit
   * among many live sessions), and until 90 s pass without another such copy; receives when the data shown was
   * fetched, formatted. Polling goes on.
   */
  delayed: (asOf: string) => string;
  /** Shown instead of `live` while the browser is offline: polling is paused until it is back. */
  paused: string;
  /** Announced (politely) when the status changes after the first render. */
  statusChanged: (statusLabel: string) => string;
  /** Status text; receives the core label ("Payment succeeded") and the raw status. */
  status: (coreLabel: string, status: string) => string;
  /** Label of the card row (brand and last four digits). */
  card: string;
  /** Card summary: visually hidden words before the last four digits. */
  cardEndingIn: string;
  /** Field label of `receipt_url`. */
  receipt: string;
  /** Link text of a safe receipt URL. */
  viewReceipt: string;
  /** Visually hidden suffix of links that open a new tab. */
  opensInNewTab: string;
  /** Link text for a gateway dashboard. */
  openInDashboard: string;
  /** A processor row's label; receives core's label, then the row id. */
  processorField: (coreLabel: string, id: string) => string;
  /** A decoded code's meaning; receives core's meaning, then the row id. */
  processorMeaning: (coreMeaning: string, id: string) => string;
  /** Accessible name of a copy button. */
  copy: (fieldLabel: string) => string;
  /** Announced after a successful copy. */
  copied: string;
  /** Shown and announced when no way to copy worked (the value is then selected). */
  copyFailed: string;
  /** Text of the loading skeleton. */
  loading: string;
  /** Muted text of the connected card while its query is disabled (`enabled: false` or no id): nothing is loading. */
  idle: string;
  /** Heading for a 404, a 422 (Maven refusing the id) and a `sessionId` that is not a UUID (refused before any request). */
  notFound: string;
  /** Hint under `notFound`. */
  notFoundHint: string;
  /** Heading for a 401 or 403. */
  unauthorized: string;
  /** Hint under `unauthorized`. */
  unauthorizedHint: string;
  /**
   * Heading for a 429 while polling goes on (react-query keeps retrying). Once polling has stopped (terminal,
   * `until` met, disabled), a 429 is shown as any other failure (`genericError`, or the `stale` banner alone), with Retry.
   */
  rateLimited: string;
  /** Heading for a connection error or timeout. */
  network: string;
  /** Hint under `network`. */
  networkHint: string;
  /** Hint under `network` when the browser reports it is offline. */
  offline: string;
  /** Heading for a response that did not match the contract. */
  contractMismatch: string;
  /** Hint under `contractMismatch`. */
  contractMismatchHint: string;
  /** Summary of the collapsed contract issues. */
  details: string;
  /** Heading for any other failure. */
  genericError: string;
  /** The button that fetches again. */
  retry: string;
  /** Under a failure still shown while a new request is on its way. */
  retrying: string;
  /** Banner over data that could not be refreshed; receives when the shown data was fetched. */
  stale: (updatedAt: string) => string;
}

/** A core text as it is (one function for the three labels that take one: bytes). */
const asIs = (text: string) => text;

/** The English texts; spread and override what you need. */
export const defaultLabels: SessionCardLabels = {
  title: "Payment session",
  amount: "Amount",
  sessionId: "Session ID",
  mode: "Mode",
  modeName: (mode) => (mode === "charge" ? "Charge" : mode === "tokenize" ? "Save card (tokenize)" : mode),
  caller: "Caller",
  hiddenDigits: "hidden digits",
  callback: "Callback number",
  project: "Project",
  gateway: "Gateway",
  transferStatus: "Transfer status",
  created: "Created",
  updated: "Updated",
  expires: "Expires",
  expired: "Expired",
  completed: "Completed",
  failure: "Why it failed",
  errorCode: "Error code",
  errorMessage: "Message",
  paymentDetails: "Payment details",
  memory: "Call memory",
  showMore: "Show more",
  showLess: "Show less",
  otherFields: (count) => `Other fields (${count})`,
  live: "Live",
  delayed: (asOf) => `Delayed · as of ${asOf}`,
  paused: "Offline — will resume",
  statusChanged: (label) => `Payment status: ${label}`,
  status: asIs,
  card: "Card",
  cardEndingIn: "ending in",
  receipt: "Receipt",
  viewReceipt: "View receipt",
  opensInNewTab: "(opens in new tab)",
  openInDashboard: "Open in dashboard",
  processorField: asIs,
  processorMeaning: asIs,
  copy: (label) => `Copy ${label}`,
  copied: "Copied",
  copyFailed: "Couldn't copy. The text is selected: press Ctrl+C or ⌘C to copy it.",
  loading: "Loading session…",
  idle: "No session loaded.",
  notFound: "Session not found",
  notFoundHint: "No session has this ID. Check the link or the ID.",
  unauthorized: "Not authorised",
  unauthorizedHint: "You don't have permission to see this session.",
  rateLimited: "Rate limited — retrying",
  network: "Network problem",
  networkHint: "The payment service couldn't be reached.",
  offline: "You appear to be offline.",
  contractMismatch: "Unexpected response",
  contractMismatchHint: "The server's answer didn't match the session contract (contract mismatch).",
  details: "Details",
  genericError: "Couldn't load this session",
  retry: "Retry",
  retrying: "Retrying…",
  stale: (updatedAt) => `Couldn't refresh. Showing the session as of ${updatedAt}.`,
};

/**
 * What a `labels` prop takes: any labels to replace. A key given as `undefined` keeps its default,
 * so a translation table with gaps can be passed as it is.
 */
export type SessionCardLabelOverrides = { [K in keyof SessionCardLabels]?: SessionCardLabels[K] | undefined };

/**
 * Merges a partial `labels` prop over the defaults, once per distinct object. A key given as `undefined`
 * (a translation not loaded yet) keeps its default: spread, it would blank a text or, for a function
 * label, crash the render.
 */
export function useLabels(labels: SessionCardLabelOverrides | undefined): SessionCardLabels {
  return useMemo(() => {
    const merged: Record<string, unknown> = { ...defaultLabels };
    for (const key in labels) merged[key] = labels[key as keyof SessionCardLabels] ?? merged[key];
    return merged as unknown as SessionCardLabels;
  }, [labels]);
}
