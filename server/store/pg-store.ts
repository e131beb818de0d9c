// The PostgreSQL store (DATABASE_URL=postgres://...): the same GameStore as SQLite, for several
// server processes sharing one database. An async pg.Pool on the main thread: a commit no longer
// blocks the event loop, and several games' commits overlap on the pool's connections
// (FAULTLINE_PG_POOL, default 8). Each call takes one pooled connection; a call of several
// statements runs them in one transaction on it (BEGIN/COMMIT, ROLLBACK on error), a single
// statement runs alone; the frequent writes of several parts (an action with its game update, a
// resolved turn) are one statement of CTEs, one round trip (`oneStatement`). The hosting locks are session advisory locks on one dedicated connection
// per store, outside the pool, so PostgreSQL drops them when the process dies. Every call has a
// deadline (FAULTLINE_PG_TIMEOUT_MS, default 10 s) and fails as PG_TIMEOUT past it.
// bench/store.bench.ts measures a call's latency and the throughput of concurrent games.
import pg from "pg";
import type { ActorId, GameState, HistoryPoint, TurnReport } from "../../shared/engine/index.ts";
import { hashToken } from "../ids.ts";
import { gameRecordOf, pageActions, turnLogOf, updatedColumns, type GameRow as SqliteGameRow } from "./game-store.ts";
import type { ActionRecord, CredentialRecord, PersonRecord, DatabaseCheck, GameCursor, GameRecord, GameStore, GameUpdate, ListedGame, Role } from "./game-store.ts";
import { MIGRATIONS } from "./migrations.ts";
import { StorageError, StorageHealth } from "./storage-health.ts";

