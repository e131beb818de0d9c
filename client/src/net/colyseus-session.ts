// GameSession over a Colyseus room. Keeps a plain snapshot for the UI, turns UI intents into
// "act" messages, and comes back after a drop: first with the reconnection token (same session,
// while the server still runs), then with the seat credential (after a server restart or a
// long absence). A connection replaced by another tab does not fight back.
import type { Room } from "@colyseus/sdk";
import type { ActorId, Answer, HistoryPoint, Order, ReportEntry, TurnReport, Vote } from "../../../shared/engine/index.ts";
import type { PublicScenario } from "../../../shared/engine/index.ts";
import {
  CLOSE_REMOVED,
  CLOSE_RESEATED,
  CLOSE_TAKEN_OVER,
  ROOM_MESSAGES,
  type ActReply,
  type AskSeatReply,
  type Channel,
  type PackedChat,
  unpackChat,
  type ChatPage,
  type ClientMessage,
  type ErrorReply,
  type InjectDelivered,
  type ScheduledInject,
  type ForkReply,
  type FacilitatorAction,
  type GameSnapshot,
  type JoinOptions,
  type Opinions,
  type SeatAnswer,
  type SeatCredential,
  type SeatRequest,
  type SeatRequestClosed,
  type TurnPush,
  type Welcome,
} from "../../../shared/protocol.ts";
import { unpackReport, type PackedReport } from "../../../shared/report-codec.ts";
import { HookedClient, tapFrames } from "./sdk.ts";
import type { ConnectionStatus, GameSession, LostCause } from "./session-types.ts";
import { SnapshotBuilder, type RoomStateLike } from "./state-mirror.ts";

export interface SessionOptions {
  /** Server URL, e.g. http://localhost:2567. */
  url: string;
  /** Sees every raw frame from the server (tests and the bench measure with it). */
  tap?: (bytes: Uint8Array) => void;
  /** How long to keep trying to come back after a drop, in ms (default 60 s). */
  retryForMs?: number;
}

type Listener<T> = (v: T) => void;

