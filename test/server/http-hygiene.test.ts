// Issue 8, case 10: HTTP hygiene. Errors are JSON without stack traces or paths (malformed and
// oversized JSON too); security headers (CSP for what the client needs, nosniff, frame-ancestors,
// no X-Powered-By); CORS only for configured origins; POST bodies must be JSON, so a cross-site
// form cannot create a game.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
// A create request may carry a scenario file, so "oversized" is beyond the largest upload.
import { MAX_SCENARIO_BYTES } from "../../shared/protocol.ts";
import { startServer, tempDir, type TestServer } from "./helpers.ts";

const TRUSTED = "https://class.example.org";
let s: TestServer;
beforeAll(async () => {
  const staticDir = join(tempDir("faultline-static-"), "dist");
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>Faultline</title>");
  s = await startServer(await freePort(), { staticDir, corsOrigins: [TRUSTED] });
});
afterAll(async () => {
  await s.close();
});

const gameCount = () => (s.store.db.prepare("SELECT COUNT(*) AS n FROM games").get() as { n: number }).n;
const noLeak = (text: string) => expect(text).not.toMatch(/<html|<pre|\bat [\w.<>]+ \(|\/work\/|node_modules|SyntaxError/i);

describe("HTTP errors", () => {
  it("are JSON with a code and no stack trace or path, for malformed, oversized and unknown requests", async () => {
    const cases: [string, RequestInit, number, string][] = [
      ["malformed JSON", { method: "POST", headers: { "content-type": "application/json" }, body: "{ not json" }, 400, "http/bad_json"],
      ["oversized JSON", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x".repeat(MAX_SCENARIO_BYTES + 40_000) }) }, 413, "http/too_large"],
    ];
    for (const [what, init, status, code] of cases) {
      const res = await fetch(`${s.url}/api/games`, init);
      expect(res.status, what).toBe(status);
      expect(res.headers.get("content-type"), what).toMatch(/application\/json/);
      const text = await res.text();
      noLeak(text);
      expect(JSON.parse(text), what).toMatchObject({ code });
    }
    const unknown = await fetch(`${s.url}/api/nothing/here`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "http/not_found" });
    const mm = await fetch(`${s.url}/matchmake/joinById/nope`, { method: "POST", headers: { "content-type": "application/json" }, body: "{ nope" });
    expect(mm.status).toBeGreaterThanOrEqual(400);
    noLeak(await mm.text());
  });
});

describe("security headers", () => {
  it("are on pages and API answers: CSP for the client, nosniff, no framing, no X-Powered-By", async () => {
    for (const path of ["/", "/api/games", "/health", "/api/nothing"]) {
      const res = await fetch(`${s.url}${path}`);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).toMatch(/connect-src 'self'/);
      expect(csp, path).toMatch(/img-src 'self' data: blob:/);
      expect(csp, path).not.toContain("unsafe-eval");
      // Inline style attributes only (the legend's colours), never inline <style> or scripts.
      expect(csp, path).toMatch(/style-src 'self'(;|$)/);
      expect(csp, path).toContain("style-src-attr 'unsafe-inline'");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("x-powered-by"), path).toBeNull();
    }
  });
});

describe("CORS", () => {
  it("answers only configured origins, never with credentials for any origin", async () => {
    const evil = await fetch(`${s.url}/api/games`, { headers: { origin: "https://evil.example" } });
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();
    expect(evil.headers.get("access-control-allow-credentials")).toBeNull();
    const preflight = await fetch(`${s.url}/api/games`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const mmPreflight = await fetch(`${s.url}/matchmake/joinById/x`, { method: "OPTIONS", headers: { origin: "https://evil.example", "access-control-request-method": "POST" } });
    expect(mmPreflight.headers.get("access-control-allow-origin")).toBeNull();
    // A configured origin (FAULTLINE_CORS_ORIGINS) is allowed, and only that one.
    const trusted = await fetch(`${s.url}/api/games`, { headers: { origin: TRUSTED } });
    expect(trusted.headers.get("access-control-allow-origin")).toBe(TRUSTED);
    expect(trusted.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

describe("POST bodies", () => {
  it("must be JSON: a cross-site form post creates nothing", async () => {
    const before = gameCount();
    for (const [type, body] of [
      ["application/x-www-form-urlencoded", "scenario=pyongyang-2024&name=Pwned"],
      ["text/plain", '{"name":"Pwned"}'],
      ["multipart/form-data; boundary=x", '--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nPwned\r\n--x--'],
    ] as const) {
      const res = await fetch(`${s.url}/api/games`, { method: "POST", headers: { "content-type": type, origin: "https://evil.example" }, body });
      expect(res.status, type).toBe(415);
      expect(await res.json()).toMatchObject({ code: "http/json_only" });
      const mm = await fetch(`${s.url}/matchmake/joinById/whatever`, { method: "POST", headers: { "content-type": type }, body });
      expect(mm.status, `matchmake ${type}`).toBe(415);
    }
    expect(gameCount()).toBe(before);
    // JSON still works.
    expect((await fetch(`${s.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(201);
  });
});
