// @vitest-environment node
/**
 * Server rendering, the way a React Server Component page does it: prefetch on
 * the server with the key-holding client, dehydrate, and render the client
 * tree with <HydrationBoundary>. Runs in Node, with no DOM.
 */
import { renderToString } from "react-dom/server";
import {
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
  dehydrate,
  type DehydratedState,
} from "@tanstack/react-query";
import { createMavenClient } from "@trymaven/core";
import { MOCK_API_KEY, makeSession } from "@trymaven/mock";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, test } from "vitest";
import { MavenProvider, useSession } from "../src/index.js";
// What a Server Component imports: the same options, from the entry without "use client".
import { sessionQueryKey, sessionQueryOptions } from "../src/query-options.js";

const SESSION_ID = "5b0f4f0e-6a43-4c55-9e1b-1f3f8a6f2c01";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The upstream API as the server sees it, counting requests. */
function serveUpstream(respond: () => Response) {
  const seen: Request[] = [];
  server.use(
    http.get("https://maven.test/v1/sessions/:sessionId", ({ request }) => {
      seen.push(request);
      return respond();
    }),
  );
  return seen;
}

function Status({ id }: { id: string }) {
  const { session, isPolling } = useSession(id);
  return (
    <p data-polling={String(isPolling)}>
      {session ? `${session.status} ${session.amount} ${session.currency}` : "loading"}
    </p>
  );
}

/** The client half: a fresh QueryClient and a browser client pointed at the proxy, as in the browser. */
function renderPage(state: DehydratedState | undefined): string {
  const queryClient = new QueryClient();
  const maven = createMavenClient({ baseUrl: "/api/maven" });
  return renderToString(
    <QueryClientProvider client={queryClient}>
      <MavenProvider client={maven}>
        <HydrationBoundary state={state}>
          <Status id={SESSION_ID} />
        </HydrationBoundary>
      </MavenProvider>
    </QueryClientProvider>,
  );
}

const serverMaven = () => createMavenClient({ apiKey: MOCK_API_KEY, baseUrl: "https://maven.test" });

test("a page prefetched with sessionQueryOptions shows the session's status on first render", async () => {
  const seen = serveUpstream(() =>
    HttpResponse.json(makeSession({ session_id: SESSION_ID, status: "collecting", amount: "240.00" })),
  );
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(sessionQueryOptions(serverMaven(), SESSION_ID));
  expect(seen).toHaveLength(1);
  expect(seen[0]?.headers.get("authorization")).toBe(`Bearer ${MOCK_API_KEY}`);

  // What crosses to the browser is JSON: no functions, no client, no key.
  const wire = JSON.stringify(dehydrate(queryClient));
  expect(wire).not.toContain(MOCK_API_KEY);

  const html = renderPage(JSON.parse(wire) as DehydratedState);
  expect(html).toContain("collecting 240.00 USD");
  expect(html).toContain('data-polling="true"');
});

test("without prefetched data the server renders the loading state and fetches nothing", () => {
  const seen = serveUpstream(() => HttpResponse.json({}));
  const html = renderPage(undefined);
  expect(html).toContain("loading");
  expect(seen).toHaveLength(0);
});

test("a failing prefetch fails fast on the server: one request, no retries, nothing dehydrated", async () => {
  const seen = serveUpstream(() => HttpResponse.json({ detail: "unavailable" }, { status: 503 }));
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(sessionQueryOptions(serverMaven(), SESSION_ID));
  // One request (the client did not retry it) and one failed attempt (nor did react-query): nothing waited
  // out a backoff. Counted, not timed.
  expect(seen).toHaveLength(1);
  expect(queryClient.getQueryState(sessionQueryKey(SESSION_ID))).toMatchObject({
    status: "error",
    fetchFailureCount: 1,
  });

  const html = renderPage(JSON.parse(JSON.stringify(dehydrate(queryClient))) as DehydratedState);
  expect(html).toContain("loading");
});
