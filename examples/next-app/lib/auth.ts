import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { findUser, type DemoUser } from "./demo-data";

/**
 * A deliberately small sign-in: the cookie holds `<user id>.<issued at>.<expiry>`
 * (milliseconds since the epoch) and an HMAC of all three, signed with a server
 * secret, so the browser cannot forge or edit it. A real app would use its own
 * auth (Auth.js, Clerk, a session table); what matters for the proxy is that
 * `authorize` gets a user it can trust from the request.
 */
export const SESSION_COOKIE = "demo_session";
const SESSION_TTL_SECONDS = 8 * 60 * 60;

/**
 * `DEMO_AUTH_SECRET` from the environment, else a random secret for the life
 * of this server process (signing in again after a restart is the only cost).
 * Kept on globalThis so every route bundle in the process shares it.
 */
function secret(): Buffer {
  const fromEnv = process.env.DEMO_AUTH_SECRET;
  if (fromEnv && fromEnv.length >= 32) return Buffer.from(fromEnv, "utf8");
  if (fromEnv) throw new Error("DEMO_AUTH_SECRET must be at least 32 characters long.");
  const slot = Symbol.for("next-app-example.demo-auth-secret");
  const holder = globalThis as { [slot]?: Buffer };
  holder[slot] ??= randomBytes(32);
  return holder[slot];
}

function sign(payload: string): string {
  return createHmac("sha256", secret()).update(payload).digest("base64url");
}

/**
 * When each user last signed out, in ms. A token issued at or before that is
 * refused, so signing out ends every copy of the cookie, not only the browser's.
 * Per server process, like the random secret (and kept on globalThis the same
 * way): a real app keeps its sessions in its own store and deletes them there.
 */
function signedOutAt(): Map<string, number> {
  const slot = Symbol.for("next-app-example.demo-auth-signed-out-at");
  const holder = globalThis as { [slot]?: Map<string, number> };
  holder[slot] ??= new Map();
  return holder[slot];
}

/** Ends every session of a user issued until now: call it on sign-out. */
export function recordSignOut(userId: string, now = Date.now()): void {
  signedOutAt().set(userId, Math.max(now, signedOutAt().get(userId) ?? 0));
}

/** The cookie value for a user, valid for eight hours. */
export function createSessionToken(userId: string, now = Date.now()): { value: string; maxAge: number } {
  // Strictly after the last sign-out, even when signing in again within the same millisecond.
  const issued = Math.max(now, (signedOutAt().get(userId) ?? -1) + 1);
  const expires = issued + SESSION_TTL_SECONDS * 1000;
  const payload = `${userId}.${issued}.${expires}`;
  return { value: `${payload}.${sign(payload)}`, maxAge: SESSION_TTL_SECONDS };
}

/**
 * The user a cookie value names, when its signature checks out, it has not
 * expired and the user has not signed out since it was issued; otherwise null.
 */
export function verifySessionToken(token: string | undefined, now = Date.now()): DemoUser | null {
  if (!token) return null;
  const parts = token.split(".");
  if (parts.length !== 4) return null;
  const [userId, issued, expires, signature] = parts as [string, string, string, string];
  const expected = Buffer.from(sign(`${userId}.${issued}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!/^\d+$/.test(issued) || !/^\d+$/.test(expires) || Number(expires) <= now) return null;
  const signedOut = signedOutAt().get(userId);
  if (signedOut !== undefined && Number(issued) <= signedOut) return null;
  return findUser(userId) ?? null;
}

/**
 * The signed-in user of the current request, for Server Components, Server
 * Actions and route handlers alike: one cookie reader for the whole app.
 */
export async function currentUser(): Promise<DemoUser | null> {
  const jar = await cookies();
  return verifySessionToken(jar.get(SESSION_COOKIE)?.value);
}
