/** True in a browser page or worker: a place where an API key would be visible to the user. */
export function isBrowserLike(): boolean {
  const g = globalThis as {
    window?: { document?: unknown };
    importScripts?: unknown;
    navigator?: { product?: string };
  };
  if (typeof g.window === "object" && typeof g.window?.document === "object") return true;
  // Web workers have no window but can read anything the page gives them.
  return typeof g.importScripts === "function";
}

/** Reads an environment variable on server runtimes (Node, Bun, Deno with --allow-env), never in a browser. */
export function readServerEnv(name: string): string | undefined {
  if (isBrowserLike()) return undefined;
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> };
    Deno?: { env?: { get(key: string): string | undefined } };
  };
  try {
    const value = g.process?.env?.[name] ?? g.Deno?.env?.get(name);
    return value?.trim() ? value.trim() : undefined;
  } catch {
    // Deno without --allow-env throws.
    return undefined;
  }
}
