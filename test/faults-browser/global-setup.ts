import type { TestProject } from "vitest/node";
import type {} from "../faults/support/mock-control.ts"; // `provide("mockUrl")` is typed there
import { startFaultsMock } from "../faults/support/mock-server.ts";
import { finishTallyProject, registerTallyProject } from "../faults/support/tally-summary.ts";

/**
 * The browser project: the page's client calls the mock directly, with no key (in an app it would call
 * your proxy, which adds the key; the proxy itself is tried in the Node project).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  registerTallyProject(project);
  const mock = await startFaultsMock({ requireAuth: false });
  project.provide("mockUrl", mock.url);
  return async () => {
    await mock.close();
    finishTallyProject(project);
  };
}
