import { describe, expect, it } from "vitest";
import { moveOptions, propose, submitOrders, viewFor } from "../../shared/engine/api.ts";
import {
  addOrder,
  budgetOf,
  buildOrder,
  groupByCategory,
  moveState,
  previewOrder,
  removeOrder,
  type Budget,
} from "../../client/src/orders/order-builder.ts";
import { freshGame, loadScenario, option } from "./fixtures.ts";

const scenario = loadScenario();
const full: Budget = { total: 3, spent: 0, left: 3 };

describe("building an order from the player's picks", () => {
  const tradeDeal = option({
    move: "trade_deal",
    cost: 1,
    accept: "target",
    targets: [
      { id: "RUS", legal: true },
      { id: "UKR", legal: false, reason: "Trade Deal cannot target UKR." },
    ],
  });

  it("turns a move and a legal target into an Order", () => {
    expect(buildOrder(scenario, tradeDeal, { target: "RUS" }, full)).toEqual({ ok: true, value: { move: "trade_deal", target: "RUS" } });
  });

  it("asks for a target when none is picked", () => {
    const r = buildOrder(scenario, tradeDeal, {}, full);
    expect(r).toMatchObject({ ok: false, error: { code: "build/needs_target", message: "Choose a target" } });
  });

  it("refuses an illegal target with the engine's reason", () => {
    const r = buildOrder(scenario, tradeDeal, { target: "UKR" }, full);
    expect(r).toMatchObject({ ok: false, error: { code: "build/bad_target", message: "Trade Deal cannot target UKR." } });
  });

  it("needs every parameter, and only one of its choices", () => {
    const withParam = option({
      move: "tariffs",
      params: { sector: { label: "Sector", choices: ["energy", "technology"] } },
      targets: [{ id: "CHN", legal: true, paramSets: [{ sector: "energy" }, { sector: "technology" }] }],
    });
    expect(buildOrder(scenario, withParam, { target: "CHN" }, full)).toMatchObject({ ok: false, error: { code: "build/needs_param", message: "Choose sector" } });
    expect(buildOrder(scenario, withParam, { target: "CHN", params: { sector: "arms" } }, full)).toMatchObject({ ok: false, error: { code: "build/bad_param" } });
    expect(buildOrder(scenario, withParam, { target: "CHN", params: { sector: "energy" } }, full)).toEqual({
      ok: true,
      value: { move: "tariffs", target: "CHN", params: { sector: "energy" } },
    });
  });

  it("keeps numeric parameter choices as numbers", () => {
    const numeric = option({ move: "aid", params: { amount: { label: "Amount", choices: [1, 5] } }, paramSets: [{ amount: 1 }, { amount: 5 }] });
    expect(buildOrder(scenario, numeric, { params: { amount: "5" } }, full)).toEqual({ ok: true, value: { move: "aid", params: { amount: 5 } } });
  });

  it("needs two different parties for a pair move (mediation)", () => {
    const mediation = option({
      move: "mediation",
      targets: [
        { id: "PRK", legal: true, seconds: [{ id: "KOR" }] },
        { id: "KOR", legal: true, seconds: [{ id: "PRK" }] },
      ],
    });
    expect(scenario.moves["mediation"]?.target).toBe("pair");
    expect(buildOrder(scenario, mediation, { target: "PRK" }, full)).toMatchObject({ ok: false, error: { code: "build/needs_target" } });
    expect(buildOrder(scenario, mediation, { target: "PRK", target2: "PRK" }, full)).toMatchObject({ ok: false, error: { code: "build/bad_target" } });
    expect(buildOrder(scenario, mediation, { target: "PRK", target2: "KOR" }, full)).toEqual({ ok: true, value: { move: "mediation", target: "PRK", target2: "KOR" } });
  });

  it("refuses duplicates but allows the same move at another target", () => {
    const a = { move: "rebuke", target: "PRK" };
    const once = addOrder([], a);
    expect(once.ok).toBe(true);
    expect(addOrder(once.ok ? once.value : [], { ...a }).ok).toBe(false);
    expect(addOrder(once.ok ? once.value : [], { move: "rebuke", target: "RUS" }).ok).toBe(true);
    expect(removeOrder([a, { move: "distance", target: "RUS" }], 0)).toEqual([{ move: "distance", target: "RUS" }]);
  });
});

