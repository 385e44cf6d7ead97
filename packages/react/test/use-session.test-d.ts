import { QueryClient, useQuery, useSuspenseQuery } from "@tanstack/react-query";
import { createMavenClient, type Session } from "@trymaven/core";
import { describe, expectTypeOf, test } from "vitest";
import {
  sessionQueryKey,
  sessionQueryOptions,
  useDelayedSince,
  useSession,
  type SessionQueryKey,
  type UseSessionOptions,
  type UseSessionResult,
} from "../src/index.js";

const maven = createMavenClient({ baseUrl: "/api/maven" });
const id = "5b0f4f0e-6a43-4c55-9e1b-1f3f8a6f2c01";

describe("useSession", () => {
  test("returns react-query's result plus session, isTerminal and isPolling", () => {
    const result = useSession(id);
    expectTypeOf(result).toEqualTypeOf<UseSessionResult>();
    expectTypeOf(result.session).toEqualTypeOf<Session | undefined>();
    expectTypeOf(result.isTerminal).toEqualTypeOf<boolean>();
    expectTypeOf(result.isPolling).toEqualTypeOf<boolean>();
    expectTypeOf(result.error).toEqualTypeOf<Error | null>();
    expectTypeOf(result.data).toEqualTypeOf<Session | undefined>();
    expectTypeOf(result.refetch).toBeFunction();
  });

  test("narrows data on success, as useQuery does", () => {
    const result = useSession(id);
    if (result.isSuccess) expectTypeOf(result.data).toEqualTypeOf<Session>();
  });

  test("accepts a missing id (disabled) and typed callbacks", () => {
    useSession(undefined);
    useSession(null, { enabled: false });
    useSession(id, {
      intervalMs: 5_000,
      until: (session) => session.status === "collecting",
      onTerminal: (session) => expectTypeOf(session).toEqualTypeOf<Session>(),
      onStatusChange: (session, previous) => {
        expectTypeOf(session).toEqualTypeOf<Session>();
        expectTypeOf(previous).toEqualTypeOf<Session>();
      },
      terminalIntervalMs: false,
      pollInBackground: true,
      retry: 0,
    });
    // @ts-expect-error: not an option
    useSession(id, { refetchInterval: 1_000 });
    expectTypeOf<UseSessionOptions["onTerminal"]>().toEqualTypeOf<((session: Session) => void) | undefined>();
  });
});

describe("sessionQueryOptions", () => {
  test("types useQuery, useSuspenseQuery and the cache from its key", () => {
    const options = sessionQueryOptions(maven, id);
    expectTypeOf(useQuery(options).data).toEqualTypeOf<Session | undefined>();
    expectTypeOf(useSuspenseQuery(options).data).toEqualTypeOf<Session>();
    expectTypeOf(new QueryClient().getQueryData(options.queryKey)).toEqualTypeOf<Session | undefined>();
    void new QueryClient().prefetchQuery(options);
  });

  test("sessionQueryKey is a readonly tuple", () => {
    expectTypeOf(sessionQueryKey(id)).toEqualTypeOf<SessionQueryKey>();
    expectTypeOf<SessionQueryKey>().toEqualTypeOf<readonly ["maven", "session", string]>();
  });
});

describe("useDelayedSince", () => {
  test("takes what useSession takes and returns a time or undefined", () => {
    expectTypeOf(useDelayedSince(id)).toEqualTypeOf<number | undefined>();
    expectTypeOf(useDelayedSince).parameter(0).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(useSession).parameter(0).toEqualTypeOf<string | null | undefined>();
  });
});
