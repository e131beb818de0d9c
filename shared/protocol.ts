// Wire messages between browser and server, validated on both sides with the same schemas.
// The seat always comes from the connection on the server, never from a payload.
import { z } from "zod";
import type { ActorId, GameView, HistoryPoint, OpinionModifier, TurnReport } from "./engine/index.ts";
import { BOT_LEVELS } from "./engine/index.ts";
import type { PackedReport } from "./report-codec.ts";

const ActorIdWire = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/);
const ParamValueWire = z.union([z.string().max(64), z.number().finite()]);

/** The longest chat message, in characters: the server refuses longer, the chat box counts toward it. */
export const CHAT_MAX = 2000;

export const OrderWire = z
  .object({
    move: z.string().min(1).max(64),
    target: ActorIdWire.optional(),
    target2: ActorIdWire.optional(),
    params: z.record(z.string().max(32), ParamValueWire).optional(),
  })
  .strict();

/**
 * A chat channel: "public", the sorted list of seats in a private conversation, or one seat alone:
 * that seat's team chat (its own people and the facilitator), apart from diplomacy.
 */
export const ChannelWire = z.union([z.literal("public"), z.array(ActorIdWire).min(1).max(12)]);
export type Channel = z.infer<typeof ChannelWire>;

const ControlChangeWire = z
  .object({ subject: z.string().max(80), by: z.number().finite().optional(), to: z.number().finite().optional() })
  .strict()
  .refine((c) => (c.by === undefined) !== (c.to === undefined), "give either by (add) or to (set)");

export const FacilitatorActionWire = z.discriminatedUnion("action", [
  z.object({ action: z.literal("pause") }).strict(),
  z.object({ action: z.literal("resume") }).strict(),
  z.object({ action: z.literal("extend"), minutes: z.number().min(1).max(24 * 60) }).strict(),
  z.object({ action: z.literal("resolve") }).strict(),
  z.object({ action: z.literal("bot"), seat: ActorIdWire, on: z.boolean() }).strict(),
  /** Keep a seat for a bot (no person may claim it; a bot plays it from the start), or release it (on: false). */
  z.object({ action: z.literal("keep"), seat: ActorIdWire, on: z.boolean() }).strict(),
  /** A scenario event now, or (turn) when that turn starts. */
  z.object({ action: z.literal("inject"), event: z.string().max(64), seat: ActorIdWire.optional(), turn: z.number().int().positive().optional() }).strict(),
  /** The control cell's own inject: headline, text, changes to indicators; now or when `turn` starts. */
  z
    .object({
      action: z.literal("custom"),
      headline: z.string().trim().min(1).max(160),
      text: z.string().max(1000).optional(),
      changes: z.array(ControlChangeWire).max(12),
      turn: z.number().int().positive().optional(),
    })
    .strict(),
  /** Adjudication: set an indicator to a value, with the reason shown in the log and the debrief. */
  z.object({ action: z.literal("override"), subject: z.string().max(80), to: z.number().finite(), reason: z.string().trim().min(1).max(500) }).strict(),
  /**
   * Adjudication of an outcome: this turn's deal is accepted or rejected, or its council draft
   * passes or fails, whatever the answers (null: back to the answers); applied when the turn resolves.
   */
  z
    .object({
      action: z.literal("ruling"),
      proposal: z.string().max(32),
      outcome: z.enum(["accepted", "rejected", "passed", "failed"]).nullable(),
      reason: z.string().trim().max(500),
    })
    .strict(),
  /** End the game after a turn (this one or later) when class time runs out; null: the scenario's full length again. */
  z.object({ action: z.literal("end-after"), turn: z.number().int().positive().nullable() }).strict(),
  /** Cancel an inject scheduled for a later turn (by the id of its scheduling action in the log). */
  z.object({ action: z.literal("cancel-inject"), id: z.number().int().positive() }).strict(),
  /** Show or hide the scoreboard on the projector view. */
  z.object({ action: z.literal("scoreboard"), show: z.boolean() }).strict(),
  /** Shorten this turn's clock by some minutes (not below now). */
  z.object({ action: z.literal("shorten"), minutes: z.number().min(1).max(24 * 60) }).strict(),
  /** This round ends at a wall-clock time (ms since the epoch). */
  z.object({ action: z.literal("deadline"), at: z.number().int().positive() }).strict(),
  /** A schedule of rounds for a course over days or weeks: each listed turn gets its wall-clock deadline when it starts. */
  z.object({ action: z.literal("rounds"), rounds: z.array(z.object({ turn: z.number().int().positive(), at: z.number().int().positive() }).strict()).max(200) }).strict(),
  /** Undo the last resolution: back to the start of the previous turn's orders (replayed from the log), paused. */
  z.object({ action: z.literal("rollback"), reason: z.string().trim().min(1).max(500) }).strict(),
  /** Seating: move a person (by public id) to another seat and/or team role. */
  z.object({ action: z.literal("assign"), person: z.number().int().positive(), seat: ActorIdWire.optional(), role: z.string().max(32).optional() }).strict(),
  /** Seating: remove a person from the game (their credential stops working). */
  z.object({ action: z.literal("remove"), person: z.number().int().positive() }).strict(),
  /** Waiting room: start the game now. */
  z.object({ action: z.literal("start") }).strict(),
  /** Waiting room: start at this wall-clock time (ms since the epoch), or cancel a scheduled start (null). */
  z.object({ action: z.literal("schedule-start"), at: z.number().int().positive().nullable() }).strict(),
]);
export type FacilitatorAction = z.infer<typeof FacilitatorActionWire>;

