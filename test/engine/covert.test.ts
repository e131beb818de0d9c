// Rulebook: covert moves take effect like any other, but only their author knows who did it,
// until a discovery roll exposes them; then the world learns who, and onDiscovered applies.
import { describe, expect, it } from "vitest";
import { reportFor, resolveTurn, submitOrders, viewFor } from "../../shared/engine/api.ts";
import { gameWith, ok, quiet } from "./fixtures/build.ts";

describe("covert moves", () => {
  const { rules, state } = gameWith(quiet);
  // The fixture's "arms" move takes its discovery chance from a parameter: 0 never, 1 certainly.
  const arms = (odds: number) => ok(submitOrders(rules, state, "A", [{ move: "arms", target: "N", params: { odds } }]));

  it("apply their effects, and are recorded as the author's secret", () => {
    const { state: next, report } = resolveTurn(rules, arms(0));
    expect(next.actors.N!.stability).toBe(35);
    expect(next.covert).toEqual([{ id: "c1-A-1", turn: 1, by: "A", order: { move: "arms", target: "N", params: { odds: 0 } } }]);
    const entry = report.entries.find((e) => e.id === "arms")!;
    expect(entry).toMatchObject({ covert: true, visibility: { seats: ["A"] } });
  });

  it("others see the change but not its cause, and not the action", () => {
    const { state: next, report } = resolveTurn(rules, arms(0));
    const b = viewFor(rules, next, "B");
    const bReport = reportFor(next, report, "B");
    expect(b.covert).toEqual([]);
    expect(bReport.entries.some((e) => e.id === "arms")).toBe(false);
    const x = bReport.explanations.find((e) => e.subject === "N.stability")!;
    expect(x.causes).toEqual([{ kind: "unknown", id: "unknown", label: "Unknown causes", delta: 5, visibility: "public" }]);
    expect(b.lastMoves.A).toEqual([]);
    expect(b.relations["A:N"]!.modifiers[0]).toMatchObject({ label: "Unexplained shift", cause: { kind: "unknown", id: "unknown" }, value: 6 });

    const a = viewFor(rules, next, "A");
    expect(a.covert).toHaveLength(1);
    expect(reportFor(next, report, "A").explanations.find((e) => e.subject === "N.stability")!.causes[0]).toMatchObject({ kind: "move", id: "arms", actor: "A" });
    expect(a.lastMoves.A).toEqual(["arms"]);
  });

  it("when a covert move was last done (monthsSince) is known to its author and the facilitator only", () => {
    const dated = gameWith((s) => {
      quiet(s);
      s.moves.arms!.requires = [{ when: "monthsSince(self, 'arms') >= 2", otherwise: "Too soon." }];
    });
    const ordered = ok(submitOrders(dated.rules, dated.state, "A", [{ move: "arms", target: "N", params: { odds: 0 } }, { move: "calm" }]));
    const { state: next } = resolveTurn(dated.rules, ordered);
    expect(next.lastDone?.A).toEqual({ arms: 1, calm: 1 });
    // Views carry only the moves formulas date (not calm), and a covert one for its author only.
    expect(viewFor(dated.rules, next, "A").lastDone).toEqual({ A: { arms: 1 } });
    expect(viewFor(dated.rules, next, "facilitator").lastDone).toEqual({ A: { arms: 1 } });
    expect(viewFor(dated.rules, next, "B").lastDone).toEqual({});
    expect(viewFor(dated.rules, next, "observer").lastDone).toEqual({});
    // Without a formula that reads it, no view carries any of it.
    expect(viewFor(rules, resolveTurn(rules, arms(0)).state, "A").lastDone).toEqual({});
  });

  it("what a seat may know of a modifier's origin follows the covert record, also when the relations stay the same objects", () => {
    const { state: next } = resolveTurn(rules, arms(0));
    // An order later in the turn: new state, same relations and covert record.
    const ordered = ok(submitOrders(rules, next, "B", [{ move: "calm" }]));
    expect(ordered.relations).toBe(next.relations);
    expect(viewFor(rules, ordered, "B").relations).toEqual(viewFor(rules, next, "B").relations);
    expect(viewFor(rules, ordered, "B").relations["A:N"]!.modifiers[0]!.label).toBe("Unexplained shift");
    // The same relations once the action is exposed: the origin shows.
    const exposed = { ...ordered, covert: ordered.covert.map((x) => ({ ...x, discovered: 2 })) };
    expect(viewFor(rules, exposed, "B").relations["A:N"]!.modifiers[0]!.cause).toMatchObject({ kind: "move", actor: "A" });
    expect(viewFor(rules, exposed, "observer").relations["A:N"]!.modifiers[0]!.cause).toMatchObject({ kind: "move", actor: "A" });
    expect(viewFor(rules, ordered, "observer").relations["A:N"]!.modifiers[0]!.label).toBe("Unexplained shift");
  });

  it("a discovery roll exposes the action publicly, applies onDiscovered and reveals past causes", () => {
    const { state: next, report } = resolveTurn(rules, arms(1));
    expect(next.covert[0]!.discovered).toBe(1);
    expect(report.entries.find((e) => e.kind === "discovery")).toMatchObject({ actor: "A", target: "N", visibility: "public", covertId: "c1-A-1" });
    expect(next.actors.A!.standing).toBe(-10);
    const b = viewFor(rules, next, "B");
    expect(b.covert).toHaveLength(1);
    const bReport = reportFor(next, report, "B");
    expect(bReport.entries.some((e) => e.id === "arms" && e.kind === "move")).toBe(true);
    expect(bReport.explanations.find((e) => e.subject === "N.stability")!.causes[0]).toMatchObject({ kind: "move", actor: "A", delta: 5 });
  });

  it("a discovery chance between 0 and 1 is rolled with the game's seeded dice", () => {
    const seeds = Array.from({ length: 40 }, (_, i) => `seed-${i}`);
    const exposed = seeds.map((seed) => {
      const g = gameWith((s) => {
        quiet(s);
        s.moves.arms!.discovery = 0.5;
      }, seed);
      const s = ok(submitOrders(g.rules, g.state, "A", [{ move: "arms", target: "N", params: { odds: 0 } }]));
      return resolveTurn(g.rules, s).state.covert[0]!.discovered !== undefined;
    });
    expect(exposed.filter(Boolean).length).toBeGreaterThan(8);
    expect(exposed.filter(Boolean).length).toBeLessThan(32);
  });
});
