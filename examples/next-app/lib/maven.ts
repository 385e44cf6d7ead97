import "server-only";
import { createMavenClient, type MavenClient } from "@trymaven/core";
import { MOCK_API_KEY } from "@trymaven/mock";

/** Where `pnpm mock` (the `maven-mock` CLI) listens. */
export const LOCAL_MOCK_URL = "http://127.0.0.1:4010";

/**
 * The Maven settings of this server, read from the environment on each call
 * (never at build time, never in a `NEXT_PUBLIC_*` variable).
 *
 * With neither variable set, the app talks to the local mock with the mock's
 * fake key, so `pnpm mock` + `pnpm start` works with no configuration. A key of
 * your own never goes to the mock by default: with `MAVEN_API_KEY` set and no
 * `MAVEN_BASE_URL`, the base URL is the client's own default, the Maven API.
 * (Defaulting to the mock there would send a live key, over plain HTTP, to
 * whatever listens on 127.0.0.1:4010.) Point `MAVEN_BASE_URL` anywhere but the
 * local mock and `MAVEN_API_KEY` is required.
 */
export function mavenSettings(): { baseUrl: string | undefined; apiKey: string | undefined } {
  const configuredKey = process.env.MAVEN_API_KEY?.trim() || undefined;
  const baseUrl = process.env.MAVEN_BASE_URL?.trim() || (configuredKey ? undefined : LOCAL_MOCK_URL);
  const apiKey = configuredKey ?? (baseUrl === LOCAL_MOCK_URL ? MOCK_API_KEY : undefined);
  return { baseUrl, apiKey };
}

/**
 * The key-holding client for Server Components (prefetching). Never pass it to a
 * client component. Creating one is cheap (no connection is opened), so each
 * request gets its own, built from the current environment.
 */
export function serverMaven(): MavenClient {
  const { baseUrl, apiKey } = mavenSettings();
  if (!apiKey) {
    throw new Error(`MAVEN_API_KEY is not set: the server cannot call Maven at ${baseUrl ?? "its default URL"}.`);
  }
  // A short timeout and no retries: the page should not wait on Maven; the browser's polling takes over.
  return createMavenClient({ apiKey, baseUrl, timeoutMs: 3_000, maxRetries: 0 });
}
