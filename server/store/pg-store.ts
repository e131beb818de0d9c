// The PostgreSQL store (DATABASE_URL=postgres://...): the same GameStore as SQLite, for several
// server processes sharing one database. Synchronous like the SQLite store: each call blocks the
// event loop until PostgreSQL answers, through a worker thread (synckit + pg, pg-worker.mjs), so
// the room's order "store, then broadcast" and all game code stay the same for both backends.
// bench/store.bench.ts measures what a write costs on each (see docs/deploy.md for the figures).
import { randomUUID } from "node:crypto";
import { createSyncFn } from "synckit";
import type { ActorId, GameState, HistoryPoint, TurnReport } from "../../shared/engine/index.ts";
import { hashToken } from "../ids.ts";
import { gameRecordOf, pageActions, type GameRow as SqliteGameRow } from "./game-store.ts";
import type { ActionRecord, CredentialRecord, PersonRecord, DatabaseCheck, GameCursor, GameRecord, GameStore, GameUpdate, ListedGame, Role } from "./game-store.ts";
import { MIGRATIONS } from "./migrations.ts";
import { StorageError, StorageHealth } from "./storage-health.ts";

interface Statement {
  text: string;
  values: unknown[];
}
type Request =
  | { op: "tx"; id: string; url: string; statements: Statement[] }
  | { op: "lock" | "unlock"; id: string; url: string; key: string }
  | { op: "migrate"; id: string; url: string; migrations: { version: number; name: string; sql: string }[] }
  | { op: "close"; id: string; url: string };
type Reply = { rows: Record<string, unknown>[][] } | { ok: boolean } | { error: { code: string; message: string } };

/** Longest a single store call may block before it fails as a StorageError (PG_TIMEOUT). */
const CALL_TIMEOUT_MS = Number(process.env["FAULTLINE_PG_TIMEOUT_MS"] ?? 10_000);

let worker: ((req: Request) => Reply) | undefined;
function call(req: Request): Reply {
  worker ??= createSyncFn<(req: Request) => Promise<Reply>>(new URL("./pg-worker.mjs", import.meta.url), { timeout: CALL_TIMEOUT_MS }) as unknown as (req: Request) => Reply;
  try {
    return worker(req);
  } catch (e) {
    return { error: { code: "PG_TIMEOUT", message: `PostgreSQL did not answer within ${CALL_TIMEOUT_MS} ms (${(e as Error).message})` } };
  }
}

/** postgres://user:secret@host/db -> postgres://user@host/db (for logs). */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    return u.toString();
  } catch {
    return "postgres://(unparsable url)";
  }
}

/** PostgreSQL returns `paused` as a boolean; the rest of the row is as in SQLite. */
type GameRow = Omit<SqliteGameRow, "paused"> & { paused: boolean };
const toRecord = (r: GameRow): GameRecord => gameRecordOf(r, r.paused);
interface ActionRow {
  id: string;
  turn: number;
  at: number;
  kind: string;
  seat: string | null;
  who: string;
  payload: string;
}
const toAction = (r: ActionRow): ActionRecord => ({ ...r, id: Number(r.id), payload: JSON.parse(r.payload) as unknown });

const sql = (text: string, ...values: unknown[]): Statement => ({ text, values });

export class PgGameStore implements GameStore {
  readonly kind = "postgres" as const;
  readonly health = new StorageHealth();
  readonly where: string;
  /** This store's connections in the worker (a process may open several stores, e.g. tests). */
  private readonly id = randomUUID();
  private hosted = new Set<string>();
  private closed = false;

  /** Connects and applies missing migrations; throws a StorageError when PostgreSQL refuses. */
  constructor(
    readonly url: string,
    o: { migrate?: boolean } = {},
  ) {
    this.where = redactUrl(url);
    if (o.migrate !== false) this.migrate();
  }

  /** Applies the migrations the database lacks; returns the versions applied now. */
  migrate(): number[] {
    const r = this.send(
      { op: "migrate", id: this.id, url: this.url, migrations: MIGRATIONS.map((m) => ({ version: m.version, name: m.name, sql: m.postgres })) },
      true,
    );
    return ((r as { rows: { version: number }[][] }).rows[0] ?? []).map((x) => x.version);
  }

