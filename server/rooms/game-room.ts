// One Colyseus room per game (room id = game id). A thin adapter: it authenticates connections
// by seat credential, parses every message with the shared zod schemas, hands it to the game
// controller with the seat taken from the connection, mirrors the engine's views into the schema
// state, and sends chat, reports and errors only to the connections allowed to see them.
import { CloseCode, Room, ServerError, type Client, type MessageContext } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { Rules } from "../../shared/engine/index.ts";
import type { PublicScenario } from "../../shared/engine/api.ts";
import type { ActorId, GameState as EngineState, GameView, HistoryPoint, ReportEntry, TurnReport } from "../../shared/engine/types.ts";
import {
  CLOSE_TAKEN_OVER,
  ClientMessage,
  JoinOptions,
  ROOM_MESSAGES,
  type ActReply,
  type ChatMessage,
  type SeatCredential,
  type TurnPush,
  type Welcome,
} from "../../shared/protocol.ts";
import type { Clock } from "../clock.ts";
import { hashToken, newToken } from "../ids.ts";
import { viewerOf, type Actor } from "../game/actor.ts";
import { canRead } from "../game/chat.ts";
import { GameController, type ControllerEvents } from "../game/controller.ts";
import { buildDebrief } from "../game/debrief.ts";
import type { EnginePort } from "../game/engine-port.ts";
import type { GameStore } from "../store/game-store.ts";
import { compact, historyPointFor, invalidMessage } from "./delivery.ts";
import { GameRoomState, PlayerInfo, SeatState, ViewMirror } from "./game-state.ts";

/** What every game room shares: set once per server by makeGameRoom. */
export interface RoomDeps {
  store: GameStore;
  clock: Clock;
  engine: EnginePort;
  rules(scenario: string): Rules | undefined;
  /** Only the server knows it, so clients cannot create rooms through the matchmaker. */
  createSecret: string;
  /** Seconds a dropped connection may come back with its reconnection token. */
  reconnectSeconds: number;
}

interface Connection {
  actor: Actor;
  viewer: string;
  tokenHash: string;
  connected: boolean;
  /** Set when the room itself closed the connection: no reconnection then. */
  kicked?: boolean;
}

/** Messages a connection may send per second before it is closed with 4002. */
export const MAX_MESSAGES_PER_SECOND = 50;

export class GameRoom extends Room<{ state: GameRoomState }> {
  static deps: RoomDeps;
  state = new GameRoomState();
  maxClients = 64;
  autoDispose = false;
  /** Generous for people and scripted players alike; a flood is still cut within a second. */
  maxMessagesPerSecond = MAX_MESSAGES_PER_SECOND;
  patchRate = 50;

  private deps!: RoomDeps;
  private rules!: Rules;
  /** The scenario as clients get it: reports are packed against it. */
  private scenario!: PublicScenario;
  private controller!: GameController;
  private mirror!: ViewMirror;
  private conns = new Map<string, Connection>();
  private pendingReport: TurnReport | undefined;
  private dirty = false;
  /** When the engine finished the last resolution (before views and patches were made). */
  private resolvedAt: number | undefined;
  private flushScheduled = false;
  private flushWaiters: (() => void)[] = [];
  private disposed = false;
  /** Player names per claimed seat; reloaded after a claim. */
  private seatPlayers: Map<ActorId, string[]> | undefined;
  private viewCache: { state: unknown; views: Map<string, GameView> } = { state: undefined, views: new Map() };
  /** The engine state the schema state was last refreshed from. */
  private mirrored: EngineState | undefined;

