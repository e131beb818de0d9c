// Every durable fact about a game: its settings and clock, the engine state at the start of each
// turn, an append-only log of everything players and the facilitator did, and hashed seat
// credentials. The room writes here before it tells any client (commit before broadcast).
// `GameStore` is the interface; this file's class is the SQLite implementation (the default),
// pg-store.ts the PostgreSQL one (DATABASE_URL=postgres://...). The interface is asynchronous so
// that PostgreSQL's round trips do not block the event loop; SQLite (better-sqlite3) still does its
// work synchronously inside each call and only hands back a settled promise, so one call's
// transaction never interleaves with another's. Callers await each call before they broadcast.
import type Database from "better-sqlite3";
import type { z } from "zod";
import type { ActorId, GameState, HistoryPoint, TurnReport } from "../../shared/engine/index.ts";
import type { CreateGameOptions, GameStatus } from "../../shared/protocol.ts";
import { hashToken } from "../ids.ts";
import { checkDatabase, type DatabaseCheck } from "./db.ts";
import { isSqliteError, StorageHealth } from "./storage-health.ts";

/** The creator's choices after defaults were applied. */
export type GameOptions = z.output<typeof CreateGameOptions>;
export type Role = "player" | "observer" | "facilitator";
export type { DatabaseCheck };

export interface GameRecord {
  id: string;
  joinCode: string;
  name: string;
  scenario: string;
  /** Hash of the scenario text stored with the game (its own copy); null for games stored before copies were kept. */
  scenarioHash: string | null;
  seed: string;
  options: GameOptions;
  status: GameStatus;
  turn: number;
  /** Absolute deadline in ms since the epoch; null without a clock or while paused. */
  deadline: number | null;
  paused: boolean;
  /** While paused: the time that was left. */
  remainingMs: number | null;
  /** Facilitator overrides: seat -> bot on (true) or off (false). */
  bots: Record<ActorId, boolean>;
  /** Seats kept for a bot: nobody may claim them, a bot plays them (server/bots.ts). */
  kept: ActorId[];
  createdAt: number;
}

export interface ActionRecord {
  id: number;
  turn: number;
  at: number;
  kind: string;
  seat: ActorId | null;
  who: string;
  payload: unknown;
}

export interface CredentialRecord {
  gameId: string;
  role: Role;
  seat: ActorId | null;
  name: string;
  /** A player's role on the team (scenario roles); absent: the seat's first role. */
  teamRole?: string | null;
  /** The person's public id in this game (not secret, unlike the token). */
  person?: number;
}

/** A person holding a seat: public id, name, seat and team role. */
export interface PersonRecord {
  id: number;
  seat: ActorId;
  name: string;
  teamRole: string | null;
  /** When the seat was claimed (ms since the epoch). */
  claimedAt: number;
  /** False until the holder is known to have the credential (see `markDelivered`). */
  delivered: boolean;
}

export interface GameRow {
  id: string;
  join_code: string;
  name: string;
  scenario: string;
  scenario_hash: string | null;
  seed: string;
  options: string;
  status: string;
  turn: number;
  deadline: number | null;
  paused: number;
  remaining_ms: number | null;
  bots: string;
  kept: string;
  created_at: number;
}

/** A games row as a record; `paused` is read by each backend (SQLite stores 0/1, PostgreSQL a boolean). */
export const gameRecordOf = (r: Omit<GameRow, "paused">, paused: boolean): GameRecord => ({
  id: r.id,
  joinCode: r.join_code,
  name: r.name,
  scenario: r.scenario,
  scenarioHash: r.scenario_hash ?? null,
  seed: r.seed,
  options: JSON.parse(r.options) as GameOptions,
  status: r.status as GameStatus,
  turn: r.turn,
  deadline: r.deadline,
  paused,
  remainingMs: r.remaining_ms,
  bots: JSON.parse(r.bots) as Record<ActorId, boolean>,
  kept: JSON.parse(r.kept) as ActorId[],
  createdAt: r.created_at,
});
const toRecord = (r: GameRow): GameRecord => gameRecordOf(r, r.paused === 1);