  private send(req: Request, write: boolean): Reply {
    const r = call(req);
    if ("error" in r) {
      const e = Object.assign(new Error(r.error.message), { code: `PG_${r.error.code}` });
      throw this.health.failed(e, write);
    }
    if (write) this.health.wrote();
    return r;
  }

  /** Statements in one transaction; the rows of each. */
  private tx(write: boolean, ...statements: Statement[]): Record<string, unknown>[][] {
    return (this.send({ op: "tx", id: this.id, url: this.url, statements }, write) as { rows: Record<string, unknown>[][] }).rows;
  }

  private rows<T>(text: string, ...values: unknown[]): T[] {
    return this.tx(false, sql(text, ...values))[0] as T[];
  }

  createGame(game: GameRecord, initial: GameState, point: HistoryPoint, facilitatorToken: string, facilitatorName: string, scenarioText?: string): void {
    const keepText =
      game.scenarioHash !== null && scenarioText !== undefined
        ? [sql("INSERT INTO scenario_texts (hash, text, created_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING", game.scenarioHash, scenarioText, game.createdAt)]
        : [];
    this.tx(
      true,
      ...keepText,
      this.insertGame(game),
      this.insertTurn(game.id, game.turn, initial, game.createdAt, null, point),
      this.insertCredential(facilitatorToken, { gameId: game.id, role: "facilitator", seat: null, name: facilitatorName }, game.createdAt),
    );
  }

  /** The games row of a new game (created or forked). */
  private insertGame(game: GameRecord): Statement {
    return sql(
      `INSERT INTO games (id, join_code, name, scenario, scenario_hash, seed, options, status, turn, deadline, paused, remaining_ms, bots, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
      game.id,
      game.joinCode,
      game.name,
      game.scenario,
      game.scenarioHash,
      game.seed,
      JSON.stringify(game.options),
      game.status,
      game.turn,
      game.deadline,
      game.paused,
      game.remainingMs,
      JSON.stringify(game.bots),
      game.createdAt,
      game.createdAt,
    );
  }

  scenarioText(hash: string): string | undefined {
    return this.rows<{ text: string }>("SELECT text FROM scenario_texts WHERE hash = $1", hash)[0]?.text;
  }

  getGame(id: string): GameRecord | undefined {
    const row = this.rows<GameRow>("SELECT * FROM games WHERE id = $1", id)[0];
    return row && toRecord(row);
  }

  findByJoinCode(code: string): GameRecord | undefined {
    const row = this.rows<GameRow>("SELECT * FROM games WHERE join_code = $1", code)[0];
    return row && toRecord(row);
  }

  listedGames(limit: number, before?: GameCursor): ListedGame[] {
    const at = before?.createdAt ?? Number.MAX_SAFE_INTEGER;
    const rows = this.rows<GameRow>(
      `SELECT * FROM games WHERE status <> 'over' AND (options::jsonb ->> 'listed') = 'true' AND (created_at < $1 OR (created_at = $1 AND id < $2))
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      at,
      before?.id ?? "",
      limit,
    );
    if (rows.length === 0) return [];
    const counts = this.rows<{ game_id: string; seat: string; n: string }>(
      "SELECT game_id, seat, COUNT(*) AS n FROM credentials WHERE role = 'player' AND game_id = ANY($1::text[]) GROUP BY game_id, seat",
      rows.map((r) => r.id),
    );
    const bySeat = new Map<string, Map<ActorId, number>>();
    for (const c of counts) {
      let m = bySeat.get(c.game_id);
      if (!m) bySeat.set(c.game_id, (m = new Map()));
      m.set(c.seat, Number(c.n));
    }
    return rows.map((r) => ({ record: toRecord(r), seats: bySeat.get(r.id) ?? new Map<ActorId, number>() }));
  }

