// A complete game played by bots: every seat plans (orders and proposals), then every seat
// answers the proposals made to it, then the turn resolves. Used by simulations, benches and tests.
import { playBotCompiled } from "./bot.ts";
import { resolveCompiled } from "./resolve.ts";
import type { Compiled } from "./rules.ts";
import { createGameCompiled } from "./state.ts";
import type { GameState } from "./types.ts";

/** One bot turn for every seat: plans first, then answers to proposals made this turn. */
export function botTurn(c: Compiled, st: GameState): GameState {
  let s = st;
  for (const seat of c.seats) s = playBotCompiled(c, s, seat);
  for (const seat of c.seats) {
    if (s.proposals.some((p) => p.to.includes(seat) && !Object.hasOwn(p.answers, seat))) s = playBotCompiled(c, s, seat);
  }
  return s;
}

/** Plays a whole game with bots in every seat and returns the final state. */
export function playBotGame(c: Compiled, seed: string): GameState {
  let s = createGameCompiled(c, seed);
  while (s.phase !== "over") s = resolveCompiled(c, botTurn(c, s)).state;
  return s;
}
