// The control cell's commands beyond the basic clock: its own injects (now or at a turn),
// adjudication overrides, a shorter clock, wall-clock deadlines and a schedule of rounds, rolling
// back the last resolution, and forking a what-if copy. Every command is logged with who and when
// (kinds in docs/server.md); the engine changes (inject, override) are engine calls the replay
// repeats, and rollback and fork are store operations on the log.
import { rulingHeadline, rulingWithdrawn, subjectLabel, type CustomInject } from "../../shared/engine/index.ts";
import type { ActorId, GameState, ReportEntry } from "../../shared/engine/index.ts";
import type { FacilitatorAction, ForkReply, ScheduledInject, SeatCredential } from "../../shared/protocol.ts";
import type { Rules } from "../../shared/engine/index.ts";
import type { Clock } from "../clock.ts";
import { newGameId, newJoinCode, newToken } from "../ids.ts";
import type { ActionRecord, GameRecord, GameStore, GameUpdate } from "../store/game-store.ts";
import type { Actor } from "./actor.ts";
import type { EnginePort } from "./engine-port.ts";

export type ControlReply = { ok: true } | { ok: false; error: { code: string; message: string; request?: string } };
const fail = (code: string, message: string): ControlReply => ({ ok: false, error: { code, message, request: "facilitate" } });
const OK: ControlReply = { ok: true };

/** What the control cell needs of the game it controls (the controller). */
export interface ControlHost {
  record: GameRecord;
  state: GameState;
  readonly rules: Rules;
  readonly store: GameStore;
  readonly clock: Clock;
  readonly engine: EnginePort;
  readonly seats: ActorId[];
  isBot(seat: ActorId): boolean;
  /** Replaces the engine state after a logged engine call. */
  setState(next: GameState): void;
  /** Re-reads the turn's state, the log and this cell's decisions from the store (after a rollback). */
  reload(): Promise<void>;
  armDeadline(): void;
  injected(entry: ReportEntry): void;
  changed(): void;
}

/** Commands handled here. */
export type ControlCommand = Extract<
  FacilitatorAction,
  { action: "custom" | "override" | "ruling" | "end-after" | "cancel-inject" | "shorten" | "deadline" | "rounds" | "rollback" | "inject" | "scoreboard" }
>;

const minutes = (m: number) => m * 60_000;

export class ControlCell {
  private showScores = false;
  /**
   * The scheduled injects not fired or cancelled, oldest first (their log actions). Read from the
   * store when the game loads and after a rollback, and kept up to date by the commands here,
   * since every view refresh asks for them.
   */
  private pendingInjects: ActionRecord[] = [];
  /** The latest schedule of rounds (a deadline per turn), if the facilitator set one. */
  private rounds: { turn: number; at: number }[] = [];

  constructor(private host: ControlHost) {}

  /** Reads what the commands so far decided: the scoreboard switch and the pending scheduled injects. */
  async load(): Promise<void> {
    const h = this.host;
    const facilitate = await h.store.actionsOfKind(h.record.id, "facilitate");
    const done = new Set<number | undefined>((await h.store.actionsOfKind(h.record.id, "inject")).map((a) => (a.payload as { scheduled?: number }).scheduled));
    for (const a of facilitate) {
      const p = a.payload as { action?: string; id?: number };
      if (p.action === "cancel-inject") done.add(p.id);
    }
    this.pendingInjects = facilitate.filter((a) => (a.payload as { action?: string }).action === "schedule-inject" && !done.has(a.id));
    const last = facilitate.filter((a) => (a.payload as { action?: string }).action === "scoreboard").at(-1);
    this.showScores = Boolean((last?.payload as { show?: boolean } | undefined)?.show);
    const rounds = facilitate.filter((a) => (a.payload as { action?: string }).action === "rounds").at(-1);
    this.rounds = (rounds?.payload as { rounds?: { turn: number; at: number }[] } | undefined)?.rounds ?? [];
  }

  /** Whether the projector shows the scoreboard (the latest "scoreboard" command; hidden by default). */
  scoreboard(): boolean {
    return this.showScores;
  }