  unfinishedGames(): GameRecord[] {
    return this.rows<GameRow>("SELECT * FROM games WHERE status <> 'over' ORDER BY created_at").map(toRecord);
  }

  unfinishedGameIds(): string[] {
    return this.rows<{ id: string }>("SELECT id FROM games WHERE status <> 'over' ORDER BY created_at").map((r) => r.id);
  }

  dueGameIds(now: number): string[] {
    return this.rows<{ id: string }>("SELECT id FROM games WHERE status = 'playing' AND NOT paused AND deadline IS NOT NULL AND deadline <= $1 ORDER BY deadline", now).map(
      (r) => r.id,
    );
  }

  turnState(gameId: string, turn: number): GameState | undefined {
    const row = this.rows<{ state: string }>("SELECT state FROM turns WHERE game_id = $1 AND turn = $2", gameId, turn)[0];
    return row && (JSON.parse(row.state) as GameState);
  }

  turnLog(gameId: string): { reports: TurnReport[]; history: HistoryPoint[] } {
    const rows = this.rows<{ report: string | null; point: string | null }>("SELECT report, point FROM turns WHERE game_id = $1 ORDER BY turn", gameId);
    const reports: TurnReport[] = [];
    const history: HistoryPoint[] = [];
    for (const r of rows) {
      if (r.report) reports.push(JSON.parse(r.report) as TurnReport);
      if (r.point) history.push(JSON.parse(r.point) as HistoryPoint);
    }
    return { reports, history };
  }

  appendAction(gameId: string, a: Omit<ActionRecord, "id">, update?: GameUpdate): number {
    const out = this.tx(true, this.insertAction(gameId, a), ...(update ? [this.applyUpdate(gameId, update, a.at)] : []));
    return Number((out[0]![0] as { id: string }).id);
  }

  commitTurn(gameId: string, state: GameState, log: { report: TurnReport; point: HistoryPoint }, update: GameUpdate, at: number, logPayload: unknown): void {
    this.tx(
      true,
      this.insertTurn(gameId, state.turn, state, at, log.report, log.point),
      this.insertAction(gameId, { turn: state.turn, at, kind: "resolved", seat: null, who: "server", payload: logPayload }),
      this.applyUpdate(gameId, { ...update, turn: state.turn }, at),
    );
  }

  updateGame(gameId: string, u: GameUpdate, at: number): void {
    this.tx(true, this.applyUpdate(gameId, u, at));
  }

  private applyUpdate(gameId: string, u: GameUpdate, at: number): Statement {
    const sets: string[] = [];
    const args: unknown[] = [];
    const add = (col: string, v: unknown) => {
      args.push(v);
      sets.push(`${col} = $${args.length}`);
    };
    if (u.status !== undefined) add("status", u.status);
    if (u.turn !== undefined) add("turn", u.turn);
    if (u.deadline !== undefined) add("deadline", u.deadline);
    if (u.paused !== undefined) add("paused", u.paused);
    if (u.remainingMs !== undefined) add("remaining_ms", u.remainingMs);
    if (u.bots !== undefined) add("bots", JSON.stringify(u.bots));
    add("updated_at", at);
    args.push(gameId);
    return sql(`UPDATE games SET ${sets.join(", ")} WHERE id = $${args.length}`, ...args);
  }

  actions(gameId: string, turn?: number): ActionRecord[] {
    return (
      turn === undefined
        ? this.rows<ActionRow>("SELECT * FROM actions WHERE game_id = $1 ORDER BY id", gameId)
        : this.rows<ActionRow>("SELECT * FROM actions WHERE game_id = $1 AND turn = $2 ORDER BY id", gameId, turn)
    ).map(toAction);
  }

  actionsOfKind(gameId: string, kind: string): ActionRecord[] {
    return this.rows<ActionRow>("SELECT * FROM actions WHERE game_id = $1 AND kind = $2 ORDER BY id", gameId, kind).map(toAction);
  }

