import {
  APIConnectionError,
  MavenAPIError,
  RateLimitError,
  ResponseValidationError,
  formatDateTime,
  staleCopyOf,
  type Session,
} from "@trymaven/core";
import { onlineManager, useQueryClient } from "@tanstack/react-query";
import {
  forwardRef,
  memo,
  useEffect,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ForwardedRef,
  type Ref,
} from "react";
import { claimAlert } from "../internal/alert-claims.js";
import { isSessionId, isTransientError } from "../internal/core-shared.js";
import { resetStreak } from "../internal/failure-streak.js";
import { sessionQueryKey } from "../session-query-key.js";
import { useDelayedSince } from "../use-delayed-since.js";
import { useSession, type UseSessionOptions } from "../use-session.js";
import { useLabels, type SessionCardLabels } from "./labels.js";
import { code, cx, spoken } from "./parts.js";
import { SessionCardView, type SessionCardSharedProps } from "./session-card-view.js";

export type { SessionCardSharedProps };

/** `SessionCard` props: the shared ones plus either `session` (presentational) or `sessionId` (connected). */
export type SessionCardProps = SessionCardSharedProps &
  (
    | {
        /** The session to show, e.g. from `useSession` or a server fetch. The card renders it as given. */
        session: Session;
        // `?: undefined` rather than `?: never`: under exactOptionalPropertyTypes `never` refuses even `undefined`.
        /** Not with `session`: give one or the other (`sessionId` fetches the session and keeps it live). */
        sessionId?: undefined;
        /** Only with `sessionId`: a `session` you pass is rendered as given, not fetched. */
        sessionOptions?: undefined;
      }
    | {
        /**
         * The session to fetch and keep live through `useSession` (needs `MavenProvider` inside a
         * `QueryClientProvider`). Shows a skeleton while loading, a calm placeholder while the query
         * is disabled (`enabled: false` or an empty id), an error message per failure, a "Live"
         * indicator while polling and following (not while a failed request is retried or reported, nor
         * offline), and announces status changes.
         */
        sessionId: string;
        /** Not with `sessionId`: give one or the other (`session` renders a session you already have). */
        session?: undefined;
        /** Options passed to `useSession` (`intervalMs`, `enabled`, `until`, `onTerminal`, `onStatusChange`…). @default {} */
        sessionOptions?: UseSessionOptions | undefined;
      }
  );

/**
 * A Maven session as a card: status, amount, mode, caller, project, gateway, callback, transfer
 * status, timestamps, failure, memory and payment details, with `data-status`, `data-tone`,
 * `data-terminal` and `data-gateway` for styling. Give it a `session` to render, or a `sessionId`
 * to fetch and follow live.
 */
export const SessionCard = /* @__PURE__ */ memo(
  /* @__PURE__ */ forwardRef<HTMLElement, SessionCardProps>(function SessionCard(props, ref) {
    const { session, sessionId, sessionOptions, ...shared } = props;
    if (typeof sessionId === "string") {
      return <ConnectedSessionCard cardRef={ref} sessionId={sessionId} sessionOptions={sessionOptions} {...shared} />;
    }
    if (session && typeof session === "object") return <SessionCardView cardRef={ref} session={session} {...shared} />;
    // No data (yet): `session={query.data}` before it loads. Never blank, never a crash.
    return <StateCard cardRef={ref} kind={session == null ? undefined : "unknown"} {...shared} />;
  }),
);

type ConnectedProps = SessionCardSharedProps & {
  sessionId: string;
  sessionOptions?: UseSessionOptions | undefined;
  /** `SessionCard`'s ref. Internal components take it as a prop: no `forwardRef` wrapper of their own. */
  cardRef: ForwardedRef<HTMLElement>;
};

