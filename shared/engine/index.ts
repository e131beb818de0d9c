// The engine's public API. Pure functions over plain data: no I/O, no clock, no Math.random.
// Same scenario + seed + calls => byte-identical states (see stateHash).
//
// Typical turn:  submitOrders / propose / answerProposal / chooseOption  (any order, revisable)
//                -> setLocked for every seat (the host decides when to resolve)
//                -> resolveTurn  => { state, report }
//
// Resolution order (documented in docs/rules.md): answered proposals, then orders by category
// (alignment, trade, sanctions, security), council votes, covert discovery, pending event choices,
// dynamics, modifier decay, event triggers, scores.
export type * from "./types.ts";
export { ERROR_CODES, BOT_LEVELS } from "./types.ts";
/** What resolveTurn throws when a scenario formula misbehaves (NaN, Infinity): suspend the game. */
export { RuleError } from "./formula.ts";
export {
  loadRules,
  compileRules,
  createGame,
  seatsOf,
  moveOptions,
  validateOrder,
  submitOrders,
  setLocked,
  propose,
  answerProposal,
  chooseOption,
  resolveTurn,
  historyPoint,
  reportFor,
  historyFor,
  injectEvent,
  applyControl,
  ruleOutcome,
  endAfter,
  type CustomInject,
  type ControlChange,
  viewFor,
  summedRelations,
  scoreAll,
  botPlan,
  botWeighs,
  botExplainsGain,
  type GainParts,
  applyBotPlan,
  playBot,
  stateHash,
  publicScenario,
  playGame,
  measure,
  quantities,
  type Rules,
  type LegalityInput,
  type PublicScenario,
  type ResolveOptions,
  type BotOptions,
  type BotPolicy,
  type BotGameOptions,
} from "./api.ts";
/** Standings as a share of each seat's maximum: one scoring authority for every screen and export. */
export { objectiveScore, cardTotal } from "./score.ts";
export { standings, standingOf, objectiveStatus, percent, attainmentPercent, pointsOf, type Standing, type ObjectiveStatus } from "./standings.ts";
/** Every name, label and headline players read, written from the scenario (the one voice). */
export {
  actorName,
  fullName,
  nameInSentence,
  possessive,
  officialsOf,
  humanise,
  capitalise,
  choiceText,
  choiceLabel,
  sectorText,
  fillText,
  moveHeadline,
  exposedHeadline,
  exposedLabel,
  exposedPhrase,
  eventHeadline,
  eventText,
  optionLabel,
  optionHeadline,
  offerPhrase,
  lowerFirstWord,
  rejectedHeadline,
  rulingHeadline,
  rulingWithdrawn,
  rulingEntryId,
  isRulingEntry,
  proposalName,
  rulingText,
  overrideLabel,
  entryHeadline,
  indicatorLabel,
  subjectLabel,
  causeText,
  blocLabel,
  namesIn,
} from "./text.ts";
/** The calendar date ("2024-07") a turn stands for. */
export { dealPutTo, finalTurn, pairKey, turnDate, turnMonth } from "./state-read.ts";
export { timesFaded } from "./resolve.ts";
