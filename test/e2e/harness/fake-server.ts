// An in-memory GameServer over the real engine, for looking at the panels in a browser without the
// Colyseus server (the harness page). Bots play every unclaimed seat and a turn resolves when every
// seat is locked. The end-to-end tests use the real server, never this.
import {
  answerProposal,
  chooseOption,
  compileRules,
  createGame,
  historyFor,
  historyPoint,
  injectEvent,
  playBot,
  propose,
  publicScenario,
  reportFor,
  resolveTurn,
  seatsOf,
  setLocked,
  submitOrders,
  viewFor,
  type Rules,
} from "../../../shared/engine/api.ts";
import type { GameState, HistoryPoint, TurnReport } from "../../../shared/engine/types.ts";
import type { Scenario } from "../../../shared/scenario/schema.ts";
import type { ChatMessage, ErrorReply, GameSnapshot, SeatCredential } from "../../../shared/protocol.ts";
import type { ConnectionStatus, GameServer, GameSession } from "../../../client/src/net/session-types.ts";

type Viewer = string | "observer" | "facilitator";

class FakeGame {
  rules: Rules;
  state: GameState;
  reports: TurnReport[] = [];
  history: HistoryPoint[];
  claimed = new Map<string, string>();
  bots = new Set<string>();
  messages: ChatMessage[] = [];
  sessions = new Set<FakeSession>();
  paused = false;
  constructor(
    public id: string,
    scenario: Scenario,
  ) {
    this.rules = compileRules(scenario);
    this.state = createGame(this.rules, "harness");
    this.history = [historyPoint(this.rules, this.state)];
  }
  seats(): string[] {
    return seatsOf(this.rules);
  }
  apply(next: { ok: true; value: GameState } | { ok: false; error: { code: string; message: string } }, from: FakeSession): void {
    if (!next.ok) {
      from.emitError({ code: next.error.code, message: next.error.message });
      return;
    }
    this.state = next.value;
    this.maybeResolve();
    this.broadcast();
  }
  maybeResolve(force = false): void {
    for (const seat of this.seats()) if (!this.claimed.has(seat) || this.bots.has(seat)) if (!this.state.locked[seat]) this.state = playBot(this.rules, this.state, seat);
    if (this.state.phase === "over" || (this.claimed.size === 0 && !force)) return;
    if (force || this.seats().every((s) => this.state.locked[s])) {
      const { state, report } = resolveTurn(this.rules, this.state);
      this.state = state;
      this.reports.push(report);
      this.history.push(historyPoint(this.rules, state));
      for (const seat of this.seats()) if (!this.claimed.has(seat) || this.bots.has(seat)) this.state = playBot(this.rules, this.state, seat);
      for (const s of this.sessions) s.emitReport(report);
    }
  }
  broadcast(): void {
    for (const s of this.sessions) s.emitChange();
  }
}