describe("the political-capital budget", () => {
  const moveCost = (id: string): number => scenario.moves[id]?.cost ?? -1;

  it("shows the engine's count: submitted orders and this turn's own proposals against the turn's capital", () => {
    const { rules, state } = freshGame();
    const ordered = submitOrders(rules, state, "CHN", [{ move: "rebuke", target: "PRK" }]);
    if (!ordered.ok) throw new Error(ordered.error.message);
    const proposed = propose(rules, ordered.value, "CHN", { move: "trade_deal", target: "KOR" });
    if (!proposed.ok) throw new Error(proposed.error.message);
    const spent = moveCost("rebuke") + moveCost("trade_deal");
    expect(budgetOf(viewFor(rules, proposed.value.state, "CHN"), 99)).toEqual({ total: scenario.turns.budget, spent, left: scenario.turns.budget - spent });
    // Another seat's proposals never count against China.
    expect(budgetOf(viewFor(rules, proposed.value.state, "KOR"), 99)).toEqual({ total: scenario.turns.budget, spent: 0, left: scenario.turns.budget });
  });

  it("disables a move that costs more than what is left, saying how much is left", () => {
    const expensive = option({ move: "partnership_treaty", cost: 2 });
    expect(moveState(expensive, { total: 3, spent: 2, left: 1 })).toEqual({ enabled: false, reason: "Costs 2 capital; 1 left this turn", overBudget: true });
    expect(moveState(expensive, full)).toEqual({ enabled: true });
    expect(buildOrder(scenario, expensive, {}, { total: 3, spent: 2, left: 1 })).toMatchObject({ ok: false, error: { code: "build/over_budget" } });
  });

  it("shows the engine's reason for an unavailable move, and a target reason when no target is legal", () => {
    expect(moveState(option({ move: "x", available: false, reason: "Only while the panel is vetoed" }), full)).toEqual({ enabled: false, reason: "Only while the panel is vetoed" });
    const noTarget = option({ move: "y", targets: [{ id: "PRK", legal: false, reason: "Needs relations above 20" }] });
    expect(moveState(noTarget, full)).toEqual({ enabled: false, reason: "Needs relations above 20" });
  });
});

describe("orders from the real scenario and engine", () => {
  const { scenario: sc, rules, state } = freshGame();
  const view = viewFor(rules, state, "CHN");
  const options = moveOptions(rules, view, "CHN");

  it("groups every move the seat may use by category, in a fixed category order", () => {
    const groups = groupByCategory(options);
    expect(groups.map((g) => g.category)).toEqual(["trade", "sanctions", "alignment", "security", "council"].filter((c) => options.some((o) => o.category === c)));
    expect(groups.flatMap((g) => g.options).map((o) => o.move).sort()).toEqual(options.map((o) => o.move).sort());
    // Built from the scenario: every option is a scenario move with its name and cost.
    for (const o of options) expect(sc.moves[o.move]).toMatchObject({ name: o.name, cost: o.cost });
  });

  it("previews what an order does and its headline before lock-in", () => {
    const o = options.find((x) => x.move === "trade_deal" && x.targets.some((t) => t.legal));
    expect(o).toBeDefined();
    const target = o?.targets.find((t) => t.legal)?.id ?? "";
    const built = buildOrder(sc, o!, { target }, budgetOf(view, sc.turns.budget));
    expect(built.ok).toBe(true);
    const p = previewOrder(sc, "CHN", built.ok ? built.value : { move: "" });
    expect(p.title).toContain(sc.moves["trade_deal"]?.name);
    expect(p.title).toContain(sc.actors[target]?.name);
    expect(p.description).toBe(sc.moves["trade_deal"]?.description);
    // The preview headline is the resolved news headline, in its voice (headline names).
    expect(p.headline).toContain("Beijing");
    expect(p.headline).not.toMatch(/[{}]/);
  });
});

describe("the panel never calls a legal order illegal, nor the reverse", () => {
  it("the United States may lift its technology sanctions on China, and only those (issue: 'You have no sanctions on this sector to lift')", () => {
    const { rules, state } = freshGame();
    const lift = moveOptions(rules, viewFor(rules, state, "USA"), "USA").find((o) => o.move === "lift_sanctions")!;
    const china = lift.targets.find((t) => t.id === "CHN")!;
    expect(china.legal).toBe(true);
    expect(china.paramSets).toEqual([{ sector: "technology" }]);
    expect(buildOrder(scenario, lift, { target: "CHN", params: { sector: "technology" } }, full)).toEqual({
      ok: true,
      value: { move: "lift_sanctions", target: "CHN", params: { sector: "technology" } },
    });
    expect(buildOrder(scenario, lift, { target: "CHN", params: { sector: "commodities" } }, full)).toMatchObject({ ok: false, error: { code: "build/bad_param" } });
  });
});