interface Statement {
  text: string;
  values: unknown[];
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

/**
 * Writes that go together as one statement: all but the last as data-modifying CTEs, the last
 * as the main statement (its rows are the result). A single statement is atomic on its own, so
 * this is one round trip where BEGIN, each statement and COMMIT were one each: a resolved turn's
 * commit went from five round trips to one (bench:store). The parts must not read each other's
 * writes (they all see the snapshot the statement started with).
 */
function oneStatement(...parts: Statement[]): Statement {
  const values: unknown[] = [];
  const texts = parts.map((p) => {
    const offset = values.length;
    values.push(...p.values);
    return p.text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  const main = texts.pop()!;
  return { text: texts.length ? `WITH ${texts.map((t, i) => `w${i} AS (${t})`).join(", ")} ${main}` : main, values };
}

/** An error as the store reports it: code PG_<SQLSTATE or Node code>, e.g. PG_23505, PG_ECONNREFUSED, PG_TIMEOUT. */
function coded(e: unknown): Error & { code: string } {
  const code = (e as { code?: unknown } | null | undefined)?.code;
  return Object.assign(new Error(e instanceof Error ? e.message : String(e)), { code: `PG_${code == null ? "ERROR" : String(code)}` });
}

/**
 * `job`, or a TIMEOUT error after `ms` (then `onTimeout` runs). The job goes on in the background;
 * its late result or error is dropped here (the onTimeout hook deals with what it leaves behind).
 */
function withDeadline<T>(job: Promise<T>, ms: number, onTimeout: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      onTimeout();
      reject(Object.assign(new Error(`PostgreSQL did not answer within ${ms} ms`), { code: "TIMEOUT" }));
    }, ms);
    job.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export class PgGameStore implements GameStore {
  readonly kind = "postgres" as const;
  readonly health = new StorageHealth();
  readonly where: string;
  /** Longest a call may take, waiting for a free connection included, before it fails as PG_TIMEOUT. */
  private readonly timeoutMs = Number(process.env["FAULTLINE_PG_TIMEOUT_MS"] ?? 10_000);
  private readonly pool: pg.Pool;
  /** The one connection holding this store's hosting locks (connected on the first tryHost). */
  private lockClient: Promise<pg.Client> | undefined;
  private hosted = new Set<string>();
  /** tryHost calls under way: a second claim of the same game waits for the first instead of locking twice. */
  private claiming = new Map<string, Promise<boolean>>();
  private closing: Promise<void> | undefined;

  /** Connects lazily; use PgGameStore.open, which also migrates. */
  private constructor(readonly url: string) {
    this.where = redactUrl(url);
    this.pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env["FAULTLINE_PG_POOL"]) || 8,
      keepAlive: true,
      // Our own deadline (withDeadline) decides a call's timeout; the pool's, a little later, only
      // stops a forgotten wait for a connection.
      connectionTimeoutMillis: this.timeoutMs + 1000,
      application_name: `faultline store (pid ${process.pid})`,
    });
    // PostgreSQL closing an idle connection (restart, idle timeout) must not crash the process:
    // the pool drops that connection and opens another for the next call.
    this.pool.on("error", (e) => console.error(`PostgreSQL (${this.where}): an idle connection failed: ${e.message}`));
    // pg also emits "error" on a connection that breaks while it is checked out (the call's query
    // fails with it); the pool listens only while it is idle, so listen here or the process dies.
    this.pool.on("connect", (c) => c.on("error", () => undefined));
  }

  /**
   * A store on `url`, with missing migrations applied unless `migrate: false`; rejects with a
   * StorageError when PostgreSQL refuses (and then holds no connection).
   */
  static async open(url: string, o: { migrate?: boolean } = {}): Promise<PgGameStore> {
    const store = new PgGameStore(url);
    if (o.migrate !== false) {
      try {
        await store.migrate();
      } catch (e) {
        await store.close();
        throw e;
      }
    }
    return store;
  }

  /**
   * Applies the migrations the database lacks, in one transaction under a transaction-level
   * advisory lock (processes starting together apply each migration once); returns the versions
   * applied now.
   */
  async migrate(): Promise<number[]> {
    return this.call(true, async (c) => {
      await c.query("BEGIN");
      try {
        await c.query("SELECT pg_advisory_xact_lock(hashtextextended('faultline migrations', 7))");
        await c.query("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at DOUBLE PRECISION NOT NULL)");
        const done = new Set((await c.query<{ version: number }>("SELECT version FROM schema_migrations")).rows.map((r) => r.version));
        const applied: number[] = [];
        for (const m of MIGRATIONS) {
          if (done.has(m.version)) continue;
          await c.query(m.postgres);
          await c.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [m.version, m.name, Date.now()]);
          applied.push(m.version);
        }
        await c.query("COMMIT");
        return applied;
      } catch (e) {
        await c.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    });
  }

  /** Runs `work` on a pooled connection; failures become StorageErrors recorded in `health`. */
  private async call<T>(write: boolean, work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let out: T;
    try {
      out = await this.withClient(work);
    } catch (e) {
      throw this.health.failed(coded(e), write);
    }
    if (write) this.health.wrote();
    return out;
  }

  /**
   * `work` on one pooled connection within the deadline. Past it the connection is closed, not
   * reused: PostgreSQL then rolls back whatever the call had begun, so a call reported as failed
   * leaves nothing behind (unless its COMMIT had already been sent).
   */
  private withClient<T>(work: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    let held: pg.PoolClient | undefined;
    let late = false;
    /** Hands the connection back once; with an error the pool closes it instead of reusing it. */
    const giveBack = (broken?: Error) => {
      const c = held;
      held = undefined;
      c?.release(broken);
    };
    const job = (async () => {
      const c = await this.pool.connect();
      if (late) {
        // The deadline passed while waiting for a free connection: nobody wants the answer.
        c.release();
        throw new Error("late");
      }
      held = c;
      try {
        const out = await work(c);
        giveBack();
        return out;
      } catch (e) {
        // An error PostgreSQL reported leaves the connection usable (a transaction was rolled
        // back); anything else (a lost connection) may not.
        giveBack(e instanceof pg.DatabaseError ? undefined : (e as Error));
        throw e;
      }
    })();
    return withDeadline(job, this.timeoutMs, () => {
      late = true;
      giveBack(new Error("timed out"));
    });
  }

  /** Statements in one transaction (a single one runs alone); the rows of each. */
  private tx(write: boolean, ...statements: Statement[]): Promise<Record<string, unknown>[][]> {
    return this.call(write, async (c) => {
      const many = statements.length > 1;
      if (many) await c.query("BEGIN");
      try {
        const results: Record<string, unknown>[][] = [];
        for (const s of statements) results.push((await c.query(s.text, s.values)).rows as Record<string, unknown>[]);
        if (many) await c.query("COMMIT");
        return results;
      } catch (e) {
        if (many) await c.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    });
  }

  private async rows<T>(text: string, ...values: unknown[]): Promise<T[]> {
    return (await this.tx(false, sql(text, ...values)))[0] as T[];
  }

  async createGame(game: GameRecord, initial: GameState, point: HistoryPoint, facilitatorToken: string, facilitatorName: string, scenarioText?: string): Promise<void> {
    const keepText =
      game.scenarioHash !== null && scenarioText !== undefined
        ? [sql("INSERT INTO scenario_texts (hash, text, created_at) VALUES ($1, $2, $3) ON CONFLICT (hash) DO NOTHING", game.scenarioHash, scenarioText, game.createdAt)]
        : [];
    await this.tx(
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
      `INSERT INTO games (id, join_code, name, scenario, scenario_hash, seed, options, status, turn, deadline, paused, remaining_ms, bots, kept, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
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
      JSON.stringify(game.kept),
      game.createdAt,
      game.createdAt,
    );
  }

  async scenarioText(hash: string): Promise<string | undefined> {
    return (await this.rows<{ text: string }>("SELECT text FROM scenario_texts WHERE hash = $1", hash))[0]?.text;
  }

  async getGame(id: string): Promise<GameRecord | undefined> {
    const row = (await this.rows<GameRow>("SELECT * FROM games WHERE id = $1", id))[0];
    return row && toRecord(row);
  }

  async findByJoinCode(code: string): Promise<GameRecord | undefined> {
    const row = (await this.rows<GameRow>("SELECT * FROM games WHERE join_code = $1", code))[0];
    return row && toRecord(row);
  }

  async listedGames(limit: number, before?: GameCursor): Promise<ListedGame[]> {
    const at = before?.createdAt ?? Number.MAX_SAFE_INTEGER;
    const rows = await this.rows<GameRow>(
      `SELECT * FROM games WHERE status <> 'over' AND (options::jsonb ->> 'listed') = 'true' AND (created_at < $1 OR (created_at = $1 AND id < $2))
       ORDER BY created_at DESC, id DESC LIMIT $3`,
      at,
      before?.id ?? "",
      limit,
    );
    if (rows.length === 0) return [];
    const counts = await this.rows<{ game_id: string; seat: string; n: string }>(
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

  async unfinishedGames(): Promise<GameRecord[]> {
    return (await this.rows<GameRow>("SELECT * FROM games WHERE status <> 'over' ORDER BY created_at")).map(toRecord);
  }

  async unfinishedGameIds(): Promise<string[]> {
    return (await this.rows<{ id: string }>("SELECT id FROM games WHERE status <> 'over' ORDER BY created_at")).map((r) => r.id);
  }

  async dueGameIds(now: number): Promise<string[]> {
    return (
      await this.rows<{ id: string }>("SELECT id FROM games WHERE status = 'playing' AND NOT paused AND deadline IS NOT NULL AND deadline <= $1 ORDER BY deadline", now)
    ).map((r) => r.id);
  }

  async turnState(gameId: string, turn: number): Promise<GameState | undefined> {
    const row = (await this.rows<{ state: string }>("SELECT state FROM turns WHERE game_id = $1 AND turn = $2", gameId, turn))[0];
    return row && (JSON.parse(row.state) as GameState);
  }

  async turnLog(gameId: string): Promise<{ reports: TurnReport[]; history: HistoryPoint[] }> {
    return turnLogOf(await this.rows<{ report: string | null; point: string | null }>("SELECT report, point FROM turns WHERE game_id = $1 ORDER BY turn", gameId));
  }

  async appendAction(gameId: string, a: Omit<ActionRecord, "id">, update?: GameUpdate): Promise<number> {
    const out = await this.tx(true, oneStatement(...(update ? [this.applyUpdate(gameId, update, a.at)] : []), this.insertAction(gameId, a)));
    return Number((out[0]![0] as { id: string }).id);
  }

  async commitTurn(gameId: string, state: GameState, log: { report: TurnReport; point: HistoryPoint }, update: GameUpdate, at: number, logPayload: unknown): Promise<void> {
    await this.tx(
      true,
      oneStatement(
        this.insertTurn(gameId, state.turn, state, at, log.report, log.point),
        this.insertAction(gameId, { turn: state.turn, at, kind: "resolved", seat: null, who: "server", payload: logPayload }),
        this.applyUpdate(gameId, { ...update, turn: state.turn }, at),
      ),
    );
  }

  async updateGame(gameId: string, u: GameUpdate, at: number): Promise<void> {
    await this.tx(true, this.applyUpdate(gameId, u, at));
  }

  private applyUpdate(gameId: string, u: GameUpdate, at: number): Statement {
    const cols = updatedColumns(u, at);
    const sets = cols.map(([c], i) => `${c} = $${i + 1}`);
    return sql(`UPDATE games SET ${sets.join(", ")} WHERE id = $${cols.length + 1}`, ...cols.map(([, v]) => v), gameId);
  }

  async actions(gameId: string, turn?: number): Promise<ActionRecord[]> {
    return (
      turn === undefined
        ? await this.rows<ActionRow>("SELECT * FROM actions WHERE game_id = $1 ORDER BY id", gameId)
        : await this.rows<ActionRow>("SELECT * FROM actions WHERE game_id = $1 AND turn = $2 ORDER BY id", gameId, turn)
    ).map(toAction);
  }

  async actionsOfKind(gameId: string, kind: string): Promise<ActionRecord[]> {
    return (await this.rows<ActionRow>("SELECT * FROM actions WHERE game_id = $1 AND kind = $2 ORDER BY id", gameId, kind)).map(toAction);
  }

  async pageOfKind(gameId: string, kind: string, limit: number, keep: (a: ActionRecord) => boolean, beforeId = Number.MAX_SAFE_INTEGER): Promise<{ items: ActionRecord[]; more: boolean }> {
    return pageActions(limit, keep, beforeId, async (cursor, batch) =>
      (await this.rows<ActionRow>("SELECT * FROM actions WHERE game_id = $1 AND kind = $2 AND id < $3 ORDER BY id DESC LIMIT $4", gameId, kind, cursor, batch)).map(toAction),
    );
  }

  async lastActionId(gameId: string): Promise<number> {
    return Number((await this.rows<{ id: string }>("SELECT COALESCE(MAX(id), 0) AS id FROM actions WHERE game_id = $1", gameId))[0]!.id);
  }

  async countOfKind(gameId: string, kind: string): Promise<number> {
    return Number((await this.rows<{ n: string }>("SELECT COUNT(*) AS n FROM actions WHERE game_id = $1 AND kind = $2", gameId, kind))[0]!.n);
  }

  async addCredential(token: string, c: CredentialRecord, at: number): Promise<number> {
    const rows = await this.tx(true, this.insertCredential(token, c, at));
    return Number((rows[0]?.[0] as { seq?: string | number } | undefined)?.seq ?? 0);
  }

  async findCredential(token: string): Promise<CredentialRecord | undefined> {
    const row = (
      await this.rows<{ game_id: string; role: Role; seat: string | null; name: string; team_role: string | null; seq: string | number }>(
        "SELECT game_id, role, seat, name, team_role, seq FROM credentials WHERE token_hash = $1",
        hashToken(token),
      )
    )[0];
    return row && { gameId: row.game_id, role: row.role, seat: row.seat, name: row.name, teamRole: row.team_role, person: Number(row.seq) };
  }

  async people(gameId: string): Promise<PersonRecord[]> {
    return (
      await this.rows<{ seq: string | number; seat: string; name: string; team_role: string | null; created_at: number; delivered: boolean }>(
        "SELECT seq, seat, name, team_role, created_at, delivered FROM credentials WHERE game_id = $1 AND role = 'player' ORDER BY created_at, seq",
        gameId,
      )
    ).map((r) => ({ id: Number(r.seq), seat: r.seat, name: r.name, teamRole: r.team_role, claimedAt: Number(r.created_at), delivered: r.delivered }));
  }

  async markDelivered(gameId: string, person: number): Promise<void> {
    await this.tx(true, sql("UPDATE credentials SET delivered = TRUE WHERE game_id = $1 AND seq = $2 AND NOT delivered", gameId, person));
  }

  async updatePerson(gameId: string, id: number, change: { seat: ActorId; teamRole: string }, log: Omit<ActionRecord, "id">): Promise<void> {
    await this.tx(
      true,
      sql("UPDATE credentials SET seat = $1, team_role = $2 WHERE game_id = $3 AND seq = $4 AND role = 'player'", change.seat, change.teamRole, gameId, id),
      this.insertAction(gameId, log),
    );
  }

  async removePerson(gameId: string, id: number, log: Omit<ActionRecord, "id">): Promise<void> {
    await this.tx(true, sql("DELETE FROM credentials WHERE game_id = $1 AND seq = $2 AND role = 'player'", gameId, id), this.insertAction(gameId, log));
  }

  async rollbackTurn(gameId: string, fromTurn: number, log: Omit<ActionRecord, "id">, update: GameUpdate): Promise<void> {
    await this.tx(
      true,
      sql("DELETE FROM turns WHERE game_id = $1 AND turn >= $2", gameId, fromTurn),
      sql("UPDATE actions SET kind = 'undone:' || kind WHERE game_id = $1 AND turn >= $2 AND kind NOT LIKE 'undone:%'", gameId, fromTurn),
      this.insertAction(gameId, log),
      this.applyUpdate(gameId, update, log.at),
    );
  }

  async forkGame(sourceId: string, turn: number, game: GameRecord, facilitatorToken: string, facilitatorName: string, log: Omit<ActionRecord, "id">): Promise<void> {
    await this.tx(
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

  async lastActivity(gameId: string): Promise<number> {
    const row = (
      await this.rows<{ at: number | null }>(
        "SELECT GREATEST(COALESCE((SELECT MAX(at) FROM actions WHERE game_id = games.id), 0), updated_at, created_at) AS at FROM games WHERE id = $1",
        gameId,
      )
    )[0];
    return row?.at ?? 0;
  }

  async seatPlayers(gameId: string): Promise<Map<ActorId, string[]>> {
    const rows = await this.rows<{ seat: string; name: string }>("SELECT seat, name FROM credentials WHERE game_id = $1 AND role = 'player' ORDER BY created_at, seq", gameId);
    const out = new Map<ActorId, string[]>();
    for (const r of rows) out.set(r.seat, [...(out.get(r.seat) ?? []), r.name]);
    return out;
  }

  async teamCodes(gameId: string, seats: readonly ActorId[], make: () => string): Promise<Map<ActorId, string>> {
    const read = async () =>
      new Map((await this.rows<{ seat: string; code: string }>("SELECT seat, code FROM team_codes WHERE game_id = $1", gameId)).map((r) => [r.seat, r.code] as const));
    const have = await read();
    const missing = seats.filter((s) => !have.has(s));
    if (missing.length === 0) return have;
    // ON CONFLICT: a concurrent call (another process or this one) may have made some meanwhile; the first code stays.
    await this.tx(true, ...missing.map((seat) => sql("INSERT INTO team_codes (game_id, seat, code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", gameId, seat, make())));
    return read();
  }

  /** The hosting-lock connection, connected on first use and again after it was lost. */
  private lockConnection(): Promise<pg.Client> {
    if (this.closing) return Promise.reject(new Error("the store is closed"));
    if (this.lockClient) return this.lockClient;
    const c = new pg.Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: this.timeoutMs, application_name: `faultline locks (pid ${process.pid})` });
    const connected = c.connect().then(() => c);
    const forget = () => {
      if (this.lockClient === connected) this.lockClient = undefined;
    };
    // Losing it loses its locks (PostgreSQL frees them): they are taken again on a new connection.
    c.on("error", (e) => {
      forget();
      console.error(`PostgreSQL (${this.where}): the hosting-lock connection failed, its locks are gone: ${e.message}`);
      this.relock();
    });
    c.on("end", () => {
      forget();
      this.relock();
    });
    connected.catch(forget);
    this.lockClient = connected;
    return connected;
  }

  onHostLost?: (gameId: string) => void;
  private relocking = false;
  /** The lock connection each held lock was taken on. */
  private lockedOn = new Map<string, Promise<pg.Client>>();
  /**
   * After the lock connection was lost (a database restart or failover, a killed backend), takes
   * the locks of the games this process still hosts again, retrying until the database answers.
   * A game another process took meanwhile is lost here: onHostLost closes its room.
   */
  private relock(): void {
    if (this.closing || this.relocking || this.hosted.size === 0) return;
    this.relocking = true;
    void (async () => {
      try {
        for (let delay = 250; !this.closing; delay = Math.min(delay * 2, 5000)) {
          try {
            for (const gameId of [...this.hosted]) {
              // Session locks nest: one already held on the live connection is not taken twice.
              if (this.lockClient && this.lockedOn.get(gameId) === this.lockClient) continue;
              if (await this.lockCall("pg_try_advisory_lock", gameId)) {
                // Its room closed meanwhile: the lock is nobody's.
                if (!this.hosted.has(gameId)) await this.lockCall("pg_advisory_unlock", gameId);
                continue;
              }
              this.lockedOn.delete(gameId);
              if (!this.hosted.delete(gameId)) continue; // released meanwhile
              console.error(`game ${gameId}: its hosting lock was lost with the database connection and another process holds it now; closing its room here`);
              this.onHostLost?.(gameId);
            }
            // Done once every lock is on the connection in use (it may have been lost again meanwhile).
            if ([...this.hosted].every((g) => this.lockClient && this.lockedOn.get(g) === this.lockClient)) return;
          } catch {
            await new Promise((r) => setTimeout(r, delay));
          }
        }
      } finally {
        this.relocking = false;
      }
    })();
  }

  /** Lock calls go one at a time: a pg.Client runs one query at a time (pg 9 refuses overlapping ones). */
  private lockQueue: Promise<unknown> = Promise.resolve();
  private lockQuery(fn: "pg_try_advisory_lock" | "pg_advisory_unlock", gameId: string): Promise<boolean> {
    const run = async () => {
      const connection = this.lockConnection();
      const c = await connection;
      const r = await c.query<{ ok: boolean }>(`SELECT ${fn}(hashtextextended($1, 7)) AS ok`, [`game ${gameId}`]);
      const ok = r.rows[0]?.ok === true;
      if (fn === "pg_advisory_unlock") this.lockedOn.delete(gameId);
      else if (ok) this.lockedOn.set(gameId, connection);
      return ok;
    };
    const job = this.lockQueue.then(run, run);
    this.lockQueue = job.catch(() => undefined);
    return job;
  }

  /** A lock call within the deadline; failures become StorageErrors (recorded as failed reads). */
  private async lockCall(fn: "pg_try_advisory_lock" | "pg_advisory_unlock", gameId: string): Promise<boolean> {
    const job = this.lockQuery(fn, gameId);
    try {
      return await withDeadline(job, this.timeoutMs, () => {
        // A lock granted after we gave up would be held for nobody: let it go when it comes.
        if (fn === "pg_try_advisory_lock") job.then((ok) => ok && this.lockQuery("pg_advisory_unlock", gameId)).catch(() => undefined);
      });
    } catch (e) {
      throw this.health.failed(coded(e), false);
    }
  }

  async tryHost(gameId: string): Promise<boolean> {
    if (this.hosted.has(gameId)) return true;
    // Session locks nest in PostgreSQL: two overlapping claims would take it twice and one
    // releaseHost would not free it. They share one lock call instead.
    let claim = this.claiming.get(gameId);
    if (!claim) {
      claim = this.lockCall("pg_try_advisory_lock", gameId)
        .then((ok) => {
          if (ok) this.hosted.add(gameId);
          return ok;
        })
        .finally(() => this.claiming.delete(gameId));
      this.claiming.set(gameId, claim);
    }
    return claim;
  }

  async releaseHost(gameId: string): Promise<void> {
    await this.claiming.get(gameId)?.catch(() => undefined); // a claim under way settles first
    if (!this.hosted.delete(gameId) || this.closing) return;
    try {
      await this.lockCall("pg_advisory_unlock", gameId);
    } catch (e) {
      // The lock goes with the connection anyway; nothing else to do.
      console.error(`game ${gameId}: could not release its hosting lock: ${(e as Error).message}`);
    }
  }

  async check(): Promise<DatabaseCheck> {
    try {
      await this.tx(true, sql("INSERT INTO meta (key, value) VALUES ('probe', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", String(Date.now())));
      return { integrity: "ok", writable: true };
    } catch (e) {
      const code = e instanceof StorageError ? e.sqliteCode : "error";
      return { integrity: "ok", writable: false, writeError: `${code}: ${(e as Error).message}` };
    }
  }

  async probe(): Promise<boolean> {
    return (await this.check()).writable;
  }

  /** Ends the pool (after the calls under way) and the lock connection, freeing its locks. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.hosted.clear();
      const locks = this.lockClient;
      this.lockClient = undefined;
      await Promise.all([
        this.pool.end().catch(() => undefined),
        locks?.then(
          (c) => c.end().catch(() => undefined),
          () => undefined,
        ),
      ]);
    })();
    return this.closing;
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
      "INSERT INTO credentials (token_hash, game_id, role, seat, name, created_at, team_role, delivered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING seq",
      hashToken(token),
      c.gameId,
      c.role,
      c.seat,
      c.name,
      at,
      c.teamRole ?? null,
      c.role !== "player",
    );
  }
}
