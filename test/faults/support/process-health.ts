/**
 * "Nothing leaks" for a Node test file: no unhandled rejection, and no timer that `@trymaven/core` started
 * still pending once the tests are done (a poller or a retry that outlived its caller would hold one).
 *
 * Timers are followed with async_hooks, keeping only those whose creation stack passes through the
 * packages' sources: Node's fetch (undici) keeps its own keep-alive timers for pooled connections, which
 * are not ours and close with the connections.
 */
import { createHook } from "node:async_hooks";
import { expect } from "vitest";

const OURS = /[\\/]packages[\\/](core|react)[\\/]src[\\/]/;

export interface ProcessHealth {
  start(): void;
  /** How many of our timers were seen at all: proves the hook is looking (a check that sees nothing proves nothing). */
  readonly timersSeen: number;
  /** Waits up to `withinMs` for our timers to finish, then asserts none is left and nothing was unhandled. */
  expectClean(withinMs?: number): Promise<void>;
}

export function trackProcess(): ProcessHealth {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const timers = new Map<number, string>();
  let timersSeen = 0;
  const hook = createHook({
    init(asyncId, type) {
      if (type !== "Timeout") return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = 30;
      const stack = new Error().stack ?? "";
      Error.stackTraceLimit = limit;
      if (!OURS.test(stack)) return;
      timersSeen += 1;
      timers.set(
        asyncId,
        stack
          .split("\n")
          .find((line) => OURS.test(line))!
          .trim(),
      );
    },
    destroy(asyncId) {
      timers.delete(asyncId);
    },
  });
  return {
    get timersSeen() {
      return timersSeen;
    },
    start() {
      process.on("unhandledRejection", onUnhandled);
      hook.enable();
    },
    async expectClean(withinMs = 1_000) {
      const deadline = Date.now() + withinMs;
      while (timers.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      hook.disable();
      process.off("unhandledRejection", onUnhandled);
      expect([...timers.values()], "timers started by @trymaven/core still pending").toEqual([]);
      expect(unhandled, "unhandled rejections").toEqual([]);
    },
  };
}
