import { createContext, useContext } from "react";
import type { MavenClient } from "@trymaven/core";

export const MavenContext = /* @__PURE__ */ createContext<MavenClient | null>(null);
MavenContext.displayName = "MavenContext";

/** The provider's client, or a message that says what to wrap, naming the hook that was called. */
export function useMavenClientFor(hookName: string): MavenClient {
  const client = useContext(MavenContext);
  if (!client) {
    throw new Error(
      `${hookName} needs a <MavenProvider client={createMavenClient({ baseUrl: "/api/maven" })}> above it, ` +
        `inside your <QueryClientProvider>.`,
    );
  }
  return client;
}
