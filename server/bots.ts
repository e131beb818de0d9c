// Which seats a bot plays, and the bot's answers to proposals made after it moved. The decisions
// themselves come from the engine (botPlan/playBot); this only decides when to ask.
import type { ActorId, Answer, GameState, Proposal, Vote } from "../shared/engine/types.ts";
import type { Rules } from "../shared/engine/index.ts";
import type { EnginePort } from "./game/engine-port.ts";
import type { GameRecord } from "./store/game-store.ts";

/**
 * A seat is shown as a bot's when the facilitator switched its bot on, or when nobody claimed it
 * and the game's policy for empty seats is "bot" (unless the facilitator switched the bot off).
 * Only the facilitator's bots play at turn start (see playsAtTurnStart); an empty seat's bot
 * plays when the turn resolves, so a person who claims it first starts clean.
 */
export function isBotSeat(record: GameRecord, claimed: ReadonlySet<ActorId>, seat: ActorId): boolean {
  const override = record.bots[seat];
  if (override !== undefined) return override;
  return record.options.missingSeats === "bot" && !claimed.has(seat);
}

/** The facilitator put this seat on a bot: it plays as soon as a turn starts and answers offers at once. */
export function playsAtTurnStart(record: GameRecord, seat: ActorId): boolean {
  return record.bots[seat] === true;
}

/**
 * At resolution, a seat without orders that has not locked in is filled by a bot under the "bot"
 * policy, unless the facilitator switched that seat's bot off.
 */
export function fillsAtResolution(record: GameRecord, seat: ActorId): boolean {
  return record.options.missingSeats === "bot" && record.bots[seat] !== false;
}

/** The answers bot addressees give to a fresh proposal, from the engine's bot plan. */
export function botAnswers(
  engine: EnginePort,
  rules: Rules,
  state: GameState,
  proposal: Proposal,
  isBot: (seat: ActorId) => boolean,
): { seat: ActorId; answer: Answer | Vote }[] {
  const out: { seat: ActorId; answer: Answer | Vote }[] = [];
  for (const seat of proposal.to) {
    if (!isBot(seat) || proposal.answers[seat] !== undefined) continue;
    const plan = engine.botPlan(rules, state, seat);
    const answer = plan.answers.find((a) => a.proposal === proposal.id);
    if (answer) out.push({ seat, answer: answer.answer });
  }
  return out;
}
