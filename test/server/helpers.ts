// Shared setup for the server tests: a real server on a test port with a temporary SQLite file,
// sessions that record every raw frame they receive, and a polling wait.
import { Protocol } from "@colyseus/core";
import { ColyseusTestServer } from "@colyseus/testing";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ColyseusGameServer } from "../../client/src/net/colyseus-server.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import type { CreateGameOptions, SeatCredential } from "../../shared/protocol.ts";
import { makeFaultlineServer, type Faultline, type FaultlineOptions } from "../../server/app.ts";
import type { Clock } from "../../server/clock.ts";
import type { Limits } from "../../server/limits.ts";
import type { EnginePort } from "../../server/game/engine-port.ts";
import { openDatabase } from "../../server/store/db.ts";
import { SqliteGameStore, type GameStore } from "../../server/store/game-store.ts";
import { GameRoom } from "../../server/rooms/game-room.ts";
import type { ScenarioLibrary } from "../../server/scenarios.ts";

export interface TestServer<S extends GameStore = SqliteGameStore> extends Faultline {
  url: string;
  port: number;
  store: S;
  colyseus: ColyseusTestServer;
  dbFile: string;
  lobby: ColyseusGameServer;
  close(): Promise<void>;
}

/** A fresh temporary folder for a test database. */
export function tempDir(prefix = "faultline-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Starts a server on `port` with its own database file. */
export async function startServer<S extends GameStore = SqliteGameStore>(
  port: number,
  o: {
    clock?: Clock;
    engine?: EnginePort;
    dbFile?: string;
    reconnectSeconds?: number;
    limits?: Partial<Limits>;
    /** Open the database without write access. */
    readonly?: boolean;
    corsOrigins?: string[];
    staticDir?: string;
    /** Another store (e.g. PostgreSQL for the storage suite); closed with the server. */
    store?: S;
    /** The scenarios (default: the shipped folder). */
    scenarios?: ScenarioLibrary;
  } = {},
): Promise<TestServer<S>> {
  const dir = o.dbFile || o.store ? undefined : tempDir();
  const dbFile = o.store ? o.store.where : (o.dbFile ?? join(dir!, "games.sqlite"));
  const store = (o.store ?? new SqliteGameStore(openDatabase(dbFile, { readonly: o.readonly }))) as S;
  const options: FaultlineOptions = {
    store,
    clock: o.clock,
    engine: o.engine,
    staticDir: o.staticDir ?? join(tmpdir(), "faultline-no-client"),
    reconnectSeconds: o.reconnectSeconds,
    // Test files create games quickly from one address; the per-minute burst is tested on its own.
    limits: { createPerMinute: 60, ...o.limits },
    corsOrigins: o.corsOrigins ?? [],
    scenarios: o.scenarios,
  };
  const f = makeFaultlineServer(options);
  await f.server.listen(port);
  await f.games.restoreAll();
  const url = `http://localhost:${port}`;
  const colyseus = new ColyseusTestServer(f.server);
  return {
    ...f,
    url,
    port,
    store,
    colyseus,
    dbFile,
    lobby: new ColyseusGameServer(url, { retryForMs: 5000 }),
    async close() {
      f.games.stop();
      f.scenarios.stop();
      await colyseus.shutdown();
      await store.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a game over HTTP; returns its id and the facilitator's credential. */
export async function createGame(url: string, options: CreateGameOptions = {}): Promise<{ gameId: string; joinCode: string; credential: SeatCredential }> {
  const res = await fetch(`${url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(options) });
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { gameId: string; joinCode: string; credential: SeatCredential };
}

/** Polls until `check` returns (or resolves to) a truthy value. */
export async function waitFor<T>(check: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Every raw frame a connection received, with helpers to search them as text. */
export class FrameLog {
  frames: Uint8Array[] = [];
  readonly tap = (b: Uint8Array) => {
    this.frames.push(b.slice());
  };

  /** All frames except request replies (the scenario a viewer asked for lists every move by name). */
  text(skipReplies = true): string {
    const dec = new TextDecoder("utf-8", { fatal: false });
    return this.frames
      .filter((f) => !skipReplies || (f[0]! & 0x3f) !== Protocol.ROOM_RESPONSE)
      .map((f) => dec.decode(f))
      .join("\n");
  }

  bytes(): number {
    return this.frames.reduce((n, f) => n + f.length, 0);
  }
}

/** A lobby client whose sessions record frames into `log`. */
export function recordingLobby(url: string, log: FrameLog): ColyseusGameServer {
  return new ColyseusGameServer(url, { tap: log.tap, retryForMs: 5000 });
}

/** The live room object of a game (server side). */
export function roomOf(s: TestServer, gameId: string): GameRoom {
  return s.colyseus.getRoomById(gameId) as unknown as GameRoom;
}

/** Waits until the session's snapshot is on `turn`. */
export function waitTurn(session: ColyseusSession, turn: number, timeoutMs = 10_000): Promise<unknown> {
  return waitFor(() => session.snapshot().view.turn >= turn, `turn ${turn}`, timeoutMs);
}
