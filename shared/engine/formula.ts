// Compiles one scenario formula once, tagged with where it lives, so a formula that produces
// NaN or Infinity during play throws an error naming its place in the scenario (a rule error
// the server answers by suspending the game, never a silent wrong number).
import { compileExpr, num, truthy, type NameCompiler, type Value } from "../expr/compile.ts";
import { parseExpr } from "../expr/parse.ts";

/** A compiled scenario formula over an environment E (the engine's is env.ts's Ctx). */
export type FormulaOf<E> = (env: E) => Value;

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
export function compileFormula<E>(src: string | number | boolean, where: string, names: NameCompiler<E>): FormulaOf<E> {
  if (typeof src === "number" || typeof src === "boolean") return () => src;
  const parsed = parseExpr(src);
  if (!parsed.ok) throw new RuleError(`${parsed.error.message} at offset ${parsed.error.offset} in "${src}"`, where);
  let inner: FormulaOf<E>;
  try {
    inner = compileExpr(parsed.node, names);
  } catch (e) {
    throw new RuleError(`${(e as Error).message} in "${src}"`, where);
  }
  return (ctx) => {
    let v: Value;
    try {
      v = inner(ctx);
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

/** Evaluates a formula as a number (true = 1, false = 0). */
export const evalNum = <E>(f: FormulaOf<E>, env: E): number => num(f(env));
/** Evaluates a formula as a condition. */
export const evalBool = <E>(f: FormulaOf<E>, env: E): boolean => truthy(f(env));
