/**
 * Faults: the ways a real API, or what stands in front of it, misbehaves.
 * Each one is a plain object so it can cross HTTP (`POST /__mock/faults`) as JSON.
 */
import type { Session } from "@trymaven/core";
import { EMPTY_PROCESSOR } from "./make-session.js";

/** A fault by name, with its defaults. */
export type FaultName = Fault["type"];

/**
 * A fault to inject. Pass the object, its `type` alone (`"hang"`), or an HTTP
 * status (`429`) for the status faults.
 */
export type Fault =
  | {
      /** 401 `{detail: "Invalid API key"}` with `WWW-Authenticate: Bearer`. */
      type: "unauthorized";
    }
  | {
      /** 403 `{detail: "..."}`: the key lacks the scope. */
      type: "forbidden";
    }
  | {
      /** 404 `{detail: "Session not found"}`. */
      type: "not-found";
    }
  | {
      /** 422 in FastAPI's shape: `{detail: [{loc, msg, type}]}`. */
      type: "unprocessable";
    }
  | {
      /** 429 `{detail: "Rate limit exceeded: 20 per 1 minute"}`, with a `Retry-After` header unless `retryAfter` is `null`. */
      type: "rate-limited";
      /**
       * The `Retry-After` header: seconds, or an HTTP date string; `null` sends no
       * header (the real API documents none).
       * @default 2
       */
      retryAfter?: number | string | null | undefined;
    }
  | {
      /** 500 `{detail: "Internal Server Error"}`. */
      type: "server-error";
    }
  | {
      /** 502 `{detail: "Bad Gateway"}`. */
      type: "bad-gateway";
    }
  | {
      /** 503 `{detail: "Service Unavailable"}`. */
      type: "service-unavailable";
    }
  | {
      /** Any status from 200 to 599 with any JSON body and headers. */
      type: "status";
      /** The HTTP status to answer with, from 200 to 599. */
      status: number;
      /**
       * The response body, sent as JSON. `undefined` or `null` sends `{detail: <status text>}`
       * (`"Error"` for a status with no text here); 204, 205 and 304 always go without a body.
       */
      body?: unknown;
      /**
       * Headers to add, over `Content-Type: application/json` (a `Content-Type` here replaces it, in any case).
       * Names must be HTTP tokens and values free of line breaks: others throw when injected.
       */
      headers?: Record<string, string> | undefined;
    }
  | {
      /** An HTML error page from a proxy or load balancer (nginx style). */
      type: "html-error";
      /**
       * The page's HTTP status, from 200 to 599.
       * @default 502
       */
      status?: number | undefined;
    }
  | {
      /** A response with no body. */
      type: "empty-body";
      /**
       * The response's HTTP status, from 200 to 599.
       * @default 200
       */
      status?: number | undefined;
    }
  | {
      /** 200 with `Content-Type: application/json` and a truncated, unparseable body. */
      type: "malformed-json";
    }
  | {
      /** Waits, then answers normally (auth, lookup and all). Aborting the request ends the wait. */
      type: "slow";
      /**
       * How long to wait, in milliseconds.
       * @default 3000
       */
      delayMs?: number | undefined;
    }
  | {
      /** Never answers; the request stays open until it is aborted (or the server closes). */
      type: "hang";
    }
  | {
      /** The connection drops with no response: `Response.error()` (msw) or a destroyed socket (loopback server). */
      type: "reset";
    }
  | {
      /** Schema drift: 200 with a required field missing. */
      type: "missing-field";
      /**
       * The top-level session field left out.
       * @default "status"
       */
      field?: string | undefined;
    }
  | {
      /** Schema drift: 200 with a field of the wrong type. */
      type: "wrong-type";
      /**
       * The top-level session field to replace.
       * @default "amount"
       */
      field?: string | undefined;
      /** The value sent instead. Defaults to `amount` as a number, as webhooks send it; other fields get `12345`. */
      value?: unknown;
    }
  | {
      /** Schema drift: 200 with a status the toolkit does not know. */
      type: "unknown-status";
      /**
       * The `status` sent.
       * @default "payment-refunded"
       */
      status?: string | undefined;
      /**
       * The `is_terminal` sent with it.
       * @default true
       */
      isTerminal?: boolean | undefined;
    }
  | {
      /**
       * Schema drift: 200 with a gateway the toolkit does not know, and a processor field of its own
       * (`adyen_psp_reference`, whatever `gateway` is). The card stays (`visa` 4242 when the session has
       * no card); the known gateways' ids and the receipt are `null`.
       */
      type: "unknown-gateway";
      /**
       * The `gateway` sent.
       * @default "adyen"
       */
      gateway?: string | undefined;
    }
  | {
      /** Schema drift: 200 with fields the contract does not list, at the top level and in `processor`. */
      type: "extra-fields";
    }
  | {
      /** 200 with a very large body: the session's `memory` replaced by padding. */
      type: "oversized";
      /**
       * Size of the padding, in bytes.
       * @default 2097152 (2 MiB)
       */
      bytes?: number | undefined;
    };

