/**
 * The `maven-mock` command, as a function (the bin in `cli.ts` only wires it to
 * the process), so it can be tested without spawning a process.
 */
import { parseArgs } from "node:util";
import { API_KEY_PATTERN, MOCK_API_KEY } from "./api-key.js";
import { isScenarioName, SCENARIO_NAMES, type ScenarioName } from "./scenarios.js";
import { startMockServer, type MockServer } from "./server.js";
import type { ScenarioSessionInit } from "./simulator.js";

export const USAGE = `Usage: maven-mock [options]

A simulated Maven API (GET /v1/sessions/{id}) on a loopback port, serving every
fixture plus the scenarios you ask for. Stop it with Ctrl+C.

Options:
  --port <n>          Port to listen on; 0 picks a free one (default 4010)
  --host <addr>       Interface to listen on (default 127.0.0.1)
  --scenario <name>   Play a scenario; repeat for more, or "all" (${SCENARIO_NAMES.join(", ")})
  --advance-by <how>  "time" (default) or "request": one scenario step per request
  --time-scale <x>    Multiply scenario delays (0.1 = ten times faster)
  --latency <ms>      Delay every answer (default 0)
  --api-key <key>     Accept only this key (default: any well-formed mvn_test_/mvn_live_ key)
  --no-auth           Answer requests without a key too (a browser page calling the mock, with --cors)
  --no-fixtures       Do not serve the built-in fixtures
  --cors              Answer CORS preflights, for a browser page calling the mock directly
  --help              Show this help

Control endpoints (loopback only): GET /__mock/stats, GET /__mock/requests,
GET|POST /__mock/sessions, PATCH|DELETE /__mock/sessions/{id},
POST /__mock/sessions/{id}/advance, GET|POST|DELETE /__mock/faults, POST /__mock/reset.
Bodies are JSON (Content-Type: application/json); another origin's page is refused unless --cors.`;

/** Bad command-line input: print the message and the usage, exit 2. */
export class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

function readNumber(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (value.trim() === "" || !Number.isFinite(number) || number < 0) fail(`--${name} must be a non-negative number.`);
  return number;
}

/** Where the CLI writes. */
export interface CliOutput {
  stdout: (text: string) => void;
}

/** A running CLI: the server, and the shutdown the signal handlers call. */
export interface RunningCli {
  server: MockServer;
  /** Closes the server (destroying open connections). */
  stop(): Promise<void>;
}

/**
 * Runs `maven-mock` with `argv` (without the node and script paths). Resolves
 * with the running server, or `null` after `--help`. Throws `UsageError` for bad input.
 */
export async function runCli(argv: string[], output: CliOutput): Promise<RunningCli | null> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        scenario: { type: "string", multiple: true },
        "advance-by": { type: "string" },
        "time-scale": { type: "string" },
        latency: { type: "string" },
        "api-key": { type: "string" },
        "no-fixtures": { type: "boolean" },
        "no-auth": { type: "boolean" },
        cors: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  if (values.help) {
    output.stdout(`${USAGE}\n`);
    return null;
  }

  const port = readNumber("port", values.port, 4010);
  if (!Number.isInteger(port) || port > 65_535) fail("--port must be an integer from 0 to 65535.");
  const advanceBy = values["advance-by"] ?? "time";
  if (advanceBy !== "time" && advanceBy !== "request") fail('--advance-by must be "time" or "request".');
  const timeScale = readNumber("time-scale", values["time-scale"], 1);

  const requested = (values.scenario ?? []).flatMap((name) => (name === "all" ? SCENARIO_NAMES : [name]));
  for (const name of requested) {
    if (!isScenarioName(name)) fail(`unknown scenario "${name}". Known: ${SCENARIO_NAMES.join(", ")}, all.`);
  }
  const sessions: ScenarioSessionInit[] = (requested as ScenarioName[]).map((scenario) => ({
    scenario,
    advanceBy,
    timeScale,
  }));

  const apiKey = values["api-key"];
  if (apiKey !== undefined && !API_KEY_PATTERN.test(apiKey)) {
    fail("--api-key must look like a Maven key: mvn_test_ or mvn_live_ followed by 32 letters or digits.");
  }
  const noAuth = values["no-auth"] ?? false;
  if (noAuth && apiKey !== undefined) fail("--no-auth and --api-key contradict each other: pass one.");

  const server = await startMockServer({
    port,
    host: values.host ?? "127.0.0.1",
    sessions,
    fixtures: !values["no-fixtures"],
    cors: values.cors ?? false,
    latencyMs: readNumber("latency", values.latency, 0),
    requireAuth: !noAuth,
    ...(apiKey === undefined ? {} : { apiKey }),
  });

  const lines = [
    `Maven mock API listening on ${server.url}`,
    noAuth ? "  key:      none needed (--no-auth)" : `  key:      Authorization: Bearer ${apiKey ?? MOCK_API_KEY}`,
    `  sessions: ${server.url}/__mock/sessions`,
  ];
  // Sessions are listed in the order they were added: the scenarios' come last, in the order asked for
  // (a scenario asked for twice gets a second id of its own).
  const played = sessions.length === 0 ? [] : server.simulator.listSessions().slice(-sessions.length);
  for (const [i, session] of played.entries()) {
    lines.push(`  ${requested[i]!.padEnd(24)} ${server.url}/v1/sessions/${session.session_id}`);
  }
  output.stdout(`${lines.join("\n")}\n`);
  return { server, stop: () => server.close() };
}
