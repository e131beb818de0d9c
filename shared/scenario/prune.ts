// When a file has structural errors, the semantic checks still run on what is left: each broken
// part is mended at its own level, never more: a misspelt key read as the key it suggests, an
// optional field dropped, a required value (a field, a list item, an effect) replaced by a
// neutral stand-in, a named entry (a move's parameter, an actor's indicator value, a whole move)
// dropped. Checks never report at a stand-in, and ids that were in the file stay "known", so a
// broken entry does not cause a cascade of "unknown id" errors.
import type { z } from "zod";
import { Effect, Scenario } from "./schema.ts";
import type { Declared, SalvageNotes } from "./validate-context.ts";
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

/** What an id looks like (schema.ts `Id`). */
const ID = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The id that stands in for one the author wrote wrongly; checks never report at a stand-in. */
const STAND_IN_ID = "stand_in";

/**
 * A stand-in the schema accepts: 0 or false where allowed, else its lower or upper limit ("points:
 * 0" becomes 1, since points must be more than 0; a stand-in the schema refused again would leave
 * nothing to check); empty text, a placeholder id or month, the first choice of a fixed set, and
 * for a list, a pair or an entry (a relation, an objective) one built of such stand-ins. Undefined
 * when none fits.
 */
function neutralFor(s: z.ZodType, depth = 0): unknown {
  if (depth > 4) return undefined;
  const inner = unwrap(s);
  const d = defOf(inner);
  const n = inner as unknown as { minValue?: number | null; maxValue?: number | null; options?: unknown[] };
  const lo = n.minValue;
  const hi = n.maxValue;
  const candidates: unknown[] = [0, false, 1, lo, typeof lo === "number" ? Math.floor(lo) + 1 : undefined, hi, typeof hi === "number" ? Math.ceil(hi) - 1 : undefined, "", STAND_IN_ID, "2000-01"];
  if (d.type === "enum") candidates.push(n.options?.[0]);
  if (d.type === "literal") candidates.push(d.values?.[0]);
  if (d.type === "union") candidates.push(...(d.options ?? []).map((o) => neutralFor(o, depth + 1)));
  if (d.type === "tuple") candidates.push(d.items?.map((item) => neutralFor(item, depth + 1)));
  if (d.type === "array" && d.element) {
    const item = neutralFor(d.element, depth + 1);
    candidates.push([], [item], [item, item]);
  }
  if (d.type === "object" && d.shape) {
    const required = Object.entries(d.shape).filter(([, f]) => !["optional", "default"].includes(defOf(f).type));
    candidates.push(Object.fromEntries(required.map(([k, f]) => [k, neutralFor(f, depth + 1)])));
  }
  return candidates.find((c) => c !== undefined && c !== null && s.safeParse(c).success);
}

/** What `prune` did at a path: left it out (or mended a misspelt key), or put a stand-in there. */
interface Pruned {
  path: Path;
  /** True when the value now at `path` is the salvage's, not the author's: nothing is reported there. */
  standIn: boolean;
}

