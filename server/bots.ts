// Which seats a bot plays, the bot's answers to proposals (with the reason it gives), and the
// offers a bot seat puts to people. The decisions themselves come from the engine (botPlan); this
// only decides when to ask.
import type { ActorId, Answer, BotLevel, BotPlan, GameState, Order, Proposal, Vote } from "../shared/engine/index.ts";
import type { Rules } from "../shared/engine/index.ts";
import type { EnginePort } from "./game/engine-port.ts";
import type { GameRecord } from "./store/game-store.ts";

/** The facilitator kept this seat for a bot: nobody may claim it, and its bot plays whatever the policy. */
export function isKept(record: Pick<GameRecord, "kept">, seat: ActorId): boolean {
  return record.kept.includes(seat);
}

/**
 * A seat is shown as a bot's when it is kept for one, when the facilitator switched its bot on,
 * or when nobody claimed it and the game's policy for empty seats is "bot" (unless the facilitator
 * switched the bot off). Only kept seats and the facilitator's bots play at turn start (see
 * playsAtTurnStart); an empty seat's bot plays when the turn resolves, so a person who claims it
 * first starts clean.
 */
export function isBotSeat(record: GameRecord, claimed: ReadonlySet<ActorId>, seat: ActorId): boolean {
  if (isKept(record, seat)) return true;
  const override = record.bots[seat];
  if (override !== undefined) return override;
  return record.options.missingSeats === "bot" && !claimed.has(seat);
}

/**
 * The facilitator put this seat on a bot, or kept it for one (nobody will come to it): it plays
 * as soon as a turn starts and answers offers at once.
 */
export function playsAtTurnStart(record: GameRecord, seat: ActorId): boolean {
  return record.bots[seat] === true || isKept(record, seat);
}

/**
 * At resolution, a seat without orders that has not locked in is filled by a bot under the "bot"
 * policy, unless the facilitator switched that seat's bot off; a kept seat always is, also under
 * "hold".
 */
export function fillsAtResolution(record: GameRecord, seat: ActorId): boolean {
  if (isKept(record, seat)) return true;
  return record.options.missingSeats === "bot" && record.bots[seat] !== false;
}

/** How hard this game's bots think (games created before levels existed play at the strong level). */
export function botLevelOf(record: GameRecord): BotLevel {
  return record.options.botLevel ?? "strong";
}

/** The answers bot addressees give to a fresh proposal, from the engine's bot plan, each with its reason. */
export function botAnswers(
  engine: EnginePort,
  rules: Rules,
  state: GameState,
  proposal: Proposal,
  isBot: (seat: ActorId) => boolean,
  level: BotLevel,
): { seat: ActorId; answer: Answer | Vote; reason: string }[] {
  const out: { seat: ActorId; answer: Answer | Vote; reason: string }[] = [];
  for (const seat of proposal.to) {
    if (!isBot(seat) || proposal.answers[seat] !== undefined) continue;
    const plan = engine.botPlan(rules, state, seat, { level });
    const answer = plan.answers.find((a) => a.proposal === proposal.id);
    if (answer) out.push({ seat, answer: answer.answer, reason: answer.reason });
  }
  return out;
}

/**
 * The offers a bot seat puts to people at the start of a turn: its planned deals to seats a person
 * holds, and its council drafts when a person sits on the council (they vote on them). Its orders
 * wait for the resolution.
 */
export function botOffers(rules: Rules, plan: BotPlan, isHuman: (seat: ActorId) => boolean): Order[] {
  const s = rules.scenario;
  const council = [...(s.council?.permanent ?? []), ...(s.council?.elected ?? [])];
  return plan.proposals.filter((o) => {
    const m = s.moves[o.move];
    if (m?.accept === "target") return o.target !== undefined && isHuman(o.target);
    return m?.accept === "council" && council.some(isHuman);
  });
}