  onCreate(options: { gameId?: string; secret?: string }) {
    this.deps = (this.constructor as typeof GameRoom).deps;
    if (options.secret !== this.deps.createSecret || !options.gameId) throw new ServerError(403, "games are created through /api/games");
    const record = this.deps.store.getGame(options.gameId);
    if (!record) throw new ServerError(404, `no game ${options.gameId}`);
    const rules = this.deps.rules(record.scenario);
    if (!rules) throw new ServerError(500, `scenario ${record.scenario} is not loaded`);
    this.roomId = record.id;
    this.rules = rules;
    this.scenario = observerScenario(this.deps.engine, rules);
    this.mirror = new ViewMirror(this.state);
    this.state.gameId = record.id;
    this.state.joinCode = record.joinCode;
    this.state.turnMinutes = record.options.turnMinutes;
    this.controller = GameController.load(
      {
        rules,
        store: this.deps.store,
        clock: this.deps.clock,
        engine: this.deps.engine,
        events: this.events(),
        connectedHumanSeats: () => this.connectedHumanSeats(),
      },
      record.id,
    );
    // Unlisted in Colyseus matchmaking: the lobby API lists games, and joins go by id.
    this.setPrivate(true).catch(() => undefined);

    this.onMessage(ROOM_MESSAGES.act, (client: Client, payload: unknown, ctx: MessageContext) => {
      const reply = this.act(client, payload);
      if (ctx.id === undefined) {
        if (!reply.ok) client.send(ROOM_MESSAGES.error, reply.error);
        return undefined;
      }
      // An accepted request is answered after the patch with its effect, so the sender reads its own write.
      return reply.ok ? this.afterFlush().then(() => reply) : reply;
    });
    this.onMessage(ROOM_MESSAGES.reports, (client: Client) => {
      const conn = this.conns.get(client.sessionId);
      return conn ? this.logFor(conn.viewer).reports : [];
    });
    this.onMessage(ROOM_MESSAGES.debrief, (client: Client, _payload: unknown, ctx: MessageContext) => {
      const conn = this.conns.get(client.sessionId);
      if (conn?.actor.role !== "facilitator")
        return ctx.reject({ code: "role/not_facilitator", message: "Only the facilitator can export the debrief." });
      return buildDebrief(this.deps.store, this.controller.record, this.controller.state, this.controller.log);
    });
    this.onMessage(ROOM_MESSAGES.scenario, (client: Client) => {
      const conn = this.conns.get(client.sessionId);
      return this.deps.engine.publicScenario(this.rules, conn?.viewer ?? "observer");
    });
    this.onMessage("*", (client: Client, type: string | number) => {
      client.send(ROOM_MESSAGES.error, { code: "message/unknown_type", message: `Unknown message type "${String(type).slice(0, 40)}".`, request: String(type) });
    });

    this.refresh();
    this.controller.start();
  }

  onAuth(_client: Client, options: unknown): { actor: Actor; token: string } {
    const parsed = JoinOptions.safeParse(options);
    if (!parsed.success) throw new ServerError(400, "join with a seat credential {token} or a claim {claim:{seat|observer,name}}");
    const gameId = this.controller.record.id;
    if ("token" in parsed.data) {
      const cred = this.deps.store.findCredential(parsed.data.token);
      if (!cred || cred.gameId !== gameId) throw new ServerError(401, "unknown seat credential for this game");
      return { actor: { role: cred.role, seat: cred.seat, name: cred.name }, token: parsed.data.token };
    }
    const claim = parsed.data.claim;
    const token = newToken();
    const actor: Actor =
      "seat" in claim ? { role: "player", seat: claim.seat, name: claim.name } : { role: "observer", seat: null, name: claim.name };
    if (actor.seat !== null && !this.controller.seats.includes(actor.seat)) throw new ServerError(404, `no seat ${actor.seat} in this game`);
    // A finished game is read-only: it can be watched, but no new seat holder can join it.
    if (actor.seat !== null && this.controller.isOver()) throw new ServerError(409, "the game has ended: join as an observer to see how it went");
    this.deps.store.addCredential(token, { gameId, role: actor.role, seat: actor.seat, name: actor.name }, this.deps.clock.now());
    this.seatPlayers = undefined;
    if (actor.seat !== null) this.controller.seatClaimed();
    return { actor, token };
  }