/** What `injectFault` accepts: a fault object, a fault name, or an HTTP status. */
export type FaultInput = Fault | FaultName | number;

/** The fault names that need no other field. */
export const FAULT_NAMES = [
  "unauthorized",
  "forbidden",
  "not-found",
  "unprocessable",
  "rate-limited",
  "server-error",
  "bad-gateway",
  "service-unavailable",
  "html-error",
  "empty-body",
  "malformed-json",
  "slow",
  "hang",
  "reset",
  "missing-field",
  "wrong-type",
  "unknown-status",
  "unknown-gateway",
  "extra-fields",
  "oversized",
] as const satisfies readonly FaultName[];

const STATUS_FAULTS: Record<number, Fault> = {
  401: { type: "unauthorized" },
  403: { type: "forbidden" },
  404: { type: "not-found" },
  422: { type: "unprocessable" },
  429: { type: "rate-limited" },
  500: { type: "server-error" },
  502: { type: "bad-gateway" },
  503: { type: "service-unavailable" },
};

function isHttpStatus(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 200 && value <= 599;
}

function isNonNegative(value: unknown): boolean {
  return typeof value === "number" && Number.isFinite(value) && value >= 0;
}

/** A header name: an RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/**
 * A header value both the Fetch API and Node's HTTP server send: tab, visible ASCII and bytes
 * 0x80-0xFF. A line break would let a value add headers of its own; either side throws on it.
 */
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function headerValueProblem(what: string, value: string): string | null {
  return HEADER_VALUE.test(value)
    ? null
    : `${what} ${JSON.stringify(value)} cannot be sent as an HTTP header value (no line breaks, no other control characters, nothing above U+00FF)`;
}

function retryAfterProblem(retryAfter: unknown): string | null {
  if (retryAfter === undefined || retryAfter === null || typeof retryAfter === "number") return null;
  if (typeof retryAfter === "string") return headerValueProblem("retryAfter", retryAfter);
  return `retryAfter must be seconds (a number), an HTTP date (a string) or null, got ${JSON.stringify(retryAfter)}`;
}

function headersProblem(headers: unknown): string | null {
  if (headers === undefined) return null;
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    return `headers must be an object of header names to string values, got ${JSON.stringify(headers)}`;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) return `${JSON.stringify(name)} is not an HTTP header name`;
    if (typeof value !== "string") return `header ${name} must be a string, got ${JSON.stringify(value)}`;
    const problem = headerValueProblem(`header ${name}:`, value);
    if (problem !== null) return problem;
  }
  return null;
}

/**
 * The reason a fault object could not be sent, or `null` when it can: checked when it is injected, not when a
 * request meets it (a header the response cannot carry would otherwise turn into a 500 far from its cause).
 */
