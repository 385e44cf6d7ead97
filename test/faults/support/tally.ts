/**
 * The suite's closing line, counted from the run itself.
 *
 * Each test that exercises a fault or a hostile input tags itself (`tally(context, ...)`) with the case it
 * tries and the layer it tries it on (client, proxy, card). The projects' global teardowns read the tags
 * and results back from Vitest's state in the main process; the last of them to run prints one line for
 * both projects:
 *
 *   faults: 27 tried, 27 survived (...); hostile inputs: 36 tried, 36 rendered safely (...)
 *
 * A case survives when every test tagged with it passed and none of them shows a known bug.
 */
import type { TestContext } from "vitest";
import type { KnownBug } from "../known-bugs.ts";

export type TallyKind = "fault" | "hostile";

export interface TallyTag {
  kind: TallyKind;
  /** The case: a fault id from matrix.ts or a hostile input id from hostile.ts. */
  id: string;
  /** Where it was tried: `client`, `proxy`, `card`... */
  layer: string;
  /** The case shows this known bug (known-bugs.ts): it did not survive, whatever the test's result. */
  knownBug?: KnownBug;
}

declare module "vitest" {
  interface TaskMeta {
    reliability?: TallyTag;
  }
}

/** Tags the running test as one try of `id` on `layer`. */
export function tally(
  context: TestContext,
  kind: TallyKind,
  id: string,
  layer: string,
  { knownBug }: { knownBug?: KnownBug | undefined } = {},
): void {
  context.task.meta.reliability = { kind, id, layer, ...(knownBug ? { knownBug } : {}) };
}