/** The columns a game update sets, with their values (`paused` as a boolean: each backend stores its own). */
export function updatedColumns(u: GameUpdate, at: number): [column: string, value: unknown][] {
  const cols: [string, unknown][] = [];
  if (u.status !== undefined) cols.push(["status", u.status]);
  if (u.turn !== undefined) cols.push(["turn", u.turn]);
  if (u.deadline !== undefined) cols.push(["deadline", u.deadline]);
  if (u.paused !== undefined) cols.push(["paused", u.paused]);
  if (u.remainingMs !== undefined) cols.push(["remaining_ms", u.remainingMs]);
  if (u.bots !== undefined) cols.push(["bots", JSON.stringify(u.bots)]);
  if (u.kept !== undefined) cols.push(["kept", JSON.stringify(u.kept)]);
  cols.push(["updated_at", at]);
  return cols;
}

/** The turns rows' reports and history points, oldest first (the rows ordered by turn). */
export function turnLogOf(rows: { report: string | null; point: string | null }[]): { reports: TurnReport[]; history: HistoryPoint[] } {
  const reports: TurnReport[] = [];
  const history: HistoryPoint[] = [];
  for (const r of rows) {
    if (r.report) reports.push(JSON.parse(r.report) as TurnReport);
    if (r.point) history.push(JSON.parse(r.point) as HistoryPoint);
  }
  return { reports, history };
}

/**
 * A page of actions, newest first, keeping those `keep` accepts: reads batches below a cursor until
 * the page is full (and one more kept action proves there is more) or the log runs out. Each batch
 * is its own read (`below`, awaited), as in both stores.
 */
export async function pageActions(
  limit: number,
  keep: (a: ActionRecord) => boolean,
  beforeId: number,
  below: (cursor: number, batch: number) => ActionRecord[] | Promise<ActionRecord[]>,
): Promise<{ items: ActionRecord[]; more: boolean }> {
  const items: ActionRecord[] = [];
  let cursor = beforeId;
  const batch = Math.max(50, limit * 2);
  for (;;) {
    const rows = await below(cursor, batch);
    for (const a of rows) {
      cursor = a.id;
      if (!keep(a)) continue;
      if (items.length === limit) return { items, more: true };
      items.push(a);
    }
    if (rows.length < batch) return { items, more: false };
  }
}

/** Clock and status fields that change together. */
export type GameUpdate = Partial<Pick<GameRecord, "status" | "turn" | "deadline" | "paused" | "remainingMs" | "bots" | "kept">>;

/** A place in the newest-first list of games: strictly after (older than) this game. */
export interface GameCursor {
  createdAt: number;
  id: string;
}

/** One game of the lobby's list: the record and the number of players per claimed seat. */
export interface ListedGame {
  record: GameRecord;
  seats: Map<ActorId, number>;
}

interface ActionRow {
  id: number;
  turn: number;
  at: number;
  kind: string;
  seat: string | null;
  who: string;
  payload: string;
}
const toAction = (r: ActionRow): ActionRecord => ({ ...r, payload: JSON.parse(r.payload) as unknown });

/**
 * Typed access to the games database; every method is one transaction and returns a promise. A
 * failing read or write (full disk, read-only file, corruption, lost connection, timeout) rejects
 * with a StorageError and is recorded in `health`. Implemented by SqliteGameStore (below) and
 * PgGameStore (pg-store.ts); the shared suite test/server/storage-suite.test.ts runs the same
 * tests against both.
 */
