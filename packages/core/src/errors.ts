/**
 * One error tree for everything the client can throw. Every error is
 * `instanceof MavenError`; HTTP failures are `MavenAPIError` subclasses chosen
 * from the status in exactly one place (`MavenAPIError.from`). Aborts are the
 * platform's own `AbortError` and are not wrapped.
 *
 * No error ever carries the API key: messages are built from the response only,
 * and the request's headers are never stored.
 */
import type { ValidationIssue } from "./schema.js";

/** Base class of every error thrown by `@trymaven/core`. */
export class MavenError extends Error {
  override name = "MavenError";
}

/** Issues from a failed schema check, in a serialisable form. */
export interface ContractIssue {
  /** Where in the body, e.g. `["processor", "card_last4"]`. */
  path: PropertyKey[];
  /** What is wrong there, e.g. `expected string, received null` or `must be a UUID`. */
  message: string;
  /** The kind of issue, in zod's terms: `invalid_type`, `invalid_format`, or `custom` (not the session asked for). */
  code?: string;
}

/** The API answered with a non-2xx status. */
export class MavenAPIError extends MavenError {
  override name = "MavenAPIError";
  /** HTTP status code. */
  declare readonly status: number;
  /** The parsed JSON body, or the raw text when it was not JSON, or `undefined` when empty. */
  declare readonly body: unknown;
  /** The response headers. */
  declare readonly headers: Headers;

  constructor(status: number, body: unknown, headers: Headers, message?: string) {
    super(message ?? `${status} ${describeDetail(body) ?? STATUS_TEXT[status] ?? "status code (no body)"}`);
    Object.assign(this, { status, body, headers });
  }

  /** Builds the subclass that matches `status`. The only place statuses map to classes. */
  static from(status: number, body: unknown, headers: Headers): MavenAPIError {
    const ErrorClass =
      (
        {
          400: BadRequestError,
          401: AuthenticationError,
          403: PermissionDeniedError,
          404: NotFoundError,
          409: ConflictError,
          422: UnprocessableEntityError,
          429: RateLimitError,
        } as Record<number, typeof MavenAPIError>
      )[status] ?? (status >= 500 ? InternalServerError : MavenAPIError);
    return new ErrorClass(status, body, headers);
  }
}

/** 400: the request was malformed. */
export class BadRequestError extends MavenAPIError {
  override name = "BadRequestError";
}
/** 401: the API key is missing, malformed or revoked. */
export class AuthenticationError extends MavenAPIError {
  override name = "AuthenticationError";
}
/** 403: the key is valid but may not see this session (or, behind a proxy, the user may not). */
export class PermissionDeniedError extends MavenAPIError {
  override name = "PermissionDeniedError";
}
/** 404: no session with this id. */
export class NotFoundError extends MavenAPIError {
  override name = "NotFoundError";
}
/** 409: a conflicting request is in flight; safe to retry. */
export class ConflictError extends MavenAPIError {
  override name = "ConflictError";
}
/** 422: the API rejected the request's parameters (FastAPI's `HTTPValidationError`). */
export class UnprocessableEntityError extends MavenAPIError {
  override name = "UnprocessableEntityError";
  /** The validation issues from the body (`detail`), empty when the body had none. */
  readonly detail: ValidationIssue[] = readValidationIssues(this.body);
}
/** 429: too many requests (Maven allows 20 per minute per endpoint per IP). */
export class RateLimitError extends MavenAPIError {
  override name = "RateLimitError";
  /** How long the server asked us to wait, from `Retry-After`; `null` when it did not say. */
  readonly retryAfterMs: number | null = parseRetryAfter(this.headers);
}
/** 5xx: the server (or a gateway in front of it) failed. */
export class InternalServerError extends MavenAPIError {
  override name = "InternalServerError";
}

