// Issue 8, case 9: a damaged or unwritable database is reported, not hidden. The real server
// starts on (a) a copy whose game pages were overwritten with garbage: it says the integrity check
// failed and which game could not be restored and why, /health says so, and the game answers with
// a JSON error instead of a 500 page; (b) a file that is not a database and (c) a read-only file:
// it refuses to start, with a message that says why.
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { startServer, tempDir, waitFor } from "./helpers.ts";
import { spawnServer, type ServerProcess } from "./process.ts";

const dir = tempDir("faultline-damaged-");
chmodSync(dir, 0o755);
const procs: ServerProcess[] = [];
afterAll(async () => {
  for (const p of procs) await p.kill9();
  rmSync(dir, { recursive: true, force: true });
});

/** A database with one unfinished game and a player, closed cleanly (no WAL left). */
async function databaseWithGame(file: string): Promise<string> {
  const s = await startServer(await freePort(), { dbFile: file });
  const facilitator = await s.lobby.createGame({ turnMinutes: 0, name: "Damaged" });
  const gameId = facilitator.credential.gameId;
  const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
  expect(await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] })).toEqual({ ok: true });
  for (const p of [facilitator, china]) await p.leave();
  s.store.db.pragma("wal_checkpoint(TRUNCATE)");
  await s.close();
  return gameId;
}

describe("a damaged database", () => {
  it("is reported at start-up, in /health and per game, without 500 pages", async () => {
    const good = join(dir, "good.sqlite");
    const gameId = await databaseWithGame(good);
    const bad = join(dir, "bad.sqlite");
    copyFileSync(good, bad);
    // Garbage over every page of the turns table (the game's saved states).
    const pages = (() => {
      const db = new Database(bad, { readonly: true });
      const size = db.pragma("page_size", { simple: true }) as number;
      const list = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'turns'").all() as { pageno: number }[]).map((r) => r.pageno);
      db.close();
      return { size, list };
    })();
    expect(pages.list.length).toBeGreaterThan(1);
    const fd = openSync(bad, "r+");
    for (const p of pages.list) writeSync(fd, randomBytes(pages.size), 0, pages.size, (p - 1) * pages.size);
    closeSync(fd);

    const srv = await spawnServer({ port: await freePort(), db: bad });
    procs.push(srv);
    await waitFor(() => /unfinished game\(s\)/.test(srv.output()), "the restore report", 30_000);
    const out = srv.output();
    expect(out).toMatch(/failed its integrity check/);
    expect(out).toMatch(/1 unfinished game\(s\): 0 restored \(0 reopened at once\), 1 failed/);
    expect(out).toContain(`game ${gameId} could not be restored`);
    expect(out).not.toMatch(/1 game\(s\) resumed/);

    const health = await fetch(`${srv.url}/health`);
    expect(health.status).toBe(503);
    const h = (await health.json()) as { ok: boolean; database: { integrity: string; writable: boolean }; games: { failed: { gameId: string; reason: string }[] } };
    expect(h.ok).toBe(false);
    expect(h.database.integrity).not.toBe("ok");
    expect(h.games.failed.map((f) => f.gameId)).toEqual([gameId]);

    // The damaged game answers with a JSON error, no stack trace or path.
    const res = await fetch(`${srv.url}/api/games/${gameId}`);
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.headers.get("content-type")).toMatch(/application\/json/);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ code: expect.stringMatching(/^server\//) });
    expect(text).not.toMatch(/<html|at \w+ \(|\/work\//);
    // Writing into the damaged table is refused the same way, and the server stays up.
    const created = await fetch(`${srv.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(created.status).toBe(503);
    expect(await created.json()).toMatchObject({ code: "server/storage_error" });
    expect((await fetch(`${srv.url}/health`)).status).toBe(503);
    expect(srv.child.exitCode).toBeNull();
    await srv.kill9();
  }, 90_000);

  it("that is not a database at all stops the server with a clear message", async () => {
    const junk = join(dir, "junk.sqlite");
    writeFileSync(junk, randomBytes(64 * 1024));
    const srv = await spawnServer({ port: await freePort(), db: junk, waitHealthy: false });
    procs.push(srv);
    expect(await srv.exited).toBe(1);
    expect(srv.output()).toMatch(/Faultline cannot start: the database .*junk\.sqlite cannot be opened for writing \(SQLITE_NOTADB/);
  }, 60_000);

  it("that is read-only stops the server with a clear message instead of starting 'healthy'", async () => {
    const roDir = join(dir, "ro");
    mkdirSync(roDir);
    const file = join(roDir, "games.sqlite");
    await databaseWithGame(file);
    chmodSync(file, 0o444);
    chmodSync(roDir, 0o555);
    // Root may write anything: run the server as an unprivileged user when the tests run as root.
    const asRoot = process.getuid?.() === 0;
    const tmp = join(dir, "tmp");
    mkdirSync(tmp, { mode: 0o777 });
    chmodSync(tmp, 0o777);
    const srv = await spawnServer({ port: await freePort(), db: file, waitHealthy: false, env: { TMPDIR: tmp }, ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    procs.push(srv);
    expect(await srv.exited).toBe(1);
    expect(srv.output()).toMatch(/Faultline cannot start: the database .*games\.sqlite (cannot be opened for writing|is not writable) \(SQLITE_(READONLY|CANTOPEN)/);
    chmodSync(roDir, 0o755);
  }, 60_000);
});
