// The codec that carries a GameView in the room state: what goes in comes out, and a viewer's
// overrides on top of the public entries rebuild exactly that viewer's view.
import { describe, expect, it } from "vitest";
import { diffFlat, flatten, overlay, overrides, unflatten } from "../../shared/view-codec.ts";

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
};

describe("view codec", () => {
  it("flattens and rebuilds any plain view, including awkward keys, empty objects and nested arrays", () => {
    expect(unflatten(flatten(publicView))).toEqual(publicView);
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

  it("sends a fading opinion modifier as one fixed text plus its value in hundredths", () => {
    const at = (value: number) => ({ ...publicView, relations: { "CHN:RUS": { base: 65, modifiers: [{ label: "Trade deal", value, fades: 0.85, cause: "move:trade_deal:CHN", turn: 2 }] } } });
    const before = flatten(at(-2.4000000000000004));
    // Rebuilt to the hundredth, which is finer than any panel shows.
    expect(unflatten(before)).toEqual(at(-2.4));
    // One number changes when it fades; the label, cause and fading rate are not sent again.
    const d = diffFlat(before, flatten(at(-1.92)));
    expect(d.setStrs).toEqual([]);
    expect(d.setNums).toEqual([[expect.stringContaining("!7/CHN:RUS/"), -192]]);
    // A change below a hundredth sends nothing at all.
    const tiny = diffFlat(flatten(at(0.0123)), flatten(at(0.0121)));
    expect(tiny.setNums).toEqual([]);
  });
});
