// One storage test suite, run against both stores: SQLite (a temporary file) and PostgreSQL (a
// fresh database per backend run, dropped afterwards). The same calls give the same answers, and
// the same server behaviour holds on both: a move is stored before anyone is told of it, a game
// is restored from the store alone (its turn replayed), and a finished game reopens read-only.
// PostgreSQL must be up (FAULTLINE_TEST_PG); when it is not, the PostgreSQL half fails saying so.
import { rmSync } from "node:fs";
import pg from "pg";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../../server/clock.ts";
import { createGameRecord } from "../../server/game/create-game.ts";
import { realEngine, type EnginePort } from "../../server/game/engine-port.ts";
import { loadScenarios, ScenarioLibrary } from "../../server/scenarios.ts";
import { openDatabase } from "../../server/store/db.ts";
import { SqliteGameStore, type ActionRecord, type GameRecord, type GameStore } from "../../server/store/game-store.ts";
import { LATEST_VERSION } from "../../server/store/migrations.ts";
import { PgGameStore } from "../../server/store/pg-store.ts";
import { StorageError } from "../../server/store/storage-health.ts";
import { freePort } from "../support/free-port.ts";
import { freshDatabase, type TestDatabase } from "../support/postgres.ts";
import { startServer, tempDir, waitFor, waitTurn, type TestServer } from "./helpers.ts";

const catalog = loadScenarios();
const library = new ScenarioLibrary();
/** New games take the folder's scenario of their name, as the lobby's create form does. */
const source = (o: { scenario: string }) => {
  const found = library.source(o.scenario);
  return found ? { ok: true as const, value: found } : { ok: false as const, code: "create/unknown_scenario", message: `No scenario ${o.scenario}.` };
};

interface Backend {
  name: string;
  setUp(): Promise<void>;
  /** A store on the backend's database (each call opens another connection to the same data). */
  open(): Promise<GameStore>;
  tearDown(): Promise<void>;
}

