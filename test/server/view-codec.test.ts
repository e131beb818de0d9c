// The codec that carries a GameView in the room state: what goes in comes out, and a viewer's
// overrides on top of the public entries rebuild exactly that viewer's view.
import { describe, expect, it } from "vitest";
import { diffFlat, fieldOverrides, sameJson, flatten, flattenField, groupBySecondLevel, mergeGroups, overlay, overrides, reflattenField, unflatten, type FlatView } from "../../shared/view-codec.ts";
import * as engine from "../../shared/engine/index.ts";
import { ScenarioLibrary } from "../../server/scenarios.ts";

const publicView = {
  turn: 3,
  actors: { CHN: { gdp: 17869.58245658278, stability: 70 }, "odd/key": { "~tilde": 1, "!bang": 2 } },
  relations: { "CHN:RUS": { base: 65, modifiers: [{ label: "Trade deal", value: 5.1, fades: 0.85, cause: "move:trade_deal:CHN", turn: 2 }] } },
  orders: {},
  proposals: [],
  history: [{ turn: 0, actors: { CHN: { gdp: 1 } } }, { turn: 1, actors: { CHN: { gdp: 2 } } }],
  nested: [[1, 2], [], [{ a: null }]],
  mandates: { panel: false },
  seed: "",
  // Sent whole, as one JSON text.
  baseline: { CHN: { gdp: 17869.58245658278, stability: 70 }, "odd/key": { "!bang": 0.1 } },
};

/** A flat view's entries as sorted lists (kept views share one empty map, a different class). */
const entriesOf = (f: FlatView) => ({ nums: [...f.nums].sort(), strs: [...f.strs].sort() });