  pageOfKind(gameId: string, kind: string, limit: number, keep: (a: ActionRecord) => boolean, beforeId = Number.MAX_SAFE_INTEGER): { items: ActionRecord[]; more: boolean } {
    return pageActions(limit, keep, beforeId, (cursor, batch) =>
      this.rows<ActionRow>("SELECT * FROM actions WHERE game_id = $1 AND kind = $2 AND id < $3 ORDER BY id DESC LIMIT $4", gameId, kind, cursor, batch).map(toAction),
    );
  }

  lastActionId(gameId: string): number {
    return Number(this.rows<{ id: string }>("SELECT COALESCE(MAX(id), 0) AS id FROM actions WHERE game_id = $1", gameId)[0]!.id);
  }

  countOfKind(gameId: string, kind: string): number {
    return Number(this.rows<{ n: string }>("SELECT COUNT(*) AS n FROM actions WHERE game_id = $1 AND kind = $2", gameId, kind)[0]!.n);
  }

  addCredential(token: string, c: CredentialRecord, at: number): number {
    const rows = this.tx(true, this.insertCredential(token, c, at));
    return Number((rows[0]?.[0] as { seq?: string | number } | undefined)?.seq ?? 0);
  }

  findCredential(token: string): CredentialRecord | undefined {
    const row = this.rows<{ game_id: string; role: Role; seat: string | null; name: string; team_role: string | null; seq: string | number }>(
      "SELECT game_id, role, seat, name, team_role, seq FROM credentials WHERE token_hash = $1",
      hashToken(token),
    )[0];
    return row && { gameId: row.game_id, role: row.role, seat: row.seat, name: row.name, teamRole: row.team_role, person: Number(row.seq) };
  }

  people(gameId: string): PersonRecord[] {
    return this.rows<{ seq: string | number; seat: string; name: string; team_role: string | null }>(
      "SELECT seq, seat, name, team_role FROM credentials WHERE game_id = $1 AND role = 'player' ORDER BY created_at, seq",
      gameId,
    ).map((r) => ({ id: Number(r.seq), seat: r.seat, name: r.name, teamRole: r.team_role }));
  }

  updatePerson(gameId: string, id: number, change: { seat: ActorId; teamRole: string }, log: Omit<ActionRecord, "id">): void {
    this.tx(
      true,
      sql("UPDATE credentials SET seat = $1, team_role = $2 WHERE game_id = $3 AND seq = $4 AND role = 'player'", change.seat, change.teamRole, gameId, id),
      this.insertAction(gameId, log),
    );
  }

  removePerson(gameId: string, id: number, log: Omit<ActionRecord, "id">): void {
    this.tx(true, sql("DELETE FROM credentials WHERE game_id = $1 AND seq = $2 AND role = 'player'", gameId, id), this.insertAction(gameId, log));
  }

  rollbackTurn(gameId: string, fromTurn: number, log: Omit<ActionRecord, "id">, update: GameUpdate): void {
    this.tx(
      true,
      sql("DELETE FROM turns WHERE game_id = $1 AND turn >= $2", gameId, fromTurn),
      sql("UPDATE actions SET kind = 'undone:' || kind WHERE game_id = $1 AND turn >= $2 AND kind NOT LIKE 'undone:%'", gameId, fromTurn),
      this.insertAction(gameId, log),
      this.applyUpdate(gameId, update, log.at),
    );
  }

  forkGame(sourceId: string, turn: number, game: GameRecord, facilitatorToken: string, facilitatorName: string, log: Omit<ActionRecord, "id">): void {
    this.tx(
      true,
      this.insertGame(game),
      sql("INSERT INTO turns (game_id, turn, state, at, report, point) SELECT $1, turn, state, at, report, point FROM turns WHERE game_id = $2 AND turn <= $3", game.id, sourceId, turn),
      sql(
        `INSERT INTO actions (game_id, turn, at, kind, seat, who, payload)
         SELECT $1, turn, at, kind, seat, who, payload FROM actions WHERE game_id = $2 AND (turn < $3 OR (turn = $3 AND kind = 'resolved')) AND kind NOT LIKE 'undone:%' ORDER BY id`,
        game.id,
        sourceId,
        turn,
      ),
      this.insertCredential(facilitatorToken, { gameId: game.id, role: "facilitator", seat: null, name: facilitatorName }, game.createdAt),
      this.insertAction(sourceId, log),
      this.insertAction(game.id, { ...log, turn }),
    );
  }

