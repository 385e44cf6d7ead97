import "@trymaven/react/styles.css";
import "./preview.css";
import { useState, type ReactNode } from "react";
import type { Decorator, Preview } from "@storybook/react-vite";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMavenClient } from "@trymaven/core";
import { MavenProvider } from "@trymaven/react";
import { mswLoader } from "msw-storybook-addon/csf3";
import { configure } from "storybook/test";
import { MAVEN_BASE_URL, mavenHandlers } from "../stories/support/maven-mock";

// Play functions' findBy and waitFor wait 5 s, not Testing Library's 1 s: the stories are tested in three
// Chromium instances at once, and a busy machine (or a slow laptop opening Storybook) can take longer than a
// second to render what a story is waiting for. A story that never gets there still fails.
configure({ asyncUtilTimeout: 5_000 });

/**
 * The msw worker, started once per page. A request to the Maven path that no
 * handler answers is a broken story: msw prints an error and answers it with a
 * network error instead of letting it through. Storybook's own files pass.
 */
async function startMockWorker() {
  const { setupWorker } = await import("msw/browser");
  const worker = setupWorker();
  await worker.start({
    quiet: true,
    onUnhandledRequest(request, print) {
      if (new URL(request.url).pathname.startsWith(`${MAVEN_BASE_URL}/`)) print.error();
    },
  });
  return worker;
}

/**
 * A fresh QueryClient and browser client for every story: no cache, no polling
 * and no `onTerminal` bookkeeping carry over from one story to the next. No
 * retry settings here on purpose: `useSession` sets its own (the hooks
 * package's defaults: transient failures only, twice, with backoff), and those
 * are what users get.
 */
function MavenStoryProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient());
  // Relative base, no key: the browser talks to "its server", here the mock in the service worker.
  const [maven] = useState(() => createMavenClient({ baseUrl: MAVEN_BASE_URL }));
  return (
    <QueryClientProvider client={queryClient}>
      <MavenProvider client={maven}>{children}</MavenProvider>
    </QueryClientProvider>
  );
}

const withMaven: Decorator = (Story) => (
  <MavenStoryProviders>
    <Story />
  </MavenStoryProviders>
);

/**
 * Theme from the toolbar: `data-theme` on the story's wrapper (what a merchant
 * puts on an ancestor), or none for "system" so `prefers-color-scheme` decides.
 * Locale from the toolbar: passed as the `locale` arg unless the story sets one.
 */
const withThemeAndLocale: Decorator = (Story, context) => {
  const theme = (context.globals.theme as string | undefined) ?? "light";
  const locale = context.globals.locale as string | undefined;
  const rtl = locale ? new Intl.Locale(locale).language === "ar" : false;
  // Only stories that opt in (`parameters.localeArg`) get one: the badge would spread it onto its <span>.
  const takesLocale = context.parameters.localeArg === true && context.args.locale === undefined;
  const args = locale && takesLocale ? { ...context.args, locale } : context.args;
  return (
    <div
      className="sb-maven-canvas"
      data-theme={theme === "system" ? undefined : theme}
      data-view-mode={context.viewMode}
      dir={rtl ? "rtl" : undefined}
    >
      <Story args={args} />
    </div>
  );
};

const preview: Preview = {
  loaders: [mswLoader(startMockWorker)],
  decorators: [withMaven, withThemeAndLocale],
  tags: ["autodocs"],
  parameters: {
    layout: "fullscreen",
    // Every story's test fails on an axe violation (contrast, names, roles, landmarks inside components).
    a11y: { test: "error" },
    controls: { sort: "requiredFirst", expanded: true },
    msw: { handlers: { maven: mavenHandlers } },
    options: {
      storySort: {
        order: [
          "Docs",
          ["Getting started", "Next.js recipe", "Theming"],
          "Components",
          ["SessionCard", "ProcessorDetails", "SessionStatusBadge"],
        ],
      },
    },
  },
  globalTypes: {
    theme: {
      description: "Colour scheme of the components (data-theme)",
      toolbar: {
        title: "Theme",
        icon: "contrast",
        items: [
          { value: "light", title: "Light", icon: "sun" },
          { value: "dark", title: "Dark", icon: "moon" },
          { value: "system", title: "System (prefers-color-scheme)", icon: "browser" },
        ],
        dynamicTitle: true,
      },
    },
    locale: {
      description: "Locale the components format money and dates in",
      toolbar: {
        title: "Locale",
        icon: "globe",
        items: [
          { value: "en-US", title: "English (US)" },
          { value: "en-GB", title: "English (UK)" },
          { value: "de-DE", title: "Deutsch" },
          { value: "ja-JP", title: "日本語" },
          { value: "ar-EG", title: "العربية (RTL)" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light", locale: "en-US" },
};

export default preview;
