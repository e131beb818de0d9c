// Turns a parsed expression into a closure once, so the engine evaluates formulas quickly
// every turn without re-walking the tree. The environment supplies names and domain functions;
// pure maths functions are built in.
import type { ExprNode } from "./parse.ts";

export type Value = number | boolean | string;

/** What an expression can see. The engine implements it over the game state. */
export interface ExprEnv {
  /** A dotted name such as self.stability, world.tension, param.sector, turn. */
  ref(path: readonly string[]): Value;
  /** A domain function such as relation(a, b) or treaty(a, b, "defence"). */
  call(fn: string, args: Value[]): Value;
}

export type Compiled = (env: ExprEnv) => Value;

/**
 * Optional specialisations an environment can offer at compile time: a closure for a reference
 * or a call that skips the generic ref/call dispatch. Returning undefined keeps the generic path.
 */
export interface CompileHooks {
  ref?(path: readonly string[]): Compiled | undefined;
  call?(fn: string, args: readonly Compiled[]): Compiled | undefined;
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

export function compileExpr(node: ExprNode, hooks?: CompileHooks): Compiled {
  const sub = (n: ExprNode) => compileExpr(n, hooks);
  switch (node.k) {
    case "num":
    case "str":
    case "bool": {
      const v = node.v;
      return () => v;
    }
    case "ref": {
      const path = node.path;
      return hooks?.ref?.(path) ?? ((env) => env.ref(path));
    }
    case "call": {
      const args = node.args.map(sub);
      const builtin = BUILTINS[node.fn];
      if (builtin) {
        const f = builtin.fn;
        if (args.length === 1) {
          const a0 = args[0]!;
          return (env) => f(num(a0(env)));
        }
        return (env) => f(...args.map((a) => num(a(env))));
      }
      const fn = node.fn;
      const special = hooks?.call?.(fn, args);
      if (special) return special;
      const n = args.length;
      return (env) => {
        const values: Value[] = new Array<Value>(n);
        for (let i = 0; i < n; i++) values[i] = args[i]!(env);
        return env.call(fn, values);
      };
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
      return compileBinary(node.op, sub(node.a), sub(node.b));
  }
}

function compileBinary(op: string, a: Compiled, b: Compiled): Compiled {
  switch (op) {
    case "+":
      return (e) => num(a(e)) + num(b(e));
    case "-":
      return (e) => num(a(e)) - num(b(e));
    case "*":
      return (e) => num(a(e)) * num(b(e));
    case "/":
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
      return (e) => num(a(e)) < num(b(e));
    case "<=":
      return (e) => num(a(e)) <= num(b(e));
    case ">":
      return (e) => num(a(e)) > num(b(e));
    case ">=":
      return (e) => num(a(e)) >= num(b(e));
    case "==":
      return (e) => a(e) === b(e);
    case "!=":
      return (e) => a(e) !== b(e);
    case "and":
      return (e) => truthy(a(e)) && truthy(b(e));
    case "or":
      return (e) => truthy(a(e)) || truthy(b(e));
    default:
      throw new Error(`unknown operator ${op}`);
  }
}
