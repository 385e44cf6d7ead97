export {
  createMavenClient,
  assertSessionId,
  parseSession,
  DEFAULT_BASE_URL,
  type MavenClient,
  type MavenClientOptions,
  type RequestOptions,
  type SessionsResource,
} from "./client.js";
export {
  MavenError,
  MavenAPIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  ResponseValidationError,
  isTransientError,
  isRetryableStatus,
  isFatalForPolling,
  parseRetryAfter,
  type ContractIssue,
} from "./errors.js";
export {
  PollTimeoutError,
  backoffDelay,
  sameSessionState,
  isOlderSessionState,
  DEFAULT_POLL_INTERVAL_MS,
  DEFAULT_MAX_POLL_INTERVAL_MS,
  DEFAULT_MAX_CONSECUTIVE_ERRORS,
  type PollOptions,
} from "./poll.js";
export { parseAge, staleCopyOf, type SessionCopy } from "./copy.js";
export { SESSION_FIELDS } from "./fields.js";
export { numberOption } from "./internal/number-option.js";
export {
  sessionSchema,
  processorSchema,
  errorDetailSchema,
  validationErrorSchema,
  validationIssueSchema,
  isSessionId,
  isTerminalStatus,
  ACTIVE_STATUSES,
  TERMINAL_STATUSES,
  KNOWN_STATUSES,
  KNOWN_MODES,
  KNOWN_GATEWAYS,
  AMOUNT_PATTERN,
  type Session,
  type SessionInput,
  type Processor,
  type ErrorDetail,
  type ValidationIssue,
  type HTTPValidationError,
  type SessionStatus,
  type KnownSessionStatus,
  type SessionMode,
  type KnownSessionMode,
  type Gateway,
  type KnownGateway,
  type CardBrand,
  type OpenString,
} from "./schema.js";

// ── What a session means: pure display helpers (issue 4) ─────────────────────
export { formatAmount, currencyMinorUnits, type FormatAmountOptions } from "./money.js";
export {
  parseTimestamp,
  formatDateTime,
  formatRelativeTime,
  formatExpiry,
  type TimestampInput,
  type FormatDateTimeOptions,
  type FormatRelativeTimeOptions,
  type FormatExpiryOptions,
  type ExpiringSession,
} from "./time.js";
export { formatPhone, maskPhone } from "./phone.js";
export {
  statusLabel,
  statusTone,
  statusDescription,
  describeStatus,
  STATUS_TONES,
  type StatusTone,
  type StatusOptions,
  type StatusDescription,
} from "./status.js";
export { normalizeCardBrand, CARD_BRAND_NAMES, type CardBrandId, type CardBrandInfo } from "./card-brand.js";
export { safeHttpsUrl, MAX_URL_LENGTH } from "./url.js";
export { describeProcessor, describeCard, gatewayName, type CardDetails } from "./gateways/index.js";
export type { ProcessorRow, Environment, DescribeProcessorOptions } from "./gateways/types.js";
export { stripeDashboardUrl } from "./gateways/stripe.js";
export {
  authorizeNetTransactionUrl,
  AUTHNET_RESPONSE_CODES,
  AUTHNET_AVS_CODES,
  AUTHNET_CVV_CODES,
  AUTHNET_CAVV_CODES,
  AUTHNET_CAPTURE_STATUSES,
  UNRECOGNISED_CODE,
} from "./gateways/authorizenet.js";
export { revealInvisible, humanize as humanizeKey } from "./internal/text.js";