/** Every message a client may send a game room. `turn` guards against stale submissions. */
export const ClientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("orders"), turn: z.number().int(), orders: z.array(OrderWire).max(20) }).strict(),
  z.object({ type: z.literal("lock"), turn: z.number().int(), locked: z.boolean() }).strict(),
  z.object({ type: z.literal("propose"), turn: z.number().int(), order: OrderWire }).strict(),
  z
    .object({
      type: z.literal("answer"),
      turn: z.number().int(),
      proposal: z.string().max(32),
      answer: z.enum(["accept", "reject", "yes", "no", "abstain"]),
    })
    .strict(),
  z
    .object({ type: z.literal("choose"), turn: z.number().int(), pending: z.string().max(64), option: z.string().max(64) })
    .strict(),
  z.object({ type: z.literal("chat"), channel: ChannelWire, text: z.string().min(1).max(CHAT_MAX) }).strict(),
  z.object({ type: z.literal("facilitate"), turn: z.number().int(), command: FacilitatorActionWire }).strict(),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Largest scenario file a facilitator may upload (the shipped ones are about 120 KB). */
export const MAX_SCENARIO_BYTES = 1_000_000;

export const MISSING_SEAT_POLICIES = ["bot", "hold"] as const;

/**
 * When a new game starts: "facilitator" (a waiting room until the facilitator presses Start or a
 * scheduled time comes), "full" (as soon as every seat has a person, or earlier when the
 * facilitator presses Start: friends fewer than the seats), "now" (at once, bots in the
 * empty seats: the API's default, what scripts and quick games expect).
 */
export const START_MODES = ["now", "facilitator", "full"] as const;
export type StartMode = (typeof START_MODES)[number];