  onJoin(client: Client, _options: unknown, auth: { actor: Actor; token: string }) {
    const { actor, token } = auth;
    const tokenHash = hashToken(token);
    // A second tab with the same credential takes over: the older connection is told and closed.
    for (const other of this.clients) {
      const conn = this.conns.get(other.sessionId);
      if (other !== client && conn?.tokenHash === tokenHash) {
        conn.kicked = true;
        other.send(ROOM_MESSAGES.takeover, { reason: "This seat was opened in another tab or window." });
        other.leave(CLOSE_TAKEN_OVER, "taken over by another connection");
      }
    }
    const viewer = viewerOf(actor);
    this.conns.set(client.sessionId, { actor, viewer, tokenHash, connected: true });
    client.view = new StateView();
    if (viewer !== "observer") {
      client.view.add(this.mirror.slot(viewer));
      this.mirror.setViewer(viewer, this.view(viewer));
    }
    const credential: SeatCredential = { gameId: this.roomId, token, role: actor.role, seat: actor.seat, name: actor.name };
    client.send(ROOM_MESSAGES.welcome, { credential, viewer } satisfies Welcome);
    client.send(ROOM_MESSAGES.chatHistory, this.chatFor(viewer));
    const log = this.logFor(viewer);
    client.send(ROOM_MESSAGES.reportHistory, log.reports.map((r) => compact(this.scenario, r)));
    client.send(ROOM_MESSAGES.history, log.history);
    // A newly claimed seat may stop being a bot seat, so the public part changes too.
    this.dirty = true;
    this.scheduleFlush();
  }

  onDrop(client: Client, code?: number) {
    const conn = this.conns.get(client.sessionId);
    if (!conn) return;
    conn.connected = false;
    this.refreshSeats();
    // Kicked (second tab) or flooding (closed with an error) connections may not come back on their token.
    if (conn.kicked || code === CloseCode.WITH_ERROR) return;
    this.allowReconnection(client, this.deps.reconnectSeconds).catch(() => {});
  }

  onReconnect(client: Client) {
    const conn = this.conns.get(client.sessionId);
    if (!conn) return;
    conn.connected = true;
    // What was said and resolved while the connection was away comes again from the store.
    client.send(ROOM_MESSAGES.chatHistory, this.chatFor(conn.viewer));
    const log = this.logFor(conn.viewer);
    client.send(ROOM_MESSAGES.reportHistory, log.reports.map((r) => compact(this.scenario, r)));
    client.send(ROOM_MESSAGES.history, log.history);
    this.refreshSeats();
  }

  onLeave(client: Client) {
    this.conns.delete(client.sessionId);
    this.refreshSeats();
    this.controller.maybeResolve();
  }

  onDispose() {
    this.disposed = true;
    this.controller?.stop();
  }

