/**
 * Which theme a card gets, in Chromium with the real stylesheet: the system preference by default, and the
 * nearest `data-theme` when there is one, however themed containers are nested (an inverted sidebar in a
 * dark app, a light dialog over it).
 */
import { cleanup, render } from "@testing-library/react";
import { fixtures } from "@trymaven/mock";
import { SessionCard } from "@trymaven/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, inject, it } from "vitest";
import { cdp } from "vitest/browser";
import "../../packages/react/src/styles.css";

const LIGHT = { bg: "rgb(255, 255, 255)", scheme: "light" };
const DARK = { bg: "rgb(23, 25, 30)", scheme: "dark" };

async function preferColorScheme(value: "light" | "dark"): Promise<void> {
  await cdp().send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-color-scheme", value }] });
  expect(matchMedia(`(prefers-color-scheme: ${value})`).matches).toBe(true);
}

afterEach(async () => {
  cleanup();
  await cdp().send("Emulation.setEmulatedMedia", { features: [] });
});

/** The card's background and color-scheme, as painted. */
function themeOf(card: Element): { bg: string; scheme: string } {
  const style = getComputedStyle(card);
  return { bg: style.backgroundColor, scheme: style.colorScheme };
}

function card(tree: ReactNode): HTMLElement {
  const { container } = render(<>{tree}</>);
  return container.querySelector<HTMLElement>("article.mvn-card")!;
}

const sample = <SessionCard session={fixtures.stripeChargeSuccess} locale="en-US" timeZone="UTC" />;

describe.each(["light", "dark"] as const)("with the system preferring %s", (system) => {
  const systemTheme = system === "dark" ? DARK : LIGHT;

  it("follows the system when nothing sets data-theme, or something sets another library's theme", async () => {
    await preferColorScheme(system);
    expect(themeOf(card(sample))).toEqual(systemTheme);
    expect(themeOf(card(<div data-theme="cupcake">{sample}</div>))).toEqual(systemTheme);
  });

  it.each([
    ["on the card", (theme: string) => <SessionCard session={fixtures.stripeChargeSuccess} data-theme={theme} />],
    ["on an ancestor", (theme: string) => <main data-theme={theme}>{sample}</main>],
  ])("takes data-theme %s over the system", async (_where, tree) => {
    await preferColorScheme(system);
    expect(themeOf(card(tree("dark")))).toEqual(DARK);
    cleanup();
    expect(themeOf(card(tree("light")))).toEqual(LIGHT);
  });

  it("takes the nearest data-theme when themed containers are nested", async () => {
    await preferColorScheme(system);
    expect(
      themeOf(
        card(
          <div data-theme="dark">
            <aside data-theme="light">{sample}</aside>
          </div>,
        ),
      ),
    ).toEqual(LIGHT);
    cleanup();
    expect(
      themeOf(
        card(
          <div data-theme="light">
            <aside data-theme="dark">{sample}</aside>
          </div>,
        ),
      ),
    ).toEqual(DARK);
    cleanup();
    // The card's own attribute is the nearest of all.
    expect(
      themeOf(
        card(
          <div data-theme="dark">
            <SessionCard session={fixtures.stripeChargeSuccess} data-theme="light" />
          </div>,
        ),
      ),
    ).toEqual(LIGHT);
  });

  it("gives the processor details inside a themed card the card's theme", async () => {
    await preferColorScheme(system);
    const article = card(
      <div data-theme={system === "dark" ? "light" : "dark"}>
        <SessionCard session={fixtures.stripeChargeSuccess} />
      </div>,
    );
    const details = article.querySelector(".mvn-processor")!;
    expect(getComputedStyle(details).backgroundColor).toBe(themeOf(article).bg);
    expect(themeOf(article)).toEqual(system === "dark" ? LIGHT : DARK);
  });
});

it("styles nothing of a page element that carries data-theme but its --mvn- properties", async () => {
  await preferColorScheme("light");
  const { container } = render(
    <section data-theme="dark" data-testid="host">
      {sample}
    </section>,
  );
  const host = getComputedStyle(container.querySelector('[data-testid="host"]')!);
  const plain = getComputedStyle(container);
  expect(host.colorScheme).toBe(plain.colorScheme);
  expect(host.color).toBe(plain.color);
  expect(host.backgroundColor).toBe(plain.backgroundColor);
  expect(host.getPropertyValue("--mvn-bg").trim()).toBe("#17191e");
  // Not Lightning CSS's light-dark() variables either, which the page's own light-dark() colours would read.
  expect(host.getPropertyValue("--lightningcss-dark")).toBe("");
  expect(host.getPropertyValue("--lightningcss-light")).toBe("");
});

it("lets the page's own .mvn-root rules win over the built-in themes and defaults, wherever the stylesheets load", async () => {
  await preferColorScheme("dark");
  const style = document.createElement("style");
  style.textContent = '.mvn-root { --mvn-bg: #0b1020; --mvn-radius: 20px; --mvn-font-mono: "Courier New", monospace }';
  // Before ours: a page's stylesheet often loads first.
  document.head.prepend(style);
  try {
    const article = card(sample);
    expect(themeOf(article).bg).toBe("rgb(11, 16, 32)");
    expect(getComputedStyle(article).borderTopLeftRadius).toBe("20px");
    expect(getComputedStyle(article.querySelector(".mvn-code")!).fontFamily).toBe('"Courier New", monospace');
    cleanup();
    expect(themeOf(card(<SessionCard session={fixtures.stripeChargeSuccess} data-theme="light" />)).bg).toBe(
      "rgb(11, 16, 32)",
    );
  } finally {
    style.remove();
  }
});

describe("a page's light-dark() colours, as Lightning CSS rewrites them for older browsers", () => {
  const PAGE_LIGHT = "rgb(251, 248, 243)";
  const PAGE_DARK = "rgb(29, 26, 22)";

  it("follow the system, the nearest data-theme and nested themes", async () => {
    const css = inject("lightDarkCss");
    // Rewritten, or this test would not be testing the fallback.
    expect(css).toContain("--lightningcss-light");
    expect(css).not.toContain("light-dark(");
    const style = document.createElement("style");
    style.textContent = css;
    document.head.append(style);
    try {
      await preferColorScheme("light");
      expect(themeOf(card(sample)).bg).toBe(PAGE_LIGHT);
      cleanup();
      await preferColorScheme("dark");
      expect(themeOf(card(sample)).bg).toBe(PAGE_DARK);
      cleanup();
      const nested = card(
        <div data-theme="dark">
          <aside data-theme="light">{sample}</aside>
        </div>,
      );
      expect(themeOf(nested).bg).toBe(PAGE_LIGHT);
      cleanup();
      expect(themeOf(card(<main data-theme="dark">{sample}</main>)).bg).toBe(PAGE_DARK);
    } finally {
      style.remove();
    }
  });
});
