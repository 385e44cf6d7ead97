/**
 * What a session status means to a person: a label, a tone for colour, and one sentence.
 *
 * Statuses the API adds later are expected (`SessionStatus` is open): they get a humanised
 * label and a neutral tone rather than an error, and `is_terminal` from the server stays the
 * truth about whether anything can still change.
 */
import { capText, cleanText, humanize, ownValue } from "./internal/text.js";
import type { KnownSessionStatus, SessionMode, SessionStatus } from "./schema.js";

/**
 * The colour family of a status: `success` money moved or the card was saved; `warning` needs a
 * person's attention; `danger` failed; `progress` still happening; `neutral` over, nothing to do.
 */
export type StatusTone = "success" | "warning" | "danger" | "neutral" | "progress";

/** Every tone, e.g. for a style guide or an exhaustive `switch`. */
export const STATUS_TONES = ["success", "warning", "danger", "neutral", "progress"] as const;

/** Options of the status helpers. */
export interface StatusOptions {
  /**
   * The session's mode. In `tokenize` mode nothing is charged, so "payment succeeded" would
   * mislead: success reads "Card saved", failure "Card not saved".
   * @default "charge"
   */
  mode?: SessionMode | undefined;
  /**
   * The session's `is_terminal`. Only used for statuses this library does not know: when the
   * server says the session is still live, the tone is `progress` instead of `neutral`.
   */
  isTerminal?: boolean | undefined;
}

interface StatusText {
  label: string;
  tone: StatusTone;
  description: string;
}

/** Longest unknown status label shown before it is cut with "…". */
const MAX_UNKNOWN_LENGTH = 60;

const STATUS_TEXT: Readonly<Record<KnownSessionStatus, StatusText>> = {
  pending: {
    label: "Waiting for the call",
    tone: "progress",
    description: "The session is open and waiting for the caller to reach the payment step.",
  },
  collecting: {
    label: "Collecting card details",
    tone: "progress",
    description: "The caller is entering their card details on the call.",
  },
  "payment-success": {
    label: "Payment succeeded",
    tone: "success",
    description: "The payment went through and the funds were captured.",
  },
  "payment-authorized": {
    label: "Authorized (not captured)",
    tone: "warning",
    description:
      "The card was authorized and the funds are held, but not captured: no money moves until the payment is captured in the gateway.",
  },
  "payment-failed": {
    label: "Payment failed",
    tone: "danger",
    description: "The payment did not go through; no money was taken.",
  },
  expired: {
    label: "Expired",
    tone: "neutral",
    description: "The session expired before a payment was completed.",
  },
  cancelled: {
    label: "Cancelled",
    tone: "neutral",
    description: "The session was cancelled before a payment was completed.",
  },
  // Warning, not neutral: a caller who meant to pay left part-way through (hung up or stopped
  // responding), so someone may want to call them back. Expired and cancelled need no follow-up.
  abandoned: {
    label: "Abandoned",
    tone: "warning",
    description: "The caller left the call before finishing the payment; no money was taken.",
  },
};

const TOKENIZE_TEXT: Partial<Record<KnownSessionStatus, Pick<StatusText, "label" | "description">>> = {
  "payment-success": { label: "Card saved", description: "The card was saved with the gateway for later payments." },
  "payment-failed": { label: "Card not saved", description: "The card could not be saved with the gateway." },
};

/** Matches a known status regardless of case and of `_`/space instead of `-` ("PAYMENT_SUCCESS"). */
/** The documented status `status` names, matched as loosely as the labels are (case, `_` or space for `-`). */
export function knownStatus(status: unknown): KnownSessionStatus | null {
  if (typeof status !== "string") return null;
  const key = status
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
  return ownValue(STATUS_TEXT, key) ? (key as KnownSessionStatus) : null;
}

/** Everything the status helpers say about one status. */
export interface StatusDescription {
  /** Short text for a badge, e.g. "Payment succeeded". */
  label: string;
  /** The colour family, e.g. `success` or `danger` (see {@link statusTone}). */
  tone: StatusTone;
  /** One sentence for a tooltip or a detail screen. */
  description: string;
  /** Whether this library knows the status; unknown ones are humanised from the raw string. */
  known: boolean;
}

/**
 * Label, tone and sentence for a status in one call. See {@link statusLabel}, {@link statusTone}
 * and {@link statusDescription}; each of them returns one field of this.
 */
export function describeStatus(status: SessionStatus, options: StatusOptions = {}): StatusDescription {
  const known = knownStatus(status);
  if (known) {
    const text = STATUS_TEXT[known];
    const override = options.mode === "tokenize" ? TOKENIZE_TEXT[known] : undefined;
    return { ...text, ...override, known: true };
  }
  const label = typeof status === "string" ? humanize(status, MAX_UNKNOWN_LENGTH) : "";
  if (!label) {
    return {
      label: "Unknown status",
      tone: "neutral",
      description: "Maven did not report a status for this session.",
      known: false,
    };
  }
  const raw = capText(cleanText(status), MAX_UNKNOWN_LENGTH);
  return {
    label,
    tone: options.isTerminal === false ? "progress" : "neutral",
    description:
      options.isTerminal === false
        ? `The session is in progress (status “${raw}”).`
        : options.isTerminal === true
          ? `The session has finished (status “${raw}”).`
          : `Maven reported the status “${raw}”.`,
    known: false,
  };
}

/**
 * Short text for a status badge: "Payment succeeded", "Authorized (not captured)", and for a
 * status this library does not know, the status in words ("payment-retry-scheduled" becomes
 * "Payment retry scheduled"; also snake_case and camelCase), cut to 60 characters plus "…".
 */
export function statusLabel(status: SessionStatus, options: StatusOptions = {}): string {
  return describeStatus(status, options).label;
}

/**
 * The tone of a status, for colour: `payment-success` is `success`, `payment-authorized` and
 * `abandoned` are `warning`, `payment-failed` is `danger`, `pending` and `collecting` are
 * `progress`, `expired` and `cancelled` are `neutral`. Unknown statuses are `neutral`, or
 * `progress` when `options.isTerminal` is `false`.
 */
export function statusTone(status: SessionStatus, options: StatusOptions = {}): StatusTone {
  return describeStatus(status, options).tone;
}

/** One sentence explaining a status, for a tooltip or a detail screen. */
export function statusDescription(status: SessionStatus, options: StatusOptions = {}): string {
  return describeStatus(status, options).description;
}
