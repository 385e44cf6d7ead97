import type { TestProject } from "vitest/node";
import type {} from "./support/mock-control.ts"; // `provide("mockUrl")` is typed there
import { startFaultsMock } from "./support/mock-server.ts";
import { finishTallyProject, registerTallyProject } from "./support/tally-summary.ts";

/** The Node project: the mock checks the key (`FAULTS_API_KEY` only), as Maven would. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  registerTallyProject(project);
  const mock = await startFaultsMock({ requireAuth: true });
  project.provide("mockUrl", mock.url);
  return async () => {
    await mock.close();
    finishTallyProject(project);
  };
}