/** What the creator chooses when making a game (the lobby form). */
export const CreateGameOptions = z
  .object({
    scenario: z.string().max(64).default("pyongyang-2024"),
    /** An uploaded scenario file's text: validated on the spot and stored with the game (then `scenario` is ignored). */
    scenarioText: z.string().max(MAX_SCENARIO_BYTES).optional(),
    /** The uploaded file's name, for the errors' locations. */
    scenarioFile: z.string().max(120).optional(),
    /** Minutes per turn; 0 = no clock (the facilitator or lock-ins advance the game). */
    turnMinutes: z.number().min(0).max(60 * 24 * 14).default(0),
    /** What happens to an empty or silent seat. */
    missingSeats: z.enum(MISSING_SEAT_POLICIES).default("bot"),
    /**
     * Seats kept for a bot: nobody may claim them and a bot plays them from the start, whatever
     * `missingSeats` says. Stored with the game apart from the options (the facilitator may release them).
     */
    keptSeats: z.array(ActorIdWire).max(64).optional(),
    /** How hard bots think: "strong" (default, for seats beside people) or "fast". */
    botLevel: z.enum(BOT_LEVELS).default("strong"),
    start: z.enum(START_MODES).default("now"),
    listed: z.boolean().default(true),
    name: z.string().max(80).optional(),
    seed: z.string().max(64).optional(),
    creatorName: z.string().max(40).default("Facilitator"),
  })
  .strict();
export type CreateGameOptions = z.input<typeof CreateGameOptions>;

export interface ChatMessage {
  id: string;
  turn: number;
  from: ActorId | "facilitator";
  author: string;
  channel: Channel;
  text: string;
  /** Milliseconds since the epoch, stamped by the server. */
  at: number;
}

/**
 * A chat message on the wire ("chat", "chat-history", "chat-page"): its fields in a fixed order,
 * because their names were a third of a line's bytes.
 */
export type PackedChat = [id: string, turn: number, from: ChatMessage["from"], author: string, channel: Channel, text: string, at: number];
export const packChat = (m: ChatMessage): PackedChat => [m.id, m.turn, m.from, m.author, m.channel, m.text, m.at];
export const unpackChat = ([id, turn, from, author, channel, text, at]: PackedChat): ChatMessage => ({ id, turn, from, author, channel, text, at });

export interface SeatInfo {
  id: ActorId;
  name: string;
  /** The people on the team: name, whether connected, team role id and public person id. */
  players: { name: string; connected: boolean; role?: string; id?: number }[];
  bot: boolean;
  locked: boolean;
  /** Kept for a bot by the facilitator: nobody may claim it (absent: not kept). */
  kept?: boolean;
}

export interface LobbyGame {
  gameId: string;
  name: string;
  scenario: string;
  title: string;
  turn: number;
  turns: number;
  freeSeats: ActorId[];
  players: number;
  status: GameStatus;
  /** When anything last happened in the game (a move, a message, a resolution), ms since the epoch. */
  lastActivity?: number;
}

/** One file of the server's scenarios folder, as GET /api/scenarios lists it. */
export interface ScenarioListing {
  file: string;
  /** Present when the file validates. */
  id?: string;
  /** The name to create a game with (the file name without extension). */
  name?: string;
  title?: string;
  summary?: string;
  turns?: number;
  seats?: { id: ActorId; name: string }[];
  /** Present when the file does not validate: where and what (games already started on it play on). */
  errors?: ScenarioProblem[];
}

/** A located scenario error as the lobby and the workbench show it. */
export interface ScenarioProblem {
  line: number;
  column: number;
  path: string;
  message: string;
}

/** "lobby": the waiting room before Start (no clock, no bots, no orders). */
export type GameStatus = "lobby" | "playing" | "paused" | "suspended" | "over";

export interface ClockInfo {
  /** Absolute deadline in ms since the epoch, or null without a clock or while paused. */
  deadline: number | null;
  paused: boolean;
  /** While paused: what was left. */
  remainingMs: number | null;
  turnMinutes: number;
}

/**
 * A client's view: the engine's view of the state plus the reports and history points this
 * viewer was sent (the state carries neither; the server keeps them and sends each filtered).
 * Its relations hold each relation's value as the base and no modifiers (summedRelations); the
 * "opinions" request has the modifiers.
 */
export interface ClientView extends GameView {
  reports: TurnReport[];
  history: HistoryPoint[];
}

