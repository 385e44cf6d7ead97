/**
 * The session handler on Node's own HTTP server: `node:http`, Express, Connect and Vite's dev and preview
 * servers, which hand a route Node's `(req, res)` rather than a Web `Request`.
 */
import type { SessionRouteContext, SessionRouteParams } from "./handler.js";
import { errorResponse, methodNotAllowed, UNEXPECTED_FAILURE } from "./responses.js";

/**
 * What `toNodeHandler` reads of a request: Node's `IncomingMessage` is one, and so is Express's `req`
 * (whose `params` it passes on, so a route such as `/sessions/:sessionId` names the id).
 */
export interface NodeRequestLike {
  method?: string | undefined;
  /** The path and query (`/api/maven/v1/sessions/…`); a router's mount prefix may be cut off. */
  url?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** A router's named parameters (Express): `sessionId`, `session_id` or `id` is the session's. */
  params?: SessionRouteParams | undefined;
}

/** What `toNodeHandler` writes to a response: Node's `ServerResponse` (and Express's `res`) is one. */
export interface NodeResponseLike {
  writeHead(status: number, headers: Record<string, string>): unknown;
  end(body: Uint8Array): unknown;
}

/** A Web-standard handler, such as `createSessionHandler`'s. */
export type WebSessionHandler = (request: Request, context?: SessionRouteContext) => Promise<Response>;

/** A listener Node's HTTP server and Express call: it never rejects, so a bad request cannot crash the process. */
export type NodeSessionHandler = (request: NodeRequestLike, response: NodeResponseLike) => Promise<void>;

const IDENTITY = (text: string) => text;
/** Methods the fetch standard forbids a `Request` to carry. */
const FORBIDDEN_METHOD = /^(?:CONNECT|TRACE|TRACK)$/i;

/**
 * Serves a `createSessionHandler` proxy on Node's HTTP server, Express, Connect or Vite's server:
 * `app.get("/api/maven/v1/sessions/:id", toNodeHandler(sessionProxy))` (Express answers HEAD with it
 * too), `createServer(toNodeHandler(sessionProxy))`, or `server.middlewares.use("/api/maven/v1/sessions",
 * toNodeHandler(sessionProxy))` in a Vite plugin.
 *
 * The handler gets a Web `Request` with the method, path and headers (cookies included) that came in. Its
 * origin is always `http://localhost`: the id is read from the route's params or the path's last segment,
 * and the `Host` a client sends is not trusted. A method a Web `Request` cannot carry (`TRACE`) is answered
 * 405 without calling the handler, and the returned promise never rejects.
 */
export function toNodeHandler(handler: WebSessionHandler): NodeSessionHandler {
  return async (req, res) => {
    const response = await answer(handler, req);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    res.writeHead(response.status, headers);
    res.end(new Uint8Array(await response.arrayBuffer()));
  };
}

async function answer(handler: WebSessionHandler, req: NodeRequestLike): Promise<Response> {
  if (FORBIDDEN_METHOD.test(req.method ?? "")) {
    return methodNotAllowed(new Request("http://localhost/"), IDENTITY);
  }
  let request: Request;
  try {
    request = toWebRequest(req);
  } catch {
    // A header a `Headers` object refuses (Node's parser lets fewer through than that): nothing the handler serves.
    return errorResponse(new Request("http://localhost/"), 400, "The request could not be read.", IDENTITY);
  }
  try {
    return await handler(request, req.params ? { params: req.params } : undefined);
  } catch {
    // createSessionHandler's handler answers its own failures: this is a handler of your own.
    return errorResponse(request, 500, UNEXPECTED_FAILURE, IDENTITY);
  }
}

function toWebRequest(req: NodeRequestLike): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    // HTTP/2's pseudo-headers (`:path`) are not headers a Request can hold.
    if (value === undefined || name.startsWith(":")) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const path = req.url ?? "/";
  // Glued to a fixed origin, never resolved against it: `//host/…` or `http://host/…` stays a path here.
  return new Request(`http://localhost${path.startsWith("/") ? path : `/${path}`}`, {
    method: req.method ?? "GET",
    headers,
  });
}
