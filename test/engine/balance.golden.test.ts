// Golden tables for the balance formulas: a deliberate change to how trade shocks, leverage shares
// or fading grudges work shows up here as a diff of numbers.
import { describe, expect, it } from "vitest";
import { resolveTurn, submitOrders } from "../../shared/engine/api.ts";
import type { GameState, Order } from "../../shared/engine/types.ts";
import { gameWith, ok, quiet } from "./fixtures/build.ts";

const round = (x: number) => Math.round(x * 1e6) / 1e6;

describe("golden: multiplicative trade shocks X' = X * exp(shock)", () => {
  it.each([
    [-0.3, 74.081822],
    [-0.1, 90.483742],
    [0, 100],
    [0.05, 105.127110],
    [0.2, 122.140276],
  ])("A-B trade of 100 under a shock of %s becomes %s", (shock, expected) => {
    const { rules, state } = gameWith((s) => {
      quiet(s);
      s.moves.curtail!.effects = [{ trade: ["self", "target"], times: `exp(${shock})` }];
    });
    const next = resolveTurn(rules, ok(submitOrders(rules, state, "A", [{ move: "curtail", target: "B" }]))).state;
    expect(round(next.trade["A:B"]!)).toBe(expected);
  });

  it("a sanction of enforcement e costs the target 2%·e of GDP per turn (fixture dynamic)", () => {
    const { rules, state } = gameWith((s) => {
      s.events = {};
    });
    let s: GameState = state;
    const series: number[] = [];
    for (let t = 0; t < 5; t++) {
      s = resolveTurn(rules, s).state;
      series.push(round(s.actors.N!.gdp!));
    }
    expect(series).toEqual([19.8, 19.602, 19.40598, 19.21192, 19.019801]);
  });
});

describe("golden: influence shares", () => {
  it("each 3-weight aid from A over N (weights A 9, B 1) moves the shares", () => {
    const { rules, state } = gameWith((s) => {
      quiet(s);
      s.turns.count = 10;
    });
    const aid: Order[] = [{ move: "aid", target: "N" }];
    let s: GameState = state;
    const shares: [number, number][] = [];
    for (let t = 0; t < 5; t++) {
      const r = resolveTurn(rules, ok(submitOrders(rules, s, "A", aid)));
      s = r.state;
      const x = r.report.explanations.find((e) => e.subject === "influence:N:A")!;
      const y = r.report.explanations.find((e) => e.subject === "influence:N:B")!;
      shares.push([round(x.after), round(y.after)]);
    }
    expect(shares).toEqual([
      [0.923077, 0.076923],
      [0.9375, 0.0625],
      [0.947368, 0.052632],
      [0.954545, 0.045455],
      [0.96, 0.04],
    ]);
  });
});

describe("golden: fading opinion modifiers", () => {
  it.each([
    [0.8, 10, [10, 8, 6.4, 5.12, 4.096, 3.2768, 2.62144, 2.097152, 1.677722, 1.342177, 1.073742, 0.858993, 0.687195, 0.549756, 0]],
    [0.5, 10, [10, 5, 2.5, 1.25, 0.625, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]],
    [0.9, -6, [-6, -5.4, -4.86, -4.374, -3.9366, -3.54294, -3.188646, -2.869781, -2.582803, -2.324523, -2.092071, -1.882864, -1.694577, -1.525119, -1.372608]],
  ])("fades %s from %s", (fades, by, expected) => {
    const { rules, state } = gameWith((s) => {
      quiet(s);
      s.turns.count = 20;
      s.moves.summit!.effects = [{ relation: ["self", "target"], by, fades, label: "Golden" }];
    });
    let s = resolveTurn(rules, ok(submitOrders(rules, state, "A", [{ move: "summit", target: "C" }]))).state;
    const series = [round(s.relations["A:C"]!.modifiers[0]?.value ?? 0)];
    for (let t = 0; t < 14; t++) {
      s = resolveTurn(rules, s).state;
      series.push(round(s.relations["A:C"]!.modifiers[0]?.value ?? 0));
    }
    expect(series).toEqual(expected);
  });
});