/** What a browser knows about a game at any moment, rebuilt from the room state and messages. */
export interface GameSnapshot {
  gameId: string;
  joinCode: string | null;
  role: "player" | "observer" | "facilitator";
  seat: ActorId | null;
  status: GameStatus;
  view: ClientView;
  seats: SeatInfo[];
  clock: ClockInfo;
  messages: ChatMessage[];
  /** Whether the facilitator shows the scoreboard on the projector. */
  scoreboard?: boolean;
  /** How the waiting room ends, who may end it (the creator's name) and what plays empty seats. */
  startMode?: StartMode;
  facilitator?: string;
  missingSeats?: "bot" | "hold";
  /** Facilitator only: injects scheduled for later turns, not fired or cancelled yet. */
  scheduled?: ScheduledInject[];
}

/** Credentials a browser keeps to return to its seat after a refresh or a server restart. */
export interface SeatCredential {
  gameId: string;
  token: string;
  role: "player" | "observer" | "facilitator";
  seat: ActorId | null;
  name: string;
  /** A player's public person id in the game (matches SeatInfo players' `id`). */
  person?: number;
}

/** Server -> client error reply: a namespaced code and a plain message. */
export interface ErrorReply {
  code: string;
  message: string;
  /** The message type that caused it. */
  request?: string;
}

export type { TurnReport };

// ---- Room transport (added with the server): join options and server -> client messages ----

const PlayerName = z.string().trim().min(1).max(40);

/**
 * Options of a room join: return with a credential token, or claim a seat / watch. A seat someone
 * already holds is joined only with its team's code (the holders and the facilitator see it).
 * `projector`: this watcher is the projector link's screen (counted as a screen, not a person);
 * with a token, only a watcher's credential may say so.
 */
export const JoinOptions = z.union([
  z.object({ token: z.string().min(16).max(128), projector: z.literal(true).optional() }).strict(),
  z.object({ claim: z.object({ seat: ActorIdWire, name: PlayerName, teamCode: z.string().min(4).max(40).optional() }).strict() }).strict(),
  z.object({ claim: z.object({ observer: z.literal(true), name: PlayerName, projector: z.literal(true).optional() }).strict() }).strict(),
]);
export type JoinOptions = z.infer<typeof JoinOptions>;

/** client -> room request "ask-seat": an observer asks a held seat's team to let them in. */
export const AskSeat = z.object({ seat: ActorIdWire }).strict();
/** client -> room request "answer-seat": a seat holder or the facilitator answers a request. */
export const AnswerSeat = z.object({ id: z.string().max(32), approve: z.boolean() }).strict();
/** client -> room request "chat-page": messages older than the message `before` (a ChatMessage id). */
export const ChatPageRequest = z.object({ before: z.string().max(32).optional() }).strict();

/** client -> room request "opinions": why two actors stand where they do (their relation's opinion modifiers). */
export const OpinionsRequest = z.object({ between: z.tuple([ActorIdWire, ActorIdWire]) }).strict();
/**
 * Reply to "opinions": a relation as this viewer may know it. The state carries each relation's
 * value only (`base` there is the value); `base` here is where it started, and the modifiers,
 * each fading by `fades` a turn, add up to the rest. A modifier whose origin this viewer may not
 * know reads "Unexplained shift".
 */
export interface Opinions {
  between: [ActorId, ActorId];
  base: number;
  modifiers: OpinionModifier[];
}

/** client -> room request "fork": a what-if copy of the game from the start of `turn`. */
export const ForkRequest = z.object({ turn: z.number().int().positive(), name: z.string().max(80).optional() }).strict();
/** The fork: a new game in its waiting room, and the facilitator's credential for it. */
export interface ForkReply {
  gameId: string;
  joinCode: string;
  credential: SeatCredential;
}

/** room -> seat holders and facilitator: someone asks to join a seat's team. */
export interface SeatRequest {
  id: string;
  seat: ActorId;
  name: string;
}

