import { http, type HttpHandler } from "msw";
import {
  createMavenSimulator,
  isMavenSimulator,
  type MavenSimulator,
  type MavenSimulatorOptions,
} from "./simulator.js";

/** Maven's production API, the default base the handlers answer for. */
export const MAVEN_API_BASE_URL = "https://api.trymaven.com";

export interface MavenHandlersOptions extends MavenSimulatorOptions {
  /**
   * Where the handlers answer: the API's origin, or the path of your own proxy
   * (`"/api/maven"`) when the browser client goes through `createSessionHandler`.
   * A relative base matches that path on any origin.
   * @default "https://api.trymaven.com"
   */
  baseUrl?: string | undefined;
  /**
   * An existing simulator to serve, e.g. one your test also drives. When given,
   * the simulator options here are ignored, `requireAuth` included: with a relative
   * `baseUrl`, create it with `requireAuth: false` (a warning says so otherwise).
   */
  simulator?: MavenSimulator | undefined;
  /**
   * Inherited from the simulator options. Defaults to `true` for an absolute
   * `baseUrl` (the API itself needs a key) and `false` for a relative one (a
   * browser calling your proxy sends no key; the proxy adds it).
   */
  requireAuth?: boolean | undefined;
}

/** msw handlers for the Maven API, with the simulator that answers them. Spread it into `setupServer`/`setupWorker`. */
export type MavenHandlers = HttpHandler[] & {
  /** The simulator that answers: the one you passed, or the one made from your options. Inject faults and add sessions on it. */
  readonly simulator: MavenSimulator;
};

/**
 * msw request handlers that serve the simulated Maven API
 * (`GET {baseUrl}/v1/sessions/{id}`; other methods get 405, as from the API).
 *
 * ```ts
 * const handlers = createMavenHandlers();            // fixtures, auth on, api.trymaven.com
 * const server = setupServer(...handlers);           // msw/node; setupWorker in a browser
 * handlers.simulator.injectFault(503);
 * ```
 *
 * Pass a simulator to share it with the loopback server or your assertions:
 * `createMavenHandlers(simulator)` or `createMavenHandlers({ simulator, baseUrl })`.
 */
export function createMavenHandlers(options: MavenHandlersOptions | MavenSimulator = {}): MavenHandlers {
  const handlerOptions: MavenHandlersOptions = isMavenSimulator(options) ? { simulator: options } : options;
  const baseUrl = (handlerOptions.baseUrl?.trim() || MAVEN_API_BASE_URL).replace(/\/+$/, "");
  const relative = !/^[a-z][a-z\d+.-]*:\/\//i.test(baseUrl);
  const simulator =
    handlerOptions.simulator ??
    createMavenSimulator({ ...handlerOptions, requireAuth: handlerOptions.requireAuth ?? !relative });
  if (relative && handlerOptions.simulator?.requireAuth) {
    // A relative base serves a browser client, which sends no key: every answer would be a 401 the test did not ask for.
    console.warn(
      `[@trymaven/mock] createMavenHandlers: the baseUrl "${baseUrl}" is a proxy's path, whose browser client sends no key, ` +
        "but the simulator given requires one, so every request will be answered 401. " +
        "Create it with createMavenSimulator({ requireAuth: false }).",
    );
  }

  // msw resolves a relative path against `location`, which Node lacks; a leading
  // wildcard matches the path on any origin in both environments.
  const path = `${relative ? "*" : ""}${baseUrl.startsWith("/") || !relative ? "" : "/"}${baseUrl}/v1/sessions/:sessionId`;
  const handlers: HttpHandler[] = [http.all(path, ({ request }) => simulator.handle(request))];
  return Object.assign(handlers, { simulator });
}
