// @vitest-environment node
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const css = readFileSync(new URL("../../src/styles.css", import.meta.url), "utf8");
const header = /^\/\*[\s\S]*?\*\//.exec(css)?.[0] ?? "";
const code = css.replace(/\/\*[\s\S]*?\*\//g, "");

/** A conservative minifier (real minifiers do better): no comments, no optional whitespace. */
const minified = code
  .replace(/\s+/g, " ")
  .replace(/\s*([{};,>])\s*/g, "$1")
  .replace(/:\s+/g, ":")
  .replace(/\(\s+/g, "(")
  .replace(/\s+\)/g, ")")
  .replace(/;}/g, "}")
  .trim();

/** Every rule's selector list with the at-rule it sits in, keyframe steps left out. */
function selectors(): Array<{ selector: string; atRule: string }> {
  const found: Array<{ selector: string; atRule: string }> = [];
  const stack: string[] = [];
  let buffer = "";
  for (const char of minified) {
    if (char === "{") {
      const prelude = buffer.trim();
      buffer = "";
      stack.push(prelude);
      if (!prelude.startsWith("@") && !stack.some((entry) => entry.startsWith("@keyframes"))) {
        const atRule = stack.slice(0, -1).join(" ");
        for (const selector of splitList(prelude)) found.push({ selector, atRule });
      }
    } else if (char === "}") {
      stack.pop();
      buffer = "";
    } else if (char === ";") {
      buffer = "";
    } else buffer += char;
  }
  return found;
}

/** A selector list split at its top-level commas (not those inside `:not(…)` or `:where(…)`). */
function splitList(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let part = "";
  for (const char of list) {
    if (char === "," && depth === 0) {
      parts.push(part);
      part = "";
      continue;
    }
    if (char === "(") depth += 1;
    if (char === ")") depth -= 1;
    part += char;
  }
  return [...parts, part];
}

/** The default theme's selector: a root with no data-theme on it or above it, with no specificity. */
const ROOT_WITHOUT_THEME =
  '.mvn-root:not([data-theme="light"],[data-theme="dark"],[data-theme="light"] *,[data-theme="dark"] *)';
const UNTHEMED = `:where(${ROOT_WITHOUT_THEME})`;
/** The light theme: the default, and on an element with data-theme="light". */
const LIGHT_THEME = `:where(${ROOT_WITHOUT_THEME},[data-theme="light"])`;
const DARK_THEME = ':where([data-theme="dark"])';

/** The declarations of the rule whose selector list is exactly `selector`, inside `atRule` when given. */
function declarations(selectorList: string, atRule = ""): Record<string, string> {
  // A top-level rule follows the previous rule's "}"; the first rule of an at-rule follows its "{".
  const head = atRule ? `${atRule}{${selectorList}{` : `}${selectorList}{`;
  const start = minified.indexOf(head);
  if (start === -1 && !(atRule === "" && minified.startsWith(`${selectorList}{`)))
    throw new Error(`no rule ${selectorList}`);
  const open = start === -1 ? selectorList.length + 1 : start + head.length;
  const body = minified.slice(open, minified.indexOf("}", open));
  return Object.fromEntries(
    body.split(";").map((declaration) => {
      const colon = declaration.indexOf(":");
      return [declaration.slice(0, colon).trim(), declaration.slice(colon + 1).trim()];
    }),
  );
}

