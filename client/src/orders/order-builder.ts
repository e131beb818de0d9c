// Pure order building for the orders panel: from a MoveOption and the player's picks to an Order,
// with the political-capital budget and the reason each move or target is disabled.
// Legality comes from the engine's moveOptions; this module only adds the running budget.
import type { Scenario } from "../../../shared/scenario/schema.ts";
import type { GameView, MoveOption, Order, ParamValue, Result } from "../../../shared/engine/index.ts";
import { actorName } from "../game-info.ts";
import { choiceLabel, moveHeadline } from "../../../shared/engine/index.ts";

/** What the player has picked so far for one move. */
export interface Selection {
  target?: string;
  target2?: string;
  params?: Record<string, ParamValue>;
}

export type BuildErrorCode =
  | "build/unavailable" // the engine says the move cannot be used this turn
  | "build/needs_target" // the move needs a target and none is picked
  | "build/bad_target" // the picked target is not legal (the message says why)
  | "build/needs_param" // a parameter has no value
  | "build/bad_param" // a parameter value is not one of the move's choices
  | "build/over_budget"; // the move costs more capital than is left

export interface BuildError {
  code: BuildErrorCode;
  message: string;
}

/** Budget for the viewer's seat this turn: what the drafts and own proposals spend. */
export interface Budget {
  total: number;
  spent: number;
  left: number;
}

/**
 * The budget as the engine counts it (submitted orders plus this turn's own proposals), read from
 * the seat's view: the client never re-implements that rule.
 */
export function budgetOf(view: Pick<GameView, "budget">, fallbackTotal: number): Budget {
  const total = view.budget?.total ?? fallbackTotal;
  const spent = view.budget?.spent ?? 0;
  return { total, spent, left: total - spent };
}

/**
 * Whether a move can be picked now, and if not, the sentence the player sees. `overBudget` marks a
 * move that is only out of reach because the capital is spent: the panel says that once, not per move.
 */
export function moveState(option: MoveOption, budget: Budget): { enabled: boolean; reason?: string; overBudget?: boolean } {
  // Checked first: the engine also marks such a move unavailable, with a reason repeated on every move.
  if (option.cost > budget.left) {
    return { enabled: false, reason: `Costs ${option.cost} capital; ${budget.left} left this turn`, overBudget: true };
  }
  if (!option.available) return { enabled: false, reason: option.reason ?? "Not available this turn" };
  if (needsTarget(option) && !option.targets.some((t) => t.legal)) {
    return { enabled: false, reason: option.targets.find((t) => t.reason)?.reason ?? "No valid target this turn" };
  }
  return { enabled: true };
}

/** True when the move is aimed at one or two actors. */
export function needsTarget(option: MoveOption): boolean {
  return option.targets.length > 0;
}

/** True when the move is aimed at a pair (target and target2), read from the scenario. */
export function needsPair(scenario: Scenario, move: string): boolean {
  return scenario.moves[move]?.target === "pair";
}

/** Turns a selection into an Order, or says what is missing. */
export function buildOrder(scenario: Scenario, option: MoveOption, sel: Selection, budget: Budget): Result<Order, BuildError> {
  if (!option.available) return fail("build/unavailable", option.reason ?? "Not available this turn");
  if (option.cost > budget.left) {
    return fail("build/over_budget", `Costs ${option.cost} capital; ${budget.left} left this turn`);
  }
  const order: Order = { move: option.move };
  if (needsTarget(option)) {
    const picked = checkTarget(option, sel.target);
    if (!picked.ok) return picked;
    order.target = picked.value;
    if (needsPair(scenario, option.move)) {
      const second = checkTarget(option, sel.target2);
      if (!second.ok) return second;
      if (second.value === order.target) return fail("build/bad_target", "Pick two different actors");
      order.target2 = second.value;
    }
  }
  const params: Record<string, ParamValue> = {};
  for (const [name, spec] of Object.entries(option.params)) {
    const value = sel.params?.[name];
    if (value === undefined || value === "") return fail("build/needs_param", `Choose ${spec.label.toLowerCase()}`);
    const match = spec.choices.find((c) => String(c) === String(value));
    if (match === undefined) return fail("build/bad_param", `${String(value)} is not a choice for ${spec.label.toLowerCase()}`);
    params[name] = match;
  }
  if (Object.keys(params).length > 0) order.params = params;
  // The engine lists which parameter choices (and second targets) are legal with each target:
  // a combination it does not list would be refused, so it is refused here too, never the reverse.
  if (!legalCombination(option, order)) return fail("build/bad_param", "That choice is not possible with this target now");
  return { ok: true, value: order };
}

