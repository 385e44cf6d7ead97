/**
 * Hostile inputs: bodies an attacker (or a broken upstream) could put in front of the toolkit. Each one is
 * served by the mock as a 200 for a session, then rendered through `<SessionCard>` in Chromium (connected and
 * presentational) and passed through `createSessionHandler` in Node. One list drives both suites.
 *
 * A body that keeps the contract must render as inert text (no script, no dialog, no link but https, the
 * layout intact); one that breaks it must be refused as a contract mismatch (and must not crash a card that is
 * handed it directly, unvalidated).
 */
import type { Session } from "@trymaven/core";
import { makeSession } from "@trymaven/mock";
import type { KnownBug } from "./known-bugs.ts";

/** Every payload sets this global, or opens a dialog, if it ever runs. */
const FLAG = "window.__pwned";

export const PAYLOADS = {
  script: `<script>${FLAG}="script"</script>`,
  img: `<img src=x onerror="${FLAG}='img';alert('img')">`,
  svg: `<svg/onload="${FLAG}='svg'"><animate onbegin="${FLAG}='animate'" attributeName=x dur=1s>`,
  attribute: `" autofocus onfocus="${FLAG}='attr'" onmouseover="${FLAG}='attr'" x="`,
  iframe: `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  breakout: `</dd></dl></article><a href="javascript:${FLAG}='breakout'" id="pwn">click</a><form action="javascript:alert(1)"><button>go`,
  template: `{{constructor.constructor('${FLAG}="template"')()}}\${alert('template')}<%= alert('erb') %>`,
  style: `<style>*{display:none!important}</style><link rel=stylesheet href="data:text/css,*{display:none}">`,
} as const;

/** Lengths in characters. 1 MB: the control endpoint that injects a body takes up to 1 MiB. */
export const MEGABYTE = 1_000_000;

/** Host names a link may point at: the receipt's (the base session's is on pay.stripe.com) or a gateway dashboard. */
export const LINK_HOSTS = ["pay.stripe.com", "dashboard.stripe.com", "account.authorize.net", "sandbox.authorize.net"];

/** Characters that are invisible or reorder text: an id shown with one of them can pass for another id. */
export const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/;

export type Contract = "valid" | "mismatch";

export interface HostileCase {
  id: string;
  /** What the input is, for test names. */
  label: string;
  /** The body the API answers for the session `sessionId`. */
  body(sessionId: string): Record<string, unknown>;
  /** Whether the body keeps the contract (rendered) or breaks it (refused as a contract mismatch). */
  contract: Contract;
  /** For a receipt URL case: whether the card may show it as a link (https, and nothing hidden in it). */
  receiptLink?: boolean;
  /** A known bug this input shows in the card (known-bugs.ts); its card tests work around it and say so. */
  knownBug?: KnownBug;
}

/** A terminal Stripe charge with a receipt and dashboard ids: every part of the card is on screen. */
export function baseSession(sessionId: string): Session {
  return makeSession({
    session_id: sessionId,
    status: "payment-success",
    gateway: "stripe",
    mode: "charge",
    amount: "149.00",
    currency: "USD",
    description: "Order #1042",
    caller: "+14155550123",
    callback: "+14155550199",
    memory: "Caller asked for a receipt by email.",
    transfer_status: "completed",
  });
}

const TOP_LEVEL_STRINGS = [
  "status",
  "currency",
  "mode",
  "description",
  "caller",
  "project_slug",
  "gateway",
  "callback",
  "memory",
  "transfer_status",
] as const;

/** The session with `value` in every free-text string field: top level, every processor field, the error. */
function everyString(sessionId: string, value: string): Record<string, unknown> {
  const base = baseSession(sessionId) as unknown as Record<string, unknown>;
  const processor = Object.fromEntries(Object.keys(base.processor as object).map((key) => [key, value]));
  return {
    ...base,
    ...Object.fromEntries(TOP_LEVEL_STRINGS.map((key) => [key, value])),
    // A receipt that is a script is its own case below; here it would only test the same thing again.
    processor: { ...processor, receipt_url: null, [`x_${value}`]: value },
    error: { code: value, message: value },
    [value]: value,
  };
}

function withFields(sessionId: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { ...(baseSession(sessionId) as unknown as Record<string, unknown>), ...fields };
}

function withProcessor(sessionId: string, fields: Record<string, unknown>): Record<string, unknown> {
  const base = baseSession(sessionId);
  return { ...base, processor: { ...base.processor, ...fields } };
}

const receipt = (id: string, label: string, url: string, receiptLink = false): HostileCase => ({
  id: `receipt-${id}`,
  label: `receipt_url ${label}`,
  contract: "valid",
  body: (sessionId) => withProcessor(sessionId, { receipt_url: url }),
  receiptLink,
});

const oneMegabyte = (char = "A") => char.repeat(MEGABYTE);

export const HOSTILE_CASES: readonly HostileCase[] = [
  // Markup and script in every string field.
  ...Object.entries(PAYLOADS).map(([name, payload]): HostileCase => ({
    id: `every-field-${name}`,
    label: `${name} payload in every string field`,
    contract: "valid",
    body: (sessionId) => everyString(sessionId, payload),
  })),

  // Receipt URLs that must never become a link, and look-alikes of safe ones.
  receipt("javascript", "javascript:", `javascript:${FLAG}='js'`),
  receipt("javascript-case", "JaVaScRiPt: (mixed case)", `JaVaScRiPt:${FLAG}='js-case'`),
  receipt("javascript-tab", "java\\tscript: (tab inside the scheme)", `java\tscript:${FLAG}='js-tab'`),
  receipt("javascript-newline", "java\\nscript: (newline inside the scheme)", `java\nscript:${FLAG}='js-nl'`),
  receipt("javascript-percent", "%6a%61vascript: (percent-encoded)", `%6a%61vascript:${FLAG}='js-pct'`),
  receipt("javascript-space", "leading spaces before javascript:", `   javascript:${FLAG}='js-space'`),
  receipt("javascript-nul", "NUL before javascript:", `\u0000javascript:${FLAG}='js-nul'`),
  receipt("javascript-entity", "javascript&colon; (HTML entity)", `javascript&colon;${FLAG}='js-entity'`),
  receipt("data", "data:text/html", `data:text/html,<script>${FLAG}='data'</script>`),
  receipt("vbscript", "vbscript:", `vbscript:msgbox("vbscript")`),
  receipt("backslash", "https:/\\evil (backslash)", "https:/\\evil.example/receipt"),
  receipt("double-backslash", "https:\\\\evil", "https:\\\\evil.example/receipt"),
  receipt("protocol-relative", "//evil (protocol-relative)", "//evil.example/receipt"),
  receipt("fullwidth-colon", "https\\uFF1A//evil (fullwidth colon)", "https\uFF1A//evil.example/receipt"),
  receipt("credentials", "https://pay.stripe.com@evil (credentials)", "https://pay.stripe.com@evil.example/receipt"),
  receipt("rtl", "https with an RTL override in the host", "https://evil.example\u202E/moc.epirts.yap"),
  receipt("http", "http: (not https)", "http://pay.stripe.com/receipts/payment/abc"),
  receipt("ip", "https to an IP address", "https://127.0.0.1/receipt"),
  receipt(
    "quote-breakout",
    "https with quotes and markup in the path (a link, percent-encoded)",
    `https://pay.stripe.com/receipts/"><img/src=x/onerror=${FLAG}='href'>`,
    true,
  ),

  // Ids meant to fool the eye, and ids that try to steer a dashboard link.
  {
    id: "rtl-in-ids",
    label: "RTL override in processor ids and the card's last four",
    contract: "valid",
    body: (sessionId) =>
      withProcessor(sessionId, {
        stripe_charge_id: "ch_\u202Egnp.exe",
        stripe_payment_intent_id: "pi_3QKs\u202E8cLm\u202C4TzR",
        card_last4: "42\u202E24",
      }),
  },
  {
    id: "zero-width-in-ids",
    label: "zero-width characters in processor ids",
    contract: "valid",
    body: (sessionId) =>
      withProcessor(sessionId, {
        stripe_charge_id: "ch_\u200B3QKs\u200C8cLm\u200D4TzR\uFEFF",
        payment_method_id: "pm_\u2060\u2061\u2062",
      }),
  },
  {
    id: "dashboard-steering",
    label: "ids with path, query and scheme tricks for the dashboard link",
    contract: "valid",
    body: (sessionId) =>
      withProcessor(sessionId, {
        stripe_payment_intent_id: "pi_1/../../../evil.example?next=javascript:alert(1)#",
        stripe_charge_id: "ch_@evil.example/",
      }),
  },
  {
    id: "session-id-rtl",
    label: "RTL override in the body's session_id",
    contract: "mismatch",
    body: (sessionId) => withFields(sessionId, { session_id: `\u202E${sessionId}` }),
  },
  {
    id: "session-id-zero-width",
    label: "zero-width space in the body's session_id",
    contract: "mismatch",
    body: (sessionId) => withFields(sessionId, { session_id: `${sessionId.slice(0, 8)}\u200B${sessionId.slice(8)}` }),
  },

  // 1 MB strings.
  {
    id: "mb-description",
    label: "1 MB description (the heading), no spaces",
    contract: "valid",
    body: (sessionId) => withFields(sessionId, { description: oneMegabyte() }),
  },
  {
    id: "mb-memory",
    label: "1 MB memory",
    contract: "valid",
    body: (sessionId) => withFields(sessionId, { memory: "Caller repeated the order. ".repeat(MEGABYTE / 27) }),
  },
  {
    id: "mb-processor-id",
    label: "1 MB Stripe charge id (and its dashboard link)",
    contract: "valid",
    body: (sessionId) => withProcessor(sessionId, { stripe_charge_id: `ch_${oneMegabyte("x")}` }),
  },
  {
    id: "mb-status",
    label: "1 MB status",
    contract: "valid",
    body: (sessionId) => withFields(sessionId, { status: oneMegabyte("s") }),
  },
  {
    id: "mb-error-message",
    label: "1 MB error message",
    contract: "valid",
    body: (sessionId) =>
      withFields(sessionId, { status: "payment-failed", error: { code: "card_declined", message: oneMegabyte("e") } }),
  },
  {
    id: "mb-extra-field",
    label: "1 MB field the contract does not know",
    contract: "valid",
    body: (sessionId) => withFields(sessionId, { note_from_the_future: oneMegabyte("n") }),
  },

  // Numbers (and other types) where strings belong.
  {
    id: "number-amount",
    label: "amount as a number",
    contract: "mismatch",
    body: (sessionId) => withFields(sessionId, { amount: 149 }),
  },
  {
    id: "number-strings",
    label: "numbers in status, caller, description, card_last4 and error.code",
    contract: "mismatch",
    body: (sessionId) => {
      const base = baseSession(sessionId);
      return {
        ...base,
        status: 3,
        caller: 14155550123,
        description: 1e21,
        processor: { ...base.processor, card_last4: 4242 },
        error: { code: 500, message: null },
      };
    },
  },
  {
    id: "objects-for-strings",
    label: "objects and arrays where strings belong, processor as a string",
    contract: "mismatch",
    body: (sessionId) =>
      withFields(sessionId, {
        status: ["payment-success"],
        description: { toString: "<b>x</b>", valueOf: 1 },
        memory: [`<img src=x onerror="${FLAG}='array'">`],
        processor: "<script>window.__pwned='processor'</script>",
      }),
  },
  {
    id: "string-boolean",
    label: 'is_terminal as the string "true"',
    contract: "mismatch",
    body: (sessionId) => withFields(sessionId, { is_terminal: "true" }),
  },
  {
    id: "script-amount",
    label: "a script in amount and created_at",
    contract: "mismatch",
    body: (sessionId) => withFields(sessionId, { amount: PAYLOADS.script, created_at: PAYLOADS.img }),
  },

  // Keys that try the prototype, and text that tries the layout.
  {
    id: "prototype-keys",
    label: "__proto__ and constructor keys",
    contract: "valid",
    body: (sessionId) => ({
      ...withFields(sessionId, {}),
      ...JSON.parse(`{"__proto__": {"__pwned": "proto"}, "constructor": {"prototype": {"__pwned": "ctor"}}}`),
    }),
  },
  {
    id: "unicode-layout",
    label: "Zalgo, emoji sequences, RTL and CJK text without spaces",
    contract: "valid",
    body: (sessionId) =>
      withFields(sessionId, {
        description: `Z${"\u0336\u0337\u0338\u0334".repeat(200)}algo ${"👩‍👩‍👧‍👦".repeat(200)}`,
        memory: `${"مرحبا".repeat(400)}\u202E${"漢字".repeat(2_000)}`,
        project_slug: "\u202Eevil-project",
        transfer_status: "\u200B".repeat(500),
      }),
  },
];
