// Bots: every seat can be played by a bot. Bots finish every game, and everything they decide is
// legal: each planned order passes validateOrder, and the plan as a whole is accepted by
// submitOrders, propose, answerProposal and chooseOption like a human's would be.
import { describe, expect, it } from "vitest";
import {
  answerProposal,
  botPlan,
  chooseOption,
  createGame,
  playBot,
  propose,
  resolveTurn,
  seatsOf,
  submitOrders,
  validateOrder,
  type Rules,
} from "../../shared/engine/api.ts";
import type { GameState } from "../../shared/engine/types.ts";
import { firstScenarioRules } from "./fixtures/first-scenario.ts";
import { rulesWith } from "./fixtures/build.ts";

/** Plays a game where every plan is checked step by step; returns the final state and what bots did. */
function checkedGame(rules: Rules, seed: string): { end: GameState; orders: number; proposals: number } {
  let s = createGame(rules, seed);
  let orders = 0;
  let proposals = 0;
  const seats = seatsOf(rules);
  while (s.phase !== "over") {
    for (const seat of seats) {
      const plan = botPlan(rules, s, seat);
      for (const o of [...plan.orders, ...plan.proposals]) {
        const r = validateOrder(rules, s, seat, o);
        expect(r, `${seed} turn ${s.turn} ${seat} ${JSON.stringify(o)}`).toEqual({ ok: true, value: undefined });
      }
      const submitted = submitOrders(rules, s, seat, plan.orders);
      expect(submitted.ok, JSON.stringify(submitted)).toBe(true);
      if (submitted.ok) s = submitted.value;
      for (const o of plan.proposals) {
        const r = propose(rules, s, seat, o);
        expect(r.ok, JSON.stringify(r)).toBe(true);
        if (r.ok) s = r.value.state;
      }
      orders += plan.orders.length;
      proposals += plan.proposals.length;
    }
    for (const seat of seats) {
      const plan = botPlan(rules, s, seat);
      for (const a of plan.answers) {
        const r = answerProposal(rules, s, seat, a.proposal, a.answer);
        expect(r.ok, JSON.stringify(r)).toBe(true);
        if (r.ok) s = r.value;
      }
      for (const ch of plan.choices) {
        const r = chooseOption(rules, s, seat, ch.pending, ch.option);
        expect(r.ok, JSON.stringify(r)).toBe(true);
        if (r.ok) s = r.value;
      }
    }
    s = resolveTurn(rules, s).state;
  }
  return { end: s, orders, proposals };
}

describe("bots", () => {
  const scenarios = [["fixture", rulesWith()], ["first scenario", firstScenarioRules()]] as const;

  for (const [name, rules] of scenarios) {
    it(`finish every game of the ${name} with only legal decisions`, () => {
      let orders = 0;
      let proposals = 0;
      for (let i = 0; i < 10; i++) {
        const r = checkedGame(rules, `bot-${i}`);
        expect(r.end.phase).toBe("over");
        expect(r.end.turn).toBe(rules.scenario.turns.count + 1);
        orders += r.orders;
        proposals += r.proposals;
      }
      // Bots act: they do not idle through the game. (The fixture's deals and drafts never pay
      // off for both sides, so only the first scenario must see proposals.)
      expect(orders).toBeGreaterThan(10);
      if (name === "first scenario") expect(proposals).toBeGreaterThan(0);
    });
  }

  it("a bot's plan does not change the state it was made from", () => {
    const rules = rulesWith();
    const s = createGame(rules, "pure");
    const before = JSON.stringify(s);
    for (const seat of seatsOf(rules)) botPlan(rules, s, seat);
    expect(JSON.stringify(s)).toBe(before);
  });

  it("playBot submits the plan and locks the seat in", () => {
    const rules = rulesWith();
    const s = playBot(rules, createGame(rules, "lock"), "A");
    expect(s.locked.A).toBe(true);
    expect(s.orders.A).toEqual(botPlan(rules, createGame(rules, "lock"), "A").orders);
  });

  it("a bot answers a deal that helps its objectives with accept", () => {
    // B scores on standing; a pact proposed to B that raises B's standing is worth accepting.
    const rules = rulesWith((s) => {
      s.events = {};
      s.moves.pact!.effects = [{ change: "target.standing", by: 5 }];
      s.moves.pact!.onReject = [];
    });
    const r = propose(rules, createGame(rules, "deal"), "A", { move: "pact", target: "B" });
    if (!r.ok) throw new Error(r.error.message);
    expect(botPlan(rules, r.value.state, "B").answers).toEqual([expect.objectContaining({ proposal: r.value.proposal.id, answer: "accept" })]);
  });
});
