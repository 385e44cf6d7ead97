"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE, createSessionToken, currentUser, recordSignOut } from "@/lib/auth";
import { findUser } from "@/lib/demo-data";

/** Signs in as one of the demo users (no password: this is a demo of authorization, not of authentication). */
export async function signIn(formData: FormData): Promise<void> {
  const user = findUser(String(formData.get("user") ?? ""));
  if (!user) redirect("/sign-in?error=unknown-user");
  const token = createSessionToken(user.id);
  (await cookies()).set(SESSION_COOKIE, token.value, {
    httpOnly: true,
    sameSite: "lax",
    secure: (await clientScheme()) === "https",
    path: "/",
    maxAge: token.maxAge,
  });
  redirect(safeReturnPath(formData.get("next")));
}

/** Ends the session on the server too (see `recordSignOut`), so a copy of the cookie stops working as well. */
export async function signOut(): Promise<void> {
  const user = await currentUser();
  if (user) recordSignOut(user.id);
  (await cookies()).delete(SESSION_COOKIE);
  redirect("/sign-in");
}

/**
 * The scheme the client used. Behind chained proxies `x-forwarded-proto` is a
 * list (`https, http`) whose first value is the client-facing one, in any case.
 */
async function clientScheme(): Promise<string> {
  const proto = (await headers()).get("x-forwarded-proto") ?? "http";
  return (proto.split(",")[0] ?? "").trim().toLowerCase();
}

/**
 * Only a path on this site. The check is made on the URL as a browser will read
 * it, not on the raw text: browsers drop tabs and newlines, read `\` as `/` and
 * resolve `..`, so `/\t/evil.example` and `/a/../..//evil.example` both start
 * with a single `/` yet lead to another site. What is returned is the parsed,
 * normalised path, never the text as given.
 */
function safeReturnPath(value: FormDataEntryValue | null): string {
  if (typeof value !== "string" || !value.startsWith("/")) return "/";
  const here = new URL("http://this-app.invalid");
  let url: URL;
  try {
    url = new URL(value, here);
  } catch {
    return "/";
  }
  if (url.origin !== here.origin) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // `//host` after `..` was resolved: a path to us, a scheme-relative URL to the browser.
  return path.startsWith("//") ? "/" : path;
}
