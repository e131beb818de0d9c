// One Colyseus room per game (room id = game id). A thin adapter: it authenticates connections
// by seat credential, parses every message with the shared zod schemas, hands it to the game
// controller with the seat taken from the connection, mirrors the engine's views into the schema
// state, and sends chat, reports and errors only to the connections allowed to see them.
import { ClientState, CloseCode, matchMaker, Room, SchemaSerializer, ServerError, type AuthContext, type Client, type MessageContext, type Serializer } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import { timingSafeEqual } from "node:crypto";
import { fullName, pairKey, possessive, type Rules } from "../../shared/engine/index.ts";
import type { PublicScenario } from "../../shared/engine/index.ts";
import type { ActorId, GameState as EngineState, GameView, HistoryPoint, ReportEntry, TurnReport } from "../../shared/engine/index.ts";
import {
  AnswerSeat,
  AskSeat,
  ChatPageRequest,
  OpinionsRequest,
  type Opinions,
  ForkRequest,
  CLOSE_REMOVED,
  CLOSE_RESEATED,
  CLOSE_TAKEN_OVER,
  ClientMessage,
  JoinOptions,
  JOINS_PENDING,
  ROOM_MESSAGES,
  type ActReply,
  type ChatMessage,
  type PackedChat,
  packChat,
  type ChatPage,
  type ErrorReply,
  type InjectDelivered,
  type ScheduledInject,
  type AskSeatReply,
  type SeatAnswer,
  type SeatCredential,
  type SeatRequest,
  type SeatRequestClosed,
  type TurnPush,
  type Welcome,
} from "../../shared/protocol.ts";
import type { Clock } from "../clock.ts";
import { hashToken, newTeamCode, newToken } from "../ids.ts";
import { Budgets, type Limits } from "../limits.ts";
import type { ServerErrorCode } from "../error-codes.ts";
import { StorageError } from "../store/storage-health.ts";
import { ACCESS_ERRORS, joinByIdTarget, refuse, type AddressBook, type JoinAuth, type RemoteAuth } from "./access.ts";
import { viewerOf, type Actor } from "../game/actor.ts";
import { isKept } from "../bots.ts";
import { KEPT_WORDS } from "../../shared/control-words.ts";
import { canRead } from "../game/chat.ts";
import { GameController, type ControllerEvents } from "../game/controller.ts";
import { Teams } from "../game/roles.ts";
import { buildDebrief } from "../game/debrief.ts";
import type { EnginePort } from "../game/engine-port.ts";
import type { GameRecord, GameStore } from "../store/game-store.ts";
import { compact, historyPointFor, invalidMessage, mentionsAny } from "./delivery.ts";
import type { PackedReport } from "../../shared/report-codec.ts";
import { PooledSchemaSerializer } from "./encode-buffers.ts";
import { GameRoomState, PlayerInfo, SeatState, ViewMirror } from "./game-state.ts";
import { cpuWaitNs, type TurnTimings } from "./turn-timings.ts";

/** What every game room shares: set once per server by makeGameRoom. */
export interface RoomDeps {
  store: GameStore;
  clock: Clock;
  engine: EnginePort;
  /** The rules a stored game plays by (its own copy of its scenario). */
  rules(game: GameRecord): Promise<Rules | undefined>;
  /** Only the server knows it, so clients cannot create rooms through the matchmaker. */
  createSecret: string;
  /** Seconds a dropped connection may come back with its reconnection token. */
  reconnectSeconds: number;
  limits: Limits;
  /** Per-address counts shared by every room of this server. */
  addresses: AddressBook;
  /** Per-seat and per-address budgets shared by every room (they outlive connections and rooms). */
  budgets: RoomBudgets;
  /** Told when a room closes (idle), so the game's clock can reopen it at its deadline. */
  closed?(gameId: string): void;
  /** How long this process's resolved turns take to go out (/health). */
  timings?: TurnTimings;
}

/** Budgets of one server: chat and other messages per seat, large requests per credential and per address. */
export interface RoomBudgets {
  chat: Budgets;
  act: Budgets;
  heavy: Budgets;
  heavyAddress: Budgets;
}

export function makeBudgets(l: Limits): RoomBudgets {
  return {
    chat: new Budgets(l.chatBurst, l.chatPerSecond),
    act: new Budgets(l.actBurst, l.actPerSecond),
    heavy: new Budgets(l.heavyBurst, l.heavyPerSecond),
    heavyAddress: new Budgets(l.heavyAddressBurst, l.heavyAddressPerSecond),
  };
}

interface Connection {
  actor: Actor;
  viewer: string;
  tokenHash: string;
  connected: boolean;
  ip: string;
  /** Whether it counts against its address's connections. */
  counted: boolean;
  /** Set when the room itself closed the connection: no reconnection then. */
  kicked?: boolean;
  /** The person left their team (leave-seat): the connection may no longer act for the seat. */
  left?: boolean;
  /** The projector link's screen (joined with the projector option): counted as a screen, not a person. */
  projector: boolean;
}

/** Messages a connection may send per second before it is closed with 4002. */
export const MAX_MESSAGES_PER_SECOND = 50;

const code = (c: ServerErrorCode) => c;
const rateLimited = (request: string): ErrorReply => ({ code: code("request/rate_limited"), message: "Too many requests: wait a moment and try again.", request });

export class GameRoom extends Room<{ state: GameRoomState }> {
  static deps: RoomDeps;
  state = new GameRoomState();
  /** No Colyseus cap: a full room would lock out the facilitator. Our own caps are per address and per kind of join. */
  maxClients = Infinity;
  autoDispose = false;
  seatReservationTimeout = RESERVATION_SECONDS;
  /** Generous for people and scripted players alike; a flood is still cut within a second. */
  maxMessagesPerSecond = MAX_MESSAGES_PER_SECOND;
  /**
   * Every change is sent by flush() (or patchSoon()) in the event-loop turn that made it; the
   * timer is only a slow safety net. Colyseus's 50 ms default made ~20 empty broadcastPatch calls
   * per room per second, which at a few hundred idle rooms cost more CPU than all the real turns
   * (bench:load, "idle"). Not null: without a patch rate Colyseus ticks the room clock at 60 Hz.
   */
  patchRate: number | null = 1000;

  private deps!: RoomDeps;
  private rules!: Rules;
  /** The scenario as clients get it: reports are packed against it. */
  private scenario!: PublicScenario;
  private controller!: GameController;
  private mirror!: ViewMirror;
  private conns = new Map<string, Connection>();
  private pendingReport: TurnReport | undefined;
  /**
   * Injects fired while a resolved turn's report waits to go out (those scheduled for the new
   * turn): they follow the report, which would otherwise clear their "breaking" item on arrival.
   */
  private heldInjects: ReportEntry[] = [];
  private dirty = false;
  /** When the engine finished the last resolution (before views and patches were made). */
  private resolvedAt: number | undefined;
  /** The same moment on the monotonic clock, for the process's turn timings. */
  private resolvedAtPerf: number | undefined;
  private flushScheduled = false;
  private flushQueued = false;
  private flushWaiters: (() => void)[] = [];
  private disposed = false;
  /** Who is on each team with which role; reloaded after a claim or a seating change. */
  private teams!: Teams;
  private viewCache: { state: unknown; views: Map<string, GameView> } = { state: undefined, views: new Map() };
  /** The engine state the schema state was last refreshed from. */
  private mirrored: EngineState | undefined;
  /** The scheduled injects as last sent to the facilitator's connections (JSON), to send only changes. */
  private scheduledSent = "";
  /** Open requests to join a held seat's team, by id. */
  private seatRequests = new Map<string, SeatRequest & { sessionId: string }>();
  private idleTimer: NodeJS.Timeout | undefined;
  /** Until then, seats whose people have not connected since the room opened count as present. */
  private graceUntil = 0;
  private graceTimer: NodeJS.Timeout | undefined;
  /** Seats someone connected to since the room opened. */
  private seenSeats = new Set<ActorId>();
  private lastStorageNotice = 0;
  /** Covert actions known to be found out when reports last went out (see resendExposed). */
  private exposedSent = new Set<string>();

