/**
 * Small pieces shared by the components. Internal: nothing here is exported from the package.
 */
import { revealInvisible, STATUS_TONES } from "@trymaven/core";
import { useEffect, useRef, useState, type Key, type ReactNode } from "react";
import type { SessionCardLabels } from "./labels.js";

/** A component's own classes, then the `className` it was given, if any. */
export function cx(own: string, className: string | undefined): string {
  return className ? `${own} ${className}` : own;
}

// 16×16 stroke icons. Each tone has its own shape, so status never depends on colour alone.
const ICONS = {
  success: "M4.5 8.5l2.5 2.5 4.5-5",
  danger: "M5.5 5.5l5 5m0-5l-5 5",
  warning: "M8 4.5v4.5m0 2.2v.3",
  progress: "M8 5v3.2l2 1.3",
  neutral: "M5 8h6",
  // The copy button's icons, named by its state (`idle`: nothing copied yet), so its state names its icon (bytes).
  idle: "M5.5 5.5v-3h8v8h-3M2.5 5.5h8v8h-8z",
  copied: "M3 8.5l3 3 7-7",
  external: "M9 2.5h4.5V7M13.5 2.5L7.5 8.5M6 4H2.5v9.5H12V10",
} as const;

/**
 * A decorative icon (`aria-hidden`); tone icons sit in a circle. A function, as `code` is.
 *
 * The components write `aria-hidden` bare: React renders `true` as `aria-hidden="true"`, and the boolean is
 * shorter minified than the string.
 */
export function icon(name: keyof typeof ICONS) {
  return (
    <svg
      className="mvn-icon"
      viewBox="0 0 16 16"
      width="1em"
      height="1em"
      aria-hidden
      fill="none"
      stroke="currentColor"
      strokeWidth="1.6"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      {(STATUS_TONES as readonly string[]).includes(name) && <circle cx="8" cy="8" r="6.5" />}
      <path d={ICONS[name]} />
    </svg>
  );
}

/**
 * One `dt`/`dd` pair, wrapped in a `div` (valid inside `dl`) so the grid can lay pairs out. A function, as
 * `code` is; `key` for a pair in a list.
 */
export function field(label: string, value: ReactNode, key?: Key) {
  return (
    <div key={key} className="mvn-field">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/**
 * An identifier: monospace, isolated from the surrounding text direction, and with core's
 * `revealInvisible` showing each invisible character as "�", so `acme\u202Etxt.exe` cannot pass for
 * `acmeexe.txt`. Display only: copy buttons copy the value as sent.
 *
 * Like `field` and `icon`, a function that returns the element rather than a component: it has no state,
 * and at each of its many call sites a component would add a props object and an element of its own
 * (bytes in every bundle, work in every render).
 */
export function code(value: string) {
  return <bdi className="mvn-code">{revealInvisible(value)}</bdi>;
}

/**
 * What the last copy did, for the one live region of the component that owns the buttons: the copied key and
 * whether it worked. A tuple: minified, read by position rather than by name (bytes).
 */
export type CopyState = [key: string, ok: boolean];

/** `useCopy`'s state and its copy function, handed as one to `copyButton` and `copyStatus`. */
export type Copier = [state: CopyState | null, copy: (key: string, text: string, button: HTMLElement) => void];

/**
 * Copy-to-clipboard with feedback that resets after 3 s. Tries the async Clipboard API,
 * then the legacy `execCommand("copy")`; when both fail (insecure context, permission denied),
 * the value's text is selected so the person can copy it with the keyboard.
 */
export function useCopy(): Copier {
  const [state, setState] = useState<CopyState | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  // A new function each render, not `useCallback`: nothing depends on its identity (it is called from the
  // buttons' own handlers), and the hook would cost bytes.
  const copy = (key: string, text: string, button: HTMLElement) => {
    const done = (ok: boolean) => {
      if (!ok) {
        const value = button.parentElement?.querySelector(".mvn-code");
        if (value) getSelection()?.selectAllChildren(value);
      }
      setState([key, ok]);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setState(null), 3000);
    };
    const clipboard = globalThis.navigator?.clipboard;
    if (clipboard?.writeText) {
      clipboard.writeText(text).then(
        () => done(true),
        () => done(legacyCopy(text)),
      );
    } else done(legacyCopy(text));
  };
  return [state, copy];
}

function legacyCopy(text: string): boolean {
  // `select()` moves focus to the textarea, and removing it would drop focus to <body>: it goes back after.
  const focused = document.activeElement as HTMLElement | null;
  const area = document.createElement("textarea");
  area.value = text;
  area.readOnly = true;
  area.style.cssText = "position:fixed;opacity:0";
  document.body.append(area);
  area.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
    focused?.focus();
  }
}

/**
 * A real button that copies `value`; `label` names what is copied ("Copy Session ID"), and is its tooltip too:
 * the button shows only an icon. A function, as `code` is.
 */
export function copyButton([state, copy]: Copier, id: string, value: string, label: string) {
  // What this button's last copy did, shown on it: the message saying so is in the component's one region,
  // which may be far from the button.
  const result = state?.[0] === id ? (state[1] ? "copied" : "failed") : "idle";
  return (
    <button
      type="button"
      className="mvn-button mvn-copy"
      data-state={result}
      title={label}
      onClick={(event) => copy(id, value, event.currentTarget)}
    >
      {icon(result === "failed" ? "warning" : result)}
      <span className="mvn-sr-only">{label}</span>
    </button>
  );
}

/**
 * A polite live region only screen readers hear (status changes, what became of a pressed Retry). Render it
 * before it has anything to say: text added to a region already there is read out. A function, as `code` is.
 */
export function spoken(text: string | undefined) {
  return (
    <span role="status" className="mvn-sr-only">
      {text}
    </span>
  );
}

/** The polite live region that announces copy results. Always rendered, so the first message is heard. */
export function copyStatus([state]: Copier, labels: SessionCardLabels) {
  return (
    <span role="status" className={state && !state[1] ? "mvn-muted" : "mvn-sr-only"}>
      {state ? (state[1] ? labels.copied : labels.copyFailed) : ""}
    </span>
  );
}
