// Rulebook: scores. Each objective is measured with self = the seat. Meeting the threshold earns
// all its points; short of it, the fraction of the way from where the seat started to the
// threshold earns that fraction of the points. An objective already met at the start ("keep")
// loses its points gradually over its slack, never all at once.
import { describe, expect, it } from "vitest";
import { historyPoint, resolveTurn, scoreAll, submitOrders } from "../../shared/engine/api.ts";
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
    // Keep objectives (met at the start): partial credit over the slack, max(|start - bar|, 10% of bar).
    [10, undefined, 9, 12, 0.5], // slack 2: one below the bar keeps half
    [10, undefined, 8, 12, 0], // the whole slack lost
    [10, undefined, 9.5, 10, 0.5], // started exactly at the bar: slack 10% of 10
    [undefined, 42, 45, 35, 1 - 3 / 7], // slack 7
    [undefined, 42, 60, 35, 0],
    [1, undefined, 0, 1, 0], // a yes/no measure: slack 0.1, so no credit once lost
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

  it.each([
    // [atLeast, slack, measure, baseline, attainment]
    [0.78, 0.2, 0.68, 0.9, 0.5],
    [0.78, 0.2, 0.58, 0.9, 0],
    [60, 20, 55, 65, 0.75],
  ] as const)("atLeast %s with slack %s: measure %s from baseline %s -> %s", (atLeast, slack, m, base, expected) => {
    expect(attainment({ atLeast, slack }, m, base)).toBeCloseTo(expected, 12);
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
    expect(historyPoint(rules, s1)).toMatchObject({ turn: 1 });
    expect(historyPoint(rules, s1).scores.A).toBeCloseTo(card.total, 10);
  });
});
