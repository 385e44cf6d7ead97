"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMavenClient } from "@trymaven/core";
import { MavenProvider } from "@trymaven/react";
import { useState, type ReactNode } from "react";

/**
 * The browser's side: a QueryClient and a Maven client with no key that talks
 * only to this app's proxy (app/api/maven/v1/sessions/[id]/route.ts). A relative
 * baseUrl never reads MAVEN_API_KEY, also while this component is server-rendered.
 */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  const [maven] = useState(() => createMavenClient({ baseUrl: "/api/maven" }));
  return (
    <QueryClientProvider client={queryClient}>
      <MavenProvider client={maven}>{children}</MavenProvider>
    </QueryClientProvider>
  );
}