  /** Validates and applies one client message. */
  private act(client: Client, payload: unknown): ActReply {
    const conn = this.conns.get(client.sessionId);
    if (!conn) return { ok: false, error: { code: "auth/unknown_connection", message: "Join the game first." } };
    const parsed = ClientMessage.safeParse(payload);
    if (!parsed.success) return { ok: false, error: invalidMessage(payload, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")) };
    return this.controller.handle(conn.actor, parsed.data);
  }

  /**
   * Changes are mirrored and sent once per event-loop turn, so a burst of messages (five
   * players locking in at once) costs one refresh of the views, not five. A resolved turn's
   * reports follow its patch.
   */
  private flush(): void {
    this.flushScheduled = false;
    if (this.disposed) return;
    if (this.dirty) {
      this.dirty = false;
      this.refresh();
      this.broadcastPatch();
    }
    const report = this.pendingReport;
    this.pendingReport = undefined;
    if (report) this.sendReports(report);
    const waiting = this.flushWaiters;
    this.flushWaiters = [];
    for (const done of waiting) done();
    // Views are only needed while a change goes out; keeping them would hold ~50 KB per viewer.
    this.viewCache = { state: undefined, views: new Map() };
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => this.flush());
  }

  private afterFlush(): Promise<void> {
    return new Promise((resolve) => {
      this.flushWaiters.push(resolve);
      this.scheduleFlush();
    });
  }

  private events(): ControllerEvents {
    return {
      changed: () => {
        // Sent at the end of this event-loop turn rather than on the next patch tick: that
        // delay would be most of the latency players feel.
        this.dirty = true;
        this.scheduleFlush();
      },
      chat: (msg) => this.sendChat(msg),
      resolved: (report) => {
        this.pendingReport = report;
        this.resolvedAt = this.deps.clock.now();
      },
      injected: (entry) => this.sendInject(entry),
      suspended: (message) => {
        for (const client of this.clients) {
          if (this.conns.get(client.sessionId)?.actor.role === "facilitator")
            client.send(ROOM_MESSAGES.error, { code: "game/suspended", message: `Resolution failed, the game is suspended on the turn's starting state: ${message}` });
        }
      },
    };
  }

  /** A viewer's view of the current state; computed once per state and viewer (views are pure). */
  private view(viewer: string): GameView {
    const state = this.controller.state;
    if (this.viewCache.state !== state) this.viewCache = { state, views: new Map() };
    let v = this.viewCache.views.get(viewer);
    if (!v) {
      v = this.deps.engine.viewFor(this.rules, state, viewer);
      this.viewCache.views.set(viewer, v);
    }
    return v;
  }

  /**
   * A viewer's reports and history points, filtered from the controller's log as the current
   * state allows (covert actions exposed since show in full); only joins and requests need all.
   */
  private logFor(viewer: string): { reports: TurnReport[]; history: HistoryPoint[] } {
    const { state, log } = this.controller;
    const { engine } = this.deps;
    const over = state.phase === "over";
    return {
      reports: log.reports.map((r) => engine.reportFor(state, r, viewer)),
      history: log.history.map((p) => engine.historyFor(p, viewer, over)),
    };
  }

  /** Mirrors the engine state, seats and clock into the schema state. */
  private refresh(): void {
    const { record, state } = this.controller;
    if (this.state.turn !== state.turn) this.state.resolvedAt = this.resolvedAt ?? this.deps.clock.now();
    if (this.mirrored && onlyLocksChanged(this.mirrored, state)) {
      // Every view shows the state's locks as they are, so no view needs computing.
      this.mirror.setShared("locked", state.locked);
    } else {
      this.mirror.setPublic(this.view("observer"));
      for (const viewer of this.mirror.viewers()) this.mirror.setViewer(viewer, this.view(viewer));
    }
    this.mirrored = state;
    this.state.turn = state.turn;
    this.state.status = record.status;
    this.state.deadline = record.deadline ?? -1;
    this.state.paused = record.paused;
    this.state.remainingMs = record.remainingMs ?? -1;
    this.refreshSeats();
  }

  private refreshSeats(): void {
    this.seatPlayers ??= this.deps.store.seatPlayers(this.controller.record.id);
    const claimed = this.seatPlayers;
    const claimedSet = new Set(claimed.keys());
    for (const seat of this.controller.seats) {
      let s = this.state.seats.get(seat);
      if (!s) {
        s = new SeatState();
        s.name = this.rules.scenario.actors[seat]?.name ?? seat;
        this.state.seats.set(seat, s);
      }
      s.bot = this.controller.isBot(seat, claimedSet);
      s.locked = Boolean(this.controller.state.locked[seat]);
      const names = claimed.get(seat) ?? [];
      const online = new Set([...this.conns.values()].filter((c) => c.actor.seat === seat && c.connected).map((c) => c.actor.name));
      const same = s.players.length === names.length && names.every((n, i) => s.players[i]?.name === n && s.players[i]?.connected === online.has(n));
      if (!same) {
        s.players.clear();
        for (const name of names) s.players.push(new PlayerInfo({ name, connected: online.has(name) }));
      }
    }
  }

  /** Seats with a connected (or briefly reconnecting) human who is not replaced by a bot. */
  private connectedHumanSeats(): Set<ActorId> {
    const out = new Set<ActorId>();
    for (const c of this.conns.values()) if (c.actor.role === "player" && c.actor.seat) out.add(c.actor.seat);
    const claimed = this.controller?.claimedSeats() ?? new Set<ActorId>();
    for (const seat of out) if (this.controller?.isBot(seat, claimed)) out.delete(seat);
    return out;
  }

  private chatFor(viewer: string): ChatMessage[] {
    return this.deps.store
      .actionsOfKind(this.controller.record.id, "chat")
      .map((a) => ({ id: `c${a.id}`, ...(a.payload as Omit<ChatMessage, "id">) }))
      .filter((m) => canRead(m, viewer));
  }

  private sendChat(msg: ChatMessage): void {
    for (const client of this.clients) {
      const conn = this.conns.get(client.sessionId);
      if (conn && canRead(msg, conn.viewer)) client.send(ROOM_MESSAGES.chat, msg);
    }
  }

  /** Each connection gets the resolved turn's report and history point as its viewer may see them. */
  private sendReports(report: TurnReport): void {
    const perViewer = new Map<string, { push?: TurnPush; history?: HistoryPoint[] }>();
    const over = this.controller.state.phase === "over";
    for (const client of this.clients) {
      const conn = this.conns.get(client.sessionId);
      if (!conn) continue;
      let out = perViewer.get(conn.viewer);
      if (!out) {
        const { engine } = this.deps;
        const state = this.controller.state;
        const mine = engine.reportFor(state, report, conn.viewer);
        const point = this.controller.log.history.at(-1);
        out = {
          push: point && { report: compact(this.scenario, mine), point: historyPointFor(this.view(conn.viewer), engine.historyFor(point, conn.viewer, over)) },
          // At the end secret scores are revealed, so every point changes: send them all.
          history: over ? this.logFor(conn.viewer).history : undefined,
        };
        perViewer.set(conn.viewer, out);
      }
      if (out.push) client.send(ROOM_MESSAGES.report, out.push);
      if (out.history) client.send(ROOM_MESSAGES.history, out.history);
    }
  }

  private sendInject(entry: ReportEntry): void {
    for (const client of this.clients) {
      const conn = this.conns.get(client.sessionId);
      if (!conn) continue;
      const v = entry.visibility;
      if (v === "public" || conn.viewer === "facilitator" || v.seats.includes(conn.viewer)) client.send(ROOM_MESSAGES.inject, entry);
    }
  }
}

/** True when `next` differs from `prev` only in who has locked in (the engine's setLocked). */
function onlyLocksChanged(prev: EngineState, next: EngineState): boolean {
  if (prev === next) return true;
  const a = prev as unknown as Record<string, unknown>;
  const b = next as unknown as Record<string, unknown>;
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  for (const k of keys) if (k !== "locked" && a[k] !== b[k]) return false;
  return true;
}

/** The observer's scenario per rules, shared by every room of that scenario (it is ~200 KB). */
const observerScenarios = new WeakMap<Rules, PublicScenario>();
function observerScenario(engine: EnginePort, rules: Rules): PublicScenario {
  let sc = observerScenarios.get(rules);
  if (!sc) {
    sc = engine.publicScenario(rules, "observer");
    observerScenarios.set(rules, sc);
  }
  return sc;
}

/** A GameRoom class bound to this server's store, clock and engine. */
export function makeGameRoom(deps: RoomDeps): typeof GameRoom {
  return class BoundGameRoom extends GameRoom {
    static deps = deps;
  };
}