  private log(actor: Actor | null, kind: string, payload: unknown, update?: GameUpdate): Promise<number> {
    const h = this.host;
    return h.store.appendAction(h.record.id, { turn: h.state.turn, at: h.clock.now(), kind, seat: null, who: actor?.name ?? "server", payload }, update);
  }

  /** Logs a clock command with its change to the game in one commit, then applies the change. */
  private async setClock(actor: Actor, cmd: ControlCommand, update: GameUpdate): Promise<ControlReply> {
    const h = this.host;
    await this.log(actor, "facilitate", cmd, Object.keys(update).length ? update : undefined);
    Object.assign(h.record, update);
    if (Object.keys(update).length) h.armDeadline();
    h.changed();
    return OK;
  }

  /** A new id for a custom inject's report entry, unique in the game. */
  private async injectId(): Promise<string> {
    const { store, record } = this.host;
    return `control-${this.host.state.turn}-${(await store.countOfKind(record.id, "inject")) + (await store.countOfKind(record.id, "override")) + 1}`;
  }

  async handle(actor: Actor, cmd: ControlCommand): Promise<ControlReply> {
    const h = this.host;
    const now = h.clock.now();
    switch (cmd.action) {
      case "inject":
      case "custom": {
        if (h.state.phase === "over") return fail("game/over", "The game has ended.");
        if (cmd.turn !== undefined && cmd.turn > h.state.turn) {
          const payload = { ...cmd, action: "schedule-inject", what: cmd.action };
          const at = h.clock.now();
          const id = await this.log(actor, "facilitate", payload);
          this.pendingInjects = [...this.pendingInjects, { id, turn: h.state.turn, at, kind: "facilitate", seat: null, who: actor.name, payload }];
          h.changed();
          return OK;
        }
        if (cmd.turn !== undefined && cmd.turn < h.state.turn) return fail("clock/in_past", `Turn ${cmd.turn} is over; schedule for turn ${h.state.turn} or later.`);
        return await this.fire(actor, cmd);
      }
      case "override": {
        if (h.state.phase === "over") return fail("game/over", "The game has ended.");
        const custom: CustomInject = { kind: "override", id: await this.injectId(), headline: `Control rules: ${subjectLabel(h.rules.scenario, cmd.subject)} set to ${cmd.to}`, changes: [{ subject: cmd.subject, to: cmd.to }], reason: cmd.reason };
        const r = h.engine.applyControl(h.rules, h.state, custom);
        if (!r.ok) return fail(r.error.code, r.error.message);
        await this.log(actor, "override", { custom, subject: cmd.subject, to: cmd.to, reason: cmd.reason });
        h.setState(r.value.state);
        h.injected(r.value.entry);
        h.changed();
        return OK;
      }
      case "ruling": {
        const p = h.state.proposals.find((x) => x.id === cmd.proposal);
        const r = h.engine.ruleOutcome(h.rules, h.state, cmd.proposal, cmd.outcome, cmd.reason);
        if (!r.ok || !p) return fail(r.ok ? "proposal/unknown" : r.error.code, r.ok ? `There is no proposal '${cmd.proposal}' this turn.` : r.error.message);
        // The words of the ruling travel with it, so the log reads the same after the proposal is gone.
        const headline = cmd.outcome ? rulingHeadline(h.rules.scenario, p, cmd.outcome) : rulingWithdrawn(h.rules.scenario, p);
        await this.log(actor, "ruling", { proposal: cmd.proposal, outcome: cmd.outcome, reason: cmd.reason, headline });
        h.setState(r.value);
        h.changed();
        return OK;
      }
      case "end-after": {
        const r = h.engine.endAfter(h.rules, h.state, cmd.turn);
        if (!r.ok) return fail(r.error.code, r.error.message);
        await this.log(actor, "end-after", { turn: cmd.turn });
        h.setState(r.value);
        h.changed();
        return OK;
      }
      case "cancel-inject": {
        const a = this.scheduled().find((x) => x.id === cmd.id);
        if (!a) return fail("control/no_such_inject", "That inject has already fired or been cancelled.");
        await this.log(actor, "facilitate", { ...cmd, headline: scheduledOf(h.rules, a).headline, turn: scheduledOf(h.rules, a).turn });
        this.pendingInjects = this.pendingInjects.filter((x) => x.id !== a.id);
        h.changed();
        return OK;
      }
      case "shorten": {
        const by = minutes(cmd.minutes);
        const update: GameUpdate =
          h.record.paused || h.record.status === "suspended"
            ? { remainingMs: Math.max(0, (h.record.remainingMs ?? 0) - by) }
            : h.record.deadline === null
              ? {}
              : { deadline: Math.max(now, h.record.deadline - by) };
        if (Object.keys(update).length === 0) return fail("clock/none", "This turn has no clock to shorten: set a deadline instead.");
        return await this.setClock(actor, cmd, update);
      }
      case "deadline": {
        if (cmd.at <= now) return fail("clock/in_past", "Pick a deadline in the future.");
        return await this.setClock(actor, cmd, h.record.paused ? { remainingMs: cmd.at - now } : { deadline: cmd.at });
      }
      case "rounds": {
        if (cmd.rounds.some((r) => r.at <= now)) return fail("clock/in_past", "Every round's deadline must be in the future.");
        // The current turn's round applies at once (in the same commit as the schedule); later
        // ones when their turn starts.
        const current = cmd.rounds.find((r) => r.turn === h.state.turn);
        const reply = await this.setClock(actor, cmd, current && !h.record.paused ? { deadline: current.at } : {});
        this.rounds = cmd.rounds;
        return reply;
      }
      case "rollback":
        return await this.rollback(actor, cmd.reason);
      case "scoreboard":
        await this.log(actor, "facilitate", cmd);
        this.showScores = cmd.show;
        h.changed();
        return OK;
    }
  }

