// Which actors hold an indicator: all of them, or those its `actors` list names.
import type { Scenario } from "./schema.ts";

/** True when `actor` has indicator `ind` (declared, and in its `actors` list if it has one). */
export function hasIndicator(sc: Pick<Scenario, "indicators">, actor: string, ind: string): boolean {
  const def = sc.indicators[ind];
  return def !== undefined && (def.actors === undefined || def.actors.includes(actor));
}

/** True when a player is shown `ind` for `actor`: held, and not a `reference` figure of the model. */
export function showsIndicator(sc: Pick<Scenario, "indicators">, actor: string, ind: string): boolean {
  return hasIndicator(sc, actor, ind) && !sc.indicators[ind]!.reference;
}

/** The indicators an actor holds, in the order they are declared. */
export function indicatorsOf(sc: Pick<Scenario, "indicators">, actor: string): string[] {
  return Object.keys(sc.indicators).filter((ind) => hasIndicator(sc, actor, ind));
}
