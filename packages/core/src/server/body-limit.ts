/** A cap on upstream response bodies, applied around the `fetch` the proxy's own client calls. */
import { MavenError } from "../errors.js";

/**
 * A successful upstream answer whose body is larger than `maxBodyBytes`. The client reports it as the
 * `cause` of an `APIConnectionError`; the handler recognises it there. Carries sizes only, never the body.
 */
export class UpstreamBodyTooLargeError extends MavenError {
  override name = "UpstreamBodyTooLargeError";
  /** The cap, in bytes. */
  declare readonly limit: number;
  /** The size `Content-Length` declared, when that is how the body was refused. */
  declare readonly declaredBytes: number | undefined;

  constructor(limit: number, declaredBytes?: number) {
    super(`The upstream body exceeded ${limit} bytes.`);
    Object.assign(this, { limit, declaredBytes });
  }
}

/**
 * Wraps `fetch` (resolved on each call, so a `fetch` installed later is still the one used) so that no
 * response body longer than `maxBytes` is ever held. A body whose `Content-Length` is over the cap is
 * cancelled unread; any other is counted while it is read and cancelled once it passes the cap. For a
 * 2xx answer that rejects the read with `UpstreamBodyTooLargeError`; for an error status the body is
 * cut at the cap instead, so the status keeps its meaning (a 429 still pauses, a 404 is still gone).
 */
export function limitBodySize(resolveFetch: () => typeof fetch, maxBytes: number): typeof fetch {
  return async (input, init) => {
    const response = await resolveFetch()(input, init);
    const source = response.body;
    if (source === null) return response;
    const rebuild = (body: ReadableStream<Uint8Array> | null) =>
      new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });

    const declared = readContentLength(response.headers);
    if (declared !== undefined && declared > maxBytes) {
      release(source.cancel());
      if (response.ok) throw new UpstreamBodyTooLargeError(maxBytes, declared);
      return rebuild(null);
    }

    const reader = source.getReader();
    let received = 0;
    return rebuild(
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          const { done, value } = await reader.read();
          if (done) return controller.close();
          received += value.byteLength;
          if (received <= maxBytes) return controller.enqueue(value);
          release(reader.cancel());
          if (response.ok) return controller.error(new UpstreamBodyTooLargeError(maxBytes));
          controller.enqueue(value.subarray(0, value.byteLength - (received - maxBytes)));
          controller.close();
        },
        cancel: (reason) => reader.cancel(reason),
      }),
    );
  };
}

/** `Content-Length` as a number of bytes; `undefined` when absent or not a plain decimal. */
function readContentLength(headers: Headers): number | undefined {
  const value = headers.get("content-length")?.trim();
  return value && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * Lets a cancellation finish on its own. Not awaited: a body that was teed (a clone kept by
 * instrumentation) settles its cancel only when every branch is cancelled.
 */
function release(cancelled: Promise<void>): void {
  cancelled.catch(() => undefined);
}
