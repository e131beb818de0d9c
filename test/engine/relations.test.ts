// Rulebook: the bilateral state. Relations carry opinion modifiers that fade; trade moves by
// multiplicative shocks; leverage is a share of weights; sanctions and treaties come and go.
import { describe, expect, it } from "vitest";
import { resolveTurn, submitOrders } from "../../shared/engine/api.ts";
import { relationValue } from "../../shared/engine/state-read.ts";
import type { GameState, Order } from "../../shared/engine/types.ts";
import { gameWith, ok, quiet } from "./fixtures/build.ts";
import { readFileSync } from "node:fs";
import { loadRules, playGame, timesFaded } from "../../shared/engine/index.ts";

const { rules, state } = gameWith(quiet);
const play = (s: GameState, seat: string, orders: Order[]) => resolveTurn(rules, ok(submitOrders(rules, s, seat, orders))).state;

describe("opinion modifiers", () => {
  it("add to the base relation and fade by their factor each later turn until under 0.5", () => {
    const long = gameWith((s) => {
      quiet(s);
      s.turns.count = 30;
    });
    const s1 = resolveTurn(long.rules, ok(submitOrders(long.rules, long.state, "A", [{ move: "summit", target: "B" }]))).state;
    expect(relationValue(s1.relations["A:B"])).toBe(30); // base 20 + 10, not yet faded
    const series = [s1];
    for (let i = 0; i < 16; i++) series.push(resolveTurn(long.rules, series.at(-1)!).state);
    const values = series.map((s) => s.relations["A:B"]!.modifiers[0]?.value ?? 0);
    expect(values.slice(0, 4)).toEqual([10, 8, 6.4, 5.12].map((v) => expect.closeTo(v, 10)));
    expect(values[13]).toBeCloseTo(10 * 0.8 ** 13, 10); // 0.55: still there
    expect(values[14]).toBe(0); // 0.44 < 0.5: dropped
    expect(values.at(-1)).toBe(0);
    expect(series.at(-1)!.relations["A:B"]!.modifiers).toEqual([]);
  });

  it("the same modifier twice in one turn deepens it; on later turns they stack and fade separately", () => {
    const both = ok(submitOrders(rules, ok(submitOrders(rules, state, "A", [{ move: "summit", target: "B" }])), "B", [{ move: "summit", target: "A" }]));
    const s1 = resolveTurn(rules, both).state;
    expect(s1.relations["A:B"]!.modifiers).toEqual([expect.objectContaining({ label: "Summit glow", value: 20 })]);
    const s2 = play(s1, "A", [{ move: "summit", target: "B" }]);
    expect(s2.relations["A:B"]!.modifiers.map((m) => m.value)).toEqual([16, 10]);
  });

  it("relations read as -100..100 however large the modifiers", () => {
    expect(relationValue({ base: 90, modifiers: [{ label: "x", value: 50, fades: 1, cause: { kind: "rule", id: "t" }, turn: 1 }] })).toBe(100);
    expect(relationValue({ base: -90, modifiers: [{ label: "x", value: -50, fades: 1, cause: { kind: "rule", id: "t" }, turn: 1 }] })).toBe(-100);
  });
});

describe("trade", () => {
  it("a curtailment shock multiplies the flow: X' = X * exp(-0.3)", () => {
    const s1 = play(state, "A", [{ move: "curtail", target: "B" }]);
    expect(s1.trade["A:B"]).toBeCloseTo(100 * Math.exp(-0.3), 10);
    const s2 = play(s1, "A", [{ move: "curtail", target: "B" }]);
    expect(s2.trade["A:B"]).toBeCloseTo(100 * Math.exp(-0.6), 10);
  });

  it("never falls below zero", () => {
    const g = gameWith((s) => {
      quiet(s);
      s.moves.curtail!.effects = [{ trade: ["self", "target"], by: -1000 }];
    });
    const s1 = resolveTurn(g.rules, ok(submitOrders(g.rules, g.state, "A", [{ move: "curtail", target: "B" }]))).state;
    expect(s1.trade["A:B"]).toBe(0);
  });
});

