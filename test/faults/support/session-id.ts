/** The session id a request is for: the last segment of its URL's path. No Node built-ins: the browser project uses it too. */
export function sessionIdOf(input: RequestInfo | URL): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return new URL(url).pathname.split("/").at(-1)!;
}
