import { describe, expect, it } from "vitest";
import { MAX_URL_LENGTH, safeHttpsUrl } from "../src/url.js";

describe("safeHttpsUrl accepts", () => {
  it.each([
    ["https://pay.stripe.com/receipts/acct_1/ch_1/rcpt_1", "https://pay.stripe.com/receipts/acct_1/ch_1/rcpt_1"],
    [
      "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8x?s=ap",
      "https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8x?s=ap",
    ],
    ["https://example.com", "https://example.com/"],
    ["HTTPS://EXAMPLE.COM/Receipt", "https://example.com/Receipt"],
    ["https://example.com:8443/r#top", "https://example.com:8443/r#top"],
    ["https://example.com:443/r", "https://example.com/r"],
    ["https://sub.domain.example.co.uk/a/b?c=d&e=f", "https://sub.domain.example.co.uk/a/b?c=d&e=f"],
    ["https://example.com/réceipt", "https://example.com/r%C3%A9ceipt"],
    ["https://example.com/a%20b", "https://example.com/a%20b"],
    ["https://example.com/?next=javascript:alert(1)", "https://example.com/?next=javascript:alert(1)"],
    ["https://bücher.example/r", "https://xn--bcher-kva.example/r"],
    ["https://my_receipts.example.com/r", "https://my_receipts.example.com/r"],
    ["https://example.com./r", "https://example.com./r"],
  ])("%j as %j", (input, href) => {
    expect(safeHttpsUrl(input)).toBe(href);
  });

  it("accepts a URL of exactly the maximum length", () => {
    const base = "https://example.com/";
    const url = base + "a".repeat(MAX_URL_LENGTH - base.length);
    expect(safeHttpsUrl(url)).toBe(url);
  });

  it("shows a look-alike host in punycode", () => {
    // Cyrillic "а" in "pаypal".
    expect(safeHttpsUrl("https://p\u0430ypal.com/receipt")).toBe("https://xn--pypal-4ve.com/receipt");
  });
});

describe("safeHttpsUrl rejects", () => {
  const hostile: Array<[reason: string, value: unknown]> = [
    // Other schemes
    ["javascript", "javascript:alert(1)"],
    ["javascript, upper case", "JAVASCRIPT:alert(1)"],
    ["javascript with a fake https path", "javascript://https://example.com/%0Aalert(1)"],
    ["data", "data:text/html,<script>alert(1)</script>"],
    ["data, base64", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
    ["vbscript", "vbscript:msgbox(1)"],
    ["http", "http://example.com/receipt"],
    ["ftp", "ftp://example.com/receipt"],
    ["file", "file:///etc/passwd"],
    ["blob", "blob:https://example.com/uuid"],
    ["mailto", "mailto:a@example.com"],
    ["custom scheme", "intent://example.com#Intent;scheme=https;end"],
    ["https lookalike scheme", "https+evil://example.com"],
    ["httpss", "httpss://example.com"],
    // Missing or malformed authority
    ["protocol-relative", "//evil.example/receipt"],
    ["relative path", "/receipts/1"],
    ["scheme-only https", "https:evil.example"],
    ["one slash", "https:/evil.example"],
    ["three slashes", "https:///evil.example"],
    ["no host", "https://"],
    ["empty host with path", "https:///"],
    ["empty host with query", "https://?x=1"],
    ["empty label", "https://a..example.com/"],
    ["label starting with a hyphen", "https://-evil.example.com/"],
    ["label too long", `https://${"a".repeat(64)}.example.com/`],
    // Credentials and @ tricks
    ["user and password", "https://user:pass@example.com/"],
    ["user only", "https://user@example.com/"],
    ["empty user", "https://@example.com/"],
    ["trusted name as user", "https://pay.stripe.com@evil.example/receipt"],
    ["encoded at", "https://pay.stripe.com%40evil.example/"],
    ["colon but empty credentials", "https://:@evil.example/"],
    // Whitespace and control characters
    ["leading space", " https://example.com/"],
    ["trailing space", "https://example.com/ "],
    ["leading tab", "\thttps://example.com/"],
    ["leading newline", "\nhttps://example.com/"],
    ["tab inside the scheme", "ht\ttps://example.com/"],
    ["newline inside the scheme", "htt\nps://example.com/"],
    ["carriage return inside the host", "https://exa\rmple.com/"],
    ["tab inside javascript", "java\tscript:alert(1)"],
    ["newline inside javascript", "java\nscript:alert(1)"],
    ["null byte", "https://example.com/\u0000"],
    ["null byte in scheme", "java\u0000script:alert(1)"],
    ["leading control character", "\u0001https://example.com/"],
    ["space inside the path", "https://example.com/a b"],
    ["no-break space", "https://example.com/\u00a0"],
    ["ideographic space", "\u3000https://example.com/"],
    ["line separator", "https://example.com/\u2028"],
    ["byte order mark", "\uFEFFhttps://example.com/"],
    ["zero-width space in the host", "https://exa\u200Bmple.com/"],
    ["soft hyphen in the host", "https://exa\u00ADmple.com/"],
    ["right-to-left override", "https://example.com/\u202Etxt.exe"],
    ["bidi isolate", "https://example.com/\u2066x"],
    ["DEL", "https://example.com/\u007F"],
    ["C1 control", "https://example.com/\u0085"],
    // Backslash tricks
    ["backslashes for slashes", "https:\\\\evil.example\\receipt"],
    ["backslash before at", "https://evil.example\\@pay.stripe.com/"],
    ["mixed slashes", "https:/\\evil.example/"],
    ["backslash in path", "https://example.com\\..\\admin"],
    // Hosts that reach the viewer's machine or network
    ["localhost", "https://localhost/receipt"],
    ["localhost with port", "https://localhost:8443/receipt"],
    ["single-label host", "https://intranet/receipt"],
    ["IPv4", "https://127.0.0.1/receipt"],
    ["private IPv4", "https://192.168.1.1/"],
    ["IPv4 in hex", "https://0x7f000001/"],
    ["IPv4 in decimal", "https://2130706433/"],
    ["short IPv4", "https://127.1/"],
    ["IPv6", "https://[::1]/receipt"],
    ["IPv4-mapped IPv6", "https://[::ffff:127.0.0.1]/"],
    ["numeric top-level domain", "https://example.123/"],
    // Special-use names that resolve to the viewer's machine (RFC 6761) or network (RFC 6762, RFC 8375, .internal)
    ["subdomain of localhost", "https://receipts.localhost/r"],
    ["subdomain of localhost, upper case", "https://Receipts.LOCALHOST/r"],
    ["subdomain of localhost with a trailing dot", "https://receipts.localhost./r"],
    ["mDNS name", "https://printer.local/receipt"],
    ["private-use .internal", "https://billing.internal/receipt"],
    ["home network", "https://router.home.arpa/"],
    // Length
    ["over the length limit", `https://example.com/${"a".repeat(MAX_URL_LENGTH)}`],
    ["grows over the limit when normalised", `https://example.com/${"é".repeat(1000)}`],
    // Not strings
    ["null", null],
    ["undefined", undefined],
    ["number", 42],
    ["object with toString", { toString: () => "https://example.com/" }],
    ["URL object", new URL("https://example.com/")],
    ["array", ["https://example.com/"]],
    ["empty string", ""],
    ["just the scheme", "https:"],
    ["garbage", "not a url"],
  ];

  it.each(hostile)("%s", (_reason, value) => {
    expect(safeHttpsUrl(value)).toBeNull();
  });
});
