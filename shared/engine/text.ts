// Fills headline and briefing templates: {self}, {target}, {target2}, {param.x} become names.
import type { Scenario } from "../scenario/schema.ts";
import type { ActorId, ParamValue } from "./types.ts";

/** The display name of an actor id (its short name if it has one), or the id itself. */
export function actorName(scenario: Scenario, id: string): string {
  const a = scenario.actors[id];
  return a ? (a.short ?? a.name) : id;
}

/** Replaces {self}, {target}, {target2}, {other} and {param.<name>} in a template. */
export function fillText(
  scenario: Scenario,
  template: string,
  self: ActorId,
  target = "",
  target2 = "",
  params: Readonly<Record<string, ParamValue>> = {},
  other = "",
): string {
  return template.replace(/\{(self|target2|target|other|param\.[A-Za-z0-9_]+)\}/g, (_, name: string) => {
    if (name === "self") return actorName(scenario, self);
    if (name === "target") return actorName(scenario, target);
    if (name === "target2") return actorName(scenario, target2);
    if (name === "other") return actorName(scenario, other);
    const v = params[name.slice(6)];
    return v === undefined ? "" : actorName(scenario, String(v));
  });
}
