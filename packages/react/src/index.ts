/**
 * @trymaven/react: hooks and components that show a Maven session live.
 * The built entry starts with "use client" (see tsdown.config.ts).
 */
export { MavenProvider, type MavenProviderProps } from "./provider.js";
export { useMavenClient } from "./use-maven-client.js";
export { useSession, type UseSessionOptions, type UseSessionResult } from "./use-session.js";
export { sessionQueryOptions, type SessionPollingOptions } from "./session-query-options.js";
export { sessionQueryKey } from "./session-query-key.js";
