// Creating a game: the creator's options, a fresh engine state, and the facilitator's credential,
// all stored before anyone hears of the game.
import type { Rules } from "../../shared/engine/index.ts";
import { CreateGameOptions } from "../../shared/protocol.ts";
import type { Clock } from "../clock.ts";
import { newGameId, newJoinCode, newSeed, newToken } from "../ids.ts";
import type { GameRecord, GameStore } from "../store/game-store.ts";
import type { EnginePort } from "./engine-port.ts";
import { initialClock } from "./lobby-phase.ts";

export type CreateResult =
  | { ok: true; record: GameRecord; facilitatorToken: string }
  | { ok: false; code: string; message: string };

/** Validates the options, creates the engine state and stores the game. */
export function createGameRecord(
  input: unknown,
  deps: { store: GameStore; clock: Clock; engine: EnginePort; rules: (scenario: string) => Rules | undefined },
): CreateResult {
  const parsed = CreateGameOptions.safeParse(input ?? {});
  if (!parsed.success)
    return { ok: false, code: "create/bad_options", message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const options = parsed.data;
  const rules = deps.rules(options.scenario);
  if (!rules) return { ok: false, code: "create/unknown_scenario", message: `No scenario ${options.scenario}.` };
  const now = deps.clock.now();
  const id = newGameId();
  let joinCode = newJoinCode();
  while (deps.store.findByJoinCode(joinCode)) joinCode = newJoinCode();
  // A random secret by default: the game id is public, and a seed anyone knows predicts the dice.
  const seed = options.seed ?? newSeed();
  const state = deps.engine.createGame(rules, seed);
  const record: GameRecord = {
    id,
    joinCode,
    name: options.name ?? `${rules.scenario.title} (${joinCode})`,
    scenario: options.scenario,
    seed,
    options,
    ...initialClock(options.start, options.turnMinutes, now),
    turn: state.turn,
    paused: false,
    remainingMs: null,
    bots: {},
    createdAt: now,
  };
  const facilitatorToken = newToken();
  deps.store.createGame(record, state, deps.engine.historyPoint(rules, state), facilitatorToken, options.creatorName);
  return { ok: true, record, facilitatorToken };
}