describe("influence", () => {
  it("is a share of leverage weights; adding weight moves every share", () => {
    // Weights over N: A 9, B 1. A's aid adds 3 -> A 12/13, B 1/13.
    const s1 = play(state, "A", [{ move: "aid", target: "N" }]);
    expect(s1.influence.N).toEqual({ A: 12, B: 1 });
  });
});

describe("sanctions", () => {
  const sanction = (sector: string): Order => ({ move: "sanction", target: "N", params: { sector } });

  it("impose adds a sanction with its enforcement and the turn it started", () => {
    const s1 = play(state, "A", [sanction("labour")]);
    expect(s1.sanctions).toContainEqual({ by: "A", on: "N", sector: "labour", enforcement: 0.8, un: false, since: 1 });
  });

  it("lift removes it; lifting what is not there does nothing", () => {
    const s1 = play(state, "A", [sanction("labour")]);
    const s2 = play(s1, "A", [{ move: "lift", target: "N", params: { sector: "labour" } }]);
    expect(s2.sanctions.some((x) => x.by === "A")).toBe(false);
    const s3 = play(s2, "A", [{ move: "lift", target: "N", params: { sector: "labour" } }]);
    expect(s3.sanctions).toEqual(s2.sanctions);
  });

  it("enforcement changes stay within 0..1", () => {
    // B's finance sanction on N starts at 0.5; each tightening adds 0.3.
    const s1 = play(state, "B", [{ move: "enforce", target: "N" }]);
    expect(s1.sanctions[0]!.enforcement).toBeCloseTo(0.8);
    const s2 = play(s1, "B", [{ move: "enforce", target: "N" }]);
    expect(s2.sanctions[0]!.enforcement).toBe(1);
  });
});

describe("treaties", () => {
  it("sign adds a treaty once; end removes it", () => {
    const g = gameWith((s) => {
      quiet(s);
      s.moves.summit!.effects = [{ treaty: { kind: "pact", parties: ["self", "target"] }, action: "sign" }];
      s.moves.curtail!.effects = [{ treaty: { kind: "pact", parties: ["target", "self"] }, action: "end" }];
    });
    const p = (s: GameState, o: Order) => resolveTurn(g.rules, ok(submitOrders(g.rules, s, "A", [o]))).state;
    const s1 = p(g.state, { move: "summit", target: "B" });
    const s2 = p(s1, { move: "summit", target: "B" });
    expect(s2.treaties.filter((t) => t.kind === "pact")).toEqual([{ kind: "pact", name: "pact", parties: ["A", "B"], since: 1 }]);
    const s3 = p(s2, { move: "curtail", target: "B" });
    expect(s3.treaties.filter((t) => t.kind === "pact")).toEqual([]);
    expect(s3.treaties).toHaveLength(1); // the A-N defence treaty stays
  });
});

describe("the fading rule the wire relies on", () => {
  it("every modifier of whole bot games is its value as made times fades^timesFaded(turn, made turn)", () => {
    const real = loadRules(readFileSync(new URL("../../scenarios/pyongyang-2024.yaml", import.meta.url), "utf8"), "pyongyang-2024.yaml");
    if (!real.ok) throw new Error("scenario does not load");
    let checked = 0;
    for (const seed of ["f1", "f2", "f3", "f4", "f5", "f6"]) {
      // Each modifier's value the first time it is seen, by relation, turn made, label.
      const made = new Map<string, number>();
      playGame(real.value, seed, {
        onTurn: (_before, _report, after) => {
          for (const [pair, rel] of Object.entries(after.relations))
            for (const m of rel.modifiers) {
              const key = `${pair}/${m.turn}/${m.label}`;
              const first = made.get(key);
              if (first === undefined) {
                expect(timesFaded(after.turn, m.turn)).toBe(0);
                made.set(key, m.value);
              } else {
                expect(m.value).toBeCloseTo(first * m.fades ** timesFaded(after.turn, m.turn), 9);
                checked++;
              }
            }
        },
      });
    }
    expect(checked).toBeGreaterThan(1000);
  });
});
