/**
 * A real redis-server for one test file: started on a free loopback port in beforeAll, with nothing
 * written to disk, and stopped in afterAll. Needs Debian's `redis-server` (`.ci/run` installs it).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createConnection, createServer, type AddressInfo } from "node:net";
import { createClient } from "redis";
import { afterAll, beforeAll } from "vitest";

const newClient = (url: string) => createClient({ url });
export type Redis = ReturnType<typeof newClient>;

const STARTUP_MS = 10_000;

/** A port nothing listens on right now: the kernel's pick for port 0. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Whether a PING on a fresh connection is answered with PONG. */
function pings(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.setTimeout(500);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Starts redis-server before the file's tests and stops it after them. Each client it gives (closed in
 * afterAll too) stands for one instance of your server.
 */
export function redisServerForThisFile(): { client(): Redis; connect(): Promise<Redis> } {
  let child: ChildProcess | undefined;
  let url = "";
  const clients: Redis[] = [];
  /** A new client, not connected yet. */
  const client = (): Redis => {
    const created = newClient(url);
    clients.push(created);
    return created;
  };

  beforeAll(async () => {
    const port = await freePort();
    let output = "";
    child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const spawnError = new Promise<Error>((resolve) => child?.once("error", resolve));
    const deadline = Date.now() + STARTUP_MS;
    while (!(await pings(port))) {
      const failed = await Promise.race([spawnError, new Promise((resolve) => setTimeout(resolve, 50))]);
      if (failed instanceof Error) {
        throw new Error(`could not run redis-server (${failed.message}); install it: apt-get install redis-server`);
      }
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`redis-server did not answer PING on port ${port}:\n${output}`);
      }
    }
    url = `redis://127.0.0.1:${port}`;
  }, STARTUP_MS + 5_000);

  afterAll(async () => {
    await Promise.all(clients.filter((open) => open.isOpen).map((open) => open.close()));
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
  });

  return {
    client,
    /** A new connected client. */
    connect: () => client().connect(),
  };
}
