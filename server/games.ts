// The games this server hosts: creating them, listing them for the lobby, describing one before
// joining, and making sure each unfinished game has its room (also after a restart).
import { matchMaker } from "@colyseus/core";
import type { Rules } from "../shared/engine/index.ts";
import type { PublicScenario } from "../shared/engine/index.ts";
import type { ActorId } from "../shared/engine/index.ts";
import type { LobbyGame, SeatCredential } from "../shared/protocol.ts";
import type { Clock } from "./clock.ts";
import { createGameRecord, type ScenarioSource } from "./game/create-game.ts";
import type { EnginePort } from "./game/engine-port.ts";
import { normaliseJoinCode } from "./ids.ts";
import { isBotSeat } from "./bots.ts";
import { replayTurn } from "./game/replay.ts";
import type { GameCursor, GameRecord, GameStore } from "./store/game-store.ts";
import { ClusterError, HOSTED_ELSEWHERE, type Cluster } from "./cluster.ts";
import type { ScenarioLibrary } from "./scenarios.ts";
import type { ScenarioProblem } from "../shared/protocol.ts";

export const ROOM_NAME = "game";

export interface GameServiceDeps {
  store: GameStore;
  clock: Clock;
  engine: EnginePort;
  scenarios: ScenarioLibrary;
  createSecret: string;
  /** Several processes on Redis: rooms may be hosted elsewhere (see cluster.ts). */
  cluster?: Cluster;
}

export type Created =
  | { ok: true; gameId: string; joinCode: string; credential: SeatCredential; seed: string }
  | { ok: false; code: string; message: string; errors?: ScenarioProblem[] };

/** What a restart found: every unfinished game is rebuilt once (its turn replayed) to prove it loads. */
export interface RestoreReport {
  /** Unfinished games in the database. */
  total: number;
  /** Games that load; their rooms open when someone comes back (or their clock runs out). */
  restored: number;
  /** Games whose room was opened at once: their deadline passed, or every person had locked in. */
  reopened: number;
  /** Games that did not load, with the reason. */
  failed: { gameId: string; reason: string }[];
  /** Set once every game was checked. */
  done: boolean;
}

/** One page of the lobby's list and the cursor of the next page. */
export interface GamesPage {
  games: LobbyGame[];
  /** Pass as `before` for the next page; absent on the last page. */
  next?: string;
}

/** Cursor text: "<createdAt>.<gameId>". */
const formatCursor = (c: GameCursor): string => `${c.createdAt}.${c.id}`;
function parseCursor(text: string | undefined): GameCursor | undefined {
  const m = text === undefined ? null : /^(\d{1,16})\.([a-z0-9]{1,32})$/.exec(text);
  return m ? { createdAt: Number(m[1]), id: m[2]! } : undefined;
}

export interface GameDescription {
  gameId: string;
  name: string;
  status: GameRecord["status"];
  scenario: PublicScenario;
  freeSeats: ActorId[];
  takenSeats: ActorId[];
  /** Seats the facilitator keeps for a bot: shown closed, never claimable (neither free nor taken). */
  keptSeats: ActorId[];
  /** The names of the people on each held seat's team (public, like the seat chips in the game). */
  teams: Record<ActorId, string[]>;
}

export class GameService {
  private opening = new Map<string, Promise<void>>();
  /** Games without a room whose clock will need one: their deadline reopens the room. */
  private wakes = new Map<string, () => void>();
  private stopped = false;
  restoreReport: RestoreReport = { total: 0, restored: 0, reopened: 0, failed: [], done: false };

  constructor(private deps: GameServiceDeps) {}

  /**
   * Creates and stores a game and returns the facilitator's credential and the seed. No room is
   * opened: that happens when someone looks the game up to join it.
   */
  async create(input: unknown): Promise<Created> {
    const r = await createGameRecord(input, { ...this.deps, source: (o) => this.source(o) });
    if (!r.ok) return r;
    this.armWake(r.record);
    const credential: SeatCredential = {
      gameId: r.record.id,
      token: r.facilitatorToken,
      role: "facilitator",
      seat: null,
      name: r.record.options.creatorName,
    };
    return { ok: true, gameId: r.record.id, joinCode: r.record.joinCode, credential, seed: r.record.seed };
  }

  /** The scenario of a new game: an uploaded text (validated here) or the folder's file of that name. */
  private source(o: { scenario: string; scenarioText?: string; scenarioFile?: string }): ReturnType<ScenarioSource> {
    if (o.scenarioText !== undefined) {
      const compiled = this.deps.scenarios.compile(o.scenarioText, o.scenarioFile ?? "uploaded scenario");
      if (compiled.ok) return compiled;
      const errors = compiled.errors.map((e) => ({ line: e.line, column: e.column, path: e.path, message: e.message }));
      const first = errors[0]!;
      return {
        ok: false,
        code: "create/invalid_scenario",
        message: `The scenario file does not validate (${errors.length} error${errors.length === 1 ? "" : "s"}); the first, at line ${first.line}, column ${first.column}: ${first.path ? `${first.path}: ` : ""}${first.message}`,
        errors: errors.slice(0, 100),
      };
    }
    const found = this.deps.scenarios.source(o.scenario);
    if (found) return { ok: true, value: found };
    const broken = this.deps.scenarios.list().find((l) => l.errors && l.file.replace(/\.(ya?ml|json)$/, "") === o.scenario);
    if (broken) return { ok: false, code: "create/invalid_scenario", message: `The scenario file ${broken.file} does not validate right now; fix it (see the lobby's list) and try again.`, errors: broken.errors };
    return { ok: false, code: "create/unknown_scenario", message: `No scenario ${o.scenario}.` };
  }

