// The codec that carries a GameView in the room state: what goes in comes out, and a viewer's
// overrides on top of the public entries rebuild exactly that viewer's view.
import { describe, expect, it } from "vitest";
import { diffFlat, encodePath, fieldOverrides, sameJson, flatten, flattenField, groupBySecondLevel, mergeGroups, overlay, overrides, reflattenField, unflatten, type FlatView } from "../../shared/view-codec.ts";
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

  it("sends score cards without the numbers that follow from the rest, and the council's votes as one text; every viewer's view comes back identical, key order too", () => {
    const rules = new ScenarioLibrary().get("pyongyang-2024")!;
    const seats = engine.seatsOf(rules);
    const [SCORES, VOTES] = [encodePath(["scores"]), encodePath(["lastVotes"])];
    const DERIVED = ["total", "met", "points"].map((f) => encodePath([f]));
    let cards = 0;
    let votes = 0;
    for (const seed of ["a", "b"]) {
      const states = [engine.createGame(rules, seed)];
      engine.playGame(rules, seed, { onTurn: (_before, _report, after) => void states.push(after) });
      for (const st of states) {
        const pub = engine.viewFor(rules, st, "observer") as unknown as Record<string, unknown>;
        const base = flatten(pub, new Set(["reports", "history"]));
        for (const viewer of ["observer", ...seats, "facilitator"]) {
          const mine = engine.viewFor(rules, st, viewer) as unknown as Record<string, unknown>;
          const flat = flatten(mine, new Set(["reports", "history"]));
          const paths = [...flat.nums.keys(), ...flat.strs.keys()];
          // No points, met or total entry under scores: they are derived on arrival.
          expect(paths.filter((p) => p.startsWith(`${SCORES}/`) && DERIVED.some((d) => p.endsWith(`/${d}`)))).toEqual([]);
          const back = unflatten(overlay(base, overrides(base, flat)));
          expect(JSON.stringify(back["scores"])).toBe(JSON.stringify(mine["scores"]));
          expect(back["lastVotes"]).toEqual(mine["lastVotes"]);
          expect(paths.filter((p) => p === VOTES || p.startsWith(`${VOTES}/`))).toHaveLength(1);
          cards += Object.keys(mine["scores"] as object).length;
          votes += Object.keys(mine["lastVotes"] as object).length;
        }
      }
    }
    expect(cards).toBeGreaterThan(500);
    expect(votes).toBeGreaterThan(10);
    // A card whose numbers do not follow (say, points not attainment x max) keeps them all.
    const odd = { scores: { CHN: { seat: "CHN", total: 5, max: 3, objectives: [{ index: 0, label: "Trade", secret: false, value: 2, attainment: 1, met: true, points: 5, max: 3 }] } } };
    const flat = flatten(odd);
    expect([...flat.nums.keys()].some((p) => p.endsWith(`/${encodePath(["points"])}`))).toBe(true);
    expect(unflatten(flat)).toEqual(odd);
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
            const before = flattenField(key, prev[key]);
            const again = reflattenField(key, prev[key], () => groupBySecondLevel(before), pub[key]);
            const whole = flattenField(key, pub[key]);
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
            const pubFlat = flattenField(key, pub[key]);
            const whole = overrides(pubFlat, mine[key] === undefined ? { nums: new Map(), strs: new Map() } : flattenField(key, mine[key]));
            const byEntry = fieldOverrides(key, pub[key], () => pubFlat, () => groupBySecondLevel(pubFlat), mine[key]);
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
