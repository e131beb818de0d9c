// CONTRACT: the signatures below are what server/, client/ and scripts/ code against.
// The engine helper replaces each body with the real implementation (spread over small files
// that this module re-exports); the signatures only change by agreement.
import type { Scenario } from "../scenario/schema.ts";
import type {
  ActorId,
  Answer,
  BotPlan,
  GameState,
  GameView,
  MoveOption,
  Order,
  Proposal,
  ReportEntry,
  Result,
  ScoreCard,
  TurnReport,
  Vote,
} from "./types.ts";

/** A validated scenario with its formulas compiled once. Opaque to callers apart from `scenario`. */
export interface Rules {
  scenario: Scenario;
}

/** The parts of a state that legality checks read; a seat's GameView has all of them. */
export type LegalityInput = Pick<
  GameState,
  "turn" | "phase" | "actors" | "world" | "relations" | "trade" | "influence" | "sanctions" | "treaties" | "mandates" | "orders" | "proposals" | "locked"
>;

/** The scenario as a viewer may see it: other seats' secret objectives removed. */
export type PublicScenario = Scenario;

const todo = (): never => {
  throw new Error("engine: not implemented yet");
};

/** Compiles a scenario that already passed validation. Throws only on programmer error. */
export function compileRules(scenario: Scenario): Rules {
  return { scenario };
}
/** A new game at turn 1 from the scenario's starting data and a seed. */
export function createGame(_rules: Rules, _seed: string): GameState {
  return todo();
}
/** The playable seats, in scenario order. */
export function seatsOf(rules: Rules): ActorId[] {
  return Object.entries(rules.scenario.actors)
    .filter(([, a]) => a.playable)
    .map(([id]) => id);
}
/** Every move the seat could consider, each with availability, legal targets and reasons. */
export function moveOptions(_rules: Rules, _state: LegalityInput, _seat: ActorId): MoveOption[] {
  return todo();
}
/** Is this single order legal for the seat right now (ignoring the rest of its orders' cost)? */
export function validateOrder(_rules: Rules, _state: LegalityInput, _seat: ActorId, _order: Order): Result<void> {
  return todo();
}
/** Replaces the seat's orders for this turn (revise freely until locked). */
export function submitOrders(_rules: Rules, _state: GameState, _seat: ActorId, _orders: Order[]): Result<GameState> {
  return todo();
}
/** Locks or unlocks a seat's orders for this turn. */
export function setLocked(_rules: Rules, _state: GameState, _seat: ActorId, _locked: boolean): Result<GameState> {
  return todo();
}
/** Puts a consent move (deal or council draft) to its addressees; costs capital now. */
export function propose(
  _rules: Rules,
  _state: GameState,
  _seat: ActorId,
  _order: Order,
): Result<{ state: GameState; proposal: Proposal }> {
  return todo();
}
/** Accept/reject a deal, or vote yes/no/abstain on a council draft. */
export function answerProposal(
  _rules: Rules,
  _state: GameState,
  _seat: ActorId,
  _proposalId: string,
  _answer: Answer | Vote,
): Result<GameState> {
  return todo();
}
/** Picks an option of an event that waits for this seat's decision. */
export function chooseOption(
  _rules: Rules,
  _state: GameState,
  _seat: ActorId,
  _pendingId: string,
  _option: string,
): Result<GameState> {
  return todo();
}
/** Resolves the current turn. Missing answers and choices take their defaults. Throws only on a rule error. */
export function resolveTurn(_rules: Rules, _state: GameState): { state: GameState; report: TurnReport } {
  return todo();
}
/** Facilitator: fires an event now (ignoring its trigger), on `seat` if the event affects one. */
export function injectEvent(
  _rules: Rules,
  _state: GameState,
  _eventId: string,
  _seat?: ActorId,
): Result<{ state: GameState; entry: ReportEntry }> {
  return todo();
}
/** What a seat, an observer or the facilitator may see. */
export function viewFor(_rules: Rules, _state: GameState, _viewer: ActorId | "observer" | "facilitator"): GameView {
  return todo();
}
/** Every seat's score against its objectives now. */
export function scoreAll(_rules: Rules, _state: GameState): Record<ActorId, ScoreCard> {
  return todo();
}
/** A bot's decisions for a seat this turn (one-step look-ahead over candidate orders). */
export function botPlan(_rules: Rules, _state: GameState, _seat: ActorId): BotPlan {
  return todo();
}
/** Applies botPlan for a seat and locks it in. */
export function playBot(_rules: Rules, _state: GameState, _seat: ActorId): GameState {
  return todo();
}
/** A hex hash of the canonical JSON of a state: equal hashes mean identical games. */
export function stateHash(_state: GameState): string {
  return todo();
}
/** The scenario with secret objectives of other seats removed (all kept for the facilitator). */
export function publicScenario(_rules: Rules, _viewer: ActorId | "observer" | "facilitator"): PublicScenario {
  return todo();
}