  /**
   * Runs in the matchmaker before a seat is reserved (POST /matchmake/joinById/<gameId>): only a
   * valid credential, or a claim the game allows, gets a reservation, within per-address caps.
   */
  static async onAuth(_token: string | undefined, options: unknown, context: AuthContext): Promise<JoinAuth> {
    const gameId = joinByIdTarget(context.req);
    if (!gameId) throw refuse(403, ACCESS_ERRORS.join_by_id, "join a game by its id");
    const room = matchMaker.getLocalRoomById(gameId);
    if (!(room instanceof GameRoom)) throw refuse(404, "game/not_found", "look the game up first (GET /api/games/<id or code>)");
    return room.authorize(options, context.ip ?? "unknown");
  }

  /** Colyseus sets a SchemaSerializer with buffers of the room's own; ours encodes into the process's (encode-buffers.ts). */
  override setSerializer(serializer: Serializer<GameRoomState>): void {
    super.setSerializer(serializer instanceof SchemaSerializer ? new PooledSchemaSerializer<GameRoomState>() : serializer);
  }

  async onCreate(options: { gameId?: string; secret?: string }) {
    this.deps = (this.constructor as typeof GameRoom).deps;
    if (options.secret !== this.deps.createSecret || !options.gameId) throw new ServerError(403, "games are created through /api/games");
    const record = await this.deps.store.getGame(options.gameId);
    if (!record) throw new ServerError(404, `no game ${options.gameId}`);
    const rules = await this.deps.rules(record);
    if (!rules) throw new ServerError(500, `scenario ${record.scenario} is not loaded`);
    this.roomId = record.id;
    this.rules = rules;
    this.scenario = observerScenario(this.deps.engine, rules);
    this.mirror = new ViewMirror(this.state);
    this.teams = new Teams(this.deps.store, record.id, rules.scenario);
    this.chatCount = await this.deps.store.countOfKind(record.id, "chat");
    this.state.gameId = record.id;
    this.state.joinCode = record.joinCode;
    this.state.turnMinutes = record.options.turnMinutes;
    this.state.startMode = record.options.start ?? "now";
    this.state.facilitator = record.options.creatorName;
    this.state.missingSeats = record.options.missingSeats;
    this.controller = await GameController.load(
      {
        rules,
        store: this.deps.store,
        clock: this.deps.clock,
        engine: this.deps.engine,
        events: this.events(),
        connectedHumanSeats: () => this.connectedHumanSeats(),
        teams: this.teams,
      },
      record.id,
    );
    for (const x of this.controller.state.covert) if (x.discovered !== undefined) this.exposedSent.add(x.id);
    // Unlisted in Colyseus matchmaking: the lobby API lists games, and joins go by id.
    this.setPrivate(true).catch(() => undefined);

    this.onMessage(ROOM_MESSAGES.act, (client: Client, payload: unknown, ctx: MessageContext) => {
      // A message refused before it reaches the game is answered at once, in the order sent.
      const reply = this.act(client, payload);
      return reply instanceof Promise ? reply.then((r) => this.answerAct(client, ctx, r)) : this.answerAct(client, ctx, reply);
    });
    this.onMessage(ROOM_MESSAGES.reports, async (client: Client, _payload: unknown, ctx: MessageContext) => {
      const conn = this.heavy(client, ROOM_MESSAGES.reports, ctx);
      if (!conn) return undefined;
      try {
        return this.logFor(conn.viewer, await this.controller.log()).reports;
      } catch (e) {
        return ctx.reject(this.storageReply(e, ROOM_MESSAGES.reports));
      }
    });
    this.onMessage(ROOM_MESSAGES.debrief, async (client: Client, _payload: unknown, ctx: MessageContext) => {
      const conn = this.heavy(client, ROOM_MESSAGES.debrief, ctx);
      if (!conn) return undefined;
      if (conn.actor.role !== "facilitator")
        return ctx.reject({ code: "role/not_facilitator", message: "Only the facilitator can export the debrief." });
      try {
        return await buildDebrief(this.deps.store, this.controller.record, this.controller.state, await this.controller.log());
      } catch (e) {
        return ctx.reject(this.storageReply(e, ROOM_MESSAGES.debrief));
      }
    });
    this.onMessage(ROOM_MESSAGES.scenario, (client: Client, _payload: unknown, ctx: MessageContext) => {
      const conn = this.heavy(client, ROOM_MESSAGES.scenario, ctx);
      return conn ? this.scenarioFor(conn.viewer) : undefined;
    });
    this.onMessage(ROOM_MESSAGES.chatPage, async (client: Client, payload: unknown, ctx: MessageContext) => {
      const conn = this.heavy(client, ROOM_MESSAGES.chatPage, ctx);
      if (!conn) return undefined;
      const req = ChatPageRequest.safeParse(payload ?? {});
      if (!req.success) return ctx.reject({ code: "message/invalid", message: "Ask for {before: <message id>}.", request: ROOM_MESSAGES.chatPage });
      const before = req.data.before ? Number(req.data.before.replace(/^c/, "")) : undefined;
      try {
        return await this.chatPage(conn.viewer, Number.isFinite(before) ? before : undefined);
      } catch (e) {
        return ctx.reject(this.storageReply(e, ROOM_MESSAGES.chatPage));
      }
    });
    this.onMessage(ROOM_MESSAGES.fork, async (client: Client, payload: unknown, ctx: MessageContext) => {
      const conn = this.heavy(client, ROOM_MESSAGES.fork, ctx);
      if (!conn) return undefined;
      if (conn.actor.role !== "facilitator") return ctx.reject({ code: "role/not_facilitator", message: "Only the facilitator can fork the game.", request: ROOM_MESSAGES.fork });
      const req = ForkRequest.safeParse(payload);
      if (!req.success) return ctx.reject({ code: "message/invalid", message: "Ask for {turn}.", request: ROOM_MESSAGES.fork });
      try {
        const r = await this.controller.exclusive(() => this.controller.control.fork(conn.actor, req.data.turn, req.data.name));
        return r.ok ? r.value : ctx.reject({ ...r.error, request: ROOM_MESSAGES.fork });
      } catch (e) {
        return ctx.reject(this.storageReply(e, ROOM_MESSAGES.fork));
      }
    });
    this.onMessage(ROOM_MESSAGES.askSeat, (client: Client, payload: unknown, ctx: MessageContext) => {
      // A request is small: it spends the asker's own action budget (per credential), not the
      // address's budget for large replies, which every join of the same address also draws on.
      const conn = this.conns.get(client.sessionId);
      if (!conn) return ctx.reject({ code: "auth/unknown_connection", message: "Join the game first.", request: ROOM_MESSAGES.askSeat });
      if (!this.deps.budgets.act.take(`${this.roomId}/ask/${conn.tokenHash}`)) return ctx.reject(rateLimited(ROOM_MESSAGES.askSeat));
      const reply = this.askSeat(client, conn, payload);
      return reply.ok ? reply : ctx.reject(reply.error);
    });
    this.onMessage(ROOM_MESSAGES.opinions, (client: Client, payload: unknown, ctx: MessageContext) => {
      // Small and asked for one relation at a time: it spends the asker's action budget, as ask-seat does.
      const request = ROOM_MESSAGES.opinions;
      const conn = this.conns.get(client.sessionId);
      if (!conn) return ctx.reject({ code: "auth/unknown_connection", message: "Join the game first.", request });
      if (!this.deps.budgets.act.take(`${this.roomId}/opinions/${conn.tokenHash}`)) return ctx.reject(rateLimited(request));
      const req = OpinionsRequest.safeParse(payload);
      const between = req.success ? req.data.between : undefined;
      if (!between || between[0] === between[1] || !between.every((a) => Object.hasOwn(this.scenario.actors, a)))
        return ctx.reject({ code: "message/invalid", message: "Ask for {between: [actor, actor]}: two different actors of this game.", request });
      // The actors are the scenario's, so the engine's key cache stays bounded.
      const rel = this.view(conn.viewer).relations[pairKey(...between)];
      return { between, base: rel?.base ?? 0, modifiers: rel?.modifiers ?? [] } satisfies Opinions;
    });
    this.onMessage(ROOM_MESSAGES.answerSeat, async (client: Client, payload: unknown, ctx: MessageContext) => {
      const reply = await this.answerSeat(client, payload);
      return reply.ok ? reply : ctx.reject(reply.error);
    });
    this.onMessage(ROOM_MESSAGES.leaveSeat, async (client: Client, _payload: unknown, ctx: MessageContext) => {
      const conn = this.conns.get(client.sessionId);
      if (!conn || conn.left) return ctx.reject({ code: "auth/unknown_connection", message: "Join the game first.", request: ROOM_MESSAGES.leaveSeat });
      // Observers and the facilitator hold no seat: their Leave only closes the page's connection.
      if (conn.actor.role !== "player") return { ok: true };
      const r = await this.controller.leaveSeat(conn.actor);
      if (!r.ok) return ctx.reject({ ...r.error, request: ROOM_MESSAGES.leaveSeat });
      conn.left = true;
      conn.kicked = true;
      // The reply goes first; the client leaves by itself, and a client that does not is closed.
      setTimeout(() => {
        if (this.clients.includes(client)) client.leave(CLOSE_REMOVED, "You left the game.");
      }, 2000).unref();
      return { ok: true };
    });
    this.onMessage(ROOM_MESSAGES.received, (client: Client) => {
      const person = this.conns.get(client.sessionId)?.actor.person;
      if (person !== undefined) this.background("keeping a delivered seat claim", this.controller.credentialDelivered(person));
    });
    this.onMessage("*", (client: Client, type: string | number) => {
      client.send(ROOM_MESSAGES.error, { code: "message/unknown_type", message: `Unknown message type "${String(type).slice(0, 40)}".`, request: String(type) });
    });

    // After a restart the players come back one by one: the first one back must not resolve the
    // turn alone. When the grace ends, the turn is checked again with whoever is here.
    const grace = this.deps.limits.restoreGraceSeconds * 1000;
    this.graceUntil = Date.now() + grace;
    this.graceTimer = setTimeout(() => {
      this.graceTimer = undefined;
      if (!this.disposed) this.background("checking the turn after the restart's grace", this.controller.maybeResolve());
    }, grace + 10);
    this.graceTimer.unref();
    this.refresh();
    this.background("starting the game's clock and bots", this.controller.start());
    // Nobody may come: a room opened by a look-up closes again if nobody joins.
    this.armIdle(this.deps.limits.unjoinedRoomSeconds);
  }

