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
  const parts = partsOf(scenario, template);
  let out = "";
  for (const p of parts) {
    if (typeof p === "string") out += p;
    else if ("param" in p) {
      const v = params[p.param];
      out += v === undefined ? "" : actorName(scenario, String(v));
    } else out += actorName(scenario, p.slot === "self" ? self : p.slot === "target" ? target : p.slot === "target2" ? target2 : other);
  }
  return out;
}

/** A template cut once into text, bindings and parameters. */
type Part = string | { slot: "self" | "target" | "target2" | "other" } | { param: string };

const SLOT = /\{(self|target2|target|other|param\.[A-Za-z0-9_]+)\}/g;

// Templates are the scenario's own text: each is cut once per scenario (a memo).
const templates = new WeakMap<Scenario, Map<string, Part[]>>();

function partsOf(scenario: Scenario, template: string): Part[] {
  let byText = templates.get(scenario);
  if (!byText) {
    byText = new Map();
    templates.set(scenario, byText);
  }
  let parts = byText.get(template);
  if (!parts) {
    parts = [];
    let at = 0;
    for (const m of template.matchAll(SLOT)) {
      if (m.index > at) parts.push(template.slice(at, m.index));
      const name = m[1]!;
      parts.push(name.startsWith("param.") ? { param: name.slice(6) } : { slot: name as "self" | "target" | "target2" | "other" });
      at = m.index + m[0].length;
    }
    if (at < template.length) parts.push(template.slice(at));
    byText.set(template, parts);
  }
  return parts;
}
