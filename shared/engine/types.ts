// The engine's plain-data types: everything a game is, as JSON. No classes, no Maps, no Dates,
// so a state can be hashed, stored, sent and replayed byte for byte.
import type { Scenario } from "../scenario/schema.ts";

export type ActorId = string;
export type ParamValue = string | number;

/** Result of a call that player input can make fail: never thrown, always returned. */
export type Result<T, E = EngineError> = { ok: true; value: T } | { ok: false; error: E };

export interface EngineError {
  code: ErrorCode;
  message: string;
}

export const ERROR_CODES = [
  "game/over", // the game has ended; nothing more can be ordered
  "seat/unknown", // no playable seat with this id
  "order/unknown_move", // the move id is not in the scenario
  "order/not_allowed", // this seat may not use this move at all
  "order/bad_target", // missing, unknown or invalid target for this move
  "order/bad_param", // a parameter is missing or not one of the move's choices
  "order/requirement", // a precondition fails; the message says which
  "order/over_budget", // the orders cost more political capital than the seat has
  "order/duplicate", // the same move with the same target and parameters twice in one turn
  "order/locked", // the seat has locked in; unlock first
  "order/is_proposal", // this move needs the target's consent: use propose
  "order/not_proposal", // this move does not need consent: use submitOrders
  "proposal/unknown", // no such proposal this turn
  "proposal/not_addressee", // the proposal is not addressed to this seat
  "proposal/answered", // this seat already answered
  "proposal/bad_answer", // accept/reject for deals; yes/no/abstain for council drafts
  "event/unknown", // no pending event choice with that id
  "event/not_yours", // the event's choice belongs to another seat
  "event/bad_option", // the option is not one of the event's options
  "turn/stale", // the message was for a turn that has already resolved
  "control/unknown_indicator", // a custom inject or override names an indicator (or actor) the scenario does not have
  "control/bad_value", // a custom inject or override without a finite number, or with no headline or reason
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One order: a move with its target(s) and chosen parameters. */
export interface Order {
  move: string;
  target?: ActorId;
  target2?: ActorId;
  params?: Record<string, ParamValue>;
}

/** Where an opinion modifier came from, and who may know it. */
export interface ModifierCause {
  /** move, proposal, council, vote, event, option, dynamic, discovery, facilitator, rule; "unknown" when hidden. */
  kind: string;
  /** The move, event or dynamic id. */
  id: string;
  actor?: ActorId;
  /** Only these seats may know its origin (a refused private deal); absent: everyone. */
  seats?: ActorId[];
  /** Made by a covert action: its origin is hidden from all but the author until it is discovered. */
  covertId?: string;
}

/** An opinion modifier on a relation: decays each turn by `fades` until negligible. */
export interface OpinionModifier {
  label: string;
  value: number;
  fades: number;
  cause: ModifierCause;
  turn: number;
}

export interface Relation {
  base: number;
  modifiers: OpinionModifier[];
}

export interface Sanction {
  by: ActorId;
  on: ActorId;
  sector: string;
  enforcement: number;
  un: boolean;
  since: number; // turn it started; 0 = before the game
}

export interface Treaty {
  kind: string;
  name: string;
  parties: ActorId[];
  since: number;
}

export type Answer = "accept" | "reject";
export type Vote = "yes" | "no" | "abstain";
/** A vote as it counted: a permanent member's "no" on a draft that had the votes is a veto. */
export type CastVote = Vote | "veto";

/** A move that needs consent: a deal to one seat, or a Security Council draft to every member. */
export interface Proposal {
  id: string; // deterministic: "p<turn>-<n>"
  turn: number;
  from: ActorId;
  order: Order;
  kind: "deal" | "council";
  /** Who must answer: the target for a deal, every council member for a draft. */
  to: ActorId[];
  answers: Record<ActorId, Answer | Vote>;
  /** Deals are private to the two parties; council drafts are public. */
  public: boolean;
  /** The control cell's ruling: the outcome resolution gives this proposal, whatever the answers. */
  ruling?: Ruling;
}

/** The outcomes a ruling may force: accepted/rejected for a deal, passed/failed for a council draft. */
export type RuledOutcome = "accepted" | "rejected" | "passed" | "failed";

/**
 * An adjudication of a proposal's outcome by the control cell, part of the turn's inputs: resolution
 * gives the proposal this outcome (a forced deal or draft whose `requires` no longer holds still
 * lapses) and writes the ruling with its reason into the turn's news.
 */
export interface Ruling {
  outcome: RuledOutcome;
  reason: string;
}

/** A covert move that has not been exposed yet. Only its author sees it. */
export interface CovertAction {
  id: string;
  turn: number;
  by: ActorId;
  order: Order;
  /** The turn it was exposed; absent while still secret. */
  discovered?: number;
}

/** An event that fired and waits for the affected seat's choice until the next resolution. */
export interface PendingChoice {
  id: string; // "e<turn>-<eventId>"
  event: string;
  seat: ActorId;
  firedTurn: number;
  choice?: string;
}

/** Who may see a report entry: everyone, or only these seats (and the facilitator). */
export type Visibility = "public" | { seats: ActorId[] };

/** Why an indicator moved: one line of the "why did this change?" answer. */
export interface Cause {
  /** "move" | "proposal" | "council" | "event" | "option" | "dynamic" | "modifier" | "discovery" | "facilitator" */
  kind: string;
  /** Move, event or dynamic id. */
  id: string;
  /** Actor responsible, if any. */
  actor?: ActorId;
  /** The order's target, for a move, deal or draft: one government's two offers of a kind are two causes. */
  target?: ActorId;
  label: string;
  delta: number;
  visibility: Visibility;
  /** Set when the cause is a covert action: the cause becomes public once that action is discovered. */
  covertId?: string;
}

/**
 * A change to one quantity during a turn. `subject` is one of
 * "<actor>.<indicator>", "world.<global>", "relation:<A>:<B>", "trade:<A>:<B>", "influence:<over>:<by>"
 * (pair keys sorted; influence values are shares 0..1).
 */
export interface Explanation {
  subject: string;
  before: number;
  after: number;
  causes: Cause[];
}

/** A thing that happened, in the order it was resolved; the client writes the news from these. */
export interface ReportEntry {
  kind: "move" | "deal" | "council" | "event" | "option" | "discovery" | "dynamic" | "inject";
  id: string;
  actor?: ActorId;
  target?: ActorId;
  target2?: ActorId;
  params?: Record<string, ParamValue>;
  headline: string;
  text?: string;
  visibility: Visibility;
  /**
   * Deals: accepted or not. Council drafts: passed or not. "lapsed": an order, deal or draft whose
   * `requires` no longer held when the turn resolved (the entry's `text` says why).
   */
  outcome?: "accepted" | "rejected" | "passed" | "failed" | "vetoed" | "lapsed";
  votes?: Record<ActorId, Vote>;
  covert?: boolean;
  /** Set on a covert move's entry: it becomes public once that action is discovered. */
  covertId?: string;
}

export interface TurnReport {
  turn: number;
  date: string; // "June 2024"
  entries: ReportEntry[];
  explanations: Explanation[];
}

export interface ObjectiveScore {
  index: number;
  label: string;
  secret: boolean;
  value: number; // current measure
  attainment: number; // 0..1
  met: boolean;
  points: number; // points earned now = attainment * objective points
  /** Points the objective is worth when fully met. */
  max: number;
}

export interface ScoreCard {
  seat: ActorId;
  total: number;
  max: number;
  objectives: ObjectiveScore[];
}

/** A snapshot of the numbers after each resolved turn, for charts and sparklines. */
export interface HistoryPoint {
  turn: number;
  actors: Record<ActorId, Record<string, number>>;
  world: Record<string, number>;
  scores: Record<ActorId, number>;
  /** Totals counting only public objectives: what other seats may see before the game ends. */
  publicScores?: Record<ActorId, number>;
}

export interface GameState {
  scenario: string;
  seed: string;
  /** The seeded random stream's state; part of the game so moves stay pure. */
  rng: [number, number, number, number];
  /** The turn now being ordered, from 1. */
  turn: number;
  phase: "orders" | "over";
  actors: Record<ActorId, Record<string, number>>;
  world: Record<string, number>;
  relations: Record<string, Relation>;
  trade: Record<string, number>;
  /** influence[over][by] = weight; a share is weight / sum of weights over the same actor. */
  influence: Record<ActorId, Record<ActorId, number>>;
  sanctions: Sanction[];
  treaties: Treaty[];
  mandates: Record<string, boolean>;
  /** This turn's secret orders per playable seat. */
  orders: Record<ActorId, Order[]>;
  locked: Record<ActorId, boolean>;
  proposals: Proposal[];
  covert: CovertAction[];
  pending: PendingChoice[];
  /** Per event id: how often it fired and on which turn last. */
  fired: Record<string, { count: number; last: number }>;
  /** Moves each actor carried out last turn (for event triggers such as moved(CHN, "rebuke")). */
  lastMoves: Record<ActorId, string[]>;
  /**
   * Per actor and move: the turn it last carried that move out (for monthsSince). Absent in games
   * stored before it existed: read as never.
   */
  lastDone?: Record<ActorId, Record<string, number>>;
  /**
   * Votes cast on council drafts in the turn just resolved, per move id and member (for formulas
   * such as voted(CHN, "un_new_sanctions", "veto")). Empty until a draft is voted on.
   */
  lastVotes: Record<string, Record<ActorId, CastVote>>;
  /** Indicators as they were at game start, the baseline for objectives. */
  baseline: Record<ActorId, Record<string, number>>;
  /** Counter for deterministic ids. */
  nextId: number;
  /** Per seat: each objective's measure at game start, the baseline for partial attainment. */
  objectiveBaseline?: Record<ActorId, number[]>;
  /** Facilitator injects since the last resolution, carried into the next turn report. */
  injected?: { entries: ReportEntry[]; explanations: Explanation[] };
  /** The facilitator ends the game early: the last turn to resolve (a class that runs out of time). */
  lastTurn?: number;
}

/**
 * What one seat (or an observer, or the facilitator) is allowed to see of a game. Reports and
 * history are not part of the state: the caller keeps them and filters each with reportFor /
 * historyFor.
 */
export interface GameView extends Omit<GameState, "rng" | "orders" | "covert" | "pending" | "proposals"> {
  viewer: ActorId | "observer" | "facilitator";
  /** Own orders (all orders for the facilitator); others' never before resolution. */
  orders: Record<ActorId, Order[]>;
  covert: CovertAction[];
  pending: PendingChoice[];
  proposals: Proposal[];
  scores: Record<ActorId, ScoreCard>;
  /** Capital left this turn for the viewer's seat. */
  budget?: { total: number; spent: number };
}

/** A move as one seat can use it now, with every target and why it is or is not available. */
export interface MoveOption {
  move: string;
  name: string;
  category: string;
  cost: number;
  accept: "none" | "target" | "council";
  covert: boolean;
  /** False with a reason when the seat cannot use it at all this turn (e.g. over budget). */
  available: boolean;
  reason?: string;
  /**
   * Every other actor, legal or with the reason it is not. For a move with parameters, a legal
   * target lists the legal parameter combinations; for a two-target move, the legal second targets.
   */
  targets: {
    id: ActorId;
    legal: boolean;
    reason?: string;
    paramSets?: Record<string, ParamValue>[];
    seconds?: { id: ActorId; paramSets?: Record<string, ParamValue>[] }[];
  }[];
  params: Record<string, { label: string; choices: ParamValue[] }>;
  /** A move without a target but with parameters: the legal parameter combinations. */
  paramSets?: Record<string, ParamValue>[];
}

/** What a bot decided for a seat this turn. */
export interface BotPlan {
  orders: Order[];
  proposals: Order[];
  /** Answers to deals and votes on drafts, each with a one-line reason a player can read. */
  answers: { proposal: string; answer: Answer | Vote; reason: string }[];
  choices: { pending: string; option: string }[];
}

/** Changes to how bots play, for experiments: the same seeds with a lever on or off. */
export interface BotPolicy {
  /** Orders (or proposals) a seat gives every turn when they are legal and affordable. */
  force?: Record<ActorId, Order[]>;
  /** Moves no bot orders, proposes or accepts. */
  exclude?: readonly string[];
  /** How a seat votes on drafts of a move, whatever its look-ahead says. */
  votes?: Record<ActorId, Record<string, Vote>>;
  /** Deals a seat always accepts (by move), whatever its look-ahead or doctrine says. */
  accept?: Record<ActorId, readonly string[]>;
}

/** How hard a bot thinks: "fast" for simulations, "strong" for seats beside people. */
export type BotLevel = "fast" | "strong";
export const BOT_LEVELS = ["fast", "strong"] as const;

/** A validated scenario with its formulas compiled once. Opaque to callers apart from `scenario`. */
export interface Rules {
  scenario: Scenario;
}

/** The parts of a state that legality checks read; a seat's GameView has all of them. */
export type LegalityInput = Pick<
  GameState,
  "turn" | "phase" | "actors" | "world" | "relations" | "trade" | "influence" | "sanctions" | "treaties" | "mandates" | "orders" | "proposals" | "locked"
>;

/** The state a formula may read: a GameState, or a seat's GameView (which lacks rng). */
export type EnvState = LegalityInput &
  Partial<Pick<GameState, "lastMoves" | "lastDone" | "lastVotes" | "fired">> & {
    /** During a resolution, the moves each actor has carried out so far this turn (doneThisTurn). */
    thisTurn?: Readonly<Record<ActorId, readonly string[]>>;
  };

/**
 * Where changes come from during a resolution: becomes each Cause and each news entry made while
 * applying effects.
 */
export interface Source {
  /** Cause kind: move, proposal, council, vote, event, option, dynamic, modifier, discovery, facilitator. */
  kind: string;
  id: string;
  actor?: ActorId;
  /** The order's target (moves, deals, drafts and their discovery). */
  target?: ActorId;
  label: string;
  visibility: Visibility;
  covertId?: string;
  /** The kind of report entry a `news` effect writes. */
  entryKind: ReportEntry["kind"];
  /** Where `news` effects write; null during a bot's look-ahead. */
  entries: ReportEntry[] | null;
  /**
   * The source's own report entry (an event's, an inject's, an option's): its first `news` effect
   * becomes that entry's headline instead of a second story about the same thing.
   */
  entry?: ReportEntry;
  /** Whether a `news` effect has already given `entry` its headline. */
  headlined?: boolean;
  /** Cached identity of the source, for merging causes (filled in by the Recorder). */
  key?: string;
  /** Cached cause that opinion modifiers made by this source carry (filled in by effects). */
  cause?: ModifierCause;
}
