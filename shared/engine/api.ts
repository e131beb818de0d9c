// CONTRACT: the signatures below are what server/, client/ and scripts/ code against.
// This module is the thin facade: each function looks up the compiled rules and calls the
// implementation in its own file (orders.ts, proposals.ts, resolve.ts, view.ts, bot.ts, ...).
import { applyPlan, botPlanCompiled, playBotCompiled, Planner, type BotOptions, type BotPolicy, type GainParts } from "./bot.ts";
import { playBotGame, type BotGameOptions } from "./play.ts";
import { measureCompiled, quantitiesCompiled } from "./quantities.ts";
import { parseScenarioText, type ScenarioError } from "../scenario/load.ts";
import type { Value } from "../expr/compile.ts";
import { injectEventCompiled, startGameCompiled } from "./events.ts";
import { applyControlCompiled, endAfterCompiled, ruleOutcomeCompiled, type CustomInject } from "./control.ts";
import { canonicalJson, hashText } from "./hash.ts";
import { checkOrder, moveOptionsCompiled, setLockedCompiled, submitOrdersCompiled } from "./orders.ts";
import { answerProposalCompiled, chooseOptionCompiled, proposeCompiled } from "./proposals.ts";
import { resolveCompiled, type ResolveOptions } from "./resolve.ts";
import { compiled } from "./rules.ts";
import { scoreAllCompiled } from "./score.ts";
import { historyPoint as historyPointCompiled } from "./state.ts";
import { historyForCompiled, publicScenarioCompiled, reportForCompiled, viewForCompiled } from "./view.ts";
export { summedRelations } from "./view.ts";
import type {
  ActorId,
  Answer,
  BotPlan,
  GameState,
  GameView,
  HistoryPoint,
  LegalityInput,
  MoveOption,
  Order,
  Proposal,
  ReportEntry,
  Result,
  RuledOutcome,
  Rules,
  ScoreCard,
  TurnReport,
  Vote,
} from "./types.ts";
import type { Scenario } from "../scenario/schema.ts";

export type { Rules, LegalityInput, ResolveOptions, BotOptions, BotPolicy, BotGameOptions, GainParts };

/** The scenario as a viewer may see it: other seats' secret objectives removed. */
export type PublicScenario = Scenario;

type Viewer = ActorId | "observer" | "facilitator";

/**
 * Reads scenario text (YAML or JSON) and compiles it: the rules, or every error located by file,
 * line and column. (`fileName` only labels the errors; node tools read files with
 * scripts/read-scenario.ts.)
 */
export function loadRules(text: string, fileName: string): Result<Rules, ScenarioError[]> {
  const r = parseScenarioText(text, fileName);
  return r.ok ? { ok: true, value: compileRules(r.value) } : r;
}
/** Compiles a scenario that already passed validation. Throws only on programmer error. */
export function compileRules(scenario: Scenario): Rules {
  const rules: Rules = { scenario };
  compiled(rules);
  return rules;
}
/** A new game at turn 1 from the scenario's starting data and a seed, its opening events fired. */
export function createGame(rules: Rules, seed: string): GameState {
  return startGameCompiled(compiled(rules), seed);
}
/** The playable seats, in scenario order. */
export function seatsOf(rules: Rules): ActorId[] {
  return [...compiled(rules).seats];
}
/** Every move the seat could consider, each with availability, legal targets and reasons. */
export function moveOptions(rules: Rules, state: LegalityInput, seat: ActorId): MoveOption[] {
  return moveOptionsCompiled(compiled(rules), state, seat);
}
/** Is this single order legal for the seat right now (ignoring the rest of its orders' cost)? */
export function validateOrder(rules: Rules, state: LegalityInput, seat: ActorId, order: Order): Result<void> {
  return checkOrder(compiled(rules), state, seat, order);
}
/** Replaces the seat's orders for this turn (revise freely until locked). */
export function submitOrders(rules: Rules, state: GameState, seat: ActorId, orders: Order[]): Result<GameState> {
  return submitOrdersCompiled(compiled(rules), state, seat, orders);
}
/** Locks or unlocks a seat's orders for this turn. */
export function setLocked(rules: Rules, state: GameState, seat: ActorId, locked: boolean): Result<GameState> {
  return setLockedCompiled(compiled(rules), state, seat, locked);
}
/** Puts a consent move (deal or council draft) to its addressees; costs capital now. */
export function propose(
  rules: Rules,
  state: GameState,
  seat: ActorId,
  order: Order,
): Result<{ state: GameState; proposal: Proposal }> {
  return proposeCompiled(compiled(rules), state, seat, order);
}
/** Accept/reject a deal, or vote yes/no/abstain on a council draft. */
export function answerProposal(
  rules: Rules,
  state: GameState,
  seat: ActorId,
  proposalId: string,
  answer: Answer | Vote,
): Result<GameState> {
  return answerProposalCompiled(compiled(rules), state, seat, proposalId, answer);
}
/** Picks an option of an event that waits for this seat's decision. */
export function chooseOption(
  rules: Rules,
  state: GameState,
  seat: ActorId,
  pendingId: string,
  option: string,
): Result<GameState> {
  return chooseOptionCompiled(compiled(rules), state, seat, pendingId, option);
}
/**
 * Resolves the current turn. Missing answers and choices take their defaults. Throws only on a
 * rule error. The report is the caller's to keep (the state does not carry past reports);
 * `{ explain: false }` leaves its explanations empty and is faster, with the same outcome.
 */
