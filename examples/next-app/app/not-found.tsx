import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found · Maven sessions" };

/**
 * One page for every "not found": a URL that matches nothing, an id that is not
 * a session, and another project's session, which must look exactly like one
 * that does not exist.
 */
export default function NotFound() {
  return (
    <section data-testid="not-found">
      <h1>Not found</h1>
      <p className="muted">There is nothing here, or nothing you can see with this sign-in.</p>
      <p>
        <Link href="/">All sessions</Link>
      </p>
    </section>
  );
}
