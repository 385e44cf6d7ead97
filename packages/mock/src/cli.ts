#!/usr/bin/env node
/**
 * `maven-mock`: the simulated Maven API on a loopback port.
 *
 *   maven-mock --port 4010 --scenario success --scenario declined
 */
import { runCli, USAGE, UsageError } from "./cli-main.js";

const output = {
  stdout: (text: string) => void process.stdout.write(text),
  stderr: (text: string) => void process.stderr.write(text),
};

runCli(process.argv.slice(2), output).then(
  (running) => {
    if (!running) return;
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      output.stdout(`\nmaven-mock: ${signal}, shutting down\n`);
      running.stop().then(
        () => process.exit(0),
        (error: unknown) => {
          output.stderr(`maven-mock: ${(error as Error).message}\n`);
          process.exit(1);
        },
      );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      output.stderr(`maven-mock: ${error.message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    output.stderr(`maven-mock: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
