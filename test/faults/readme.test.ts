/**
 * The README's "Reliability" table is generated from the matrix: this test fails when one is edited without
 * the other. `pnpm reliability:table` rewrites the README's copy (this test, with RELIABILITY_TABLE_WRITE=1).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { FAULT_NAMES } from "@trymaven/mock";
import { describe, expect, it } from "vitest";
import { KNOWN_BUGS } from "./known-bugs.ts";
import {
  FAULT_MATRIX,
  README_END,
  README_START,
  normalizeBlock,
  parseTable,
  renderReadmeBlock,
  renderTable,
  tableRows,
} from "./matrix.ts";

const README = new URL("../../README.md", import.meta.url);

describe("the README's Reliability section", () => {
  it("holds the table generated from test/faults/matrix.ts, and the known bugs", () => {
    const text = readFileSync(README, "utf8");
    const start = text.indexOf(README_START);
    const end = text.indexOf(README_END);
    const expected = renderReadmeBlock(KNOWN_BUGS);
    if (process.env.RELIABILITY_TABLE_WRITE === "1" && start !== -1 && end > start) {
      writeFileSync(README, text.slice(0, start) + expected + text.slice(end + README_END.length));
      return;
    }
    expect(start, `README.md has no "${README_START}" marker`).toBeGreaterThan(-1);
    expect(end, `README.md has no "${README_END}" marker after the start`).toBeGreaterThan(start);
    const actual = text.slice(start, end + README_END.length);
    expect(normalizeBlock(actual), "README.md is out of date: run `pnpm reliability:table`").toEqual(
      normalizeBlock(expected),
    );
  });
});

describe("the matrix", () => {
  it("tries every fault the mock can inject (a slow answer within the time limit is just an answer)", () => {
    const tried = new Set(
      FAULT_MATRIX.map((row) => (typeof row.fault === "object" ? row.fault.type : String(row.fault))),
    );
    const statusFaults: Record<string, string> = {
      "401": "unauthorized",
      "403": "forbidden",
      "404": "not-found",
      "422": "unprocessable",
      "429": "rate-limited",
      "500": "server-error",
      "502": "bad-gateway",
      "503": "service-unavailable",
    };
    const names = new Set([...tried].map((name) => statusFaults[name] ?? name));
    expect(FAULT_NAMES.filter((name) => name !== "slow" && !names.has(name))).toEqual([]);
  });

  it("has unique ids, and says what each failure throws and shows", () => {
    expect(new Set(FAULT_MATRIX.map((row) => row.id)).size).toBe(FAULT_MATRIX.length);
    for (const row of FAULT_MATRIX) {
      const fails = row.policy === "stop" || row.policy === "retry" || row.policy === "resume";
      expect(row.error !== undefined, row.id).toBe(fails);
      expect(row.card !== undefined, row.id).toBe(fails);
      expect(row.shows !== undefined, row.id).toBe(!fails);
    }
  });

  it("renders a table whose cells read back unchanged", () => {
    expect(parseTable(renderTable()).slice(1)).toEqual(tableRows().map((row) => [...row]));
  });
});
