/**
 * The mount benchmark's baseline: the SessionCard's markup written by hand,
 * with no @trymaven code, the way a careful developer would: Intl formatters
 * created once and reused, status and field labels from small tables, every
 * processor field that has a value as a row with a copy button. Same elements
 * and classes (the benchmark prints the element count per card of both); it
 * skips what a hand-written card usually skips (invisible-character checks,
 * phone formatting and masking, code decoding, receipt URL checks, the copy
 * behaviour itself, announcements).
 */
import type { Session } from "@trymaven/core";

const money = new Map<string, Intl.NumberFormat>();
const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const relative = new Intl.RelativeTimeFormat("en-US", { numeric: "auto" });

const STATUS: Record<string, [label: string, tone: string]> = {
  pending: ["Pending", "neutral"],
  collecting: ["Collecting card", "progress"],
  "payment-success": ["Payment succeeded", "success"],
  "payment-authorized": ["Authorized", "warning"],
  "payment-failed": ["Payment failed", "danger"],
  expired: ["Expired", "neutral"],
  cancelled: ["Cancelled", "neutral"],
  abandoned: ["Abandoned", "neutral"],
};
const GATEWAYS: Record<string, string> = {
  stripe: "Stripe",
  authorizenet: "Authorize.net",
  braintree: "Braintree",
  shift4: "Shift4",
};

function formatMoney(amount: string, currency: string): string {
  let format = money.get(currency);
  if (!format) {
    format = new Intl.NumberFormat("en-US", { style: "currency", currency });
    money.set(currency, format);
  }
  return format.format(Number(amount));
}

function ago(iso: string): string {
  const minutes = Math.round((Date.parse(iso) - Date.now()) / 60_000);
  return Math.abs(minutes) < 60 * 24
    ? relative.format(minutes, "minute")
    : relative.format(Math.round(minutes / 1440), "day");
}

const label = (key: string) => key.replace(/_/g, " ").replace(/^\w/, (c) => c.toUpperCase());

function Icon() {
  return (
    <svg className="mvn-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true">
      <circle cx="8" cy="8" r="6.5" />
      <path d="M5 8h6" />
    </svg>
  );
}

function Field({ name, children }: { name: string; children: React.ReactNode }) {
  return (
    <div className="mvn-field">
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Copy({ name }: { name: string }) {
  return (
    <button type="button" className="mvn-button mvn-copy">
      <Icon />
      <span className="mvn-sr-only">Copy {name}</span>
    </button>
  );
}

function When({ name, iso }: { name: string; iso: string | null }) {
  if (!iso) return null;
  return (
    <Field name={name}>
      <time dateTime={iso} title={dateTime.format(new Date(iso))}>
        {ago(iso)}
      </time>
      <span className="mvn-muted mvn-meaning">{dateTime.format(new Date(iso))}</span>
    </Field>
  );
}

export function HandSessionCard({ session }: { session: Session }) {
  const [statusText, tone] = STATUS[session.status] ?? [label(session.status), "neutral"];
  const processor = Object.entries(session.processor ?? {}).filter(
    (entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== "",
  );
  return (
    <article
      className="mvn-root mvn-card"
      data-status={session.status}
      data-tone={tone}
      data-terminal={session.is_terminal}
      data-gateway={session.gateway}
    >
      <header className="mvn-card__header">
        <h3 className="mvn-card__title">{session.description ?? "Payment session"}</h3>
        <span className="mvn-root mvn-badge" data-status={session.status} data-tone={tone}>
          <Icon />
          {statusText}
        </span>
      </header>
      <p className="mvn-card__amount">
        <span className="mvn-sr-only">Amount: </span>
        {formatMoney(session.amount, session.currency)}
      </p>
      {session.error && (
        <section className="mvn-callout" data-tone="danger">
          <h4 className="mvn-callout__title">Why it failed</h4>
          <dl className="mvn-fields">
            <Field name="Code">
              <bdi className="mvn-code">{session.error.code}</bdi>
            </Field>
            {session.error.message && <Field name="Message">{session.error.message}</Field>}
          </dl>
        </section>
      )}
      <dl className="mvn-fields">
        <Field name="Mode">{session.mode === "tokenize" ? "Save card" : "Charge"}</Field>
        <Field name="Caller">
          <bdi>{session.caller}</bdi>
        </Field>
        {session.callback && (
          <Field name="Callback">
            <bdi>{session.callback}</bdi>
          </Field>
        )}
        <Field name="Project">
          <bdi className="mvn-code">{session.project_slug}</bdi>
        </Field>
        <Field name="Gateway">{GATEWAYS[session.gateway] ?? session.gateway}</Field>
        {session.transfer_status && <Field name="Transfer">{session.transfer_status}</Field>}
        <When name="Created" iso={session.created_at} />
        <When name="Updated" iso={session.updated_at} />
        <When name="Expires" iso={session.expires_at} />
        <When name="Completed" iso={session.completed_at} />
        <Field name="Session ID">
          <bdi className="mvn-code">{session.session_id}</bdi>
          <Copy name="Session ID" />
        </Field>
      </dl>
      {processor.length > 0 && (
        <section className="mvn-section">
          <h4 className="mvn-section__title">Payment details</h4>
          <div className="mvn-root mvn-processor" data-gateway={session.gateway}>
            <dl className="mvn-fields">
              {processor.map(([key, value]) => (
                <Field key={key} name={label(key)}>
                  <bdi className="mvn-code">{value}</bdi>
                  <Copy name={label(key)} />
                </Field>
              ))}
            </dl>
          </div>
        </section>
      )}
      {session.memory && (
        <section className="mvn-section">
          <h4 className="mvn-section__title">Call memory</h4>
          <p className="mvn-pre">{session.memory}</p>
        </section>
      )}
      <span role="status" className="mvn-sr-only" />
    </article>
  );
}
