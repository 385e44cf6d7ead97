import type { ReactNode } from "react";
import type { MavenClient } from "@trymaven/core";
import { MavenContext } from "./internal/maven-context.js";

export interface MavenProviderProps {
  /**
   * The client the hooks and connected components fetch with. In a browser, point it
   * at your server proxy and give it no key: `createMavenClient({ baseUrl: "/api/maven" })`.
   * Create it once (module scope or `useState`), not on every render.
   */
  client: MavenClient;
  /** The part of your app that uses `useSession`, `useMavenClient` or the connected components. */
  children?: ReactNode;
}

/**
 * Makes a Maven client available to `useSession`, `useMavenClient` and the
 * connected components below it. Place it inside react-query's
 * `<QueryClientProvider>`: the sessions live in that QueryClient's cache.
 *
 * ```tsx
 * <QueryClientProvider client={queryClient}>
 *   <MavenProvider client={maven}>
 *     <SessionCard sessionId={id} />
 *   </MavenProvider>
 * </QueryClientProvider>
 * ```
 */
export function MavenProvider({ client, children }: MavenProviderProps) {
  // Untyped callers (plain JS, `as any`) get a message at the provider, not a TypeError at the first poll.
  if (typeof (client as Partial<MavenClient> | null | undefined)?.sessions?.get !== "function") {
    throw new Error(
      '<MavenProvider> needs a client: pass client={createMavenClient({ baseUrl: "/api/maven" })} ' +
        'with createMavenClient from "@trymaven/core".',
    );
  }
  return <MavenContext.Provider value={client}>{children}</MavenContext.Provider>;
}
