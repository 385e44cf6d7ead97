import type { MavenClient } from "@trymaven/core";
import { useMavenClientFor } from "./internal/maven-context.js";

/**
 * The client given to the nearest `<MavenProvider>`, for calls of your own
 * (`maven.sessions.get(id)`) or your own `useQuery(sessionQueryOptions(maven, id))`.
 * Throws, saying what to wrap, when there is no provider above.
 */
export function useMavenClient(): MavenClient {
  return useMavenClientFor("useMavenClient()");
}
