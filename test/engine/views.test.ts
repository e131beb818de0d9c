// Rulebook: what each player may see. A seat sees its own orders, covert actions, pending choices
// and the proposals it is party to, public council drafts, and its own objectives; other seats'
// orders, private deals and secret objectives stay hidden until the game ends. Observers see only
// what is public; the facilitator sees everything.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { botPlan, createGame, historyFor, historyPoint, propose, publicScenario, resolveTurn, scoreAll, submitOrders, viewFor } from "../../shared/engine/api.ts";
import { loadRules, playGame } from "../../shared/engine/index.ts";
import type { GameState } from "../../shared/engine/types.ts";
import { gameWith, ok, quiet } from "./fixtures/build.ts";

describe("views", () => {
  const { rules, state } = gameWith(quiet);
  let s = ok(submitOrders(rules, state, "A", [{ move: "summit", target: "B" }]));
  s = ok(submitOrders(rules, s, "C", [{ move: "calm" }]));
  s = ok(propose(rules, s, "C", { move: "pact", target: "A" })).state;
  s = ok(propose(rules, s, "B", { move: "renew_panel" })).state;

  it("a seat sees only its own orders before resolution", () => {
    expect(viewFor(rules, s, "A").orders).toEqual({ A: [{ move: "summit", target: "B" }] });
    expect(viewFor(rules, s, "B").orders).toEqual({ B: [] });
    expect(viewFor(rules, s, "observer").orders).toEqual({});
    expect(Object.keys(viewFor(rules, s, "facilitator").orders)).toEqual(["A", "B", "C"]);
  });

  it("private deals reach only their parties; council drafts are public", () => {
    const ids = (viewer: Parameters<typeof viewFor>[2]) => viewFor(rules, s, viewer).proposals.map((p) => p.kind);
    expect(ids("A")).toEqual(["deal", "council"]);
    expect(ids("C")).toEqual(["deal", "council"]);
    expect(ids("B")).toEqual(["council"]);
    expect(ids("observer")).toEqual(["council"]);
  });

  it("the random stream and the seed never reach a player", () => {
    const v = viewFor(rules, s, "A") as unknown as Record<string, unknown>;
    expect(v.rng).toBeUndefined();
    expect(v.seed).toBe("");
    expect(viewFor(rules, s, "facilitator").seed).toBe("test");
  });

  it("the budget shows what the seat has spent", () => {
    expect(viewFor(rules, s, "C").budget).toEqual({ total: 3, spent: 1 });
    expect(viewFor(rules, s, "observer").budget).toBeUndefined();
  });

  it("other seats' secret objectives are hidden from scores and the scenario until the game is over", () => {
    const b = viewFor(rules, s, "B");
    expect(b.scores.A!.objectives.map((o) => o.label)).toEqual(["Lead over N"]);
    expect(b.scores.A!.max).toBe(10);
    expect(viewFor(rules, s, "A").scores.A!.objectives).toHaveLength(2);
    expect(publicScenario(rules, "B").objectives.A!.map((o) => o.label)).toEqual(["Lead over N"]);
    expect(publicScenario(rules, "A").objectives.A).toHaveLength(2);
    expect(publicScenario(rules, "facilitator").objectives.C).toHaveLength(2);
    let end = s;
    while (end.phase !== "over") end = resolveTurn(rules, end).state;
    expect(viewFor(rules, end, "B").scores.A!.objectives).toHaveLength(2);
  });

  it("history totals count only public objectives during the game, the viewer's own too", () => {
    const next = resolveTurn(rules, s).state;
    const point = historyPoint(rules, next);
    const b = historyFor(point, "B", false);
    const full = historyFor(point, "facilitator", false);
    expect(b.scores.A).toBe(full.publicScores!.A);
    // B's own line compares like with like: its secret objectives are on its score card, not in the chart.
    expect(b.scores.B).toBe(full.publicScores!.B);
    expect(historyFor(point, "B", true).scores.A).toBe(full.scores.A);
  });

  it("a view is plain JSON", () => {
    const v = viewFor(rules, resolveTurn(rules, s).state, "A");
    expect(JSON.parse(JSON.stringify(v))).toEqual(v);
  });
});

describe("what an observer and an uninvolved seat receive", () => {
  it("contains no trace of covert moves or refused private deals", () => {
    const { rules, state } = gameWith(quiet);
    let s = ok(submitOrders(rules, state, "A", [{ move: "arms", target: "N", params: { odds: 0 } }]));
    s = ok(propose(rules, s, "C", { move: "pact", target: "A" })).state;
    s = resolveTurn(rules, s).state; // the pact goes unanswered: refused, privately
    s = resolveTurn(rules, s).state; // and the grudges start to fade
    for (const viewer of ["observer", "B"] as const) {
      const text = JSON.stringify(viewFor(rules, s, viewer));
      for (const secret of ["arms", "Arms gratitude", "pact", "Snubbed", "c1-A-1"]) expect(text, `${viewer}: ${secret}`).not.toContain(secret);
    }
    const c = JSON.stringify(viewFor(rules, s, "C"));
    expect(c).toContain("Snubbed");
    expect(c).not.toContain("Arms gratitude");
  });
});

describe("score cards in views", () => {
  const real = loadRules(readFileSync(new URL("../../scenarios/pyongyang-2024.yaml", import.meta.url), "utf8"), "pyongyang-2024.yaml");
  if (!real.ok) throw new Error("scenario does not load");
  const rules = real.value;
  const seats = Object.keys(rules.scenario.actors).filter((a) => rules.scenario.actors[a]!.playable);

  it("are every seat's score against this very state, through a whole bot game with orders between resolutions", () => {
    let checked = 0;
    let prev: GameState | undefined;
    playGame(rules, "cards", {
      onTurn: (ready, _report, after) => {
        let st = prev ?? ready;
        const states = [st];
        if (prev) for (const seat of seats) states.push((st = ok(submitOrders(rules, st, seat, ready.orders[seat] ?? []))));
        states.push(after);
        for (const s of states) {
          expect(viewFor(rules, s, "facilitator").scores).toEqual(scoreAll(rules, s));
          checked++;
        }
        prev = after;
      },
    });
    expect(checked).toBeGreaterThan(12 * seats.length);
  });

  it("stay the same objects after an order (the room's mirror skips them), and change with any part a score is read from", () => {
    const start = createGame(rules, "cards");
    const before = viewFor(rules, start, "CHN").scores;
    const orders = botPlan(rules, start, "CHN").orders;
    expect(orders.length).toBeGreaterThan(0);
    const ordered = ok(submitOrders(rules, start, "CHN", orders));
    expect(viewFor(rules, ordered, "CHN").scores).toBe(before);
    expect(viewFor(rules, ordered, "observer").scores.CHN).toBe(viewFor(rules, start, "RUS").scores.CHN);
    // Same actors object, other world, relations or baseline: the cards follow.
    const world = Object.fromEntries(Object.entries(start.world).map(([k, v]) => [k, v + 40]));
    const relations = Object.fromEntries(Object.entries(start.relations).map(([k, r]) => [k, { ...r, base: -r.base }]));
    const objectiveBaseline = Object.fromEntries(Object.entries(start.objectiveBaseline ?? {}).map(([k, b]) => [k, b.map((x) => x - 50)]));
    for (const changed of [{ ...start, world }, { ...start, relations }, { ...start, objectiveBaseline }]) {
      expect(viewFor(rules, changed, "facilitator").scores).toEqual(scoreAll(rules, changed));
      expect(viewFor(rules, changed, "facilitator").scores).not.toEqual(viewFor(rules, start, "facilitator").scores);
    }
  });
});
