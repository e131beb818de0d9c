// The codec that carries a GameView in the room state: what goes in comes out, and a viewer's
// overrides on top of the public entries rebuild exactly that viewer's view.
import { describe, expect, it } from "vitest";
import { flatten, overlay, overrides, unflatten } from "../../shared/view-codec.ts";

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
});
