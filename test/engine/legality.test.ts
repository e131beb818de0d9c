// One legality authority: what moveOptions lists as legal (the orders panel greys out the rest)
// is exactly what validateOrder accepts, for every seat, move, target, second target and
// parameter choice, at several reachable states of the first scenario and of the fixture.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileRules, createGame, moveOptions, resolveTurn, seatsOf, validateOrder, type Rules } from "../../shared/engine/api.ts";
import { paramCombos } from "../../shared/engine/orders.ts";
import { botTurn } from "../../shared/engine/play.ts";
import { compiled } from "../../shared/engine/rules.ts";
import type { GameState, MoveOption, Order } from "../../shared/engine/types.ts";
import { parseScenarioText } from "../../shared/scenario/load.ts";
import { rulesWith } from "./fixtures/build.ts";

function firstScenario(): Rules {
  const file = "scenarios/pyongyang-2024.yaml";
  const r = parseScenarioText(readFileSync(file, "utf8"), file);
  if (!r.ok) throw new Error(`${file} does not load`);
  return compileRules(r.value);
}

/** The starting state and the states after 3 and 6 bot turns. */
function reachable(rules: Rules, seed: string): GameState[] {
  const c = compiled(rules);
  const out: GameState[] = [];
  let s = createGame(rules, seed);
  for (let turn = 0; turn <= 6 && s.phase !== "over"; turn++) {
    if (turn % 3 === 0) out.push(s);
    s = resolveTurn(rules, botTurn(c, s), { explain: false }).state;
  }
  return out;
}

const key = (p: Order["params"]): string => JSON.stringify(Object.entries(p ?? {}).sort());

/** Whether moveOptions shows this order as legal (at a turn's start: full budget, nobody locked). */
function shownLegal(opt: MoveOption, order: Order, hasParams: boolean): boolean {
  const inSets = (sets: Order["params"][] | undefined) => !hasParams || (sets ?? []).some((p) => key(p) === key(order.params));
  if (order.target === undefined) return opt.available && inSets(opt.paramSets);
  const t = opt.targets.find((x) => x.id === order.target);
  if (!t?.legal) return false;
  if (order.target2 === undefined) return inSets(t.paramSets);
  const second = t.seconds?.find((x) => x.id === order.target2);
  return second !== undefined && inSets(second.paramSets);
}

describe("moveOptions agrees with validateOrder", () => {
  for (const [name, rules] of [["the fixture", rulesWith()], ["the first scenario", firstScenario()]] as const) {
    it(`for every seat, move, target and parameter choice of ${name}`, () => {
      const c = compiled(rules);
      let checked = 0;
      let legal = 0;
      for (const st of reachable(rules, "legality")) {
        for (const seat of seatsOf(rules)) {
          for (const opt of moveOptions(rules, st, seat)) {
            const m = c.moves[opt.move]!;
            const others = c.actorIds.filter((a) => a !== seat);
            const targetSets: [string?, string?][] =
              m.def.target === "none" ? [[]] : m.def.target === "actor" ? others.map((a) => [a]) : others.flatMap((a) => others.filter((b) => b !== a).map((b): [string, string] => [a, b]));
            for (const [t, t2] of targetSets) {
              for (const params of paramCombos(m.params)) {
                const order: Order = { move: opt.move };
                if (t !== undefined) order.target = t;
                if (t2 !== undefined) order.target2 = t2;
                if (m.params.length > 0) order.params = params;
                const valid = validateOrder(rules, st, seat, order).ok;
                expect({ seat, order, legal: shownLegal(opt, order, m.params.length > 0) }).toEqual({ seat, order, legal: valid });
                checked++;
                if (valid) legal++;
              }
            }
          }
        }
      }
      expect(checked).toBeGreaterThan(300);
      expect(legal).toBeGreaterThan(50);
    });
  }
});