  lastActivity(gameId: string): number {
    const row = this.rows<{ at: number | null }>(
      "SELECT GREATEST(COALESCE((SELECT MAX(at) FROM actions WHERE game_id = games.id), 0), updated_at, created_at) AS at FROM games WHERE id = $1",
      gameId,
    )[0];
    return row?.at ?? 0;
  }

  seatPlayers(gameId: string): Map<ActorId, string[]> {
    const rows = this.rows<{ seat: string; name: string }>("SELECT seat, name FROM credentials WHERE game_id = $1 AND role = 'player' ORDER BY created_at, seq", gameId);
    const out = new Map<ActorId, string[]>();
    for (const r of rows) out.set(r.seat, [...(out.get(r.seat) ?? []), r.name]);
    return out;
  }

  teamCodes(gameId: string, seats: readonly ActorId[], make: () => string): Map<ActorId, string> {
    const read = () => new Map(this.rows<{ seat: string; code: string }>("SELECT seat, code FROM team_codes WHERE game_id = $1", gameId).map((r) => [r.seat, r.code] as const));
    const have = read();
    const missing = seats.filter((s) => !have.has(s));
    if (missing.length === 0) return have;
    this.tx(true, ...missing.map((seat) => sql("INSERT INTO team_codes (game_id, seat, code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", gameId, seat, make())));
    return read();
  }

  tryHost(gameId: string): boolean {
    if (this.hosted.has(gameId)) return true;
    const r = this.send({ op: "lock", id: this.id, url: this.url, key: `game ${gameId}` }, false) as { ok: boolean };
    if (r.ok) this.hosted.add(gameId);
    return r.ok;
  }

  releaseHost(gameId: string): void {
    if (!this.hosted.delete(gameId) || this.closed) return;
    try {
      this.send({ op: "unlock", id: this.id, url: this.url, key: `game ${gameId}` }, false);
    } catch (e) {
      // The lock goes with the connection anyway; nothing else to do.
      console.error(`game ${gameId}: could not release its hosting lock: ${(e as Error).message}`);
    }
  }

  check(): DatabaseCheck {
    try {
      this.tx(true, sql("INSERT INTO meta (key, value) VALUES ('probe', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", String(Date.now())));
      return { integrity: "ok", writable: true };
    } catch (e) {
      const code = e instanceof StorageError ? e.sqliteCode : "error";
      return { integrity: "ok", writable: false, writeError: `${code}: ${(e as Error).message}` };
    }
  }

  probe(): boolean {
    return this.check().writable;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.hosted.clear();
    call({ op: "close", id: this.id, url: this.url });
  }

  private insertTurn(gameId: string, turn: number, state: GameState, at: number, report: TurnReport | null, point: HistoryPoint): Statement {
    return sql(
      `INSERT INTO turns (game_id, turn, state, at, report, point) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (game_id, turn) DO UPDATE SET state = EXCLUDED.state, at = EXCLUDED.at, report = EXCLUDED.report, point = EXCLUDED.point`,
      gameId,
      turn,
      JSON.stringify(state),
      at,
      report && JSON.stringify(report),
      JSON.stringify(point),
    );
  }

  private insertAction(gameId: string, a: Omit<ActionRecord, "id">): Statement {
    return sql(
      "INSERT INTO actions (game_id, turn, at, kind, seat, who, payload) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      gameId,
      a.turn,
      a.at,
      a.kind,
      a.seat,
      a.who,
      JSON.stringify(a.payload ?? null),
    );
  }

  private insertCredential(token: string, c: CredentialRecord, at: number): Statement {
    return sql(
      "INSERT INTO credentials (token_hash, game_id, role, seat, name, created_at, team_role) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq",
      hashToken(token),
      c.gameId,
      c.role,
      c.seat,
      c.name,
      at,
      c.teamRole ?? null,
    );
  }
}
