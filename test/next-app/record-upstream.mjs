// Preloaded (`node --import`) into a `next start` under test. Every call to a
// Maven API path (`/v1/...`), wherever it is sent, is written to stderr as
// `[upstream] <method> <url>` and answered 503 here: nothing leaves the machine,
// and nothing listening on a local port receives it. The Authorization header is
// never printed. Other calls (Next.js fetching its own pages) go through.
const realFetch = globalThis.fetch;
globalThis.fetch = async (input, init) => {
  const request = new Request(input, init);
  if (!new URL(request.url).pathname.startsWith("/v1/")) return realFetch(input, init);
  process.stderr.write(`[upstream] ${request.method} ${request.url}\n`);
  return new Response(JSON.stringify({ detail: "Recorded by the test, not sent." }), {
    status: 503,
    headers: { "content-type": "application/json" },
  });
};
