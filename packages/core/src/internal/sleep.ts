/**
 * Waits `ms` milliseconds. Rejects with `signal.reason` as soon as the signal
 * aborts, and removes its listener and timer either way, so nothing is left
 * behind after an abort.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    signal?.throwIfAborted();
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * An AbortController that also aborts, with the same reason, when `signal`
 * aborts, and a `dispose` that detaches it from `signal`; call it when done.
 * A pair rather than an object: its property names would stay in every bundle.
 */
export function linkSignal(signal: AbortSignal | undefined): [controller: AbortController, dispose: () => void] {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal!.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  return [controller, () => signal?.removeEventListener("abort", onAbort)];
}
