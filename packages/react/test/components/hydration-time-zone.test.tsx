import { act, render, within } from "@testing-library/react";
import { fixtures } from "@trymaven/mock";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterAll, expect, it, vi } from "vitest";
import { SessionCard } from "../../src/index.js";
import { cleanupAfterEach } from "./support.js";

// A browser in Tokyo, a server in UTC. Each test file runs in its own process (vitest's forks pool), so
// this is the whole runtime's time zone, as a browser's is; core creates its formatters lazily, after it.
const previousTimeZone = process.env.TZ;
process.env.TZ = "Asia/Tokyo";
afterAll(() => {
  if (previousTimeZone === undefined) delete process.env.TZ;
  else process.env.TZ = previousTimeZone;
});
cleanupAfterEach();

const paid = fixtures.transferWithMemory; // created 2026-11-24T15:58:30Z: 3:58 PM in UTC, 12:58 AM the next day in Tokyo
const createdIn = (container: HTMLElement) =>
  within(container).getByText("Created", { selector: "dt" }).nextElementSibling!.textContent;

it("renders on the server in en-US and UTC when no locale or timeZone is given, and hydrates without a mismatch", async () => {
  expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe("Asia/Tokyo");
  const container = document.createElement("div");
  container.innerHTML = renderToString(<SessionCard session={paid} />);
  document.body.append(container);
  // The server cannot know the browser's zone: a fixed one, so the hydrating render can match it.
  expect(createdIn(container)).toContain("Nov 24, 2026, 3:58 PM");

  const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
  const recoverable = vi.fn();
  let root: ReturnType<typeof hydrateRoot> | undefined;
  try {
    await act(async () => {
      root = hydrateRoot(container, <SessionCard session={paid} />, { onRecoverableError: recoverable });
    });
    expect(recoverable).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
    // Once hydrated, the browser's own zone (before, the server's text stayed for good).
    expect(createdIn(container)).toContain("Nov 25, 2026, 12:58 AM");
  } finally {
    await act(async () => root?.unmount());
    container.remove();
    consoleError.mockRestore();
  }
});

it("uses the browser's zone from the first render when there is no server HTML", () => {
  const { container } = render(<SessionCard session={paid} />);
  expect(createdIn(container)).toContain("Nov 25, 2026, 12:58 AM");
});

it("keeps a locale and timeZone that are given, on the server and after hydration", async () => {
  const tree = <SessionCard session={paid} locale="en-GB" timeZone="Europe/London" />;
  const container = document.createElement("div");
  container.innerHTML = renderToString(tree);
  document.body.append(container);
  expect(createdIn(container)).toContain("24 Nov 2026, 15:58");
  let root: ReturnType<typeof hydrateRoot> | undefined;
  await act(async () => {
    root = hydrateRoot(container, tree);
  });
  expect(createdIn(container)).toContain("24 Nov 2026, 15:58");
  await act(async () => root?.unmount());
  container.remove();
});
