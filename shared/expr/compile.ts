// Turns a parsed expression into a closure once, so the engine evaluates formulas quickly
// every turn without re-walking the tree. A NameCompiler turns names and domain functions into
// closures; pure maths functions are built in.
import type { ExprNode } from "./parse.ts";

export type Value = number | boolean | string;

/** A compiled formula: a closure over whatever environment the names were compiled for. */
export type Compiled<E> = (env: E) => Value;

/**
 * How names and domain functions become closures. The engine supplies one implementation over
 * its game state (engine/env.ts); it must handle every name the validator accepts, so a formula
 * never goes through a slower generic lookup at run time.
 */
export interface NameCompiler<E> {
  /** A dotted name such as self.stability, world.tension, param.sector, turn. */
  ref(path: readonly string[]): Compiled<E>;
  /**
   * A domain function such as relation(a, b) or treaty(a, b, "defence"). `nodes` are the
   * arguments as parsed, so an implementation may look up constant arguments once.
   */
  call(fn: string, args: readonly Compiled<E>[], nodes: readonly ExprNode[]): Compiled<E>;
}

/** Built-in maths, shared with the validator so it knows which names exist and their arity. */
export const BUILTINS: Record<string, { arity: [number, number]; fn: (...a: number[]) => number }> = {
  min: { arity: [1, 16], fn: (...a) => Math.min(...a) },
  max: { arity: [1, 16], fn: (...a) => Math.max(...a) },
  abs: { arity: [1, 1], fn: (a) => Math.abs(a) },
  exp: { arity: [1, 1], fn: (a) => Math.exp(a) },
  log: { arity: [1, 1], fn: (a) => Math.log(a) },
  sqrt: { arity: [1, 1], fn: (a) => Math.sqrt(a) },
  round: { arity: [1, 1], fn: (a) => Math.round(a) },
  floor: { arity: [1, 1], fn: (a) => Math.floor(a) },
  ceil: { arity: [1, 1], fn: (a) => Math.ceil(a) },
  clamp: { arity: [3, 3], fn: (x, lo, hi) => Math.min(hi, Math.max(lo, x)) },
};

export const num = (v: Value): number => (typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : 0);
export const truthy = (v: Value): boolean => (typeof v === "boolean" ? v : typeof v === "number" ? v !== 0 : v !== "");

export function compileExpr<E>(node: ExprNode, names: NameCompiler<E>): Compiled<E> {
  // A subtree of literals (and maths on them) has one value: it is computed once, by the same
  // closures and so with the same floating-point operations, instead of on every evaluation.
  if (node.k !== "num" && node.k !== "str" && node.k !== "bool" && isConstant(node)) {
    const v = compileTree(node, names)(undefined as E);
    return () => v;
  }
  return compileTree(node, names);
}

/** Whether a subtree reads no names: literals, operators and built-in maths over literals. */
function isConstant(node: ExprNode): boolean {
  switch (node.k) {
    case "num":
    case "str":
    case "bool":
      return true;
    case "ref":
      return false;
    case "call":
      return Object.hasOwn(BUILTINS, node.fn) && node.args.every(isConstant);
    case "neg":
    case "not":
      return isConstant(node.a);
    case "cond":
      return isConstant(node.c) && isConstant(node.a) && isConstant(node.b);
    case "bin":
      return isConstant(node.a) && isConstant(node.b);
  }
}

/** The literal value of a node, or undefined (a folded subtree is not a literal here). */
const literalOf = (node: ExprNode): Value | undefined => (node.k === "num" || node.k === "str" || node.k === "bool" ? node.v : undefined);

