import { MOCK_API_KEY } from "@trymaven/mock";
import { startMockServer, type MockServer } from "@trymaven/mock/server";

/**
 * The key the Node suite's mock accepts, and the only one: a well-formed `mvn_test_` key that is not the
 * shared MOCK_API_KEY, so a test that finds this text anywhere in a response or a log line knows where it
 * came from. "F4ULTS" because that is what this suite is about.
 */
export const FAULTS_API_KEY = "mvn_test_F4ULTSF4ULTSF4ULTSF4ULTSF4ULTS00";

export interface FaultsMockOptions {
  /** The browser calls the mock directly (no proxy in between), so it cannot send a key. */
  requireAuth: boolean;
}

/**
 * Starts `@trymaven/mock`'s loopback server for one project of this suite: 127.0.0.1, a free port, no
 * fixtures (every test adds its own session under its own id, so files running in parallel never share
 * a session, a fault or a request count), CORS on for the browser project's page.
 */
export function startFaultsMock({ requireAuth }: FaultsMockOptions): Promise<MockServer> {
  return startMockServer({
    port: 0,
    host: "127.0.0.1",
    cors: true,
    fixtures: false,
    requireAuth,
    apiKey: requireAuth ? FAULTS_API_KEY : undefined,
  });
}

export { MOCK_API_KEY };