/** The request never got an HTTP answer (DNS, refused or reset connection, offline). */
export class APIConnectionError extends MavenError {
  override name = "APIConnectionError";
  constructor(message = "Connection error: the Maven API could not be reached.", options?: { cause?: unknown }) {
    super(message, options);
  }
}
/** An attempt took longer than `timeoutMs`. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = "APIConnectionTimeoutError";
  constructor(timeoutMs: number, options?: { cause?: unknown }) {
    super(`Request timed out after ${timeoutMs} ms.`, options);
  }
}
/** A 2xx response whose body does not match the contract (not JSON, or missing/mistyped fields). */
export class ResponseValidationError extends MavenError {
  override name = "ResponseValidationError";
  /** What did not match, field by field. */
  declare readonly issues: ContractIssue[];
  /** The body as received (parsed JSON, or text when it was not JSON). */
  declare readonly body: unknown;
  constructor(message: string, issues: ContractIssue[], body: unknown) {
    super(message);
    Object.assign(this, { issues, body });
  }
}

/** True for failures worth retrying: connection errors, timeouts, 408, 409, 429 and 5xx. */
export function isTransientError(error: unknown): boolean {
  if (error instanceof APIConnectionError) return true;
  if (error instanceof MavenAPIError) return isRetryableStatus(error.status);
  return false;
}

/** 408, 409, 429 and 5xx are transient; every other status will answer the same way again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * True when polling should stop for good: the answer will not change by asking
 * again. Polling goes on only through connection errors, timeouts, 408/409/429/5xx
 * and bodies that broke the contract (the next one may not); everything else
 * (400, 401, 403, 404, 422, a bad session id, a bug in a callback) is final.
 */
export function isFatalForPolling(error: unknown): boolean {
  if (error instanceof MavenAPIError) return !isRetryableStatus(error.status);
  return !(error instanceof APIConnectionError || error instanceof ResponseValidationError);
}

/**
 * Milliseconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date); `null` when absent or unreadable.
 * A header sent twice (a CDN and the origin) arrives as `"5, 5"`: its first number counts.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | null {
  const ms = Number(headers.get("retry-after-ms")?.split(",")[0]?.trim() || Number.NaN);
  if (ms >= 0 && ms < Infinity) return ms;
  const header = headers.get("retry-after")?.trim();
  if (!header) return null;
  const seconds = /^[\d.+-][^,]*/.exec(header);
  if (seconds) {
    // Number() skips the spaces around the value, as trim() would.
    const value = Number(seconds[0]);
    return value >= 0 && value < Infinity ? value * 1000 : null;
  }
  // Only an HTTP date ("Wed, 21 Oct 2026 07:28:00 GMT"): Date.parse also reads "5 5" or "tomorrow" as dates in the past.
  const date = /GMT$/i.test(header) ? Date.parse(header) : Number.NaN;
  return isNaN(date) ? null : Math.max(0, date - now);
}

function readValidationIssues(body: unknown): ValidationIssue[] {
  const detail = typeof body === "object" ? (body as { detail?: unknown } | null)?.detail : undefined;
  if (!Array.isArray(detail)) return [];
  return detail.filter(
    (item): item is ValidationIssue =>
      typeof item === "object" &&
      item !== null &&
      Array.isArray((item as ValidationIssue).loc) &&
      typeof (item as ValidationIssue).msg === "string",
  );
}

function describeDetail(body: unknown): string | undefined {
  const MAX_DETAIL_LENGTH = 300;
  let text: unknown;
  if (typeof body === "string") {
    // An HTML error page says nothing useful in a message.
    if (!/^\s*</.test(body)) text = body;
  } else if (typeof body === "object" && body !== null) {
    const { detail, message } = body as { detail?: unknown; message?: unknown };
    const issues = readValidationIssues(body);
    text =
      typeof detail === "string"
        ? detail
        : issues.length > 0
          ? issues.map((issue) => `${issue.loc.join(".")}: ${issue.msg}`).join("; ")
          : message;
  }
  const trimmed = typeof text === "string" ? text.trim() : "";
  if (!trimmed) return undefined;
  return trimmed.length > MAX_DETAIL_LENGTH ? `${trimmed.slice(0, MAX_DETAIL_LENGTH)}…` : trimmed;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};