function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const full = hex.length === 4 ? hex.replace(/^#(.)(.)(.)$/, "#$1$1$2$2$3$3") : hex;
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const v = parseInt(full.slice(i, i + 2), 16) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe("styles.css", () => {
  it("stays within 3 KB minified and gzipped", () => {
    expect(gzipSync(minified, { level: 9 }).length).toBeLessThanOrEqual(3 * 1024);
  });

  it("scopes every selector under an .mvn- class, and sets only --mvn- properties on a data-theme element", () => {
    const all = selectors();
    expect(all.length).toBeGreaterThan(20);
    for (const { selector } of all) if (selector !== DARK_THEME) expect(selector).toMatch(/\.mvn-[a-z]/);
    for (const theme of [LIGHT_THEME, DARK_THEME]) {
      const properties = Object.keys(declarations(theme));
      expect(properties.length, theme).toBeGreaterThan(10);
      for (const property of properties) expect(property, theme).toMatch(/^--mvn-/);
    }
    // No selector starts with a bare element, `*`, :root or html/body.
    for (const { selector } of all) expect(selector).not.toMatch(/^(?:[a-z*]|:root)/);
  });

  it("documents every custom property it reads in the header comment", () => {
    const used = new Set([...code.matchAll(/var\((--mvn-[a-z-]+)/g)].map((match) => match[1]!));
    const documented = (name: string) =>
      header.includes(name) ||
      (/^--mvn-(success|warning|danger|neutral|progress)-(fg|bg)$/.test(name) && header.includes("--mvn-<tone>-fg")) ||
      name.startsWith("--mvn-tone-");
    expect([...used].filter((name) => !documented(name))).toEqual([]);
  });

  it('gives the system\'s dark preference the same colours as data-theme="dark"', () => {
    // Which theme applies where is tested in Chromium (test/faults-browser/themes.test.tsx).
    const dark = declarations(DARK_THEME);
    expect(declarations(UNTHEMED, "@media (prefers-color-scheme:dark)")).toEqual(dark);
    expect(dark["--mvn-scheme"]).toBe("dark");
    expect(declarations(LIGHT_THEME)["--mvn-scheme"]).toBe("light");
  });

  it("meets WCAG AA contrast for text and tones in both themes", () => {
    const light = declarations(LIGHT_THEME);
    const dark = declarations(DARK_THEME);
    for (const theme of [light, dark]) {
      const bg = theme["--mvn-bg"]!;
      const surface = theme["--mvn-surface"]!;
      expect(contrast(theme["--mvn-fg"]!, bg)).toBeGreaterThanOrEqual(7);
      for (const name of ["--mvn-muted", "--mvn-link"]) {
        expect(contrast(theme[name]!, bg)).toBeGreaterThanOrEqual(4.5);
        expect(contrast(theme[name]!, surface)).toBeGreaterThanOrEqual(4.5);
      }
      // Buttons and the focus ring also sit on surface: the stale banner's Retry is inside a callout.
      for (const against of [bg, surface]) {
        expect(contrast(theme["--mvn-border-strong"]!, against), `button border on ${against}`).toBeGreaterThanOrEqual(
          3,
        );
        expect(contrast(theme["--mvn-focus"]!, against), `focus ring on ${against}`).toBeGreaterThanOrEqual(3);
      }
      for (const tone of ["success", "warning", "danger", "neutral", "progress"]) {
        const fg = theme[`--mvn-${tone}-fg`]!;
        for (const against of [theme[`--mvn-${tone}-bg`]!, bg, surface]) {
          expect(contrast(fg, against), `${tone} on ${against}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });

  it("stops the live pulse and the skeleton shimmer for people who reduce motion", () => {
    const start = minified.indexOf("@media (prefers-reduced-motion:reduce){");
    expect(start).toBeGreaterThan(-1);
    const block = minified.slice(start, minified.indexOf("}}", start) + 2);
    expect(block).toContain(".mvn-live__dot");
    expect(block).toContain(".mvn-skeleton__bar");
    expect(block).toContain("animation:none");
  });

  it("stops the live dot's pulse within 5 s (WCAG 2.2.2: longer, it would need a control to stop it)", () => {
    const [name, seconds, , count] = declarations(".mvn-live__dot").animation!.split(" ");
    expect(name).toBe("mvn-pulse");
    expect(Number(count) * parseFloat(seconds!)).toBeLessThanOrEqual(5);
  });

  it("keeps an idle card's placeholder bars still: only a loading skeleton shimmers", () => {
    expect(declarations(".mvn-skeleton__bar").animation).toContain("mvn-shimmer");
    expect(declarations('[data-state="idle"]>.mvn-skeleton__bar').animation).toBe("none");
  });

  it("gives each component that shows themed text its own background, whatever the host page's", () => {
    // A dark system theme makes the text light: on a light page without a background of its own it would vanish.
    expect(declarations(".mvn-card").background).toBe("var(--mvn-bg)");
    expect(declarations(".mvn-processor").background).toBe("var(--mvn-bg)");
  });

  it("draws a visible focus ring and wraps long values", () => {
    expect(declarations(".mvn-root:focus-visible,.mvn-root :focus-visible").outline).toContain("var(--mvn-focus)");
    expect(declarations(".mvn-root")["overflow-wrap"]).toBe("anywhere");
    expect(declarations(".mvn-code")["unicode-bidi"]).toBe("isolate");
    expect(declarations(".mvn-pre")["white-space"]).toBe("pre-wrap");
  });

  it("leaves out of the card outline exactly the brands that have a text mark (the two lists are written apart)", () => {
    const brandsIn = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((match) => match[1]).sort();
    const withText = brandsIn(minified, /\.mvn-brand\[data-brand="([^"]+)"\]::after\{content:"/g);
    const outline = selectors().find(({ selector }) => /^\.mvn-brand:not\(.*\)::before$/.test(selector));
    expect(withText).toContain("visa");
    expect(brandsIn(outline!.selector, /\[data-brand="([^"]+)"\]/g)).toEqual(withText);
  });
});