function ConnectedSessionCard({ sessionId, sessionOptions, cardRef, ...shared }: ConnectedProps) {
  // Fields are read only where needed: react-query re-renders for the fields a component read, and
  // `dataUpdatedAt` changes on every poll.
  const result = useSession(sessionId, sessionOptions);
  const { session: fetched, isPolling, error, failureReason, refetch } = result;
  // The last failure of this id while nothing has loaded: react-query clears `error` when a query without
  // data asks again (back to pending), which would flip the card to the skeleton on every poll and retry.
  // A tuple, as `claim` below: minified, read by position rather than by name (bytes).
  const [last, setLast] = useState<[id: string, error: unknown, kind: ErrorKind, alert: boolean] | null>(null);
  const remembered = last?.[0] === sessionId ? last : null;
  // While react-query retries a 429, `error` is still empty: say so instead of showing a skeleton.
  const problem =
    error ?? (remembered || failureReason instanceof RateLimitError ? failureReason : null) ?? remembered?.[1];
  // `useSession` above has made sure there is one (its `useQuery` calls this hook, which throws without), so this
  // returns the provider's client, as reading `QueryClientContext` would.
  const queryClient = useQueryClient();
  // When the data was fetched, while it comes delayed (a copy 30 s old or more came in the last 90 s).
  const delayed = useDelayedSince(sessionId);
  const labels = useLabels(shared.labels);
  const kind = errorKind(problem, isPolling, sessionId);
  // One claimant (the card's `useId`, the id and the kind) for both claims below, so a copy shown with nothing
  // loaded gets the answer its alert got.
  const claimant = useId() + sessionId + kind;
  if (fetched ? last : problem && problem !== remembered?.[1]) {
    setLast(
      fetched
        ? null
        : [
            sessionId,
            problem,
            kind,
            // Assertive once per new failure of this card, and only the first of a burst across cards.
            remembered?.[2] === kind ? remembered[3] : claimAlert(queryClient, claimant),
          ],
    );
  }
  // Nothing loaded yet, and a `createSessionHandler` proxy answered Maven's failure with its last good copy:
  // show the copy under the warning, as for data this card had, rather than the error alone.
  const copy = useMemo(() => (fetched ? undefined : staleCopyOf(problem, sessionId)), [fetched, problem, sessionId]);
  // The same copy keeps its "as of": worked out again from each failed poll's Age (whole seconds), it could move
  // by a second, and the banner, in a live region, would be read out again.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const copyAt = useMemo(() => copy?.fetchedAt, [sessionId, copy?.session.updated_at]);
  const session = fetched ?? copy?.session;
  // Offline, react-query pauses the polls (fetchStatus "paused") and no error comes: don't claim "Live".
  const online = useSyncExternalStore(
    onlineManager.subscribe,
    () => onlineManager.isOnline(),
    () => true,
  );
  // A banner over data is read out by one card of a burst, claimed once per kind as the alerts are: in an
  // outage, a list of cards says "Couldn't refresh" once, and shows it on every card. So is going offline while
  // following (no failure: react-query holds the polls): "Offline — will resume" is read out once.
  const bannerKind = session ? (problem ? kind : isPolling && !online ? "offline" : null) : null;
  const [claim, setClaim] = useState<[ErrorKind | "offline" | null, boolean]>([null, true]);
  if (claim[0] !== bannerKind) setClaim([bannerKind, !bannerKind || claimAlert(queryClient, claimant)]);
  // Retry pressed: [id, failures so far]. A polite note says "Retrying…", then the failure's title if it fails
  // again: the alert or banner stays the same when a retry fails the same way, so a screen reader would hear
  // nothing. Not for automatic retries, which would be read out on every poll.
  const [asked, setAsked] = useState<[id: string, failures: number] | null>(null);
  // What the data under a warning, or a delayed copy, dates from. Read only then: `dataUpdatedAt` changes on every poll.
  const when =
    session && (problem || delayed)
      ? formatDateTime(new Date(copyAt ?? (delayed || result.dataUpdatedAt)), {
          locale: shared.locale,
          timeZone: shared.timeZone,
          timeStyle: "medium",
        })
      : null;
  const note =
    claim[0] === "offline" && claim[1]
      ? labels.paused
      : problem && asked?.[0] === sessionId
        ? result.errorUpdateCount > asked[1]
          ? // Over data, what the warning says: the stale line for a failure of no known kind.
            (kind === "unknown" && when && labels.stale(when)) || describeProblem(kind, problem, labels)[0]
          : labels.retrying
        : "";
  // Cancelled first: with nothing loaded, `refetch` would join a react-query retry still waiting out its delay.
  // The streak of failures ends too: the press's own retries wait the first backoff, not the one earlier failures
  // built up (up to `maxIntervalMs` each, so "Retrying…" for a minute). `refetch` takes the cancellation's
  // `undefined` as no options (the cast: TypeScript does not take `void` for an optional parameter).
  const retry = () => {
    setAsked([sessionId, result.errorUpdateCount]);
    // `find` matches the key exactly unless told otherwise.
    resetStreak(queryClient.getQueryCache().find({ queryKey: sessionQueryKey(sessionId) }));
    void queryClient
      .cancelQueries({ queryKey: sessionQueryKey(sessionId), exact: true })
      .then(refetch as () => unknown);
  };
  // When this render removes what has focus in the card (a Retry button that goes with its error), focus
  // moves to the new card once committed, instead of falling to <body>.
  const own = useRef<HTMLElement>(null);
  // The card's element changes only between a state card and the session view.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useImperativeHandle(cardRef, () => own.current!, [!session]);
  // Read in render on purpose: where focus is before this render's commit removes anything.
  // eslint-disable-next-line react-hooks/refs
  const focused = own.current?.contains(document.activeElement);
  useEffect(() => {
    if (focused && document.activeElement === document.body) {
      own.current!.tabIndex = -1;
      own.current!.focus();
    }
  });
  if (!session) {
    return problem ? (
      <StateCard
        cardRef={own}
        kind={kind}
        error={problem}
        onRetry={retry}
        retrying={result.isFetching}
        note={note}
        alert={remembered?.[3]}
        {...shared}
      />
    ) : (
      // Idle, not loading: the hook will not fetch on its own (`enabled: false`, no id) and nothing is fetching
      // (a prefetch, or a request for another component that has the session enabled, is loading). `isLoading`,
      // not `fetchStatus`: react-query re-renders for the fields a component read, and once data has come
      // `isLoading` stays false on every poll, while `fetchStatus` changes twice per poll.
      <StateCard cardRef={own} idle={!isPolling && !result.isLoading} {...shared} />
    );
  }
  return (
    <SessionCardView
      cardRef={own}
      session={session}
      // Not "Live" over a warning that the last refresh failed, nor while react-query retries a failed
      // request before that warning comes: the card is trying, not following.
      live={isPolling && (online ? !problem && !failureReason && (delayed ? "delayed" : "live") : "paused")}
      asOf={when}
      banner={staleBanner(problem, kind, when, retry, labels, !claim[1])}
      note={note}
      {...shared}
    />
  );
}

