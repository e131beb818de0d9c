// Rebuilds the current engine state after a restart: the turn's starting state plus the turn's
// logged engine actions, applied again in order. The engine is deterministic, so this gives the
// same state the players had before the crash.
import type { Rules } from "../../shared/engine/index.ts";
import type { Answer, BotPlan, CustomInject, GameState, Order, RuledOutcome, Vote } from "../../shared/engine/index.ts";
import type { ActionRecord } from "../store/game-store.ts";
import type { EnginePort } from "./engine-port.ts";

type P = Record<string, unknown>;

/** Applies one logged action; actions that are not engine calls (chat, clock) leave the state alone. */
export function replayAction(engine: EnginePort, rules: Rules, state: GameState, a: ActionRecord): GameState {
  const p = (a.payload ?? {}) as P;
  const seat = a.seat ?? "";
  const value = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
    if (!r.ok) throw new Error(`replay of action ${a.id} (${a.kind}) failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  switch (a.kind) {
    case "orders":
      return value(engine.submitOrders(rules, state, seat, p.orders as Order[]));
    case "lock":
      return value(engine.setLocked(rules, state, seat, p.locked as boolean));
    case "propose":
      return value(engine.propose(rules, state, seat, p.order as Order)).state;
    case "answer":
      return value(engine.answerProposal(rules, state, seat, p.proposal as string, p.answer as Answer | Vote));
    case "choose":
      return value(engine.chooseOption(rules, state, seat, p.pending as string, p.option as string));
    case "bot-play":
      // Logs keep the bot's plan; games logged before plans were kept re-plan (same engine, same state).
      return p.plan ? engine.applyBotPlan(rules, state, seat, p.plan as BotPlan) : engine.playBot(rules, state, seat);
    case "inject":
      // A scenario event, or the control cell's own inject (with its changes).
      if (p.custom) return value(engine.applyControl(rules, state, p.custom as CustomInject)).state;
      return value(engine.injectEvent(rules, state, p.event as string, (p.seat as string | undefined) ?? undefined)).state;
    case "override":
      return value(engine.applyControl(rules, state, p.custom as CustomInject)).state;
    case "end-after":
      return value(engine.endAfter(rules, state, (p.turn as number | null | undefined) ?? null));
    case "ruling":
      return value(engine.ruleOutcome(rules, state, p.proposal as string, (p.outcome as RuledOutcome | null) ?? null, (p.reason as string | undefined) ?? ""));
    default:
      return state;
  }
}

/** The state after replaying a turn's actions on its starting state. */
export function replayTurn(engine: EnginePort, rules: Rules, start: GameState, actions: ActionRecord[]): GameState {
  return actions.reduce((s, a) => replayAction(engine, rules, s, a), start);
}