const CONSENTED = 4000;
/** How long leave() waits for the server to close the socket before closing it itself. */
const LEAVE_WAIT_MS = 3000;
/** Moves kept while reconnecting; a page that keeps clicking past this gets an error instead. */
const OUTBOX_MAX = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out`)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** The "scenario" reply: UTF-8 JSON bytes (the server encodes it once per game and viewer). */
export function decodeScenario(reply: unknown): PublicScenario {
  return (reply instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(reply)) : reply) as PublicScenario;
}

export class ColyseusSession implements GameSession {
  credential!: SeatCredential;
  scenario!: PublicScenario;
  /** The engine viewer ("CHN", "observer", "facilitator"). */
  viewer = "observer";
  /** Team codes to share: a player's own seat's, or every seat's for the facilitator. */
  teamCodes: Record<string, string> = {};

  private room!: Room;
  private builder!: SnapshotBuilder;
  private snap!: GameSnapshot;
  /** Changes arrived that the snapshot does not show yet (nobody was listening). */
  private stale = false;
  private welcomed: ((w: Welcome) => void) | undefined;
  private leaving = false;
  private takenOver = false;
  /** False from a drop until the session is back on a room; acts wait in the outbox meanwhile. */
  private online = true;
  /** The session gave up (lost, taken over, left): acts are refused at once. */
  private gaveUp = false;
  private outbox: ClientMessage[] = [];
  /** Joined as the projector link's screen: said again when coming back with the credential. */
  private projector = false;
  /** Requests made while reconnecting, waiting for the session to be back (or to give up). */
  private waitingForBack: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private changeListeners = new Set<Listener<GameSnapshot>>();
  private reportListeners = new Set<Listener<TurnReport>>();
  private errorListeners = new Set<Listener<ErrorReply>>();
  private statusListeners = new Set<(s: ConnectionStatus, reason?: string, cause?: LostCause) => void>();
  private injectListeners = new Set<Listener<ReportEntry>>();
  private deliveredListeners = new Set<Listener<InjectDelivered>>();
  private seatRequestListeners = new Set<Listener<SeatRequest>>();
  private seatRequestsListeners = new Set<Listener<SeatRequest[]>>();
  /** Requests waiting for this connection's answer, kept from the moment they arrive (before any panel is drawn). */
  private pendingRequests = new Map<string, SeatRequest>();
  private seatAnswerListeners = new Set<Listener<SeatAnswer>>();

  /** Reports arrive with entries the scenario completes; those that come before it wait here. */
  private scenarioReady: Promise<PublicScenario>;
  /** Resolves the first connection's wait for its first full state. */
  private firstState: (() => void) | undefined;
  private gotScenario!: (s: PublicScenario) => void;

  private constructor(private opts: SessionOptions) {
    this.scenarioReady = new Promise((resolve) => (this.gotScenario = resolve));
  }

  /** Joins a game room with a credential token or a seat claim; resolves once welcomed. */
  static async open(opts: SessionOptions, gameId: string, join: JoinOptions): Promise<ColyseusSession> {
    const s = new ColyseusSession(opts);
    await s.connect(gameId, join);
    return s;
  }

  snapshot(): GameSnapshot {
    if (this.stale) this.build();
    return this.snap;
  }

  /** The Colyseus room in use now (tests inspect it; the UI never should). */
  get currentRoom(): Room {
    return this.room;
  }

  onChange(cb: Listener<GameSnapshot>): () => void {
    return this.listen(this.changeListeners, cb);
  }
  onReport(cb: Listener<TurnReport>): () => void {
    return this.listen(this.reportListeners, cb);
  }
  onError(cb: Listener<ErrorReply>): () => void {
    return this.listen(this.errorListeners, cb);
  }
  onStatus(cb: (s: ConnectionStatus, reason?: string, cause?: LostCause) => void): () => void {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  }
  /** Facilitator injects this viewer may see, as they are fired. */
  onInject(cb: Listener<ReportEntry>): () => void {
    return this.listen(this.injectListeners, cb);
  }

  /** Facilitator: a what-if copy of the game from the start of `turn` (a new game in its waiting room). */
  async fork(turn: number, name?: string): Promise<ForkReply> {
    return (await this.ask(ROOM_MESSAGES.fork, { turn, ...(name ? { name } : {}) })) as ForkReply;
  }

  /** Facilitator: confirmation that an inject went out, with how many connections it reached. */
  onInjectDelivered(cb: Listener<InjectDelivered>): () => void {
    return this.listen(this.deliveredListeners, cb);
  }

  /** Requests to join this seat's team (seat holders) or any team (facilitator). */
  onSeatRequest(cb: Listener<SeatRequest>): () => void {
    return this.listen(this.seatRequestListeners, cb);
  }

  /** Every request waiting for an answer from this connection: now, and again whenever one comes or goes. */
  onSeatRequests(cb: Listener<SeatRequest[]>): () => void {
    cb([...this.pendingRequests.values()]);
    return this.listen(this.seatRequestsListeners, cb);
  }

  private requestsChanged(): void {
    const list = [...this.pendingRequests.values()];
    for (const cb of this.seatRequestsListeners) cb(list);
  }

  /** Observers: asks a held seat's team to let this person in; the answer comes to onSeatAnswer. */
  async askSeat(seat: string): Promise<AskSeatReply["reached"]> {
    return ((await this.ask(ROOM_MESSAGES.askSeat, { seat })) as AskSeatReply).reached;
  }

  /** A player leaves the team on the server (logged); the caller then leaves the room. */
  async leaveSeat(): Promise<void> {
    if (this.credential.role === "player") await this.ask(ROOM_MESSAGES.leaveSeat, {});
  }
  onSeatAnswer(cb: Listener<SeatAnswer>): () => void {
    return this.listen(this.seatAnswerListeners, cb);
  }

  /** Seat holders and the facilitator: lets the asker in (they get a credential for the seat), or not. */
  async answerSeatRequest(id: string, approve: boolean): Promise<void> {
    await this.ask(ROOM_MESSAGES.answerSeat, { id, approve });
  }

  /** Loads the page of chat before the oldest message held; false when there is nothing older. */
  async loadOlderMessages(): Promise<boolean> {
    const before = this.builder.oldestChatId();
    const page = (await this.ask(ROOM_MESSAGES.chatPage, before ? { before } : {})) as ChatPage;
    this.builder.addOlderChat(page.messages.map(unpackChat));
    this.rebuild();
    return page.more;
  }

  async fetchReports(): Promise<TurnReport[]> {
    const reports = (await this.requestPatiently(ROOM_MESSAGES.reports)) as TurnReport[];
    this.builder.addReports(reports);
    this.rebuild();
    return reports;
  }

  async opinions(a: ActorId, b: ActorId): Promise<Opinions> {
    return (await this.ask(ROOM_MESSAGES.opinions, { between: [a, b] })) as Opinions;
  }

  submitOrders(orders: Order[]): void {
    this.act({ type: "orders", turn: this.turn, orders });
  }
  lock(locked: boolean): void {
    this.act({ type: "lock", turn: this.turn, locked });
  }
  propose(order: Order): void {
    this.act({ type: "propose", turn: this.turn, order });
  }
  answer(proposalId: string, answer: Answer | Vote): void {
    this.act({ type: "answer", turn: this.turn, proposal: proposalId, answer });
  }
  choose(pendingId: string, option: string): void {
    this.act({ type: "choose", turn: this.turn, pending: pendingId, option });
  }
  chat(channel: Channel, text: string): void {
    this.act({ type: "chat", channel, text });
  }
  facilitate(command: FacilitatorAction): void {
    this.act({ type: "facilitate", turn: this.turn, command });
  }

  /** Sends a message and waits for the room's verdict (scripts and tests use it). */
  async request(msg: ClientMessage): Promise<ActReply> {
    return (await this.ask(ROOM_MESSAGES.act, msg)) as ActReply;
  }

  async exportDebrief(): Promise<unknown> {
    return this.ask(ROOM_MESSAGES.debrief);
  }

  /**
   * Leaves the game. The SDK's leave waits for the server to close the socket; a server that
   * cannot answer (frozen, or a socket already half gone) would keep it waiting for ever, so after
   * a few seconds the socket is closed from this side.
   */
  async leave(): Promise<void> {
    this.leaving = true;
    const room = this.room;
    const left = await Promise.race([room.leave(true).then(() => true, () => true), sleep(LEAVE_WAIT_MS).then(() => false)]);
    if (!left) room.connection?.close();
    this.goOffline("left the game", "left");
  }

  /**
   * A large request (scenario, reports) that waits and asks again while the server's budget for
   * this address is spent (a whole class joining from one school network at once).
   */
  private async requestPatiently(type: string): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.ask(type);
      } catch (e) {
        const code = (e as { reason?: { code?: string } }).reason?.code;
        if (code !== "request/rate_limited" || attempt >= 20) throw e;
        await sleep(500 + Math.random() * 1000);
      }
    }
  }

  private get turn(): number {
    return this.snapshot().view.turn;
  }

  /**
   * Sends now, or while the connection is being re-established keeps the message and sends it
   * once back: the SDK would queue it on the room being abandoned, where it is lost. Each message
   * names its turn, so one the game has moved past meanwhile comes back as "turn/stale".
   */
  private act(msg: ClientMessage): void {
    // Between a drop and the room's onLeave the socket is already closed: that counts as away.
    if (this.online && this.room.connection?.isOpen) this.room.send(ROOM_MESSAGES.act, msg);
    else if (this.gaveUp) this.failLocally(msg, "Not connected to the game.");
    else if (this.outbox.length < OUTBOX_MAX) this.outbox.push(msg);
    else this.failLocally(msg, "The connection is down and too many moves are waiting; try again once reconnected.");
  }

  /**
   * A request (it expects an answer) made while reconnecting waits until the session is back,
   * instead of failing with the SDK's "connection is not open"; it fails if the session gives up.
   */
  private async ask(type: string, payload?: unknown): Promise<unknown> {
    if (this.gaveUp) throw new Error("Not connected to the game.");
    if (!this.online || !this.room.connection?.isOpen) await new Promise<void>((resolve, reject) => this.waitingForBack.push({ resolve, reject }));
    return this.room.request(type, payload);
  }

  private goOnline(): void {
    this.online = true;
    for (const w of this.waitingForBack.splice(0)) w.resolve();
    const waiting = this.outbox;
    this.outbox = [];
    for (const msg of waiting) this.room.send(ROOM_MESSAGES.act, msg);
    this.emitStatus("connected");
  }

  /** For good: the session will not come back, so what waits is refused where the player sees errors. */
  private goOffline(reason: string, cause: LostCause): void {
    this.online = false;
    this.gaveUp = true;
    const waiting = this.outbox;
    this.outbox = [];
    for (const msg of waiting) this.failLocally(msg, `Not sent: ${reason}`);
    for (const w of this.waitingForBack.splice(0)) w.reject(new Error(`Not connected to the game: ${reason}`));
    this.emitStatus("lost", reason, cause);
  }

  private failLocally(msg: ClientMessage, message: string): void {
    const e: ErrorReply = { code: "connection/lost", message, request: msg.type };
    for (const cb of this.errorListeners) cb(e);
  }

  private async connect(gameId: string, join: JoinOptions): Promise<void> {
    // The projector comes back on its credential after a restart still as the projector.
    this.projector = ("token" in join && join.projector === true) || ("claim" in join && "observer" in join.claim && join.claim.projector === true);
    const welcome = new Promise<Welcome>((resolve) => (this.welcomed = resolve));
    // The first full state can come after the welcome (it waits for the client's join
    // acknowledgement), and a snapshot needs it.
    const firstState = new Promise<void>((resolve) => (this.firstState = resolve));
    const room = await this.sdk().joinById(gameId, join);
    const w = await withTimeout(welcome, 15_000, "welcome from the game room");
    await withTimeout(firstState, 15_000, "the game's state");
    this.adopt(room, w);
    this.scenario = decodeScenario(await this.requestPatiently(ROOM_MESSAGES.scenario));
    this.gotScenario(this.scenario);
  }

  private sdk(): HookedClient {
    return new HookedClient(this.opts.url, (room) => {
      if (this.opts.tap) tapFrames(room, this.opts.tap);
      this.bind(room);
    });
  }

  /** Registers every handler before the room connects, so no early frame is missed. */
  private bind(room: Room): void {
    // A new room (a reconnection) sends again every request still waiting.
    this.pendingRequests.clear();
    room.onMessage(ROOM_MESSAGES.welcome, (w: Welcome) => {
      this.credential = w.credential;
      this.viewer = w.viewer;
      this.teamCodes = w.teamCodes ?? {};
      this.builder ??= new SnapshotBuilder(w.credential, w.viewer);
      // The room keeps a seat claim for good once it knows the credential arrived.
      if (w.credential.role === "player") room.send(ROOM_MESSAGES.received);
      this.welcomed?.(w);
      this.welcomed = undefined;
    });
    room.onMessage(ROOM_MESSAGES.chatHistory, (all: PackedChat[]) => {
      this.builder?.setChatHistory(all.map(unpackChat));
      this.rebuildIf(room);
    });
    room.onMessage(ROOM_MESSAGES.chat, (m: PackedChat) => {
      this.builder?.addChat(unpackChat(m));
      this.rebuildIf(room);
    });
    room.onMessage(ROOM_MESSAGES.reportHistory, (list: PackedReport[]) => {
      this.withScenario((sc) => {
        this.builder?.addReports(list.map((r) => unpackReport(sc, r)));
        this.rebuildIf(room);
      });
    });
    room.onMessage(ROOM_MESSAGES.report, (push: TurnPush) => {
      // The point may refer to the state as it is now, so it is taken at once.
      this.builder?.addPoint(push.point, room.state as unknown as RoomStateLike);
      this.withScenario((sc) => {
        const report = unpackReport(sc, push.report);
        this.builder?.addReports([report]);
        for (const cb of this.reportListeners) cb(report);
        this.rebuildIf(room);
      });
    });
    room.onMessage(ROOM_MESSAGES.history, (points: HistoryPoint[]) => {
      this.builder?.setHistory(points);
      this.rebuildIf(room);
    });
    room.onMessage(ROOM_MESSAGES.inject, (e: ReportEntry) => {
      for (const cb of this.injectListeners) cb(e);
    });
    room.onMessage(ROOM_MESSAGES.scheduled, (list: ScheduledInject[]) => {
      this.builder?.setScheduled(list);
      this.rebuildIf(room);
    });
    room.onMessage(ROOM_MESSAGES.injectDelivered, (d: InjectDelivered) => {
      for (const cb of this.deliveredListeners) cb(d);
    });
    room.onMessage(ROOM_MESSAGES.error, (e: ErrorReply) => {
      for (const cb of this.errorListeners) cb(e);
    });
    room.onMessage(ROOM_MESSAGES.seatRequest, (r: SeatRequest) => {
      const isNew = !this.pendingRequests.has(r.id);
      this.pendingRequests.set(r.id, r);
      if (isNew) for (const cb of this.seatRequestListeners) cb(r);
      this.requestsChanged();
    });
    room.onMessage(ROOM_MESSAGES.seatRequestClosed, (c: SeatRequestClosed) => {
      if (this.pendingRequests.delete(c.id)) this.requestsChanged();
    });
    room.onMessage(ROOM_MESSAGES.seatAnswer, (a: SeatAnswer) => {
      for (const cb of this.seatAnswerListeners) cb(a);
    });
    room.onMessage(ROOM_MESSAGES.takeover, () => {
      this.takenOver = true;
    });
    room.onStateChange(() => {
      this.firstState?.();
      this.firstState = undefined;
      this.rebuildIf(room);
    });
    room.onLeave((code: number, reason?: string) => {
      if (room === this.room) void this.onClosed(code, reason);
    });
  }

  private adopt(room: Room, w?: Welcome): void {
    room.reconnection.enabled = false; // this session does its own coming back (token, then credential)
    this.room = room;
    if (w) this.builder ??= new SnapshotBuilder(w.credential, w.viewer);
    this.rebuild();
  }

  private rebuildIf(room: Room): void {
    if (room === this.room && this.builder) this.rebuild();
  }

  /**
   * Builds the snapshot after a change; with nobody listening for changes (a script that reads
   * the snapshot when it acts) only marks it stale, and snapshot() builds it when asked.
   */
  private rebuild(): void {
    if (!this.builder || !this.room?.state) return;
    if (this.changeListeners.size === 0) {
      this.stale = true;
      return;
    }
    this.build();
    for (const cb of this.changeListeners) cb(this.snap);
  }

  private build(): void {
    this.stale = false;
    // A room whose first full state has not arrived yet (just reconnected) keeps the last snapshot.
    const state = this.room?.state as unknown as RoomStateLike | undefined;
    if (this.builder && state?.strs) this.snap = this.builder.build(state);
  }

  private async onClosed(code: number, reason?: string): Promise<void> {
    if (this.leaving) return;
    this.online = false;
    if (code === CLOSE_TAKEN_OVER || this.takenOver) {
      this.goOffline("This seat was opened in another tab or window.", "taken-over");
      return;
    }
    if (code === CLOSE_RESEATED || code === CLOSE_REMOVED) {
      const removed = code === CLOSE_REMOVED;
      this.goOffline(reason || (removed ? "The facilitator removed you from the game." : "The facilitator moved you to another team."), removed ? "removed" : "reseated");
      return;
    }
    this.emitStatus("reconnecting", reason || `connection closed (${code})`);
    if (code !== CONSENTED && (await this.tryToken())) return;
    const until = Date.now() + (this.opts.retryForMs ?? 60_000);
    for (let delay = 250; Date.now() < until && !this.leaving; delay = Math.min(delay * 2, 4000)) {
      if (await this.tryCredential()) return;
      await sleep(delay);
    }
    if (!this.leaving) this.goOffline("Could not reach the game server.", "unreachable");
  }

  /** Same session back, while the server still holds the seat for this connection. */
  private async tryToken(): Promise<boolean> {
    try {
      const room = await this.sdk().reconnect(this.room.reconnectionToken);
      this.adopt(room);
      this.goOnline();
      return true;
    } catch {
      return false;
    }
  }

  /** A new connection to the same seat with the stored credential (opens the room if needed). */
  private async tryCredential(): Promise<boolean> {
    try {
      const res = await fetch(`${this.opts.url}/api/games/${encodeURIComponent(this.credential.gameId)}`);
      if (!res.ok) return false;
      const welcome = new Promise<Welcome>((resolve) => (this.welcomed = resolve));
      const room = await this.sdk().joinById(this.credential.gameId, { token: this.credential.token, ...(this.projector ? { projector: true } : {}) } satisfies JoinOptions);
      await withTimeout(welcome, 15_000, "welcome from the game room");
      this.adopt(room);
      this.goOnline();
      return true;
    } catch {
      return false;
    }
  }

  /** Runs `fn` with the scenario: now if it is loaded, else (in arrival order) once it is. */
  private withScenario(fn: (s: PublicScenario) => void): void {
    if (this.scenario) fn(this.scenario);
    else void this.scenarioReady.then(fn);
  }

  private emitStatus(s: ConnectionStatus, reason?: string, cause?: LostCause): void {
    for (const cb of this.statusListeners) cb(s, reason, cause);
  }

  private listen<T>(set: Set<Listener<T>>, cb: Listener<T>): () => void {
    set.add(cb);
    return () => set.delete(cb);
  }
}