export function resolveTurn(rules: Rules, state: GameState, opts?: ResolveOptions): { state: GameState; report: TurnReport } {
  return resolveCompiled(compiled(rules), state, opts);
}
/** The numbers and scores of a state for charts: after the turn just resolved (turn 0 at the start). */
export function historyPoint(rules: Rules, state: GameState): HistoryPoint {
  return historyPointCompiled(compiled(rules), state);
}
/** A kept report as a viewer may see it in this (later) state: covert actions exposed since show. */
export function reportFor(state: Pick<GameState, "covert">, report: TurnReport, viewer: Viewer): TurnReport {
  return reportForCompiled(state, report, viewer);
}
/** A kept history point as a viewer may see it: totals count public objectives only until the end (the viewer's own too). */
export function historyFor(point: HistoryPoint, viewer: Viewer, over: boolean): HistoryPoint {
  return historyForCompiled(point, viewer, over);
}
/** Facilitator: fires an event now (ignoring its trigger), on `seat` if the event affects one. */
export function injectEvent(
  rules: Rules,
  state: GameState,
  eventId: string,
  seat?: ActorId,
): Result<{ state: GameState; entry: ReportEntry }> {
  return injectEventCompiled(compiled(rules), state, eventId, seat);
}
/** The control cell's custom inject or adjudication override (pure; replayed from the log). */
export function applyControl(rules: Rules, state: GameState, inject: CustomInject): Result<{ state: GameState; entry: ReportEntry }> {
  return applyControlCompiled(compiled(rules), state, inject);
}
/**
 * The control cell's ruling on the outcome of one of this turn's proposals (deal accepted/rejected,
 * council draft passed/failed) with its reason, or null to clear it; applied when the turn resolves.
 */
export function ruleOutcome(_rules: Rules, state: GameState, proposalId: string, outcome: RuledOutcome | null, reason: string): Result<GameState> {
  return ruleOutcomeCompiled(state, proposalId, outcome, reason);
}
/** The control cell ends the game after a turn (null: the scenario's full length again); replayed from the log. */
export function endAfter(rules: Rules, state: GameState, turn: number | null): Result<GameState> {
  return endAfterCompiled(compiled(rules), state, turn);
}
export type { CustomInject, ControlChange } from "./control.ts";
/** What a seat, an observer or the facilitator may see. */
export function viewFor(rules: Rules, state: GameState, viewer: Viewer): GameView {
  return viewForCompiled(compiled(rules), state, viewer);
}
/** Every seat's score against its objectives now. */
export function scoreAll(rules: Rules, state: GameState): Record<ActorId, ScoreCard> {
  return scoreAllCompiled(compiled(rules), state);
}
/**
 * A bot's decisions for a seat this turn: orders, proposals, answers (each with a one-line
 * reason) and event choices. `level` "fast" (default: simulations) or "strong" (seats beside
 * people: it projects the next turns); `policy` forces or excludes moves for experiments.
 */
export function botPlan(rules: Rules, state: GameState, seat: ActorId, opts?: BotOptions): BotPlan {
  return botPlanCompiled(compiled(rules), state, seat, opts);
}
/** Every legal order of a seat with what a bot would gain by it, best first (for balancing a scenario). */
export function botWeighs(rules: Rules, state: GameState, seat: ActorId, opts?: BotOptions): { order: Order; gain: number }[] {
  return new Planner(compiled(rules), state, opts).weighAll(state, seat);
}
/** What botWeighs' gain of one order is made of: per objective and well-being term, and doctrine; null for a red line. */
export function botExplainsGain(rules: Rules, state: GameState, seat: ActorId, order: Order, opts?: BotOptions): GainParts | null {
  return new Planner(compiled(rules), state, opts).explainGain(state, seat, order);
}
/** Applies a plan made by botPlan (for example one kept in a game log) for a seat and locks it in. */
export function applyBotPlan(rules: Rules, state: GameState, seat: ActorId, plan: BotPlan): GameState {
  return applyPlan(compiled(rules), state, seat, plan);
}
/** Applies botPlan for a seat and locks it in. */
export function playBot(rules: Rules, state: GameState, seat: ActorId, opts?: BotOptions): GameState {
  return playBotCompiled(compiled(rules), state, seat, opts);
}
/**
 * Plays a complete game with bots on every seat (fast level unless `level` says otherwise);
 * `policy` forces, excludes or fixes moves and votes for experiments; `onTurn` sees every
 * resolution (the state with orders in, the report, the state after).
 */
export function playGame(rules: Rules, seed: string, opts?: BotGameOptions): GameState {
  return playBotGame(compiled(rules), seed, opts);
}
/** Evaluates any formula of the scenario's language on a state (self, target, target2 as given). */
export function measure(rules: Rules, state: GameState, formula: string, bind?: { self?: ActorId; target?: ActorId; target2?: ActorId }): Result<Value, string> {
  return measureCompiled(compiled(rules), state, formula, bind);
}
/**
 * Every quantity of a state by name, as explanations name them: "CHN.gdp", "world.tension",
 * "derived.<id>", "relation:CHN:PRK", "trade:CHN:PRK", "influence:PRK:CHN" (a share 0..1).
 */
export function quantities(rules: Rules, state: GameState): Record<string, number> {
  return quantitiesCompiled(compiled(rules), state);
}
/** A hex hash of the canonical JSON of a state: equal hashes mean identical games. */
export function stateHash(state: GameState): string {
  return hashText(canonicalJson(state));
}
/** The scenario with secret objectives of other seats removed (all kept for the facilitator). */
export function publicScenario(rules: Rules, viewer: Viewer): PublicScenario {
  return publicScenarioCompiled(compiled(rules), viewer);
}
