// One game's server-side life: applies validated client messages through the engine, keeps the
// turn clock, lets bots play, and resolves turns. It knows nothing about Colyseus; the room feeds
// it messages and listens to its events. Every accepted change is written to the store before an
// event fires (commit before broadcast). The store is asynchronous, so a game's changes run one at
// a time (`exclusive`): a message, a timer or a join never works on a state another one is still
// committing.
import type { Rules } from "../../shared/engine/index.ts";
import type { ActorId, GameState, HistoryPoint, Order, Proposal, ReportEntry, TurnReport } from "../../shared/engine/index.ts";
import type { ChatMessage, ClientMessage, ErrorReply, FacilitatorAction } from "../../shared/protocol.ts";
import { botAnswers, botLevelOf, botOffers, fillsAtResolution, isBotSeat, isKept, playsAtTurnStart } from "../bots.ts";
import { KEPT_WORDS } from "../../shared/control-words.ts";
import type { Clock } from "../clock.ts";
import type { ActionRecord, GameRecord, GameStore, GameUpdate } from "../store/game-store.ts";
import { StorageError } from "../store/storage-health.ts";
import type { Actor } from "./actor.ts";
import { normaliseChannel } from "./chat.ts";
import type { EnginePort } from "./engine-port.ts";
import { replayTurn } from "./replay.ts";
import type { Teams } from "./roles.ts";
import { ControlCell, type ControlHost } from "./control.ts";
import { inLobby, LOBBY_ALLOWED, NOT_STARTED, startsWhenFull, startUpdate } from "./lobby-phase.ts";

/** What the room hears from a game. Each fires after the change is in the store. */
export interface ControllerEvents {
  /** Engine state, clock, status or bot seats changed. */
  changed(): void;
  chat(msg: ChatMessage): void;
  /** A turn resolved; `report` is unfiltered, the room filters it per viewer. */
  resolved(report: TurnReport): void;
  /** The facilitator moved (seat, role) or removed a person: live connections follow. */
  seated?(person: number, change: { seat: ActorId; teamRole: string } | null): void;
  /** The game went back a turn (rollback): every connection needs the reports and history again. */
  rewound?(): void;
  /** The facilitator fired an event. */
  injected(entry: ReportEntry): void;
  /** Resolution threw: the game is suspended with the pre-turn state kept. */
  suspended(message: string): void;
  /** A write to the database failed: nothing of the action was kept; the facilitator should know. */
  storageFailed(message: string): void;
}

export interface ControllerDeps {
  rules: Rules;
  store: GameStore;
  clock: Clock;
  engine: EnginePort;
  events: ControllerEvents;
  /** Seats with at least one connected human player right now. */
  connectedHumanSeats(): ReadonlySet<ActorId>;
  /** Who is on each team with which role; checks actions against roles. */
  teams: Teams;
}

export type Reply = { ok: true } | { ok: false; error: ErrorReply };

const fail = (code: string, message: string, request?: string): Reply => ({ ok: false, error: { code, message, request } });
const OK: Reply = { ok: true };
const minutes = (m: number) => m * 60_000;
/** After a failed write, a due resolution is tried again this often. */
export const STORAGE_RETRY_MS = 15_000;

