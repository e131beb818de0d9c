// The engine functions the server calls, as one object so a test can wrap one of them (for
// example a resolveTurn that throws, to prove a rule error suspends the game instead of the room).
import * as engine from "../../shared/engine/index.ts";

export type EnginePort = Pick<
  typeof engine,
  | "createGame"
  | "seatsOf"
  | "submitOrders"
  | "setLocked"
  | "propose"
  | "answerProposal"
  | "chooseOption"
  | "resolveTurn"
  | "historyPoint"
  | "reportFor"
  | "historyFor"
  | "injectEvent"
  | "applyControl"
  | "ruleOutcome"
  | "endAfter"
  | "viewFor"
  | "botPlan"
  | "applyBotPlan"
  | "playBot"
  | "publicScenario"
>;

/** The real engine. */
export const realEngine: EnginePort = engine;