export interface GameStore {
  readonly health: StorageHealth;
  /** "sqlite" or "postgres", and where (file or host/database, no password) for logs. */
  readonly kind: "sqlite" | "postgres";
  readonly where: string;
  /** Stores a new game, its turn-1 state, the facilitator's credential and its scenario's text (once per distinct text). */
  createGame(game: GameRecord, initial: GameState, point: HistoryPoint, facilitatorToken: string, facilitatorName: string, scenarioText?: string): Promise<void>;
  /** The scenario text a game was created with, by its hash. */
  scenarioText(hash: string): Promise<string | undefined>;
  getGame(id: string): Promise<GameRecord | undefined>;
  findByJoinCode(code: string): Promise<GameRecord | undefined>;
  listedGames(limit: number, before?: GameCursor): Promise<ListedGame[]>;
  unfinishedGames(): Promise<GameRecord[]>;
  unfinishedGameIds(): Promise<string[]>;
  /** Ids of playing games whose deadline is at or before `now`. */
  dueGameIds(now: number): Promise<string[]>;
  turnState(gameId: string, turn: number): Promise<GameState | undefined>;
  turnLog(gameId: string): Promise<{ reports: TurnReport[]; history: HistoryPoint[] }>;
  appendAction(gameId: string, a: Omit<ActionRecord, "id">, update?: GameUpdate): Promise<number>;
  commitTurn(gameId: string, state: GameState, log: { report: TurnReport; point: HistoryPoint }, update: GameUpdate, at: number, logPayload: unknown): Promise<void>;
  updateGame(gameId: string, u: GameUpdate, at: number): Promise<void>;
  actions(gameId: string, turn?: number): Promise<ActionRecord[]>;
  actionsOfKind(gameId: string, kind: string): Promise<ActionRecord[]>;
  pageOfKind(gameId: string, kind: string, limit: number, keep: (a: ActionRecord) => boolean, beforeId?: number): Promise<{ items: ActionRecord[]; more: boolean }>;
  countOfKind(gameId: string, kind: string): Promise<number>;
  /** The id of a game's latest logged action (0 when none): a cheap "has anything changed?". */
  lastActionId(gameId: string): Promise<number>;
  /** Stores a hashed credential; returns the person's public id. */
  addCredential(token: string, c: CredentialRecord, at: number): Promise<number>;
  findCredential(token: string): Promise<CredentialRecord | undefined>;
  lastActivity(gameId: string): Promise<number>;
  seatPlayers(gameId: string): Promise<Map<ActorId, string[]>>;
  teamCodes(gameId: string, seats: readonly ActorId[], make: () => string): Promise<Map<ActorId, string>>;
  /** Everyone holding a seat, in joining order, with public id and team role. */
  people(gameId: string): Promise<PersonRecord[]>;
  /**
   * A seat claim's credential reached its holder (their client said so, or they came back with
   * it). A player's claim is stored undelivered: a claim whose holder never got the credential
   * (the process died before the welcome) can then be told apart and released.
   */
  markDelivered(gameId: string, person: number): Promise<void>;
  /** Moves a person to a seat and role, with the log line, in one transaction. */
  updatePerson(gameId: string, id: number, change: { seat: ActorId; teamRole: string }, log: Omit<ActionRecord, "id">): Promise<void>;
  /** Removes a person (their credential stops working), with the log line. */
  removePerson(gameId: string, id: number, log: Omit<ActionRecord, "id">): Promise<void>;
  /** Undoes the resolution into `fromTurn` (see the SQLite implementation). */
  rollbackTurn(gameId: string, fromTurn: number, log: Omit<ActionRecord, "id">, update: GameUpdate): Promise<void>;
  /** A what-if copy of a game from the start of `turn`. */
  forkGame(sourceId: string, turn: number, game: GameRecord, facilitatorToken: string, facilitatorName: string, log: Omit<ActionRecord, "id">): Promise<void>;
  /**
   * Claims the right to host a game's room in this process. With one process (SQLite) it always
   * succeeds; with PostgreSQL it is a session advisory lock, held until releaseHost or until this
   * process's connection ends (a killed process loses it at once), so two processes never host
   * the same game.
   */
  tryHost(gameId: string): Promise<boolean>;
  releaseHost(gameId: string): Promise<void>;
  /**
   * Called when this process can no longer host a game it held: its lock went with a lost
   * database connection and another process took the game meanwhile. Its room must close.
   */
  onHostLost?: (gameId: string) => void;
  /** The start-up check: integrity (SQLite) or reachability (PostgreSQL) and one small write. */
  check(): Promise<DatabaseCheck>;
  /** Tries a small write (the start-up check and /health use it). */
  probe(): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * SQLite (better-sqlite3): the default store, one file, one process. The methods are async only to
 * fit the interface: each does its statements synchronously (no await inside), so a call is still
 * atomic with respect to the event loop, and its errors become rejections.
 */
export class SqliteGameStore implements GameStore {
  private statements = new Map<string, Database.Statement>();
  readonly health = new StorageHealth();