  /** The rules a stored game plays by (its own copy of its scenario). */
  rulesOf(g: GameRecord): Promise<Rules | undefined> {
    return this.deps.scenarios.rulesFor(g, (hash) => this.deps.store.scenarioText(hash));
  }

  /** A game by id or by join code. */
  async find(idOrCode: string): Promise<GameRecord | undefined> {
    return (await this.deps.store.getGame(idOrCode)) ?? (await this.deps.store.findByJoinCode(normaliseJoinCode(idOrCode)));
  }

  /**
   * Listed, unfinished games that still have a free seat, newest first: at most `limit`, after
   * the cursor `before`. A page reads a bounded number of rows whatever the size of the database.
   */
  async list(limit: number, before?: string): Promise<GamesPage> {
    const out: LobbyGame[] = [];
    let cursor = parseCursor(before);
    for (let scanned = 0; out.length < limit && scanned < limit * 10; ) {
      const rows = await this.deps.store.listedGames(limit * 2, cursor);
      for (const { record: g, seats } of rows) {
        scanned++;
        cursor = { createdAt: g.createdAt, id: g.id };
        const rules = await this.rulesOf(g);
        if (!rules) continue;
        const all = this.deps.engine.seatsOf(rules);
        const free = all.filter((x) => !seats.has(x) && !g.kept.includes(x));
        if (free.length === 0) continue;
        let players = 0;
        for (const n of seats.values()) players += n;
        out.push({
          gameId: g.id,
          name: g.name,
          scenario: g.scenario,
          title: rules.scenario.title,
          turn: g.turn,
          turns: rules.scenario.turns.count,
          freeSeats: free,
          players,
          status: g.status,
          lastActivity: await this.deps.store.lastActivity(g.id),
        });
        if (out.length === limit) return { games: out, next: formatCursor(cursor) };
      }
      if (rows.length < limit * 2) return { games: out };
    }
    return cursor === undefined ? { games: out } : { games: out, next: formatCursor(cursor) };
  }

  /**
   * What a person sees before choosing a seat; opens the room so a join can follow. This is how
   * finished games come back after a restart: their room is opened (read-only) on demand when
   * someone resumes with a credential or joins by id or code, not at start-up.
   */
  async describe(idOrCode: string): Promise<(Omit<GameDescription, "scenario"> & { rules: Rules }) | undefined> {
    const g = await this.find(idOrCode);
    const rules = g && (await this.rulesOf(g));
    if (!g || !rules) return undefined;
    await this.ensureRoom(g.id);
    const claimed = await this.deps.store.seatPlayers(g.id);
    const { free, taken } = this.seats(claimed, rules, g.kept);
    const teams = Object.fromEntries(claimed);
    return {
      gameId: g.id,
      name: g.name,
      status: g.status,
      rules,
      // A finished game is read-only: it can be watched, not joined on a seat.
      freeSeats: g.status === "over" ? [] : free,
      takenSeats: taken,
      keptSeats: g.kept,
      teams,
    };
  }

  /**
   * After a start: rebuilds every unfinished game once (its turn's actions replayed) to prove it
   * loads, and reports honestly which do not and why. Rooms open only where the server must act
   * now (a deadline passed while it was down, or every person had locked in before the crash);
   * the others open when someone comes back, or at their deadline. Yields between games, so
   * /health and joins are answered meanwhile.
   */
  async restoreAll(): Promise<RestoreReport> {
    const ids = await this.deps.store.unfinishedGameIds();
    const report: RestoreReport = { total: ids.length, restored: 0, reopened: 0, failed: [], done: false };
    this.restoreReport = report;
    for (const id of ids) {
      await new Promise((r) => setImmediate(r));
      try {
        const due = await this.check(id);
        report.restored++;
        if (due) {
          await this.ensureRoom(id);
          report.reopened++;
        }
      } catch (e) {
        report.failed.push({ gameId: id, reason: (e as Error).message.slice(0, 300) });
      }
    }
    report.done = true;
    return report;
  }