  /**
   * Decides a reservation (see the static onAuth): a credential of this game, or a claim of a free
   * seat, of a held seat with its team code, or of an observer's place. Claims without a
   * credential are capped per address while unused; the facilitator is never capped.
   */
  async authorize(options: unknown, ip: string): Promise<JoinAuth> {
    const parsed = JoinOptions.safeParse(options);
    if (!parsed.success) throw refuse(400, ACCESS_ERRORS.bad_options, "join with a seat credential {token} or a claim {claim:{seat|observer,name}}");
    const data = parsed.data;
    if ("token" in data) {
      const cred = await this.storageRead(() => this.deps.store.findCredential(data.token));
      if (!cred || cred.gameId !== this.roomId) throw refuse(401, ACCESS_ERRORS.bad_credential, "unknown seat credential for this game");
      const wait = this.deps.addresses.penalties.left(hashToken(data.token));
      if (wait > 0) throw refuse(429, ACCESS_ERRORS.busy, `cut off for sending too many messages; come back in ${wait} s`);
      // A projector comes back on its watcher's credential (after a restart); no seat is a screen.
      if (data.projector && cred.role !== "observer") throw refuse(400, ACCESS_ERRORS.bad_options, "only a watcher's credential joins as the projector");
      return { actor: { role: cred.role, seat: cred.seat, name: cred.name, teamRole: cred.teamRole ?? null, person: cred.person }, token: data.token, ip, projector: data.projector === true };
    }
    const claim = data.claim;
    if ("seat" in claim) {
      await this.releaseUndelivered(claim.seat);
      await this.checkSeatClaim(claim.seat, claim.teamCode);
      const pending = this.deps.addresses.pending.add(ip, this.roomId, false);
      if (!pending) throw refuse(429, JOINS_PENDING.code, JOINS_PENDING.message);
      return { actor: { role: "player", seat: claim.seat, name: claim.name }, ip, pending, teamCode: claim.teamCode };
    }
    const observers = [...this.conns.values()].filter((c) => c.actor.role === "observer").length + this.deps.addresses.pending.pendingFor(this.roomId, true);
    if (observers >= this.deps.limits.observersPerGame) throw refuse(503, ACCESS_ERRORS.busy, "this game has as many observers as it can take");
    const pending = this.deps.addresses.pending.add(ip, this.roomId, true);
    if (!pending) throw refuse(429, JOINS_PENDING.code, JOINS_PENDING.message);
    return { actor: { role: "observer", seat: null, name: claim.name }, ip, pending, projector: claim.projector === true };
  }

  /** authorize() for a join that arrived at another process (hosted-room.ts): refusals as values. */
  async authorizeRemote(options: unknown, ip: string): Promise<RemoteAuth> {
    try {
      return { auth: await this.authorize(options, ip) };
    } catch (e) {
      if (e instanceof ServerError) return { refused: { status: e.code, message: e.message } };
      throw e;
    }
  }

