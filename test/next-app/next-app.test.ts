import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { DEFAULT_BASE_URL } from "@trymaven/core";
import { MOCK_API_KEY, fixtures, scenarios } from "@trymaven/mock";
import { startMockServer } from "@trymaven/mock/server";
import { chromium, type Browser, type BrowserContext, type Response as PlaywrightResponse } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumLaunchOptions } from "../../vitest.shared.ts";
import { exampleDir, nextBin } from "./paths.ts";
import {
  childPids,
  freePort,
  isAlive,
  isListening,
  startNode,
  stopProcess,
  waitForHttp,
  type StartedProcess,
} from "./processes.ts";

/** The session the demo user watches: a Stripe charge that goes pending -> collecting -> payment-success. */
const LIVE_SESSION_ID = scenarios.success.sessionId;
/** A session of another project (Lakeshore Orthodontics) than the demo user's (Northwind Dental). */
const OTHER_PROJECT_SESSION_ID = fixtures.authorizenetCaptureSuccess.session_id;
/** A well-formed id that neither the app nor the mock knows. */
const UNKNOWN_SESSION_ID = "5b0e3d4c-9a61-4f2e-8c7d-1e2f3a4b5c6d";

type MockServer = Awaited<ReturnType<typeof startMockServer>>;

let mock: MockServer | undefined;
let app: StartedProcess | undefined;
let appPort = 0;
let appUrl = "";
let browser: Browser | undefined;
let browserPids: number[] = [];
let context: BrowserContext | undefined;

/** Everything the browser received, kept as text to scan for the key. */
const received: Array<{ url: string; text: string }> = [];
const pendingBodies: Array<Promise<void>> = [];
const pageErrors: string[] = [];

function keep(response: PlaywrightResponse): void {
  pendingBodies.push(
    (async () => {
      const headers = JSON.stringify(await response.allHeaders());
      // Redirects and aborted requests have no body to read.
      const body = await response.body().then(
        (buffer) => buffer.toString("utf8"),
        () => "",
      );
      received.push({ url: response.url(), text: `${response.status()} ${headers}\n${body}` });
    })(),
  );
}

async function mockStats(): Promise<{ total: number }> {
  const response = await fetch(`${mock!.url}/__mock/stats`);
  expect(response.status).toBe(200);
  return (await response.json()) as { total: number };
}

beforeAll(async () => {
  mock = await startMockServer({ host: "127.0.0.1", port: 0 });
  ({ app, url: appUrl } = await startApp({ ...process.env, MAVEN_API_KEY: MOCK_API_KEY, MAVEN_BASE_URL: mock.url }));
  appPort = Number(new URL(appUrl).port);
  browser = await chromium.launch(chromiumLaunchOptions);
  browserPids = childPids(/chrom/i);
  if (process.platform === "linux") expect(browserPids.length).toBeGreaterThan(0);
  context = await browser.newContext();
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  const pid = app?.pid;
  await stopProcess(app);
  await mock?.close();
  // Nothing left behind: the app's and the browser's processes are gone, and the ports are free.
  if (pid !== undefined) {
    expect(() => process.kill(pid, 0)).toThrow();
    expect(await isListening(appPort)).toBe(false);
  }
  expect(browserPids.filter(isAlive)).toEqual([]);
  if (mock) expect(await isListening(mock.port)).toBe(false);
});

