/**
 * The baseline: what a developer writes without a library to show one session
 * live. Every component polls on its own with `setInterval` + `fetch`, keeps the
 * last JSON in state (a new object every poll), and stops once the session is
 * terminal. It knows nothing of hidden tabs, other viewers, failures or the
 * contract. The benchmark and test/bench compare @trymaven/react with it.
 */
import { useEffect, useState } from "react";
import type { Session } from "@trymaven/core";
import { SessionCard } from "@trymaven/react";

export function useNaiveSession(url: string, intervalMs: number, fetchImpl: typeof fetch): Session | undefined {
  const [session, setSession] = useState<Session>();
  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      const response = await fetchImpl(url);
      const next = (await response.json()) as Session;
      if (stopped) return;
      setSession(next);
      if (next.is_terminal) stop();
    };
    const timer = setInterval(() => void poll(), intervalMs);
    const stop = () => {
      stopped = true;
      clearInterval(timer);
    };
    void poll();
    return stop;
  }, [url, intervalMs, fetchImpl]);
  return session;
}

/** The same presentational card as @trymaven/react's, fed by the naive hook. */
export function NaiveSessionCard(props: { url: string; intervalMs: number; fetch: typeof fetch }) {
  const session = useNaiveSession(props.url, props.intervalMs, props.fetch);
  return session ? <SessionCard session={session} /> : <p>Loading…</p>;
}