describe("view codec", () => {
  it("flattens and rebuilds any plain view, including awkward keys, empty objects and nested arrays", () => {
    expect(unflatten(flatten(publicView))).toEqual(publicView);
  });

  it("tells an unchanged field from a changed one, whatever its shape (the mirror skips what it calls the same)", () => {
    const copy = structuredClone(publicView);
    expect(sameJson(publicView, copy)).toBe(true);
    copy.relations["CHN:RUS"]!.modifiers[0]!.value = 5.2;
    expect(sameJson(publicView, copy)).toBe(false);
    expect(sameJson({ a: [1, 2] }, { a: { 0: 1, 1: 2 } })).toBe(false);
    expect(sameJson([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameJson({ a: undefined }, { b: undefined })).toBe(false);
    expect(sameJson({ a: null }, { a: 0 })).toBe(false);
  });

  it("a viewer's overrides on top of the public view rebuild the viewer's view", () => {
    const seatView = {
      ...publicView,
      orders: { CHN: [{ move: "expand_trade", target: "KOR" }] },
      proposals: [{ id: "p3-1", from: "CHN", to: ["KOR"], answers: {} }],
      budget: { total: 3, spent: 1 },
      viewer: "CHN",
    };
    const base = flatten(publicView);
    const over = overrides(base, flatten(seatView));
    expect(unflatten(overlay(base, over))).toEqual(seatView);
    // Only the differences travel in the slot.
    expect([...over.nums.keys(), ...over.strs.keys()].every((k) => !k.startsWith("!5"))).toBe(true);
  });

  it("removes public entries a viewer must not have", () => {
    const fewer = { ...publicView, relations: {} };
    const base = flatten(publicView);
    expect(unflatten(overlay(base, overrides(base, flatten(fewer))))).toEqual(fewer);
  });

  it("sends a real modifier's fixed fields as a short positional text, and rebuilds the same modifier", () => {
    const modifier = { label: "Covert sales of dual-use goods", value: -3.2, fades: 0.85, cause: { kind: "move", id: "dual_use_exports", actor: "CHN", covertId: "c1-CHN-1" }, turn: 2 };
    const refused = { label: "Refused deal", value: 1.5, fades: 0.8, cause: { kind: "proposal", id: "p2-1", seats: ["CHN", "RUS"] }, turn: 3 };
    // The view of turn 4: the turn-2 modifier has faded once, the turn-3 one not yet.
    const view = { turn: 4, relations: { "CHN:RUS": { base: 60, modifiers: [{ ...modifier, value: -3.2 * 0.85 }, refused] } } };
    const flat = flatten(view);
    const texts = [...flat.strs.values()].filter((t) => t.includes("Covert sales") || t.includes("Refused"));
    // [label, fades, turn, value as made in hundredths, kind, id, actor, covertId, seats]
    expect(texts).toEqual(['["Covert sales of dual-use goods",0.85,2,-320,"move","dual_use_exports","CHN","c1-CHN-1"]', '["Refused deal",0.8,3,150,"proposal","p2-1",null,null,["CHN","RUS"]]']);
    // One entry a modifier: no value entry of its own.
    expect([...flat.nums.keys()].filter((k) => k.startsWith("!7/"))).toEqual(["!7/CHN:RUS/!s"]);
    const back = unflatten(flat) as typeof view;
    expect(back.relations["CHN:RUS"].modifiers[0]).toEqual({ ...modifier, value: expect.closeTo(-3.2 * 0.85, 10) });
    expect(back.relations["CHN:RUS"].modifiers[1]).toEqual(refused);
  });

  it("sends an opinion modifier once: the receiver fades it by the view's turn, within half a hundredth of the engine", () => {
    // The engine fades a modifier once per resolved turn after the one that made it (resolve.ts).
    const made = -2.4000000000000004;
    const valueAt = (turn: number) => {
      let v = made;
      for (let t = 3; t < turn; t++) v *= 0.85;
      return v;
    };
    const at = (turn: number) => ({ ...publicView, turn, relations: { "CHN:RUS": { base: 65, modifiers: [{ label: "Trade deal", value: valueAt(turn), fades: 0.85, cause: { kind: "move", id: "trade_deal", actor: "CHN" }, turn: 2 }] } } });
    let before = flatten(at(3));
    for (let turn = 4; turn <= 12; turn++) {
      const next = flatten(at(turn));
      // Only the turn itself changes: the modifier's text and value are not sent again.
      const d = diffFlat(before, next);
      expect([...d.setStrs, ...d.delStrs, ...d.delNums]).toEqual([]);
      expect(d.setNums).toEqual([["!3", turn]]);
      const rebuilt = (unflatten(next) as ReturnType<typeof at>).relations["CHN:RUS"].modifiers[0]!.value;
      expect(Math.abs(rebuilt - valueAt(turn))).toBeLessThanOrEqual(0.005);
      before = next;
    }
    // A modifier in a list the engine did not order by turn keeps its value entry, in hundredths.
    const odd = { turn: 5, relations: { "CHN:RUS": { base: 0, modifiers: [{ label: "b", value: 1.234, fades: 0.5, cause: { kind: "move", id: "x" }, turn: 4 }, { label: "a", value: 2, fades: 0.5, cause: { kind: "move", id: "y" }, turn: 1 }] } } };
    const oddBack = unflatten(flatten(odd)) as typeof odd;
    expect(oddBack.relations["CHN:RUS"].modifiers.map((m) => m.label)).toEqual(["b", "a"]);
    expect(oddBack.relations["CHN:RUS"].modifiers[0]!.value).toBeCloseTo(1.234, 2);
    // A modifier of another shape keeps its object form, with its current value in hundredths.
    const shaped = { turn: 5, relations: { "CHN:RUS": { base: 0, modifiers: [{ label: "x", value: 1.234, fades: 0.5, cause: "free text", turn: 4, note: "extra" }] } } };
    const shapedFlat = flatten(shaped);
    expect([...shapedFlat.nums].filter(([k]) => k.endsWith("/!u"))).toEqual([[expect.stringContaining("!7/CHN:RUS/"), 123]]);
    expect(unflatten(shapedFlat)).toEqual({ ...shaped, relations: { "CHN:RUS": { base: 0, modifiers: [{ ...shaped.relations["CHN:RUS"].modifiers[0], value: 1.23 }] } } });
    // Without the view's turn there is nothing to fade by: a clear error, not a wrong value.
    expect(() => flattenField("relations", at(5).relations)).toThrow(/view's turn/);
  });

  it("sends a sanction as its fixed fields in one text plus its enforcement, and a treaty as one text", () => {
    const at = (enforcement: number) => ({
      sanctions: [{ by: "USA", on: "RUS", sector: "energy", enforcement, un: false, since: 0 }],
      treaties: [{ kind: "defence", name: "Comprehensive Strategic Partnership", parties: ["PRK", "RUS"], since: 2 }],
    });
    const flat = flatten(at(0.8));
    expect(flat.nums.size + flat.strs.size).toBe(5);
    expect(unflatten(flat)).toEqual(at(0.8));
    // Enforcement eroding changes one number; nothing else travels.
    const d = diffFlat(flat, flatten(at(0.74)));
    expect(d.setStrs).toEqual([]);
    expect(d.setNums).toEqual([[expect.stringMatching(/^!a\/0\//), 0.74]]);
  });

  it("keys modifiers by turn and rank: when an old one fades away, the later ones are not sent again", () => {
    const m = (label: string, value: number, turn: number) => ({ label, value, fades: 0.8, cause: { kind: "move", id: "summit", actor: "RUS" }, turn });
    const before = { turn: 6, relations: { "PRK:RUS": { base: 40, modifiers: [m("Old grievance", 0.625, 1), m("Summit pledges", 9, 4), m("Arms shipments", 5, 4), m("Treaty", 3, 5)] } } };
    const after = { turn: 7, relations: { "PRK:RUS": { base: 40, modifiers: [m("Summit pledges", 7.2, 4), m("Arms shipments", 4, 4), m("Treaty", 2.4, 5)] } } };
    const d = diffFlat(flatten(before), flatten(after));
    // The faded one goes; the others keep their entries, and nothing else is sent but the turn
    // (values rebuilt within half a hundredth).
    expect(d.setStrs).toEqual([]);
    expect(d.delStrs).toEqual([expect.stringMatching(/\/1\.0$/)]);
    expect(d.setNums).toEqual([["!3", 7]]);
    const close = (v: typeof after) => ({ ...v, relations: { "PRK:RUS": { ...v.relations["PRK:RUS"], modifiers: v.relations["PRK:RUS"].modifiers.map((x) => ({ ...x, value: expect.closeTo(x.value, 2) })) } } });
    expect(unflatten(flatten(after))).toEqual(close(after));
    // Rebuilt in the engine's order even when the entries arrive in another order.
    const flat = flatten(before);
    const shuffled = { nums: new Map([...flat.nums].reverse()), strs: new Map([...flat.strs].reverse()) };
    expect(unflatten(shuffled)).toEqual(close(before));
  });

  it("a new turn reuses a modifier's row only when it would pack the same: a changed value, another cause or a new modifier at its key is written anew", () => {
    const summit = { kind: "move", id: "summit", actor: "RUS" };
    const m = (label: string, value: number, turn: number, cause: object = summit) => ({ label, value, fades: 0.8, cause, turn });
    // The views of turns 6 and 7; an untouched modifier fades by 0.8 between them.
    const rel = (...modifiers: ReturnType<typeof m>[]) => ({ "PRK:RUS": { base: 40, modifiers }, "CHN:RUS": { base: 10, modifiers: [m("Trade", 4, 2)] } });
    const before = { ...rel(m("Summit pledges", 9, 4), m("Arms shipments", 5, 4), m("Treaty", 3, 5)), "CHN:RUS": { base: 10, modifiers: [m("Trade", 5, 2)] } };
    const cases = {
      // Faded by one turn: every row stays as it was.
      faded: rel(m("Summit pledges", 7.2, 4), m("Arms shipments", 4, 4), m("Treaty", 2.4, 5), m("New talks", 2, 6)),
      // The facilitator's adjustment changed a value other than by fading: its row is new.
      adjusted: rel(m("Summit pledges", 7.2, 4), m("Arms shipments", 9, 4), m("Treaty", 2.4, 5)),
      // Same label, fades, turn and value, another cause (an origin revealed): the row is new.
      revealed: rel(m("Summit pledges", 7.2, 4), m("Arms shipments", 4, 4, { kind: "move", id: "arms", actor: "PRK" }), m("Treaty", 2.4, 5)),
      // The first of turn 4 faded away: the next one takes rank 0 and must not take its row.
      shifted: rel(m("Arms shipments", 4, 4), m("Treaty", 2.4, 5)),
    };
    const beforeFlat = flattenField("relations", before, 6);
    for (const [name, after] of Object.entries(cases)) {
      const again = reflattenField("relations", before, () => groupBySecondLevel(beforeFlat), after, 7, 6);
      expect(entriesOf(mergeGroups(again.groups!)), name).toEqual(entriesOf(flattenField("relations", after, 7)));
      // A seat that sees what the public does not: its overrides equal those of the whole field.
      const pubFlat = flattenField("relations", after, 7);
      const mine = { ...after, "PRK:RUS": { ...after["PRK:RUS"], modifiers: [...after["PRK:RUS"].modifiers, m("Covert arms", 3, 6, { kind: "move", id: "arms", actor: "PRK", covertId: "c6" })] } };
      const byEntry = fieldOverrides("relations", after, () => pubFlat, () => groupBySecondLevel(pubFlat), mine, 7);
      expect(entriesOf(byEntry), name).toEqual(entriesOf(overrides(pubFlat, flattenField("relations", mine, 7))));
    }
    const rows = (f: FlatView) => [...f.strs.values()].filter((v) => v.startsWith("[\""));
    const changed = (after: object) => diffFlat(beforeFlat, flattenField("relations", after, 7)).setStrs.map(([, v]) => JSON.parse(v)[0]);
    expect(rows(beforeFlat)).toHaveLength(4);
    expect(changed(cases.faded)).toEqual(["New talks"]);
    expect(changed(cases.adjusted)).toEqual(["Arms shipments"]);
    expect(changed(cases.revealed)).toEqual(["Arms shipments"]);
  });

  it("entries computed part by part (a changed public field, a viewer's overrides) equal those of the whole field, in real games with covert moves", () => {
    const rules = new ScenarioLibrary().get("pyongyang-2024")!;
    const seats = engine.seatsOf(rules);
    let compared = 0;
    let differing = 0;
    let reflattened = 0;
    let prev: Record<string, unknown> | undefined;
    for (const seed of ["a", "b", "c"]) {
      prev = undefined;
      let st = engine.createGame(rules, seed);
      for (let turn = 0; turn < 6; turn++) {
        // Strong bots use covert moves, so seats' relations and scores differ from the public view.
        for (const seat of seats) st = engine.playBot(rules, st, seat, { level: "fast" });
        st = engine.resolveTurn(rules, st).state;
        const pub = engine.viewFor(rules, st, "observer") as unknown as Record<string, unknown>;
        // The public entries rebuilt from last turn's, reusing the parts the engine left untouched.
        if (prev) {
          for (const key of Object.keys(pub)) {
            const before = flattenField(key, prev[key], prev["turn"] as number);
            const again = reflattenField(key, prev[key], () => groupBySecondLevel(before), pub[key], st.turn, prev["turn"] as number);
            const whole = flattenField(key, pub[key], st.turn);
            if (again.groups) {
              expect(entriesOf(mergeGroups(again.groups))).toEqual(entriesOf(whole));
              expect(new Map([...again.groups].map(([k, g]) => [k, entriesOf(g)]))).toEqual(new Map([...groupBySecondLevel(whole)].map(([k, g]) => [k, entriesOf(g)])));
            } else expect(entriesOf(again.flat)).toEqual(entriesOf(whole));
            reflattened++;
          }
        }
        prev = pub;
        for (const viewer of [...seats, "facilitator"]) {
          const mine = engine.viewFor(rules, st, viewer) as unknown as Record<string, unknown>;
          for (const key of new Set([...Object.keys(pub), ...Object.keys(mine)])) {
            if (key === "reports" || key === "history") continue;
            const pubFlat = flattenField(key, pub[key], st.turn);
            const whole = overrides(pubFlat, mine[key] === undefined ? { nums: new Map(), strs: new Map() } : flattenField(key, mine[key], st.turn));
            const byEntry = fieldOverrides(key, pub[key], () => pubFlat, () => groupBySecondLevel(pubFlat), mine[key], st.turn);
            expect(byEntry).toEqual(whole);
            compared++;
            if (whole.nums.size + whole.strs.size > 0) differing++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(1000);
    expect(differing).toBeGreaterThan(50);
    expect(reflattened).toBeGreaterThan(300);
  });
});
