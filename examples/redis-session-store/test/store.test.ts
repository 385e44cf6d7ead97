import { createMemorySessionStore, DEFAULT_UPSTREAM_TIMEOUT_MS } from "@trymaven/core/server";
import { describe, expect, it } from "vitest";
import { createRedisSessionStore } from "../src/index.ts";
import { DEFAULT_SESSION_ID } from "@trymaven/mock";
import { answer, cachedSession, granted, START, take, testSessionStoreContract } from "./store-contract.ts";
import { redisServerForThisFile, type Redis } from "./redis-server.ts";

const redisServer = redisServerForThisFile();
/** One prefix per store: every test starts on an empty budget in the one server. */
let stores = 0;
const freshPrefix = () => `test${++stores}`;
const KEY = `v1abc:${DEFAULT_SESSION_ID}`;

testSessionStoreContract("createMemorySessionStore", (now) => createMemorySessionStore({ now }));
testSessionStoreContract("createRedisSessionStore", async (now) =>
  createRedisSessionStore({ redis: await redisServer.connect(), prefix: freshPrefix(), now }),
);

/**
 * The TTLs Redis holds for `keys`: each the `setMs` it was given, counted down in real time since then. Read
 * against the real time gone by since `since` (before the keys were set), so however slow the machine is.
 */
async function expectTtls(redis: Redis, keys: string[], setMs: number[], since: number): Promise<void> {
  const ttls = await Promise.all(keys.map((key) => redis.pTTL(key)));
  // Plus a millisecond for each clock's rounding (Redis's and this process's).
  const gone = Math.ceil(performance.now() - since) + 2;
  ttls.forEach((ttl, index) => {
    expect(ttl, keys[index]).toBeLessThanOrEqual(setMs[index]!);
    expect(ttl, keys[index]).toBeGreaterThanOrEqual(setMs[index]! - gone);
  });
}

describe("createRedisSessionStore in Redis", () => {
  it("writes JSON under prefix:entry:key with the ttl, and gives every budget key an expiry", async () => {
    const redis = await redisServer.connect();
    const prefix = freshPrefix();
    const store = createRedisSessionStore({ redis, prefix, now: () => START });
    const since = performance.now();
    await store.set(KEY, cachedSession(), 300_000);
    const key = `${prefix}:entry:${KEY}`;
    expect(JSON.parse((await redis.get(key))!)).toEqual(cachedSession());
    await expectTtls(redis, [key], [300_000], since);

    const grant = await granted(take(store, 0, { minIntervalMs: 4_000 }));
    await store.pauseUntil(START + 5_000);
    const budgetKeys = ["slots", "in-flight", "last-grant", "paused-until"].map((name) => `${prefix}:{budget}:${name}`);
    // Slots and in-flight last a window plus the upstream timeout, last-grant a window, the pause its length.
    const windowMs = 60_000;
    await expectTtls(
      redis,
      budgetKeys,
      [windowMs + DEFAULT_UPSTREAM_TIMEOUT_MS, windowMs + DEFAULT_UPSTREAM_TIMEOUT_MS, windowMs, 5_000],
      since,
    );
    await grant.settle(START + 500);
    expect(await redis.exists(`${prefix}:{budget}:in-flight`)).toBe(0);
    const slots = await redis.zRangeWithScores(`${prefix}:{budget}:slots`, 0, -1);
    expect(slots.map((slot) => slot.score)).toEqual([START + 60_500]);
  });

  it("frees a slot never settled (its process died) upstreamTimeoutMs + windowMs after its grant", async () => {
    const store = createRedisSessionStore({ redis: await redisServer.connect(), prefix: freshPrefix() });
    const grant = await granted(take(store, 0, { limit: 1 }));
    const freesAt = DEFAULT_UPSTREAM_TIMEOUT_MS + 60_000;
    expect(answer(await take(store, freesAt - 1, { limit: 1 }))).toBe(60_000);
    expect(answer(await take(store, freesAt, { limit: 1 }))).toBe("granted");
    // A settle that comes after all that changes nothing: the slot is gone.
    await grant.settle(START + freesAt);
    expect(answer(await take(store, freesAt + 1, { limit: 2 }))).toBe("granted");
  });

  it("lets each instance hold a slot for its own upstreamTimeoutMs", async () => {
    const store = createRedisSessionStore({
      redis: await redisServer.connect(),
      prefix: freshPrefix(),
      upstreamTimeoutMs: 1_000,
    });
    await take(store, 0, { limit: 1 });
    expect(answer(await take(store, 60_999, { limit: 1 }))).toBe(60_000);
    expect(answer(await take(store, 61_000, { limit: 1 }))).toBe("granted");
  });

  it("connects a client it is given unconnected, on first use", async () => {
    const redis = redisServer.client();
    const store = createRedisSessionStore({ redis, prefix: freshPrefix() });
    expect(redis.isOpen).toBe(false);
    await store.set(KEY, cachedSession(), 60_000);
    expect(await store.get(KEY)).toEqual(cachedSession());
    expect(redis.isReady).toBe(true);
  });

  it("keeps budgets with different prefixes apart", async () => {
    const redis = await redisServer.connect();
    const first = createRedisSessionStore({ redis, prefix: freshPrefix() });
    const second = createRedisSessionStore({ redis, prefix: freshPrefix() });
    expect(answer(await take(first, 0, { limit: 1 }))).toBe("granted");
    expect(answer(await take(first, 0, { limit: 1 }))).toBe(60_000);
    expect(answer(await take(second, 0, { limit: 1 }))).toBe("granted");
  });

  it("grants exactly `limit` tokens to two instances racing for them", async () => {
    const prefix = freshPrefix();
    const instances = [
      createRedisSessionStore({ redis: await redisServer.connect(), prefix }),
      createRedisSessionStore({ redis: await redisServer.connect(), prefix }),
    ];
    const grants = await Promise.all(Array.from({ length: 50 }, (_, i) => take(instances[i % 2]!, 0, { limit: 20 })));
    const won = grants.filter((grant) => grant.granted);
    expect(won).toHaveLength(20);
    expect(grants.filter((grant) => !grant.granted).map(answer)).toEqual(Array(30).fill(60_000));

    // Every grant settled twice at once: each slot counts once, from its first settle.
    await Promise.all(won.flatMap((grant, i) => [grant.settle(START + i), grant.settle(START + 30_000)]));
    const after = await Promise.all(
      Array.from({ length: 50 }, (_, i) => take(instances[i % 2]!, 60_009, { limit: 20 })),
    );
    expect(after.filter((grant) => grant.granted)).toHaveLength(10);
  });
});
