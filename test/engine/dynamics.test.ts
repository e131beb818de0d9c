// Rulebook: dynamics run at the end of every turn in scenario order, once for the world, per
// actor, per sanction in force or per trading pair; then every indicator is held within its limits.
import { describe, expect, it } from "vitest";
import { resolveTurn } from "../../shared/engine/api.ts";
import { RuleError } from "../../shared/engine/index.ts";
import { gameWith } from "./fixtures/build.ts";

describe("dynamics", () => {
  it("per sanction: self is the sanctioner, target the sanctioned, param.sector the sector", () => {
    // The fixture's sanction_cost: target.gdp *= 1 - 0.02 * enforcement; B sanctions N at 0.5.
    const { rules, state } = gameWith((s) => {
      s.events = {};
    });
    const { state: s1, report } = resolveTurn(rules, state);
    expect(s1.actors.N!.gdp).toBeCloseTo(20 * (1 - 0.02 * 0.5), 12);
    expect(report.explanations.find((x) => x.subject === "N.gdp")!.causes).toEqual([
      { kind: "dynamic", id: "sanction_cost", actor: "B", label: "Sanctions bite", delta: expect.closeTo(-0.2, 12), visibility: "public" },
    ]);
  });

  it.each([
    ["world", 1],
    ["actor", 5],
    ["pair", 3], // the three pairs with trade above zero
    ["sanction", 1],
  ] as const)("each %s runs %i time(s)", (each, times) => {
    const { rules, state } = gameWith((s) => {
      s.events = {};
      s.dynamics = [{ id: "count", label: "Count", each, effects: [{ change: "world.tension", by: 1 }] }];
    });
    expect(resolveTurn(rules, state).state.world.tension).toBe(40 + times);
  });

  it("a pair dynamic binds self and target to the two traders", () => {
    const { rules, state } = gameWith((s) => {
      s.events = {};
      s.dynamics = [{ id: "grow", label: "Growth", each: "pair", effects: [{ trade: ["self", "target"], times: 2 }] }];
    });
    const s1 = resolveTurn(rules, state).state;
    expect(s1.trade).toEqual({ "A:B": 200, "A:N": 4, "B:C": 20 });
  });

  it("`when` gates a dynamic per binding, and dynamics run in scenario order", () => {
    const { rules, state } = gameWith((s) => {
      s.events = {};
      s.dynamics = [
        { id: "rich", label: "Rich get richer", each: "actor", when: "self.gdp >= 500", effects: [{ change: "self.gdp", by: 10 }] },
        { id: "double", label: "Double tension", effects: [{ change: "world.tension", times: 2 }] },
        { id: "add", label: "Add tension", effects: [{ change: "world.tension", by: 1 }] },
      ];
    });
    const s1 = resolveTurn(rules, state).state;
    expect([s1.actors.A!.gdp, s1.actors.B!.gdp, s1.actors.C!.gdp, s1.actors.P!.gdp]).toEqual([1010, 510, 200, 810]);
    expect(s1.world.tension).toBe(81);
  });
});

describe("limits", () => {
  it("indicators and world values are held within min/max after resolution, and the clamp is explained", () => {
    const { rules, state } = gameWith((s) => {
      s.events = {};
      s.dynamics = [
        { id: "boom", label: "Boom", effects: [{ change: "A.stability", by: 70 }, { change: "world.tension", by: -90 }] },
      ];
    });
    const { state: s1, report } = resolveTurn(rules, state);
    expect(s1.actors.A!.stability).toBe(100);
    expect(s1.world.tension).toBe(0);
    const x = report.explanations.find((e) => e.subject === "A.stability")!;
    expect(x).toMatchObject({ before: 60, after: 100 });
    expect(x.causes.map((c) => [c.kind, c.delta])).toEqual([
      ["dynamic", 70],
      ["limit", -30],
    ]);
  });
});

describe("rule errors", () => {
  it("a formula giving NaN or Infinity stops the resolution with an error naming the formula, leaving the state as it was", () => {
    const { rules, state } = gameWith((s) => {
      s.events = {};
      s.dynamics = [{ id: "broken", label: "Broken", effects: [{ change: "world.tension", by: "log(0)" }] }];
    });
    const before = JSON.stringify(state);
    expect(() => resolveTurn(rules, state)).toThrow(RuleError);
    expect(() => resolveTurn(rules, state)).toThrow(/dynamics\[0\]\.effects\[0\]\.by: the formula "log\(0\)" produced -Infinity/);
    expect(JSON.stringify(state)).toBe(before);
  });
});
