import "server-only";
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
 * local mock and `MAVEN_API_KEY` is required. A live key (`mvn_live_…`) is never
 * sent over plain http, where anyone on the way could read it: with an `http:`
 * `MAVEN_BASE_URL` it is left out (the library refuses it too: its client throws
 * and its proxy answers 500), and every request fails until a test key or https is used.
 */
export function mavenSettings(): { baseUrl: string | undefined; apiKey: string | undefined } {
  const configuredKey = process.env.MAVEN_API_KEY?.trim() || undefined;
  const baseUrl = process.env.MAVEN_BASE_URL?.trim() || (configuredKey ? undefined : LOCAL_MOCK_URL);
  if (configuredKey?.startsWith("mvn_live_") && !/^https:/i.test(baseUrl ?? "https:")) {
    return { baseUrl, apiKey: undefined };
  }
  const apiKey = configuredKey ?? (baseUrl === LOCAL_MOCK_URL ? MOCK_API_KEY : undefined);
  return { baseUrl, apiKey };
}

/**
 * Throws when this server has no Maven key, so a page says so on the app's
 * error page instead of showing a card that can only fail: without a key the
 * proxy answers every request 500.
 */
export function requireMavenKey(): void {
  const { baseUrl, apiKey } = mavenSettings();
  if (!apiKey && process.env.MAVEN_API_KEY?.trim()) {
    throw new Error(
      `MAVEN_API_KEY is a live key, which is never sent over plain http (MAVEN_BASE_URL=${baseUrl}): use https, or a test key for a local mock.`,
    );
  }
  if (!apiKey) {
    throw new Error(`MAVEN_API_KEY is not set: the server cannot call Maven at ${baseUrl ?? "its default URL"}.`);
  }
}