  readonly kind = "sqlite" as const;
  private hosted = new Set<string>();

  constructor(
    readonly db: Database.Database,
    readonly where = db.name,
  ) {}

  async tryHost(gameId: string): Promise<boolean> {
    this.hosted.add(gameId);
    return true;
  }

  async releaseHost(gameId: string): Promise<void> {
    this.hosted.delete(gameId);
  }

  async check(): Promise<DatabaseCheck> {
    return checkDatabase(this.db);
  }

  async dueGameIds(now: number): Promise<string[]> {
    return this.read(() =>
      (this.sql("SELECT id FROM games WHERE status = 'playing' AND paused = 0 AND deadline IS NOT NULL AND deadline <= ? ORDER BY deadline").all(now) as { id: string }[]).map((r) => r.id),
    );
  }

  /** Runs a read; SQLite errors become StorageErrors. */
  private read<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (isSqliteError(e)) throw this.health.failed(e, false);
      throw e;
    }
  }

  /** Runs a write (one transaction); SQLite errors become StorageErrors and mark the database unwritable. */
  private write<T>(fn: () => T): T {
    let out: T;
    try {
      out = this.db.transaction(fn)();
    } catch (e) {
      if (isSqliteError(e)) throw this.health.failed(e, true);
      throw e;
    }
    this.health.wrote();
    return out;
  }

  /** Prepared statements are reused: preparing one costs more than running it. */
  private sql(text: string): Database.Statement {
    let st = this.statements.get(text);
    if (!st) {
      st = this.db.prepare(text);
      this.statements.set(text, st);
    }
    return st;
  }

  /**
   * Stores a new game with its turn-1 state (and its history point 0), the facilitator's credential
   * and the text of its scenario (kept once per distinct text), all in one transaction.
   */
  async createGame(game: GameRecord, initial: GameState, point: HistoryPoint, facilitatorToken: string, facilitatorName: string, scenarioText?: string): Promise<void> {
    this.write(() => {
      if (game.scenarioHash !== null && scenarioText !== undefined)
        this.sql("INSERT OR IGNORE INTO scenario_texts (hash, text, created_at) VALUES (?, ?, ?)").run(game.scenarioHash, scenarioText, game.createdAt);
      this.insertGame(game);
      this.insertTurn(game.id, game.turn, initial, game.createdAt, null, point);
      this.insertCredential(facilitatorToken, { gameId: game.id, role: "facilitator", seat: null, name: facilitatorName }, game.createdAt);
    });
  }

  /** The scenario text a game was created with, by its hash. */
  async scenarioText(hash: string): Promise<string | undefined> {
    return this.read(() => (this.sql("SELECT text FROM scenario_texts WHERE hash = ?").get(hash) as { text: string } | undefined)?.text);
  }

  async getGame(id: string): Promise<GameRecord | undefined> {
    return this.read(() => {
      const row = this.sql("SELECT * FROM games WHERE id = ?").get(id) as GameRow | undefined;
      return row && toRecord(row);
    });
  }

  async findByJoinCode(code: string): Promise<GameRecord | undefined> {
    return this.read(() => {
      const row = this.sql("SELECT * FROM games WHERE join_code = ?").get(code) as GameRow | undefined;
      return row && toRecord(row);
    });
  }

  /**
   * One page of listed, unfinished games, newest first, each with its players per seat: rows
   * after the cursor `before`, at most `limit` of them.
   */
  async listedGames(limit: number, before?: GameCursor): Promise<ListedGame[]> {
    return this.read(() => {
      const at = before?.createdAt ?? Number.MAX_SAFE_INTEGER;
      const rows = this.sql(
        `SELECT * FROM games WHERE status != 'over' AND json_extract(options, '$.listed') = 1 AND (created_at < ? OR (created_at = ? AND id < ?))
         ORDER BY created_at DESC, id DESC LIMIT ?`,
      ).all(at, at, before?.id ?? "", limit) as GameRow[];
      if (rows.length === 0) return [];
      const counts = this.sql(
        `SELECT game_id, seat, COUNT(*) AS n FROM credentials WHERE role = 'player' AND game_id IN (SELECT value FROM json_each(?)) GROUP BY game_id, seat`,
      ).all(JSON.stringify(rows.map((r) => r.id))) as { game_id: string; seat: string; n: number }[];
      const bySeat = new Map<string, Map<ActorId, number>>();
      for (const c of counts) {
        let m = bySeat.get(c.game_id);
        if (!m) bySeat.set(c.game_id, (m = new Map()));
        m.set(c.seat, c.n);
      }
      return rows.map((r) => ({ record: toRecord(r), seats: bySeat.get(r.id) ?? new Map<ActorId, number>() }));
    });
  }

  /** Games that are not over, oldest first. */
  async unfinishedGames(): Promise<GameRecord[]> {
    return this.read(() => (this.sql("SELECT * FROM games WHERE status != 'over' ORDER BY created_at").all() as GameRow[]).map(toRecord));
  }

  /** Ids of the games that are not over (cheap: no rows are decoded). */
  async unfinishedGameIds(): Promise<string[]> {
    return this.read(() => (this.sql("SELECT id FROM games WHERE status != 'over' ORDER BY created_at").all() as { id: string }[]).map((r) => r.id));
  }

  /** The engine state at the start of a turn. */
  async turnState(gameId: string, turn: number): Promise<GameState | undefined> {
    return this.read(() => {
      const row = this.sql("SELECT state FROM turns WHERE game_id = ? AND turn = ?").get(gameId, turn) as { state: string } | undefined;
      return row && (JSON.parse(row.state) as GameState);
    });
  }

  /** Every resolved turn's report and the history points (from turn 0), oldest first. */
  async turnLog(gameId: string): Promise<{ reports: TurnReport[]; history: HistoryPoint[] }> {
    return turnLogOf(this.read(() => this.sql("SELECT report, point FROM turns WHERE game_id = ? ORDER BY turn").all(gameId) as { report: string | null; point: string | null }[]));
  }

  /** Appends one action, optionally with a game update, in one transaction. */
  async appendAction(gameId: string, a: Omit<ActionRecord, "id">, update?: GameUpdate): Promise<number> {
    return this.write(() => {
      const id = this.insertAction(gameId, a);
      if (update) this.applyUpdate(gameId, update, a.at);
      return id;
    });
  }

  /**
   * Records a resolved turn: the new turn's starting state with the report and history point of
   * the resolution, the game's new turn/clock/status, and a log line.
   */
  async commitTurn(gameId: string, state: GameState, log: { report: TurnReport; point: HistoryPoint }, update: GameUpdate, at: number, logPayload: unknown): Promise<void> {
    this.write(() => {
      this.insertTurn(gameId, state.turn, state, at, log.report, log.point);
      this.insertAction(gameId, { turn: state.turn, at, kind: "resolved", seat: null, who: "server", payload: logPayload });
      this.applyUpdate(gameId, { ...update, turn: state.turn }, at);
    });
  }

  /** Changes status or clock fields without a log line (the caller logs the reason). */
  async updateGame(gameId: string, u: GameUpdate, at: number): Promise<void> {
    this.write(() => this.applyUpdate(gameId, u, at));
  }

  private applyUpdate(gameId: string, u: GameUpdate, at: number): void {
    const cols = updatedColumns(u, at);
    const args = cols.map(([, v]) => (typeof v === "boolean" ? (v ? 1 : 0) : v));
    this.sql(`UPDATE games SET ${cols.map(([c]) => `${c} = ?`).join(", ")} WHERE id = ?`).run(...args, gameId);
  }

  /** Actions of one turn (or all turns), oldest first. */
  async actions(gameId: string, turn?: number): Promise<ActionRecord[]> {
    return this.read(() =>
      (
        (turn === undefined
          ? this.sql("SELECT * FROM actions WHERE game_id = ? ORDER BY id").all(gameId)
          : this.sql("SELECT * FROM actions WHERE game_id = ? AND turn = ? ORDER BY id").all(gameId, turn)) as ActionRow[]
      ).map(toAction),
    );
  }

  /** Every action of a kind, oldest first. */
  async actionsOfKind(gameId: string, kind: string): Promise<ActionRecord[]> {
    return this.read(() => (this.sql("SELECT * FROM actions WHERE game_id = ? AND kind = ? ORDER BY id").all(gameId, kind) as ActionRow[]).map(toAction));
  }

  /**
   * Up to `limit` actions of a kind that `keep` accepts, newest first, with ids below `beforeId`;
   * `more` tells whether older ones remain. Rows are read in batches, so a page costs what it
   * shows, not the whole log.
   */
  async pageOfKind(gameId: string, kind: string, limit: number, keep: (a: ActionRecord) => boolean, beforeId = Number.MAX_SAFE_INTEGER): Promise<{ items: ActionRecord[]; more: boolean }> {
    return pageActions(limit, keep, beforeId, (cursor, batch) =>
      this.read(() => (this.sql("SELECT * FROM actions WHERE game_id = ? AND kind = ? AND id < ? ORDER BY id DESC LIMIT ?").all(gameId, kind, cursor, batch) as ActionRow[]).map(toAction)),
    );
  }

  /** The id of a game's latest logged action (0 when none): a cheap "has anything changed?". */
  async lastActionId(gameId: string): Promise<number> {
    return this.read(() => (this.sql("SELECT COALESCE(MAX(id), 0) AS id FROM actions WHERE game_id = ?").get(gameId) as { id: number }).id);
  }

  /** How many actions of a kind a game has (e.g. its chat messages). */
  async countOfKind(gameId: string, kind: string): Promise<number> {
    return this.read(() => (this.sql("SELECT COUNT(*) AS n FROM actions WHERE game_id = ? AND kind = ?").get(gameId, kind) as { n: number }).n);
  }

  /** Stores a hashed credential for a seat, an observer or the facilitator. */
  /** Returns the person's public id. */
  async addCredential(token: string, c: CredentialRecord, at: number): Promise<number> {
    return this.write(() => this.insertCredential(token, c, at));
  }

  async findCredential(token: string): Promise<CredentialRecord | undefined> {
    return this.read(() => {
      const row = this.sql("SELECT rowid AS id, game_id, role, seat, name, team_role FROM credentials WHERE token_hash = ?").get(hashToken(token)) as
        | { id: number; game_id: string; role: Role; seat: string | null; name: string; team_role: string | null }
        | undefined;
      return row && { gameId: row.game_id, role: row.role, seat: row.seat, name: row.name, teamRole: row.team_role, person: row.id };
    });
  }

  /** When anything last happened in a game (its latest logged action or status change), ms since the epoch. */
  async lastActivity(gameId: string): Promise<number> {
    const row = this.read(
      () =>
        this
          .sql("SELECT MAX(COALESCE((SELECT MAX(at) FROM actions WHERE game_id = games.id), 0), updated_at, created_at) AS at FROM games WHERE id = ?")
          .get(gameId) as { at: number | null } | undefined,
    );
    return row?.at ?? 0;
  }

  /** Player names per claimed seat, in claim order. */
  async seatPlayers(gameId: string): Promise<Map<ActorId, string[]>> {
    return this.read(() => {
      const rows = this
        .sql("SELECT seat, name FROM credentials WHERE game_id = ? AND role = 'player' ORDER BY created_at, rowid")
        .all(gameId) as { seat: string; name: string }[];
      const out = new Map<ActorId, string[]>();
      for (const r of rows) out.set(r.seat, [...(out.get(r.seat) ?? []), r.name]);
      return out;
    });
  }

  /** Everyone holding a seat in a game, in joining order. */
  async people(gameId: string): Promise<PersonRecord[]> {
    return this.read(() =>
      (this.sql("SELECT rowid AS id, seat, name, team_role, created_at, delivered FROM credentials WHERE game_id = ? AND role = 'player' ORDER BY created_at, rowid").all(gameId) as {
        id: number;
        seat: string;
        name: string;
        team_role: string | null;
        created_at: number;
        delivered: number;
      }[]).map((r) => ({ id: r.id, seat: r.seat, name: r.name, teamRole: r.team_role, claimedAt: r.created_at, delivered: r.delivered === 1 })),
    );
  }

  async markDelivered(gameId: string, person: number): Promise<void> {
    this.write(() => this.sql("UPDATE credentials SET delivered = 1 WHERE game_id = ? AND rowid = ? AND delivered = 0").run(gameId, person));
  }

  /** Moves a person to another seat and/or role (the facilitator's seating), logging the action in the same transaction. */
  async updatePerson(gameId: string, id: number, change: { seat: ActorId; teamRole: string }, log: Omit<ActionRecord, "id">): Promise<void> {
    this.write(() => {
      this.sql("UPDATE credentials SET seat = ?, team_role = ? WHERE game_id = ? AND rowid = ? AND role = 'player'").run(change.seat, change.teamRole, gameId, id);
      this.insertAction(gameId, log);
    });
  }

  /** Removes a person from the game: their credential stops working. Logged in the same transaction. */
  async removePerson(gameId: string, id: number, log: Omit<ActionRecord, "id">): Promise<void> {
    this.write(() => {
      this.sql("DELETE FROM credentials WHERE game_id = ? AND rowid = ? AND role = 'player'").run(gameId, id);
      this.insertAction(gameId, log);
    });
  }

  /**
   * Undoes the resolution that led to `fromTurn`: its starting state and report go, and every
   * action logged on it or later is kept for the debrief but renamed `undone:<kind>` (so a replay
   * skips it); the rollback itself is logged on the turn the game returns to, with the update.
   */
  async rollbackTurn(gameId: string, fromTurn: number, log: Omit<ActionRecord, "id">, update: GameUpdate): Promise<void> {
    this.write(() => {
      this.sql("DELETE FROM turns WHERE game_id = ? AND turn >= ?").run(gameId, fromTurn);
      this.sql("UPDATE actions SET kind = 'undone:' || kind WHERE game_id = ? AND turn >= ? AND kind NOT LIKE 'undone:%'").run(gameId, fromTurn);
      this.insertAction(gameId, log);
      this.applyUpdate(gameId, update, log.at);
    });
  }

  /**
   * A what-if copy of a game from the start of `turn`: a new game (record given) with the turns up
   * to it (states, reports, history) and the actions before it (with the resolution into it), and
   * a facilitator credential of its own. The fork is logged in both games.
   */
  async forkGame(sourceId: string, turn: number, game: GameRecord, facilitatorToken: string, facilitatorName: string, log: Omit<ActionRecord, "id">): Promise<void> {
    this.write(() => {
      this.insertGame(game);
      this.sql("INSERT INTO turns (game_id, turn, state, at, report, point) SELECT ?, turn, state, at, report, point FROM turns WHERE game_id = ? AND turn <= ?").run(game.id, sourceId, turn);
      this
        .sql(
          `INSERT INTO actions (game_id, turn, at, kind, seat, who, payload)
           SELECT ?, turn, at, kind, seat, who, payload FROM actions WHERE game_id = ? AND (turn < ? OR (turn = ? AND kind = 'resolved')) AND kind NOT LIKE 'undone:%' ORDER BY id`,
        )
        .run(game.id, sourceId, turn, turn);
      this.insertCredential(facilitatorToken, { gameId: game.id, role: "facilitator", seat: null, name: facilitatorName }, game.createdAt);
      this.insertAction(sourceId, log);
      this.insertAction(game.id, { ...log, turn });
    });
  }

  /** Each seat's team code (issued to its holders and the facilitator), creating missing ones with `make`. */
  async teamCodes(gameId: string, seats: readonly ActorId[], make: () => string): Promise<Map<ActorId, string>> {
    const read = () =>
      new Map(
        (this.sql("SELECT seat, code FROM team_codes WHERE game_id = ?").all(gameId) as { seat: string; code: string }[]).map((r) => [r.seat, r.code] as const),
      );
    const have = this.read(read);
    const missing = seats.filter((s) => !have.has(s));
    if (missing.length === 0) return have;
    this.write(() => {
      for (const seat of missing) this.sql("INSERT OR IGNORE INTO team_codes (game_id, seat, code) VALUES (?, ?, ?)").run(gameId, seat, make());
    });
    return this.read(read);
  }

  async close(): Promise<void> {
    this.db.close();
  }

  /** Tries a small write (the start-up check and /health use it). */
  async probe(): Promise<boolean> {
    try {
      this.write(() => this.sql("INSERT OR REPLACE INTO meta (key, value) VALUES ('probe', ?)").run(String(Date.now())));
      return true;
    } catch {
      return false;
    }
  }

  private insertTurn(gameId: string, turn: number, state: GameState, at: number, report: TurnReport | null, point: HistoryPoint): void {
    this
      .sql("INSERT OR REPLACE INTO turns (game_id, turn, state, at, report, point) VALUES (?, ?, ?, ?, ?, ?)")
      .run(gameId, turn, JSON.stringify(state), at, report && JSON.stringify(report), JSON.stringify(point));
  }

  private insertAction(gameId: string, a: Omit<ActionRecord, "id">): number {
    const r = this
      .sql("INSERT INTO actions (game_id, turn, at, kind, seat, who, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(gameId, a.turn, a.at, a.kind, a.seat, a.who, JSON.stringify(a.payload ?? null));
    return Number(r.lastInsertRowid);
  }

  /** The games row of a new game (created or forked). */
  private insertGame(game: GameRecord): void {
    this
      .sql(
        `INSERT INTO games (id, join_code, name, scenario, scenario_hash, seed, options, status, turn, deadline, paused, remaining_ms, bots, kept, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(game.id, game.joinCode, game.name, game.scenario, game.scenarioHash, game.seed, JSON.stringify(game.options), game.status, game.turn, game.deadline, game.paused ? 1 : 0, game.remainingMs, JSON.stringify(game.bots), JSON.stringify(game.kept), game.createdAt, game.createdAt);
  }

  private insertCredential(token: string, c: CredentialRecord, at: number): number {
    const r = this
      .sql("INSERT INTO credentials (token_hash, game_id, role, seat, name, created_at, team_role, delivered) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(hashToken(token), c.gameId, c.role, c.seat, c.name, at, c.teamRole ?? null, c.role === "player" ? 0 : 1);
    return Number(r.lastInsertRowid);
  }
}
