// Is an order legal, and submitting a seat's orders. "Is it legal?" is kept apart from "apply it"
// (resolve.ts): these functions only read, and return a Result with a namespaced code, never throw.
import { Ctx } from "./env.ts";
import { evalBool } from "./formula.ts";
import { lowerFirstWord } from "./text.ts";
import type { CMove, Compiled } from "./rules.ts";
import type { ActorId, EngineError, EnvState, ErrorCode, GameState, LegalityInput, MoveOption, Order, ParamValue, Result } from "./types.ts";

export const OK: Result<void> = { ok: true, value: undefined };
export const fail = <T = void>(code: ErrorCode, message: string): Result<T> => ({ ok: false, error: { code, message } });

/** Political capital the seat has committed this turn: its orders plus the proposals it made. */
export function spentBy(c: Compiled, st: Pick<LegalityInput, "orders" | "proposals" | "turn">, seat: ActorId): number {
  let spent = 0;
  for (const o of st.orders[seat] ?? []) spent += c.moves[o.move]?.def.cost ?? 0;
  for (const p of st.proposals) if (p.from === seat && p.turn === st.turn) spent += c.moves[p.order.move]?.def.cost ?? 0;
  return spent;
}

/** A canonical text of an order, to spot duplicates. */
export function orderKey(o: Order): string {
  const params = o.params ? Object.keys(o.params).sort().map((k) => `${k}=${String(o.params![k])}`).join("&") : "";
  return `${o.move}|${o.target ?? ""}|${o.target2 ?? ""}|${params}`;
}

/** Checks one order for a seat: move, seat, targets, params and requirements (not budget totals). */
export function checkOrder(c: Compiled, st: EnvState, seat: ActorId, order: Order): Result<void> {
  try {
    return checkOrderUnsafe(c, st, seat, order);
  } catch (e) {
    // A broken formula is a scenario bug, but player input must never throw.
    return fail("order/requirement", `This move cannot be checked: ${(e as Error).message}`);
  }
}

function checkOrderUnsafe(c: Compiled, st: EnvState, seat: ActorId, order: Order): Result<void> {
  if (st.phase === "over") return fail("game/over", "The game is over.");
  if (!c.seatSet.has(seat)) return fail("seat/unknown", `There is no playable seat '${seat}'.`);
  const m = typeof order?.move === "string" ? c.moves[order.move] : undefined;
  if (!m || !Object.hasOwn(c.moves, order.move)) return fail("order/unknown_move", `There is no move '${String(order?.move)}'.`);
  const def = m.def;
  if (m.allowed && !m.allowed.has(seat)) return fail("order/not_allowed", `${def.name} is not available to ${seat}.`);
  if (def.accept === "council" && c.council.length === 0) return fail("order/not_allowed", "This scenario has no Security Council.");
  if (def.cost > c.scenario.turns.budget) return fail("order/over_budget", `${def.name} costs more than a whole turn's capital.`);
  const t = checkTargets(c, m, st, seat, order);
  if (!t.ok) return t;
  const p = checkParams(m, order.params);
  if (!p.ok) return p;
  const ctx = new Ctx(c, st, null, seat, order.target ?? "", order.target2 ?? "", order.params);
  for (const r of m.requires) if (!evalBool(r.when, ctx)) return fail("order/requirement", r.otherwise);
  return OK;
}

function checkTargets(c: Compiled, m: CMove, st: EnvState, seat: ActorId, order: Order): Result<void> {
  const kind = m.def.target;
  const { target, target2 } = order;
  if (kind === "none") {
    if (target !== undefined || target2 !== undefined) return fail("order/bad_target", `${m.def.name} takes no target.`);
    return OK;
  }
  if (!isActorId(c, target)) return fail("order/bad_target", `${m.def.name} needs a target country.`);
  if (target === seat) return fail("order/bad_target", `${m.def.name} cannot target yourself.`);
  if (kind === "actor" && target2 !== undefined) return fail("order/bad_target", `${m.def.name} takes one target.`);
  if (kind === "pair") {
    if (!isActorId(c, target2)) return fail("order/bad_target", `${m.def.name} needs a second target country.`);
    if (target2 === seat || target2 === target) return fail("order/bad_target", `${m.def.name} needs two other, different countries.`);
  }
  if (m.def.accept === "target" && !c.seatSet.has(target)) {
    return fail("order/bad_target", `${m.def.name} needs the consent of a seat; ${target} is not played.`);
  }
  if (m.targets) {
    const ctx = new Ctx(c, st, null, seat, target, target2 ?? "", order.params);
    if (!evalBool(m.targets, ctx)) {
      const why = m.def.targetsOtherwise;
      return fail("order/bad_target", `${m.def.name} cannot target ${target}${target2 ? ` and ${target2}` : ""}${why ? `: ${lowerFirstWord(why)}` : "."}`);
    }
  }
  return OK;
}