/** room -> seat holders and facilitator: a request is no longer waiting (answered, or its asker left). */
export interface SeatRequestClosed {
  id: string;
}

/** room -> the person who asked: the team's answer; with approval, the credential for the seat. */
/**
 * The reply to "ask-seat": who the request reached. "team": someone of the seat's team is
 * connected; "facilitator": nobody of the team is, the facilitator is; "nobody": nobody who can
 * answer is connected now (the request still waits for whoever comes); "free": nobody holds the
 * seat any more (its last person left), so nothing was asked: the asker may take it (id "").
 */
export interface AskSeatReply {
  ok: true;
  id: string;
  reached: "team" | "facilitator" | "nobody" | "free";
}

export interface SeatAnswer {
  seat: ActorId;
  approved: boolean;
  credential?: SeatCredential;
}

/** Reply to "chat-page": up to a page of older messages (oldest first) and whether more remain. */
export interface ChatPage {
  messages: PackedChat[];
  more: boolean;
}

/** A refusal's namespaced code at the start of its message ("auth/seat_taken: …"), as a room's join refusals carry it. */
export const CODE_PREFIX = /^([a-z]+\/[a-z_]+): /;

/** Colyseus message types between client and room. Clients send ClientMessage payloads as "act". */
export const ROOM_MESSAGES = {
  /** client -> room: a ClientMessage; as a request it answers {ok} or {ok:false,error}. */
  act: "act",
  /** client -> room request: this viewer's reports with explanations. */
  reports: "reports",
  /** client -> room request (facilitator): the full log and history. */
  debrief: "debrief",
  /** client -> room request: the scenario as this viewer may see it (own secret objectives only), as UTF-8 JSON bytes. */
  scenario: "scenario",
  /** room -> client after joining: the credential to keep and who you are. */
  welcome: "welcome",
  /** client -> room, once the welcome arrived: the seat claim's credential reached its holder. */
  received: "received",
  /** room -> client: an ErrorReply for a rejected message. */
  error: "error",
  /** room -> client: one PackedChat; "chat-history" carries PackedChat[] after (re)joining. */
  chat: "chat",
  chatHistory: "chat-history",
  /** room -> client: a TurnPush, this viewer's report of a resolved turn (explanations left out to stay small). */
  report: "report",
  /** room -> client after joining and at the end: this viewer's HistoryPoint[] (history is not in the state). */
  history: "history",
  /** room -> client after joining: this viewer's earlier reports, without explanations. */
  reportHistory: "report-history",
  /** room -> client: a facilitator inject this viewer may see (ReportEntry), the moment it is fired. */
  inject: "inject",
  /** room -> facilitator connections: ScheduledInject[], after joining and whenever the list changes. */
  scheduled: "scheduled",
  /** room -> facilitator connections: an InjectDelivered confirmation after an inject went out. */
  injectDelivered: "inject-delivered",
  /** room -> client before the room closes this connection because another tab took the seat. */
  takeover: "takeover",
  /** client -> room request: AskSeat; room -> holders and facilitator: SeatRequest ("seat-request"). */
  askSeat: "ask-seat",
  seatRequest: "seat-request",
  /** room -> holders and facilitator: SeatRequestClosed, a request was answered or its asker left. */
  seatRequestClosed: "seat-request-closed",
  /** client -> room request: AnswerSeat; room -> the asker: SeatAnswer ("seat-answer"). */
  answerSeat: "answer-seat",
  seatAnswer: "seat-answer",
  /** client -> room request (a player): leave the team for good; the credential is withdrawn and logged. */
  leaveSeat: "leave-seat",
  /** client -> room request (facilitator): ForkRequest, answered with a ForkReply (a new game). */
  fork: "fork",
  /** client -> room request: ChatPageRequest, answered with a ChatPage. */
  chatPage: "chat-page",
  /** client -> room request: OpinionsRequest, answered with Opinions. */
  opinions: "opinions",
} as const;

