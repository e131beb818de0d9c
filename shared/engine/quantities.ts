// Reading a state the way analysis tools do: any formula of the scenario's language on a state,
// and every quantity a report or an experiment compares, by the same names the "why did this
// change?" explanations use ("CHN.gdp", "world.tension", "relation:CHN:PRK", "trade:CHN:PRK",
// "influence:PRK:CHN") plus "derived.<id>".
import { parseExpr } from "../expr/parse.ts";
import { compileExpr, type Value } from "../expr/compile.ts";
import { Ctx, vocabulary, type Formula } from "./env.ts";
import type { Compiled } from "./rules.ts";
import { influenceShare, relationValue } from "./state-read.ts";
import type { ActorId, EnvState, Result } from "./types.ts";

// Formulas asked for by text are compiled once per scenario (a memo keyed by the text).
const formulaMemo = new WeakMap<Compiled, Map<string, Result<Formula, string>>>();

function formulaOf(c: Compiled, text: string): Result<Formula, string> {
  let byText = formulaMemo.get(c);
  if (!byText) {
    byText = new Map();
    formulaMemo.set(c, byText);
  }
  let f = byText.get(text);
  if (!f) {
    const parsed = parseExpr(text);
    if (!parsed.ok) f = { ok: false, error: `${parsed.error.message} at character ${parsed.error.offset + 1}` };
    else {
      try {
        f = { ok: true, value: compileExpr(parsed.node, vocabulary(c)) };
      } catch (e) {
        f = { ok: false, error: (e as Error).message };
      }
    }
    byText.set(text, f);
  }
  return f;
}

/** Evaluates a formula on a state, with self (and target, target2) bound as given. */
export function measureCompiled(
  c: Compiled,
  st: EnvState,
  formula: string,
  bind: { self?: ActorId; target?: ActorId; target2?: ActorId } = {},
): Result<Value, string> {
  const f = formulaOf(c, formula);
  if (!f.ok) return f;
  try {
    const v = f.value(new Ctx(c, st, null, bind.self ?? "", bind.target ?? "", bind.target2 ?? ""));
    return typeof v === "number" && !Number.isFinite(v) ? { ok: false, error: `the formula produced ${String(v)}` } : { ok: true, value: v };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * Every quantity of a state, by name: each actor's indicators, world and derived values, the
 * relation of every pair that has one, the trade of every pair that trades, and each actor's
 * share of the leverage over every actor someone has leverage over.
 */
export function quantitiesCompiled(c: Compiled, st: EnvState): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of c.actorIds) for (const ind of c.indicatorIds) out[`${a}.${ind}`] = st.actors[a]?.[ind] ?? 0;
  for (const g of c.worldIds) out[`world.${g}`] = st.world[g] ?? 0;
  const ctx = new Ctx(c, st, null, "");
  for (const [id, f] of Object.entries(c.derived)) {
    const v = f(ctx);
    out[`derived.${id}`] = typeof v === "number" ? v : v === true ? 1 : 0;
  }
  for (const key of c.pairKeys) {
    const rel = st.relations[key];
    if (rel) out[`relation:${key}`] = relationValue(rel);
  }
  for (const key of c.pairKeys) if ((st.trade[key] ?? 0) > 0) out[`trade:${key}`] = st.trade[key]!;
  for (const over of c.actorIds) {
    const w = st.influence[over];
    if (!w) continue;
    for (const by of c.actorIds) if (by in w) out[`influence:${over}:${by}`] = influenceShare(st.influence, over, by, c.actorIds);
  }
  return out;
}
