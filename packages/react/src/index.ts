/**
 * @trymaven/react: hooks and components that show a Maven session live.
 * The built entry starts with "use client" (see tsdown.config.ts).
 */
export { MavenProvider, type MavenProviderProps } from "./provider.js";
export { useMavenClient } from "./use-maven-client.js";
export { useSession, type UseSessionOptions, type UseSessionResult } from "./use-session.js";
export { useDelayedSince } from "./use-delayed-since.js";
export { sessionQueryOptions, type SessionPollingOptions, type SessionQueryOptions } from "./session-query-options.js";
export { sessionQueryKey, type SessionQueryKey } from "./session-query-key.js";

// Components (issue 8). Import "@trymaven/react/styles.css" once for the default look.
export { SessionCard, type SessionCardProps, type SessionCardSharedProps } from "./components/session-card.js";
export { ProcessorDetails, type ProcessorDetailsProps } from "./components/processor-details.js";
export { SessionStatusBadge, type SessionStatusBadgeProps } from "./components/session-status-badge.js";
export { defaultLabels, type SessionCardLabelOverrides, type SessionCardLabels } from "./components/labels.js";
