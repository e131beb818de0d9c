// Rulebook: scores. Each objective is measured with self = the seat. Meeting the threshold earns
// all its points; short of it, the fraction of the way from where the seat started to the
// threshold earns that fraction of the points.
import { describe, expect, it } from "vitest";
import { resolveTurn, scoreAll, submitOrders } from "../../shared/engine/api.ts";
import { attainment } from "../../shared/engine/score.ts";
import { gameWith, ok, quiet } from "./fixtures/build.ts";

describe("attainment", () => {
  it.each([
    // [atLeast, atMost, measure, baseline, attainment]
    [10, undefined, 12, 0, 1],
    [10, undefined, 10, 0, 1],
    [10, undefined, 5, 0, 0.5],
    [10, undefined, -3, 0, 0],
    [10, undefined, 7, 4, 0.5],
    [10, undefined, 9, 12, 0], // started above the bar and fell below it
    [undefined, 20, 30, 40, 0.5],
    [undefined, 20, 15, 40, 1],
    [undefined, 20, 45, 40, 0],
    [10, 20, 15, 0, 1],
    [10, 20, 5, 0, 0.5],
    [10, 20, 30, 40, 0.5],
    [undefined, undefined, 0.3, 0, 0.3],
  ] as const)("atLeast %s atMost %s: measure %s from baseline %s -> %s", (atLeast, atMost, m, base, expected) => {
    expect(attainment({ atLeast, atMost }, m, base)).toBeCloseTo(expected, 12);
  });
});

describe("score cards", () => {
  it("start from the baseline and earn points as objectives move", () => {
    const { rules, state } = gameWith(quiet);
    const start = scoreAll(rules, state);
    // A: influence(N, A) = 0.9 toward 0.95 (0 points at the start); secret: tension 40 toward <= 20.
    expect(start.A).toMatchObject({ total: 0, max: 15 });
    expect(start.A!.objectives.map((o) => o.secret)).toEqual([false, true]);
    const s1 = resolveTurn(rules, ok(submitOrders(rules, state, "A", [{ move: "aid", target: "N" }, { move: "calm" }]))).state;
    const card = scoreAll(rules, s1).A!;
    // 12/13 = 0.923 of the way from 0.9 to 0.95 -> (0.923-0.9)/0.05; tension 40 -> 35: 5/20.
    expect(card.objectives[0]!.attainment).toBeCloseTo((12 / 13 - 0.9) / 0.05, 10);
    expect(card.objectives[1]!.attainment).toBeCloseTo(0.25, 10);
    expect(card.total).toBeCloseTo(10 * ((12 / 13 - 0.9) / 0.05) + 5 * 0.25, 10);
    expect(s1.history[1]!.scores.A).toBeCloseTo(card.total, 10);
  });
});
