/**
 * Deciding whether a URL from the API may become a link.
 *
 * A receipt URL is data from outside; rendered as `href` it could run script (`javascript:`),
 * open an attacker's page that looks like a login (credentials in the URL), or reach the
 * merchant's own network. Browsers' URL parsing forgives a lot (it strips tabs and newlines
 * anywhere, leading spaces, turns `\` into `/`), so this checks the raw text strictly first and
 * then lets the platform parser normalise what is left.
 */

/** Longest URL accepted, in characters (the de facto limit of older browsers and many servers). */
export const MAX_URL_LENGTH = 2048;

// Whitespace and controls anywhere (ASCII and Unicode), invisible and bidi-reordering characters,
// and backslashes: each is a known way to make a URL look or parse unlike what it is.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0020\u007F-\u00A0\u00AD\u1680\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\uFEFF\\]/;

// Special-use names that resolve to the viewer's own machine (`*.localhost`, RFC 6761) or network
// (`.local` mDNS, RFC 6762; `home.arpa`, RFC 8375; `.internal`, reserved by ICANN for private use).
const LOCAL_NAME = /(?:^|\.)(?:localhost|local|internal|home\.arpa)$/;

// DNS labels: letters, digits, hyphens (underscores occur in real host names), no leading or trailing hyphen.
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/;

/**
 * Returns `value` as a normalised `href` when it is a well-formed absolute `https:` URL that is
 * safe to render as a link, else `null`. Never throws.
 *
 * Rejected: anything but a string; other schemes (`javascript:`, `data:`, `vbscript:`, `http:`,
 * `file:`); protocol-relative (`//host`) and scheme-only (`https:host`) forms; user names or
 * passwords (`https://user:pass@host`, any `@` before the path); whitespace or control characters
 * anywhere, including leading spaces and tabs inside the scheme (`java\tscript:`); invisible or
 * bidi characters; backslashes; values longer than {@link MAX_URL_LENGTH}; IP-address hosts
 * (IPv4 in any notation, IPv6); hosts without a dot, so `https://localhost` is rejected too; and
 * special-use local names (`*.localhost`, `*.local`, `*.internal`, `*.home.arpa`): a receipt is never
 * on the viewer's own machine or network, and such a link would reach it.
 *
 * Internationalised host names come back in punycode (`xn--...`), which exposes look-alike hosts.
 */
export function safeHttpsUrl(value: unknown): string | null {
  if (typeof value !== "string" || value.length > MAX_URL_LENGTH || FORBIDDEN.test(value)) return null;
  if (!/^https:\/\/[^/]/i.test(value)) return null;
  const authority = value.slice("https://".length).split(/[/?#]/, 1)[0] ?? "";
  if (authority.includes("@")) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password) return null;
  const host = url.hostname.replace(/\.$/, "");
  if (host.startsWith("[") || /^[\d.]+$/.test(host)) return null;
  const labels = host.split(".");
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  // The top-level domain is letters (or an IDN in punycode); a numeric one means an IP-like host.
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels[labels.length - 1]!)) return null;
  if (LOCAL_NAME.test(host)) return null;
  return url.href.length > MAX_URL_LENGTH ? null : url.href;
}