/** Removes (or stands in for) the part of `data` a zod issue path points into. Mutates `data`. */
function prune(data: Record<string, unknown>, path: Path): Pruned | undefined {
  const top = path[0];
  if (typeof top !== "string") return undefined;
  // A misspelt key, or a wrong value where the field may be left out: mend or drop just that
  // field, so the rest of its move, event, objective or effect is still checked ("cost: two" must
  // not hide an unknown actor in the same move).
  if (path.length >= 2) {
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
      return meant === undefined ? undefined : { path: [...path.slice(0, -1), meant], standIn: false };
    }
    if (typeof field === "string" && isPlainObject(parent) && (kind === "optional" || kind === "default")) {
      delete parent[field];
      return { path, standIn: false };
    }
    // A required value (a number, a yes/no, a text, a list, a choice; an item of a list such as
    // mapIds, relations or objectives, so the items after it keep their places): a stand-in the
    // schema accepts, which the semantic checks skip. An entry of a mapping of named entries (an
    // actor's indicator value, a move's parameter) is left out below instead: its name stays
    // known, so its uses are not reported again.
    const parentSchema = schemaAt(Scenario, path.slice(0, -1), data);
    const inRecord = parentSchema !== undefined && defOf(unwrap(parentSchema)).type === "record";
    // Sectors are declared by the list itself: a stand-in there would be a sector (see below).
    const neutral = s && s !== Effect && !inRecord && top !== "sectors" ? neutralFor(s) : undefined;
    if (neutral !== undefined && ((typeof field === "string" && isPlainObject(parent)) || (typeof field === "number" && Array.isArray(parent)))) {
      (parent as Record<string | number, unknown>)[field] = neutral;
      return { path, standIn: true };
    }
  }
  const effect = standInEffect(data, path);
  if (effect) return effect;
  // The deepest named entry the path goes through: a move's parameter (moves.x.params.y), an
  // actor's indicator value, an event's option, else the move, actor, event or seat's objectives.
  for (let k = path.length - 1; k >= 1; k--) {
    const parentSchema = schemaAt(Scenario, path.slice(0, k), data);
    if (parentSchema && defOf(unwrap(parentSchema)).type === "record") {
      const parent = valueAt(data, path.slice(0, k));
      if (isPlainObject(parent)) delete parent[String(path[k])];
      return { path: path.slice(0, k + 1), standIn: false };
    }
  }
  if (top === "sectors" && Array.isArray(data.sectors)) {
    // Keep the sectors that are fine, so references to them are still recognised.
    const ok = data.sectors.filter((x): x is string => typeof x === "string" && ID.test(x));
    data.sectors = ok.length > 0 ? ok : structuredClone(STAND_INS.sectors);
    return { path: [top], standIn: false };
  }
  if (top in STAND_INS) {
    // Sectors written in another shape ("finance, energy") are still the sectors.
    const sectors = top === "sectors" ? readableIds(data.sectors).filter((x) => ID.test(x)) : [];
    data[top] = sectors.length > 0 ? sectors : structuredClone(STAND_INS[top]);
    return { path: [top], standIn: true };
  }
  delete data[top];
  return { path: [top], standIn: false };
}

/** The issue's path, or for unknown keys the path of each unknown key, or for a union the paths inside the variant meant. */
function issuePaths(issue: z.core.$ZodIssue, data: unknown, base: Path = []): Path[] {
  const path = [...base, ...(issue.path as (string | number)[])];
  if (issue.code === "unrecognized_keys") return issue.keys.map((k) => [...path, k]);
  // An effect (or a sourced figure) that fails as a whole: the problems of the kind it names (its
  // first key), so its fields are mended one by one rather than the whole effect left out.
  if (issue.code === "invalid_union") {
    const value = valueAt(data, path);
    const union = schemaAt(Scenario, path, data);
    const options = union ? (defOf(unwrap(union)).options ?? []) : [];
    const named = (o: z.ZodType) => isPlainObject(value) && objectKeys(o).length > 0 && objectKeys(o)[0]! in value;
    const kinds = options.flatMap((o, i) => (named(o) ? [i] : []));
    const inner = kinds.length === 1 ? (issue.errors[kinds[0]!] ?? []) : [];
    if (inner.length > 0) return inner.flatMap((e) => issuePaths(e, data, path));
  }
  return [path];
}

/** What is left of a broken file, and the paths that were removed or stood in for. */
export interface Salvaged extends SalvageNotes {
  scenario: Scenario;
}

/** A best-effort valid scenario from structurally broken data, or undefined if none can be made. */
export function salvage(data: unknown): Salvaged | undefined {
  if (!isPlainObject(data)) return undefined;
  const copy = structuredClone(data);
  const unsure: Path[] = [];
  const standIns: Path[] = [];
  const tried = new Set<string>();
  for (let round = 0; round < 8; round++) {
    const r = Scenario.safeParse(copy);
    if (r.success) return { scenario: r.data, unsure, standIns, unreadable: unreadableKinds(data) };
    for (const issue of r.error.issues)
      for (const p of issuePaths(issue, copy)) {
        // A part that mending did not fix the first time: its whole entry or section goes.
        const key = JSON.stringify(p);
        const changed = tried.has(key) ? dropEntry(copy, p) : prune(copy, p);
        tried.add(key);
        if (changed) unsure.push(changed.path);
        if (changed?.standIn) standIns.push(changed.path);
      }
  }
  return undefined;
}

