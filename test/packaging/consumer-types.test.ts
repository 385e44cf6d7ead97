import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The READMEs' code, typechecked the way a user's project checks it: against the BUILT
 * declaration files, resolved through node_modules and each package.json's `exports` (no
 * source paths), with the strict settings a user may well have, our .d.ts files checked too.
 */
const root = join(import.meta.dirname, "../..");
const markdown = (path: string) => readFileSync(join(root, path), "utf8");

/** The `index`th fenced block (0-based) after the line `heading`, in the language `lang`. */
function codeBlock(text: string, heading: string, lang: string, index = 0): string {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const blocks = [...text.slice(start).matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)];
  const block = blocks.filter((match) => match[1] === lang)[index];
  if (!block?.[2]) throw new Error(`no ${lang} block ${index} after ${heading}`);
  return block[2];
}

const readme = markdown("README.md");
/** A block of the README's Next.js recipe, with its `@/…` imports pointed at the files below. */
const recipe = (lang: string, index: number) =>
  codeBlock(readme, "## Next.js recipe: the key stays on the server", lang, index)
    .replace('"@/lib/your-app"', '"./your-app.js"')
    .replace('"@/lib/session-proxy"', '"./session-proxy.js"')
    .replace('"@/app/maven-ui"', '"./maven-ui.js"');
const reactReadme = markdown("packages/react/README.md");
const mockReadme = markdown("packages/mock/README.md");
const coreReadme = markdown("packages/core/README.md");

/** Each file is a module of the user's app; the snippets are verbatim but for the wiring noted. */
const files: Record<string, string> = {
  // Top-level await and a script's statements: a module of its own.
  "thirty-seconds.ts": codeBlock(readme, "## 30-second example", "ts") + "\nexport {};\n",
  "maven-ui.tsx": codeBlock(readme, "## In React", "tsx"),
  // The recipe's files, their "@/…" paths wired to these modules; the app's own module ("@/lib/your-app") stubbed.
  "session-proxy.ts": recipe("ts", 0),
  "route.ts": recipe("ts", 1),
  "layout.tsx": recipe("tsx", 0),
  "page.tsx": recipe("tsx", 1),
  "your-app.ts": [
    "export declare function currentUser(): Promise<{ id: string } | null>;",
    "export declare function userMaySee(user: { id: string }, sessionId: string): Promise<boolean>;",
    "export declare function userFromCookie(cookie: string | null): Promise<{ id: string } | null>;",
  ].join("\n"),
  // The proxy on Node's own server, with the types of node:http (@types/node), as an Express or Vite app has.
  "node-server.ts": codeBlock(coreReadme, "### Node's HTTP server, Express, Vite", "ts"),
  // What Next.js and the server-only package declare, as far as the recipe uses them.
  "next.d.ts":
    'declare module "server-only" {}\ndeclare module "next/navigation" { export function notFound(): never; }',
  "providers.tsx": codeBlock(reactReadme, "## Set up", "tsx"),
  "mock-server.ts": codeBlock(mockReadme, "## The loopback server", "ts"),
  "test-own-ui.ts": codeBlock(readme, "## Test your own UI with the mock", "ts") + "\nexport {};\n",
  // Options are often filled from the environment or a config, where a value may be undefined.
  // Under exactOptionalPropertyTypes that compiles only when the property says `| undefined`.
  "options.ts": `
    import type * as core from "@trymaven/core";
    import type * as server from "@trymaven/core/server";
    import type * as react from "@trymaven/react";
    import type * as mock from "@trymaven/mock";
    import type * as mockServer from "@trymaven/mock/server";

    type Options = {
      MavenClientOptions: core.MavenClientOptions;
      RequestOptions: core.RequestOptions;
      PollOptions: core.PollOptions;
      FormatAmountOptions: core.FormatAmountOptions;
      FormatDateTimeOptions: core.FormatDateTimeOptions;
      FormatRelativeTimeOptions: core.FormatRelativeTimeOptions;
      FormatExpiryOptions: core.FormatExpiryOptions;
      StatusOptions: core.StatusOptions;
      DescribeProcessorOptions: core.DescribeProcessorOptions;
      SessionHandlerOptions: server.SessionHandlerOptions;
      SessionCacheOptions: server.SessionCacheOptions;
      SessionRateLimitOptions: server.SessionRateLimitOptions;
      SessionRouteContext: server.SessionRouteContext;
      MemorySessionStoreOptions: server.MemorySessionStoreOptions;
      AuthorizeDecision: Exclude<server.AuthorizeDecision, boolean>;
      UseSessionOptions: react.UseSessionOptions;
      SessionPollingOptions: react.SessionPollingOptions;
      // Component props: ours only refuse; the DOM attributes from @types/react already say \`| undefined\`.
      MavenProviderProps: react.MavenProviderProps;
      SessionCardProps: react.SessionCardProps;
      SessionCardSharedProps: react.SessionCardSharedProps;
      ProcessorDetailsProps: react.ProcessorDetailsProps;
      SessionStatusBadgeProps: react.SessionStatusBadgeProps;
      MavenSimulatorOptions: mock.MavenSimulatorOptions;
      RateLimitOptions: Exclude<NonNullable<mock.MavenSimulatorOptions["rateLimit"]>, boolean>;
      MavenHandlersOptions: mock.MavenHandlersOptions;
      MockServerOptions: mockServer.MockServerOptions;
      InjectFaultOptions: mock.InjectFaultOptions;
      ScenarioSessionInit: mock.ScenarioSessionInit;
      SessionOverrides: mock.SessionOverrides;
      SessionPatch: mock.SessionPatch;
      Scenario: mock.Scenario;
      ScenarioStep: mock.ScenarioStep;
      Fault: mock.Fault;
      ProcessorFields: NonNullable<Parameters<typeof mock.makeProcessor>[0]>;
    };
    /**
     * The optional properties of T (of each member, for a union) that refuse an explicit undefined.
     * Index signatures are skipped: indexed by \`string\`, they would hide the named properties
     * (zod's input types, such as \`SessionOverrides\`, have one).
     */
    type Refusing<T> = T extends unknown
      ? ValueOf<{
          [K in keyof T as string extends K ? never : number extends K ? never : K]-?: {} extends Pick<T, K>
            ? undefined extends Required<T>[K]
              ? never
              : K
            : never;
        }>
      : never;
    type ValueOf<O> = O[keyof O];
    declare function acceptUndefined<Properties extends never>(): void;
    // An error here names a property to fix, as "Options.property".
    acceptUndefined<{ [N in keyof Options]: \`\${N}.\${Refusing<Options[N]> & string}\` }[keyof Options]>();

    // The keys of a \`labels\` prop too: a label given as undefined keeps its default (the merge skips it).
    declare const translation: string | undefined;
    export const labels: NonNullable<react.SessionCardProps["labels"]> = { loading: translation };
  `,
  // The same for props in JSX, and SessionCard still takes exactly one of session and sessionId.
  "props.tsx": `
    import type { Session } from "@trymaven/core";
    import { ProcessorDetails, SessionCard, SessionStatusBadge, type UseSessionOptions } from "@trymaven/react";

    declare const id: string;
    declare const session: Session;
    declare const locale: string | undefined;
    declare const options: UseSessionOptions | undefined;

    export const connected = <SessionCard sessionId={id} sessionOptions={options} locale={locale} session={undefined} />;
    export const given = <SessionCard session={session} locale={locale} now={undefined} sessionId={undefined} />;
    export const badge = <SessionStatusBadge status={session.status} isTerminal={undefined} mode={undefined} />;
    export const details = <ProcessorDetails processor={null} gateway="stripe" environment={undefined} />;
    // @ts-expect-error: one of session and sessionId, not both
    export const both = <SessionCard session={session} sessionId={id} />;
    // @ts-expect-error: sessionOptions go with sessionId
    export const optionsWithoutId = <SessionCard session={session} sessionOptions={{}} />;
  `,
};