  /** Loads a game as a room would; true when its room must open now. Throws when it does not load. */
  private async check(gameId: string): Promise<boolean> {
    const g = await this.deps.store.getGame(gameId);
    if (!g) throw new Error("the game's row is missing");
    const rules = await this.rulesOf(g);
    if (!rules) throw new Error(`scenario ${g.scenario} is not loaded`);
    const start = await this.deps.store.turnState(gameId, g.turn);
    if (!start) throw new Error(`no state for turn ${g.turn}`);
    const state = replayTurn(this.deps.engine, rules, start, await this.deps.store.actions(gameId, g.turn));
    if (g.status === "lobby") {
      // A scheduled start opens the room at its time (at once if it passed while the server was down).
      if (g.deadline !== null && g.deadline <= this.deps.clock.now()) return true;
      this.armWake(g);
      return false;
    }
    if (g.status !== "playing") return false;
    if (g.deadline !== null && g.deadline <= this.deps.clock.now()) return true;
    this.armWake(g);
    const claimed = new Set((await this.deps.store.seatPlayers(gameId)).keys());
    const people = [...claimed].filter((s) => !isBotSeat(g, claimed, s));
    return people.length > 0 && people.every((s) => state.locked[s]);
  }

  /** A room closed (nobody there): its clock reopens it at the deadline. */
  roomClosed(gameId: string): void {
    if (this.stopped) return;
    this.deps.store.getGame(gameId).then(
      (g) => {
        if (g && !this.stopped) this.armWake(g);
      },
      (e: unknown) => console.error(`game ${gameId}: cannot read its clock after closing its room: ${(e as Error).message}`),
    );
  }

  private armWake(g: GameRecord): void {
    this.wakes.get(g.id)?.();
    this.wakes.delete(g.id);
    if ((g.status !== "playing" && g.status !== "lobby") || g.deadline === null) return;
    this.wakes.set(
      g.id,
      this.deps.clock.at(g.deadline, () => {
        this.wakes.delete(g.id);
        this.ensureRoom(g.id).catch((e: unknown) => console.error(`game ${g.id}: reopening at its deadline failed: ${(e as Error).message}`));
      }),
    );
  }

  /** Stops the wake-up timers (server shutdown). */
  stop(): void {
    this.stopped = true;
    for (const cancel of this.wakes.values()) cancel();
    this.wakes.clear();
  }

  /** Creates the game's room unless this process (or, on Redis, another live one) already hosts it. */
  async ensureRoom(gameId: string): Promise<void> {
    const live = matchMaker.getLocalRoomById(gameId) as unknown as { keepAlive?(): void } | undefined;
    if (live) {
      // A join usually follows a look-up: an idle room must not close in between.
      live.keepAlive?.();
      return;
    }
    // Registered before anything is awaited: a second look-up while the first still asks Redis
    // or creates the room waits for it instead of opening a second room for the same game.
    let pending = this.opening.get(gameId);
    if (!pending) {
      pending = this.openRoom(gameId).finally(() => this.opening.delete(gameId));
      this.opening.set(gameId, pending);
    }
    await pending;
  }

  private async openRoom(gameId: string): Promise<void> {
    const cluster = this.deps.cluster;
    if (cluster && (await cluster.hostOf(gameId)) === "remote") return;
    if (matchMaker.getLocalRoomById(gameId)) return;
    this.wakes.get(gameId)?.();
    this.wakes.delete(gameId);
    await matchMaker
      .createRoom(ROOM_NAME, { gameId, secret: this.deps.createSecret })
      .then(() => undefined)
      .catch(async (e: unknown) => {
        // Another process took the game's hosting lock first (both reopened it at once, or a
        // create request that timed out ran late): its room is the one; wait for its listing.
        if (!cluster || !String((e as Error)?.message).includes(HOSTED_ELSEWHERE)) throw e;
        if (!(await cluster.waitListed(gameId))) throw new ClusterError(`game ${gameId} is hosted by a process that is not listed yet`);
      });
  }

  /**
   * With several processes: reopens games whose deadline passed while no process hosts them (the
   * process that hosted them died). A process that does host one resolves it itself.
   */
  private sweeping = false;
  private swept = new Map<string, number>();
  sweepDue(): void {
    if (this.sweeping || this.stopped) return;
    this.sweeping = true;
    void (async () => {
      try {
        const now = this.deps.clock.now();
        for (const id of await this.deps.store.dueGameIds(now)) {
          if (matchMaker.getLocalRoomById(id) || (this.swept.get(id) ?? 0) > now - 10_000) continue;
          this.swept.set(id, now);
          await this.ensureRoom(id).catch((e: unknown) => console.error(`game ${id}: reopening after its host was lost failed: ${(e as Error).message}`));
        }
      } catch (e) {
        console.error(`sweep of due games failed: ${(e as Error).message}`);
      } finally {
        this.sweeping = false;
      }
    })();
  }

  private seats(claimed: Map<ActorId, string[]>, rules: Rules, kept: readonly ActorId[]): { free: ActorId[]; taken: ActorId[]; players: number } {
    const all = this.deps.engine.seatsOf(rules);
    let players = 0;
    for (const names of claimed.values()) players += names.length;
    return { free: all.filter((s) => !claimed.has(s) && !kept.includes(s)), taken: all.filter((s) => claimed.has(s)), players };
  }
}
