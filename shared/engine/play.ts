// Complete games played by bots: every seat plans (orders and proposals), then every seat answers
// the proposals made to it, then the turn resolves. Used by simulations, experiments, benches and
// tests. One Planner per turn: every seat's plan shares its look-ahead of the turn's data.
import { applyPlan, Planner, type BotOptions } from "./bot.ts";
import { resolveCompiled } from "./resolve.ts";
import type { Compiled } from "./rules.ts";
import { startGameCompiled } from "./events.ts";
import type { GameState, TurnReport } from "./types.ts";

/** One bot turn for every seat: plans first, then answers to proposals made this turn. */
export function botTurn(c: Compiled, st: GameState, opts: BotOptions = {}): GameState {
  // Nobody reads the reasons of a bot answering a bot.
  const planner = new Planner(c, st, { reasons: false, ...opts });
  let s = st;
  for (const seat of c.seats) s = applyPlan(c, s, seat, planner.plan(s, seat));
  for (const seat of c.seats) {
    if (s.proposals.some((p) => p.to.includes(seat) && !Object.hasOwn(p.answers, seat))) s = applyPlan(c, s, seat, planner.plan(s, seat));
  }
  return s;
}

export interface BotGameOptions extends BotOptions {
  /** Record "why did this change" explanations in the reports (default false: faster, same outcome). */
  explain?: boolean;
  /** Called after each resolution with the state before it (orders in), the report and the state after. */
  onTurn?: (before: GameState, report: TurnReport, after: GameState) => void;
}

/** Plays a whole game with bots in every seat and returns the final state. */
export function playBotGame(c: Compiled, seed: string, opts: BotGameOptions = {}): GameState {
  let s = startGameCompiled(c, seed);
  while (s.phase !== "over") {
    const ready = botTurn(c, s, opts);
    const { state, report } = resolveCompiled(c, ready, { explain: opts.explain ?? false });
    opts.onTurn?.(ready, report, state);
    s = state;
  }
  return s;
}