  /** Fires a scenario event or a custom inject now; logged as kind "inject" (replayed). */
  private async fire(actor: Actor | null, cmd: Extract<ControlCommand, { action: "inject" | "custom" }>, scheduled?: number): Promise<ControlReply> {
    const h = this.host;
    if (cmd.action === "inject") {
      const r = h.engine.injectEvent(h.rules, h.state, cmd.event, cmd.seat);
      if (!r.ok) return fail(r.error.code, r.error.message);
      await h.store.appendAction(h.record.id, { turn: h.state.turn, at: h.clock.now(), kind: "inject", seat: cmd.seat ?? null, who: actor?.name ?? "server", payload: { event: cmd.event, seat: cmd.seat, ...(scheduled ? { scheduled } : {}) } });
      if (scheduled) this.pendingInjects = this.pendingInjects.filter((x) => x.id !== scheduled);
      h.setState(r.value.state);
      h.injected(r.value.entry);
      h.changed();
      return OK;
    }
    const custom: CustomInject = { kind: "inject", id: await this.injectId(), headline: cmd.headline, ...(cmd.text ? { text: cmd.text } : {}), changes: cmd.changes };
    const r = h.engine.applyControl(h.rules, h.state, custom);
    if (!r.ok) return fail(r.error.code, r.error.message);
    await this.log(actor, "inject", { custom, ...(scheduled ? { scheduled } : {}) });
    if (scheduled) this.pendingInjects = this.pendingInjects.filter((x) => x.id !== scheduled);
    h.setState(r.value.state);
    h.injected(r.value.entry);
    h.changed();
    return OK;
  }

  /**
   * A turn started: injects scheduled for it fire (each once: a fired one is logged with the id of
   * its scheduling action), and a scheduled round's deadline replaces the default clock.
   */
  async turnStarted(): Promise<void> {
    const h = this.host;
    const turn = h.state.turn;
    for (const a of this.scheduled()) {
      const p = a.payload as { action?: string; turn?: number; what?: string };
      if (p.turn !== turn) continue;
      const cmd = { ...(a.payload as object), action: p.what } as Extract<ControlCommand, { action: "inject" | "custom" }>;
      const r = await this.fire({ role: "facilitator", seat: null, name: a.who }, cmd, a.id);
      if (!r.ok) console.warn(`game ${h.record.id}: scheduled inject ${a.id} could not fire: ${r.error.message}`);
    }
    const round = this.rounds.find((r) => r.turn === turn);
    if (round && round.at > h.clock.now() && !h.record.paused && h.record.status === "playing") {
      const update: GameUpdate = { deadline: round.at };
      await h.store.updateGame(h.record.id, update, h.clock.now());
      Object.assign(h.record, update);
      h.armDeadline();
    }
  }

