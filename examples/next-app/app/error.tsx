"use client";

import Link from "next/link";

/**
 * What a page shows when it fails on the server (Maven misconfigured, a bug),
 * inside the app's own layout instead of Next's bare error screen. In
 * production Next passes no message from a Server Component, only a digest
 * that matches the server's log line, so nothing internal reaches the browser.
 */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === "object" && error !== null && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : undefined;
  return (
    <section role="alert" data-testid="error-page">
      <h1>This page could not be shown</h1>
      <p className="muted">
        The server could not load it. Try again in a moment; if it keeps failing, tell whoever runs this app
        {digest ? (
          <>
            {" "}
            and quote reference <code>{digest}</code>
          </>
        ) : null}
        .
      </p>
      <p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>{" "}
        <Link href="/">All sessions</Link>
      </p>
    </section>
  );
}