  /**
   * Before a claim of a held seat is decided: claims of it whose holders never got their
   * credential, and are not connected, are released once old enough (GameController.releaseUndelivered).
   */
  private async releaseUndelivered(seat: ActorId): Promise<void> {
    // A finished game is read-only: its claims are refused (game_over) without any write.
    if (this.controller.isOver() || !this.controller.claimedSeats().has(seat)) return;
    const connected = new Set([...this.conns.values()].map((c) => c.actor.person));
    try {
      await this.controller.releaseUndelivered(seat, this.deps.limits.undeliveredClaimSeconds * 1000, (person) => connected.has(person));
    } catch (e) {
      // The claim is then decided on the seats as they are (held).
      if (!(e instanceof StorageError)) throw e;
      this.noticeStorage(`The game's database failed (${e.sqliteCode}).`);
    }
  }

  /** A seat may be claimed if it exists, the game is on, it is not kept for a bot, and it is free or the team's code is given. */
  private async checkSeatClaim(seat: ActorId, teamCode: string | undefined): Promise<void> {
    if (!this.controller.seats.includes(seat)) throw refuse(404, "seat/unknown", `no seat ${seat} in this game`);
    // A finished game is read-only: it can be watched, but no new seat holder can join it.
    if (this.controller.isOver()) throw refuse(409, ACCESS_ERRORS.game_over, "the game has ended: join as an observer to see how it went");
    // Refused before anything is reserved or stored: the claimant keeps their place to choose again.
    if (isKept(this.controller.record, seat)) throw refuse(403, ACCESS_ERRORS.kept_for_bot, KEPT_WORDS.refusal(fullName(this.rules.scenario, seat)));
    // Every claim of this game's seats goes through this room, so what it holds is current.
    const held = this.controller.claimedSeats().has(seat);
    if (!held) return;
    const code = teamCode && (await this.storageRead(() => this.teamCodes())).get(seat);
    if (code && safeEqual(code, teamCode.toUpperCase().replace(/[^A-Z0-9]/g, ""))) return;
    const name = this.rules.scenario.actors[seat]?.name ?? seat;
    throw refuse(
      403,
      ACCESS_ERRORS.seat_taken,
      teamCode
        ? `that is not ${possessive(name)} team code: check it with the team or the facilitator (it has 12 letters and digits), or press Ask to join`
        : `${name} is held by its team: type the team code a teammate or the facilitator gives you, or press Ask to join`,
    );
  }

  async onJoin(client: Client, _options: unknown, auth: JoinAuth) {
    this.deps.addresses.pending.release(auth.pending);
    const { actor, ip } = auth;
    // The facilitator always gets in, counted or not.
    const counted = this.deps.addresses.connections.tryAdd(ip);
    if (!counted && actor.role !== "facilitator") throw refuse(429, ACCESS_ERRORS.busy, "too many connections from your address");
    const viewer = viewerOf(actor);
    let token = auth.token;
    // What the joiner is sent of the past is read before anything is kept: a database that
    // cannot be read refuses the join with server/storage_error and leaves nothing behind.
    let past: { chat: PackedChat[]; log: { reports: TurnReport[]; history: HistoryPoint[] } };
    let codes: { teamCodes?: Record<ActorId, string> };
    // A function, not an inline test: the state changes while the join awaits.
    const gone = () => client.state === ClientState.LEAVING;
    let claimedNow = false;
    try {
      past = await this.storageRead(async () => {
        const [chat, log] = await Promise.all([this.chatFor(viewer), this.controller.log()]);
        return { chat, log: this.logFor(viewer, log) };
      });
      // Gone while the past was read (a closed tab): no seat is claimed for nobody.
      if (gone()) throw refuse(499, ACCESS_ERRORS.left, "the connection closed while joining");
      claimedNow = token === undefined;
      token ??= await this.admit(actor, auth.teamCode);
      codes = await this.teamCodesFor(actor);
      // Gone while the claim was stored: nobody received the credential, so the seat must not stay
      // held by them (they could not come back to it, and others would need the team code).
      if (gone()) {
        if (claimedNow && actor.seat !== null && actor.person !== undefined) await this.controller.withdrawClaim(actor.person, actor.name, actor.seat);
        throw refuse(499, ACCESS_ERRORS.left, "the connection closed while joining");
      }
    } catch (e) {
      if (counted) this.deps.addresses.connections.remove(ip);
      throw e;
    }
    this.clearIdle();
    const tokenHash = hashToken(token);
    // A second tab with the same seat credential takes over: the older connection is told why and
    // closed. The facilitator's console may be open on several screens at once (laptop + tablet).
    for (const other of this.clients) {
      const conn = this.conns.get(other.sessionId);
      if (other !== client && conn?.tokenHash === tokenHash && actor.role !== "facilitator") {
        conn.kicked = true;
        other.send(ROOM_MESSAGES.takeover, { reason: "This seat was opened in another tab or window." });
        other.leave(CLOSE_TAKEN_OVER, "taken over by another connection");
      }
    }
    if (actor.seat) this.seenSeats.add(actor.seat);
    // Back with the credential: it reached its holder, whether or not the first welcome did.
    if (!claimedNow && actor.role === "player" && actor.person !== undefined) this.background("keeping a delivered seat claim", this.controller.credentialDelivered(actor.person));
    this.conns.set(client.sessionId, { actor, viewer, tokenHash, connected: true, ip, counted, projector: auth.projector === true });
    client.view = new StateView();
    if (viewer !== "observer") {
      client.view.add(this.mirror.slot(viewer));
      this.mirror.setViewer(viewer, this.view(viewer));
    }
    const credential: SeatCredential = { gameId: this.roomId, token, role: actor.role, seat: actor.seat, name: actor.name, ...(actor.person !== undefined && actor.seat ? { person: actor.person } : {}) };
    client.send(ROOM_MESSAGES.welcome, { credential, viewer, ...codes } satisfies Welcome);
    client.send(ROOM_MESSAGES.chatHistory, past.chat);
    if (viewer === "facilitator") client.send(ROOM_MESSAGES.scheduled, this.controller.control.scheduledList());
    this.sendPendingRequests(client, actor);
    this.sendLog(client, past.log);
    // A newly claimed seat may stop being a bot seat, so the public part changes too.
    this.dirty = true;
    this.scheduleFlush();
    // A person back at a locked seat may be the last one the turn was waiting for (after a restart).
    this.background("checking the turn after a join", this.controller.maybeResolve());
  }

  /**
   * Turns a claim into a credential, at join time (a reservation nobody uses holds no seat). The
   * seat is checked again: someone may have taken it since the reservation. Check and claim are
   * one change of the game (exclusive), so two joins cannot both take a free seat.
   */
  private admit(actor: Actor, teamCode: string | undefined): Promise<string> {
    return this.controller.exclusive(async () => {
      if (actor.seat !== null) await this.checkSeatClaim(actor.seat, teamCode);
      const token = newToken();
      try {
        if (actor.seat !== null) await this.controller.replaceNamesake(actor.seat, actor.name, this.inUse());
        if (actor.seat !== null) actor.teamRole = this.teams.newcomerRole(actor.seat);
        actor.person = await this.deps.store.addCredential(token, { gameId: this.roomId, role: actor.role, seat: actor.seat, name: actor.name, teamRole: actor.teamRole ?? null }, this.deps.clock.now());
      } catch (e) {
        if (e instanceof StorageError) throw refuse(503, "server/storage_error", "the game's database refused the join; tell the host");
        throw e;
      }
      if (actor.seat !== null) await this.afterClaim(actor.seat);
      return token;
    });
  }

