// `pnpm bench`: builds the benchmark against the built packages (run after
// `pnpm build`; the root script does both), measures, and prints one table.
// See README.md "Performance" and bench/src/*.ts for what each row measures.
import { writeFile } from "node:fs/promises";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { build } from "vite";

const benchDir = fileURLToPath(new URL(".", import.meta.url));
const out = `${benchDir}dist`;
const quiet = { configFile: false, logLevel: "warn", root: benchDir };

// 1. Compile: the Node parts (all packages stay external, loaded from their dist as users load them),
//    and the mount page (a production build, as users ship it).
await build({
  ...quiet,
  build: {
    ssr: true,
    outDir: `${out}/node`,
    emptyOutDir: true,
    target: "node20",
    rollupOptions: { input: { main: "src/main.ts", viewers: "src/viewers-run.ts" } },
  },
  ssr: { external: true },
});
await build({
  ...quiet,
  root: `${benchDir}page`,
  base: "./",
  plugins: [react()],
  build: { outDir: `${out}/page`, emptyOutDir: true },
});

let partStarted = performance.now();
const progress = (text) => {
  const now = performance.now();
  process.stderr.write(`bench: ${text} (previous part ${((now - partStarted) / 1000).toFixed(1)} s)\n`);
  partStarted = now;
};
const main = await import(`${out}/node/main.js`);

progress("parse (tinybench)…");
const parse = await main.benchParse();
progress("proxy (100 viewers, 10 sessions, 3 simulated minutes)…");
const proxy = await main.benchProxy();
progress("mount (Chromium, 500 cards)…");
const mount = await main.benchMount(`${out}/page`);

// 2. The viewer counts need a DOM: jsdom's globals, installed only now (the parts above must not look like a browser).
progress("viewers (jsdom, real clock)…");
const { JSDOM } = await import("jsdom");
const dom = new JSDOM("<!doctype html><html><body></body></html>", { url: "http://admin.merchant.test/" });
for (const key of ["window", "document", "navigator", "Node", "HTMLElement", "Event", "MutationObserver"]) {
  Object.defineProperty(globalThis, key, { configurable: true, writable: true, value: dom.window[key] });
}
// Counting renders needs <Profiler>, which only reports in React's development build (vite's build above set
// NODE_ENV to production); the counts do not depend on the build.
process.env.NODE_ENV = "development";
const { benchViewers } = await import(`${out}/node/viewers.js`);
const viewers = await benchViewers([1, 10, 100]);
progress("done");

// 3. One table.
const f = (value, digits = 1) => value.toFixed(digits);
const per = (counts) => `${f(counts.live)} / ${f(counts.hidden)} / ${f(counts.afterTerminal)}`;
const ratio = (a, b) => `${f(a / b, 2)}x`;
const added = (run, p) => main.percentile(run.latenciesMs, p) - proxy.directMs.p50;
const rows = [
  ["measure", "@trymaven", "naive baseline", "ratio", "goal"],
  ...viewers.maven.map((counts, i) => [
    `requests per tick, ${counts.viewers} viewer${counts.viewers > 1 ? "s" : ""} (live / hidden / terminal)`,
    per(counts),
    per(viewers.naive[i]),
    "",
    "1 / 0 / 0",
  ]),
  [
    "re-renders per card per unchanged poll (100 viewers)",
    f(viewers.maven[2].rendersPerPoll, 2),
    f(viewers.naive[2].rendersPerPoll, 2),
    "",
    "0",
  ],
  [
    `mount ${mount.cards} presentational SessionCards, ms (median)`,
    f(mount.mavenMs),
    `${f(mount.handMs)} (hand-written JSX)`,
    ratio(mount.mavenMs, mount.handMs),
    "<= 2x",
  ],
  ["mount: DOM elements per card", f(mount.mavenElements, 0), f(mount.handElements, 0), "", ""],
  [
    "validate one session, µs (median)",
    f(parse.client.p50, 2),
    `${f(parse.guard.p50, 2)} (type guard)`,
    ratio(parse.client.p50, parse.guard.p50),
    "<= 1.5x, <= 20 µs",
  ],
  [
    "validate: sessionSchema.safeParse (zod/mini), µs",
    f(parse.zod.p50, 2),
    "",
    ratio(parse.zod.p50, parse.guard.p50),
    "",
  ],
  [
    `proxy: upstream calls per minute, busiest (${proxy.viewers} viewers, ${proxy.sessions} sessions)`,
    `${proxy.maven.busiestMinute}`,
    `${proxy.naive.busiestMinute}`,
    "",
    "<= 20 (Maven's limit)",
  ],
  [
    "proxy: viewer requests answered 200",
    `${proxy.maven.answered200} / ${proxy.maven.requestsIn}`,
    `${proxy.naive.answered200} / ${proxy.naive.requestsIn}`,
    "",
    "all",
  ],
  [
    "proxy: added latency p50 / p99, ms",
    `${f(added(proxy.maven, 50), 2)} / ${f(added(proxy.maven, 99), 2)}`,
    `${f(added(proxy.naive, 50), 2)} / ${f(added(proxy.naive, 99), 2)}`,
    "",
    "",
  ],
];
const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
const line = (row) => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(" | ")} |`;
// Markdown, formatted as prettier formats it, so it can be pasted into the README as is.
const table = [line(rows[0]), line(widths.map((w) => "-".repeat(w))), ...rows.slice(1).map(line)];
const machine =
  `${availableParallelism()} cores (${cpus()[0]?.model.trim()}), Node ${process.versions.node}, ` +
  `Chromium ${mount.chromiumVersion}; added latency is against a direct call to the mock ` +
  `(p50 ${f(proxy.directMs.p50, 2)} ms, p99 ${f(proxy.directMs.p99, 2)} ms).`;
console.log([...table, "", machine].join("\n"));
await writeFile(
  `${out}/results.json`,
  JSON.stringify(
    {
      machine,
      parse,
      proxy: {
        ...proxy,
        maven: { ...proxy.maven, latenciesMs: undefined },
        naive: { ...proxy.naive, latenciesMs: undefined },
      },
      mount,
      viewers,
    },
    null,
    2,
  ),
);
// react-query's cache timers and jsdom would keep the process alive.
process.exit(0);