export class GameController implements ControlHost {
  /** The control cell's commands: own injects, overrides, clock schedule, rollback, fork. */
  readonly control: ControlCell = new ControlCell(this);
  private cancelDeadline: (() => void) | undefined;
  private cancelRetry: (() => void) | undefined;
  private resolving = false;
  private claimed = new Set<ActorId>();
  /** The tail of this game's queue of changes (see exclusive). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private deps: ControllerDeps,
    public record: GameRecord,
    public state: GameState,
    /** The history points of every turn (small; the latest goes out with each turn's report). */
    public history: HistoryPoint[],
  ) {}

  /**
   * Every resolved turn's unfiltered report, and the history points. The reports are read from
   * the store when a join or a request needs them, not kept: ~30 KB each, they were the largest
   * part of a room's memory by the last turn (~390 KB at turn 11).
   */
  async log(): Promise<{ reports: TurnReport[]; history: HistoryPoint[] }> {
    const history = this.history;
    return { reports: (await this.deps.store.turnLog(this.record.id)).reports, history };
  }

  /** Rebuilds a game from the store: the turn's starting state plus this turn's logged actions. */
  static async load(deps: ControllerDeps, gameId: string): Promise<GameController> {
    const c = new GameController(deps, ...(await GameController.read(deps, gameId)));
    await c.readKept();
    return c;
  }

  private static async read(deps: ControllerDeps, gameId: string): Promise<[GameRecord, GameState, HistoryPoint[]]> {
    const record = await deps.store.getGame(gameId);
    if (!record) throw new Error(`game ${gameId} not in store`);
    const start = await deps.store.turnState(gameId, record.turn);
    if (!start) throw new Error(`game ${gameId} has no state for turn ${record.turn}`);
    const state = replayTurn(deps.engine, deps.rules, start, await deps.store.actions(gameId, record.turn));
    return [record, state, (await deps.store.turnLog(gameId)).history];
  }

  /** What the game keeps in memory between reads: who is seated, and the control cell's decisions. */
  private async readKept(): Promise<void> {
    await this.reloadClaimed();
    await this.control.load();
  }

  /**
   * Runs one change of this game after the ones queued before it (messages, timers, joins), so
   * none reads a state that another is still committing. Never call it from inside a change: it
   * would wait for itself.
   */
  exclusive<T>(change: () => T | Promise<T>): Promise<T> {
    const run = this.queue.then(change, change);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A change started by a timer: queued, and whatever it throws is logged, never left unhandled. */
  private later(what: string, change: () => Promise<unknown>): void {
    this.exclusive(change).catch((e: unknown) => {
      console.error(`game ${this.record.id}: ${what} failed: ${(e as Error).message}`);
      this.deps.events.storageFailed(`${what} failed: ${(e as Error).message}`);
    });
  }

  get rules(): Rules {
    return this.deps.rules;
  }
  get store(): GameStore {
    return this.deps.store;
  }
  get clock(): Clock {
    return this.deps.clock;
  }
  get engine(): EnginePort {
    return this.deps.engine;
  }
  setState(next: GameState): void {
    this.state = next;
  }
  injected(entry: ReportEntry): void {
    this.deps.events.injected(entry);
  }
  changed(): void {
    this.deps.events.changed();
  }

  /** Re-reads the current turn (its start plus its logged actions) and the log, after a rollback. */
  async reload(): Promise<void> {
    [this.record, this.state, this.history] = await GameController.read(this.deps, this.record.id);
    await this.readKept();
    this.deps.events.rewound?.();
  }

  /** A finished game is read-only: viewable (scores, timeline, chat) but nothing changes any more. */
  isOver(): boolean {
    return this.record.status === "over" || this.state.phase === "over";
  }

  get seats(): ActorId[] {
    return this.deps.engine.seatsOf(this.deps.rules);
  }

  /** Seats someone has claimed with a credential (read at load and after every seating change). */
  claimedSeats(): Set<ActorId> {
    return this.claimed;
  }

  private async reloadClaimed(): Promise<void> {
    // The teams hold everyone seated: one read gives both.
    await this.deps.teams.reload();
    this.claimed = new Set(this.deps.teams.people().map((p) => p.seat));
  }

  isBot(seat: ActorId, claimed = this.claimedSeats()): boolean {
    return isBotSeat(this.record, claimed, seat);
  }

  /**
   * Arms the clock and lets the facilitator's bots play; resolves at once if the deadline passed
   * while the server was down, or if every seat a person holds had locked in before a crash cut
   * the resolution short. Empty seats are left alone until the turn resolves.
   */
  start(): Promise<void> {
    return this.exclusive(async () => {
      if (inLobby(this.record)) {
        // A scheduled start that passed while the server was down starts the game now.
        if (this.record.deadline !== null && this.record.deadline <= this.deps.clock.now()) await this.startGame("schedule");
        else this.armDeadline();
        return;
      }
      await this.playBots();
      const { deadline, status } = this.record;
      if (status === "playing" && deadline !== null && deadline <= this.deps.clock.now()) {
        await this.resolveTurn("clock");
        return;
      }
      this.armDeadline();
      await this.maybeResolveNow(true);
    });
  }

  stop(): void {
    this.cancelDeadline?.();
    this.cancelDeadline = undefined;
    this.cancelRetry?.();
    this.cancelRetry = undefined;
  }

  /**
   * A person claimed `seat` (call inside `exclusive`, with the credential stored). Empty seats are
   * only played when a turn resolves, so the seat has no bot orders, proposals or spent capital:
   * the person starts with the full budget.
   */
  async seatClaimed(seat: ActorId): Promise<void> {
    // Held from now on even if the read below fails: a second claim then still needs the team code.
    this.claimed.add(seat);
    await this.reloadClaimed();
    if (startsWhenFull(this.record, this.seats, this.claimedSeats())) await this.startGame("full");
  }

  /**
   * Ends the waiting room: the first turn's clock starts and bots take their seats. Logged as a
   * `facilitate` action {action:"start", by} so the debrief shows who started it and when.
   */
  private async startGame(by: "facilitator" | "schedule" | "full", who = "server"): Promise<Reply> {
    if (!inLobby(this.record)) return fail("request/duplicate", "The game has already started.", "facilitate");
    const now = this.deps.clock.now();
    const update = startUpdate(this.record, now);
    try {
      await this.deps.store.appendAction(this.record.id, { turn: this.state.turn, at: now, kind: "facilitate", seat: null, who, payload: { action: "start", by } }, update);
    } catch (e) {
      if (e instanceof StorageError) return this.storageFailed(e, "facilitate");
      throw e;
    }
    Object.assign(this.record, update);
    await this.playBots();
    this.armDeadline();
    this.deps.events.changed();
    await this.maybeResolveNow();
    return OK;
  }

  /** Applies one validated message from an actor, after the changes queued before it. Never throws on bad input. */
  handle(actor: Actor, msg: ClientMessage): Promise<Reply> {
    return this.exclusive(() => this.handleNow(actor, msg));
  }

  private async handleNow(actor: Actor, msg: ClientMessage): Promise<Reply> {
    const refusal = this.deps.teams.check(actor, msg, actor.seat ? (this.state.orders[actor.seat] ?? []) : []);
    if (msg.type === "chat") {
      if (this.isOver()) return fail("game/over", "The game has ended; its messages are kept but closed.", "chat");
      return refusal ? fail(refusal.code, refusal.message, "chat") : await this.chat(actor, msg.channel, msg.text);
    }
    if (msg.turn !== this.state.turn)
      return fail("turn/stale", `That was for turn ${msg.turn}; the game is on turn ${this.state.turn}.`, msg.type);
    if (msg.type === "facilitate") return await this.facilitate(actor, msg.command);
    if (this.record.status === "over" || this.state.phase === "over") return fail("game/over", "The game has ended.", msg.type);
    if (inLobby(this.record) && !LOBBY_ALLOWED.has(msg.type)) return fail(NOT_STARTED.code, NOT_STARTED.message, msg.type);
    if (refusal && actor.role === "player") return fail(refusal.code, refusal.message, msg.type);
    if (actor.role !== "player" || !actor.seat)
      return fail("role/not_player", "Only a player holding a seat can do that.", msg.type);
    const seat = actor.seat;
    const { engine, rules } = this.deps;
    try {
      switch (msg.type) {
        case "orders": {
          if (JSON.stringify(this.state.orders[seat] ?? []) === JSON.stringify(msg.orders))
            return fail("request/duplicate", "These orders are already submitted.", msg.type);
          const r = engine.submitOrders(rules, this.state, seat, msg.orders as Order[]);
          if (!r.ok) return fail(r.error.code, r.error.message, msg.type);
          await this.commit(actor, "orders", { orders: msg.orders }, r.value);
          return await this.after();
        }
        case "lock": {
          if (Boolean(this.state.locked[seat]) === msg.locked)
            return fail("request/duplicate", msg.locked ? "Already locked in." : "Not locked in.", msg.type);
          const r = engine.setLocked(rules, this.state, seat, msg.locked);
          if (!r.ok) return fail(r.error.code, r.error.message, msg.type);
          await this.commit(actor, "lock", { locked: msg.locked }, r.value);
          return await this.after();
        }
        case "propose": {
          const r = engine.propose(rules, this.state, seat, msg.order as Order);
          if (!r.ok) return fail(r.error.code, r.error.message, msg.type);
          await this.commit(actor, "propose", { order: msg.order }, r.value.state);
          // Bot seats (the facilitator's and empty seats under the "bot" policy) answer at once,
          // each with a one-line reason sent to the proposer.
          await this.botsAnswer(r.value.proposal, (s) => this.isBot(s));
          return await this.after();
        }
        case "answer": {
          const r = engine.answerProposal(rules, this.state, seat, msg.proposal, msg.answer);
          if (!r.ok) return fail(r.error.code, r.error.message, msg.type);
          await this.commit(actor, "answer", { proposal: msg.proposal, answer: msg.answer }, r.value);
          return await this.after();
        }
        case "choose": {
          const r = engine.chooseOption(rules, this.state, seat, msg.pending, msg.option);
          if (!r.ok) return fail(r.error.code, r.error.message, msg.type);
          await this.commit(actor, "choose", { pending: msg.pending, option: msg.option }, r.value);
          return await this.after();
        }
        default: {
          const never: never = msg;
          return fail("message/unknown_type", `Unknown message ${String((never as { type: unknown }).type)}.`);
        }
      }
    } catch (e) {
      if (e instanceof StorageError) return this.storageFailed(e, msg.type);
      // An engine bug on one message must not take the room down; nothing was committed.
      return fail("server/engine_error", (e as Error).message, msg.type);
    }
  }

  /**
   * Resolves when every connected human seat has locked in (bots lock as they play). Right after
   * a restore nobody is connected yet: then the turn resolves if every seat a person holds had
   * locked in (the resolution the crash cut short).
   */
  maybeResolve(afterRestore = false): Promise<void> {
    return this.exclusive(() => this.maybeResolveNow(afterRestore));
  }

  private async maybeResolveNow(afterRestore = false): Promise<void> {
    if (this.record.status !== "playing" || this.state.phase === "over") return;
    let humans: ReadonlySet<ActorId> = this.deps.connectedHumanSeats();
    if (humans.size === 0 && afterRestore) humans = new Set([...this.claimedSeats()].filter((s) => !this.isBot(s)));
    if (humans.size === 0) return;
    for (const seat of humans) if (!this.state.locked[seat]) return;
    await this.resolveTurn("locked");
  }

  /**
   * Resolves the current turn now; missing orders follow the game's policy. Returns a storage
   * error when the database refused the result: the turn then stays as it was and is tried
   * again in STORAGE_RETRY_MS.
   */
  private async resolveTurn(reason: "locked" | "clock" | "facilitator"): Promise<Reply> {
    if (this.resolving || this.state.phase === "over") return OK;
    this.resolving = true;
    try {
      return await this.resolveNow(reason);
    } catch (e) {
      if (!(e instanceof StorageError)) throw e;
      this.retryLater(reason);
      return this.storageFailed(e, "resolve");
    } finally {
      this.resolving = false;
    }
  }

  private async resolveNow(reason: "locked" | "clock" | "facilitator"): Promise<Reply> {
    {
      await this.fillMissingSeats();
      const { engine, rules, store, clock } = this.deps;
      let result: { state: GameState; report: TurnReport };
      try {
        result = engine.resolveTurn(rules, this.state);
      } catch (e) {
        await this.suspend((e as Error).message);
        return OK;
      }
      const now = clock.now();
      const over = result.state.phase === "over";
      const turnMs = this.record.options.turnMinutes > 0 ? minutes(this.record.options.turnMinutes) : null;
      const update: GameUpdate = over
        ? { status: "over", deadline: null, remainingMs: null, paused: false }
        : this.record.paused
          ? { deadline: null, remainingMs: turnMs }
          : { deadline: turnMs === null ? null : now + turnMs, remainingMs: null };
      const point = engine.historyPoint(rules, result.state);
      await store.commitTurn(this.record.id, result.state, { report: result.report, point }, update, now, { turn: result.report.turn, reason });
      this.cancelRetry?.();
      this.cancelRetry = undefined;
      Object.assign(this.record, update, { turn: result.state.turn });
      this.state = result.state;
      this.history.push(point);
      this.deps.events.resolved(result.report);
      // The resolved turn goes out now; what the new turn starts with (scheduled injects, bot
      // moves) follows as it is committed.
      this.deps.events.changed();
      if (!over) {
        await this.control.turnStarted();
        await this.playBots();
      }
      this.armDeadline();
      this.deps.events.changed();
      return OK;
    }
  }

  /** The database refused a write: nothing of it is kept; the sender and the facilitator are told. */
  private storageFailed(e: StorageError, request?: string): Reply {
    // PostgreSQL's connection errors (class 08, operator intervention 57: a restart, a failover) pass;
    // a full or read-only disk does not.
    const interrupted = /^PG_(08|57|E[A-Z]+$|ERROR$|TIMEOUT$)/.test(e.sqliteCode);
    const message = interrupted
      ? `The game's database connection was interrupted (${e.sqliteCode}); nothing was saved. Try again in a moment; tell the host if it goes on.`
      : `The game's database refused the change (${e.sqliteCode}); nothing was saved. Tell the host: the server's disk may be full or read-only.`;
    this.deps.events.storageFailed(message);
    return fail("server/storage_error", message, request);
  }

  /** A due resolution that could not be stored is tried again later (the clock already fired). */
  private retryLater(reason: "locked" | "clock" | "facilitator"): void {
    if (this.cancelRetry) return;
    this.cancelRetry = this.deps.clock.at(this.deps.clock.now() + STORAGE_RETRY_MS, () => {
      this.cancelRetry = undefined;
      this.later("The retried resolution", async () => {
        if (this.record.status !== "playing") return;
        if (reason === "locked") await this.maybeResolveNow(true);
        else await this.resolveTurn(reason);
      });
    });
  }

  private async facilitate(actor: Actor, cmd: FacilitatorAction): Promise<Reply> {
    if (actor.role !== "facilitator") return fail("role/not_facilitator", "Only the facilitator can do that.", "facilitate");
    try {
      return await this.facilitateNow(actor, cmd);
    } catch (e) {
      if (e instanceof StorageError) return this.storageFailed(e, "facilitate");
      throw e;
    }
  }

  private async facilitateNow(actor: Actor, cmd: FacilitatorAction): Promise<Reply> {
    const now = this.deps.clock.now();
    const log = (update?: GameUpdate) =>
      this.deps.store.appendAction(this.record.id, { turn: this.state.turn, at: now, kind: "facilitate", seat: null, who: actor.name, payload: cmd }, update);
    if (cmd.action === "start") return await this.startGame("facilitator", actor.name);
    if (cmd.action === "schedule-start") {
      if (!inLobby(this.record)) return fail("request/duplicate", "The game has already started.", "facilitate");
      if (cmd.at !== null && cmd.at <= now) return fail("clock/in_past", "Pick a start time in the future.", "facilitate");
      const update: GameUpdate = { deadline: cmd.at };
      await log(update);
      Object.assign(this.record, update);
      this.armDeadline();
      this.deps.events.changed();
      return OK;
    }
    if (cmd.action === "assign" || cmd.action === "remove") return await this.seat(actor, cmd, now);
    // In the waiting room only seating (bots, kept seats) makes sense; the clock and the world wait for Start.
    if (inLobby(this.record) && cmd.action !== "bot" && cmd.action !== "keep") return fail(NOT_STARTED.code, "The game has not started yet: press Start first.", "facilitate");
    switch (cmd.action) {
      case "pause": {
        if (this.record.paused) return fail("request/duplicate", "The game is already paused.", "facilitate");
        const remainingMs = this.record.deadline === null ? null : Math.max(0, this.record.deadline - now);
        const update: GameUpdate = { paused: true, deadline: null, remainingMs, status: this.record.status === "playing" ? "paused" : this.record.status };
        await log(update);
        Object.assign(this.record, update);
        this.armDeadline();
        this.deps.events.changed();
        return OK;
      }
      case "resume": {
        if (!this.record.paused && this.record.status !== "suspended")
          return fail("request/duplicate", "The game is not paused.", "facilitate");
        const deadline = this.record.remainingMs === null ? null : now + this.record.remainingMs;
        const update: GameUpdate = { paused: false, deadline, remainingMs: null, status: this.record.status === "over" ? "over" : "playing" };
        await log(update);
        Object.assign(this.record, update);
        this.armDeadline();
        this.deps.events.changed();
        await this.maybeResolveNow();
        return OK;
      }
      case "extend": {
        const add = minutes(cmd.minutes);
        const update: GameUpdate = this.record.paused || this.record.status === "suspended"
          ? { remainingMs: (this.record.remainingMs ?? 0) + add }
          : { deadline: (this.record.deadline ?? now) + add };
        await log(update);
        Object.assign(this.record, update);
        this.armDeadline();
        this.deps.events.changed();
        return OK;
      }
      case "resolve": {
        if (this.state.phase === "over") return fail("game/over", "The game has ended.", "facilitate");
        await log();
        return await this.resolveTurn("facilitator");
      }
      case "bot": {
        if (!this.seats.includes(cmd.seat)) return fail("seat/unknown", `No seat ${cmd.seat}.`, "facilitate");
        // A kept seat's bot cannot be switched off: nobody could take the seat over.
        if (!cmd.on && isKept(this.record, cmd.seat)) return fail("seat/kept_for_bot", KEPT_WORDS.releaseFirst(this.seatName(cmd.seat)), "facilitate");
        const bots = { ...this.record.bots, [cmd.seat]: cmd.on };
        await log({ bots });
        this.record.bots = bots;
        if (cmd.on) await this.playBots();
        else await this.unlockForPerson(cmd.seat);
        this.deps.events.changed();
        await this.maybeResolveNow();
        return OK;
      }
      case "keep":
        return await this.keep(cmd.seat, cmd.on, log);
      default:
        try {
          return await this.control.handle(actor, cmd);
        } catch (e) {
          if (e instanceof StorageError) throw e;
          return fail("server/engine_error", (e as Error).message, "facilitate");
        }
    }
  }

  /**
   * Keeps a seat for a bot, or releases it. A seat with people is not kept: the facilitator moves
   * or removes them first, so nobody loses a seat without being told where they went. A kept seat's
   * bot plays at once (and at every turn start); a released one is unlocked, its bot's orders left as
   * a suggestion for whoever takes it, and follows the game's policy for empty seats from then on.
   */
  private async keep(seat: ActorId, on: boolean, log: (update?: GameUpdate) => Promise<number>): Promise<Reply> {
    if (!this.seats.includes(seat)) return fail("seat/unknown", `No seat ${seat}.`, "facilitate");
    const name = this.seatName(seat);
    if (isKept(this.record, seat) === on) return fail("request/duplicate", on ? `${name} is already kept for a bot.` : `${name} is not kept for a bot.`, "facilitate");
    const people = this.deps.teams.people().filter((p) => p.seat === seat);
    if (on && people.length > 0) return fail("seat/has_people", KEPT_WORDS.hasPeople(name, people.map((p) => p.name)), "facilitate");
    const kept = on ? this.seats.filter((s) => s === seat || isKept(this.record, s)) : this.record.kept.filter((s) => s !== seat);
    await log({ kept });
    this.record.kept = kept;
    if (on) await this.playBots();
    else await this.unlockForPerson(seat);
    this.deps.events.changed();
    await this.maybeResolveNow();
    return OK;
  }

  private seatName(seat: ActorId): string {
    return this.deps.rules.scenario.actors[seat]?.name ?? seat;
  }

  /** A claim whose connection closed before it was told its credential: the person goes again (logged). */
  withdrawClaim(person: number, name: string, seat: ActorId): Promise<void> {
    return this.exclusive(() =>
      this.removePerson(person, { turn: this.state.turn, at: this.deps.clock.now(), kind: "facilitate", seat, who: "server", payload: { action: "remove", person, name, from: seat, reason: "left while joining" } }),
    );
  }

  /**
   * Claims of `seat` whose holders never got their credential (the process died, or the
   * connection was lost, between storing the claim and the welcome arriving) and that are at
   * least `graceMs` old and not in use: withdrawn (logged), so the seat does not stay held by
   * nobody. Returns how many.
   */
  releaseUndelivered(seat: ActorId, graceMs: number, inUse: (person: number) => boolean): Promise<number> {
    return this.exclusive(async () => {
      const now = this.deps.clock.now();
      const ghosts = this.deps.teams.people().filter((p) => p.seat === seat && !p.delivered && now - p.claimedAt >= graceMs && !inUse(p.id));
      for (const p of ghosts)
        await this.removePerson(p.id, { turn: this.state.turn, at: now, kind: "facilitate", seat, who: "server", payload: { action: "remove", person: p.id, name: p.name, from: seat, reason: "never received their credential" } });
      return ghosts.length;
    });
  }

  /** A seat claim's credential reached its holder: the claim is kept from then on. */
  async credentialDelivered(person: number): Promise<void> {
    const p = this.deps.teams.people().find((x) => x.id === person);
    if (!p || p.delivered) return;
    await this.deps.store.markDelivered(this.record.id, person);
    await this.deps.teams.reload();
  }

  /**
   * A player leaves their team for good (the client's Leave): their credential goes, logged like
   * a removal but by them, so the seat is free again (a bot's, under the bot policy) once nobody
   * is left on it. The store's credentials are the teams, so a restart keeps the leave.
   */
  leaveSeat(actor: Actor): Promise<Reply> {
    return this.exclusive(async () => {
      const person = this.deps.teams.people().find((p) => p.id === actor.person);
      if (actor.role !== "player" || !person) return fail("role/not_player", "Only a player on a team can leave it.", "leave-seat");
      try {
        const payload = { action: "leave", person: person.id, name: person.name, from: person.seat };
        // The leaver's own connection is closed by the room after the reply, not as a removal.
        await this.removePerson(person.id, { turn: this.state.turn, at: this.deps.clock.now(), kind: "facilitate", seat: person.seat, who: person.name, payload }, false);
      } catch (e) {
        if (e instanceof StorageError) return this.storageFailed(e, "leave-seat");
        throw e;
      }
      return OK;
    });
  }

  /**
   * Before a new person of `name` is stored on `seat` (inside `exclusive`): an earlier holder of
   * the same name on that team who is not connected is the same person back (a lost credential,
   * another device), so their old place goes (logged) rather than the team reading "Ben, Ben".
   */
  async replaceNamesake(seat: ActorId, name: string, inUse: (person: number) => boolean): Promise<void> {
    const key = name.trim().toLowerCase();
    // "Player" is the start screen's stand-in for no name: two of them are not known to be one person.
    if (key === "player") return;
    const old = this.deps.teams.people().filter((p) => p.seat === seat && p.name.trim().toLowerCase() === key && !inUse(p.id));
    for (const p of old)
      await this.removePerson(p.id, { turn: this.state.turn, at: this.deps.clock.now(), kind: "facilitate", seat, who: "server", payload: { action: "remove", person: p.id, name: p.name, from: seat, reason: "came back under the same name" } });
  }

  /** Takes a person off their seat (logged): they are told, and the turn may now be complete. */
  private async removePerson(person: number, log: Omit<ActionRecord, "id">, tell = true): Promise<void> {
    await this.deps.store.removePerson(this.record.id, person, log);
    await this.reloadClaimed();
    if (tell) this.deps.events.seated?.(person, null);
    this.deps.events.changed();
    await this.maybeResolveNow();
  }

  /** The facilitator moves a person to another seat or role, or removes them; logged with who and when. */
  private async seat(actor: Actor, cmd: Extract<FacilitatorAction, { action: "assign" | "remove" }>, now: number): Promise<Reply> {
    const teams = this.deps.teams;
    const person = teams.people().find((p) => p.id === cmd.person);
    if (!person) return fail("seat/unknown_person", `No person ${cmd.person} holds a seat in this game.`, "facilitate");
    const log = { turn: this.state.turn, at: now, kind: "facilitate", seat: person.seat, who: actor.name, payload: { ...cmd, name: person.name, from: person.seat } };
    if (cmd.action === "remove") {
      await this.removePerson(person.id, log);
      return OK;
    }
    const seat = cmd.seat ?? person.seat;
    if (!this.seats.includes(seat)) return fail("seat/unknown", `No seat ${seat}.`, "facilitate");
    if (seat !== person.seat && isKept(this.record, seat)) return fail("seat/kept_for_bot", KEPT_WORDS.releaseFirst(this.seatName(seat)), "facilitate");
    if (cmd.role !== undefined && !teams.isRole(cmd.role)) return fail("role/unknown", `No role ${cmd.role} in this scenario.`, "facilitate");
    const teamRole = cmd.role ?? (seat === person.seat ? teams.roleOf(person) : teams.newcomerRole(seat));
    await this.deps.store.updatePerson(this.record.id, person.id, { seat, teamRole }, log);
    await this.reloadClaimed();
    this.deps.events.seated?.(person.id, { seat, teamRole });
    this.deps.events.changed();
    return OK;
  }

  private async chat(actor: Actor, channel: ClientMessage & { type: "chat" } extends { channel: infer C } ? C : never, text: string): Promise<Reply> {
    const checked = normaliseChannel(channel, actor, this.seats);
    if (!checked.ok) return fail(checked.code, checked.message, "chat");
    const at = this.deps.clock.now();
    const from = actor.role === "facilitator" ? "facilitator" : (actor.seat as ActorId);
    const draft = { turn: this.state.turn, from, author: actor.name, channel: checked.channel, text, at };
    let id: number;
    try {
      id = await this.deps.store.appendAction(this.record.id, { turn: this.state.turn, at, kind: "chat", seat: actor.seat, who: actor.name, payload: draft });
    } catch (e) {
      if (e instanceof StorageError) return this.storageFailed(e, "chat");
      throw e;
    }
    this.deps.events.chat({ id: `c${id}`, ...draft });
    return OK;
  }

  /**
   * After an action is committed: resolves the turn if that was the last lock-in, then sends the
   * change. The lock and the resolved turn then go out as one patch: with PostgreSQL the turn's
   * commit takes longer than an event-loop turn, and the lock-in alone went out first.
   */
  private async after(): Promise<Reply> {
    try {
      await this.maybeResolveNow();
    } finally {
      // The action is committed whatever the resolution did: it goes out either way.
      this.deps.events.changed();
    }
    return OK;
  }

  private commit(actor: Actor, kind: string, payload: unknown, next: GameState): Promise<void> {
    return this.commitAs(actor.seat, actor.name, kind, payload, next);
  }

  private async commitAs(seat: ActorId | null, who: string, kind: string, payload: unknown, next: GameState): Promise<void> {
    await this.deps.store.appendAction(this.record.id, { turn: this.state.turn, at: this.deps.clock.now(), kind, seat, who, payload });
    this.state = next;
  }

  /**
   * Turn start (or a bot switched on, or a restart): every seat the facilitator put on a bot and
   * that has not locked in plays now. Empty seats' bots keep their orders for the resolution (a
   * person who claims the seat starts without them) but put their offers to people now, so the
   * people can answer during the turn; a person who claims such a seat inherits them.
   */
  private async playBots(): Promise<void> {
    if (this.state.phase === "over" || this.record.status === "over" || inLobby(this.record)) return;
    for (const seat of this.seats) if (playsAtTurnStart(this.record, seat) && !this.state.locked[seat]) await this.botPlay(seat, "bot");
    const claimed = this.claimedSeats();
    const isHuman = (s: ActorId) => claimed.has(s) && !this.isBot(s, claimed);
    const { engine, rules } = this.deps;
    for (const seat of this.seats) {
      if (!this.isBot(seat, claimed) || playsAtTurnStart(this.record, seat) || this.state.locked[seat]) continue;
      if (this.state.proposals.some((p) => p.from === seat && p.turn === this.state.turn)) continue;
      const plan = engine.botPlan(rules, this.state, seat, { level: botLevelOf(this.record), reasons: false });
      for (const order of botOffers(rules, plan, isHuman)) {
        const r = engine.propose(rules, this.state, seat, order);
        if (!r.ok) continue;
        try {
          await this.commitAs(seat, "bot", "propose", { order }, r.value.state);
        } catch (e) {
          if (e instanceof StorageError) return;
          throw e;
        }
        // Other bot seats answer it too (a draft's bot voters, a deal between two bots' partners).
        await this.botsAnswer(r.value.proposal, (s) => this.isBot(s, claimed));
      }
    }
  }

  /** The facilitator took a seat off its bot: the bot's orders stay as a suggestion, unlocked, so the turn waits for the person. */
  private async unlockForPerson(seat: ActorId): Promise<void> {
    if (!this.state.locked[seat] || this.state.phase === "over") return;
    const r = this.deps.engine.setLocked(this.deps.rules, this.state, seat, false);
    if (r.ok) await this.commitAs(seat, "server", "lock", { locked: false }, r.value);
  }

  /**
   * Bot seats among a proposal's addressees answer it (each answer is logged, so a replay repeats
   * it); a person's proposal also gets each bot's reason as a private message from that seat.
   */
  private async botsAnswer(proposal: Proposal, isBot: (seat: ActorId) => boolean): Promise<void> {
    const { engine, rules } = this.deps;
    const fromPerson = !isBot(proposal.from);
    for (const a of botAnswers(engine, rules, this.state, proposal, isBot, botLevelOf(this.record))) {
      const ans = engine.answerProposal(rules, this.state, a.seat, proposal.id, a.answer);
      if (!ans.ok) continue;
      try {
        await this.commitAs(a.seat, "bot", "answer", { proposal: proposal.id, answer: a.answer }, ans.value);
        if (fromPerson && a.reason) await this.botSays(a.seat, proposal.from, a.reason);
      } catch (e) {
        // The person's proposal is stored; a bot answer that cannot be is simply not given.
        if (e instanceof StorageError) return;
        throw e;
      }
    }
  }

  /** A bot seat writes to a person's seat in their private conversation (stored like any chat). */
  private async botSays(seat: ActorId, to: ActorId, text: string): Promise<void> {
    const at = this.deps.clock.now();
    // The client writes "<country> (<author>)": "South Korea (bot)".
    const draft = { turn: this.state.turn, from: seat, author: "bot", channel: [seat, to].sort(), text, at };
    const id = await this.deps.store.appendAction(this.record.id, { turn: this.state.turn, at, kind: "chat", seat, who: "bot", payload: draft });
    this.deps.events.chat({ id: `c${id}`, ...draft });
  }

  private async botPlay(seat: ActorId, who: string): Promise<void> {
    try {
      const { engine, rules } = this.deps;
      // The plan is logged with the action, so a replay applies the same decisions without
      // thinking again (and a strong bot's look-ahead runs once).
      let plan = engine.botPlan(rules, this.state, seat, { level: botLevelOf(this.record), reasons: false });
      if (who === "missing") {
        // The turn is resolving: a deal put to a person, or a draft a person votes on, could never
        // be answered, and would be "turned down" (or abstained on) in their name.
        const claimed = this.claimedSeats();
        const unanswerable = new Set(botOffers(rules, plan, (s) => claimed.has(s) && !this.isBot(s, claimed)));
        if (unanswerable.size > 0) plan = { ...plan, proposals: plan.proposals.filter((o) => !unanswerable.has(o)) };
      }
      const next = engine.applyBotPlan(rules, this.state, seat, plan);
      await this.commitAs(seat, who, "bot-play", { plan }, next);
    } catch (e) {
      // At resolution a bot move that cannot be stored stops the resolution (tried again later).
      if (e instanceof StorageError && who === "missing") throw e;
      // A bot that cannot move leaves the seat holding; the turn still resolves.
      console.warn(`game ${this.record.id}: bot for ${seat} failed: ${(e as Error).message}`);
    }
  }

  /**
   * At resolution: empty or silent seats without orders get a bot under the "bot" policy, or
   * hold. A filled seat's bot answers what was put to it; then offers the filling bots made to
   * one another (or to the facilitator's bots) are answered too, so bot-to-bot deals and council
   * drafts get their votes whatever order the seats played in.
   */
  private async fillMissingSeats(): Promise<void> {
    const filled = new Set<ActorId>();
    for (const seat of this.seats) {
      if (!fillsAtResolution(this.record, seat)) continue;
      if (this.state.locked[seat] || (this.state.orders[seat]?.length ?? 0) > 0) continue;
      await this.botPlay(seat, "missing");
      filled.add(seat);
    }
    if (filled.size === 0) return;
    const isBot = (seat: ActorId) => filled.has(seat) || playsAtTurnStart(this.record, seat);
    for (const proposal of [...this.state.proposals]) {
      if (proposal.turn === this.state.turn && proposal.to.some((s) => isBot(s) && proposal.answers[s] === undefined)) await this.botsAnswer(proposal, isBot);
    }
  }

  private async suspend(message: string): Promise<void> {
    const now = this.deps.clock.now();
    const remainingMs = this.record.deadline === null ? this.record.remainingMs : Math.max(0, this.record.deadline - now);
    const update: GameUpdate = { status: "suspended", deadline: null, remainingMs };
    // If even the suspension cannot be stored, the StorageError reaches resolve(): tried again later.
    await this.deps.store.appendAction(this.record.id, { turn: this.state.turn, at: now, kind: "suspended", seat: null, who: "server", payload: { message } }, update);
    Object.assign(this.record, update);
    this.armDeadline();
    this.deps.events.suspended(message);
    this.deps.events.changed();
  }

  armDeadline(): void {
    this.stop();
    const deadline = this.record.deadline;
    if (inLobby(this.record)) {
      if (deadline === null) return;
      this.cancelDeadline = this.deps.clock.at(deadline, () => {
        this.cancelDeadline = undefined;
        this.later("The scheduled start", async () => {
          if (inLobby(this.record) && this.record.deadline === deadline) await this.startGame("schedule");
        });
      });
      return;
    }
    if (deadline === null || this.record.status !== "playing") return;
    this.cancelDeadline = this.deps.clock.at(deadline, () => {
      this.cancelDeadline = undefined;
      // A timer must never take the process down; the facilitator hears of a failure.
      this.later("Resolution by the clock", async () => {
        if (this.record.status === "playing" && this.record.deadline === deadline) await this.resolveTurn("clock");
      });
    });
  }
}