function faultProblem(fault: Fault): string | null {
  switch (fault.type) {
    case "status":
      return isHttpStatus(fault.status)
        ? headersProblem(fault.headers)
        : `status must be an HTTP status from 200 to 599, got ${fault.status}`;
    case "rate-limited":
      return retryAfterProblem(fault.retryAfter);
    case "html-error":
    case "empty-body":
      return fault.status === undefined || isHttpStatus(fault.status)
        ? null
        : `status must be an HTTP status from 200 to 599, got ${fault.status}`;
    case "slow":
      return fault.delayMs === undefined || isNonNegative(fault.delayMs)
        ? null
        : `delayMs must be a non-negative number, got ${fault.delayMs}`;
    case "oversized":
      return fault.bytes === undefined || (isNonNegative(fault.bytes) && Number.isInteger(fault.bytes))
        ? null
        : `bytes must be a non-negative integer, got ${fault.bytes}`;
    default:
      return null;
  }
}

/** Turns a name or a status into a fault object; throws a `TypeError` for anything else, or for a fault that cannot be sent. */
export function normalizeFault(input: FaultInput): Fault {
  if (typeof input === "number") {
    if (!isHttpStatus(input)) {
      throw new TypeError(`A status fault must be an HTTP status from 200 to 599, got ${input}.`);
    }
    return STATUS_FAULTS[input] ?? { type: "status", status: input };
  }
  if (typeof input === "string") {
    if ((FAULT_NAMES as readonly string[]).includes(input)) return { type: input } as Fault;
    throw new TypeError(`Unknown fault "${input}". Known faults: ${FAULT_NAMES.join(", ")}, or an HTTP status.`);
  }
  if (typeof input === "object" && input !== null && typeof input.type === "string") {
    if (input.type === "status" || (FAULT_NAMES as readonly string[]).includes(input.type)) {
      const problem = faultProblem(input);
      if (problem !== null) throw new TypeError(`Fault "${input.type}": ${problem}.`);
      return input;
    }
  }
  throw new TypeError(`Not a fault: ${JSON.stringify(input)}. Pass { type }, a fault name, or an HTTP status.`);
}

// ── Response bodies the real stack produces ──────────────────────────────────

const JSON_HEADERS = { "content-type": "application/json" };

/** Statuses that never carry a body (a `Response` with one throws). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/** A response with `text` as its body, or none for a status that cannot have one (204, 205, 304). */
function textResponse(status: number, text: string, headers: HeadersInit): Response {
  if (NULL_BODY_STATUSES.has(status)) return new Response(null, { status, headers });
  return new Response(text, { status, headers });
}

/** A JSON response the way FastAPI writes one. `headers` replace the defaults whatever their case (`Content-Type`). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  const merged = new Headers(JSON_HEADERS);
  for (const [name, value] of Object.entries(headers)) merged.set(name, value);
  return textResponse(status, JSON.stringify(body), merged);
}

/** FastAPI's `{detail: "..."}` error. */
export function detailResponse(status: number, detail: string, headers?: Record<string, string>): Response {
  return jsonResponse(status, { detail }, headers);
}

