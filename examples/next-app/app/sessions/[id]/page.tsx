import { HydrationBoundary, QueryClient, dehydrate } from "@tanstack/react-query";
import { isSessionId } from "@trymaven/core";
import { SessionCard } from "@trymaven/react";
import { sessionQueryOptions } from "@trymaven/react/query-options";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { canViewSession, findSessionRecord } from "@/lib/demo-data";
import { requireMavenKey } from "@/lib/maven";
import { sessionProxy } from "@/lib/session-proxy";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Payment session · Maven sessions" };

type Props = { params: Promise<{ id: string }> };

export default async function SessionPage({ params }: Props) {
  const { id } = await params;
  const user = await currentUser();
  if (!user) redirect(`/sign-in?next=${encodeURIComponent(`/sessions/${id}`)}`);
  // Another project's session looks exactly like one that does not exist.
  if (!isSessionId(id) || !canViewSession(user, id)) notFound();
  const record = findSessionRecord(id);

  // Fetch once on the server, through the proxy's own client (its cache, budget
  // and redaction; access was checked above), so the card renders with data in
  // the first HTML; the browser then keeps polling through /api/maven. A failed
  // prefetch is not dehydrated: the card shows its loading state and fetches itself.
  // At most 3 s: a slow Maven must not hold the page up (the proxy's call goes on and
  // fills its cache for the browser's first request).
  requireMavenKey();
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(sessionQueryOptions(sessionProxy.client, id, { timeoutMs: 3_000 }));

  return (
    <>
      <p>
        <Link href="/">← All sessions</Link>
      </p>
      <h1>{record?.label}</h1>
      <HydrationBoundary state={dehydrate(queryClient)}>
        {/* Locale and zone fixed, so the server's HTML and the browser's first render agree. */}
        <SessionCard sessionId={id} locale="en-US" timeZone={user.project.timeZone} headingLevel={2} />
      </HydrationBoundary>
    </>
  );
}
