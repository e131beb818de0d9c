// Rulebook: orders. Each seat spends political capital on orders; every order is checked when it
// is submitted, and a rejected submission changes nothing.
import { describe, expect, it } from "vitest";
import { moveOptions, resolveTurn, setLocked, submitOrders, validateOrder } from "../../shared/engine/api.ts";
import type { Order } from "../../shared/engine/types.ts";
import { code, gameWith, ok, quiet } from "./fixtures/build.ts";

describe("orders", () => {
  const { rules, state } = gameWith(quiet);

  it("a seat may spend up to its per-turn budget, and no more", () => {
    const within: Order[] = [{ move: "summit", target: "B" }, { move: "sanction", target: "N", params: { sector: "labour" } }];
    expect(ok(submitOrders(rules, state, "A", within)).orders.A).toEqual(within);
    const over = [...within, { move: "aid", target: "N" }];
    const r = submitOrders(rules, state, "A", over);
    expect(code(r)).toBe("order/over_budget");
  });

  it("resubmitting replaces the seat's orders for the turn", () => {
    const s1 = ok(submitOrders(rules, state, "A", [{ move: "summit", target: "B" }]));
    const s2 = ok(submitOrders(rules, s1, "A", [{ move: "aid", target: "N" }]));
    expect(s2.orders.A).toEqual([{ move: "aid", target: "N" }]);
  });

  it.each([
    ["an unknown move", { move: "invade", target: "B" }, "order/unknown_move"],
    ["a target that is not an actor", { move: "summit", target: "ZZ" }, "order/bad_target"],
    ["no target for a targeted move", { move: "summit" }, "order/bad_target"],
    ["oneself as target", { move: "summit", target: "A" }, "order/bad_target"],
    ["a target the move's condition excludes", { move: "aid", target: "B" }, "order/bad_target"],
    ["a target on an untargeted move", { move: "calm", target: "B" }, "order/bad_target"],
    ["a pair move with one target", { move: "mediate", target: "B" }, "order/bad_target"],
    ["a pair move with the same target twice", { move: "mediate", target: "B", target2: "B" }, "order/bad_target"],
    ["a missing parameter", { move: "sanction", target: "N" }, "order/bad_param"],
    ["a parameter outside its choices", { move: "sanction", target: "N", params: { sector: "energy" } }, "order/bad_param"],
    ["an unknown parameter", { move: "summit", target: "B", params: { x: 1 } }, "order/bad_param"],
    ["a consent move as an order", { move: "pact", target: "B" }, "order/is_proposal"],
  ] as [string, Order, string][])("rejects %s", (_, order, expected) => {
    const r = submitOrders(rules, state, "A", [order]);
    expect(code(r)).toBe(expected);
  });

  it("a failed requirement gives the author's reason", () => {
    // B already sanctions N's finance sector at game start.
    const r = validateOrder(rules, state, "B", { move: "sanction", target: "N", params: { sector: "finance" } });
    expect(r).toEqual({ ok: false, error: { code: "order/requirement", message: "Already sanctioned in that sector." } });
    expect(validateOrder(rules, state, "B", { move: "sanction", target: "N", params: { sector: "labour" } }).ok).toBe(true);
  });

  it("the same order twice in one turn is a duplicate", () => {
    const r = submitOrders(rules, state, "A", [{ move: "summit", target: "B" }, { move: "summit", target: "B" }]);
    expect(code(r)).toBe("order/duplicate");
    expect(submitOrders(rules, state, "A", [{ move: "summit", target: "B" }, { move: "summit", target: "C" }]).ok).toBe(true);
  });

  it("only playable seats give orders", () => {
    expect(code(submitOrders(rules, state, "N", []))).toBe("seat/unknown");
  });

  it("a locked seat must unlock before changing its orders", () => {
    const locked = ok(setLocked(rules, state, "A", true));
    expect(code(submitOrders(rules, locked, "A", []))).toBe("order/locked");
    const unlocked = ok(setLocked(rules, locked, "A", false));
    expect(submitOrders(rules, unlocked, "A", []).ok).toBe(true);
  });

  it("a move limited to some actors is refused to others", () => {
    const limited = gameWith((s) => {
      quiet(s);
      s.moves.calm!.actors = ["B"];
    });
    expect(code(submitOrders(limited.rules, limited.state, "A", [{ move: "calm" }]))).toBe("order/not_allowed");
    expect(submitOrders(limited.rules, limited.state, "B", [{ move: "calm" }]).ok).toBe(true);
  });

  it("nothing can be ordered once the game is over", () => {
    let s = state;
    while (s.phase !== "over") s = resolveTurn(rules, s).state;
    expect(code(submitOrders(rules, s, "A", []))).toBe("game/over");
  });

  it("a rejected submission leaves the state untouched", () => {
    const before = JSON.stringify(state);
    submitOrders(rules, state, "A", [{ move: "summit", target: "B" }, { move: "nope" }]);
    expect(JSON.stringify(state)).toBe(before);
  });

  it("never throws on malformed input", () => {
    const junk = [null, 5, { move: 7 }, { move: "summit", target: 3 }, { move: "constructor" }] as unknown as Order[];
    for (const o of junk) expect(() => submitOrders(rules, state, "A", [o])).not.toThrow();
    expect(() => submitOrders(rules, state, "A", "x" as unknown as Order[])).not.toThrow();
  });

  it("move options list legal targets and say why others are not", () => {
    const opts = moveOptions(rules, state, "A");
    const aid = opts.find((o) => o.move === "aid")!;
    expect(aid.targets.filter((t) => t.legal).map((t) => t.id)).toEqual(["N", "P"]);
    // The move's own targets rule rules B out; without the author's words it says so plainly.
    expect(aid.targets.find((t) => t.id === "B")!.reason).toBe("Not a valid target now.");
    const spent = ok(submitOrders(rules, state, "A", [{ move: "sanction", target: "N", params: { sector: "labour" } }, { move: "summit", target: "B" }]));
    const after = moveOptions(rules, spent, "A").find((o) => o.move === "sanction")!;
    expect(after.available).toBe(false);
    expect(after.reason).toMatch(/political capital/);
  });

  it("gives the author's reason for a target the move's rule excludes: beside it, in the error, and for the move", () => {
    const { rules, state } = gameWith((s) => {
      quiet(s);
      s.moves["aid"]!.targetsOtherwise = "Only a country no one plays.";
    });
    const aid = moveOptions(rules, state, "A").find((o) => o.move === "aid")!;
    expect(aid.targets.find((t) => t.id === "B")!.reason).toBe("Only a country no one plays.");
    const refused = validateOrder(rules, state, "A", { move: "aid", target: "B" });
    expect(refused).toMatchObject({ ok: false, error: { code: "order/bad_target", message: "Aid cannot target B: only a country no one plays." } });
    // With no target left at all, the move says why in the same words (not "cannot target <the first actor>").
    const none = gameWith((s) => {
      quiet(s);
      s.moves["aid"]!.targets = "isSeat(target) and not isSeat(target)";
      s.moves["aid"]!.targetsOtherwise = "Only a country no one plays.";
    });
    const closed = moveOptions(none.rules, none.state, "A").find((o) => o.move === "aid")!;
    expect(closed).toMatchObject({ available: false, reason: "No valid target this turn: only a country no one plays." });
  });
});
