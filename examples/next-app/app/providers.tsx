"use client";

import { QueryClient, QueryClientProvider, isServer } from "@tanstack/react-query";
import { createMavenClient } from "@trymaven/core";
import { MavenProvider } from "@trymaven/react";
import { useState, type ReactNode } from "react";

/**
 * The browser's side: a QueryClient and a Maven client with no key that talks
 * only to this app's proxy (app/api/maven/v1/sessions/[id]/route.ts).
 */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  const [maven] = useState(() =>
    createMavenClient({
      baseUrl: "/api/maven",
      // This component is also rendered on the server, where createMavenClient
      // would pick MAVEN_API_KEY up from the environment. Server rendering never
      // fetches through this client (the page prefetches with the server client
      // and hydrates), so make sure it never can.
      fetch: isServer ? refuseOnServer : undefined,
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <MavenProvider client={maven}>{children}</MavenProvider>
    </QueryClientProvider>
  );
}

function refuseOnServer(): Promise<Response> {
  return Promise.reject(
    new Error("The browser's Maven client does not fetch during server rendering; prefetch with serverMaven()."),
  );
}