class FakeSession implements GameSession {
  private changeCbs = new Set<(s: GameSnapshot) => void>();
  private reportCbs = new Set<(r: TurnReport) => void>();
  private errorCbs = new Set<(e: ErrorReply) => void>();
  private statusCbs = new Set<(s: ConnectionStatus, reason?: string) => void>();
  readonly scenario: Scenario;
  constructor(
    private game: FakeGame,
    readonly credential: SeatCredential,
  ) {
    this.scenario = publicScenario(game.rules, this.viewer);
    game.sessions.add(this);
  }
  private get viewer(): Viewer {
    return this.credential.role === "player" ? (this.credential.seat ?? "observer") : this.credential.role;
  }
  snapshot(): GameSnapshot {
    const g = this.game;
    const over = g.state.phase === "over";
    const view = {
      ...viewFor(g.rules, g.state, this.viewer),
      reports: g.reports.map((r) => reportFor(g.state, r, this.viewer)),
      history: g.history.map((p) => historyFor(p, this.viewer, over)),
    };
    const me = this.credential.seat;
    return {
      gameId: g.id,
      joinCode: "HARN35",
      role: this.credential.role,
      seat: me,
      status: g.state.phase === "over" ? "over" : g.paused ? "paused" : "playing",
      view,
      seats: g.seats().map((id) => ({
        id,
        name: g.rules.scenario.actors[id]?.name ?? id,
        players: g.claimed.has(id) ? [{ name: g.claimed.get(id) ?? "", connected: true }] : [],
        bot: !g.claimed.has(id) || g.bots.has(id),
        locked: g.state.locked[id] ?? false,
      })),
      clock: { deadline: g.paused ? null : Date.now() + 9 * 60_000, paused: g.paused, remainingMs: g.paused ? 540_000 : null, turnMinutes: 10 },
      messages: g.messages.filter((m) => this.credential.role === "facilitator" || m.channel === "public" || (me !== null && m.channel.includes(me))),
    };
  }
  onChange(cb: (s: GameSnapshot) => void): () => void {
    this.changeCbs.add(cb);
    return () => this.changeCbs.delete(cb);
  }
  onReport(cb: (r: TurnReport) => void): () => void {
    this.reportCbs.add(cb);
    return () => this.reportCbs.delete(cb);
  }
  onError(cb: (e: ErrorReply) => void): () => void {
    this.errorCbs.add(cb);
    return () => this.errorCbs.delete(cb);
  }
  onStatus(cb: (s: ConnectionStatus, reason?: string) => void): () => void {
    this.statusCbs.add(cb);
    return () => this.statusCbs.delete(cb);
  }
  emitChange(): void {
    const snap = this.snapshot();
    for (const cb of this.changeCbs) cb(snap);
  }
  emitReport(r: TurnReport): void {
    const mine = reportFor(this.game.state, r, this.viewer);
    for (const cb of this.reportCbs) cb(mine);
  }
  emitError(e: ErrorReply): void {
    for (const cb of this.errorCbs) cb(e);
  }
  /** Harness only: simulate a dropped and restored connection. */
  emitStatus(s: ConnectionStatus): void {
    for (const cb of this.statusCbs) cb(s);
  }
  async fetchReports(): Promise<TurnReport[]> {
    return this.game.reports.map((r) => reportFor(this.game.state, r, this.viewer));
  }
  private get seat(): string {
    return this.credential.seat ?? "";
  }
  submitOrders(orders: Parameters<GameSession["submitOrders"]>[0]): void {
    this.game.apply(submitOrders(this.game.rules, this.game.state, this.seat, orders), this);
  }
  lock(locked: boolean): void {
    this.game.apply(setLocked(this.game.rules, this.game.state, this.seat, locked), this);
  }
  propose(order: Parameters<GameSession["propose"]>[0]): void {
    const r = propose(this.game.rules, this.game.state, this.seat, order);
    this.game.apply(r.ok ? { ok: true, value: r.value.state } : r, this);
  }
  answer(id: string, a: Parameters<GameSession["answer"]>[1]): void {
    this.game.apply(answerProposal(this.game.rules, this.game.state, this.seat, id, a), this);
  }
  choose(id: string, option: string): void {
    this.game.apply(chooseOption(this.game.rules, this.game.state, this.seat, id, option), this);
  }
  chat(channel: ChatMessage["channel"], text: string): void {
    this.game.messages.push({ id: `m${this.game.messages.length}`, turn: this.game.state.turn, from: this.credential.role === "facilitator" ? "facilitator" : this.seat, author: this.credential.name, channel, text, at: Date.now() });
    this.game.broadcast();
  }
  facilitate(c: Parameters<GameSession["facilitate"]>[0]): void {
    const g = this.game;
    if (c.action === "pause") g.paused = true;
    if (c.action === "resume") g.paused = false;
    if (c.action === "resolve") g.maybeResolve(true);
    if (c.action === "bot") { if (c.on) g.bots.add(c.seat); else g.bots.delete(c.seat); }
    if (c.action === "inject") {
      const r = injectEvent(g.rules, g.state, c.event, c.seat);
      if (r.ok) g.state = r.value.state;
    }
    g.broadcast();
  }
  async exportDebrief(): Promise<unknown> {
    return { game: this.game.id, state: this.game.state, messages: this.game.messages };
  }
  async leave(): Promise<void> {
    this.game.sessions.delete(this);
  }
}

/** A GameServer with one in-memory game per created id. */
export class FakeGameServer implements GameServer {
  private games = new Map<string, FakeGame>();
  constructor(private scenario: Scenario) {}
  private game(idOrCode: string): FakeGame {
    const g = this.games.get(idOrCode) ?? [...this.games.values()][0];
    if (!g) throw new Error("No such game");
    return g;
  }
  async listGames() {
    return [...this.games.values()].map((g) => ({
      gameId: g.id,
      name: "Harness game",
      scenario: g.rules.scenario.id,
      title: g.rules.scenario.title,
      turn: g.state.turn,
      turns: g.rules.scenario.turns.count,
      freeSeats: g.seats().filter((s) => !g.claimed.has(s)),
      players: g.claimed.size,
      status: "playing" as const,
    }));
  }
  async listScenarios() {
    const s = this.scenario;
    const seats = Object.entries(s.actors).filter(([, a]) => a.playable).map(([id, a]) => ({ id, name: a.name }));
    return [{ file: `${s.id}.yaml`, id: s.id, name: s.id, title: s.title, summary: s.summary, turns: s.turns.count, seats }];
  }
  async checkScenario() {
    return { ok: false as const, errors: [{ line: 1, column: 1, path: "", message: "the harness does not check uploads" }] };
  }
  async createGame(o: { creatorName?: string }) {
    const id = `g${this.games.size + 1}`;
    const g = new FakeGame(id, this.scenario);
    this.games.set(id, g);
    g.maybeResolve();
    return new FakeSession(g, { gameId: id, token: "fac", role: "facilitator", seat: null, name: o.creatorName ?? "Facilitator" });
  }
  async join(idOrCode: string, as: { seat: string; name: string } | { observer: true; name: string }) {
    const g = this.game(idOrCode);
    if ("seat" in as) {
      g.claimed.set(as.seat, as.name);
      g.state = { ...g.state, locked: { ...g.state.locked, [as.seat]: false }, orders: { ...g.state.orders, [as.seat]: [] } };
      g.broadcast();
      return new FakeSession(g, { gameId: g.id, token: `t-${as.seat}`, role: "player", seat: as.seat, name: as.name });
    }
    return new FakeSession(g, { gameId: g.id, token: "obs", role: "observer", seat: null, name: as.name });
  }
  async describe(idOrCode: string) {
    const g = this.game(idOrCode);
    return { gameId: g.id, scenario: publicScenario(g.rules, "observer"), freeSeats: g.seats().filter((s) => !g.claimed.has(s)), takenSeats: [...g.claimed.keys()] };
  }
  async resume(c: SeatCredential) {
    const g = this.game(c.gameId);
    return new FakeSession(g, c);
  }
}
