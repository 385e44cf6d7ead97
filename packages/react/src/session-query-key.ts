/** The react-query key of one session, as `sessionQueryKey` builds it. */
export type SessionQueryKey = readonly ["maven", "session", string];

/**
 * The react-query key of one session: `["maven", "session", id]`, with the id
 * lowercased so `ABC…` and `abc…` share one cache entry and one request.
 *
 * Use it to read or touch the cache yourself:
 *
 * ```ts
 * queryClient.getQueryData(sessionQueryKey(id));
 * queryClient.invalidateQueries({ queryKey: sessionQueryKey(id) });
 * queryClient.invalidateQueries({ queryKey: ["maven", "session"] }); // every session
 * ```
 */
export function sessionQueryKey(sessionId: string): SessionQueryKey {
  return ["maven", "session", sessionId.toLowerCase()] as const;
}
