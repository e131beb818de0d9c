// Compiles the session's scenario once and asks the shared engine which moves are legal, so the
// orders panel greys out what the server would refuse (the server still decides).
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { GameView, MoveOption, Order } from "../../shared/engine/index.ts";
import { compileRules, moveOptions, validateOrder, type Rules } from "../../shared/engine/index.ts";

let cached: { scenario: Scenario; rules: Rules } | null = null;

function rulesFor(scenario: Scenario): Rules {
  if (!cached || cached.scenario !== scenario) cached = { scenario, rules: compileRules(scenario) };
  return cached.rules;
}

/** Move options for a seat, or an error message when the engine cannot answer. */
export function optionsFor(scenario: Scenario, view: GameView, seat: string): { ok: true; options: MoveOption[] } | { ok: false; message: string } {
  try {
    return { ok: true, options: moveOptions(rulesFor(scenario), view, seat) };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

/** The engine's reason an order would be refused (the server runs the same check), or null. */
export function refusalOf(scenario: Scenario, view: GameView, seat: string, order: Order): string | null {
  try {
    const r = validateOrder(rulesFor(scenario), view, seat, order);
    return r.ok ? null : r.error.message;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}
