// Compiles one scenario formula once, tagged with where it lives, so a formula that produces
// NaN or Infinity during play throws an error naming its place in the scenario (a rule error
// the server answers by suspending the game, never a silent wrong number).
import { compileExpr, num, truthy, type CompileHooks, type ExprEnv, type Value } from "../expr/compile.ts";
import { parseExpr } from "../expr/parse.ts";

export type Formula = (env: ExprEnv) => Value;

/** Thrown when a formula misbehaves during play; `where` is its path in the scenario. */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly where: string,
  ) {
    super(`${where}: ${message}`);
    this.name = "RuleError";
  }
}

/** Compiles a formula (already validated); throws a RuleError if it does not parse. */
export function compileFormula(src: string | number | boolean, where: string, hooks?: CompileHooks): Formula {
  if (typeof src === "number" || typeof src === "boolean") return () => src;
  const parsed = parseExpr(src);
  if (!parsed.ok) throw new RuleError(`${parsed.error.message} at offset ${parsed.error.offset} in "${src}"`, where);
  const inner = compileExpr(parsed.node, hooks ?? currentHooks);
  return (env) => {
    let v: Value;
    try {
      v = inner(env);
    } catch (e) {
      if (e instanceof RuleError) throw e;
      throw new RuleError(`${(e as Error).message} in "${src}"`, where);
    }
    if (typeof v === "number" && !Number.isFinite(v)) {
      throw new RuleError(`the formula "${src}" produced ${String(v)}`, where);
    }
    return v;
  };
}

// The hooks of the scenario being compiled (set by compileScenario around its compilation), so the
// effect compilers need not thread them through every call.
let currentHooks: CompileHooks | undefined;

/** Runs `f` with these hooks applied to every formula compiled meanwhile. */
export function withHooks<T>(hooks: CompileHooks, f: () => T): T {
  const prev = currentHooks;
  currentHooks = hooks;
  try {
    return f();
  } finally {
    currentHooks = prev;
  }
}

/** Evaluates a formula as a number (true = 1, false = 0). */
export const evalNum = (f: Formula, env: ExprEnv): number => num(f(env));
/** Evaluates a formula as a condition. */
export const evalBool = (f: Formula, env: ExprEnv): boolean => truthy(f(env));
