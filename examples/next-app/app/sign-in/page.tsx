import type { Metadata } from "next";
import { demoUsers } from "@/lib/demo-data";
import { signIn } from "../actions";

export const metadata: Metadata = { title: "Sign in · Maven sessions" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string; error?: string }>;
}) {
  const { next, error } = await searchParams;
  return (
    <>
      <h1>Sign in</h1>
      <p className="muted">
        A demo sign-in: pick a user. Each one belongs to a project and may see only that project&apos;s payment
        sessions, on the pages and through the API proxy alike.
      </p>
      {error ? <p className="error">Unknown user; pick one of the list.</p> : null}
      <form action={signIn} className="sign-in">
        <input type="hidden" name="next" value={next ?? "/"} />
        {demoUsers.map((user, index) => (
          <label key={user.id}>
            <input type="radio" name="user" value={user.id} defaultChecked={index === 0} />
            <span>
              {user.name}{" "}
              <span className="muted">
                ({user.role}, {user.project.name})
              </span>
            </span>
          </label>
        ))}
        <div>
          <button type="submit" className="primary">
            Sign in
          </button>
        </div>
      </form>
    </>
  );
}