const sameParams = (a: Order["params"], b: Order["params"]): boolean => paramsKey(a) === paramsKey(b);

/** Whether moveOptions lists this target, second target and parameter combination as legal. */
export function legalCombination(option: MoveOption, order: Order): boolean {
  const hasParams = Object.keys(option.params).length > 0;
  const inSets = (sets: Order["params"][] | undefined) => !hasParams || (sets ?? []).some((p) => sameParams(p, order.params));
  if (order.target === undefined) return inSets(option.paramSets);
  const t = option.targets.find((x) => x.id === order.target);
  if (!t?.legal) return false;
  if (order.target2 === undefined) return inSets(t.paramSets);
  const second = t.seconds?.find((x) => x.id === order.target2);
  return second !== undefined && inSets(second.paramSets);
}

function checkTarget(option: MoveOption, id: string | undefined): Result<string, BuildError> {
  if (!id) return fail("build/needs_target", "Choose a target");
  const t = option.targets.find((x) => x.id === id);
  if (!t) return fail("build/bad_target", `${id} is not a target of this move`);
  if (!t.legal) return fail("build/bad_target", t.reason ?? `${id} cannot be targeted now`);
  return { ok: true, value: id };
}

function fail<T>(code: BuildErrorCode, message: string): Result<T, BuildError> {
  return { ok: false, error: { code, message } };
}

/** Two orders are the same when move, targets and parameters match (the engine rejects duplicates). */
export function sameOrder(a: Order, b: Order): boolean {
  return a.move === b.move && a.target === b.target && a.target2 === b.target2 && paramsKey(a.params) === paramsKey(b.params);
}

function paramsKey(p: Order["params"]): string {
  return p ? JSON.stringify(Object.entries(p).sort(([x], [y]) => x.localeCompare(y))) : "";
}

/** Adds an order to the drafts, refusing exact duplicates. */
export function addOrder(orders: Order[], order: Order): Result<Order[], BuildError> {
  if (orders.some((o) => sameOrder(o, order))) {
    return fail("build/bad_target", "That order is already in your list");
  }
  return { ok: true, value: [...orders, order] };
}

/** Removes the order at an index. */
export function removeOrder(orders: Order[], index: number): Order[] {
  return orders.filter((_, i) => i !== index);
}

/**
 * What the panel shows before lock-in: what the move does and the headline it would make, written by
 * the same shared text module as the resolved news, so the preview and the news never disagree.
 */
export function previewOrder(scenario: Scenario, seat: string, order: Order): { title: string; description: string; headline: string } {
  const move = scenario.moves[order.move];
  const targetText = [actorName(scenario, order.target), actorName(scenario, order.target2)].filter(Boolean).join(" and ");
  const paramText = Object.entries(order.params ?? {})
    .map(([name, v]) => choiceLabel(scenario, name, v, order.move))
    .join(", ");
  const title = [move?.name ?? order.move, targetText && `→ ${targetText}`, paramText && `(${paramText})`].filter(Boolean).join(" ");
  // A draft still being filled in shows "…" where a choice is missing.
  const gap = "…";
  const params = Object.fromEntries(Object.keys(move?.params ?? {}).map((name) => [name, order.params?.[name] ?? gap]));
  const filled = {
    target: move && move.target !== "none" ? order.target || gap : order.target,
    target2: move?.target === "pair" ? order.target2 || gap : order.target2,
    params,
  };
  const headline = moveHeadline(scenario, order.move, seat, filled) ?? title;
  return { title, description: move?.description ?? "", headline };
}

/** Moves grouped by category, in the scenario's category order, each group in scenario order. */
export function groupByCategory(options: MoveOption[]): { category: string; options: MoveOption[] }[] {
  const order = ["trade", "sanctions", "alignment", "security", "council"];
  const groups = new Map<string, MoveOption[]>();
  for (const o of options) {
    const list = groups.get(o.category) ?? [];
    list.push(o);
    groups.set(o.category, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => rank(order, a) - rank(order, b))
    .map(([category, opts]) => ({ category, options: opts }));
}

function rank(order: string[], c: string): number {
  const i = order.indexOf(c);
  return i < 0 ? order.length : i;
}