function sqliteBackend(): Backend {
  let dir = "";
  return {
    name: "SQLite",
    async setUp() {
      dir = tempDir("faultline-suite-");
    },
    open: async () => new SqliteGameStore(openDatabase(join(dir, "games.sqlite"))),
    async tearDown() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function postgresBackend(): Backend {
  let db: TestDatabase | undefined;
  return {
    name: "PostgreSQL",
    async setUp() {
      db = await freshDatabase("suite");
    },
    open: async () => {
      if (!db) throw new Error("PostgreSQL test database was not created (see the first error of this file)");
      return PgGameStore.open(db.url);
    },
    async tearDown() {
      await db?.drop();
    },
  };
}

async function newGame(store: GameStore, options: Record<string, unknown> = {}): Promise<{ record: GameRecord; token: string }> {
  const r = await createGameRecord({ name: "Suite", turnMinutes: 30, ...options }, { store, clock: systemClock, engine: realEngine, source });
  if (!r.ok) throw new Error(r.message);
  return { record: r.record, token: r.facilitatorToken };
}

describe.each([sqliteBackend(), postgresBackend()])("the $name store", (backend) => {
  let store: GameStore;
  const opened: GameStore[] = [];
  const servers: TestServer<GameStore>[] = [];
  const open = async () => {
    const s = await backend.open();
    opened.push(s);
    return s;
  };
  beforeAll(async () => {
    await backend.setUp();
    store = await open();
  });
  afterAll(async () => {
    for (const s of servers) await s.close().catch(() => undefined);
    for (const s of opened) await s.close();
    await backend.tearDown();
  });

  it("keeps a game, its turn state and its facilitator credential; migrations are versioned and applied once", async () => {
    const { record, token } = await newGame(store);
    expect(await store.getGame(record.id)).toEqual(record);
    expect((await store.findByJoinCode(record.joinCode))?.id).toBe(record.id);
    expect(await store.getGame("nope")).toBeUndefined();
    expect((await store.turnState(record.id, 1))?.turn).toBe(1);
    expect(await store.turnState(record.id, 2)).toBeUndefined();
    expect(await store.findCredential(token)).toMatchObject({ gameId: record.id, role: "facilitator", seat: null, name: record.options.creatorName });
    expect(await store.findCredential("not-a-token")).toBeUndefined();
    expect(await store.unfinishedGameIds()).toContain(record.id);
    expect(await store.check()).toMatchObject({ integrity: "ok", writable: true });
    expect(LATEST_VERSION).toBeGreaterThanOrEqual(2);
    // Opening again applies nothing twice (and does not fail on existing tables).
    const again = await open();
    expect((await again.getGame(record.id))?.name).toBe("Suite");
  });

  it("keeps the seats kept for a bot with the game (not in its options), changes them with a logged update, and a fork copies them", async () => {
    const { record } = await newGame(store, { keptSeats: ["JPN", "PRK"] });
    // In the scenario's order of seats, apart from the creator's options (the facilitator may release them).
    expect(record.kept).toEqual(["PRK", "JPN"]);
    expect(record.options).not.toHaveProperty("keptSeats");
    expect(await store.getGame(record.id)).toEqual(record);
    expect((await newGame(store)).record.kept).toEqual([]);
    const at = Date.now();
    await store.appendAction(record.id, { turn: 1, at, kind: "facilitate", seat: null, who: "Control", payload: { action: "keep", seat: "PRK", on: false } }, { kept: ["JPN"] });
    expect((await store.getGame(record.id))?.kept).toEqual(["JPN"]);
    await store.updateGame(record.id, { kept: ["PRK", "JPN"] }, at + 1);
    expect((await store.findByJoinCode(record.joinCode))?.kept).toEqual(["PRK", "JPN"]);
    const fork = { ...(await store.getGame(record.id))!, id: `${record.id}k`, joinCode: `${record.joinCode}K`, status: "lobby" as const };
    await store.forkGame(record.id, 1, fork, "tok-kept-fork", "Control", { turn: 1, at, kind: "fork", seat: null, who: "Control", payload: {} });
    expect((await store.getGame(fork.id))?.kept).toEqual(["PRK", "JPN"]);
  });

  it("appends actions in order with their updates, pages a kind newest first and counts it", async () => {
    const { record } = await newGame(store);
    const at = Date.now();
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) ids.push(await store.appendAction(record.id, { turn: 1, at: at + i, kind: "chat", seat: "CHN", who: "Ana", payload: { text: `m${i}`, secret: i % 2 === 1 } }));
    ids.push(await store.appendAction(record.id, { turn: 1, at: at + 10, kind: "orders", seat: "RUS", who: "Boris", payload: [{ move: "distance" }] }, { paused: true, remainingMs: 1234, deadline: null }));
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect((await store.actions(record.id, 1)).map((a) => a.id)).toEqual(ids);
    expect(await store.actions(record.id, 2)).toEqual([]);
    expect(await store.actionsOfKind(record.id, "orders")).toMatchObject([{ seat: "RUS", who: "Boris", payload: [{ move: "distance" }] }]);
    expect(await store.countOfKind(record.id, "chat")).toBe(7);
    expect(await store.getGame(record.id)).toMatchObject({ paused: true, remainingMs: 1234, deadline: null });
    const open = (a: { payload: unknown }) => !(a.payload as { secret: boolean }).secret;
    const first = await store.pageOfKind(record.id, "chat", 2, open);
    expect(first.items.map((a) => (a.payload as { text: string }).text)).toEqual(["m6", "m4"]);
    expect(first.more).toBe(true);
    const rest = await store.pageOfKind(record.id, "chat", 5, open, first.items.at(-1)!.id);
    expect(rest.items.map((a) => (a.payload as { text: string }).text)).toEqual(["m2", "m0"]);
    expect(rest.more).toBe(false);
    expect(await store.lastActivity(record.id)).toBe(at + 10);
  });

  it("commits a resolved turn with its report, history point, log line and clock in one step", async () => {
    const { record } = await newGame(store);
    const rules = catalog.get(record.scenario)!;
    const start = (await store.turnState(record.id, 1))!;
    const { state: next, report } = realEngine.resolveTurn(rules, start);
    const point = realEngine.historyPoint(rules, next);
    await store.commitTurn(record.id, next, { report, point }, { deadline: 42 }, 1000, { turn: 1, reason: "all locked" });
    expect(await store.getGame(record.id)).toMatchObject({ turn: 2, deadline: 42 });
    expect(await store.turnState(record.id, 2)).toEqual(next);
    const log = await store.turnLog(record.id);
    expect(log.reports).toEqual([report]);
    expect(log.history).toHaveLength(2);
    expect(await store.actionsOfKind(record.id, "resolved")).toMatchObject([{ turn: 2, seat: null, who: "server", payload: { turn: 1, reason: "all locked" } }]);
    await store.updateGame(record.id, { status: "over", deadline: null }, 2000);
    expect(await store.unfinishedGameIds()).not.toContain(record.id);
  });

  it("lists open games newest first in pages with players per seat; due games by deadline", async () => {
    const games: GameRecord[] = [];
    for (let i = 0; i < 3; i++) games.push((await newGame(store, { listed: true })).record);
    const hidden = (await newGame(store, { listed: false })).record;
    await store.addCredential("tok-a", { gameId: games[0]!.id, role: "player", seat: "CHN", name: "Ana" }, Date.now());
    await store.addCredential("tok-b", { gameId: games[0]!.id, role: "player", seat: "CHN", name: "Bo" }, Date.now() + 1);
    await store.addCredential("tok-c", { gameId: games[0]!.id, role: "player", seat: "RUS", name: "Cy" }, Date.now() + 2);
    const all = (await store.listedGames(100)).map((g) => g.record.id);
    expect(all).not.toContain(hidden.id);
    const ours = all.filter((id) => games.some((g) => g.id === id));
    expect(ours).toEqual([...games].sort((a, b) => b.createdAt - a.createdAt || (b.id < a.id ? -1 : 1)).map((g) => g.id));
    const page1 = await store.listedGames(1);
    const page2 = await store.listedGames(1, { createdAt: page1[0]!.record.createdAt, id: page1[0]!.record.id });
    expect(page2[0]!.record.id).not.toBe(page1[0]!.record.id);
    const listed = (await store.listedGames(100)).find((g) => g.record.id === games[0]!.id)!;
    expect(Object.fromEntries(listed.seats)).toEqual({ CHN: 2, RUS: 1 });
    expect(Object.fromEntries(await store.seatPlayers(games[0]!.id))).toEqual({ CHN: ["Ana", "Bo"], RUS: ["Cy"] });
    // A player's credential carries a public person id (seminar rosters) and no team role until one is given.
    expect(await store.findCredential("tok-c")).toMatchObject({ gameId: games[0]!.id, role: "player", seat: "RUS", name: "Cy", teamRole: null, person: expect.any(Number) });
    await store.updateGame(games[1]!.id, { deadline: 5 }, Date.now());
    expect(await store.dueGameIds(10)).toContain(games[1]!.id);
    expect(await store.dueGameIds(10)).not.toContain(games[2]!.id);
  });

  it("seats people with roles, moves and removes them; rolls a turn back and forks a game (seminars)", async () => {
    const { record } = await newGame(store);
    const at = Date.now();
    const log = (kind: string, turn = 1) => ({ turn, at, kind, seat: null, who: "Control", payload: {} });
    const ana = await store.addCredential("tok-ana", { gameId: record.id, role: "player", seat: "CHN", name: "Ana", teamRole: "leader" }, at);
    const bo = await store.addCredential("tok-bo", { gameId: record.id, role: "player", seat: "CHN", name: "Bo", teamRole: "trade_minister" }, at + 1);
    expect(await store.findCredential("tok-bo")).toMatchObject({ person: bo, teamRole: "trade_minister" });
    // A claim is undelivered until its holder is known to have the credential.
    expect(await store.people(record.id)).toEqual([
      { id: ana, seat: "CHN", name: "Ana", teamRole: "leader", claimedAt: at, delivered: false },
      { id: bo, seat: "CHN", name: "Bo", teamRole: "trade_minister", claimedAt: at + 1, delivered: false },
    ]);
    await store.markDelivered(record.id, ana);
    expect((await store.people(record.id)).map((p) => p.delivered)).toEqual([true, false]);
    await store.updatePerson(record.id, bo, { seat: "RUS", teamRole: "leader" }, log("facilitate"));
    expect(await store.findCredential("tok-bo")).toMatchObject({ seat: "RUS", teamRole: "leader" });
    await store.removePerson(record.id, bo, log("facilitate"));
    expect(await store.findCredential("tok-bo")).toBeUndefined();
    expect(await store.countOfKind(record.id, "facilitate")).toBe(2);

    // Turn 1 resolves into turn 2; the rollback undoes it and keeps its log as undone:<kind>.
    const state = (await store.turnState(record.id, 1))!;
    const point = { turn: 1, actors: {}, world: {}, scores: {} };
    await store.appendAction(record.id, { turn: 1, at, kind: "orders", seat: "CHN", who: "Ana", payload: { orders: [] } });
    await store.commitTurn(record.id, { ...state, turn: 2 }, { report: { turn: 1, date: "June 2024", entries: [], explanations: [] }, point }, {}, at, { turn: 1, reason: "locked" });
    await store.appendAction(record.id, { turn: 2, at, kind: "chat", seat: "CHN", who: "Ana", payload: {} });
    const fork = { ...record, id: `${record.id}f`, joinCode: `${record.joinCode}F`, status: "lobby" as const, turn: 2 };
    await store.forkGame(record.id, 2, fork, "tok-fork", "Control", log("fork", 2));
    expect((await store.turnState(fork.id, 2))?.turn).toBe(2);
    expect((await store.actions(fork.id)).map((a) => a.kind)).toEqual(["facilitate", "facilitate", "orders", "resolved", "fork"]);
    expect(await store.findCredential("tok-fork")).toMatchObject({ gameId: fork.id, role: "facilitator" });
    await store.rollbackTurn(record.id, 2, log("rollback", 1), { turn: 1, paused: true });
    expect(await store.getGame(record.id)).toMatchObject({ turn: 1, paused: true });
    expect(await store.turnState(record.id, 2)).toBeUndefined();
    expect((await store.actions(record.id, 2)).map((a) => a.kind)).toEqual(["undone:resolved", "undone:chat", "undone:fork"]);
    expect((await store.actions(record.id, 1)).map((a) => a.kind)).toEqual(["facilitate", "facilitate", "orders", "rollback"]);
    expect((await store.turnLog(record.id)).reports).toEqual([]);
  });

  it("a write refused for its data (a row another request just wrote) is an error for that request, not a database /health calls unwritable", async () => {
    const { record } = await newGame(store);
    const seat = { gameId: record.id, role: "player" as const, seat: "CHN", name: "Ana" };
    await store.addCredential("same-token", seat, Date.now());
    const again = await store.addCredential("same-token", { ...seat, name: "Boris" }, Date.now()).then(
      () => undefined,
      (e: Error & { code: string }) => e,
    );
    expect(again?.code).toMatch(/^(SQLITE_CONSTRAINT|PG_23505)/);
    expect(store.health.get()).toMatchObject({ writable: true, lastError: { code: again?.code } });
    expect(store.health.ok()).toBe(true);
    expect(await store.findCredential("same-token")).toMatchObject({ name: "Ana" });
  });

  it("makes each seat's team code once", async () => {
    const { record } = await newGame(store);
    let n = 0;
    const make = () => `code${++n}`;
    const first = await store.teamCodes(record.id, ["CHN", "RUS"], make);
    expect(Object.fromEntries(first)).toEqual({ CHN: "code1", RUS: "code2" });
    expect(Object.fromEntries(await store.teamCodes(record.id, ["CHN", "RUS", "USA"], make))).toEqual({ CHN: "code1", RUS: "code2", USA: "code3" });
  });

  it("gives the hosting of a game to one holder at a time (a second PostgreSQL connection is refused until release)", async () => {
    const { record } = await newGame(store);
    const other = await open();
    expect(await store.tryHost(record.id)).toBe(true);
    expect(await store.tryHost(record.id)).toBe(true); // re-entrant for its holder
    if (backend.name === "PostgreSQL") {
      expect(await other.tryHost(record.id)).toBe(false);
      await store.releaseHost(record.id);
      expect(await other.tryHost(record.id)).toBe(true);
      await other.close(); // closing drops the lock with the connection
      const third = await open();
      expect(await third.tryHost(record.id)).toBe(true);
      await third.releaseHost(record.id);
    } else {
      await store.releaseHost(record.id);
    }
  });

  /** A game on this store with China, Russia and an observer joined (the rest of the seats empty). */
  async function twoSeatsAndPress(engine?: EnginePort) {
    const server = await startServer(await freePort(), { store: await open(), engine });
    servers.push(server);
    const facilitator = await server.lobby.createGame({ turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    const china = await server.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const russia = await server.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    const press = await server.lobby.join(gameId, { observer: true, name: "Press" });
    return { facilitator, china, russia, press };
  }

  it("sends the last lock-in and the turn it resolves as one change: nobody sees every seat locked on the old turn", async () => {
    const { facilitator, china, russia, press } = await twoSeatsAndPress();
    const seen: string[] = [];
    press.onChange((snap) => seen.push(`${snap.view.turn}:${["CHN", "RUS"].filter((x) => snap.view.locked[x]).join("+")}`));
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitFor(() => seen.includes("1:CHN"), "China's lock-in on its own");
    expect(await russia.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(press, 2);
    expect(seen).not.toContain("1:CHN+RUS");
    for (const p of [facilitator, china, russia, press]) await p.leave();
  });

  it("still sends the last lock-in when the resolution it starts fails past the engine's own checks", async () => {
    // The first resolved turn's history point throws: the turn is not committed, the lock-in is, and everyone sees it.
    let broken = true;
    const engine = { ...realEngine, historyPoint: (...args: Parameters<typeof realEngine.historyPoint>) => {
      if (broken && args[1].turn === 2) {
        broken = false;
        throw new Error("history point failed");
      }
      return realEngine.historyPoint(...args);
    } };
    const { facilitator, china, russia, press } = await twoSeatsAndPress(engine);
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await russia.request({ type: "lock", turn: 1, locked: true });
    await waitFor(() => press.snapshot().view.locked["RUS"] === true, "Russia's lock-in reaches the observer");
    expect(press.snapshot().view.turn).toBe(1);
    for (const p of [facilitator, china, russia, press]) await p.leave();
  });

  it("stores a move before anyone is told, restores a game from the store alone, and reopens a finished game read-only", async () => {
    const first = await startServer(await freePort(), { store: await open() });
    servers.push(first);
    const facilitator = await first.lobby.createGame({ turnMinutes: 30, missingSeats: "hold", name: "Suite game" });
    const gameId = facilitator.credential.gameId;
    const china = await first.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const russia = await first.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    // Commit before broadcast: when the facilitator sees Russia's order, the store has it.
    // The read starts the moment the order is seen (SQLite answers it there and then).
    let storedWhenSeen: Promise<ActionRecord[]> | undefined;
    const seen = waitFor(() => {
      if (facilitator.snapshot().view.orders["RUS"]?.length !== 1) return false;
      storedWhenSeen = first.store.actionsOfKind(gameId, "orders");
      return true;
    }, "facilitator sees the order");
    expect(await russia.request({ type: "orders", turn: 1, orders: [{ move: "distance", target: "USA" }] })).toEqual({ ok: true });
    await seen;
    expect(JSON.stringify((await storedWhenSeen!).at(-1)?.payload)).toContain("distance");
    expect(await china.request({ type: "chat", channel: ["CHN", "RUS"], text: "Hold the line." })).toEqual({ ok: true });
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    const credentials = { china: china.credential, russia: russia.credential, facilitator: facilitator.credential };
    for (const p of [facilitator, china, russia]) await p.leave();
    await first.close();
    servers.pop();

    // A new server on the same database: the game comes back from the store, turn 1 replayed.
    const second = await startServer(await freePort(), { store: await open() });
    servers.push(second);
    const ana = await second.lobby.resume(credentials.china);
    const boris = await second.lobby.resume(credentials.russia);
    const back = await waitFor(() => ana.snapshot().view.locked["CHN"] === true && ana.snapshot(), "restored state");
    expect(back.view.turn).toBe(1);
    expect(back.view.orders["CHN"] ?? []).toEqual([]);
    await waitFor(() => boris.snapshot().view.orders["RUS"]?.length === 1, "Russia's order after the restore");
    await waitFor(() => boris.snapshot().messages.some((m) => m.text === "Hold the line."), "chat after the restore");

    // Play it out, then reopen the finished game on a third server: read-only.
    const turns = ana.scenario.turns.count;
    for (let turn = 1; turn <= turns; turn++) {
      await waitTurn(ana, turn, 20_000);
      for (const p of [ana, boris]) if (!p.snapshot().view.locked[p.credential.seat!]) expect(await p.request({ type: "lock", turn, locked: true })).toEqual({ ok: true });
    }
    const end = await waitFor(() => ana.snapshot().status === "over" && ana.snapshot().view.history.length === turns + 1 && ana.snapshot(), "game over", 30_000);
    for (const p of [ana, boris]) await p.leave();
    await second.close();
    servers.pop();

    const third = await startServer(await freePort(), { store: await open() });
    servers.push(third);
    const again = await third.lobby.resume(credentials.china);
    const snap = await waitFor(() => again.snapshot().status === "over" && again.snapshot().view.history.length === turns + 1 && again.snapshot(), "finished game reopened");
    expect(snap.view.scores).toEqual(end.view.scores);
    expect(await again.request({ type: "chat", channel: "public", text: "One more thing" })).toMatchObject({ ok: false, error: { code: "game/over" } });
    expect((await third.lobby.describe(gameId)).freeSeats).toEqual([]);
    await again.leave();
  }, 120_000);
});

describe("the PostgreSQL store when the database ends its connections (a restart, a failover)", () => {
  it("keeps everything acknowledged; the next moves go through on new connections; an interrupted one is refused as such", async () => {
    const db = await freshDatabase("restart");
    const admin = new pg.Client({ connectionString: db.url });
    const store = await PgGameStore.open(db.url);
    // One write can be cut off on demand, as a connection ended mid-call reports it.
    let interruptNext = false;
    const append = store.appendAction.bind(store);
    store.appendAction = async (...args) => {
      if (!interruptNext) return append(...args);
      interruptNext = false;
      throw new StorageError("PG_57P01", "terminating connection due to administrator command");
    };
    const s = await startServer(await freePort(), { store });
    try {
      await admin.connect();
      const facilitator = await s.lobby.createGame({ turnMinutes: 30, missingSeats: "hold", name: "Restart" });
      const gameId = facilitator.credential.gameId;
      const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
      expect(await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] })).toEqual({ ok: true });
      const ended = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
      expect(ended.rowCount).toBeGreaterThan(0);
      // The pool drops the ended connections as their ends arrive (a move sent in that same
      // instant may be refused as interrupted, below); then it opens new ones.
      await new Promise((r) => setTimeout(r, 200));
      expect(await china.request({ type: "chat", channel: "public", text: "Still here" })).toEqual({ ok: true });
      expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
      const kinds = (await s.store.actions(gameId, 1)).map((a) => a.kind);
      expect(kinds).toEqual(expect.arrayContaining(["orders", "chat", "lock"]));
      // And the hosting lock was taken again: another connection cannot take the game.
      const got = (await admin.query<{ ok: boolean }>("SELECT pg_try_advisory_lock(hashtextextended($1, 7)) AS ok", [`game ${gameId}`])).rows[0]!.ok;
      expect(got).toBe(false);
      // A write cut off with its connection is refused with what happened and what to do; nothing is kept.
      interruptNext = true;
      const refused = await china.request({ type: "chat", channel: "public", text: "Lost?" });
      expect(refused).toMatchObject({ ok: false, error: { code: "server/storage_error", message: expect.stringMatching(/connection was interrupted \(PG_57P01\); nothing was saved\. Try again/) } });
      expect(await china.request({ type: "chat", channel: "public", text: "Sent again" })).toEqual({ ok: true });
      for (const p of [facilitator, china]) await p.leave();
    } finally {
      await s.close().catch(() => undefined);
      await admin.end().catch(() => undefined);
      await db.drop();
    }
  }, 60_000);
});

describe("the PostgreSQL store's turn commit", () => {
  it("is one statement: when the database refuses any part of it, nothing of the turn is kept", async () => {
    const db = await freshDatabase("one-statement");
    const admin = new pg.Client({ connectionString: db.url });
    const store = await PgGameStore.open(db.url);
    try {
      await admin.connect();
      const { record } = await newGame(store);
      const rules = catalog.get(record.scenario)!;
      const start = (await store.turnState(record.id, 1))!;
      const { state: next, report } = realEngine.resolveTurn(rules, start);
      const point = realEngine.historyPoint(rules, next);
      // The last part (the game's clock and turn) is refused, as a full disk or a constraint would.
      await admin.query(`CREATE FUNCTION refuse() RETURNS trigger AS 'BEGIN RAISE EXCEPTION ''refused by the test''; END' LANGUAGE plpgsql`);
      await admin.query("CREATE TRIGGER refuse_turn BEFORE UPDATE ON games FOR EACH ROW WHEN (NEW.turn = 2) EXECUTE FUNCTION refuse()");
      await expect(store.commitTurn(record.id, next, { report, point }, { deadline: 42 }, 1000, { turn: 1, reason: "all locked" })).rejects.toThrow(/refused by the test/);
      expect(await store.turnState(record.id, 2)).toBeUndefined();
      expect(await store.actionsOfKind(record.id, "resolved")).toEqual([]);
      expect(await store.getGame(record.id)).toMatchObject({ turn: 1 });
      // Once the database takes it, the same commit goes through whole.
      await admin.query("DROP TRIGGER refuse_turn ON games");
      await store.commitTurn(record.id, next, { report, point }, { deadline: 42 }, 1000, { turn: 1, reason: "all locked" });
      expect(await store.turnState(record.id, 2)).toEqual(next);
      expect(await store.actionsOfKind(record.id, "resolved")).toHaveLength(1);
    } finally {
      await store.close().catch(() => undefined);
      await admin.end().catch(() => undefined);
      await db.drop();
    }
  });
});
