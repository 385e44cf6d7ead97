import { setNewest } from "../internal/bounded-map.js";
import type { Session } from "../schema.js";

/** A copy of a session as the proxy serves it (after `redact`), kept to spare upstream calls. */
export interface CachedSession {
  /** The session, already redacted: fields you redact are never stored. */
  session: Session;
  /** Names of the top-level fields `redact` removed or changed, for the `X-Maven-Redacted` header. */
  redacted: string[];
  /** When the copy arrived from Maven, in milliseconds since the epoch (the handler's clock). */
  fetchedAt: number;
  /**
   * Set when a refresh failed after the copy was fetched: what the handler answered. Every handler
   * sharing the store answers the same (with the copy, unless the failure rules it out) until a
   * refresh works, so instances behind one load balancer never disagree about whether Maven is up.
   */
  failure?: CachedFailure | undefined;
}

/** A refresh that failed, as the proxy answered it, kept beside the copy it failed to replace. */
export interface CachedFailure {
  /** When the failure was answered, in milliseconds since the epoch (the handler's clock). */
  at: number;
  /** The status the proxy answered (502, 504, 429, 404…). */
  status: number;
  /** The `detail` the proxy answered. */
  detail: string;
  /** The `Retry-After` asked for, in milliseconds from `at`. */
  retryAfterMs?: number | undefined;
  /** Maven may answer differently in a moment (5xx, timeout, 429). */
  transient?: boolean | undefined;
  /** Maven said the session is gone (404) or refused the key (401, 403): the copy is not served again. */
  supersedesCopy?: boolean | undefined;
}

/** What the handler asks for before each upstream call. */
export interface TokenRequest {
  /** The handler's current time, in milliseconds since the epoch. */
  now: number;
  /** Grant only while fewer than this many calls are counted in the last `windowMs`. */
  limit: number;
  /** Length of the sliding window, in milliseconds. */
  windowMs: number;
  /** Grant only when the previous grant is at least this many milliseconds old (spreads calls out); `0` for none. */
  minIntervalMs: number;
}

/** The answer to a `TokenRequest`. */
export type TokenGrant =
  | {
      /** The call may go ahead. */
      granted: true;
      /**
       * Called once the upstream call has completed (answered, failed or timed out).
       * The call's slot in the window starts counting from `completedAt` rather than
       * from when it was granted, so network latency can never squeeze one call too
       * many into Maven's own window. Until settled, the slot is held.
       */
      settle(completedAt: number): void | Promise<void>;
    }
  | {
      /** The budget is spent: no call now. */
      granted: false;
      /** How long until a call could be granted, in milliseconds (an estimate). */
      retryAfterMs: number;
    };

/**
 * Where the proxy keeps its cached sessions and its upstream-call budget.
 *
 * The default, `createMemorySessionStore()`, lives in one process. When several
 * instances of your server share one Maven key or egress IP, implement this over
 * a shared store (Redis, a KV) so they share one budget and one cache: `takeToken`
 * must check and record atomically (a Lua script or a transaction). Entries are
 * plain JSON. The repository's `examples/redis-session-store` is one for Redis, to copy.
 */
export interface SessionStore {
  /**
   * The cached copy stored under `key`, or `undefined`. A key is the session's lower-case id after the
   * name of the handler's view of it (`v1x2y3z:3f1c…`): handlers that redact differently, or use another
   * key or upstream, keep separate copies in one store.
   */
  get(key: string): Promise<CachedSession | undefined>;
  /** Stores a copy under `key`; the store may drop it after `ttlMs` milliseconds (and may drop it earlier to bound its size). */
  set(key: string, entry: CachedSession, ttlMs: number): Promise<void>;
  /** Atomically checks the budget and, when a call fits, records it. */
  takeToken(request: TokenRequest): Promise<TokenGrant>;
  /** Grants no token before `until` (epoch ms): Maven answered 429, so someone else shares the limit. */
  pauseUntil(until: number): Promise<void>;
}

export interface MemorySessionStoreOptions {
  /**
   * Most sessions kept; the least recently used is dropped first.
   * @default 1000
   */
  maxEntries?: number | undefined;
  /** The clock used to expire entries, in milliseconds since the epoch. @default Date.now */
  now?: (() => number) | undefined;
}

/**
 * An in-process `SessionStore`: a size-bounded LRU cache and a sliding-window
 * log of upstream calls. Share one between handlers that use the same Maven key
 * (for example a `GET` route and a server action) so they share one budget.
 */
export function createMemorySessionStore(options: MemorySessionStoreOptions = {}): SessionStore {
  const maxEntries = options.maxEntries ?? 1000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new TypeError(`maxEntries must be a positive integer, got ${String(options.maxEntries)}.`);
  }
  const clock = options.now ?? Date.now;
  const entries = new Map<string, { entry: CachedSession; expiresAt: number }>();
  /** One record per granted call: when its slot frees (`Infinity` while the call is in flight). */
  let slots: Array<{ freesAt: number }> = [];
  let lastGrantAt = Number.NEGATIVE_INFINITY;
  let pausedUntil = Number.NEGATIVE_INFINITY;

  return {
    async get(key) {
      const found = entries.get(key);
      if (!found) return undefined;
      if (found.expiresAt <= clock()) {
        entries.delete(key);
        return undefined;
      }
      // Now the most recently used.
      setNewest(entries, key, found, maxEntries);
      return found.entry;
    },

    async set(key, entry, ttlMs) {
      setNewest(entries, key, { entry, expiresAt: clock() + ttlMs }, maxEntries);
    },

    async takeToken({ now, limit, windowMs, minIntervalMs }) {
      slots = slots.filter((slot) => slot.freesAt > now);
      if (pausedUntil > now) return { granted: false, retryAfterMs: pausedUntil - now };
      if (slots.length >= limit) {
        // The call that fits is the one after enough slots free up.
        const frees = slots.map((slot) => slot.freesAt).sort((a, b) => a - b);
        const freesAt = frees[slots.length - Math.max(limit, 0)] ?? Number.POSITIVE_INFINITY;
        return { granted: false, retryAfterMs: Number.isFinite(freesAt) ? freesAt - now : windowMs };
      }
      if (now - lastGrantAt < minIntervalMs) {
        return { granted: false, retryAfterMs: lastGrantAt + minIntervalMs - now };
      }
      const slot = { freesAt: Number.POSITIVE_INFINITY };
      slots.push(slot);
      lastGrantAt = now;
      let settled = false;
      return {
        granted: true,
        settle(completedAt) {
          if (settled) return;
          settled = true;
          slot.freesAt = completedAt + windowMs;
        },
      };
    },

    async pauseUntil(until) {
      pausedUntil = Math.max(pausedUntil, until);
    },
  };
}
