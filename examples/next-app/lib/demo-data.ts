import "server-only";
import { fixtures, scenarios } from "@trymaven/mock";

/**
 * The example's stand-in for your database. A real app stores each Maven
 * session id when it creates the session (`POST /v1/sessions`), next to the
 * project (tenant, clinic, store) it belongs to; that row is what decides who may
 * see the session. Here the rows point at sessions the mock server serves:
 * its live scenarios and a few fixed fixtures.
 */
export interface Project {
  slug: string;
  name: string;
  /** Where the project is: times are shown in its zone, the same on the server and in the browser. */
  timeZone: string;
}

export interface DemoUser {
  id: string;
  name: string;
  role: string;
  project: Project;
}

export interface SessionRecord {
  sessionId: string;
  projectSlug: string;
  /** What the merchant calls this payment in their own UI. */
  label: string;
}

const northwind: Project = { slug: "northwind-dental", name: "Northwind Dental", timeZone: "America/Los_Angeles" };
const lakeshore: Project = { slug: "lakeshore-ortho", name: "Lakeshore Orthodontics", timeZone: "America/Chicago" };

export const demoUsers: readonly DemoUser[] = [
  { id: "maria", name: "Maria Gomez", role: "Front desk", project: northwind },
  { id: "sam", name: "Sam Okafor", role: "Billing", project: lakeshore },
];

const sessionRecords: readonly SessionRecord[] = [
  { sessionId: scenarios.success.sessionId, projectSlug: northwind.slug, label: "Crown fitting, phone payment" },
  { sessionId: scenarios.declined.sessionId, projectSlug: northwind.slug, label: "Cleaning, card declined" },
  { sessionId: scenarios.tokenize.sessionId, projectSlug: northwind.slug, label: "Card on file for future visits" },
  { sessionId: scenarios.expired.sessionId, projectSlug: northwind.slug, label: "Unpaid invoice reminder" },
  { sessionId: scenarios.cancelled.sessionId, projectSlug: northwind.slug, label: "Cancelled deposit" },
  { sessionId: fixtures.pending.session_id, projectSlug: northwind.slug, label: "Invoice INV-2026-0931" },
  {
    sessionId: fixtures.authorizenetCaptureSuccess.session_id,
    projectSlug: lakeshore.slug,
    label: "Orthodontic treatment, first instalment",
  },
  {
    sessionId: fixtures.authorizenetTokenizeSuccess.session_id,
    projectSlug: lakeshore.slug,
    label: "Card saved for monthly plan",
  },
  { sessionId: fixtures.insufficientFunds.session_id, projectSlug: lakeshore.slug, label: "Retainer balance" },
];

const recordsById = new Map(sessionRecords.map((record) => [record.sessionId.toLowerCase(), record]));

export function findUser(id: string): DemoUser | undefined {
  return demoUsers.find((user) => user.id === id);
}

/** The row for a session id (any case), or undefined when this app never created that session. */
export function findSessionRecord(sessionId: string): SessionRecord | undefined {
  return recordsById.get(sessionId.toLowerCase());
}

/** The sessions a user's project owns, newest first as they appear in the table. */
export function sessionsForUser(user: DemoUser): SessionRecord[] {
  return sessionRecords.filter((record) => record.projectSlug === user.project.slug);
}

/** The one rule of this app: a user sees the sessions of their own project, nothing else. */
export function canViewSession(user: DemoUser | null, sessionId: string): boolean {
  const record = findSessionRecord(sessionId);
  return user !== null && record !== undefined && record.projectSlug === user.project.slug;
}