  /** Whether a person has a connection here (connected or briefly away). */
  private inUse(): (person: number) => boolean {
    const here = new Set([...this.conns.values()].filter((c) => !c.left).map((c) => c.actor.person));
    return (person) => here.has(person);
  }

  /** A seat's credential was stored: the teams are read again, and the claim may start a full game. */
  private async afterClaim(seat: ActorId): Promise<void> {
    try {
      await this.controller.seatClaimed(seat);
    } catch (e) {
      // The credential is kept (and the seat counts as held); the teams are read again with the next claim or reopening.
      if (!(e instanceof StorageError)) throw e;
      this.noticeStorage(`The game's database failed (${e.sqliteCode}).`);
    }
  }

  /** Work started from a hook that does not wait for it: a failure is logged, never left unhandled. */
  private background(what: string, work: Promise<unknown>): void {
    work.catch((e: unknown) => {
      console.error(`game ${this.roomId}: ${what} failed: ${(e as Error).message}`);
      if (e instanceof StorageError) this.noticeStorage(`The game's database failed (${e.sqliteCode}).`);
    });
  }

  onDrop(client: Client, code?: number) {
    const conn = this.conns.get(client.sessionId);
    if (!conn) return;
    conn.connected = false;
    this.dropSeatRequests(client.sessionId);
    this.refreshSeats();
    this.patchSoon();
    // Kicked (second tab) or flooding (closed with an error) connections may not come back on
    // their token; a flooder may not rejoin on its credential for a while either.
    // Colyseus counts messages per second on the client and cuts it with 4002 past the limit.
    const flooded = ((client as unknown as { _numMessagesLastSecond?: number })._numMessagesLastSecond ?? 0) > this.maxMessagesPerSecond;
    if (code === CloseCode.WITH_ERROR && flooded) this.deps.addresses.penalties.add(conn.tokenHash);
    if (conn.kicked || code === CloseCode.WITH_ERROR) return;
    this.allowReconnection(client, this.deps.reconnectSeconds).catch(() => {});
  }

  /** Sends the seats' connected flags changed outside a flush (drops, returns, leaves). */
  private patchScheduled = false;
  private patchSoon(): void {
    if (this.patchScheduled) return;
    this.patchScheduled = true;
    setImmediate(() => {
      this.patchScheduled = false;
      if (!this.disposed) this.broadcastPatch();
    });
  }

  async onReconnect(client: Client) {
    const conn = this.conns.get(client.sessionId);
    if (!conn) return;
    conn.connected = true;
    this.refreshSeats();
    this.patchSoon();
    this.sendPendingRequests(client, conn.actor);
    // What was said and resolved while the connection was away comes again from the store; if
    // the store cannot be read, the player is back with what the page already had, and told.
    try {
      const chat = await this.chatFor(conn.viewer);
      const log = this.logFor(conn.viewer, await this.controller.log());
      client.send(ROOM_MESSAGES.chatHistory, chat);
      this.sendLog(client, log);
    } catch (e) {
      client.send(ROOM_MESSAGES.error, this.storageReply(e, ROOM_MESSAGES.reportHistory));
    }
    if (conn.viewer === "facilitator") client.send(ROOM_MESSAGES.scheduled, this.controller.control.scheduledList());
    this.background("checking the turn after a reconnection", this.controller.maybeResolve());
  }

  onLeave(client: Client) {
    // Done with for good (a reconnection keeps the view, but onLeave comes after that is over).
    // Undisposed, schema's FinalizationRegistry holds the room's whole encoder state until it
    // runs, so closed rooms outlived their last client (bench:load, cycles).
    client.view?.dispose();
    const conn = this.conns.get(client.sessionId);
    if (conn?.counted) this.deps.addresses.connections.remove(conn.ip);
    this.conns.delete(client.sessionId);
    this.dropSeatRequests(client.sessionId);
    this.refreshSeats();
    this.patchSoon();
    this.background("checking the turn after a leave", this.controller.maybeResolve());
    if (this.conns.size === 0) this.armIdle(this.deps.limits.idleRoomSeconds);
  }

  onDispose() {
    this.disposed = true;
    this.clearIdle();
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.controller?.stop();
    for (const client of this.clients) client.view?.dispose();
    for (const conn of this.conns.values()) if (conn.counted) this.deps.addresses.connections.remove(conn.ip);
    this.conns.clear();
    if (this.controller) this.deps.closed?.(this.roomId);
  }

  /** Last resort: an exception escaping a handler is logged and the room keeps running. */
  onUncaughtException(error: Error, methodName: string) {
    console.error(`game ${this.roomId}: ${methodName} failed: ${error.message}`);
  }

  private answerAct(client: Client, ctx: MessageContext, reply: ActReply): ActReply | Promise<ActReply> | undefined {
    if (ctx.id === undefined) {
      if (!reply.ok) client.send(ROOM_MESSAGES.error, reply.error);
      return undefined;
    }
    // An accepted request is answered after the patch with its effect, so the sender reads its own write.
    return reply.ok ? this.afterFlush().then(() => reply) : reply;
  }

  /** Validates and applies one client message, within the seat's budget. */
  private act(client: Client, payload: unknown): ActReply | Promise<ActReply> {
    const conn = this.conns.get(client.sessionId);
    if (!conn || conn.left) return { ok: false, error: { code: "auth/unknown_connection", message: "Join the game first." } };
    const parsed = ClientMessage.safeParse(payload);
    if (!parsed.success) return { ok: false, error: invalidMessage(payload, parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")) };
    // Budgets are per seat (or per credential for observers), so reconnecting does not refill them.
    const key = conn.viewer === "observer" ? `${this.roomId}/obs/${conn.tokenHash}` : `${this.roomId}/${conn.viewer}`;
    const isChat = parsed.data.type === "chat";
    if (!(isChat ? this.deps.budgets.chat : this.deps.budgets.act).take(key)) return { ok: false, error: rateLimited(parsed.data.type) };
    if (isChat && this.chatFull()) return { ok: false, error: { code: code("chat/full"), message: "This game's chat has reached its size limit.", request: "chat" } };
    return this.controller.handle(conn.actor, parsed.data).catch((e: unknown): ActReply => {
      // handle() answers bad input and storage failures itself; anything else is a server fault.
      console.error(`game ${this.roomId}: ${parsed.data.type} failed: ${(e as Error).message}`);
      return { ok: false, error: { code: "server/error", message: "The server could not apply that; try again.", request: parsed.data.type } };
    });
  }

  /** The connection of a large request within its budgets (per credential and per address), or a rejection. */
  private heavy(client: Client, request: string, ctx: MessageContext): Connection | undefined {
    const conn = this.conns.get(client.sessionId);
    if (!conn) {
      ctx.reject({ code: "auth/unknown_connection", message: "Join the game first.", request });
      return undefined;
    }
    if (!this.deps.budgets.heavy.take(conn.tokenHash) || !this.deps.budgets.heavyAddress.take(conn.ip)) {
      ctx.reject(rateLimited(request));
      return undefined;
    }
    return conn;
  }

  /** The game's chat messages so far: read when the room opens, counted up as messages are stored. */
  private chatCount = 0;
  private chatFull(): boolean {
    return this.chatCount >= this.deps.limits.chatPerGame;
  }

  /** The scenario as a viewer may see it (JSON bytes). */
  private scenarioFor(viewer: string): Uint8Array {
    return scenarioBytes(this.deps.engine, this.rules, viewer, this.scenario);
  }

  /** A reply for a failed read or write. */
  private storageReply(e: unknown, request: string): ErrorReply {
    if (!(e instanceof StorageError)) throw e;
    this.noticeStorage(`The game's database failed (${e.sqliteCode}).`);
    return { code: code("server/storage_error"), message: "The game's database could not be read or written; tell the host.", request };
  }

  /** Runs a read for a join; a storage failure refuses the join with 503. */
  private async storageRead<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      if (e instanceof StorageError) throw refuse(503, "server/storage_error", "the game's database cannot be read; tell the host");
      throw e;
    }
  }

