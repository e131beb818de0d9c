// Which parts of a state a formula reads, found once from its text. A bot's look-ahead weighs
// hundreds of candidate orders per turn and measures a seat's objectives after each; most
// candidates change nothing an objective reads, so the look-ahead re-evaluates only objectives
// whose reads the candidate's changes touch (bot-lookahead.ts). Anything this analysis cannot pin
// down reads as "anything", which always re-evaluates: a missing case costs speed, never a number.
import { BUILTINS, compileExpr, truthy } from "../expr/compile.ts";
import { parseExpr, type ExprNode } from "../expr/parse.ts";
import { vocabulary, type Ctx } from "./env.ts";
import type { Compiled } from "./rules.ts";
import { pairKey } from "./state-read.ts";
import type { ActorId } from "./types.ts";

/**
 * One part of a state a formula may read. `key: null` means any key of that record. Names of the
 * records are those of GameState: actors[actor][key], world[key], relations[key], trade[key],
 * influence[over][any], mandates[key], and the state's own sanctions, treaties and turn.
 */
export type Read =
  | { in: "actor"; actor: ActorId; key: string }
  | { in: "world" | "relations" | "mandates"; key: string | null }
  | { in: "trade"; key: string | null }
  | { in: "influence"; over: ActorId }
  | { in: "state"; key: "sanctions" | "treaties" | "turn" }
  | { in: "anything" };

const ANYTHING: Read = { in: "anything" };

/** Per objective of `seat`, what its measure reads with self bound to the seat (memo per scenario). */
export function objectiveReads(c: Compiled, seat: ActorId): readonly (readonly Read[])[] {
  let bySeat = memo.get(c);
  if (!bySeat) {
    bySeat = new Map();
    memo.set(c, bySeat);
  }
  let reads = bySeat.get(seat);
  if (!reads) {
    reads = (c.objectives[seat] ?? []).map((o) => formulaReads(c, o.def.measure, seat));
    bySeat.set(seat, reads);
  }
  return reads;
}

const memo = new WeakMap<Compiled, Map<ActorId, Read[][]>>();

/** What a formula reads with self bound to `self` (other bindings and parameters unknown). */
export function formulaReads(c: Compiled, src: string | number | boolean, self: ActorId): Read[] {
  const out: Read[] = [];
  const parsed = parseExpr(src);
  if (!parsed.ok) return [ANYTHING];
  walk(c, parsed.node, self, out, new Set());
  return out;
}

function walk(c: Compiled, n: ExprNode, self: ActorId, out: Read[], derived: Set<string>): void {
  switch (n.k) {
    case "num":
    case "str":
    case "bool":
      return;
    case "neg":
    case "not":
      walk(c, n.a, self, out, derived);
      return;
    case "bin":
      walk(c, n.a, self, out, derived);
      walk(c, n.b, self, out, derived);
      return;
    case "cond":
      walk(c, n.c, self, out, derived);
      walk(c, n.a, self, out, derived);
      walk(c, n.b, self, out, derived);
      return;
    case "ref":
      refReads(c, n.path, self, out, derived);
      return;
    case "call":
      for (const a of n.args) walk(c, a, self, out, derived);
      // Maths (min, max, exp, ...) reads nothing but its arguments.
      if (!Object.hasOwn(BUILTINS, n.fn)) callReads(n.fn, n.args.map((a) => actorOf(c, a, self)), out);
      return;
  }
}

/** The actor (or text) an argument always stands for with self bound, or undefined. */
function actorOf(c: Compiled, n: ExprNode, self: ActorId): string | undefined {
  if (n.k === "str") return n.v;
  if (n.k !== "ref" || n.path.length !== 1) return undefined;
  const name = n.path[0]!;
  if (name === "self") return self;
  return c.actorSet.has(name) && !BOUND.has(name) ? name : undefined;
}

/** Bare names the vocabulary reads before actor ids. */
const BOUND = new Set(["self", "target", "target2", "other", "turn", "turns", "progress"]);