describe("examples/next-app, built and started, in Chromium", () => {
  it("uses the built @trymaven/react: the hooks entry is a client module, the query-options entry is not", () => {
    const dist = join(exampleDir, "node_modules", "@trymaven", "react", "dist");
    // Without the directive, Next's prerender would call useQuery() on the server and fail.
    expect(readFileSync(join(dist, "index.js"), "utf8")).toMatch(/^["']use client["'];/);
    // A Server Component can only call sessionQueryOptions from a module that is not a client module.
    expect(readFileSync(join(dist, "query-options.js"), "utf8")).not.toMatch(/^["']use client["']/);
  });

  it("signs in and shows a session going from pending to Payment succeeded, live through the proxy", async () => {
    const page = await context!.newPage();
    page.on("response", keep);
    page.on("pageerror", (error) => pageErrors.push(error.message));
    page.on("console", (message) => {
      if (message.type() === "error") pageErrors.push(`${message.text()} (${message.location().url})`);
    });

    await page.goto(`${appUrl}/`);
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel(/Maria Gomez/).check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${appUrl}/`);
    await expect(page.getByTestId("signed-in-user").textContent()).resolves.toContain("Northwind Dental");

    // The list links to the user's sessions; open the live one as a fresh page load (a new tab would do the same).
    const link = page.getByRole("link", { name: /Crown fitting/ });
    await expect(link.getAttribute("href")).resolves.toBe(`/sessions/${LIVE_SESSION_ID}`);
    await expect(page.getByRole("link", { name: /Orthodontic/ }).count()).resolves.toBe(0);

    // Start the scenario afresh, so the page opens on a pending session and watches it finish.
    mock!.simulator.addSession({ scenario: "success", sessionId: LIVE_SESSION_ID });
    const document = await page.goto(`${appUrl}/sessions/${LIVE_SESSION_ID}`);
    expect(document?.status()).toBe(200);
    const html = (await document?.text()) ?? "";

    // Server-prefetched: the first HTML already holds the session, not a loading skeleton.
    expect(html).toContain('data-status="pending"');
    expect(html).not.toContain('data-state="loading"');
    const card = page.locator("article[data-status]");
    await expect(card.getAttribute("data-status")).resolves.toBe("pending");

    const seen: string[] = [];
    const deadline = Date.now() + 40_000;
    while (Date.now() < deadline) {
      const status = await card.getAttribute("data-status");
      if (status && seen.at(-1) !== status) seen.push(status);
      if (status === "payment-success") break;
      await page.waitForTimeout(200);
    }
    console.log(`[next-app] card statuses seen: ${seen.join(" -> ")}`);
    expect(seen[0]).toBe("pending");
    expect(seen.at(-1)).toBe("payment-success");
    await expect(card.textContent()).resolves.toContain("Payment succeeded");

    // The browser polled this app's proxy, and never the Maven API (the mock) itself.
    const urls = received.map((entry) => entry.url);
    expect(urls.some((url) => url.startsWith(`${appUrl}/api/maven/v1/sessions/${LIVE_SESSION_ID}`))).toBe(true);
    expect(urls.filter((url) => url.startsWith(mock!.url))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it("never sends the API key to the browser, nor puts it in the client build", async () => {
    await Promise.all(pendingBodies);
    expect(received.length).toBeGreaterThan(5);
    const inResponses = received.filter((entry) => entry.text.includes(MOCK_API_KEY)).map((entry) => entry.url);
    expect(inResponses).toEqual([]);

    // What `next start` serves as files: the client bundles, and any prerendered page.
    const servedFiles = [
      ...listFiles(join(exampleDir, ".next", "static")),
      ...listFiles(join(exampleDir, ".next", "server", "app")).filter((file) => /\.(html|rsc|body|meta)$/.test(file)),
    ];
    const clientFiles = servedFiles.filter((file) => file.includes(`${join(".next", "static")}`));
    expect(clientFiles.length).toBeGreaterThan(5);
    const inFiles = servedFiles
      .filter((file) => readFileSync(file).includes(MOCK_API_KEY))
      .map((file) => relative(exampleDir, file));
    expect(inFiles).toEqual([]);
    console.log(
      `[next-app] scanned ${received.length} responses and ${servedFiles.length} built files (${clientFiles.length} under .next/static): no key`,
    );
  });

  describe("after sign-in, `next` leads only to a page of this app", () => {
    it("keeps a path of its own", async () => {
      const own = `/sessions/${fixtures.pending.session_id}?from=sign-in`;
      const signedIn = await signInFresh(appUrl, /Maria Gomez/, own);
      expect(signedIn.url).toBe(`${appUrl}${own}`);
      expect(signedIn.offsite).toEqual([]);
    });

    // Each starts with one "/" yet, read as a browser reads a URL (tabs and newlines dropped,
    // "\\" as "/", ".." resolved), names another site.
    it.each([
      "/\t/evil.example",
      "/\n/evil.example",
      "/sessions/../..//evil.example",
      "/\\evil.example",
      "//evil.example",
      "https://evil.example/",
    ])("%j", async (next) => {
      const signedIn = await signInFresh(appUrl, /Maria Gomez/, next);
      expect(signedIn.offsite).toEqual([]);
      expect(signedIn.url).toBe(`${appUrl}/`);
    });
  });

  describe("the proxy answers bad requests itself, without calling Maven", () => {
    let cookie = "";

    beforeAll(async () => {
      const cookies = await context!.cookies(appUrl);
      const session = cookies.find((entry) => entry.name === "demo_session");
      expect(session?.httpOnly).toBe(true);
      cookie = `${session!.name}=${session!.value}`;
    });

    const proxyUrl = (id: string) => `${appUrl}/api/maven/v1/sessions/${id}`;
    const get = (id: string, headers: Record<string, string> = {}) => fetch(proxyUrl(id), { headers });

    it.each([
      ["a non-UUID id", () => get("not-a-uuid", { cookie }), 400],
      ["a POST", () => fetch(proxyUrl(LIVE_SESSION_ID), { method: "POST", headers: { cookie } }), 405],
      ["a DELETE", () => fetch(proxyUrl(LIVE_SESSION_ID), { method: "DELETE", headers: { cookie } }), 405],
      ["no sign-in", () => get(LIVE_SESSION_ID), 401],
      ["a forged sign-in", () => get(LIVE_SESSION_ID, { cookie: forge(cookie) }), 401],
      ["another project's session", () => get(OTHER_PROJECT_SESSION_ID, { cookie }), 404],
      ["an unknown session", () => get(UNKNOWN_SESSION_ID, { cookie }), 404],
    ] as const)("%s", async (_name, send, status) => {
      const before = await mockStats();
      const response = await send();
      expect(response.status).toBe(status);
      const body = await response.text();
      expect(body).not.toContain(MOCK_API_KEY);
      expect(response.headers.get("cache-control")).toContain("no-store");
      expect(JSON.parse(body)).toEqual({ detail: expect.any(String) });
      if (status === 405) expect(response.headers.get("allow")).toBe("GET, HEAD");
      expect((await mockStats()).total).toBe(before.total);
    });

    it("answers another project's session exactly as one that does not exist, on the proxy and the page", async () => {
      // A 403 here would tell a signed-in user that the id is a session of some other project.
      const before = await mockStats();
      const [other, unknown] = await Promise.all([
        get(OTHER_PROJECT_SESSION_ID, { cookie }),
        get(UNKNOWN_SESSION_ID, { cookie }),
      ]);
      expect({ status: other.status, body: await other.text() }).toEqual({
        status: unknown.status,
        body: await unknown.text(),
      });
      expect(other.status).toBe(404);

      // The page too, and it is a page a user can go on from, not a bare 404.
      const page = await context!.newPage();
      try {
        for (const id of [OTHER_PROJECT_SESSION_ID, UNKNOWN_SESSION_ID, OTHER_PROJECT_SESSION_ID.toUpperCase()]) {
          const document = await page.goto(`${appUrl}/sessions/${id}`);
          expect(document?.status()).toBe(404);
          const notFound = page.getByTestId("not-found");
          await notFound.waitFor();
          await expect(notFound.getByRole("link", { name: "All sessions" }).getAttribute("href")).resolves.toBe("/");
          await expect(page.locator("body").textContent()).resolves.not.toContain("Orthodontic");
        }
      } finally {
        await page.close();
      }
      expect((await mockStats()).total).toBe(before.total);
    });

    it("reads the sign-in cookie one way on pages and in the proxy, whatever the order of duplicates", async () => {
      // Two sign-in cookies in one request (a cookie planted with another Path or Domain does that):
      // the page and the proxy must agree on who is signed in.
      const sam = await signInFresh(appUrl, /Sam Okafor/);
      expect(sam.cookie).toMatch(/^demo_session=sam\./);
      for (const both of [`${sam.cookie}; ${cookie}`, `${cookie}; ${sam.cookie}`]) {
        const home = await (await fetch(`${appUrl}/`, { headers: { cookie: both }, redirect: "manual" })).text();
        const pageUser = /data-testid="signed-in-user">([^<·]+)/.exec(home)?.[1]?.trim();
        expect(["Maria Gomez", "Sam Okafor"]).toContain(pageUser);
        const proxied = await get(LIVE_SESSION_ID, { cookie: both });
        // Maria's session: served to Maria, "not found" for Sam.
        expect(proxied.status, `page: ${pageUser}`).toBe(pageUser === "Maria Gomez" ? 200 : 404);
      }
    });

    it("serves the signed-in user's own session", async () => {
      const response = await get(LIVE_SESSION_ID, { cookie });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toContain("no-store");
      const body = await response.text();
      expect(body).not.toContain(MOCK_API_KEY);
      expect(JSON.parse(body)).toMatchObject({ session_id: LIVE_SESSION_ID, status: expect.any(String) });
    });
  });

  describe("the sign-in cookie is Secure when the client-facing scheme is https", () => {
    // Behind chained proxies x-forwarded-proto is a list, the client's scheme first, in any case.
    it.each([
      ["https", true],
      ["https, http", true],
      ["https,http", true],
      ["HTTPS", true],
      ["http", false],
      ["http, https", false],
    ] as const)("x-forwarded-proto: %j -> Secure: %s", async (proto, secure) => {
      const signedIn = await signInFresh(appUrl, /Maria Gomez/, undefined, { "x-forwarded-proto": proto });
      expect(signedIn.url).toBe(`${appUrl}/`);
      expect(signedIn.setCookie).toHaveLength(1);
      expect(signedIn.setCookie[0]).toMatch(/^demo_session=maria\./);
      expect(/;\s*secure\s*(;|$)/i.test(signedIn.setCookie[0]!), signedIn.setCookie[0]).toBe(secure);
    });

    it("without x-forwarded-proto, is not Secure", async () => {
      const signedIn = await signInFresh(appUrl, /Maria Gomez/);
      expect(signedIn.setCookie).toHaveLength(1);
      expect(signedIn.setCookie[0]).not.toMatch(/;\s*secure\s*(;|$)/i);
    });
  });

  describe("signing out ends the session on the server, not only in the browser", () => {
    // Sam's own session (Lakeshore's): Sam alone signs in and out here, so the other tests' sign-ins stay valid.
    const SAM_SESSION_ID = OTHER_PROJECT_SESSION_ID;
    const proxy = (cookie: string) =>
      fetch(`${appUrl}/api/maven/v1/sessions/${SAM_SESSION_ID}`, { headers: cookie ? { cookie } : {} });
    const page = (cookie: string) =>
      fetch(`${appUrl}/sessions/${SAM_SESSION_ID}`, { headers: cookie ? { cookie } : {}, redirect: "manual" });

    it("refuses a copy of the cookie after sign-out, on the proxy and the page, and a new sign-in works", async () => {
      const { cookie: old } = await signInFresh(appUrl, /Sam Okafor/);
      expect(old).toMatch(/^demo_session=sam\./);
      expect((await proxy(old)).status).toBe(200);
      expect((await page(old)).status).toBe(200);

      // Sign out through the app, in a browser holding that cookie; then sign in again at once, in the same tab.
      const own = await contextWithCookie(old, appUrl);
      let again: string;
      try {
        const tab = await own.newPage();
        await tab.goto(`${appUrl}/`);
        await expect(tab.getByTestId("signed-in-user").textContent()).resolves.toContain("Sam Okafor");
        await tab.getByRole("button", { name: "Sign out" }).click();
        await tab.waitForURL(`${appUrl}/sign-in`);
        expect((await own.cookies(appUrl)).filter((entry) => entry.name === "demo_session")).toEqual([]);

        await tab.getByLabel(/Sam Okafor/).check();
        await tab.getByRole("button", { name: "Sign in" }).click();
        await tab.waitForURL(`${appUrl}/`);
        await expect(tab.getByTestId("signed-in-user").textContent()).resolves.toContain("Sam Okafor");
        const session = (await own.cookies(appUrl)).find((entry) => entry.name === "demo_session");
        again = session ? `${session.name}=${session.value}` : "";
      } finally {
        await own.close();
      }

      // The old copy now gets exactly what no sign-in gets: a 401 from the proxy, the sign-in page for the page.
      const [proxiedOld, proxiedNone] = [await proxy(old), await proxy("")];
      expect(proxiedOld.status).toBe(401);
      expect(await proxiedOld.json()).toEqual(await proxiedNone.json());
      const [pageOld, pageNone] = [await page(old), await page("")];
      expect(pageNone.status).toBeGreaterThanOrEqual(300);
      expect(pageNone.status).toBeLessThan(400);
      expect(pageNone.headers.get("location")).toMatch(/^\/sign-in\?next=/);
      expect({ status: pageOld.status, location: pageOld.headers.get("location") }).toEqual({
        status: pageNone.status,
        location: pageNone.headers.get("location"),
      });

      // The sign-in made right after the sign-out (often within the same second) is a working one.
      expect(again).toMatch(/^demo_session=sam\./);
      expect(again).not.toBe(old);
      expect((await proxy(again)).status).toBe(200);
      expect((await page(again)).status).toBe(200);
    });
  });

  it("says when Maven fails under an open card or one opened meanwhile, and goes live again when it is back", async () => {
    // One of the user's sessions that stays pending, and that no other test asks the proxy for (a copy of
    // the live one, terminal by now, would still be in the proxy's cache): the card keeps polling.
    const id = fixtures.pending.session_id;
    mock!.simulator.addSession(fixtures.pending);
    const { cookie } = await signInFresh(appUrl, /Maria Gomez/);
    const own = await contextWithCookie(cookie, appUrl);
    let outage: { remove(): void } | undefined;
    try {
      const page = await own.newPage();
      const isProxy = (url: string) => url.includes(`/api/maven/v1/sessions/${id}`);
      // The page is prefetched on the server; the first poll through the proxy leaves a copy there.
      const polled = page.waitForResponse((response) => isProxy(response.url()) && response.status() === 200, {
        timeout: 20_000,
      });
      await page.goto(`${appUrl}/sessions/${id}`);
      const card = page.locator("article[data-status]");
      await polled;
      await card.getByText("Live").waitFor({ timeout: 15_000 });

      // Maven answers 503 from now on. The proxy holds a copy, but must not pass it off as live.
      outage = mock!.simulator.injectFault(503, { sessionId: id, times: Number.POSITIVE_INFINITY });
      const proxied = await page.waitForResponse((response) => isProxy(response.url()) && response.status() !== 200, {
        timeout: 20_000,
      });
      expect(proxied.status()).toBe(502);
      expect(proxied.headers()["x-maven-cache"]).toBe("stale");
      expect(((await proxied.json()) as { session?: { status: string } }).session?.status).toBe("pending");
      // The card keeps the session on screen, says it could not refresh, and stops saying "Live".
      await card.getByText(/Couldn't refresh\. Showing the session as of/).waitFor({ timeout: 30_000 });
      await expect(card.getByText("Live").count()).resolves.toBe(0);
      await expect(card.getAttribute("data-status")).resolves.toBe("pending");

      // A page opened during the outage: the server's prefetch fails, and the browser gets the proxy's copy
      // with the error. It shows that copy under the same warning, not an error alone.
      const fresh = await own.newPage();
      await fresh.goto(`${appUrl}/sessions/${id}`);
      const freshCard = fresh.locator("article[data-status]");
      await freshCard.getByText(/Couldn't refresh\. Showing the session as of/).waitFor({ timeout: 30_000 });
      await expect(freshCard.getAttribute("data-status")).resolves.toBe("pending");
      await expect(freshCard.getByText("Live").count()).resolves.toBe(0);
      await fresh.close();

      // Maven is back: the next good answer brings "Live" back and takes the warning away.
      outage.remove();
      outage = undefined;
      await card.getByText("Live").waitFor({ timeout: 40_000 });
      await expect(card.getByText(/Couldn't refresh/).count()).resolves.toBe(0);
    } finally {
      outage?.remove();
      await own.close();
    }
  });

  describe("configured wrongly or partly, on instances of their own", () => {
    /** A key of the user's own, obviously fake: it must never reach the local mock's port. */
    const OWN_KEY = "mvn_test_FAKE_KEY_FOR_THIS_TEST_ONLY";
    let noKey: { app: StartedProcess; url: string } | undefined;
    let keyOnly: { app: StartedProcess; url: string } | undefined;
    let liveOverHttp: { app: StartedProcess; url: string } | undefined;
    /** A live key of the user's own, pointed at an http:// Maven by mistake. */
    const LIVE_KEY = "mvn_live_FAKE_LIVE_KEY_FOR_THIS_TEST_ONLY";

    beforeAll(async () => {
      const { MAVEN_API_KEY: _key, MAVEN_BASE_URL: _base, DEMO_AUTH_SECRET: _secret, ...env } = process.env;
      [noKey, keyOnly, liveOverHttp] = await Promise.all([
        // MAVEN_BASE_URL set, MAVEN_API_KEY forgotten.
        startApp({ ...env, MAVEN_BASE_URL: mock!.url }),
        // Only MAVEN_API_KEY, as a user pointing the app at Maven would set it. Upstream calls are recorded, not sent.
        startApp({
          ...env,
          MAVEN_API_KEY: OWN_KEY,
          NODE_OPTIONS: `${env.NODE_OPTIONS ?? ""} --import ${pathToFileURL(join(import.meta.dirname, "record-upstream.mjs")).href}`,
        }),
        // A live key and a plain-http base URL (the local mock's): the key must not go.
        startApp({ ...env, MAVEN_API_KEY: LIVE_KEY, MAVEN_BASE_URL: mock!.url }),
      ]);
    });

    afterAll(async () => {
      for (const started of [noKey, keyOnly, liveOverHttp]) {
        if (!started) continue;
        await stopProcess(started.app);
        expect(isAlive(started.app.pid)).toBe(false);
        expect(await isListening(Number(new URL(started.url).port))).toBe(false);
      }
    });

    it("without MAVEN_API_KEY, a session page is the app's own error page, and the proxy a 500 with a reason", async () => {
      const { cookie } = await signInFresh(noKey!.url, /Maria Gomez/);
      const before = await mockStats();
      const proxied = await fetch(`${noKey!.url}/api/maven/v1/sessions/${LIVE_SESSION_ID}`, { headers: { cookie } });
      expect(proxied.status).toBe(500);
      expect(await proxied.json()).toEqual({ detail: expect.any(String) });

      // A context of its own: cookies do not tell ports apart, and the shared one holds the main app's sign-in.
      const own = await contextWithCookie(cookie, noKey!.url);
      try {
        const page = await own.newPage();
        const document = await page.goto(`${noKey!.url}/sessions/${LIVE_SESSION_ID}`);
        expect(document?.status()).toBe(500);
        // Inside the app's layout, with a way on: not Next's bare "This page couldn't load".
        const error = page.getByTestId("error-page");
        await error.waitFor();
        await expect(error.textContent()).resolves.toContain("could not be shown");
        await expect(page.getByTestId("signed-in-user").textContent()).resolves.toContain("Maria Gomez");
        await expect(error.getByRole("link", { name: "All sessions" }).getAttribute("href")).resolves.toBe("/");
        // Nothing internal: no stack, no message of the server's.
        await expect(page.locator("body").textContent()).resolves.not.toMatch(/MAVEN_API_KEY|\bat .*\.js:\d+/);
      } finally {
        await own.close();
      }
      expect((await mockStats()).total).toBe(before.total);
    });

    it("with a live MAVEN_API_KEY and an http MAVEN_BASE_URL, never sends the key: the proxy answers 500", async () => {
      const { cookie } = await signInFresh(liveOverHttp!.url, /Maria Gomez/);
      const before = await mockStats();
      const proxied = await fetch(`${liveOverHttp!.url}/api/maven/v1/sessions/${LIVE_SESSION_ID}`, {
        headers: { cookie },
      });
      expect(proxied.status).toBe(500);
      expect(await proxied.json()).toEqual({ detail: expect.any(String) });
      const page = await fetch(`${liveOverHttp!.url}/sessions/${LIVE_SESSION_ID}`, { headers: { cookie } });
      expect(page.status).toBe(500);
      expect(await page.text()).not.toContain(LIVE_KEY);
      // Nothing reached the mock: no request at all, so no key over http.
      expect((await mockStats()).total).toBe(before.total);
      // The server says why, without the key.
      await expect.poll(() => liveOverHttp!.app.output(), { timeout: 5_000 }).toMatch(/never over plain http/);
      expect(liveOverHttp!.app.output()).not.toContain(LIVE_KEY);
    });

    it("with MAVEN_API_KEY and no MAVEN_BASE_URL, calls Maven itself, never the local mock's port", async () => {
      const { cookie } = await signInFresh(keyOnly!.url, /Maria Gomez/);
      const proxied = await fetch(`${keyOnly!.url}/api/maven/v1/sessions/${LIVE_SESSION_ID}`, { headers: { cookie } });
      expect(proxied.status).toBe(502);
      const page = await fetch(`${keyOnly!.url}/sessions/${LIVE_SESSION_ID}`, { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain(OWN_KEY);

      const calls = () => [...keyOnly!.app.output().matchAll(/^\[upstream\] GET (\S+)$/gm)].map((match) => match[1]!);
      // The proxy's call, to Maven's own URL. The server's stderr arrives on its own pipe, possibly just
      // after the responses: wait for it. The page's prefetch goes through the same handler (one per server,
      // shared by the route and the page): while it remembers Maven's failure of a moment ago, that is its
      // answer; on a machine slow enough for the memory to lapse, it asks Maven once more. Never elsewhere.
      await expect.poll(() => calls().length, { timeout: 5_000 }).toBeGreaterThanOrEqual(1);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(calls().length).toBeLessThanOrEqual(2);
      expect(new Set(calls())).toEqual(new Set([`${DEFAULT_BASE_URL}/v1/sessions/${LIVE_SESSION_ID}`]));
      expect(keyOnly!.app.output()).not.toContain(OWN_KEY);
    });
  });
});

/**
 * A `next start` of the built app on a free loopback port, with `env` as its whole environment. Should the
 * test runner itself be torn down before afterAll runs, the app goes down with it.
 */
async function startApp(env: NodeJS.ProcessEnv): Promise<{ app: StartedProcess; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = startNode(nextBin, ["start", "--hostname", "127.0.0.1", "--port", String(port)], {
    cwd: exampleDir,
    env: { ...env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
  });
  const { pid } = started;
  process.once("exit", () => {
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
  });
  await waitForHttp(`${url}/sign-in`, started, 45_000);
  return { app: started, url };
}

/** A browser context of its own holding one `name=value` cookie for `url`: a copy of someone's sign-in. */
async function contextWithCookie(cookie: string, url: string): Promise<BrowserContext> {
  const own = await browser!.newContext();
  const separator = cookie.indexOf("=");
  await own.addCookies([{ name: cookie.slice(0, separator), value: cookie.slice(separator + 1), url }]);
  return own;
}

/**
 * Signs in through the form, in a browser context of its own, starting from
 * `/sign-in?next=...` when `next` is given, and sending `headers` with every
 * request. Nothing leaves loopback: a request for another site is answered by
 * the browser itself and noted in `offsite`. `setCookie` is every `Set-Cookie`
 * for the sign-in cookie, as the app sent it.
 */
async function signInFresh(
  baseUrl: string,
  user: RegExp,
  next?: string,
  headers?: Record<string, string>,
): Promise<{ cookie: string; url: string; offsite: string[]; setCookie: string[] }> {
  const fresh = await browser!.newContext(headers ? { extraHTTPHeaders: headers } : {});
  try {
    const offsite: string[] = [];
    await fresh.route(
      (url) => url.origin !== baseUrl,
      (route) => {
        offsite.push(route.request().url());
        return route.fulfill({ status: 200, contentType: "text/plain", body: "another site" });
      },
    );
    const page = await fresh.newPage();
    const setCookie: string[] = [];
    const reading: Array<Promise<void>> = [];
    page.on("response", (response) => {
      reading.push(
        response.headerValues("set-cookie").then(
          (values) => void setCookie.push(...values.filter((value) => value.startsWith("demo_session="))),
          () => undefined,
        ),
      );
    });
    await page.goto(`${baseUrl}/sign-in${next === undefined ? "" : `?next=${encodeURIComponent(next)}`}`);
    await page.getByLabel(user).check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.href.startsWith(baseUrl) === false || url.pathname !== "/sign-in");
    await Promise.all(reading);
    const session = (await fresh.cookies(baseUrl)).find((entry) => entry.name === "demo_session");
    return { cookie: session ? `${session.name}=${session.value}` : "", url: page.url(), offsite, setCookie };
  } finally {
    await fresh.close();
  }
}

/** Maria's signed cookie edited to claim another user (Sam, of the other project), signature kept. */
function forge(cookie: string): string {
  const forged = cookie.replace("=maria.", "=sam.");
  expect(forged).not.toBe(cookie);
  return forged;
}

function listFiles(dir: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}