function isActorId(c: Compiled, x: unknown): x is string {
  return typeof x === "string" && c.actorSet.has(x);
}

function checkParams(m: CMove, params: Order["params"]): Result<void> {
  const given = params ?? {};
  if (typeof given !== "object") return fail("order/bad_param", "Parameters must be an object.");
  for (const k of Object.keys(given)) {
    if (!m.params.some((p) => p.name === k)) return fail("order/bad_param", `${m.def.name} has no parameter '${k}'.`);
  }
  for (const p of m.params) {
    const v = given[p.name];
    if (v === undefined) return fail("order/bad_param", `${m.def.name} needs a choice for '${p.name}'.`);
    if (!p.choices.includes(v)) return fail("order/bad_param", `'${String(v)}' is not a choice for '${p.name}'.`);
  }
  return OK;
}

/** Replaces a seat's orders for this turn after checking each, their duplicates and their total cost. */
export function submitOrdersCompiled(c: Compiled, st: GameState, seat: ActorId, orders: Order[]): Result<GameState> {
  if (st.phase === "over") return fail("game/over", "The game is over.");
  if (!c.seatSet.has(seat)) return fail("seat/unknown", `There is no playable seat '${seat}'.`);
  if (st.locked[seat]) return fail("order/locked", "Your orders are locked in; unlock them first.");
  if (!Array.isArray(orders)) return fail("order/unknown_move", "Orders must be a list.");
  const seen = new Set<string>();
  let cost = 0;
  for (const o of orders) {
    const r = checkOrder(c, st, seat, o);
    if (!r.ok) return r;
    const m = c.moves[o.move]!;
    if (m.def.accept !== "none") return fail("order/is_proposal", `${m.def.name} needs consent: propose it instead.`);
    const key = orderKey(o);
    if (seen.has(key)) return fail("order/duplicate", `${m.def.name} is ordered twice with the same target.`);
    seen.add(key);
    cost += m.def.cost;
  }
  const fromProposals = spentBy(c, { orders: {}, proposals: st.proposals, turn: st.turn }, seat);
  const budget = c.scenario.turns.budget;
  if (cost + fromProposals > budget) {
    return fail("order/over_budget", `These orders cost ${cost + fromProposals} political capital; you have ${budget}.`);
  }
  return { ok: true, value: { ...st, orders: { ...st.orders, [seat]: orders.map(copyOrder) } } };
}

/** A clean copy of an order (only the known fields), so callers cannot alias state. */
export function copyOrder(o: Order): Order {
  const out: Order = { move: o.move };
  if (o.target !== undefined) out.target = o.target;
  if (o.target2 !== undefined) out.target2 = o.target2;
  if (o.params !== undefined) out.params = { ...o.params };
  return out;
}

/** Locks or unlocks a seat's orders. */
export function setLockedCompiled(c: Compiled, st: GameState, seat: ActorId, locked: boolean): Result<GameState> {
  if (st.phase === "over") return fail("game/over", "The game is over.");
  if (!c.seatSet.has(seat)) return fail("seat/unknown", `There is no playable seat '${seat}'.`);
  return { ok: true, value: { ...st, locked: { ...st.locked, [seat]: locked } } };
}

/** Every combination of a move's parameter choices, in declaration order ([{}] without parameters). */
export function paramCombos(params: readonly { name: string; choices: readonly ParamValue[] }[]): Record<string, ParamValue>[] {
  let combos: Record<string, ParamValue>[] = [{}];
  for (const p of params) combos = combos.flatMap((c) => p.choices.map((v) => ({ ...c, [p.name]: v })));
  return combos;
}

const withParams = (order: Order, params: Record<string, ParamValue>): Order =>
  Object.keys(params).length > 0 ? { ...order, params } : order;

/**
 * Every move a seat may use, with each target and, where illegal, why. It asks checkOrder about
 * every parameter combination (and, for two-target moves, every second target), so it never
 * calls a legal order illegal nor the reverse: a target is legal when some combination is, and
 * `paramSets` lists the legal combinations.
 */
