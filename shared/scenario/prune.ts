// When a file has structural errors, the semantic checks still run on what is left: each broken
// entry is dropped (a whole move, actor or event; a whole optional section) or, for a required
// top-level field, replaced by a neutral stand-in. Ids that were in the file stay "known", so a
// dropped entry does not cause a cascade of "unknown id" errors.
import type { z } from "zod";
import { Effect, Scenario } from "./schema.ts";
import type { Declared } from "./validate-context.ts";
import { defOf, isPlainObject, objectKeys, schemaAt, unwrap, valueAt } from "./schema-walk.ts";
import { closest } from "./suggest.ts";

/** Neutral values for required top-level fields; the semantic checks never read them. */
const STAND_INS: Record<string, unknown> = {
  id: "scenario",
  title: "scenario",
  summary: "",
  start: "2000-01",
  turns: { count: 1, budget: 1 },
  sectors: ["sector"],
  indicators: {},
  actors: {},
  moves: {},
  objectives: {},
};

type Path = readonly (string | number)[];

/** Removes (or stands in for) the part of `data` a zod issue path points into. Mutates `data`. */
function prune(data: Record<string, unknown>, path: Path): void {
  const top = path[0];
  if (typeof top !== "string") return;
  // A broken effect becomes an empty headline, so the other effects of its list keep their
  // indices (and their error paths) and are still checked.
  for (let k = path.length; k >= 1; k--) {
    const s = schemaAt(Scenario, path.slice(0, k), data);
    const list = valueAt(data, path.slice(0, k - 1));
    const index = path[k - 1];
    if (s === Effect && Array.isArray(list) && typeof index === "number") {
      list[index] = { news: "" };
      return;
    }
  }
  // A misspelt key, or a wrong value where the field may be left out: mend or drop just that
  // field, so the rest of its move, event or objective is still checked ("cost: two" must not
  // hide an unknown actor in the same move).
  if (path.length > 2) {
    const field = path[path.length - 1];
    const parent = valueAt(data, path.slice(0, -1));
    const s = schemaAt(Scenario, path, data);
    const kind = s ? defOf(s).type : undefined;
    if (typeof field === "string" && isPlainObject(parent) && s === undefined) {
      // Read "plyable: true" as the "playable: true" the error suggests, or its seat's objectives
      // would be reported as a second, false mistake.
      const meant = closest(field, objectKeys(schemaAt(Scenario, path.slice(0, -1), data)));
      if (meant !== undefined && !(meant in parent)) parent[meant] = parent[field];
      delete parent[field];
      return;
    }
    if (typeof field === "string" && isPlainObject(parent) && (kind === "optional" || kind === "default")) {
      delete parent[field];
      return;
    }
    // A required number or yes/no: a neutral stand-in, which no semantic check reads as a mistake.
    const neutral = s && { number: 0, boolean: false }[defOf(unwrap(s)).type as string];
    if (typeof field === "string" && isPlainObject(parent) && neutral !== undefined) {
      parent[field] = neutral;
      return;
    }
  }
  // The shallowest record entry under the top level (moves.x, actors.y, events.z, objectives.w).
  for (let k = 1; k < path.length; k++) {
    const parentSchema = schemaAt(Scenario, path.slice(0, k), data);
    if (parentSchema && defOf(unwrap(parentSchema)).type === "record") {
      const parent = valueAt(data, path.slice(0, k));
      if (isPlainObject(parent)) delete parent[String(path[k])];
      return;
    }
  }
  if (top === "sectors" && Array.isArray(data.sectors)) {
    // Keep the sectors that are fine, so references to them are still recognised.
    const ok = data.sectors.filter((x): x is string => typeof x === "string" && /^[A-Za-z][A-Za-z0-9_]*$/.test(x));
    data.sectors = ok.length > 0 ? ok : structuredClone(STAND_INS.sectors);
  } else if (top in STAND_INS) data[top] = structuredClone(STAND_INS[top]);
  else delete data[top];
}

/** The issue's path, or for unknown keys the path of each unknown key. */
function issuePaths(issue: z.core.$ZodIssue): Path[] {
  const base = issue.path as (string | number)[];
  return issue.code === "unrecognized_keys" ? issue.keys.map((k) => [...base, k]) : [base];
}

/** A best-effort valid scenario from structurally broken data, or undefined if none can be made. */
export function salvage(data: unknown): Scenario | undefined {
  if (!isPlainObject(data)) return undefined;
  const copy = structuredClone(data);
  for (let round = 0; round < 6; round++) {
    const r = Scenario.safeParse(copy);
    if (r.success) return r.data;
    for (const issue of r.error.issues) for (const p of issuePaths(issue)) prune(copy, p);
  }
  return undefined;
}

/** Ids present in the raw file, valid or not, so dropped entries still count as declared. */
export function rawIds(data: unknown): Partial<Record<keyof Declared, string[]>> {
  if (!isPlainObject(data)) return {};
  const keys = (v: unknown) => (isPlainObject(v) ? Object.keys(v) : []);
  const council = isPlainObject(data.council) ? data.council : {};
  return {
    actors: keys(data.actors),
    indicators: keys(data.indicators),
    world: keys(data.world),
    derived: keys(data.derived),
    moves: keys(data.moves),
    events: keys(data.events),
    mandates: keys(council.mandates),
    objectives: keys(data.objectives),
    sectors: Array.isArray(data.sectors) ? data.sectors.filter((x): x is string => typeof x === "string") : [],
  };
}
