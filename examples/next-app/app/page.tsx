import Link from "next/link";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth";
import { sessionsForUser } from "@/lib/demo-data";

export default async function HomePage() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const sessions = sessionsForUser(user);
  return (
    <>
      <h1>{user.project.name}: phone payments</h1>
      <p className="muted">
        Open a session to watch it live. Its data comes through this app&apos;s server; the Maven API key never reaches
        your browser.
      </p>
      <ul className="session-list" aria-label="Payment sessions">
        {sessions.map((record) => (
          <li key={record.sessionId}>
            <Link href={`/sessions/${record.sessionId}`}>
              {record.label}
              <code>{record.sessionId}</code>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
