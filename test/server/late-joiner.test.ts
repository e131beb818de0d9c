// A late joiner's first frame is the room's whole state. At the last turn it is the largest it
// gets, and it must arrive whole and decode to the same view a connection that was there all
// along holds, without the encoder overflowing its buffer (a warning and a copy per join).
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { GameView } from "../../shared/engine/index.ts";
import type { ClientView } from "../../shared/protocol.ts";
import { freePort } from "../support/free-port.ts";
import { PooledSchemaSerializer } from "../../server/rooms/encode-buffers.ts";
import { openDatabase } from "../../server/store/db.ts";
import { SqliteGameStore } from "../../server/store/game-store.ts";
import { StorageError } from "../../server/store/storage-health.ts";
import { FrameLog, recordingLobby, roomOf, startServer, tempDir, waitFor, waitTurn, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

const FULL_STATE = 14;

describe("a late joiner", () => {
  it("gets the whole state at turn 12 in one frame, equal to what an early connection holds", async () => {
    const warn = vi.spyOn(console, "warn");
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "bot" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const watcher = await s.lobby.join(gameId, { observer: true, name: "Press" });
    for (let turn = 1; turn < 12; turn++) {
      await waitTurn(facilitator, turn);
      expect(await china.request({ type: "chat", channel: "public", text: `turn ${turn}: we hold our course` })).toEqual({ ok: true });
      expect(await facilitator.request({ type: "facilitate", turn, command: { action: "resolve" } })).toEqual({ ok: true });
    }
    await waitTurn(china, 12);
    await waitTurn(watcher, 12);
    const log = new FrameLog();
    const lobby = recordingLobby(s.url, log);
    // China's credential opened again takes the seat over (the older tab is closed), so its view is read first.
    const chinaView = china.snapshot().view;
    const late = [await lobby.resume(china.credential), await lobby.resume(facilitator.credential), await lobby.join(gameId, { observer: true, name: "Late" })];
    await waitFor(() => late.every((p) => p.snapshot().view.history.length === 12), "the late joiners' history");
    const full = log.frames.filter((f) => f[0] === FULL_STATE);
    expect(full).toHaveLength(3);
    console.log(`full state frames: ${full.map((f) => f.length).join(", ")} bytes`);
    // Reports are messages, not state (and a late joiner gets covert moves exposed since in full).
    const state = (v: GameView) => ({ ...v, reports: undefined });
    expect(state(late[0]!.snapshot().view)).toEqual(state(chinaView));
    expect(state(late[1]!.snapshot().view)).toEqual(state(facilitator.snapshot().view));
    expect(state(late[2]!.snapshot().view)).toEqual(state(watcher.snapshot().view));
    // The past reports read the same whether joined late or there all along: covert actions found
    // out after their turn were sent again to those already connected, in full.
    const exposedLater = (roomOf(s, gameId) as unknown as { controller: { state: { covert: { discovered?: number; turn: number }[] } } }).controller.state.covert.filter(
      (x) => x.discovered !== undefined && x.discovered > x.turn,
    );
    expect(exposedLater.length).toBeGreaterThan(0);
    const entries = (v: ClientView) => v.reports.map((r) => ({ turn: r.turn, entries: r.entries.map((e) => e.text) }));
    expect(entries(watcher.snapshot().view)).toEqual(entries(late[2]!.snapshot().view));
    // The room encoded into the process's shared buffers, not buffers of its own (encode-buffers.ts).
    const serializer = (roomOf(s, gameId) as unknown as { _serializer: unknown })._serializer;
    expect(serializer).toBeInstanceOf(PooledSchemaSerializer);
    expect((serializer as PooledSchemaSerializer<never>).ownBuffers()).toEqual([]);
    expect(warn.mock.calls.filter((c) => String(c[0]).includes("buffer overflow"))).toEqual([]);
    for (const p of [...late, watcher, facilitator]) await p.leave();
  }, 60_000);

  it("gets the exposed reports again after the next turn when the store could not be read as they were exposed", async () => {
    // The past reports cannot be read for the first eight turns (a database failing reads), then
    // can again: the resend of reports naming covert actions found out meanwhile is retried, so
    // a connection that was there all along ends up reading what a late joiner reads.
    class FailingLog extends SqliteGameStore {
      failing = false;
      override async turnLog(gameId: string) {
        if (this.failing) throw new StorageError("SQLITE_IOERR", "disk I/O error (test)");
        return super.turnLog(gameId);
      }
    }
    const store = new FailingLog(openDatabase(`${tempDir()}/games.sqlite`));
    const t = await startServer(await freePort(), { store });
    try {
      const facilitator = await t.lobby.createGame({ turnMinutes: 0, missingSeats: "bot" });
      const gameId = facilitator.credential.gameId;
      const watcher = await t.lobby.join(gameId, { observer: true, name: "Press" });
      const exposedBy = (turn: number) =>
        (roomOf(t, gameId) as unknown as { controller: { state: { covert: { discovered?: number; turn: number }[] } } }).controller.state.covert.filter(
          (x) => x.discovered !== undefined && x.discovered > x.turn && x.discovered <= turn,
        ).length;
      store.failing = true;
      for (let turn = 1; turn < 12; turn++) {
        if (turn === 9) store.failing = false;
        await waitTurn(facilitator, turn);
        expect(await facilitator.request({ type: "facilitate", turn, command: { action: "resolve" } })).toEqual({ ok: true });
      }
      await waitTurn(watcher, 12);
      // Some covert action was found out after its turn while the reports could not be read.
      expect(exposedBy(8)).toBeGreaterThan(0);
      const late = await t.lobby.join(gameId, { observer: true, name: "Late" });
      const entries = (v: ClientView) => v.reports.map((r) => ({ turn: r.turn, entries: r.entries.map((e) => e.text) }));
      await waitFor(() => late.snapshot().view.reports.length === 11, "the late joiner's reports");
      await waitFor(() => JSON.stringify(entries(watcher.snapshot().view)) === JSON.stringify(entries(late.snapshot().view)), "the watcher's reports resent in full", 5000).catch(() => undefined);
      expect(entries(watcher.snapshot().view)).toEqual(entries(late.snapshot().view));
      for (const p of [late, watcher, facilitator]) await p.leave();
    } finally {
      await t.close();
    }
  }, 60_000);
});
