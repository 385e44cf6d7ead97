/**
 * `@trymaven/core/server`: the proxy that keeps your Maven API key on the server.
 *
 * Never import this entry from browser code. Bundlers that honour the `browser`
 * export condition get a module that throws at import, so the mistake is loud.
 */
export {
  createSessionHandler,
  DEFAULT_RATE_LIMIT,
  DEFAULT_ACTIVE_TTL_MS,
  DEFAULT_TERMINAL_TTL_MS,
  DEFAULT_MAX_STALE_MS,
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  DEFAULT_MAX_BODY_BYTES,
  type AuthorizeSession,
  type AuthorizeDecision,
  type SessionHandler,
  type SessionHandlerOptions,
  type SessionHandlerLogger,
  type SessionCacheOptions,
  type SessionRateLimitOptions,
  type SessionRouteContext,
  type SessionRouteParams,
} from "./handler.js";
export {
  toNodeHandler,
  type NodeRequestLike,
  type NodeResponseLike,
  type NodeSessionHandler,
  type WebSessionHandler,
} from "./node.js";
export { RedactionError, type RedactableSessionField, type SessionRedaction } from "./redact.js";
export {
  createMemorySessionStore,
  type CachedSession,
  type CachedFailure,
  type MemorySessionStoreOptions,
  type SessionStore,
  type TokenGrant,
  type TokenRequest,
} from "./store.js";
