import type { ReactNode } from "react";
import { parseTimestamp, type Session } from "@trymaven/core";
import type { SessionPollingOptions } from "@trymaven/react";

/**
 * "Now" for every story that renders a fixed session, so relative times
 * ("2 hours ago") read the same in every screenshot and test run. Every
 * fixture is from 2026-11-24, before this.
 */
export const STORY_NOW = Date.parse("2026-11-24T22:00:00Z");

/**
 * "Now" a minute after the session's last update, so its relative times read
 * as they would to someone watching it ("1 minute ago", "in 13 minutes").
 */
export function justAfter(session: Session): number {
  return (parseTimestamp(session.updated_at)?.getTime() ?? STORY_NOW) + 60_000;
}

/** The args of a presentational card: the session, seen a minute after its last update. */
export function show(session: Session): { session: Session; now: number } {
  return { session, now: justAfter(session) };
}

/**
 * Polling for the error and loading stories: the same rules as the default
 * (`retry` 2, transient failures only, backoff doubling from the interval) on a
 * faster clock, so an error shows in about a second instead of nine.
 */
export const FAST_POLLING: SessionPollingOptions = { intervalMs: 250, maxIntervalMs: 2_000 };

/** A labelled cell of an "all states" grid. */
export function Cell({ label, children }: { label: string; children: ReactNode }) {
  return (
    <figure className="sb-cell">
      <figcaption className="sb-cell__label">{label}</figcaption>
      {children}
    </figure>
  );
}

/** A titled grid of cells. */
export function Section({ title, narrow = false, children }: { title: string; narrow?: boolean; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <h2 className="sb-section-title">{title}</h2>
      <div className={narrow ? "sb-grid sb-grid--narrow" : "sb-grid"}>{children}</div>
    </section>
  );
}