const strictest: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
  jsx: ts.JsxEmit.ReactJSX,
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  // TypeScript 6's default, set here so the check does not depend on the version: it is what
  // checks `import "@trymaven/react/styles.css"`.
  noUncheckedSideEffectImports: true,
  skipLibCheck: false,
  types: ["node"],
  noEmit: true,
};

/** The diagnostics of a program made of `files`, placed in this directory (node_modules resolution starts here). */
function typeErrors(options: ts.CompilerOptions): string[] {
  const dir = join(import.meta.dirname, "consumer");
  const virtual = new Map(Object.entries(files).map(([name, text]) => [join(dir, name), text]));
  const host = ts.createCompilerHost(options);
  const { directoryExists, fileExists, readFile, getSourceFile } = host;
  host.directoryExists = (path) => path === dir || (directoryExists?.(path) ?? true);
  host.fileExists = (file) => virtual.has(file) || fileExists(file);
  host.readFile = (file) => virtual.get(file) ?? readFile(file);
  host.getSourceFile = (file, language, ...rest) => {
    const text = virtual.get(file);
    return text === undefined ? getSourceFile(file, language, ...rest) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram([...virtual.keys()], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) =>
    ts.formatDiagnostic(diagnostic, {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => root,
      getNewLine: () => "\n",
    }),
  );
}

describe("the READMEs' code in a user's TypeScript project, against the built packages", () => {
  it.each([
    ["bundler", { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler }],
    ["nodenext", { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext }],
  ] as const)(
    'typechecks with moduleResolution "%s", strict, exactOptionalPropertyTypes and skipLibCheck off',
    (_name, resolution) => {
      expect(typeErrors({ ...strictest, ...resolution })).toEqual([]);
    },
    60_000,
  );
});
