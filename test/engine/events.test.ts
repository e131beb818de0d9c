// Rulebook: events. After each resolution every event whose trigger holds (and that is not spent
// by `once` or resting in its cooldown) rolls its probability; when it fires its effects apply and
// the affected seat may choose an option before the next resolution, or the default is taken.
import { describe, expect, it } from "vitest";
import { chooseOption, injectEvent, resolveTurn, submitOrders } from "../../shared/engine/api.ts";
import type { GameState } from "../../shared/engine/types.ts";
import type { ScenarioInput } from "../../shared/scenario/schema.ts";
import { code, gameWith, ok } from "./fixtures/build.ts";

// The fixture's "crisis" event: trigger world.tension >= 60, affects seat A, once: false,
// cooldown 1, effect A.stability -3, options firm (tension +5) / fold (A.standing -5), default fold.
const withCrisis = (patch?: (s: ScenarioInput) => void, seed = "test") =>
  gameWith((s) => {
    s.dynamics = [];
    s.world!.tension!.initial = 70;
    s.turns.count = 12;
    patch?.(s);
  }, seed);

const firedTurns = (rules: Parameters<typeof resolveTurn>[0], state: GameState, turns: number) => {
  const out: number[] = [];
  let s = state;
  for (let i = 0; i < turns; i++) {
    const r = resolveTurn(rules, s);
    if (r.report.entries.some((e) => e.kind === "event" && e.id === "crisis")) out.push(r.report.turn);
    s = r.state;
  }
  return out;
};

