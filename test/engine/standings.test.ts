// Rulebook: standings. Seats are ranked by the share of their own maximum they hold, so a seat
// worth 15 points and one worth 11 compare fairly. During the game every seat, the viewer's own
// included, is ranked on public objectives only; at the end every objective counts. An objective
// that earned some points is "partly met", not "not met".
import { describe, expect, it } from "vitest";
import { attainmentPercent, objectiveStatus, pointsOf, standings, viewFor, resolveTurn, submitOrders } from "../../shared/engine/index.ts";
import type { ObjectiveScore, ScoreCard } from "../../shared/engine/types.ts";
import { gameWith, ok, quiet } from "./fixtures/build.ts";

const obj = (index: number, points: number, max: number, secret = false): ObjectiveScore => ({
  index,
  label: `o${index}`,
  secret,
  value: 0,
  attainment: points / max,
  met: points >= max,
  points,
  max,
});
const card = (seat: string, objectives: ObjectiveScore[]): ScoreCard => ({
  seat,
  objectives,
  total: objectives.reduce((s, o) => s + o.points, 0),
  max: objectives.reduce((s, o) => s + o.max, 0),
});

describe("standings", () => {
  it("rank by share of each seat's maximum, not by points (10.9/15 ranks below 7.6/10)", () => {
    const rows = standings({ A: card("A", [obj(0, 10.9, 15)]), B: card("B", [obj(0, 7.6, 10)]) }, true);
    expect(rows.map((r) => [r.seat, r.rank])).toEqual([["B", 1], ["A", 2]]);
    expect(rows[0]!.share).toBeCloseTo(0.76, 10);
    expect(rows[1]!.share).toBeCloseTo(10.9 / 15, 10);
  });

  it("during the game count public objectives only, the viewer's own secret ones too", () => {
    // A sees its own secret objective (fully met) on its card; it must not lift A's rank.
    const cards = { A: card("A", [obj(0, 2, 10), obj(1, 5, 5, true)]), B: card("B", [obj(0, 3, 10)]) };
    const mid = standings(cards, false);
    expect(mid.map((r) => r.seat)).toEqual(["B", "A"]);
    expect(mid.find((r) => r.seat === "A")).toMatchObject({ basis: "public", points: 2, max: 10, counted: 1 });
    const end = standings(cards, true);
    expect(end.map((r) => r.seat)).toEqual(["A", "B"]);
    expect(end.find((r) => r.seat === "A")).toMatchObject({ basis: "all", points: 7, max: 15, counted: 2 });
  });

  it("a percentage reads 100% only when the objective is met", () => {
    expect(attainmentPercent({ attainment: 0.997, met: false })).toBe("99%");
    expect(attainmentPercent({ attainment: 1, met: true })).toBe("100%");
    expect(attainmentPercent({ attainment: 0.5, met: false })).toBe("50%");
  });

  it("points short of the maximum never print as the maximum beside 'partly met'", () => {
    const nearly = obj(0, 1.98, 2);
    expect(objectiveStatus(nearly)).toBe("partial");
    expect(`${pointsOf(nearly.points, nearly.max)} pts (${attainmentPercent(nearly)})`).toBe("1.98 of 2.0 pts (99%)");
    expect(pointsOf(1.999, 2)).toBe("1.99 of 2.0");
    expect(pointsOf(2, 2)).toBe("2.0 of 2.0");
    expect(pointsOf(1.5, 2)).toBe("1.5 of 2.0");
    expect(pointsOf(7.46, 11)).toBe("7.5 of 11.0");
  });

  it("equal shares share a rank", () => {
    const rows = standings({ A: card("A", [obj(0, 5, 10)]), B: card("B", [obj(0, 2, 4)]), C: card("C", [obj(0, 1, 4)]) }, true);
    expect(rows.map((r) => r.rank)).toEqual([1, 1, 3]);
  });

  it.each([
    [3, true, "met"],
    [1.2, false, "partial"],
    [0.05, false, "partial"],
    [0.03, false, "none"],
    [0, false, "none"],
  ] as const)("%s points (met %s) is %s: partly met always shows some points", (points, met, status) => {
    expect(objectiveStatus({ points, met })).toBe(status);
  });

  it("rank a real game the same for every viewer during the game", () => {
    const { rules, state } = gameWith(quiet);
    const s1 = resolveTurn(rules, ok(submitOrders(rules, state, "A", [{ move: "aid", target: "N" }, { move: "calm" }]))).state;
    const ranked = (viewer: string) => standings(viewFor(rules, s1, viewer).scores, false).map((r) => [r.seat, r.share]);
    expect(ranked("A")).toEqual(ranked("B"));
    expect(ranked("A")).toEqual(ranked("observer"));
    expect(ranked("A")).toEqual(ranked("facilitator"));
    // A's own card still lists its secret objective, with its points and maximum.
    const own = viewFor(rules, s1, "A").scores.A!;
    expect(own.objectives.find((o) => o.secret)).toMatchObject({ max: 5 });
  });
});
