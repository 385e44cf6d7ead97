/**
 * The presentational card. Internal: `SessionCard` renders it for `session={...}` and, with the
 * live indicator and a banner, for `sessionId={...}`.
 */
import {
  describeCard,
  describeProcessor,
  describeStatus,
  formatAmount,
  formatDateTime,
  formatExpiry,
  formatPhone,
  formatRelativeTime,
  gatewayName,
  maskPhone,
  parseTimestamp,
  revealInvisible,
  SESSION_FIELDS,
  type Environment,
  type Session,
} from "@trymaven/core";
import {
  memo,
  useEffect,
  useId,
  useMemo,
  useState,
  useSyncExternalStore,
  type ComponentPropsWithoutRef,
  type ReactNode,
  type Ref,
} from "react";
import { announced, claimAnnouncement } from "../internal/alert-claims.js";
import { useLabels, type SessionCardLabelOverrides, type SessionCardLabels } from "./labels.js";
import { code, copyButton, copyStatus, cx, field, icon, spoken, useCopy } from "./parts.js";
import { ProcessorDetails } from "./processor-details.js";
import { SessionStatusBadge } from "./session-status-badge.js";

/** Props shared by both forms of `SessionCard`. */
export interface SessionCardSharedProps extends Omit<ComponentPropsWithoutRef<"article">, "children"> {
  /**
   * BCP 47 locale for the amount and dates, e.g. `"de-DE"`.
   * @default the browser's locale; `"en-US"` on a server and while hydrating, so the two renders match
   */
  locale?: string | undefined;
  /**
   * IANA time zone for absolute dates, e.g. `"Europe/Paris"`.
   * @default the browser's zone; `"UTC"` on a server and while hydrating, so the two renders match
   */
  timeZone?: string | undefined;
  /** Text overrides, merged over {@link defaultLabels}. Keep the object stable (module constant or `useMemo`). */
  labels?: SessionCardLabelOverrides | undefined;
  /**
   * Show the caller's full phone number. By default it is masked to the country code and last four digits.
   * @default false
   */
  showFullCaller?: boolean | undefined;
  /** Level of the card's heading; section headings are one level below. @default 3 */
  headingLevel?: 2 | 3 | 4 | 5 | undefined;
  /** Gateway environment for dashboard links (`"test"` for `mvn_test_` keys); see `ProcessorDetails`. @default undefined (no links) */
  environment?: Environment | undefined;
  /**
   * The moment relative times ("2 minutes ago") are measured from. Pass one value to a whole list
   * to keep it consistent, or to render the same text on server and client.
   * @default the time of rendering, measured again every 15 s (every minute once the session is terminal)
   */
  now?: Date | number | undefined;
}

export interface SessionCardViewProps extends SessionCardSharedProps {
  session: Session;
  /**
   * The connected card's indicator while it polls: "Live"; delayed from a copy 30 s old or more until 90 s pass
   * without another (`asOf` says when the data was fetched); or paused while the browser is offline.
   */
  live?: "live" | "delayed" | "paused" | false | undefined;
  /** With `live: "delayed"`: when the data was fetched, formatted. */
  asOf?: string | null | undefined;
  /**
   * Under the header: the connected card's "couldn't refresh" warning, with the live region it is read out
   * from (rendered while there is no warning too, so the region is in place before the text arrives).
   */
  banner?: ReactNode;
  /** Read out politely: what became of a Retry the person pressed (the connected card). */
  note?: string | undefined;
  /** `SessionCard`'s ref (a prop: an internal component needs no `forwardRef` wrapper). */
  cardRef: Ref<HTMLElement>;
}

/** Module scope: a new `subscribe` each render would make React subscribe again. The snapshots may be new. */
const subscribeToNothing = () => () => {};

/** Trimmed non-empty string, or null: empty fields are omitted, never shown as "null". */
const text = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value : null);