type ErrorKind = "not-found" | "unauthorized" | "rate-limited" | "network" | "contract" | "unknown";

function errorKind(error: unknown, polling: boolean, sessionId: string): ErrorKind {
  // By the answer's status, which is what picks core's error class (`MavenAPIError.from`): naming the four classes
  // would keep their names in the bundle.
  const status = error instanceof MavenAPIError && error.status;
  // No session by that id: a 404 saying so (`{ detail }`: a 404 without one, an HTML page, is the app's own, with
  // no route there, and is shown as a failure); an id that is not a UUID, refused before any request; or Maven's
  // 422, the only other answer it gives about the one parameter there is (FastAPI's validation of the id).
  if (
    (status === 404 && (error as { body?: { detail?: unknown } }).body?.detail) ||
    status === 422 ||
    !isSessionId(sessionId)
  ) {
    return "not-found";
  }
  // Not allowed to see it: 401 or 403.
  if (status === 401 || status === 403) return "unauthorized";
  // "Rate limited — retrying" only while something will ask again; once polling has stopped (terminal, `until`,
  // disabled) a 429 is a failure like any other, with Retry.
  if (error instanceof RateLimitError && polling) return "rate-limited";
  // Before the offline test: a broken body stays a contract problem, details and all, when the network goes.
  if (error instanceof ResponseValidationError) return "contract";
  if (error instanceof APIConnectionError || isOffline()) return "network";
  return "unknown";
}

// `globalThis.navigator`: undefined on servers without one, where this is false.
const isOffline = () => globalThis.navigator?.onLine === false;

/**
 * Title, hint and whether a Retry button helps, per kind. For another failure, Retry unless Maven gave a final
 * answer (a 400 or another 4xx it would give again); a 5xx, or an error that is not an answer, may pass.
 */
function describeProblem(kind: ErrorKind, error: unknown, labels: SessionCardLabels): [string, string | null, boolean] {
  // An `if` chain rather than a `switch`: minified, it becomes one shorter expression.
  if (kind === "not-found") return [labels.notFound, labels.notFoundHint, false];
  if (kind === "unauthorized") return [labels.unauthorized, labels.unauthorizedHint, false];
  if (kind === "rate-limited") return [labels.rateLimited, null, false];
  if (kind === "network") return [labels.network, isOffline() ? labels.offline : labels.networkHint, true];
  if (kind === "contract") return [labels.contractMismatch, labels.contractMismatchHint, true];
  return [labels.genericError, null, !(error instanceof MavenAPIError) || isTransientError(error)];
}

/** What did not match the contract, collapsed. A function returning elements, as in parts.tsx; so is `retryButton`. */
function contractDetails(error: unknown, labels: SessionCardLabels) {
  // Nothing (`false` or `undefined`, which React renders as nothing) without issues to list.
  return (
    error instanceof ResponseValidationError &&
    error.issues[0] && (
      <details>
        <summary className="mvn-summary">{labels.details}</summary>
        <ul>
          {error.issues.map((issue, index) => (
            <li key={index}>
              {code(issue.path.map(String).join(".") || "(root)")}: {issue.message}
            </li>
          ))}
        </ul>
      </details>
    )
  );
}

function retryButton(retryable: boolean, onRetry: (() => void) | undefined, labels: SessionCardLabels) {
  // `false` or `undefined` when there is no button: React renders neither.
  return (
    retryable &&
    onRetry && (
      <div>
        <button type="button" className="mvn-button" onClick={onRetry}>
          {labels.retry}
        </button>
      </div>
    )
  );
}