/** An inject the facilitator scheduled for a later turn, as the console lists it (facilitator only). */
export interface ScheduledInject {
  /** The scheduling action's id in the log: what "cancel-inject" names. */
  id: number;
  turn: number;
  /** A custom inject's headline, or the scenario event's title. */
  headline: string;
  /** "custom" (written by the facilitator) or "event" (a scenario event). */
  kind: "custom" | "event";
  /** A scenario event's seat when the facilitator chose one (it falls on that seat). */
  seat?: string;
  who: string;
  at: number;
}

/**
 * The name the projector view joins under as an observer. A display name only: the room counts a
 * screen as a projector by its join option (`projector: true`), so a watcher who calls themself
 * "Projector" is still an observer.
 */
export const PROJECTOR_NAME = "Projector";

/** The facilitator's confirmation of an inject: what went out and whom it reached (the facilitator's own screens not counted). */
export interface InjectDelivered {
  id: string;
  headline: string;
  /** People at the table who received it now, each once however many screens they have open. */
  players: number;
  /** Projector views (read-only watchers opened from the projector link) that received it. */
  projectors: number;
  /** Other read-only watchers that received it. */
  observers: number;
}

/**
 * Refusal of joins and look-ups while the server processes cannot reach each other (Redis down,
 * server/cluster.ts). The front door answers it with HTTP 503; at the matchmaker's step the SDK
 * keeps only that status, so the client maps a 503 there back to this code.
 */
export const COORDINATION_UNAVAILABLE = {
  code: "server/coordination_unavailable",
  message: "The game servers cannot reach each other right now (Redis is down); games in progress go on. Try joining again in a minute.",
} as const;

/**
 * Refusal of a join whose game is hosted by another process that did not answer in time (busy,
 * stalled or just died). The client looks the game up again and retries for a while
 * (client/src/net/colyseus-server.ts): a look-up reopens the game if its process is gone.
 */
export const HOST_UNAVAILABLE = {
  code: "server/host_unavailable",
  message: "The server process hosting this game did not answer in time. Try again in a moment.",
} as const;

/**
 * Refusal of a seat or observer claim while too many claims from the same address wait to be used
 * (a class behind one school NAT joining in the same second). They are used or lapse within
 * seconds, so the client tries again for a while (client/src/net/colyseus-server.ts).
 */
export const JOINS_PENDING = {
  code: "auth/too_many_pending",
  message: "too many joins from your address at once; try again in a few seconds",
} as const;

/** Close code sent to a connection replaced by a newer one for the same credential. */
export const CLOSE_TAKEN_OVER = 4100;
/** Close code sent to a person the facilitator moved to another seat (rejoin with the same credential). */
export const CLOSE_RESEATED = 4101;
/** Close code sent to a person the facilitator removed from the game. */
export const CLOSE_REMOVED = 4102;

/** What the room sends right after a join. */
export interface Welcome {
  credential: SeatCredential;
  /** The engine viewer: a seat id, "observer" or "facilitator"; also the key of this viewer's state slot. */
  viewer: string;
  /** Team codes to share with teammates: a player gets its seat's, the facilitator every seat's. */
  teamCodes?: Record<ActorId, string>;
}

/** A reply to an "act" request. */
export type ActReply = { ok: true } | { ok: false; error: ErrorReply };

/**
 * A turn's history point when its indicators equal the state the patch just before it delivered
 * (the usual case): the client copies actors and world from its state instead of receiving them
 * twice. The server checks the equality before sending this.
 */
export interface HistoryRef {
  turn: number;
  sameAsState: true;
  scores: Record<ActorId, number>;
  publicScores?: Record<ActorId, number>;
}

/** What a viewer receives after each resolution, right after the state patch. */
export interface TurnPush {
  /** Entries without the headlines and texts the client rebuilds from the scenario (shared/report-codec.ts). */
  report: PackedReport;
  point: HistoryPoint | HistoryRef;
}
