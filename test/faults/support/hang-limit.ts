/**
 * The hang row's short time limit, applied to the requests the fault hangs and to no other.
 *
 * The `hang` fault holds a request open until the client gives up on it, so that row runs with a short
 * limit per attempt, to finish in seconds. But the same client (or proxy) also asks for the good answers
 * before and after the fault, and on a busy machine the mock can take longer than that to send one: the
 * attempt would time out, and the row would see a failure too many, or the next step. So a client's (or a
 * proxy's) `fetch` passes the request through `hangLimit().init`: a request the fault hangs keeps the
 * client's signal as it is; any other gets one that follows every abort but the time limit's (a `fetch`
 * that does not pass the time limit on is not timed out, as `MavenClientOptions.fetch` says), so the
 * caller's own signal, polling that stops and a card that unmounts still abort it.
 *
 * No Node built-ins: the browser project uses it too.
 */
import { APIConnectionTimeoutError } from "@trymaven/core";

export interface HangLimit {
  /** The next `times` requests for `sessionId` are the ones the fault hangs (call it before they are sent). */
  hangs(sessionId: string, times: number): void;
  /** What to send a request with: `init` itself when the fault hangs this request, else `init` without the time limit. */
  init(input: RequestInfo | URL, init: RequestInit | undefined): RequestInit | undefined;
}

export function hangLimit(): HangLimit {
  const hung = new Map<string, number>();
  return {
    hangs(sessionId, times) {
      hung.set(sessionId, (hung.get(sessionId) ?? 0) + times);
    },
    init(input, init) {
      const sessionId = sessionIdOf(input);
      const left = hung.get(sessionId) ?? 0;
      if (left > 0) {
        hung.set(sessionId, left - 1);
        return init;
      }
      return { ...init, signal: withoutTimeLimit(init?.signal) };
    },
  };
}

/** The session id a request is for: the last segment of its URL's path. */
export function sessionIdOf(input: RequestInfo | URL): string {
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  return new URL(url).pathname.split("/").at(-1)!;
}

/** `signal`, but for the client's time limit: aborted with any other reason it is aborted with. */
function withoutTimeLimit(signal: AbortSignal | null | undefined): AbortSignal | undefined {
  if (!signal) return undefined;
  const controller = new AbortController();
  const follow = () => {
    if (!(signal.reason instanceof APIConnectionTimeoutError)) controller.abort(signal.reason);
  };
  if (signal.aborted) follow();
  else signal.addEventListener("abort", follow, { once: true });
  return controller.signal;
}
