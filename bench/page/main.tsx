/**
 * The page Chromium loads for the mount benchmark: mounts N cards into a fresh
 * root in one synchronous render (`flushSync`) and reports how long it took,
 * for @trymaven/react's presentational `SessionCard` and for the same markup
 * written by hand. Production build; the driver (bench/src/mount.ts) passes the
 * sessions in and repeats the runs.
 */
import { flushSync } from "react-dom";
import { createRoot } from "react-dom/client";
import type { Session } from "@trymaven/core";
import { SessionCard } from "@trymaven/react";
import "@trymaven/react/styles.css";
import { HandSessionCard } from "./hand-card.js";

export type MountKind = "maven" | "hand";

function mount(kind: MountKind, sessions: Session[]): { ms: number; elements: number } {
  const container = document.createElement("div");
  document.body.append(container);
  const root = createRoot(container);
  const started = performance.now();
  flushSync(() =>
    root.render(
      sessions.map((session, i) =>
        kind === "maven" ? (
          <SessionCard key={i} session={session} locale="en-US" timeZone="UTC" />
        ) : (
          <HandSessionCard key={i} session={session} />
        ),
      ),
    ),
  );
  const ms = performance.now() - started;
  const elements = container.querySelectorAll("*").length;
  root.unmount();
  container.remove();
  return { ms, elements };
}

(window as unknown as { mavenBench: { mount: typeof mount } }).mavenBench = { mount };
