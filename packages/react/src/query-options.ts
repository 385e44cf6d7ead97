/**
 * @trymaven/react/query-options: the query options and key without the
 * package's "use client" directive, for React Server Components. A Server
 * Component may call functions only from modules that are not client
 * modules, so prefetch there with this entry:
 *
 * ```tsx
 * import { sessionQueryOptions } from "@trymaven/react/query-options";
 * // sessionProxy: your createSessionHandler(...) from "@trymaven/core/server"
 * await queryClient.prefetchQuery(sessionQueryOptions(sessionProxy.client, id));
 * ```
 *
 * Everywhere else, the same functions come from "@trymaven/react".
 */
export { sessionQueryOptions, type SessionPollingOptions, type SessionQueryOptions } from "./session-query-options.js";
export { sessionQueryKey, type SessionQueryKey } from "./session-query-key.js";