function compileTree<E>(node: ExprNode, names: NameCompiler<E>): Compiled<E> {
  const sub = (n: ExprNode) => compileExpr(n, names);
  switch (node.k) {
    case "num":
    case "str":
    case "bool": {
      const v = node.v;
      return () => v;
    }
    case "ref":
      return names.ref(node.path);
    case "call": {
      const args = node.args.map(sub);
      const builtin = BUILTINS[node.fn];
      if (builtin) {
        const f = builtin.fn;
        const [a0, a1] = args;
        if (args.length === 1) return (env) => f(num(a0!(env)));
        // Two arguments (min, max) without building an argument list each time.
        if (args.length === 2) {
          if (node.fn === "min") return (env) => Math.min(num(a0!(env)), num(a1!(env)));
          if (node.fn === "max") return (env) => Math.max(num(a0!(env)), num(a1!(env)));
          return (env) => f(num(a0!(env)), num(a1!(env)));
        }
        return (env) => f(...args.map((a) => num(a(env))));
      }
      return names.call(node.fn, args, node.args);
    }
    case "neg": {
      const a = sub(node.a);
      return (env) => -num(a(env));
    }
    case "not": {
      const a = sub(node.a);
      return (env) => !truthy(a(env));
    }
    case "cond": {
      const c = sub(node.c);
      const a = sub(node.a);
      const b = sub(node.b);
      return (env) => (truthy(c(env)) ? a(env) : b(env));
    }
    case "bin":
      return compileBinary(node.op, sub(node.a), sub(node.b), literalOf(node.a) ?? foldedOf(node.a, names), literalOf(node.b) ?? foldedOf(node.b, names));
  }
}

/** The value of a constant subtree that is not a literal (folded by compileExpr), or undefined. */
function foldedOf<E>(node: ExprNode, names: NameCompiler<E>): Value | undefined {
  return isConstant(node) ? compileTree(node, names)(undefined as E) : undefined;
}

/**
 * A binary operator. A literal operand (ka, kb: its value) is built into the closure, which saves
 * a call per evaluation; both operands are still evaluated in the same order with the same
 * operations, and a zero divisor still skips the dividend.
 */
function compileBinary<E>(op: string, a: Compiled<E>, b: Compiled<E>, ka?: Value, kb?: Value): Compiled<E> {
  const x = ka === undefined ? undefined : num(ka);
  const y = kb === undefined ? undefined : num(kb);
  switch (op) {
    case "+":
      if (y !== undefined) return (e) => num(a(e)) + y;
      if (x !== undefined) return (e) => x + num(b(e));
      return (e) => num(a(e)) + num(b(e));
    case "-":
      if (y !== undefined) return (e) => num(a(e)) - y;
      if (x !== undefined) return (e) => x - num(b(e));
      return (e) => num(a(e)) - num(b(e));
    case "*":
      if (y !== undefined) return (e) => num(a(e)) * y;
      if (x !== undefined) return (e) => x * num(b(e));
      return (e) => num(a(e)) * num(b(e));
    case "/":
      if (y !== undefined) return y === 0 ? () => 0 : (e) => num(a(e)) / y;
      return (e) => {
        const d = num(b(e));
        return d === 0 ? 0 : num(a(e)) / d; // a scenario never crashes on a zero denominator
      };
    case "%":
      return (e) => {
        const d = num(b(e));
        return d === 0 ? 0 : num(a(e)) % d;
      };
    case "^":
      return (e) => Math.pow(num(a(e)), num(b(e)));
    case "<":
      if (y !== undefined) return (e) => num(a(e)) < y;
      return (e) => num(a(e)) < num(b(e));
    case "<=":
      if (y !== undefined) return (e) => num(a(e)) <= y;
      return (e) => num(a(e)) <= num(b(e));
    case ">":
      if (y !== undefined) return (e) => num(a(e)) > y;
      return (e) => num(a(e)) > num(b(e));
    case ">=":
      if (y !== undefined) return (e) => num(a(e)) >= y;
      return (e) => num(a(e)) >= num(b(e));
    case "==":
      if (kb !== undefined) return (e) => a(e) === kb;
      return (e) => a(e) === b(e);
    case "!=":
      if (kb !== undefined) return (e) => a(e) !== kb;
      return (e) => a(e) !== b(e);
    case "and":
      return (e) => truthy(a(e)) && truthy(b(e));
    case "or":
      return (e) => truthy(a(e)) || truthy(b(e));
    default:
      throw new Error(`unknown operator ${op}`);
  }
}
