// Loads the real first scenario and the engine, so client tests check against what players get.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseScenarioText } from "../../shared/scenario/load.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { compileRules, createGame, type Rules } from "../../shared/engine/api.ts";
import type { GameState, MoveOption } from "../../shared/engine/types.ts";

const file = resolve(import.meta.dirname, "../../scenarios/pyongyang-2024.yaml");

/** The Pyongyang 2024 scenario, parsed and validated. */
export function loadScenario(): Scenario {
  const r = parseScenarioText(readFileSync(file, "utf8"), "pyongyang-2024.yaml");
  if (!r.ok) throw new Error(`scenario does not load: ${r.error.map((e) => e.message).join("; ")}`);
  return r.value;
}

/** Rules and a fresh game with a fixed seed. */
export function freshGame(): { scenario: Scenario; rules: Rules; state: GameState } {
  const scenario = loadScenario();
  const rules = compileRules(scenario);
  return { scenario, rules, state: createGame(rules, "client-tests") };
}

/** A hand-made MoveOption for table tests (fields as the engine fills them). */
export function option(partial: Partial<MoveOption> & { move: string }): MoveOption {
  return {
    name: partial.move,
    category: "trade",
    cost: 1,
    accept: "none",
    covert: false,
    available: true,
    targets: [],
    params: {},
    ...partial,
  };
}
