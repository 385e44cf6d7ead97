import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { connect as http2Connect, createServer as createHttp2Server, type Http2Server } from "node:http2";
import type { AddressInfo } from "node:net";
import { http, HttpResponse, passthrough } from "msw";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSessionHandler, toNodeHandler, type NodeSessionHandler } from "../src/server/index.js";
import { API, SESSION_ID, sessionBody, setupMswServer, TEST_KEY } from "./support.js";

const msw = setupMswServer();
const PATH = `/api/maven/v1/sessions/${SESSION_ID}`;

/** Maven, answering every session; `calls` records what reached it. */
function maven() {
  const calls: Request[] = [];
  msw.use(
    http.get(`${API}/v1/sessions/:id`, ({ request, params }) => {
      calls.push(request);
      return HttpResponse.json(sessionBody({ session_id: params.id }));
    }),
    // The requests this test sends to its own loopback server go out for real.
    http.all(/^http:\/\/127\.0\.0\.1:\d+\//, () => passthrough()),
  );
  return calls;
}

/** What `authorize` was asked, and who is signed in: the `user=ada` cookie. */
const asked: Request[] = [];
const sessionProxy = createSessionHandler({
  apiKey: TEST_KEY,
  logger: { warn: () => {}, error: () => {} },
  authorize: (request) => {
    asked.push(request);
    return request.headers.get("cookie") === "user=ada" ? true : { status: 401 };
  },
});

let server: Server | undefined;

/** A real HTTP server on loopback, serving `listener`. */
async function serve(listener: (req: IncomingMessage, res: ServerResponse) => unknown): Promise<number> {
  server = createServer((req, res) => void listener(req, res));
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

/** One HTTP/1.1 request to the loopback server, read whole. */
function send(port: number, method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: IncomingMessage["headers"]; body: string }>((resolve, reject) => {
    const outgoing = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (incoming) => {
      let body = "";
      incoming.setEncoding("utf8");
      incoming.on("data", (chunk: string) => (body += chunk));
      incoming.on("end", () => resolve({ status: incoming.statusCode!, headers: incoming.headers, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

beforeEach(() => {
  asked.length = 0;
});

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

describe("toNodeHandler: the proxy on Node's own HTTP server", () => {
  it("serves a session to a signed-in viewer, with the handler's headers and the key added upstream only", async () => {
    const calls = maven();
    const port = await serve(toNodeHandler(sessionProxy));
    const response = await send(port, "GET", PATH, { cookie: "user=ada" });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ session_id: SESSION_ID, status: "collecting" });
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["x-maven-cache"]).toBe("miss");
    expect(calls.map((call) => call.headers.get("authorization"))).toEqual([`Bearer ${TEST_KEY}`]);
    expect(`${JSON.stringify(response.headers)}${response.body}`).not.toContain(TEST_KEY);
  });

  it("hands authorize the cookies that came in, and answers its denial", async () => {
    const calls = maven();
    const port = await serve(toNodeHandler(sessionProxy));
    const response = await send(port, "GET", PATH, { cookie: "user=eve" });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toEqual({ detail: "Sign in to see this session." });
    expect(asked.map((request) => request.headers.get("cookie"))).toEqual(["user=eve"]);
    expect(calls).toHaveLength(0);
  });

  it("answers HEAD with the headers and no body", async () => {
    maven();
    const port = await serve(toNodeHandler(sessionProxy));
    const response = await send(port, "HEAD", PATH, { cookie: "user=ada" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json");
    expect(response.body).toBe("");
  });

  it.each(["POST", "DELETE", "TRACE"])("answers %s 405, and the server goes on serving", async (method) => {
    const calls = maven();
    const port = await serve(toNodeHandler(sessionProxy));
    const refused = await send(port, method, PATH, { cookie: "user=ada" });
    expect(refused.status).toBe(405);
    expect(refused.headers.allow).toBe("GET, HEAD");
    expect(JSON.parse(refused.body)).toEqual({ detail: "Method not allowed: use GET." });
    expect(calls).toHaveLength(0);
    expect((await send(port, "GET", PATH, { cookie: "user=ada" })).status).toBe(200);
  });

  it("keeps a path that looks like another host a path on localhost, and reads the id from its end", async () => {
    maven();
    const port = await serve(toNodeHandler(sessionProxy));
    const response = await send(port, "GET", `//attacker.example${PATH}`, { cookie: "user=ada", host: "evil.example" });
    expect(response.status).toBe(200);
    expect(new URL(asked[0]!.url).host).toBe("localhost");
    expect(new URL(asked[0]!.url).pathname).toBe(`//attacker.example${PATH}`);
  });

  it("takes the id from a router's params (Express's req.params) before the path", async () => {
    maven();
    const handler = toNodeHandler(sessionProxy);
    // A router that matched /sessions/:sessionId/details, as Express would, and set req.params.
    const port = await serve((req, res) =>
      handler(Object.assign(req, { params: { sessionId: req.url!.split("/")[2]! } }), res),
    );
    const response = await send(port, "GET", `/sessions/${SESSION_ID}/details`, { cookie: "user=ada" });
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ session_id: SESSION_ID });
  });

  it("answers 400 for a request whose headers a Web Request refuses, without calling the handler", async () => {
    const calls = maven();
    // Node's own parser lets no such header through; a router or a test may hand one over.
    const written: { status?: number; headers?: Record<string, string>; body?: string } = {};
    await toNodeHandler(sessionProxy)(
      { method: "GET", url: PATH, headers: { cookie: "user=ada", "x-note": "one\ntwo" } },
      {
        writeHead: (status, headers) => Object.assign(written, { status, headers }),
        end: (body) => (written.body = new TextDecoder().decode(body)),
      },
    );
    expect(written.status).toBe(400);
    expect(written.headers?.["content-type"]).toBe("application/json");
    expect(JSON.parse(written.body!)).toEqual({ detail: "The request could not be read." });
    expect(asked).toHaveLength(0);
    expect(calls).toHaveLength(0);
  });

  it("serves HTTP/2 through Node's compatibility API, leaving out the pseudo-headers (:path, :method)", async () => {
    maven();
    const h2: Http2Server = createHttp2Server((req, res) => void toNodeHandler(sessionProxy)(req, res));
    await new Promise<void>((resolve) => h2.listen(0, "127.0.0.1", resolve));
    const client = http2Connect(`http://127.0.0.1:${(h2.address() as AddressInfo).port}`);
    try {
      const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const stream = client.request({ ":method": "GET", ":path": PATH, cookie: "user=ada" });
        let status = 0;
        let body = "";
        stream.on("response", (headers) => (status = Number(headers[":status"])));
        stream.setEncoding("utf8");
        stream.on("data", (chunk: string) => (body += chunk));
        stream.on("end", () => resolve({ status, body }));
        stream.on("error", reject);
        stream.end();
      });
      expect(status).toBe(200);
      expect(JSON.parse(body)).toMatchObject({ session_id: SESSION_ID });
      expect([...asked[0]!.headers.keys()].filter((name) => name.startsWith(":"))).toEqual([]);
    } finally {
      client.close();
      await new Promise<void>((resolve) => h2.close(() => resolve()));
    }
  });

  it("answers 500 when a handler of your own throws, and never rejects", async () => {
    maven();
    const failing: NodeSessionHandler = toNodeHandler(() => Promise.reject(new Error("boom")));
    const port = await serve(failing);
    const response = await send(port, "GET", PATH);
    expect(response.status).toBe(500);
    expect(JSON.parse(response.body)).toEqual({ detail: "The session proxy failed unexpectedly." });
    expect(response.body).not.toContain("boom");
  });
});
