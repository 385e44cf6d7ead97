import "@trymaven/react/styles.css";
import "./globals.css";
import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { currentUser } from "@/lib/auth";
import { signOut } from "./actions";
import { Providers } from "./providers";

export const metadata: Metadata = {
  title: "Maven sessions · Next.js example",
  description: "A live Maven payment session whose API key never leaves the server.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <strong>
            <Link href="/">Phone payments</Link>
          </strong>
          {user ? (
            <span>
              <span data-testid="signed-in-user">
                {user.name} · {user.project.name}
              </span>{" "}
              <form action={signOut}>
                <button type="submit">Sign out</button>
              </form>
            </span>
          ) : (
            <Link href="/sign-in">Sign in</Link>
          )}
        </header>
        <Providers>
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
