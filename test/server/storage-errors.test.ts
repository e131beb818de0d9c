// Issue 8, case 1: a storage error refuses the action with server/storage_error, keeps and
// broadcasts nothing of it, leaves the process up, shows in /health, and tells the facilitator.
// The database is real: "full" is a size-limited file (PRAGMA max_page_count), "read-only" a copy
// opened without write access.
import { copyFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { ManualClock } from "../../server/clock.ts";
import { STORAGE_RETRY_MS } from "../../server/game/controller.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import type { ErrorReply } from "../../shared/protocol.ts";
import { Client } from "@colyseus/sdk";
import { startServer, tempDir, waitFor, waitTurn, type TestServer } from "./helpers.ts";

const MIN = 60_000;
const clock = new ManualClock(Date.UTC(2026, 5, 1, 9, 0));
// One server at a time: Colyseus' matchmaker is one per process.
let s: TestServer;
const dir = tempDir("faultline-storage-");
beforeAll(async () => {
  s = await startServer(await freePort(), { clock, dbFile: join(dir, "games.sqlite") });
});
afterAll(async () => {
  await s.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

/** Lets the database grow no more, and uses up the room left in its pages: every insert now fails with SQLITE_FULL. */
function fillDisk(t: TestServer, gameId: string, turn: number): void {
  const db = t.store.db;
  db.pragma(`max_page_count = ${db.pragma("page_count", { simple: true }) as number}`);
  const insert = db.prepare("INSERT INTO actions (game_id, turn, at, kind, seat, who, payload) VALUES (?, ?, 0, 'filler', NULL, 'test', ?)");
  for (const size of [4000, 1000, 250, 60, 15, 1]) {
    for (let i = 0; i < 100_000; i++) {
      try {
        insert.run(gameId, turn, JSON.stringify("x".repeat(size)));
      } catch (e) {
        expect((e as { code: string }).code).toBe("SQLITE_FULL");
        break;
      }
    }
  }
}

async function health(t: TestServer): Promise<{ status: number; body: { ok: boolean; database: { writable: boolean; lastError?: { code: string } } } }> {
  const res = await fetch(`${t.url}/health`);
  return { status: res.status, body: (await res.json()) as never };
}

const storageError = { ok: false, error: { code: "server/storage_error" } };

describe("a full disk", () => {
  it("refuses every write path with server/storage_error, keeps nothing of it, stays up and tells the facilitator", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 10, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    const facErrors: ErrorReply[] = [];
    facilitator.onError((e) => facErrors.push(e));
    const chinaErrors: ErrorReply[] = [];
    china.onError((e) => chinaErrors.push(e));
    // Something to answer and something to choose, made while there is room.
    expect(await russia.request({ type: "propose", turn: 1, order: { move: "trade_deal", target: "CHN" } })).toEqual({ ok: true });
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "inject", event: "worker_dispute", seat: "CHN" } })).toEqual({ ok: true });
    const offer = await waitFor(() => china.snapshot().view.proposals.find((p) => p.from === "RUS"), "the offer");
    const pending = await waitFor(() => china.snapshot().view.pending[0], "China's pending choice");
    // (Moscow's choice on Putin's visit waits from the start: the scenario opens with it.)
    await waitFor(() => facilitator.snapshot().view.pending.some((p) => p.seat === "CHN"), "facilitator sees it");
    expect((await health(s)).status).toBe(200);

    fillDisk(s, gameId, 1);
    try {
    const before = structuredClone(facilitator.snapshot());

    // Chat the way the browser sends it (no reply awaited): refused, the process stays up.
    china.chat("public", "Hello, is this thing on?");
    await waitFor(() => chinaErrors.find((e) => e.code === "server/storage_error"), "the chat is refused");
    // And every other write path, waiting for the verdict.
    const refused: [string, ColyseusSession, Parameters<ColyseusSession["request"]>[0]][] = [
      ["chat", china, { type: "chat", channel: "public", text: "Second try" }],
      ["orders", china, { type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] }],
      ["lock", china, { type: "lock", turn: 1, locked: true }],
      ["propose", china, { type: "propose", turn: 1, order: { move: "trade_deal", target: "RUS" } }],
      ["answer", china, { type: "answer", turn: 1, proposal: offer.id, answer: "accept" }],
      ["choose", china, { type: "choose", turn: 1, pending: pending.id, option: "stall" }],
      ["pause", facilitator, { type: "facilitate", turn: 1, command: { action: "pause" } }],
      ["extend", facilitator, { type: "facilitate", turn: 1, command: { action: "extend", minutes: 5 } }],
      ["bot", facilitator, { type: "facilitate", turn: 1, command: { action: "bot", seat: "JPN", on: true } }],
      ["inject", facilitator, { type: "facilitate", turn: 1, command: { action: "inject", event: "trash_balloons" } }],
      ["resolve", facilitator, { type: "facilitate", turn: 1, command: { action: "resolve" } }],
    ];
    for (const [what, who, msg] of refused) expect(await who.request(msg), what).toMatchObject(storageError);

    // The clock runs out: the resolution cannot be stored, so the turn stays as it was.
    clock.advance(10 * MIN);
    await new Promise((r) => setTimeout(r, 200));

    // Nothing half-done was broadcast or kept: everyone sees the game exactly as before.
    const after = facilitator.snapshot();
    expect(after.view).toEqual(before.view);
    expect(after.messages).toEqual(before.messages);
    expect(after.status).toBe(before.status);
    expect(china.snapshot().view.turn).toBe(1);
    expect(russia.snapshot().messages).toEqual([]);

    // /health says so, and the facilitator was told.
    const h = await health(s);
    expect(h.status).toBe(503);
    expect(h.body.database).toMatchObject({ writable: false, lastError: { code: "SQLITE_FULL" } });
    expect(facErrors.some((e) => e.code === "server/storage_error")).toBe(true);

    } finally {
      // Space comes back: the next write goes through, and the due resolution is tried again.
      s.store.db.pragma("max_page_count = 1000000");
    }
    expect(await china.request({ type: "chat", channel: "public", text: "Back again" })).toEqual({ ok: true });
    expect((await health(s)).status).toBe(200);
    clock.advance(STORAGE_RETRY_MS);
    await waitTurn(china, 2);
    await waitTurn(russia, 2);
    for (const p of [facilitator, china, russia]) await p.leave();
  }, 60_000);
});