/** Pydantic v2's complaint about a path parameter that is not a UUID, as FastAPI sends it. */
export function invalidUuidResponse(input: string): Response {
  const bad = /[^0-9a-fA-F-]/.exec(input);
  const msg = bad
    ? `Input should be a valid UUID, invalid character: expected an optional prefix of \`urn:uuid:\` followed by [0-9a-fA-F-], found \`${bad[0]}\` at ${bad.index + 1}`
    : `Input should be a valid UUID, invalid length: expected length 32 for simple format, found ${input.replaceAll("-", "").length}`;
  return jsonResponse(422, {
    detail: [{ type: "uuid_parsing", loc: ["path", "session_id"], msg, input }],
  });
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function statusText(status: number): string {
  return STATUS_TEXT[status] ?? "Error";
}

function htmlErrorPage(status: number): string {
  const title = `${status} ${statusText(status)}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** The outcome of a fault: a response, or one of the two ways of not answering. */
export type FaultOutcome = Response | "hang" | "reset";

/**
 * What a fault answers. `session` is the requested session's current state
 * (drift faults distort it); `requestedId` is the id from the path.
 * `slow` is not handled here: it only delays the normal answer.
 */
export function faultOutcome(fault: Fault, session: Session, requestedId: string): FaultOutcome {
  switch (fault.type) {
    case "unauthorized":
      return detailResponse(401, "Invalid API key", { "www-authenticate": "Bearer" });
    case "forbidden":
      return detailResponse(403, "API key does not have permission to read this session");
    case "not-found":
      return detailResponse(404, "Session not found");
    case "unprocessable":
      return jsonResponse(422, {
        detail: [
          {
            type: "uuid_parsing",
            loc: ["path", "session_id"],
            msg: "Input should be a valid UUID",
            input: requestedId,
          },
        ],
      });
    case "rate-limited": {
      const retryAfter = fault.retryAfter === undefined ? 2 : fault.retryAfter;
      return detailResponse(
        429,
        "Rate limit exceeded: 20 per 1 minute",
        retryAfter === null ? {} : { "retry-after": String(retryAfter) },
      );
    }
    case "server-error":
      return detailResponse(500, "Internal Server Error");
    case "bad-gateway":
      return detailResponse(502, "Bad Gateway");
    case "service-unavailable":
      return detailResponse(503, "Service Unavailable");
    case "status":
      return jsonResponse(fault.status, fault.body ?? { detail: statusText(fault.status) }, fault.headers);
    case "html-error": {
      const status = fault.status ?? 502;
      return textResponse(status, htmlErrorPage(status), { "content-type": "text/html" });
    }
    case "empty-body":
      return new Response(null, { status: fault.status ?? 200 });
    case "malformed-json": {
      const text = JSON.stringify(session);
      return new Response(text.slice(0, Math.floor(text.length / 2)), { status: 200, headers: JSON_HEADERS });
    }
    case "hang":
      return "hang";
    case "reset":
      return "reset";
    case "slow":
      throw new Error("slow is a delay, not an answer");
    case "missing-field": {
      const { [fault.field ?? "status"]: _removed, ...rest } = session;
      return jsonResponse(200, rest);
    }
    case "wrong-type": {
      const field = fault.field ?? "amount";
      // `value: undefined` is "not given" (JSON has no undefined: sending it would drop the field).
      const value = fault.value !== undefined ? fault.value : field === "amount" ? Number(session.amount) : 12345;
      return jsonResponse(200, { ...session, [field]: value });
    }
    case "unknown-status":
      return jsonResponse(200, {
        ...session,
        status: fault.status ?? "payment-refunded",
        is_terminal: fault.isTerminal ?? true,
      });
    case "unknown-gateway":
      // The card stays; the known gateways' ids (and Stripe's receipt) go: another gateway reports none of them.
      return jsonResponse(200, {
        ...session,
        gateway: fault.gateway ?? "adyen",
        processor: {
          ...EMPTY_PROCESSOR,
          card_brand: session.processor?.card_brand ?? "visa",
          card_last4: session.processor?.card_last4 ?? "4242",
          adyen_psp_reference: "NC6HT9CRT65ZGN82",
        },
      });
    case "extra-fields":
      return jsonResponse(200, {
        ...session,
        refund_status: "none",
        metadata: { order_id: "A-1029", source: "ivr" },
        risk: { score: 12, level: "normal" },
        processor: session.processor && {
          ...session.processor,
          stripe_balance_transaction_id: "txn_3QKs8cLm4TzR9xWv0uXk2Yp4",
          network_status: "approved_by_network",
        },
      });
    case "oversized": {
      const bytes = fault.bytes ?? 2 * 1024 * 1024;
      const line = "Caller repeated the order details. ";
      const padding = line.repeat(Math.ceil(bytes / line.length)).slice(0, bytes);
      return jsonResponse(200, { ...session, memory: padding });
    }
  }
}
