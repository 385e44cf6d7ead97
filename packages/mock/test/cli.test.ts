import { createMavenClient, type Session } from "@trymaven/core";
import { MOCK_API_KEY, scenarios } from "@trymaven/mock";
import { describe, expect, it } from "vitest";
import { runCli, UsageError } from "../src/cli-main.js";

function capture() {
  const lines: string[] = [];
  return { output: { stdout: (text: string) => lines.push(text) }, text: () => lines.join("") };
}

describe("maven-mock", () => {
  it("serves the requested scenarios on 127.0.0.1 and prints the URL, the key and each scenario's session", async () => {
    const { output, text } = capture();
    const running = await runCli(["--port", "0", "--scenario", "declined", "--advance-by", "request"], output);
    try {
      const url = running!.server.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(text()).toContain(`Maven mock API listening on ${url}`);
      expect(text()).toContain(`Bearer ${MOCK_API_KEY}`);
      const sessionId = scenarios.declined.sessionId;
      expect(text()).toContain(`${url}/v1/sessions/${sessionId}`);

      const maven = createMavenClient({ apiKey: MOCK_API_KEY, baseUrl: url, maxRetries: 0 });
      const statuses: Session["status"][] = [];
      for (let i = 0; i < 3; i++) statuses.push((await maven.sessions.get(sessionId)).status);
      expect(statuses).toEqual(["pending", "collecting", "payment-failed"]);
    } finally {
      await running!.stop();
    }
  });

  it("accepts only --api-key when given, and serves no fixtures with --no-fixtures", async () => {
    const key = `mvn_live_${"k".repeat(32)}`;
    const running = await runCli(
      ["--port", "0", "--api-key", key, "--no-fixtures", "--scenario", "all"],
      capture().output,
    );
    try {
      const sessions = running!.server.simulator.listSessions();
      expect(sessions).toHaveLength(Object.keys(scenarios).length);
      const sessionId = sessions[0]!.session_id;
      const wrong = await fetch(`${running!.server.url}/v1/sessions/${sessionId}`, {
        headers: { authorization: `Bearer ${MOCK_API_KEY}` },
      });
      expect(wrong.status).toBe(401);
      const right = await fetch(`${running!.server.url}/v1/sessions/${sessionId}`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(right.status).toBe(200);
    } finally {
      await running!.stop();
    }
  });

  it("lists every scenario session it serves, a repeated scenario included", async () => {
    const { output, text } = capture();
    const running = await runCli(
      ["--port", "0", "--no-fixtures", "--scenario", "success", "--scenario", "success"],
      output,
    );
    try {
      const ids = running!.server.simulator.listSessions().map((session) => session.session_id);
      expect(ids).toHaveLength(2);
      for (const sessionId of ids)
        expect(text()).toMatch(new RegExp(`success +${running!.server.url}/v1/sessions/${sessionId}`));
    } finally {
      await running!.stop();
    }
  });

  it("answers CORS preflights with --cors, for a browser calling it directly", async () => {
    const running = await runCli(["--port", "0", "--cors"], capture().output);
    try {
      const preflight = await fetch(`${running!.server.url}/v1/sessions/${scenarios.success.sessionId}`, {
        method: "OPTIONS",
        headers: { origin: "http://127.0.0.1:3000", "access-control-request-method": "GET" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    } finally {
      await running!.stop();
    }
  });

  it("serves a browser page with no key under --no-auth --cors, and says no key is needed", async () => {
    const { output, text } = capture();
    const running = await runCli(["--port", "0", "--cors", "--no-auth", "--scenario", "success"], output);
    try {
      expect(text()).toContain("key:      none needed (--no-auth)");
      expect(text()).not.toContain(MOCK_API_KEY);
      // What a page's client does: no key, the mock's absolute URL.
      const maven = createMavenClient({ baseUrl: running!.server.url, maxRetries: 0 });
      expect((await maven.sessions.get(scenarios.success.sessionId)).session_id).toBe(scenarios.success.sessionId);
      // Without the flag, the same request is refused.
      const guarded = await runCli(["--port", "0"], capture().output);
      try {
        const refused = await fetch(`${guarded!.server.url}/v1/sessions/${scenarios.success.sessionId}`);
        expect(refused.status).toBe(401);
      } finally {
        await guarded!.stop();
      }
    } finally {
      await running!.stop();
    }
  });

  it("prints usage for --help without starting a server", async () => {
    const { output, text } = capture();
    expect(await runCli(["--help"], output)).toBeNull();
    expect(text()).toMatch(/^Usage: maven-mock/);
  });

  it.each([
    [["--scenario", "nope"], /unknown scenario "nope"/],
    [["--port", "-1"], /--port/],
    [["--port", "70000"], /--port/],
    [["--advance-by", "tick"], /--advance-by/],
    [["--api-key", "sk_live_123"], /--api-key/],
    [["--bogus"], /bogus/],
    [["--no-auth", "--api-key", `mvn_test_${"k".repeat(32)}`], /--no-auth and --api-key/],
  ])("rejects %j with a usage error", async (argv, message) => {
    await expect(runCli(argv, capture().output)).rejects.toThrow(UsageError);
    await expect(runCli(argv, capture().output)).rejects.toThrow(message);
  });
});
