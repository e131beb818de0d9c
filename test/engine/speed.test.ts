// The speed work computes the same things, only sooner. These pin the assumptions it rests on,
// independently of any recorded outcome (bench/outcomes.ts compares outcomes with recorded ones):
// memos (the fast level's table of delayed values, menus, deals already weighed) give the same
// games whether they start cold or warm; the look-ahead's incremental objectives skip only
// objectives whose measure cannot have changed; an order a bot's menu marks as never legal is
// never legal; the simulation pool's workers record exactly what one thread records.
import { describe, expect, it } from "vitest";
import { compileRules, createGame, resolveTurn, stateHash, validateOrder, type Rules } from "../../shared/engine/api.ts";
import { botMenu } from "../../shared/engine/bot.ts";
import { Ctx } from "../../shared/engine/env.ts";
import { evalNum } from "../../shared/engine/formula.ts";
import { botTurn, playBotGame } from "../../shared/engine/play.ts";
import { objectiveReads, type Read } from "../../shared/engine/reads.ts";
import { compiled, type Compiled } from "../../shared/engine/rules.ts";
import type { BotLevel, GameState } from "../../shared/engine/types.ts";
import { firstScenarioRules } from "./fixtures/first-scenario.ts";
import { rulesWith } from "./fixtures/build.ts";

/** The same scenario compiled afresh: its own (cold) menus and table of delayed values. */
const fresh = (rules: Rules): Compiled => compiled(compileRules(rules.scenario));

/** States along a few bot games (before each resolution, orders in). */
function states(rules: Rules, games: number): GameState[] {
  const c = compiled(rules);
  const out: GameState[] = [];
  for (let g = 0; g < games; g++) {
    let s = createGame(rules, `speed-${g}`);
    while (s.phase !== "over") {
      const ready = botTurn(c, s);
      out.push(ready);
      s = resolveTurn(rules, ready, { explain: false }).state;
    }
  }
  return out;
}

describe("speed work keeps the same computation", () => {
  const first = firstScenarioRules();
  const fixture = rulesWith();

  it("a game is the same whether the bots' memos start cold or warm", () => {
    for (const [rules, level, seeds] of [
      [first, "fast", ["m1", "m2"]],
      [fixture, "fast", ["m1", "m2", "m3"]],
      [fixture, "strong", ["m1"]],
    ] as [Rules, BotLevel, string[]][]) {
      for (const seed of seeds) {
        const cold = stateHash(playBotGame(fresh(rules), seed, { level }));
        const warm = fresh(rules);
        for (const other of ["w1", "w2", "w3"]) playBotGame(warm, other, { level });
        expect(stateHash(playBotGame(warm, seed, { level })), `${rules.scenario.id} ${level} ${seed}`).toBe(cold);
      }
    }
  });

  it("an objective's measure changes only with what reads.ts says it reads", () => {
    for (const rules of [first, fixture]) {
      const c = compiled(rules);
      for (const st of states(rules, 2).filter((_, i) => i % 3 === 0)) {
        for (const change of changes(c, st)) {
          const changed = change.apply(structuredClone(st));
          for (const seat of c.seats) {
            const reads = objectiveReads(c, seat);
            (c.objectives[seat] ?? []).forEach((o, i) => {
              if (reads[i]!.some((r) => covers(r, change.part))) return;
              const before = evalNum(o.measure, new Ctx(c, st, null, seat));
              const after = evalNum(o.measure, new Ctx(c, changed, null, seat));
              expect(after, `${seat} objective ${i} after changing ${JSON.stringify(change.part)}`).toBe(before);
            });
          }
        }
      }
    }
  });

  it("an order a bot's menu marks as never legal is illegal in every state", () => {
    for (const rules of [first, fixture]) {
      const c = compiled(rules);
      const sample = states(rules, 2).filter((_, i) => i % 4 === 0);
      for (const seat of c.seats) {
        for (const item of botMenu(c, seat)) {
          for (const cand of item.candidates.filter((x) => x.never)) {
            for (const st of sample) expect(validateOrder(rules, st, seat, cand.order).ok, `${seat} ${cand.key}`).toBe(false);
          }
        }
      }
    }
  });
});

/** A part of a state, named as reads.ts names what a formula reads. */
type Part = Exclude<Read, { in: "anything" }>;

/** Every part of a state, each with a change to it alone. */
function changes(c: Compiled, st: GameState): { part: Part; apply: (s: GameState) => GameState }[] {
  const out: { part: Part; apply: (s: GameState) => GameState }[] = [];
  const add = (part: Part, apply: (s: GameState) => void): void => {
    out.push({ part, apply: (s) => (apply(s), s) });
  };
  for (const a of c.actorIds) for (const ind of c.indicatorIds) add({ in: "actor", actor: a, key: ind }, (s) => (s.actors[a]![ind] = (s.actors[a]![ind] ?? 0) * 1.5 + 13.7));
  for (const g of c.worldIds) add({ in: "world", key: g }, (s) => (s.world[g] = (s.world[g] ?? 0) * 1.5 + 13.7));
  for (const key of c.pairKeys) {
    add({ in: "relations", key }, (s) => (s.relations[key] = { base: (s.relations[key]?.base ?? 0) + 37, modifiers: [] }));
    add({ in: "trade", key }, (s) => (s.trade[key] = (s.trade[key] ?? 0) * 1.5 + 3));
  }
  for (const over of c.actorIds) add({ in: "influence", over }, (s) => (s.influence[over] = Object.fromEntries(c.actorIds.map((b, i) => [b, i + 1]))));
  add({ in: "state", key: "sanctions" }, (s) => (s.sanctions = s.sanctions.map((x) => ({ ...x, enforcement: x.enforcement / 2 }))));
  add({ in: "state", key: "treaties" }, (s) => (s.treaties = []));
  add({ in: "state", key: "turn" }, (s) => (s.turn += 1));
  for (const m of Object.keys(st.mandates)) add({ in: "mandates", key: m }, (s) => (s.mandates[m] = !s.mandates[m]));
  return out;
}

/** Whether a read covers a part of the state. */
function covers(r: Read, p: Part): boolean {
  if (r.in === "anything") return true;
  if (r.in !== p.in) return false;
  if (r.in === "actor" && p.in === "actor") return r.actor === p.actor && r.key === p.key;
  if (r.in === "influence" && p.in === "influence") return r.over === p.over;
  return (r as { key: string | null }).key === null || (r as { key: string | null }).key === (p as { key: string }).key;
}
