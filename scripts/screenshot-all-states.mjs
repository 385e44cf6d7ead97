#!/usr/bin/env node
/**
 * Screenshots the "All states" stories of the static Storybook build, for a
 * one-glance visual review: `pnpm screenshot` (builds first), or
 * `node scripts/screenshot-all-states.mjs` after `pnpm build-storybook`.
 *
 * Serves storybook-static/ on 127.0.0.1 (a random free port), opens each story's
 * iframe in Debian's Chromium through playwright-core, waits for the msw worker
 * and for the content, and writes PNGs to artifacts/ (gitignored). Each URL gets
 * a fresh browser context: reusing a tab once let a mocked request escape to the
 * network before the new page's worker took over.
 *
 * Env: CHROMIUM_PATH (default /usr/bin/chromium), STORYBOOK_STATIC (default storybook-static).
 */
import { createReadStream } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import chromiumArgs from "./chromium-args.json" with { type: "json" };

const root = fileURLToPath(new URL("..", import.meta.url));
const staticDir = resolve(root, process.env.STORYBOOK_STATIC ?? "storybook-static");
const outDir = resolve(root, "artifacts");

/** What to shoot: a story id, the globals to set, and texts that prove the mock answered. */
const shots = [
  {
    file: "all-states.png",
    id: "components-sessioncard--all-states",
    globals: "theme:light",
    waitFor: ["Session not found", "Payment succeeded"],
  },
  {
    file: "all-states-dark.png",
    id: "components-sessioncard--all-states",
    globals: "theme:dark",
    waitFor: ["Session not found", "Payment succeeded"],
  },
  {
    file: "status-badges.png",
    id: "components-sessionstatusbadge--all-states",
    globals: "theme:light",
    waitFor: ["Payment succeeded"],
  },
];

// The same flags as the tests (vitest.shared.ts): no background network, no sandbox as root.
const launchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: chromiumArgs,
};

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".map": "application/json",
};

/** A minimal static file server for the build, on loopback only. */
function serve(dir) {
  const server = createServer(async (request, response) => {
    try {
      const { pathname } = new URL(request.url ?? "/", "http://127.0.0.1");
      let path = normalize(join(dir, decodeURIComponent(pathname)));
      if (path !== dir && !path.startsWith(dir + sep)) {
        response.writeHead(403).end();
        return;
      }
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, "index.html");
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) {
        response.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      response.writeHead(200, {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "content-length": info.size,
        "cache-control": "no-store",
      });
      createReadStream(path).pipe(response);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  return new Promise((resolveServer, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolveServer(server));
  });
}

async function main() {
  if (!(await stat(join(staticDir, "iframe.html")).catch(() => null))) {
    throw new Error(`No Storybook build at ${staticDir}: run \`pnpm build-storybook\` first (or \`pnpm screenshot\`).`);
  }
  await mkdir(outDir, { recursive: true });
  const server = await serve(staticDir);
  const { port } = server.address();
  const browser = await chromium.launch(launchOptions);
  const failures = [];
  try {
    for (const shot of shots) {
      const url = `http://127.0.0.1:${port}/iframe.html?id=${shot.id}&viewMode=story&globals=${shot.globals}`;
      const context = await browser.newContext({
        viewport: { width: 1360, height: 900 },
        deviceScaleFactor: 1,
        reducedMotion: "reduce",
        colorScheme: "light",
      });
      const page = await context.newPage();
      const errors = [];
      page.on("pageerror", (error) => errors.push(error.message));
      // Nothing may leave the machine: a request to anything but our loopback server is a bug.
      await page.route(
        (requestUrl) => requestUrl.hostname !== "127.0.0.1",
        (route) => {
          errors.push(`request escaped to ${route.request().url()}`);
          return route.abort();
        },
      );
      try {
        await page.goto(url, { waitUntil: "load" });
        await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 15_000 });
        for (const text of shot.waitFor) {
          await page.getByText(text, { exact: false }).first().waitFor({ state: "visible", timeout: 20_000 });
        }
        // Fonts and the last state changes settle.
        await page.evaluate(() => document.fonts.ready);
        await page.waitForTimeout(300);
        const path = join(outDir, shot.file);
        await page.locator("#storybook-root").screenshot({ path, animations: "disabled" });
        console.log(`wrote ${path}${errors.length ? ` (page errors: ${errors.join("; ")})` : ""}`);
        if (errors.some((message) => message.startsWith("request escaped"))) failures.push(shot.file);
      } catch (error) {
        failures.push(shot.file);
        console.error(`${shot.file}: ${error instanceof Error ? error.message : error}`);
        if (errors.length) console.error(`  page errors: ${errors.join("; ")}`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await new Promise((done) => server.close(done));
  }
  if (failures.length) {
    console.error(`failed: ${failures.join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
