/** True in a browser page or worker: a place where an API key would be visible to the user. */
export function isBrowserLike(): boolean {
  const g = globalThis as {
    window?: { document?: unknown };
    importScripts?: unknown;
    navigator?: { product?: string };
  };
  return (
    (typeof g.window === "object" && typeof g.window?.document === "object") ||
    // Web workers have no window but can read anything the page gives them.
    typeof g.importScripts === "function"
  );
}

/**
 * `MAVEN_API_KEY` from the environment of a server runtime (Node, Bun, Deno with --allow-env), never in a
 * browser; and for a client or proxy calling `baseUrl`, only when that is `https:`. Never for a relative one
 * (a browser client behind your proxy, even while server-rendered), nor for plain `http:` or anything else,
 * which a URL parser may still read as http (`"ht\ttp://"`: it drops tabs).
 */
export function readServerKey(baseUrl = "https:"): string | undefined {
  if (isBrowserLike() || !/^https:/i.test(baseUrl)) return undefined;
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get(key: string): string | undefined } };
  };
  try {
    const value = g.process?.env?.MAVEN_API_KEY ?? g.Deno?.env?.get("MAVEN_API_KEY");
    return value?.trim() || undefined;
  } catch {
    // Deno without --allow-env throws.
    return undefined;
  }
}

/**
 * A live key (`mvn_live_…`) goes to an `https:` `baseUrl` only: over plain `http:` anyone on the way could
 * read it and charge cards with it. (Test keys may go to a local mock over http.)
 */
export const isLiveKeyOverHttp = (apiKey: string | undefined, baseUrl: string): boolean =>
  !!apiKey?.startsWith("mvn_live_") && !/^https:/i.test(baseUrl);
