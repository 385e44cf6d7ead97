/**
 * A `SessionStore` over Redis, so every instance of your server shares one cache and one budget of
 * upstream calls (Maven allows 20 requests per minute per endpoint per IP, whichever instance sends them).
 *
 * It does what `createMemorySessionStore()` does, in Redis: the same tests run against both. Times are the
 * handler's (`now` and `completedAt` come from its clock), not Redis's, so keep your instances' clocks in
 * sync (NTP); Redis's clock only expires keys.
 */
import {
  DEFAULT_UPSTREAM_TIMEOUT_MS,
  type CachedSession,
  type SessionStore,
  type TokenGrant,
  type TokenRequest,
} from "@trymaven/core/server";
import type { createClient } from "redis";

/** What the store uses of a node-redis client (`createClient()`): three commands, and connecting it. */
export type RedisClient = Pick<ReturnType<typeof createClient>, "get" | "set" | "eval"> & {
  readonly isOpen: boolean;
  connect(): Promise<unknown>;
};

export interface RedisSessionStoreOptions {
  /**
   * A node-redis client, `createClient({ url })`, connected or not: the store connects it on first use, so
   * importing your route (as `next build` does) opens no connection. Listen to its `error` event.
   */
  redis: RedisClient;
  /**
   * Put before every key, so several apps (or a staging and a production) can share one Redis.
   * Handlers whose stores have the same prefix share one budget: give each Maven key or egress IP its own.
   * @default "maven"
   */
  prefix?: string;
  /**
   * The handler's `timeoutMs`: no upstream call lasts longer. A slot whose `settle` never comes (its
   * process died mid-call) is counted as a call that completed this long after its grant, the latest it
   * could have, so it frees `upstreamTimeoutMs + windowMs` after the grant.
   * @default 8000
   */
  upstreamTimeoutMs?: number;
  /**
   * The handler's clock (pass the same `now` you give `createSessionHandler`). Used only to give the pause
   * key its expiry: `pauseUntil(until)` is told when, not for how long.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * Checks the budget and, when a call fits, records it: one script, so two instances can never both take
 * the last slot. The same rules as the in-memory store:
 * - `slots` (a sorted set) holds one member per granted call, scored by when it frees: `+inf` while the
 *   call is in flight, `completedAt + windowMs` once settled.
 * - `in-flight` (a sorted set) holds the calls not settled yet, scored by when they free at the latest
 *   (grant + upstreamTimeoutMs + windowMs); past that, the slot is dropped as if settled at the timeout.
 * - `last-grant` and `paused-until` are plain numbers (epoch ms).
 * Every key is given an expiry no shorter than the slots it holds, so an idle budget leaves nothing behind.
 *
 * Returns `{1}` for a grant, or `{0, retryAfterMs}` (a string: Redis would cut a Lua number to an integer).
 */
const TAKE_TOKEN = `
local slots, inFlight, lastGrantKey, pausedKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now, limit, windowMs, minIntervalMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local slotId, latestFreesAt, slotTtlMs, lastGrantTtlMs = ARGV[5], ARGV[6], ARGV[7], ARGV[8]

-- Forget freed slots: settled ones whose time is up, and in-flight ones past their bound.
redis.call('ZREMRANGEBYSCORE', slots, '-inf', now)
for _, id in ipairs(redis.call('ZRANGEBYSCORE', inFlight, '-inf', now)) do redis.call('ZREM', slots, id) end
redis.call('ZREMRANGEBYSCORE', inFlight, '-inf', now)

local pausedUntil = tonumber(redis.call('GET', pausedKey))
if pausedUntil and pausedUntil > now then return {0, tostring(pausedUntil - now)} end

local count = redis.call('ZCARD', slots)
if count >= limit then
  -- The call that fits is the one after enough slots free up; unknown while those calls are in flight.
  local index = count - math.max(limit, 0)
  local freesAt = tonumber(redis.call('ZRANGE', slots, index, index, 'WITHSCORES')[2] or 'inf')
  if freesAt == math.huge then return {0, tostring(windowMs)} end
  return {0, tostring(freesAt - now)}
end

local lastGrantAt = tonumber(redis.call('GET', lastGrantKey))
if lastGrantAt and now - lastGrantAt < minIntervalMs then
  return {0, tostring(lastGrantAt + minIntervalMs - now)}
end

redis.call('ZADD', slots, '+inf', slotId)
redis.call('ZADD', inFlight, latestFreesAt, slotId)
redis.call('SET', lastGrantKey, ARGV[1], 'PX', lastGrantTtlMs)
for _, key in ipairs({slots, inFlight}) do
  if redis.call('PTTL', key) < tonumber(slotTtlMs) then redis.call('PEXPIRE', key, slotTtlMs) end
end
return {1}
`;

/**
 * Settles a slot: from in flight to free at `completedAt + windowMs`. Only the first call counts (a slot
 * no longer in `in-flight` was settled already, or dropped past its bound). Returns 1 if it counted.
 */
const SETTLE = `
local slots, inFlight = KEYS[1], KEYS[2]
local slotId, freesAt, slotTtlMs = ARGV[1], ARGV[2], ARGV[3]
if redis.call('ZREM', inFlight, slotId) == 0 then return 0 end
redis.call('ZADD', slots, freesAt, slotId)
if redis.call('PTTL', slots) < tonumber(slotTtlMs) then redis.call('PEXPIRE', slots, slotTtlMs) end
return 1
`;

/** Moves the pause forward, never back. Returns 1 if it moved. */
const PAUSE_UNTIL = `
local current = tonumber(redis.call('GET', KEYS[1]))
if current and current >= tonumber(ARGV[1]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
`;

/**
 * A `SessionStore` in Redis: pass it to every `createSessionHandler` that uses the same Maven key or
 * egress IP, in every instance, and they share one cache and one budget.
 *
 * ```ts
 * const redis = createClient({ url: process.env.REDIS_URL }).on("error", (error) => console.error(error));
 * export const GET = createSessionHandler({ store: createRedisSessionStore({ redis }), authorize });
 * ```
 */
export function createRedisSessionStore(options: RedisSessionStoreOptions): SessionStore {
  const { redis, prefix = "maven", upstreamTimeoutMs = DEFAULT_UPSTREAM_TIMEOUT_MS, now: clock = Date.now } = options;
  if (!Number.isFinite(upstreamTimeoutMs) || upstreamTimeoutMs < 0) {
    throw new TypeError(`upstreamTimeoutMs must be a non-negative number, got ${upstreamTimeoutMs}.`);
  }
  const entryKey = (key: string) => `${prefix}:entry:${key}`;
  // The budget's keys share a hash tag, so on a Redis Cluster they live in one slot, as a script's keys must.
  const budget = {
    slots: `${prefix}:{budget}:slots`,
    inFlight: `${prefix}:{budget}:in-flight`,
    lastGrant: `${prefix}:{budget}:last-grant`,
    pausedUntil: `${prefix}:{budget}:paused-until`,
  };
  /** Expiries are whole milliseconds, at least 1 (Redis refuses 0). */
  const ttl = (ms: number) => Math.max(1, Math.ceil(ms));

  /** The client, connecting it if nobody has (commands sent meanwhile wait in its queue until it is ready). */
  const client = () => {
    if (!redis.isOpen) redis.connect().catch(() => {}); // a failure is reported on the client's `error` event
    return redis;
  };

  return {
    async get(key) {
      const json = await client().get(entryKey(key));
      return json === null ? undefined : (JSON.parse(json) as CachedSession);
    },

    async set(key, entry, ttlMs) {
      await client().set(entryKey(key), JSON.stringify(entry), { expiration: { type: "PX", value: ttl(ttlMs) } });
    },

    async takeToken({ now, limit, windowMs, minIntervalMs }: TokenRequest): Promise<TokenGrant> {
      const slotId = crypto.randomUUID();
      const reply = (await client().eval(TAKE_TOKEN, {
        keys: [budget.slots, budget.inFlight, budget.lastGrant, budget.pausedUntil],
        arguments: [
          String(now),
          String(limit),
          String(windowMs),
          String(minIntervalMs),
          slotId,
          String(now + upstreamTimeoutMs + windowMs),
          String(ttl(upstreamTimeoutMs + windowMs)),
          String(ttl(Math.max(windowMs, minIntervalMs))),
        ],
      })) as [number, string?];
      if (reply[0] !== 1) return { granted: false, retryAfterMs: Number(reply[1]) };
      return {
        granted: true,
        async settle(completedAt) {
          await client().eval(SETTLE, {
            keys: [budget.slots, budget.inFlight],
            arguments: [slotId, String(completedAt + windowMs), String(ttl(windowMs))],
          });
        },
      };
    },

    async pauseUntil(until) {
      const lastsMs = until - clock();
      // A pause that is already over changes nothing.
      if (!(lastsMs > 0)) return;
      await client().eval(PAUSE_UNTIL, {
        keys: [budget.pausedUntil],
        arguments: [String(until), String(ttl(lastsMs))],
      });
    },
  };
}