describe("events", () => {
  it("fire when the trigger holds, apply their effects and wait for the seat's choice", () => {
    const { rules, state } = withCrisis();
    const { state: s1, report } = resolveTurn(rules, state);
    expect(report.entries.find((e) => e.kind === "event")).toMatchObject({ id: "crisis", actor: "A", headline: "Crisis in Aland" });
    expect(s1.actors.A!.stability).toBe(57);
    expect(s1.pending).toEqual([{ id: "e1-crisis", event: "crisis", seat: "A", firedTurn: 1 }]);
    expect(s1.fired.crisis).toEqual({ count: 1, last: 1 });
  });

  it("do not fire while the trigger is false", () => {
    const { rules, state } = withCrisis((s) => {
      s.world!.tension!.initial = 50;
    });
    expect(firedTurns(rules, state, 4)).toEqual([]);
  });

  it("respect their cooldown (1: every other turn) and once", () => {
    const { rules, state } = withCrisis();
    expect(firedTurns(rules, state, 6)).toEqual([1, 3, 5]);
    const once = withCrisis((s) => {
      s.events!.crisis!.once = true;
    });
    expect(firedTurns(once.rules, once.state, 6)).toEqual([1]);
  });

  it("roll their probability with the seeded dice", () => {
    const counts = [0, 1].map(() => 0);
    for (let i = 0; i < 60; i++) {
      const { rules, state } = withCrisis((s) => {
        s.events!.crisis!.probability = 0.5;
      }, `s${i}`);
      counts[firedTurns(rules, state, 1).length]!++;
    }
    expect(counts[1]).toBeGreaterThan(15);
    expect(counts[0]).toBeGreaterThan(15);
  });

  it("the seat's chosen option applies at the next resolution", () => {
    const { rules, state } = withCrisis();
    const s1 = resolveTurn(rules, state).state;
    const chosen = ok(chooseOption(rules, s1, "A", "e1-crisis", "firm"));
    const { state: s2, report } = resolveTurn(rules, chosen);
    expect(report.entries.find((e) => e.kind === "option")).toMatchObject({ id: "crisis", actor: "A", params: { option: "firm" } });
    // firm: tension +5 (tension has no dynamics here); the default would have cost standing.
    expect(s2.world.tension).toBe(75);
    expect(s2.actors.A!.standing).toBe(0);
  });

  it("an event's or option's first news line heads its own story; a further line is a story of its own", () => {
    const { rules, state } = withCrisis((s) => {
      s.events!.crisis!.effects = [{ change: "A.stability", by: -3 }, { news: "Riots in {self}" }, { if: "world.tension >= 65", then: [{ news: "Troops on the streets of {self}" }] }];
      s.events!.crisis!.options!.firm!.effects = [{ change: "world.tension", by: 5 }, { news: "{self} stands firm" }];
    });
    const { state: s1, report } = resolveTurn(rules, state);
    const crisis = report.entries.filter((e) => e.id === "crisis");
    // One story for the event, headed by its news line, with the event's text; the conditional line apart.
    expect(crisis).toEqual([
      expect.objectContaining({ kind: "event", headline: "Riots in Aland", text: "Trouble in Aland" }),
      expect.objectContaining({ kind: "event", headline: "Troops on the streets of Aland" }),
    ]);
    const { report: r2 } = resolveTurn(rules, ok(chooseOption(rules, s1, "A", "e1-crisis", "firm")));
    expect(r2.entries.filter((e) => e.kind === "option")).toEqual([expect.objectContaining({ id: "crisis", headline: "Aland stands firm", params: { option: "firm" } })]);
  });

  it("without a choice the default option applies", () => {
    const { rules, state } = withCrisis();
    const s2 = resolveTurn(rules, resolveTurn(rules, state).state).state;
    expect(s2.actors.A!.standing).toBe(-5);
    expect(s2.world.tension).toBe(70);
  });

  it("choices are checked", () => {
    const { rules, state } = withCrisis();
    const s1 = resolveTurn(rules, state).state;
    expect(code(chooseOption(rules, s1, "B", "e1-crisis", "firm"))).toBe("event/not_yours");
    expect(code(chooseOption(rules, s1, "A", "e1-nope", "firm"))).toBe("event/unknown");
    expect(code(chooseOption(rules, s1, "A", "e1-crisis", "flee"))).toBe("event/bad_option");
  });

  it("an event on a non-seat takes its default option at once", () => {
    const { rules, state } = withCrisis();
    const { state: s, entry } = ok(injectEvent(rules, state, "quake"));
    expect(entry).toMatchObject({ kind: "inject", id: "quake", actor: "N" });
    expect(s.actors.N!.stability).toBe(20);
    expect(s.actors.N!.gdp).toBe(21); // the default option "ask" applied immediately
    expect(s.pending).toEqual([]);
  });

  it("a facilitator inject ignores the trigger and lands in the next turn's report with its explanations", () => {
    const { rules, state } = withCrisis((s) => {
      s.world!.tension!.initial = 0;
    });
    const { state: s } = ok(injectEvent(rules, state, "crisis"));
    expect(s.pending.map((p) => p.seat)).toEqual(["A"]);
    const { report } = resolveTurn(rules, s);
    expect(report.entries[0]).toMatchObject({ kind: "inject", id: "crisis" });
    expect(report.explanations.find((x) => x.subject === "A.stability")).toMatchObject({
      before: 60,
      after: 57,
      causes: [expect.objectContaining({ kind: "facilitator", id: "crisis", delta: -3 })],
    });
    expect(code(injectEvent(rules, s, "nope"))).toBe("event/unknown");
  });

  it("an opening event fires as the game begins, so its choice is made in the first month and takes effect at its resolution", () => {
    const { rules, state } = withCrisis((s) => {
      s.events!.crisis!.opening = true;
      s.events!.crisis!.once = true;
    });
    // Before any order: the effect is in, the choice waits for A, and the entry waits for the first report.
    expect(state.turn).toBe(1);
    expect(state.actors.A!.stability).toBe(57);
    expect(state.pending).toEqual([{ id: "e1-crisis", event: "crisis", seat: "A", firedTurn: 1 }]);
    const { state: s1, report } = resolveTurn(rules, ok(chooseOption(rules, state, "A", "e1-crisis", "firm")));
    expect(report.turn).toBe(1);
    expect(report.entries.filter((e) => e.id === "crisis").map((e) => e.kind)).toEqual(["event", "option"]);
    expect(report.explanations.find((x) => x.subject === "A.stability")?.causes).toEqual([expect.objectContaining({ kind: "event", id: "crisis", delta: -3 })]);
    expect(s1.world.tension).toBe(75);
    // Spent (once): it does not fire again at the end of the first month.
    expect(s1.pending).toEqual([]);
    expect(s1.fired.crisis).toEqual({ count: 1, last: 1 });
    // Without `opening` nothing happens before the first resolution.
    expect(withCrisis().state.pending).toEqual([]);
    // Its trigger still decides: an opening event whose trigger is false at the start waits.
    const calm = withCrisis((s) => {
      s.events!.crisis!.opening = true;
      s.world!.tension!.initial = 50;
    });
    expect(calm.state.pending).toEqual([]);
  });

  it("injectOnly events never fire by themselves", () => {
    const { rules, state } = withCrisis((s) => {
      s.events!.quake!.trigger = true;
    });
    let s = state;
    for (let i = 0; i < 4; i++) {
      const r = resolveTurn(rules, s);
      expect(r.report.entries.some((e) => e.id === "quake")).toBe(false);
      s = r.state;
    }
  });
});

describe("events reacting to moves", () => {
  it("a trigger on moved() fires in the very turn the move is made", () => {
    const { rules, state } = gameWith((s) => {
      s.dynamics = [];
      s.events = {
        praise: { title: "Praise for {self}", text: "Calm is noticed", affects: "A", trigger: 'moved(A, "calm")', effects: [{ change: "A.standing", by: 1 }] },
      };
    });
    const quiet1 = resolveTurn(rules, state);
    expect(quiet1.report.entries.some((e) => e.id === "praise")).toBe(false);
    const { state: s2, report } = resolveTurn(rules, ok(submitOrders(rules, quiet1.state, "A", [{ move: "calm" }])));
    expect(report.entries.map((e) => e.kind)).toEqual(["move", "event"]);
    expect(s2.actors.A!.standing).toBe(1);
    expect(s2.lastMoves.A).toEqual(["calm"]);
  });
});