  /** Tells the facilitator's connections (at most every 10 s) that the database is failing. */
  private noticeStorage(message: string): void {
    const now = Date.now();
    if (now - this.lastStorageNotice < 10_000) return;
    this.lastStorageNotice = now;
    for (const client of this.clients) {
      if (this.conns.get(client.sessionId)?.actor.role === "facilitator")
        client.send(ROOM_MESSAGES.error, { code: "server/storage_error", message } satisfies ErrorReply);
    }
  }

  // ---- joining a held seat's team ----

  /** Each seat's team code, created on first use and then kept (a code never changes). */
  private codes: Map<ActorId, string> | undefined;
  private async teamCodes(): Promise<Map<ActorId, string>> {
    this.codes ??= await this.deps.store.teamCodes(this.roomId, this.controller.seats, newTeamCode);
    return this.codes;
  }

  /** The team codes a joiner gets: its own seat's for a player, every seat's for the facilitator. */
  private async teamCodesFor(actor: Actor): Promise<{ teamCodes?: Record<ActorId, string> }> {
    if (actor.role === "observer" || this.controller.isOver()) return {};
    try {
      const all = await this.teamCodes();
      if (actor.role === "facilitator") return { teamCodes: Object.fromEntries(all) };
      const mine = actor.seat ? all.get(actor.seat) : undefined;
      return mine ? { teamCodes: { [actor.seat!]: mine } } : {};
    } catch (e) {
      if (e instanceof StorageError) return {};
      throw e;
    }
  }

  /** An observer asks to join a held seat's team; its holders and the facilitator are asked. */
  private askSeat(client: Client, conn: Connection, payload: unknown): AskSeatReply | { ok: false; error: ErrorReply } {
    const request = ROOM_MESSAGES.askSeat;
    const parsed = AskSeat.safeParse(payload);
    if (!parsed.success) return { ok: false, error: { code: "message/invalid", message: "Ask for {seat}.", request } };
    const { seat } = parsed.data;
    if (conn.actor.role !== "observer") return { ok: false, error: { code: code("role/not_observer"), message: "Only an observer asks to join a seat.", request } };
    if (!this.controller.seats.includes(seat)) return { ok: false, error: { code: "seat/unknown", message: `No seat ${seat}.`, request } };
    if (this.controller.isOver()) return { ok: false, error: { code: "game/over", message: "The game has ended.", request } };
    if (isKept(this.controller.record, seat)) return { ok: false, error: { code: code("seat/kept_for_bot"), message: KEPT_WORDS.refusal(fullName(this.rules.scenario, seat)), request } };
    this.dropSeatRequests(client.sessionId);
    // Nobody holds it (its last person left): nothing to ask, the asker may take it.
    if (!this.controller.claimedSeats().has(seat)) return { ok: true, id: "", reached: "free" };
    const id = newToken().slice(0, 12);
    const entry = { id, seat, name: conn.actor.name, sessionId: client.sessionId };
    this.seatRequests.set(id, entry);
    const out: SeatRequest = { id, seat, name: conn.actor.name };
    const audience = this.requestAudience(seat);
    for (const other of audience) other.send(ROOM_MESSAGES.seatRequest, out);
    // Whom it reached now, so the asker's card can say when nobody can answer yet.
    const roles = audience.map((c) => this.conns.get(c.sessionId)).filter((c) => c?.connected && !c.left).map((c) => c!.actor.role);
    return { ok: true, id, reached: roles.includes("player") ? "team" : roles.includes("facilitator") ? "facilitator" : "nobody" };
  }

  /** Who answers requests for a seat: its holders and the facilitator. */
  private requestAudience(seat: ActorId): Client[] {
    return this.clients.filter((other) => {
      const c = this.conns.get(other.sessionId);
      return c !== undefined && (c.actor.role === "facilitator" || (c.actor.role === "player" && c.actor.seat === seat));
    });
  }

  /** Requests made before this person came (or came back) are theirs to answer too. */
  private sendPendingRequests(client: Client, actor: Connection["actor"]): void {
    for (const r of this.seatRequests.values()) {
      if (actor.role === "facilitator" || (actor.role === "player" && actor.seat === r.seat)) client.send(ROOM_MESSAGES.seatRequest, { id: r.id, seat: r.seat, name: r.name } satisfies SeatRequest);
    }
  }

  /** A request stops waiting: everyone who was asked takes it off their screen. */
  private closeSeatRequest(r: SeatRequest): void {
    this.seatRequests.delete(r.id);
    for (const other of this.requestAudience(r.seat)) other.send(ROOM_MESSAGES.seatRequestClosed, { id: r.id } satisfies SeatRequestClosed);
  }

  /** A seat holder (of that seat) or the facilitator lets the asker in, or not. */
  private async answerSeat(client: Client, payload: unknown): Promise<{ ok: true } | { ok: false; error: ErrorReply }> {
    const request = ROOM_MESSAGES.answerSeat;
    const conn = this.conns.get(client.sessionId);
    const parsed = AnswerSeat.safeParse(payload);
    if (!conn || !parsed.success) return { ok: false, error: { code: "message/invalid", message: "Answer {id, approve}.", request } };
    const r = this.seatRequests.get(parsed.data.id);
    const allowed = r && (conn.actor.role === "facilitator" || (conn.actor.role === "player" && conn.actor.seat === r.seat));
    // Unknown and not-yours look the same: requests to other teams stay private.
    if (!r || !allowed) return { ok: false, error: { code: code("seat/unknown_request"), message: "No such request for your team.", request } };
    const asker = this.clients.find((c) => c.sessionId === r.sessionId);
    // Nobody would receive the credential: a seat given to nobody is a phantom teammate.
    if (!asker || this.conns.get(asker.sessionId)?.connected === false) {
      this.closeSeatRequest(r);
      return { ok: false, error: { code: code("seat/asker_gone"), message: `${r.name} is no longer waiting: they left the game.`, request } };
    }
    if (!parsed.data.approve) {
      this.closeSeatRequest(r);
      asker.send(ROOM_MESSAGES.seatAnswer, { seat: r.seat, approved: false } satisfies SeatAnswer);
      return { ok: true };
    }
    const token = newToken();
    this.seatRequests.delete(r.id);
    const stored = await this.controller.exclusive(async () => {
      try {
        await this.controller.replaceNamesake(r.seat, r.name, this.inUse());
        await this.deps.store.addCredential(token, { gameId: this.roomId, role: "player", seat: r.seat, name: r.name, teamRole: this.teams.newcomerRole(r.seat) }, this.deps.clock.now());
      } catch (e) {
        return { ok: false as const, error: this.storageReply(e, request) };
      }
      await this.afterClaim(r.seat);
      return undefined;
    });
    if (stored) {
      this.seatRequests.set(r.id, r);
      return stored;
    }
    this.closeSeatRequest(r);
    const credential: SeatCredential = { gameId: this.roomId, token, role: "player", seat: r.seat, name: r.name };
    asker.send(ROOM_MESSAGES.seatAnswer, { seat: r.seat, approved: true, credential } satisfies SeatAnswer);
    this.dirty = true;
    this.scheduleFlush();
    return { ok: true };
  }