  /** Scheduled injects not fired or cancelled yet, oldest first (their log actions). */
  scheduled(): ActionRecord[] {
    return this.pendingInjects;
  }

  /** The scheduled injects as the console lists them. */
  scheduledList(): ScheduledInject[] {
    return this.scheduled().map((a) => scheduledOf(this.host.rules, a));
  }

  /**
   * Back to the start of the previous turn's orders: that turn's actions are replayed (so its
   * orders, deals and votes are as they were), people's seats are unlocked so they may revise,
   * and the game waits paused with a full turn on the clock. Logged as kind "rollback" with the reason.
   */
  private async rollback(actor: Actor, reason: string): Promise<ControlReply> {
    const h = this.host;
    const from = h.state.turn;
    const to = from - 1;
    if (to < 1 || !(await h.store.turnState(h.record.id, to))) return fail("control/nothing_to_undo", "No turn has been resolved yet.");
    const turnMs = h.record.options.turnMinutes > 0 ? minutes(h.record.options.turnMinutes) : null;
    const update: GameUpdate = { turn: to, status: "paused", paused: true, deadline: null, remainingMs: turnMs };
    await h.store.rollbackTurn(h.record.id, from, { turn: to, at: h.clock.now(), kind: "rollback", seat: null, who: actor.name, payload: { from, to, reason } }, update);
    Object.assign(h.record, update);
    await h.reload();
    for (const seat of h.seats) {
      if (!h.state.locked[seat] || h.isBot(seat)) continue;
      const r = h.engine.setLocked(h.rules, h.state, seat, false);
      if (!r.ok) continue;
      await h.store.appendAction(h.record.id, { turn: to, at: h.clock.now(), kind: "lock", seat, who: "server", payload: { locked: false } });
      h.setState(r.value);
    }
    h.armDeadline();
    h.changed();
    return OK;
  }

  /** A what-if copy from the start of `turn`: a new game in its waiting room, with its own facilitator credential. */
  async fork(actor: Actor, turn: number, name?: string): Promise<{ ok: true; value: ForkReply } | { ok: false; error: { code: string; message: string } }> {
    const h = this.host;
    if (turn > h.state.turn || !(await h.store.turnState(h.record.id, turn))) return { ok: false, error: { code: "control/no_such_turn", message: `Turn ${turn} has not started in this game.` } };
    const now = h.clock.now();
    let joinCode = newJoinCode();
    while (await h.store.findByJoinCode(joinCode)) joinCode = newJoinCode();
    const record: GameRecord = {
      ...h.record,
      id: newGameId(),
      joinCode,
      name: name ?? `${h.record.name}: what if (from turn ${turn})`,
      options: { ...h.record.options, start: "facilitator" },
      status: "lobby",
      turn,
      deadline: null,
      paused: false,
      remainingMs: null,
      createdAt: now,
    };
    const token = newToken();
    await h.store.forkGame(h.record.id, turn, record, token, actor.name, { turn: h.state.turn, at: now, kind: "fork", seat: null, who: actor.name, payload: { from: h.record.id, to: record.id, turn } });
    const credential: SeatCredential = { gameId: record.id, token, role: "facilitator", seat: null, name: actor.name };
    return { ok: true, value: { gameId: record.id, joinCode, credential } };
  }
}

/** A scheduling action of the log as the console lists it: its turn, and what it will fire. */
function scheduledOf(rules: Rules, a: ActionRecord): ScheduledInject {
  const p = a.payload as { turn?: number; what?: string; headline?: string; event?: string; seat?: string };
  const custom = p.what === "custom";
  const headline = custom ? (p.headline ?? "") : (rules.scenario.events[p.event ?? ""]?.title ?? p.event ?? "");
  return { id: a.id, turn: p.turn ?? 0, headline, kind: custom ? "custom" : "event", ...(!custom && p.seat ? { seat: p.seat } : {}), who: a.who, at: a.at };
}
