// What bots choose: they find a move even when only one of many targets is legal, refuse a deal
// that gains them nothing, and do not table a council draft that a permanent member would veto.
import { describe, expect, it } from "vitest";
import { botPlan, createGame, propose } from "../../shared/engine/api.ts";
import type { ScenarioInput } from "../../shared/scenario/schema.ts";
import { quiet, rulesWith } from "./fixtures/build.ts";

const SEEDS = Array.from({ length: 20 }, (_, i) => `seed-${i}`);

/** Fourteen extra non-player countries, so most targets of a move are not the legal one. */
function crowd(s: ScenarioInput): void {
  for (let i = 0; i < 14; i++) s.actors[`X${i}`] = { name: `Extra ${i}`, indicators: {} };
}

/** A's panel objective is worth far more than anything else it could do. */
function panelMatters(support: string) {
  return (s: ScenarioInput): void => {
    quiet(s);
    s.council!.mandates!.panel!.active = false;
    s.moves.renew_panel!.support = support;
    s.objectives.A = [{ label: "Panel back", measure: "mandate('panel') ? 1 : 0", atLeast: 1, points: 20 }];
  };
}

describe("bot choices", () => {
  it("a move with one legal target among seventeen is still found and played", () => {
    const rules = rulesWith((s) => {
      quiet(s);
      crowd(s);
      s.moves.courtship = {
        name: "Courtship",
        category: "alignment",
        description: "Only N will listen",
        cost: 1,
        targets: "target == N",
        effects: [{ change: "self.standing", by: 40 }],
      };
    });
    const found = SEEDS.filter((seed) => botPlan(rules, createGame(rules, seed), "B").orders.some((o) => o.move === "courtship"));
    // The sample weighs 8 of B's 14 moves each turn, so about half the plans find it; drawing
    // targets blindly (illegal draws counting toward the sample) found it in 1 plan of 40.
    expect(found.length).toBeGreaterThanOrEqual(8);
  });

  it("a deal that neither helps nor hurts the partner is rejected", () => {
    const rules = rulesWith((s) => {
      quiet(s);
      s.moves.pact!.effects = [{ change: "self.standing", by: 5 }];
      s.moves.pact!.onReject = [];
    });
    const r = propose(rules, createGame(rules, "tie"), "A", { move: "pact", target: "B" });
    if (!r.ok) throw new Error(r.error.message);
    expect(botPlan(rules, r.value.state, "B").answers).toEqual([expect.objectContaining({ proposal: r.value.proposal.id, answer: "reject" })]);
  });

  it("a bot does not propose a deal its partner would refuse", () => {
    const rules = rulesWith((s) => {
      quiet(s);
      s.moves.pact!.effects = [{ change: "self.standing", by: 50 }];
      s.moves.pact!.onReject = [];
    });
    for (const seed of SEEDS) expect(botPlan(rules, createGame(rules, seed), "A").proposals).toEqual([]);
  });

  it("a draft a permanent member would veto is never tabled; the same draft without the veto is", () => {
    const vetoed = rulesWith(panelMatters("self == P ? -1 : 1"));
    for (const seed of SEEDS) expect(botPlan(vetoed, createGame(vetoed, seed), "A").proposals).toEqual([]);
    const passes = rulesWith(panelMatters("1"));
    const tabled = SEEDS.filter((seed) => botPlan(passes, createGame(passes, seed), "A").proposals.some((o) => o.move === "renew_panel"));
    expect(tabled.length).toBeGreaterThanOrEqual(8);
  });
});
