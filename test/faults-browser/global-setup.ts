import { transform } from "lightningcss";
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
  project.provide("lightDarkCss", LIGHT_DARK_CSS);
  return async () => {
    await mock.close();
    finishTallyProject(project);
  };
}

/**
 * A page's colours given with `light-dark()` (as the Theming docs suggest), as Lightning CSS (Next.js's CSS step,
 * and Vite's when set to) writes them for browsers older than light-dark(): two variables it sets only beside a
 * literal color-scheme. The themes test checks our stylesheet sets them, so the page's colours still follow the theme.
 */
const LIGHT_DARK_CSS = transform({
  filename: "page.css",
  code: Buffer.from(".mvn-root { --mvn-bg: light-dark(#fbf8f3, #1d1a16); }"),
  targets: { chrome: 100 << 16 },
}).code.toString();

declare module "vitest" {
  interface ProvidedContext {
    lightDarkCss: string;
  }
}
