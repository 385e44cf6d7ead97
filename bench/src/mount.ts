/**
 * Drives the mount benchmark in Debian's Chromium (playwright-core): serves
 * the built page (bench/dist/page) on 127.0.0.1, mounts 500 cards of each kind
 * after a warm-up, alternating which goes first, and reports the medians.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";
import type { Session } from "@trymaven/core";
import { listFixtures } from "@trymaven/mock";
import { chromiumLaunchOptions } from "../../vitest.shared.ts";

export interface MountTimes {
  cards: number;
  /** Median milliseconds to mount all the cards. */
  mavenMs: number;
  handMs: number;
  /** DOM elements per card, to show the two render comparable markup. */
  mavenElements: number;
  handElements: number;
  chromiumVersion: string;
}

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css" };
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function serve(directory: string) {
  const server = createServer(async (request, response) => {
    const path = normalize(new URL(request.url ?? "/", "http://x").pathname).replace(/^(\.\.[/\\])+/, "");
    const file = join(directory, path === "/" ? "index.html" : path);
    if (!file.startsWith(directory) || !(await stat(file).catch(() => null))?.isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

export async function benchMount(pageDirectory: string, cards = 500, rounds = 12): Promise<MountTimes> {
  const fixtures = listFixtures().map((fixture) => fixture.session);
  const sessions: Session[] = Array.from({ length: cards }, (_, i) => fixtures[i % fixtures.length]!);
  const site = await serve(pageDirectory);
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => "mavenBench" in window);
    const mount = (kind: "maven" | "hand") =>
      page.evaluate(
        ([kind, sessions]) =>
          (
            window as unknown as {
              mavenBench: { mount(kind: string, sessions: unknown[]): { ms: number; elements: number } };
            }
          ).mavenBench.mount(kind, sessions),
        [kind, sessions] as const,
      );
    for (let i = 0; i < 3; i++) {
      await mount("maven");
      await mount("hand");
    }
    const times = { maven: [] as number[], hand: [] as number[] };
    let elements = { maven: 0, hand: 0 };
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (["maven", "hand"] as const) : (["hand", "maven"] as const);
      for (const kind of order) {
        const result = await mount(kind);
        times[kind].push(result.ms);
        elements = { ...elements, [kind]: result.elements };
      }
    }
    return {
      cards,
      mavenMs: median(times.maven),
      handMs: median(times.hand),
      mavenElements: elements.maven / cards,
      handElements: elements.hand / cards,
      chromiumVersion: browser.version(),
    };
  } finally {
    await browser.close();
    await site.close();
  }
}
