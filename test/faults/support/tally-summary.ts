/** Runs in Vitest's main process (global setup and teardown): counts the tagged tests and prints one line. */
import type { TestProject } from "vitest/node";
import type { TallyKind, TallyTag } from "./tally.ts";

/** The projects whose tests carry tally tags (a browser project is named after its instance too: "faults-browser (chromium)"). */
export const TALLY_PROJECTS: readonly string[] = ["faults", "faults-browser"];
const isTallyProject = (name: string) =>
  TALLY_PROJECTS.some((tallied) => name === tallied || name.startsWith(`${tallied} (`));

const PENDING = Symbol.for("@trymaven/test-faults:tally-pending");
type Registry = { [PENDING]?: Set<string> };

/** Called from each tally project's global setup: remembers which of them take part in this run. */
export function registerTallyProject(project: TestProject): void {
  const registry = globalThis as Registry;
  registry[PENDING] ??= new Set(project.vitest.projects.map((each) => each.name).filter(isTallyProject));
}

/** Called from each tally project's teardown; the last one prints the line for all of them. */
export function finishTallyProject(project: TestProject): void {
  const pending = (globalThis as Registry)[PENDING];
  pending?.delete(project.name);
  if (pending && pending.size > 0) return;
  delete (globalThis as Registry)[PENDING];
  const line = tallyLine(project);
  if (line) process.stdout.write(`\n${line}\n`);
}

interface Case {
  tests: number;
  passed: number;
  knownBugs: Set<string>;
}

export function tallyLine(project: TestProject): string | null {
  const cases: Record<TallyKind, Map<string, Case>> = { fault: new Map(), hostile: new Map() };
  const layers: Record<TallyKind, Map<string, number>> = { fault: new Map(), hostile: new Map() };
  for (const module of project.vitest.state.getTestModules()) {
    if (!isTallyProject(module.project.name)) continue;
    for (const test of module.children.allTests()) {
      const tag = test.meta().reliability as TallyTag | undefined;
      if (!tag) continue;
      const entry = cases[tag.kind].get(tag.id) ?? { tests: 0, passed: 0, knownBugs: new Set() };
      entry.tests += 1;
      if (test.result().state === "passed") entry.passed += 1;
      if (tag.knownBug) entry.knownBugs.add(tag.knownBug);
      cases[tag.kind].set(tag.id, entry);
      layers[tag.kind].set(tag.layer, (layers[tag.kind].get(tag.layer) ?? 0) + 1);
    }
  }
  const part = (kind: TallyKind, noun: string, verb: string): string | null => {
    const all = [...cases[kind]];
    if (all.length === 0) return null;
    const ok = all.filter(([, entry]) => entry.passed === entry.tests && entry.knownBugs.size === 0).length;
    const buggy = all.filter(([, entry]) => entry.knownBugs.size > 0);
    const bugNames = [...new Set(buggy.flatMap(([, entry]) => [...entry.knownBugs]))];
    const known = buggy.length > 0 ? `, ${buggy.length} hit a known bug (${bugNames.join(", ")})` : "";
    const checks = all.reduce((sum, [, entry]) => sum + entry.tests, 0);
    const byLayer = [...layers[kind]].map(([layer, count]) => `${layer} ${count}`).join(", ");
    return `${noun}: ${all.length} tried, ${ok} ${verb}${known} (${checks} checks: ${byLayer})`;
  };
  const parts = [part("fault", "faults", "survived"), part("hostile", "hostile inputs", "rendered safely")];
  const present = parts.filter((text): text is string => text !== null);
  return present.length > 0 ? present.join("; ") : null;
}