  private dropSeatRequests(sessionId: string): void {
    for (const r of [...this.seatRequests.values()]) if (r.sessionId === sessionId) this.closeSeatRequest(r);
  }

  // ---- closing when nobody is here ----

  /** Someone looked the game up to join it: an empty room stays open a while longer. */
  keepAlive(): void {
    if (this.conns.size === 0 && !this.disposed) this.armIdle(this.deps.limits.unjoinedRoomSeconds);
  }

  private armIdle(seconds: number): void {
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.disposed || this.conns.size > 0 || this.clients.length > 0) return;
      if (this.deps.addresses.pending.pendingFor(this.roomId) > 0) return this.armIdle(seconds);
      this.disconnect().catch(() => undefined);
    }, seconds * 1000);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }

  /**
   * Changes are mirrored and sent once per event-loop turn, so a burst of messages (five
   * players locking in at once) costs one refresh of the views, not five. A resolved turn's
   * reports follow its patch.
   */
  private flush(): void {
    this.flushScheduled = false;
    if (this.disposed) return;
    try {
      this.flushNow();
    } catch (e) {
      // Runs from setImmediate: nothing may escape (it would end the process).
      console.error(`game ${this.roomId}: sending changes failed: ${(e as Error).message}`);
      if (e instanceof StorageError) this.noticeStorage(`The game's database failed (${e.sqliteCode}).`);
      const waiting = this.flushWaiters;
      this.flushWaiters = [];
      for (const done of waiting) done();
    }
  }

  private flushNow(): void {
    const timed = this.deps.timings && this.pendingReport && this.resolvedAtPerf !== undefined;
    const waited = timed ? cpuWaitNs() : Number.NaN;
    const t0 = performance.now();
    let refreshed = t0;
    if (this.dirty) {
      this.dirty = false;
      this.refresh();
      refreshed = performance.now();
      this.broadcastPatch();
    }
    if (this.pendingReport && this.resolvedAtPerf !== undefined) {
      const sent = performance.now();
      this.deps.timings?.record(sent - this.resolvedAtPerf, refreshed - t0, sent - refreshed, (cpuWaitNs() - waited) / 1e6);
      this.resolvedAtPerf = undefined;
    }
    const report = this.pendingReport;
    this.pendingReport = undefined;
    if (report) this.sendReports(report);
    const held = this.heldInjects;
    this.heldInjects = [];
    for (const entry of held) this.sendInject(entry);
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

  /**
   * A resolved turn goes out as soon as the handler that resolved it returns (a microtask), not
   * after every other message already read in this event-loop turn: under load that wait was
   * most of the turn's delivery time (bench:load, 20 rooms: 8 ms of 17 on average).
   */
  private flushSoon(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
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
        if (this.pendingReport) this.flushSoon();
        else this.scheduleFlush();
      },
      chat: (msg) => {
        this.chatCount++;
        this.sendChat(msg);
      },
      resolved: (report) => {
        this.pendingReport = report;
        this.resolvedAt = this.deps.clock.now();
        this.resolvedAtPerf = performance.now();
      },
      injected: (entry) => (this.pendingReport ? this.heldInjects.push(entry) : this.sendInject(entry)),
      seated: (person, change) => this.reseat(person, change),
      rewound: () => {
        // A rolled-back turn's report and history point are gone: every connection gets its log again.
        this.background(
          "sending the log again after a rollback",
          this.controller.log().then((all) => {
            for (const client of this.clients) {
              const conn = this.conns.get(client.sessionId);
              if (!conn) continue;
              this.sendLog(client, this.logFor(conn.viewer, all));
            }
          }),
        );
      },
      storageFailed: (message) => this.noticeStorage(message),
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
  /** Sends a viewer's reports (compact) and history points, replacing what the client holds. */
  private sendLog(client: Client, log: { reports: TurnReport[]; history: HistoryPoint[] }): void {
    client.send(ROOM_MESSAGES.reportHistory, log.reports.map((r) => compact(this.scenario, r)));
    client.send(ROOM_MESSAGES.history, log.history);
  }

  private logFor(viewer: string, log: { reports: TurnReport[]; history: HistoryPoint[] }): { reports: TurnReport[]; history: HistoryPoint[] } {
    const { state } = this.controller;
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
    this.state.scoreboard = this.controller.control.scoreboard();
    this.refreshSeats();
    this.sendScheduled();
  }

  /** Injects scheduled for later turns go to the facilitator's connections only (nobody else may know them), when they change. */
  private sendScheduled(): void {
    const facilitators = this.clients.filter((c) => this.conns.get(c.sessionId)?.viewer === "facilitator");
    if (facilitators.length === 0) return;
    const list: ScheduledInject[] = this.controller.control.scheduledList();
    const json = JSON.stringify(list);
    if (json === this.scheduledSent) return;
    this.scheduledSent = json;
    for (const f of facilitators) f.send(ROOM_MESSAGES.scheduled, list);
  }

  private refreshSeats(): void {
    const people = this.teams.people();
    const claimedSet = new Set(people.map((p) => p.seat));
    const online = new Set([...this.conns.values()].filter((c) => c.connected && c.actor.person !== undefined).map((c) => c.actor.person));
    for (const seat of this.controller.seats) {
      let s = this.state.seats.get(seat);
      if (!s) {
        s = new SeatState();
        s.name = this.rules.scenario.actors[seat]?.name ?? seat;
        this.state.seats.set(seat, s);
      }
      s.bot = this.controller.isBot(seat, claimedSet);
      s.kept = isKept(this.controller.record, seat);
      s.locked = Boolean(this.controller.state.locked[seat]);
      const team = people.filter((p) => p.seat === seat);
      const same =
        s.players.length === team.length &&
        team.every((p, i) => {
          const x = s.players[i];
          return x?.id === p.id && x.name === p.name && x.role === this.teams.roleOf(p) && x.connected === online.has(p.id);
        });
      if (!same) {
        s.players.clear();
        for (const p of team) s.players.push(new PlayerInfo({ name: p.name, connected: online.has(p.id), role: this.teams.roleOf(p), id: p.id }));
      }
    }
  }

  /**
   * Seats with a connected (or briefly reconnecting) human who is not replaced by a bot; right
   * after the room opened, also the seats whose people have not had the time to come back.
   */
  private connectedHumanSeats(): Set<ActorId> {
    const out = new Set<ActorId>();
    for (const c of this.conns.values()) if (c.actor.role === "player" && c.actor.seat) out.add(c.actor.seat);
    const claimed = this.controller?.claimedSeats() ?? new Set<ActorId>();
    if (out.size > 0 && Date.now() < this.graceUntil) for (const seat of claimed) if (!this.seenSeats.has(seat)) out.add(seat);
    for (const seat of out) if (this.controller?.isBot(seat, claimed)) out.delete(seat);
    return out;
  }

  /** The last page of chat this viewer may read (sent on join); older pages come on request. */
  private async chatFor(viewer: string): Promise<PackedChat[]> {
    return (await this.chatPage(viewer)).messages;
  }

  private async chatPage(viewer: string, before?: number): Promise<ChatPage> {
    const toMsg = (a: { id: number; payload: unknown }): ChatMessage => ({ id: `c${a.id}`, ...(a.payload as Omit<ChatMessage, "id">) });
    const page = await this.deps.store.pageOfKind(this.roomId, "chat", this.deps.limits.chatPage, (a) => canRead(toMsg(a), viewer), before);
    return { messages: page.items.map((a) => packChat(toMsg(a))).reverse(), more: page.more };
  }

  /** Encoded once for everyone who may read it (Colyseus's broadcast), not once per connection. */
  private sendChat(msg: ChatMessage): void {
    const except = this.clients.filter((client) => {
      const conn = this.conns.get(client.sessionId);
      return !conn || !canRead(msg, conn.viewer);
    });
    this.broadcast(ROOM_MESSAGES.chat, packChat(msg), except.length > 0 ? { except } : {});
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
        const point = this.controller.history.at(-1);
        out = {
          push: point && { report: compact(this.scenario, mine), point: historyPointFor(this.view(conn.viewer), engine.historyFor(point, conn.viewer, over)) },
          // At the end secret scores are revealed, so every point changes: send them all.
          history: over ? this.controller.history.map((p) => engine.historyFor(p, conn.viewer, over)) : undefined,
        };
        perViewer.set(conn.viewer, out);
      }
      if (out.push) client.send(ROOM_MESSAGES.report, out.push);
      if (out.history) client.send(ROOM_MESSAGES.history, out.history);
    }
    this.background("sending past reports again", this.resendExposed(report.turn));
  }

  /**
   * A covert action found out this turn shows in full in the past reports that mention it, as it
   * does for someone joining now: those reports are sent again to the connections already here,
   * so a long-connected player and a late joiner read the same history.
   */
  private async resendExposed(turn: number): Promise<void> {
    const exposed = new Set(this.controller.state.covert.filter((x) => x.discovered !== undefined && !this.exposedSent.has(x.id)).map((x) => x.id));
    if (exposed.size === 0) return;
    let past: TurnReport[];
    try {
      past = (await this.controller.log()).reports.filter((r) => r.turn < turn && mentionsAny(r, exposed));
    } catch (e) {
      // Tried again after the next turn; a reload gets the full reports meanwhile.
      this.storageReply(e, ROOM_MESSAGES.reportHistory);
      return;
    }
    for (const id of exposed) this.exposedSent.add(id);
    if (past.length === 0) return;
    const perViewer = new Map<string, PackedReport[]>();
    for (const client of this.clients) {
      const conn = this.conns.get(client.sessionId);
      // The facilitator saw every entry all along.
      if (!conn || conn.viewer === "facilitator") continue;
      let list = perViewer.get(conn.viewer);
      if (!list) perViewer.set(conn.viewer, (list = this.logFor(conn.viewer, { reports: past, history: [] }).reports.map((r) => compact(this.scenario, r))));
      client.send(ROOM_MESSAGES.reportHistory, list);
    }
  }

  /**
   * A person was moved or removed by the facilitator. A new role on the same seat applies at once;
   * a new seat needs a new view, so the connection is closed with a reason and comes back on its
   * credential; a removed person's connection is closed for good.
   */
  private reseat(person: number, change: { seat: ActorId; teamRole: string } | null): void {
    for (const client of this.clients) {
      const conn = this.conns.get(client.sessionId);
      if (!conn || conn.actor.person !== person) continue;
      if (change && change.seat === conn.actor.seat) {
        conn.actor.teamRole = change.teamRole;
        continue;
      }
      conn.kicked = true;
      const name = change ? (this.rules.scenario.actors[change.seat]?.name ?? change.seat) : "";
      client.leave(change ? CLOSE_RESEATED : CLOSE_REMOVED, change ? `The facilitator moved you to ${name}.` : "The facilitator removed you from the game.");
    }
  }

  /** Sends an inject to everyone who may see it at once, then confirms it to the facilitator's connections. */
  private sendInject(entry: ReportEntry): void {
    // People, not connections: a student with two tabs is one; the projector is a screen, not a person.
    const people = new Set<string>();
    let projectors = 0;
    let observers = 0;
    const facilitators: Client[] = [];
    for (const client of this.clients) {
      const conn = this.conns.get(client.sessionId);
      if (!conn) continue;
      const v = entry.visibility;
      if (conn.viewer === "facilitator") facilitators.push(client);
      else if (v === "public" || v.seats.includes(conn.viewer)) {
        const a = conn.actor;
        if (a.role === "player") people.add(a.person !== undefined ? `#${a.person}` : `${a.seat}:${a.name}`);
        else if (conn.projector) projectors++;
        else observers++;
      } else continue;
      client.send(ROOM_MESSAGES.inject, entry);
    }
    const done: InjectDelivered = { id: entry.id, headline: entry.headline, players: people.size, projectors, observers };
    for (const f of facilitators) f.send(ROOM_MESSAGES.injectDelivered, done);
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

/** Seconds a reservation waits for its socket (the matchmaker's own default is 15). */
export const RESERVATION_SECONDS = 15;

/** Compares two codes in constant time. */
function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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

/**
 * The scenario per rules and viewer as UTF-8 JSON, built once and shared by every room of those
 * rules: it is ~80 KB per viewer, so it is never rebuilt or re-encoded per request (a reply of
 * bytes is copied, not packed again), and held once, not by each room (650 KB a room).
 */
const scenarioJson = new WeakMap<Rules, Map<string, Uint8Array>>();
function scenarioBytes(engine: EnginePort, rules: Rules, viewer: string, observer: PublicScenario): Uint8Array {
  let byViewer = scenarioJson.get(rules);
  if (!byViewer) scenarioJson.set(rules, (byViewer = new Map()));
  let bytes = byViewer.get(viewer);
  if (!bytes) {
    bytes = new TextEncoder().encode(JSON.stringify(viewer === "observer" ? observer : engine.publicScenario(rules, viewer)));
    byViewer.set(viewer, bytes);
  }
  return bytes;
}

/** A GameRoom class bound to this server's store, clock and engine. */
export function makeGameRoom(deps: RoomDeps): typeof GameRoom {
  return class BoundGameRoom extends GameRoom {
    static deps = deps;
  };
}
