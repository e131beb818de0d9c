// Which actors hold an indicator: all of them, or those its `actors` list names.
import type { Scenario } from "./schema.ts";

/** True when `actor` has indicator `ind` (declared, and in its `actors` list if it has one). */
export function hasIndicator(sc: Pick<Scenario, "indicators">, actor: string, ind: string): boolean {
  const def = sc.indicators[ind];
  return def !== undefined && (def.actors === undefined || def.actors.includes(actor));
}

/** The indicators an actor holds, in the order they are declared. */
export function indicatorsOf(sc: Pick<Scenario, "indicators">, actor: string): string[] {
  return Object.keys(sc.indicators).filter((ind) => hasIndicator(sc, actor, ind));
}