type StateProps = SessionCardSharedProps & {
  /** The element's ref, as `ConnectedProps.cardRef`. */
  cardRef: Ref<HTMLElement>;
  /** The failure to describe; without one, the card is loading (or idle). */
  kind?: ErrorKind;
  error?: unknown;
  onRetry?: (() => void) | undefined;
  /** The failure is an earlier one and a new request is on its way. */
  retrying?: boolean;
  /** Read out politely: what became of a Retry the person pressed. */
  note?: string;
  /** An alert (`role="alert"`) rather than a polite status. @default true */
  alert?: boolean | undefined;
  /** Nothing is loading (the query is disabled): no failure, no busy state. */
  idle?: boolean;
};

/**
 * No session to show. Loading: a skeleton with readable text, `aria-busy` and
 * `data-state="loading"`. Idle: the same frame, still, with `data-state="idle"` and muted text, not busy
 * and not announced. Failed: a heading that names the problem, a hint, and Retry where it helps.
 */
function StateCard({
  cardRef,
  kind,
  error,
  onRetry,
  retrying,
  note,
  alert = true,
  idle,
  labels: labelsProp,
  headingLevel = 3,
  className,
  // The rest of the card's own props mean nothing here; everything else goes on the element.
  locale: _locale,
  timeZone: _timeZone,
  showFullCaller: _showFullCaller,
  environment: _environment,
  now: _now,
  ...rest
}: StateProps) {
  const labels = useLabels(labelsProp);
  const id = useId();
  // Named by its first text, whatever the state ("Loading session…", "No session loaded." or the failure's title),
  // unless you name it (`aria-label`, or `aria-labelledby`, which `rest` puts over this one).
  const props = {
    ref: cardRef,
    className: cx("mvn-root mvn-card", className),
    "aria-labelledby": rest["aria-label"] ? undefined : id,
    ...rest,
  };
  if (!kind) {
    // The state names its text: `labels.idle` or `labels.loading`.
    const state = idle ? "idle" : "loading";
    // One element shown three times (React allows it): written once, for bytes.
    const bar = <div className="mvn-skeleton__bar" aria-hidden />;
    return (
      <article aria-busy={!idle || undefined} data-state={state} {...props}>
        <p id={id} className="mvn-muted mvn-pre" role={idle ? undefined : "status"}>
          {labels[state]}
        </p>
        {bar}
        {bar}
        {bar}
      </article>
    );
  }
  const [title, hint, retryable] = describeProblem(kind, error, labels);
  const Heading = `h${headingLevel}` as "h3";
  return (
    <article data-state="error" data-error={kind} {...props}>
      <div
        className="mvn-callout"
        data-tone={kind === "rate-limited" ? "warning" : "danger"}
        role={alert ? "alert" : "status"}
      >
        <Heading id={id} className="mvn-callout__title">
          {title}
        </Heading>
        {hint && <p className="mvn-pre">{hint}</p>}
        {contractDetails(error, labels)}
      </div>
      {/* Outside the alert: a change inside it would be announced on every poll. */}
      {retrying && kind !== "rate-limited" && <p className="mvn-muted mvn-pre">{labels.retrying}</p>}
      {retryButton(retryable, onRetry, labels)}
      {spoken(note)}
    </article>
  );
}

/**
 * The warning over data that is still shown (the last refresh failed), and the place it appears in, rendered
 * while there is nothing to say too: its live region must be in place before the text arrives, or the text is
 * often not read out. The region holds the text alone: Details and Retry follow it in the same callout, so
 * they are not read out as part of the warning. Not a region while `quiet`: another card of the burst reads
 * out the same problem. A function, as `contractDetails` is, given the labels its card has resolved.
 */
function staleBanner(
  error: unknown,
  kind: ErrorKind,
  when: string | null,
  onRetry: () => void,
  labels: SessionCardLabels,
  quiet: boolean,
) {
  const [title, , retryable] = describeProblem(kind, error, labels);
  return (
    <div className={error ? "mvn-callout" : "mvn-slot"} data-tone="warning" data-error={error ? kind : undefined}>
      <div className="mvn-notice" role={quiet ? undefined : "status"}>
        {/* "Couldn't load this session" would contradict the session on screen: the stale line says it all */}
        {!!error && kind !== "unknown" && <p className="mvn-callout__title">{title}</p>}
        {/* `when` is also set for a delayed copy, which is no failure */}
        {!!error && when && <p className="mvn-pre">{labels.stale(when)}</p>}
      </div>
      {contractDetails(error, labels)}
      {retryButton(!!error && retryable, onRetry, labels)}
    </div>
  );
}