function refReads(c: Compiled, path: readonly string[], self: ActorId, out: Read[], derived: Set<string>): void {
  const head = path[0]!;
  if (path.length === 1) {
    if (head === "turn" || head === "progress") out.push({ in: "state", key: "turn" });
    else if (head === "target" || head === "target2" || head === "other") out.push(ANYTHING);
    return;
  }
  const key = path[1]!;
  switch (head) {
    case "world":
      out.push({ in: "world", key });
      return;
    case "derived": {
      const d = c.scenario.derived[key];
      if (!d || derived.has(key)) {
        out.push(ANYTHING);
        return;
      }
      derived.add(key);
      const parsed = parseExpr(d.formula);
      if (parsed.ok) walk(c, parsed.node, self, out, derived);
      else out.push(ANYTHING);
      derived.delete(key);
      return;
    }
    case "param":
      out.push(ANYTHING);
      return;
    default: {
      const actor = head === "self" ? self : c.actorSet.has(head) && !BOUND.has(head) ? head : undefined;
      out.push(actor === undefined ? ANYTHING : { in: "actor", actor, key });
    }
  }
}

function callReads(fn: string, args: readonly (string | undefined)[], out: Read[]): void {
  const [a, b] = args;
  switch (fn) {
    case "relation":
      out.push({ in: "relations", key: a !== undefined && b !== undefined ? pairKey(a, b) : null });
      return;
    case "trade":
      out.push({ in: "trade", key: a !== undefined && b !== undefined ? pairKey(a, b) : null });
      return;
    case "tradeTotal":
      out.push({ in: "trade", key: null });
      return;
    case "influence":
      out.push(a !== undefined ? { in: "influence", over: a } : ANYTHING);
      return;
    case "sanctioned":
    case "sanctionsOn":
      out.push({ in: "state", key: "sanctions" });
      return;
    case "treaty":
      out.push({ in: "state", key: "treaties" });
      return;
    case "mandate":
      out.push({ in: "mandates", key: a ?? null });
      return;
    case "bloc":
    case "isSeat":
    case "onCouncil":
    case "permanent":
      // The scenario's own lists: no state is read.
      return;
    default:
      // moved, voted, fired and anything new.
      out.push(ANYTHING);
  }
}

/**
 * The top-level `and` terms of a formula that read no state at all (only bindings, parameters,
 * literals and the scenario's own lists), compiled as one test; null when there are none. Such a
 * term that is false for an order's bindings is false in every state, so the order can never pass.
 */
export function stateFreeTest(c: Compiled, src: string | number | boolean): ((ctx: Ctx) => boolean) | null {
  const parsed = parseExpr(src);
  if (!parsed.ok) return null;
  const terms: ExprNode[] = [];
  const split = (n: ExprNode): void => {
    if (n.k === "bin" && n.op === "and") {
      split(n.a);
      split(n.b);
    } else if (stateFree(n)) terms.push(n);
  };
  split(parsed.node);
  if (terms.length === 0) return null;
  const names = vocabulary(c);
  const tests = terms.map((t) => compileExpr(t, names));
  return (ctx) => tests.every((f) => truthy(f(ctx)));
}

/** Whether a formula's value depends on its bindings and the scenario alone (a whitelist). */
function stateFree(n: ExprNode): boolean {
  switch (n.k) {
    case "num":
    case "str":
    case "bool":
      return true;
    case "neg":
    case "not":
      return stateFree(n.a);
    case "bin":
      return stateFree(n.a) && stateFree(n.b);
    case "cond":
      return stateFree(n.c) && stateFree(n.a) && stateFree(n.b);
    case "ref": {
      const head = n.path[0]!;
      if (n.path.length === 1) return head !== "turn" && head !== "progress";
      return head === "param" && n.path.length === 2;
    }
    case "call":
      return (Object.hasOwn(BUILTINS, n.fn) || SCENARIO_LISTS.has(n.fn)) && n.args.every((a) => stateFree(a));
  }
}

/** Domain functions that read the scenario's lists, never the state. */
const SCENARIO_LISTS = new Set(["isSeat", "onCouncil", "permanent", "bloc"]);