/** The text of a field this version does not know; nothing (null, or undefined for what JSON cannot write) when empty. */
function display(value: unknown): string | null | undefined {
  if (typeof value === "string" || value == null) return text(value);
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function deriveModel(
  session: Session,
  labels: SessionCardLabels,
  locale: string | undefined,
  timeZone: string | undefined,
  now: Date | number | undefined,
  showFullCaller: boolean | undefined,
) {
  /**
   * A timestamp's field: the relative time in `<time>`, with the absolute time as its title and on the line
   * below. Keyed by position: two labels may read the same ("Ended").
   */
  const when = (key: number, label: string, value: unknown) => {
    const iso = text(value);
    // No row: `undefined` renders nothing, as `null` does.
    if (!iso) return undefined;
    const relative = formatRelativeTime(iso, { now, locale });
    const absolute = formatDateTime(iso, { locale, timeZone });
    return field(
      label,
      <>
        {relative ? (
          <time
            dateTime={parseTimestamp(iso)?.toISOString()}
            // No absolute time (null) renders no attribute, as `undefined` does; the type takes only the latter.
            title={absolute as string | undefined}
            lang={locale}
            suppressHydrationWarning
          >
            {relative}
          </time>
        ) : (
          iso
        )}
        {absolute && (
          <span className="mvn-muted mvn-meaning" lang={locale} suppressHydrationWarning>
            {absolute}
          </span>
        )}
      </>,
      key,
    );
  };
  const caller = text(session.caller);
  const callback = text(session.callback);
  const mode = text(session.mode);
  const gateway = text(session.gateway);
  const processor = session.processor;
  const card = describeCard(processor);
  // `Object`: `null` (no failure) and anything that is not an object have no code and no message.
  const error = Object(session.error) as { code?: unknown; message?: unknown };
  const expiry = formatExpiry(session, { now });
  const errorCode = text(error.code);
  const errorMessage = text(error.message);
  // A tuple, not an object: minified, its parts are read by position instead of by name (bytes; see the
  // destructuring in `SessionCardView`, which names them). The rows whose value needs nothing from the view (the
  // times, gateway, error code and message, other fields) are built here as they render, `field` and all: the
  // view places them as they are, with no second test of each value (bytes). `labels` is in the memo's keys.
  return [
    text(session.description) ?? labels.title,
    formatAmount(session.amount, session.currency, { locale }),
    describeStatus(session.status, { mode: session.mode, isTerminal: session.is_terminal }),
    mode && labels.modeName(mode),
    caller && revealInvisible(showFullCaller ? formatPhone(caller) : maskPhone(caller)),
    callback && revealInvisible(formatPhone(callback)),
    gateway && field(labels.gateway, gatewayName(gateway) || gateway),
    [
      when(0, labels.created, session.created_at),
      when(1, labels.updated, session.updated_at),
      // Expiry matters while the session is live, or once it has expired; core says which (null otherwise).
      expiry &&
        expiry !== "expired" &&
        when(2, session.status === "expired" ? labels.expired : labels.expires, session.expires_at),
      when(3, labels.completed, session.completed_at),
    ],
    errorCode && field(labels.errorCode, code(errorCode)),
    errorMessage && field(labels.errorMessage, <bdi>{errorMessage}</bdi>),
    // Whether ProcessorDetails has anything to show: the section is left out when it has not.
    card.brand || card.last4 || card.rawReceipt || describeProcessor(processor, session.gateway)[0],
    Object.keys(session).flatMap((key) => {
      const value =
        !(SESSION_FIELDS as readonly string[]).includes(key) && display((session as Record<string, unknown>)[key]);
      return value ? [field(key, code(value), key)] : [];
    }),
  ] as const;
}

export const SessionCardView = /* @__PURE__ */ memo(function SessionCardView({
  cardRef,
  session,
  live,
  asOf,
  banner,
  note,
  locale,
  timeZone,
  labels: labelsProp,
  showFullCaller,
  headingLevel = 3,
  environment,
  now,
  className,
  ...rest
}: SessionCardViewProps) {
  const labels = useLabels(labelsProp);
  // A server cannot know the browser's locale and time zone: without the props, the server's render and
  // the hydrating one use en-US and UTC (so they match), and the card re-renders in the browser's own
  // once hydrated. Rendered in the browser alone, it uses the browser's from the start.
  const hydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  if (!hydrated) {
    locale ??= "en-US";
    timeZone ??= "UTC";
  }
  // Relative times ("expires in 4 min", "updated 2 minutes ago") must not freeze while nothing else
  // changes (an unchanged poll re-renders nothing): measure them again every 15 s, every minute once
  // the session is terminal. Not when the `now` prop fixes the moment they are measured from.
  const [tick, setTick] = useState(0);
  const tickMs = now === undefined ? (session.is_terminal ? 60_000 : 15_000) : 0;
  useEffect(() => {
    if (!tickMs) return;
    const timer = setInterval(() => setTick((count) => count + 1), tickMs);
    return () => clearInterval(timer);
  }, [tickMs]);
  const [
    title,
    amount,
    status,
    mode,
    caller,
    callback,
    gatewayRow,
    times,
    errorCodeRow,
    errorMessageRow,
    paymentDetails,
    otherRows,
  ] = useMemo(
    () => deriveModel(session, labels, locale, timeZone, now, showFullCaller),
    // `tick` is not read: a new one means time has moved on, so the relative times are measured again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, labels, locale, timeZone, now, showFullCaller, tick],
  );
  const copier = useCopy();
  const id = useId();
  const Heading = `h${headingLevel}` as const;
  const Sub = `h${headingLevel + 1}` as "h3";

  // Announce status changes, not the first render: compare with the last status this card showed.
  // One state for both, set together: one hook fewer (bytes).
  const [[shown, announcement], setShown] = useState<[Session, string]>([session, ""]);
  useEffect(() => () => void announced.delete(id), [id]);
  if (shown.session_id !== session.session_id || shown.status !== session.status) {
    setShown([
      session,
      // Once per change, however many cards show this session.
      shown.session_id === session.session_id &&
      claimAnnouncement(id, `${session.session_id} ${session.status} ${session.updated_at}`)
        ? labels.statusChanged(labels.status(status.label, session.status))
        : "",
    ]);
  }

  const sessionId = text(session.session_id);
  const memory = text(session.memory);
  return (
    <article
      ref={cardRef}
      className={cx("mvn-root mvn-card", className)}
      // Named by its heading, unless you name it (`aria-label`, or `aria-labelledby` below, which replaces this).
      aria-labelledby={rest["aria-label"] ? undefined : `${id}h`}
      data-state="ready"
      data-status={session.status}
      data-tone={status.tone}
      data-terminal={session.is_terminal === true}
      data-gateway={session.gateway}
      {...rest}
    >
      <header className="mvn-card__header">
        <Heading id={`${id}h`} className="mvn-card__title">
          <bdi>{title}</bdi>
        </Heading>
        {live && (
          <span className={`mvn-${live}`} data-live={live}>
            {live === "paused" ? icon("warning") : <span className="mvn-live__dot" aria-hidden />}
            {live === "delayed" ? labels.delayed(asOf!) : labels[live]}
          </span>
        )}
        <SessionStatusBadge
          status={session.status}
          isTerminal={session.is_terminal}
          mode={session.mode}
          labels={labelsProp}
        />
      </header>
      {banner}
      {amount && (
        <p className="mvn-card__amount">
          <span className="mvn-sr-only">{labels.amount}: </span>
          <span lang={locale}>{amount}</span>
        </p>
      )}
      {(errorCodeRow || errorMessageRow) && (
        <section className="mvn-callout" data-tone="danger">
          <Sub className="mvn-callout__title">{labels.failure}</Sub>
          <dl className="mvn-fields">
            {errorCodeRow}
            {errorMessageRow}
          </dl>
        </section>
      )}
      <dl className="mvn-fields">
        {mode && field(labels.mode, mode)}
        {caller &&
          field(
            labels.caller,
            <>
              {/* Screen readers would read the mask as "bullet bullet…": they get words for it instead. */}
              <bdi aria-hidden={!showFullCaller || undefined}>{caller}</bdi>
              {!showFullCaller && (
                <span className="mvn-sr-only">{caller.replace(/•[•\s]*/g, `${labels.hiddenDigits} `)}</span>
              )}
            </>,
          )}
        {callback && field(labels.callback, <bdi>{callback}</bdi>)}
        {text(session.project_slug) && field(labels.project, code(session.project_slug as string))}
        {gatewayRow}
        {text(session.transfer_status) && field(labels.transferStatus, session.transfer_status)}
        {times}
        {sessionId &&
          field(
            labels.sessionId,
            <>
              {code(sessionId)}
              {copyButton(copier, "session_id", sessionId, labels.copy(labels.sessionId))}
            </>,
          )}
      </dl>
      {paymentDetails && (
        <section className="mvn-section">
          <Sub className="mvn-section__title">{labels.paymentDetails}</Sub>
          <ProcessorDetails
            processor={session.processor}
            gateway={session.gateway}
            environment={environment}
            labels={labelsProp}
          />
        </section>
      )}
      {memory && (
        <section className="mvn-section">
          <Sub className="mvn-section__title">{labels.memory}</Sub>
          <Memory text={memory} labels={labels} />
        </section>
      )}
      {otherRows[0] && (
        <details className="mvn-section">
          <summary className="mvn-summary">{labels.otherFields(otherRows.length)}</summary>
          <dl className="mvn-fields">{otherRows}</dl>
        </details>
      )}
      {spoken(announcement)}
      {note !== undefined && spoken(note)}
      {copyStatus(copier, labels)}
    </article>
  );
});

/**
 * Long memory shows its first lines (up to 6 lines and 400 characters), with a button (aria-expanded)
 * to show everything.
 */
function Memory({ text: value, labels }: { text: string; labels: SessionCardLabels }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  // Worked out on each render, not memoised: a few string operations, where `useMemo` would cost bytes.
  const cut = value.slice(0, 400).split("\n").slice(0, 6).join("\n");
  // Never split a surrogate pair (an emoji) in half: a high surrogate at the end goes.
  // `cut` is a start of `value`: the same string when nothing was cut.
  const preview = cut === value ? null : `${cut.replace(/[\uD800-\uDBFF]$/, "").trimEnd()}…`;
  return (
    <>
      <p id={id} className="mvn-pre" dir="auto">
        {open || !preview ? value : preview}
      </p>
      {preview && (
        <div>
          <button
            type="button"
            className="mvn-button"
            aria-expanded={open}
            aria-controls={id}
            onClick={() => setOpen(!open)}
          >
            {open ? labels.showLess : labels.showMore}
          </button>
        </div>
      )}
    </>
  );
}