export function moveOptionsCompiled(c: Compiled, st: LegalityInput, seat: ActorId): MoveOption[] {
  if (!c.seatSet.has(seat)) return [];
  const left = c.scenario.turns.budget - spentBy(c, st, seat);
  const out: MoveOption[] = [];
  for (const m of c.moveList) {
    const def = m.def;
    if (m.allowed && !m.allowed.has(seat)) continue;
    if (def.accept === "council" && c.council.length === 0) continue;
    const params: MoveOption["params"] = {};
    for (const p of m.params) params[p.name] = { label: def.params![p.name]!.label, choices: p.choices };
    const combos = paramCombos(m.params);
    /** The legal parameter sets for these targets, or the first reason none is. */
    const legalSets = (base: Order): { sets: Record<string, ParamValue>[]; reason?: string } => {
      const sets: Record<string, ParamValue>[] = [];
      let reason: string | undefined;
      for (const p of combos) {
        const r = checkOrder(c, st, seat, withParams(base, p));
        if (r.ok) sets.push(p);
        else reason ??= r.error.message;
      }
      return sets.length > 0 ? { sets } : { sets, reason: reason ?? "No valid choice." };
    };
    // The move's own `targets` rule, checked first: a target it rules out for every parameter
    // choice is listed with the rule's reason in the author's words, not the move's name again.
    const rule = m.targets;
    const ruledOut = (a: ActorId, b = ""): boolean => !!rule && combos.every((p) => !evalBool(rule, new Ctx(c, st, null, seat, a, b, p)));
    const notTarget = def.targetsOtherwise ?? "Not a valid target now.";
    const targets: MoveOption["targets"] = [];
    let reason: string | undefined;
    let paramSets: Record<string, ParamValue>[] | undefined;
    if (def.target !== "none") {
      for (const a of c.actorIds) {
        if (a === seat) continue;
        if (def.target === "actor") {
          if (ruledOut(a)) {
            targets.push({ id: a, legal: false, reason: notTarget });
            continue;
          }
          const found = legalSets({ move: m.id, target: a });
          if (found.sets.length === 0) targets.push({ id: a, legal: false, reason: found.reason ?? "Not a valid target." });
          else targets.push(m.params.length > 0 ? { id: a, legal: true, paramSets: found.sets } : { id: a, legal: true });
          continue;
        }
        // A first target of a two-target move is legal when some second target makes a legal order.
        const seconds: NonNullable<MoveOption["targets"][number]["seconds"]> = [];
        let why: string | undefined;
        for (const b of c.actorIds) {
          if (b === seat || b === a) continue;
          if (ruledOut(a, b)) {
            why ??= notTarget;
            continue;
          }
          const r = legalSets({ move: m.id, target: a, target2: b });
          if (r.sets.length === 0) why ??= r.reason;
          else seconds.push(m.params.length > 0 ? { id: b, paramSets: r.sets } : { id: b });
        }
        targets.push(seconds.length > 0 ? { id: a, legal: true, seconds } : { id: a, legal: false, reason: why ?? "Not a valid target." });
      }
      // No target at all: the first reason other than the rule's, or the rule's, said of the move.
      if (!targets.some((t) => t.legal)) {
        const other = targets.find((t) => t.reason !== notTarget)?.reason;
        reason = other ?? (def.targetsOtherwise ? `No valid target this turn: ${lowerFirstWord(def.targetsOtherwise)}` : "No valid target this turn.");
      }
    } else {
      const r = legalSets({ move: m.id });
      if (r.sets.length === 0) reason = r.reason;
      else if (m.params.length > 0) paramSets = r.sets;
    }
    if (st.phase === "over") reason = "The game is over.";
    else if (st.locked[seat]) reason = "Your orders are locked in.";
    else if (def.cost > left) reason = `Costs ${def.cost} political capital; you have ${left} left.`;
    const opt: MoveOption = {
      move: m.id,
      name: def.name,
      category: def.category,
      cost: def.cost,
      accept: def.accept,
      covert: def.visibility === "covert",
      available: reason === undefined,
      targets,
      params,
    };
    if (paramSets) opt.paramSets = paramSets;
    if (reason !== undefined) opt.reason = reason;
    out.push(opt);
  }
  return out;
}

export type { EngineError };