describe("a database that cannot be read while people join or come back", () => {
  it("refuses a join with server/storage_error, keeping nothing of it; a returning connection is let back in and told", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    china.chat("public", "Said before the failure");
    await waitFor(() => facilitator.snapshot().messages.length === 1, "chat stored");
    const sdk = new Client(s.url);
    const korea = await sdk.joinById(gameId, { claim: { seat: "KOR", name: "Min" } });
    korea.reconnection.enabled = false;
    korea.onMessage("*", () => undefined);
    await waitFor(() => facilitator.snapshot().seats.find((x) => x.id === "KOR")?.players.length === 1, "Korea seated");
    const dropped = new Promise<void>((resolve) => korea.onLeave(() => resolve()));
    korea.connection.close(4010, "network blip");
    await dropped;

    // Chat and actions live in one table; with it unreadable, nothing of the past can be sent.
    s.store.db.exec("ALTER TABLE actions RENAME TO actions_unreadable");
    try {
      await expect(s.lobby.join(gameId, { seat: "JPN", name: "Chie" })).rejects.toMatchObject({ code: "server/storage_error" });
      await expect(s.lobby.join(gameId, { observer: true, name: "Press" })).rejects.toMatchObject({ code: "server/storage_error" });
      // Nothing was kept of the refused joins: Japan is still free and nobody new is listed.
      const d = await s.lobby.describe(gameId);
      expect(d.freeSeats).toContain("JPN");
      expect(facilitator.snapshot().seats.find((x) => x.id === "JPN")?.players ?? []).toEqual([]);

      // The dropped connection comes back (its session is held), told why its history is missing.
      const back = await new Client(s.url).reconnect(korea.reconnectionToken);
      const told = new Promise<ErrorReply>((resolve) => back.onMessage("error", resolve));
      back.onMessage("*", () => undefined);
      expect(await told).toMatchObject({ code: "server/storage_error" });
      await waitFor(() => facilitator.snapshot().seats.find((x) => x.id === "KOR")?.players[0]?.connected === true, "Korea back online");
      await back.leave();
    } finally {
      s.store.db.exec("ALTER TABLE actions_unreadable RENAME TO actions");
    }
    // Once the database reads again, the same person joins and gets the history.
    const japan = await s.lobby.join(gameId, { seat: "JPN", name: "Chie" });
    await waitFor(() => japan.snapshot().messages.some((m) => m.text === "Said before the failure"), "history after recovery");
    for (const p of [japan, china, facilitator]) await p.leave();
  }, 60_000);
});

describe("a read-only database", () => {
  it("refuses writes with server/storage_error and keeps serving what it can read", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    expect(await china.request({ type: "chat", channel: "public", text: "Before" })).toEqual({ ok: true });
    const chinaCred = china.credential;
    const facCred = facilitator.credential;
    await china.leave();
    await facilitator.leave();
    s.store.db.pragma("wal_checkpoint(TRUNCATE)");
    const copy = join(dir, "read-only.sqlite");
    copyFileSync(s.dbFile, copy);
    await s.close();

    const ro = await startServer(await freePort(), { dbFile: copy, readonly: true });
    try {
      const back = await ro.lobby.resume(chinaCred);
      const fac = await ro.lobby.resume(facCred);
      const facErrors: ErrorReply[] = [];
      fac.onError((e) => facErrors.push(e));
      await waitFor(() => back.snapshot().messages.length === 1, "chat read from the read-only file");
      expect(await back.request({ type: "chat", channel: "public", text: "After" })).toMatchObject(storageError);
      expect(await back.request({ type: "lock", turn: 1, locked: true })).toMatchObject(storageError);
      expect(await fac.request({ type: "facilitate", turn: 1, command: { action: "pause" } })).toMatchObject(storageError);
      // A new person cannot join (the credential cannot be stored): a clear refusal, no crash.
      await expect(ro.lobby.join(gameId, { seat: "JPN", name: "Chie" })).rejects.toThrow(/storage_error/);
      await expect(ro.lobby.join(gameId, { observer: true, name: "Press" })).rejects.toThrow(/storage_error/);
      const h = await health(ro);
      expect(h.status).toBe(503);
      expect(h.body.database).toMatchObject({ writable: false, lastError: { code: expect.stringMatching(/^SQLITE_READONLY/) } });
      await waitFor(() => facErrors.some((e) => e.code === "server/storage_error"), "facilitator told");
      expect(back.snapshot().view.locked["CHN"]).toBeFalsy();
      for (const p of [back, fac]) await p.leave();
    } finally {
      await ro.close();
    }
  }, 60_000);
});
