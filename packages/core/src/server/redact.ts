import { parseSession } from "../client.js";
import { MavenError } from "../errors.js";
import type { OpenString, Session } from "../schema.js";

/** Top-level session fields that can be redacted by name (any other name is accepted too, for fields added later). */
export type RedactableSessionField = OpenString<
  | "processor"
  | "error"
  | "currency"
  | "mode"
  | "description"
  | "caller"
  | "project_slug"
  | "gateway"
  | "callback"
  | "memory"
  | "transfer_status"
  | "expires_at"
  | "completed_at"
>;

/** What `redact` accepts: field names to blank, or a function that returns the session to send. */
export type SessionRedaction = ReadonlyArray<RedactableSessionField> | ((session: Session) => Session);

export interface RedactedSession {
  session: Session;
  /** The top-level fields that were blanked or changed. */
  redacted: string[];
}

/**
 * Fields the browser needs to show and poll a session at all: blanking them
 * would break the contract (`amount`, timestamps) or the polling (`is_terminal`).
 */
const PROTECTED_FIELDS = new Set(["session_id", "status", "is_terminal", "amount", "created_at", "updated_at"]);
/** Required string fields: they become "" so the body still matches the contract the browser validates. */
const REQUIRED_STRING_FIELDS = new Set(["currency", "mode", "caller", "project_slug", "gateway"]);

/**
 * Turns the `redact` option into a function, validating field names up front. `onMissing` hears of
 * each listed field a session lacks (a misspelling, a nested path, or a field Maven has not added yet).
 */
export function compileRedaction(
  redact: SessionRedaction | undefined,
  onMissing: (field: string) => void = () => {},
): (session: Session) => RedactedSession {
  if (redact === undefined) return (session) => ({ session, redacted: [] });
  if (typeof redact === "function") return (session) => redactWith(redact, session);
  if (!Array.isArray(redact)) {
    throw new MavenError("createSessionHandler: redact must be an array of session field names or a function.");
  }
  const fields = [...new Set(redact)];
  for (const field of fields) {
    if (typeof field !== "string" || field === "") {
      throw new MavenError(`createSessionHandler: redact lists ${JSON.stringify(field)}, which is not a field name.`);
    }
    if (PROTECTED_FIELDS.has(field)) {
      throw new MavenError(
        `createSessionHandler: "${field}" cannot be redacted, because the browser needs it to show and poll the session. ` +
          `Redactable fields include caller, memory, callback, description, processor, error and transfer_status.`,
      );
    }
  }
  return (session) => {
    const copy: Record<string, unknown> = { ...session };
    const redacted: string[] = [];
    for (const field of fields) {
      if (!Object.hasOwn(copy, field)) {
        onMissing(field);
        continue;
      }
      copy[field] = REQUIRED_STRING_FIELDS.has(field) ? "" : null;
      redacted.push(field);
    }
    return { session: copy as Session, redacted };
  };
}

/** Thrown when a `redact` function returns something the browser client would reject. */
export class RedactionError extends MavenError {
  override name = "RedactionError";
}

function redactWith(redact: (session: Session) => Session, session: Session): RedactedSession {
  const before = JSON.parse(JSON.stringify(session)) as Record<string, unknown>;
  let result: unknown;
  try {
    result = redact(structuredClone(session));
  } catch (error) {
    // Remembered like any other redaction failure, so a function that always throws costs one call, not one per request.
    throw new RedactionError(
      `The redact function threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
      { cause: error },
    );
  }
  if (typeof result !== "object" || result === null) {
    throw new RedactionError("The redact function must return the session object to send.");
  }
  let parsed: Session;
  try {
    // The browser client validates what we send; check it here, where the mistake can be logged.
    parsed = parseSession(result, session.session_id);
  } catch (error) {
    throw new RedactionError(
      `The redact function returned a session that no longer matches the contract (${error instanceof Error ? error.message : String(error)}). ` +
        `Set nullable fields to null and required string fields (caller, project_slug) to "", and keep session_id, status, is_terminal, amount, created_at and updated_at.`,
    );
  }
  const after = parsed as Record<string, unknown>;
  const redacted = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
  return { session: parsed, redacted };
}
