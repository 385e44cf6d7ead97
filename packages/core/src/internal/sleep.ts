/**
 * Waits `ms` milliseconds. Rejects with `signal.reason` as soon as the signal
 * aborts, and removes its listener and timer either way, so nothing is left
 * behind after an abort.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * An AbortController that also aborts when any of `signals` aborts (with the
 * same reason). `dispose` detaches it from them; call it when done.
 */
export function linkedAbortController(...signals: Array<AbortSignal | undefined>): {
  controller: AbortController;
  dispose: () => void;
} {
  const controller = new AbortController();
  const detach: Array<() => void> = [];
  for (const signal of signals) {
    if (!signal) continue;
    if (signal.aborted) {
      controller.abort(signal.reason);
      break;
    }
    const onAbort = () => controller.abort(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    detach.push(() => signal.removeEventListener("abort", onAbort));
  }
  return {
    controller,
    dispose: () => {
      for (const fn of detach) fn();
      detach.length = 0;
    },
  };
}
