"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { SESSION_COOKIE, createSessionToken } from "@/lib/auth";
import { findUser } from "@/lib/demo-data";

/** Signs in as one of the demo users (no password: this is a demo of authorization, not of authentication). */
export async function signIn(formData: FormData): Promise<void> {
  const user = findUser(String(formData.get("user") ?? ""));
  if (!user) redirect("/sign-in?error=unknown-user");
  const token = createSessionToken(user.id);
  const proto = (await headers()).get("x-forwarded-proto") ?? "http";
  (await cookies()).set(SESSION_COOKIE, token.value, {
    httpOnly: true,
    sameSite: "lax",
    secure: proto === "https",
    path: "/",
    maxAge: token.maxAge,
  });
  redirect(safeReturnPath(formData.get("next")));
}

export async function signOut(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
  redirect("/sign-in");
}

/** Only same-site paths: `?next=https://evil.example` or `//evil.example` must not become a redirect. */
function safeReturnPath(value: FormDataEntryValue | null): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) {
    return "/";
  }
  return value;
}