/**
 * A broken effect whose own fields could not be mended becomes an empty headline, so the other
 * effects of its list keep their indices (and their error paths) and are still checked.
 */
function standInEffect(data: Record<string, unknown>, path: Path): Pruned | undefined {
  for (let k = path.length; k >= 1; k--) {
    const s = schemaAt(Scenario, path.slice(0, k), data);
    const list = valueAt(data, path.slice(0, k - 1));
    const index = path[k - 1];
    if (s === Effect && Array.isArray(list) && typeof index === "number") {
      list[index] = { news: "" };
      return { path: path.slice(0, k), standIn: true };
    }
  }
  return undefined;
}

/** The effect, whole entry (move, actor, event, seat's objectives) or section a path points into, left out or stood in for. */
function dropEntry(data: Record<string, unknown>, path: Path): Pruned | undefined {
  const top = path[0];
  if (typeof top !== "string") return undefined;
  const effect = standInEffect(data, path);
  if (effect) return effect;
  for (let k = 1; k < path.length; k++) {
    const parentSchema = schemaAt(Scenario, path.slice(0, k), data);
    if (parentSchema && defOf(unwrap(parentSchema)).type === "record") {
      const parent = valueAt(data, path.slice(0, k));
      if (isPlainObject(parent)) delete parent[String(path[k])];
      return { path: path.slice(0, k + 1), standIn: false };
    }
  }
  if (top in STAND_INS) {
    data[top] = structuredClone(STAND_INS[top]);
    return { path: [top], standIn: true };
  }
  delete data[top];
  return { path: [top], standIn: false };
}

/** The sections that declare each kind of id (event options are read from the events). */
function declaringSections(data: Record<string, unknown>): Record<Exclude<keyof Declared, "options">, { value: unknown; required: boolean }> {
  const council = data.council;
  return {
    actors: { value: data.actors, required: true },
    indicators: { value: data.indicators, required: true },
    world: { value: data.world, required: false },
    derived: { value: data.derived, required: false },
    sectors: { value: data.sectors, required: true },
    moves: { value: data.moves, required: true },
    events: { value: data.events, required: false },
    // Council in another shape: its mandates cannot be read (its list's keys are not mandates).
    mandates: { value: isPlainObject(council) ? council.mandates : council === undefined ? undefined : null, required: false },
    objectives: { value: data.objectives, required: true },
  };
}

/** Ids present in the raw file, valid or not, so dropped entries still count as declared. */
export function rawIds(data: unknown): Partial<Record<keyof Declared, string[]>> {
  if (!isPlainObject(data)) return {};
  const events = isPlainObject(data.events) ? data.events : {};
  const ids: Partial<Record<keyof Declared, string[]>> = Object.fromEntries(
    Object.entries(declaringSections(data)).map(([kind, { value }]) => [kind, readableIds(value)]),
  );
  ids.options = Object.entries(events).flatMap(([e, ev]) => readableIds(isPlainObject(ev) ? ev.options : undefined).map((o) => `${e}.${o}`));
  return ids;
}

/**
 * The ids of a section the author wrote in another shape still count: "sectors: finance, energy"
 * (a list without brackets), indicators written as a list of "- gdp: {...}" items.
 */
function readableIds(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === "string" ? [x] : Object.keys(isPlainObject(x) ? x : {})));
  if (typeof v === "string") return v.split(/[\s,]+/).filter(Boolean);
  return isPlainObject(v) ? Object.keys(v) : [];
}

/**
 * The kinds of id whose section cannot be read at all (`world: 3`, `indicators:` left empty, a
 * required section missing): whether a use names one of them cannot be judged.
 */
function unreadableKinds(data: Record<string, unknown>): (keyof Declared)[] {
  const sections = Object.entries(declaringSections(data)) as [keyof Declared, { value: unknown; required: boolean }][];
  return sections
    .filter(([, { value, required }]) => (value === undefined ? required : !isPlainObject(value) && !Array.isArray(value) && typeof value !== "string"))
    .map(([kind]) => kind);
}
