import { renderToString } from "react-dom/server";
import { render, screen } from "@testing-library/react";
import { HydrationBoundary, QueryClient, dehydrate, type DehydratedState } from "@tanstack/react-query";
import { expect, test, vi } from "vitest";
import { sessionQueryOptions, useSession } from "../src/index.js";
import {
  SESSION_A,
  advance,
  createHarness,
  sequence,
  serveSessions,
  session,
  setupTestEnvironment,
} from "./support.js";

setupTestEnvironment();

function Status({ id }: { id: string }) {
  const { session } = useSession(id);
  return <p>{session?.status ?? "loading"}</p>;
}

/** A server's dehydrated cache holding the session as it was when the page was rendered. */
async function prefetched(): Promise<DehydratedState> {
  const serverCache = new QueryClient();
  const { maven } = createHarness();
  await serverCache.prefetchQuery(sessionQueryOptions(maven, SESSION_A));
  return JSON.parse(JSON.stringify(dehydrate(serverCache))) as DehydratedState;
}

test("hydrates the server's HTML without a mismatch, then keeps polling in the browser", async () => {
  const api = serveSessions(
    sequence(session({ status: "pending" }), session({ status: "collecting" }), session({ status: "payment-success" })),
  );
  const state = await prefetched();
  expect(api.count()).toBe(1);

  const ui = (
    <HydrationBoundary state={state}>
      <Status id={SESSION_A} />
    </HydrationBoundary>
  );
  const server = createHarness();
  const container = document.createElement("div");
  container.innerHTML = renderToString(server.wrapper({ children: ui }) as React.ReactElement);
  document.body.append(container);
  expect(container.textContent).toBe("pending");

  const consoleError = vi.spyOn(console, "error");
  const browser = createHarness();
  render(ui, { container, hydrate: true, wrapper: browser.wrapper });
  // First paint has the data: no loading state and no request on mount, the data being fresh.
  expect(screen.getByText("pending")).toBeTruthy();
  await advance(0);
  expect(api.count()).toBe(1);
  expect(consoleError).not.toHaveBeenCalled();

  await advance(3_000);
  expect(screen.getByText("collecting")).toBeTruthy();
  await advance(3_000);
  expect(screen.getByText("payment-success")).toBeTruthy();
  await advance(60_000);
  expect(api.count()).toBe(3);
});
