// simulate(): bots play N games; the result is plain, rounded JSON with a stable key order, so two
// runs with the same seed print the same bytes.
import { describe, expect, it } from "vitest";
import { distribution, simulate } from "../../scripts/simulate.ts";
import { rulesWith } from "./fixtures/build.ts";

describe("simulate", () => {
  const rules = rulesWith();

  it("gives the same bytes for the same seed, and reports progress", () => {
    const progress: number[] = [];
    const a = simulate(rules, { games: 30, seed: "s", onProgress: (done) => progress.push(done) });
    const b = simulate(rules, { games: 30, seed: "s" });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(progress).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(JSON.stringify(simulate(rules, { games: 30, seed: "t" }))).not.toBe(JSON.stringify(a));
  });

  it("lists every seat's score and each seat's indicators and the world values, in scenario order", () => {
    const r = simulate(rules, { games: 10, seed: "s" });
    expect(Object.keys(r.scores)).toEqual(["A", "B", "C"]);
    expect(r.scores.A!.max).toBe(15);
    expect(Object.keys(r.indicators)).toEqual([
      "A.gdp", "A.stability", "A.standing", "B.gdp", "B.stability", "B.standing", "C.gdp", "C.stability", "C.standing", "world.tension",
    ]);
    for (const d of [...Object.values(r.scores), ...Object.values(r.indicators)]) {
      expect(d.p10).toBeLessThanOrEqual(d.p90);
      for (const v of [d.mean, d.p10, d.p90]) expect(Math.round(v * 1000) / 1000).toBe(v);
    }
  });

  it.each([
    [[5], { mean: 5, p10: 5, p90: 5 }],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { mean: 5.5, p10: 1, p90: 9 }],
    [[0.12345, 0.12345], { mean: 0.123, p10: 0.123, p90: 0.123 }],
  ])("distribution(%j)", (values, expected) => {
    expect(distribution(values)).toEqual(expected);
  });
});
