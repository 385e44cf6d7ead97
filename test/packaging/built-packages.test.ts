import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, posix } from "node:path";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const resolved = (specifier: string) => require.resolve(specifier);
const packageDir = (name: string) => dirname(resolved(`${name}/package.json`));
const read = (path: string) => readFileSync(path, "utf8");

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => join(dir, file));
}

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

describe("@trymaven/core as built", () => {
  it("resolves to dist, not source", () => {
    expect(resolved("@trymaven/core")).toMatch(/packages\/core\/dist\/index\.js$/);
    expect(resolved("@trymaven/core/server")).toMatch(/packages\/core\/dist\/server\/index\.js$/);
  });

  it("fetches and validates a session, and maps errors to classes", async () => {
    const { createMavenClient, NotFoundError } = await import("@trymaven/core");
    const { makeSession, MOCK_API_KEY } = await import("@trymaven/mock");
    const session = makeSession({ status: "payment-success", is_terminal: true });
    server.use(
      http.get("https://api.trymaven.com/v1/sessions/:id", ({ params }) =>
        params.id === session.session_id
          ? HttpResponse.json(session)
          : HttpResponse.json({ detail: "Session not found" }, { status: 404 }),
      ),
    );
    const maven = createMavenClient({ apiKey: MOCK_API_KEY });
    await expect(maven.sessions.get(session.session_id)).resolves.toMatchObject({ status: "payment-success" });
    await expect(maven.sessions.get("00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps the server entry out of the browser entry", () => {
    for (const file of jsFiles(join(packageDir("@trymaven/core"), "dist")).filter((f) => !f.includes("/server/"))) {
      // Strings only the proxy has: its cache header and its store.
      expect(read(file), file).not.toMatch(/x-maven-cache|createMemorySessionStore/i);
    }
  });

  it("fails loudly when the server entry is bundled for a browser", async () => {
    const manifest = JSON.parse(read(join(packageDir("@trymaven/core"), "package.json")));
    const browserTarget = manifest.exports["./server"].browser as string;
    await expect(import(join(packageDir("@trymaven/core"), browserTarget))).rejects.toThrow(/server/i);
  });
});

describe("@trymaven/react as built", () => {
  const dist = () => join(packageDir("@trymaven/react"), "dist");

  it('starts with "use client" so Next.js keeps the hooks on the client', () => {
    expect(read(join(dist(), "index.js")).startsWith('"use client";')).toBe(true);
  });

  it("imports core instead of inlining it, and never touches the server entry", () => {
    const code = read(join(dist(), "index.js"));
    expect(code).toMatch(/from "@trymaven\/core"/);
    expect(code).not.toMatch(/@trymaven\/core\/server/);
    expect(code).not.toMatch(/class MavenAPIError/);
  });

  it("asks for a @tanstack/react-query that gives query functions the QueryClient they read", async () => {
    // react-query passes `client` in the query function's context from 5.66.0 on; before that,
    // a queryFn that reads it fails every fetch with "Cannot read properties of undefined".
    const FIRST_WITH_CLIENT = [5, 66, 0];
    const { QueryClient } = await import("@tanstack/react-query");
    const { createMavenClient } = await import("@trymaven/core");
    const { makeSession } = await import("@trymaven/mock");
    const { sessionQueryOptions } = await import("@trymaven/react/query-options");
    const session = makeSession();
    const maven = createMavenClient({ baseUrl: "https://maven.test", fetch: async () => Response.json(session) });
    const { queryFn, queryKey } = sessionQueryOptions(maven, session.session_id);
    const run = (context: object) =>
      (queryFn as (context: object) => Promise<unknown>)({
        queryKey,
        signal: new AbortController().signal,
        ...context,
      });

    await expect(run({ client: new QueryClient() })).resolves.toMatchObject({ session_id: session.session_id });
    const readsClient = await run({}).then(
      () => false,
      () => true,
    );
    const manifest = JSON.parse(read(join(packageDir("@trymaven/react"), "package.json")));
    const range: string = manifest.peerDependencies["@tanstack/react-query"];
    const rank = ([major = 0, minor = 0, patch = 0]: number[]) => (major * 1000 + minor) * 1000 + patch;
    for (const alternative of range.split("||")) {
      const floor =
        alternative
          .match(/(\d+)\.(\d+)\.(\d+)/)
          ?.slice(1)
          .map(Number) ?? [];
      if (readsClient) {
        expect(rank(floor), `peer range "${range}" starts below ${FIRST_WITH_CLIENT.join(".")}`).toBeGreaterThanOrEqual(
          rank(FIRST_WITH_CLIENT),
        );
      }
    }
  });

  it("lets a bundler drop the components a user does not import", async () => {
    // What a user's bundler keeps of `import { name } from "@trymaven/react"`, peers and core left out:
    // top-level memo(forwardRef(...)) calls must be marked pure, or every component comes along.
    const { build } = await import("esbuild");
    const bundle = async (names: string) => {
      const result = await build({
        // The built file itself: by its package name, the workspace's tsconfig paths would lead to the source.
        stdin: { contents: `export { ${names} } from "./index.js";`, resolveDir: dist(), loader: "js" },
        tsconfigRaw: {},
        bundle: true,
        minify: true,
        format: "esm",
        write: false,
        logLevel: "silent",
        external: ["react", "react-dom", "react/jsx-runtime", "@tanstack/react-query", "@trymaven/core"],
      });
      return result.outputFiles[0]!.text;
    };
    const everything = await bundle("SessionCard, ProcessorDetails, SessionStatusBadge, useSession");
    // The card's own classes: present only when the card is (its labels are shared with the badge).
    const card = /mvn-card|mvn-skeleton__bar/;
    expect(everything).toMatch(card);
    for (const name of ["useSession", "SessionStatusBadge", "sessionQueryKey"]) {
      const code = await bundle(name);
      expect(code, name).not.toMatch(card);
      expect(code.length, name).toBeLessThan(everything.length / 2);
    }
  });

  it("ships the stylesheet", () => {
    const css = read(require.resolve("@trymaven/react/styles.css"));
    expect(css).toMatch(/\.mvn-/);
  });
});

describe("@trymaven/mock as built", () => {
  it("keeps the main entry free of Node built-ins so it runs in a browser (Storybook)", () => {
    const code = read(resolved("@trymaven/mock"));
    expect(code).not.toMatch(/from "node:|require\("node:/);
  });

  it("ships an executable maven-mock bin", () => {
    const manifest = JSON.parse(read(join(packageDir("@trymaven/mock"), "package.json")));
    const bin = read(join(packageDir("@trymaven/mock"), manifest.bin["maven-mock"]));
    expect(bin.startsWith("#!/usr/bin/env node")).toBe(true);
  });
});

describe.each(["@trymaven/core", "@trymaven/react", "@trymaven/mock"])("%s as published", (name) => {
  /** The files `npm pack` puts in the tarball, relative to the package's directory. */
  const published = () => {
    const output = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: packageDir(name),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return new Set((JSON.parse(output) as [{ files: { path: string }[] }])[0].files.map((file) => file.path));
  };

  it("ships every source map a file points to, and what each map points to", () => {
    const files = published();
    const missing: string[] = [];
    const pointed: string[] = [];
    for (const file of [...files].filter((path) => /\.(js|d\.ts)$/.test(path))) {
      const pointer = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(read(join(packageDir(name), file)))?.[1];
      if (pointer === undefined) continue;
      const map = posix.join(posix.dirname(file), pointer);
      pointed.push(map);
      if (!files.has(map)) {
        missing.push(`${file} -> ${map}`);
        continue;
      }
      // An editor's Go to Definition (declaration maps) and a debugger open the sources a map names: each must be
      // in the tarball, or carried in the map itself.
      const { sources, sourcesContent } = JSON.parse(read(join(packageDir(name), map))) as {
        sources: string[];
        sourcesContent?: (string | null)[];
      };
      sources.forEach((source, index) => {
        const target = posix.join(posix.dirname(map), source);
        if (!files.has(target) && typeof sourcesContent?.[index] !== "string") missing.push(`${map} -> ${target}`);
      });
    }
    expect(missing).toEqual([]);
    // Both kinds are there to check: the JavaScript's maps and the declarations'.
    expect(pointed.some((map) => map.endsWith(".d.ts.map"))).toBe(true);
    expect(pointed.some((map) => map.endsWith(".js.map"))).toBe(true);
  });
});
