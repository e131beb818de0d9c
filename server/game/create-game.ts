// Creating a game: the creator's options, a fresh engine state, and the facilitator's credential,
// all stored before anyone hears of the game.
import type { ScenarioProblem } from "../../shared/protocol.ts";
import type { Rules } from "../../shared/engine/index.ts";
import { CreateGameOptions } from "../../shared/protocol.ts";
import type { Clock } from "../clock.ts";
import { newGameId, newJoinCode, newSeed, newToken } from "../ids.ts";
import type { GameRecord, GameStore } from "../store/game-store.ts";
import type { EnginePort } from "./engine-port.ts";
import type { CompiledScenario } from "../scenarios.ts";
import { initialClock } from "./lobby-phase.ts";

export type CreateResult =
  | { ok: true; record: GameRecord; facilitatorToken: string }
  | { ok: false; code: string; message: string; errors?: ScenarioProblem[] };

/** Where a new game's scenario comes from: the folder (by name) or an uploaded text. */
export type ScenarioSource = (
  options: { scenario: string; scenarioText?: string; scenarioFile?: string },
) => { ok: true; value: GameScenario } | { ok: false; code: string; message: string; errors?: ScenarioProblem[] };

/** A new game's rules, with the text and hash stored with it (none: the game uses the folder's file of its name). */
export type GameScenario = Pick<CompiledScenario, "rules"> & { hash: string | null; text?: string };

/** Validates the options, creates the engine state and stores the game. */
export async function createGameRecord(
  input: unknown,
  deps: { store: GameStore; clock: Clock; engine: EnginePort } & ({ source: ScenarioSource } | { rules: (scenario: string) => Rules | undefined }),
): Promise<CreateResult> {
  const parsed = CreateGameOptions.safeParse(input ?? {});
  if (!parsed.success)
    return { ok: false, code: "create/bad_options", message: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  // Kept seats live in the record (the facilitator may release them), not in the options.
  const { scenarioText, scenarioFile, keptSeats, ...options } = parsed.data;
  const source =
    "source" in deps
      ? deps.source({ scenario: options.scenario, scenarioText, scenarioFile })
      : byName(deps.rules, options.scenario);
  if (!source.ok) return source;
  const { rules, hash, text } = source.value;
  const seats = deps.engine.seatsOf(rules);
  const unknown = (keptSeats ?? []).filter((seat) => !seats.includes(seat));
  if (unknown.length > 0)
    return { ok: false, code: "create/unknown_seat", message: `keptSeats: ${unknown.join(", ")} ${unknown.length === 1 ? "is not a seat" : "are not seats"} of this scenario (its seats: ${seats.join(", ")}).` };
  // An uploaded scenario is known by its id; the options keep no copy of the text (the store does).
  if (scenarioText !== undefined) options.scenario = rules.scenario.id.slice(0, 64);
  const now = deps.clock.now();
  const id = newGameId();
  let joinCode = newJoinCode();
  while (await deps.store.findByJoinCode(joinCode)) joinCode = newJoinCode();
  // A random secret by default: the game id is public, and a seed anyone knows predicts the dice.
  const seed = options.seed ?? newSeed();
  const state = deps.engine.createGame(rules, seed);
  const record: GameRecord = {
    id,
    joinCode,
    name: options.name ?? `${rules.scenario.title} (${joinCode})`,
    scenario: options.scenario,
    scenarioHash: hash,
    seed,
    options,
    ...initialClock(options.start, options.turnMinutes, now),
    turn: state.turn,
    paused: false,
    remainingMs: null,
    bots: {},
    kept: seats.filter((seat) => keptSeats?.includes(seat)),
    createdAt: now,
  };
  const facilitatorToken = newToken();
  await deps.store.createGame(record, state, deps.engine.historyPoint(rules, state), facilitatorToken, options.creatorName, text);
  return { ok: true, record, facilitatorToken };
}

/** Benches and tests that hold compiled rules by name: games made so keep no copy of the text. */
function byName(rules: (scenario: string) => Rules | undefined, scenario: string): ReturnType<ScenarioSource> {
  const found = rules(scenario);
  return found ? { ok: true, value: { rules: found, hash: null } } : { ok: false, code: "create/unknown_scenario", message: `No scenario ${scenario}.` };
}
