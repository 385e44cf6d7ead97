/**
 * What every `SessionStore` must do, as tests. They run against `createMemorySessionStore()`, the
 * reference, and against the Redis store, so the two are proven to answer alike.
 *
 * Time is a fake clock the test moves: the store's `now` option and every `TokenRequest.now` read it.
 * Entry expiry (`set`'s `ttlMs`) is the one place a store may use real time (Redis's own), so that test
 * moves the fake clock and waits for real as well.
 */
import type { CachedSession, SessionStore, TokenGrant, TokenRequest } from "@trymaven/core/server";
import { DEFAULT_SESSION_ID as SESSION_ID, makeSession, type SessionOverrides } from "@trymaven/mock";
import { beforeEach, describe, expect, it } from "vitest";

export const START = Date.parse("2026-11-26T10:00:00Z");
const WINDOW_MS = 60_000;

/** Makes a fresh, empty store reading the given clock. */
export type MakeStore = (now: () => number) => SessionStore | Promise<SessionStore>;

/** A cached copy as the handler stores it (here, redacting `caller`). */
export function cachedSession(overrides: SessionOverrides = {}): CachedSession {
  return { session: makeSession({ caller: "", ...overrides }), redacted: ["caller"], fetchedAt: START };
}

/** The answer to a token request, as a plain value to compare: `"granted"` or the retryAfterMs. */
export function answer(grant: TokenGrant): "granted" | number {
  return grant.granted ? "granted" : grant.retryAfterMs;
}

/** Takes a token at `START + at`, one window of 60 s, no spacing, unless told otherwise. */
export function take(store: SessionStore, at: number, request: Partial<TokenRequest> = {}): Promise<TokenGrant> {
  return store.takeToken({ now: START + at, limit: 20, windowMs: WINDOW_MS, minIntervalMs: 0, ...request });
}

/** The grant, which must be one (to settle later). */
export async function granted(grant: Promise<TokenGrant>) {
  const answered = await grant;
  if (!answered.granted) throw new Error(`expected a grant, got retryAfterMs ${answered.retryAfterMs}`);
  return answered;
}

export function testSessionStoreContract(name: string, makeStore: MakeStore): void {
  describe(`${name}: the SessionStore contract`, () => {
    let clock = START;
    let store: SessionStore;
    beforeEach(async () => {
      clock = START;
      store = await makeStore(() => clock);
    });

    it("returns what was set, and nothing for a key never set", async () => {
      const entry = cachedSession();
      await store.set(`v1abc:${SESSION_ID}`, entry, 60_000);
      expect(await store.get(`v1abc:${SESSION_ID}`)).toEqual(entry);
      expect(await store.get(`v1abc:9b2e7c41-5d3a-4f8e-b6c1-0a9d8e7f6a5b`)).toBeUndefined();
    });

    it("forgets an entry after its ttlMs", async () => {
      await store.set(`v1abc:${SESSION_ID}`, cachedSession(), 30);
      clock += 100;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await store.get(`v1abc:${SESSION_ID}`)).toBeUndefined();
    });

    it("keeps the copies of two views of one session apart", async () => {
      const redacted = cachedSession();
      const whole = { ...cachedSession({ caller: "+14155552671" }), redacted: [] };
      await store.set(`v1abc:${SESSION_ID}`, redacted, 60_000);
      await store.set(`v2def:${SESSION_ID}`, whole, 60_000);
      expect(await store.get(`v1abc:${SESSION_ID}`)).toEqual(redacted);
      expect(await store.get(`v2def:${SESSION_ID}`)).toEqual(whole);
    });

    it("refuses once `limit` calls count, until the earliest frees (completedAt + windowMs)", async () => {
      for (const at of [0, 1_000, 2_000]) await (await granted(take(store, at, { limit: 3 }))).settle(START + at + 500);
      expect(answer(await take(store, 3_000, { limit: 3 }))).toBe(60_500 - 3_000);
      // A smaller limit waits for more slots to free.
      expect(answer(await take(store, 3_000, { limit: 2 }))).toBe(61_500 - 3_000);
      expect(answer(await take(store, 60_499, { limit: 3 }))).toBe(1);
      expect(answer(await take(store, 60_500, { limit: 3 }))).toBe("granted");
    });

    it("counts a granted call until it is settled, however long it takes (within a window)", async () => {
      const first = await granted(take(store, 0, { limit: 3 }));
      await granted(take(store, 0, { limit: 3 }));
      await granted(take(store, 0, { limit: 3 }));
      await first.settle(START + 1_000);
      // Three slots: one frees at 61 s, two are in flight.
      expect(answer(await take(store, 2_000, { limit: 3 }))).toBe(61_000 - 2_000);
      // The blocking slot is in flight: when it frees is unknown, so a window is the answer.
      expect(answer(await take(store, 2_000, { limit: 2 }))).toBe(WINDOW_MS);
      expect(answer(await take(store, 61_000, { limit: 2 }))).toBe(WINDOW_MS);
      expect(answer(await take(store, 61_000, { limit: 3 }))).toBe("granted");
    });

    it("settles once: a second settle changes nothing", async () => {
      const grant = await granted(take(store, 0, { limit: 1 }));
      await grant.settle(START + 1_000);
      await grant.settle(START + 30_000);
      expect(answer(await take(store, 60_999, { limit: 1 }))).toBe(1);
      expect(answer(await take(store, 61_000, { limit: 1 }))).toBe("granted");
    });

    it("spaces grants by minIntervalMs, counting from the last grant", async () => {
      await granted(take(store, 0, { minIntervalMs: 4_000 }));
      expect(answer(await take(store, 3_000, { minIntervalMs: 4_000 }))).toBe(1_000);
      // A refusal is not a grant: the interval still counts from 0.
      expect(answer(await take(store, 3_500, { minIntervalMs: 4_000 }))).toBe(500);
      expect(answer(await take(store, 3_500, { minIntervalMs: 0 }))).toBe("granted");
      expect(answer(await take(store, 7_000, { minIntervalMs: 4_000 }))).toBe(500);
      expect(answer(await take(store, 7_500, { minIntervalMs: 4_000 }))).toBe("granted");
    });

    it("grants nothing while paused, and a pause only moves forward", async () => {
      await store.pauseUntil(START + 5_000);
      await store.pauseUntil(START + 1_000);
      expect(answer(await take(store, 0))).toBe(5_000);
      expect(answer(await take(store, 4_000))).toBe(1_000);
      await store.pauseUntil(START + 8_000);
      expect(answer(await take(store, 5_000))).toBe(3_000);
      expect(answer(await take(store, 8_000))).toBe("granted");
    });

    it("answers a pause before a full window, and a full window before spacing", async () => {
      await granted(take(store, 0, { limit: 1 }));
      await store.pauseUntil(START + 2_000);
      expect(answer(await take(store, 1_000, { limit: 1, minIntervalMs: 50_000 }))).toBe(1_000);
      expect(answer(await take(store, 2_000, { limit: 1, minIntervalMs: 50_000 }))).toBe(WINDOW_MS);
      expect(answer(await take(store, 2_000, { limit: 2, minIntervalMs: 50_000 }))).toBe(48_000);
    });
  });
}
