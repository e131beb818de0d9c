// How a GameView travels in the room state: flattened into path -> value entries, so a turn only
// sends the entries that changed. Numbers go in one map, everything else as JSON text in another.
// A viewer's secret part is the set of entries where its view differs from the public (observer)
// view; an empty string marks an entry the viewer must not have. Used by the server mirror and the
// browser's state mirror, so both sides agree byte for byte.
import { cardTotal, objectiveScore, type ObjectiveScore } from "./engine/index.ts";

/** Flattened view: numbers and JSON text keyed by path ("actors/CHN/gdp"). */
export interface FlatView {
  nums: Map<string, number>;
  strs: Map<string, string>;
}

/** Marks an empty object, or an element-wise array, so the shape survives flattening. */
const EMPTY_OBJECT = "{}";
const ARRAY_MARK = "[]";
/** In a viewer's overrides: this public entry is not part of the viewer's view. */
export const TOMBSTONE = "";

/**
 * Field names that occur in every game, sent as two- or three-character codes ("!" never occurs
 * in an id, and a real "!" is escaped), so a new modifier or proposal adds short keys. Append
 * only: a code is a position in this list.
 */
const COMMON_NAMES = [
  "viewer", "scenario", "seed", "turn", "phase", "actors", "world", "relations", "trade", "influence",
  "sanctions", "treaties", "mandates", "orders", "locked", "proposals", "covert", "pending", "fired",
  "lastMoves", "baseline", "history", "scores", "budget", "objectiveBaseline", "injected", "nextId",
  "modifiers", "base", "label", "value", "fades", "cause", "by", "on", "sector", "enforcement", "un",
  "since", "kind", "name", "parties", "id", "from", "order", "move", "target", "target2", "params", "to",
  "answers", "public", "count", "last", "seat", "total", "max", "objectives", "index", "secret",
  "attainment", "met", "points", "spent", "event", "firedTurn", "choice", "discovered", "publicScores",
  "lastVotes", "lastDone",
];
const CODE_OF = new Map(COMMON_NAMES.map((n, i) => [n, `!${i.toString(36)}`]));
const NAME_OF = new Map(COMMON_NAMES.map((n, i) => [`!${i.toString(36)}`, n]));

/** Arrays (by wire path) whose elements travel as one JSON text each (they never change once written). */
const ATOMIC_ELEMENTS = new Set([CODE_OF.get("history")!, CODE_OF.get("treaties")!]);
/**
 * Top-level fields that travel as one JSON text: the game's starting figures, fixed once play
 * starts. As entries they were a seventh of a room's state (252 numbers), held by the schema
 * and the mirror for nothing: they never change. And the last turn's council votes, replaced
 * whole each turn: as entries, every vote's long path was sent anew (a tenth of a turn's patch).
 */
const ATOMIC_FIELDS = new Set(["baseline", "objectiveBaseline", "lastVotes"].map((f) => CODE_OF.get(f)!));

/**
 * A score card travels without the numbers that follow from its others: each objective's points
 * and met, and the card's total. They change every turn, so they were a third of the cards'
 * patch. The engine says how they follow (objectiveScore, cardTotal); a card is packed only when
 * its numbers are exactly those, so the card decoded is identical, and any other keeps its
 * general form.
 */
const SCORES_PREFIX = `${CODE_OF.get("scores")!}/`;
const isCardPath = (path: string) => path.startsWith(SCORES_PREFIX) && path.indexOf("/", SCORES_PREFIX.length) < 0;
const CARD_KEYS = ["seat", "total", "max", "objectives"];
const PACKED_CARD_KEYS = ["seat", "max", "objectives"];
const PACKED_OBJECTIVE_KEYS = ["index", "label", "secret", "value", "attainment", "max"];
const OBJECTIVE_KEYS = [...PACKED_OBJECTIVE_KEYS, "met", "points"];
/** True when `o` is a plain object with exactly these keys (undefined ones not counted). */
const hasKeys = (o: unknown, keys: readonly string[]): o is Record<string, unknown> => {
  if (!isPlainObject(o)) return false;
  let n = 0;
  for (const k in o) {
    if (o[k] === undefined) continue;
    if (!keys.includes(k)) return false;
    n++;
  }
  return n === keys.length;
};
/** An objective as the engine scores it from the fields that travel. */
const scored = (o: Record<string, unknown>): ObjectiveScore =>
  objectiveScore(o["index"] as number, o["label"] as string, o["secret"] as boolean, o["value"] as number, o["attainment"] as number, o["max"] as number);
const hasObjectivesWith = (card: Record<string, unknown>, keys: readonly string[]): card is Record<string, unknown> & { objectives: Record<string, unknown>[] } =>
  Array.isArray(card["objectives"]) && card["objectives"].every((o) => hasKeys(o, keys) && typeof o["attainment"] === "number" && typeof o["max"] === "number");
/** The card without its derived numbers, or undefined unless they are exactly the engine's. */
function packCard(card: unknown): Record<string, unknown> | undefined {
  if (!hasKeys(card, CARD_KEYS) || !hasObjectivesWith(card, OBJECTIVE_KEYS)) return undefined;
  const objectives: Record<string, unknown>[] = [];
  for (const o of card.objectives) {
    const again = scored(o);
    if (again.points !== o["points"] || again.met !== o["met"]) return undefined;
    objectives.push({ index: again.index, label: again.label, secret: again.secret, value: again.value, attainment: again.attainment, max: again.max });
  }
  if (cardTotal(card.objectives as { points: number }[]) !== card["total"]) return undefined;
  return { seat: card["seat"], max: card["max"], objectives };
}
/** A packed card made whole again, as the engine makes it (its key order too); any other value is returned as is. */
function unpackCard(card: unknown): unknown {
  if (!hasKeys(card, PACKED_CARD_KEYS) || !hasObjectivesWith(card, PACKED_OBJECTIVE_KEYS)) return card;
  const objectives = card.objectives.map(scored);
  return { seat: card["seat"], total: cardTotal(objectives), max: card["max"], objectives };
}

/**
 * A sanction travels as one positional text of the fields that never change, [by, on, sector,
 * un, since], plus its enforcement as a number: two entries instead of six, for the state's
 * longest list after the relations. Anything of another shape keeps the general form.
 */
const SANCTIONS = CODE_OF.get("sanctions")!;
const SANCTION_FIXED = ["by", "on", "sector", "un", "since"] as const;
const isPrimitive = (v: unknown) => v === null || typeof v === "string" || typeof v === "number" || typeof v === "boolean";
function packableSanction(item: unknown): item is Record<string, unknown> & { enforcement: number } {
  if (!isPlainObject(item) || typeof item["enforcement"] !== "number" || !Number.isFinite(item["enforcement"])) return false;
  const keys = Object.keys(item).filter((k) => item[k] !== undefined);
  return keys.length === SANCTION_FIXED.length + 1 && SANCTION_FIXED.every((k) => k in item && isPrimitive(item[k]));
}
function unpackSanction(row: unknown[]): Record<string, unknown> {
  return Object.fromEntries(SANCTION_FIXED.map((k, i) => [k, row[i]]));
}

/**
 * One instance of each entry path (and packed sanction text): every room of a scenario has the
 * same paths, and a changed entry's path was built anew each turn while the schema kept the old
 * one, so most of a room's strings were copies. Capped, since uploaded scenarios bring paths of
 * their own: past the cap the pool starts over (rooms keep the strings they hold).
 */
const POOL = new Map<string, string>();
const POOL_MAX = 50_000;
function shared(s: string): string {
  const known = POOL.get(s);
  if (known !== undefined) return known;
  if (POOL.size >= POOL_MAX) POOL.clear();
  POOL.set(s, s);
  return s;
}

/**
 * The path of `key` under `parent`, one instance per pair: a resolved turn flattens thousands of
 * entries, and building each path as a new string (then looking it up in POOL) was a third of
 * the refresh's garbage. Capped with POOL.
 */
const CHILDREN = new Map<string, Map<string, string>>();
function childPath(parent: string, key: string): string {
  let children = CHILDREN.get(parent);
  if (!children) {
    if (CHILDREN.size >= POOL_MAX) CHILDREN.clear();
    CHILDREN.set(parent, (children = new Map()));
  }
  let path = children.get(key);
  if (path === undefined) children.set(key, (path = shared(`${parent}/${escapeKey(key)}`)));
  return path;
}

const escapeKey = (k: string): string => {
  const code = CODE_OF.get(k);
  if (code) return code;
  return /[~/!]/.test(k) ? k.replace(/~/g, "~0").replace(/\//g, "~1").replace(/!/g, "~2") : k;
};
const unescapeKey = (k: string): string => {
  if (k.startsWith("!")) return NAME_OF.get(k) ?? k;
  return k.includes("~") ? k.replace(/~2/g, "!").replace(/~1/g, "/").replace(/~0/g, "~") : k;
};

/** The wire path of a view location, e.g. ["orders", "CHN", 0, "move"] (tests search frames for it). */
export const encodePath = (parts: (string | number)[]): string => parts.map((p) => escapeKey(String(p))).join("/");

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Adds the entries of one value at `path` (a top-level field is its own escaped name).
 */
export function flattenInto(out: FlatView, path: string, v: unknown): void {
  if (v === undefined) return;
  if (ATOMIC_FIELDS.has(path)) {
    out.strs.set(shared(path), JSON.stringify(v));
    return;
  }
  if (typeof v === "number") {
    if (Number.isFinite(v)) out.nums.set(shared(path), v);
    else out.strs.set(shared(path), "null");
  } else if (Array.isArray(v)) {
    // Element by element, so a change to one sanction or proposal sends one entry, not the list.
    out.strs.set(shared(path), ARRAY_MARK);
    const atomic = ATOMIC_ELEMENTS.has(path);
    const sanctions = path === SANCTIONS;
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      const at = childPath(path, String(i));
      if (sanctions && packableSanction(item)) {
        out.strs.set(at, shared(JSON.stringify(SANCTION_FIXED.map((k) => item[k]))));
        out.nums.set(childPath(at, "enforcement"), item.enforcement);
      } else if (atomic || item === undefined || item === null) out.strs.set(at, JSON.stringify(item ?? null));
      else flattenInto(out, at, item);
    }
  } else if (typeof v === "object" && v !== null) {
    const obj = (isCardPath(path) && packCard(v)) || (v as Record<string, unknown>);
    let empty = true;
    for (const k in obj) {
      const child = obj[k];
      if (child === undefined) continue;
      empty = false;
      flattenInto(out, childPath(path, k), child);
    }
    if (empty) out.strs.set(shared(path), EMPTY_OBJECT);
  } else out.strs.set(shared(path), JSON.stringify(v));
}

/** Plain-JSON deep equality, numbers compared exactly; much cheaper than flattening and comparing. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i], b[i])) return false;
    return true;
  }
  // Walked without Object.keys: the mirror compares every changed field of every view this way,
  // and the key arrays were an eighth of the server's garbage under load.
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let count = 0;
  for (const k in ra) {
    if (!hasOwn(ra, k)) continue;
    count++;
    if (!hasOwn(rb, k) || !sameJson(ra[k], rb[k])) return false;
  }
  for (const k in rb) if (hasOwn(rb, k)) count--;
  return count === 0;
}
const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** Flattens one top-level field of a view on its own. */
export function flattenField(key: string, value: unknown): FlatView {
  const out: FlatView = { nums: new Map(), strs: new Map() };
  flattenInto(out, escapeKey(key), value);
  return out;
}

/** Flattens a plain JSON value (a GameView without its reports). */
export function flatten(value: Record<string, unknown>, skip: ReadonlySet<string> = new Set()): FlatView {
  const out: FlatView = { nums: new Map(), strs: new Map() };
  for (const k of Object.keys(value)) if (!skip.has(k)) flattenInto(out, escapeKey(k), value[k]);
  return out;
}

/** The entries of `viewer` that differ from `base`, with tombstones for base entries it lacks. */
export function overrides(base: FlatView, viewer: FlatView): FlatView {
  const out: FlatView = { nums: new Map(), strs: new Map() };
  overridesInto(out, base, viewer);
  return out;
}

/** `overrides`, added to `out` (walked with forEach: no entry pairs made). */
function overridesInto(out: FlatView, base: FlatView, viewer: FlatView): void {
  viewer.nums.forEach((v, k) => {
    if (base.nums.get(k) !== v) out.nums.set(k, v);
  });
  viewer.strs.forEach((v, k) => {
    if (base.strs.get(k) !== v) out.strs.set(k, v);
  });
  base.nums.forEach((_, k) => {
    if (!viewer.nums.has(k) && !viewer.strs.has(k)) out.strs.set(k, TOMBSTONE);
  });
  base.strs.forEach((_, k) => {
    if (!viewer.strs.has(k) && !viewer.nums.has(k)) out.strs.set(k, TOMBSTONE);
  });
}

const hasEntries = (v: unknown): v is Record<string, unknown> => isPlainObject(v) && Object.values(v).some((x) => x !== undefined);
/**
 * True when a field's entries are kept grouped by second-level part: an object with entries
 * that are themselves objects (relations, actors, scores), not sent whole. A field of plain
 * values (`locked`) stays flat: a group per value would cost more than flattening it again.
 */
const grouped = (key: string, v: unknown): v is Record<string, unknown> =>
  hasEntries(v) && !ATOMIC_FIELDS.has(escapeKey(key)) && Object.values(v).some((x) => typeof x === "object" && x !== null);

/** An empty map shared by every kept view that has no entries of a kind; it refuses writes. */
class NoEntries<V> extends Map<string, V> {
  override set(): this {
    throw new Error("a kept view's entries are never written");
  }
}
const NO_NUMS: Map<string, number> = new NoEntries<number>();
const NO_STRS: Map<string, string> = new NoEntries<string>();

/**
 * The same view with its empty maps swapped for shared ones, for views kept between turns (a
 * room keeps a few hundred small ones: groups and a viewer's overrides, many with no numbers or
 * no texts). Not to be written to afterwards.
 */
export function settled(f: FlatView): FlatView {
  if (f.nums.size > 0 && f.strs.size > 0) return f;
  return { nums: f.nums.size > 0 ? f.nums : NO_NUMS, strs: f.strs.size > 0 ? f.strs : NO_STRS };
}

/** The path of an entry's second level ("!5/CHN/!c" -> "!5/CHN"), or the entry's own path. */
const secondLevel = (path: string): string => {
  const first = path.indexOf("/");
  if (first < 0) return path;
  const second = path.indexOf("/", first + 1);
  return second < 0 ? path : path.slice(0, second);
};

/** A field's flattened entries grouped by second-level path, so one entry's subtree is found without a scan. */
export function groupBySecondLevel(flat: FlatView): Map<string, FlatView> {
  const groups = new Map<string, FlatView>();
  const group = (path: string) => {
    const k = secondLevel(path);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { nums: new Map(), strs: new Map() }));
    return g;
  };
  for (const [k, v] of flat.nums) group(k).nums.set(k, v);
  for (const [k, v] of flat.strs) group(k).strs.set(k, v);
  return groups;
}

/** A field's entries as one view (a field held as groups is merged; rare: deletes and non-object viewers). */
export function mergeGroups(groups: ReadonlyMap<string, FlatView>): FlatView {
  const out: FlatView = { nums: new Map(), strs: new Map() };
  for (const g of groups.values()) {
    for (const [k, v] of g.nums) out.nums.set(k, v);
    for (const [k, v] of g.strs) out.strs.set(k, v);
  }
  return out;
}

/**
 * A viewer's overrides of one top-level field over the public one; the same entries as
 * `overrides(publicFlat(), flattenField(key, value))`. When both are objects with entries, only
 * the second-level entries that differ are flattened: a seat's view differs from the public one
 * in a few relations or scores, and flattening all of them for every viewer was most of a
 * resolved turn's refresh.
 */
export function fieldOverrides(key: string, publicValue: unknown, publicFlat: () => FlatView, publicGroups: () => ReadonlyMap<string, FlatView>, value: unknown): FlatView {
  if (!grouped(key, publicValue) || !grouped(key, value)) return overrides(publicFlat(), value === undefined ? { nums: new Map(), strs: new Map() } : flattenField(key, value));
  const out: FlatView = { nums: new Map(), strs: new Map() };
  const path = escapeKey(key);
  for (const k of new Set([...Object.keys(publicValue), ...Object.keys(value)])) {
    const a = publicValue[k];
    const b = value[k];
    if (a === b || sameJson(a, b)) continue;
    const sub = childPath(path, k);
    const mine: FlatView = { nums: new Map(), strs: new Map() };
    flattenInto(mine, sub, b);
    overridesInto(out, publicGroups().get(sub) ?? EMPTY_FLAT, mine);
  }
  return out;
}

/**
 * A top-level field's entries: grouped by second-level part when the field is an object with
 * entries (`groups`; merged they are `flattenField(key, value)`), else flat. Given the field's
 * value before and its groups, reuses the groups of the parts that are the very same objects as
 * before (the engine shares what a turn did not touch: most relations, for one). Holding only
 * the groups, not also the merged entries, halves what a room keeps of its public view.
 */
export function reflattenField(
  key: string,
  before: unknown,
  beforeGroups: () => ReadonlyMap<string, FlatView>,
  value: unknown,
): { flat: FlatView; groups?: undefined } | { groups: Map<string, FlatView>; flat?: undefined } {
  if (!grouped(key, value)) return { flat: settled(flattenField(key, value)) };
  const reuse = grouped(key, before);
  const old = reuse ? beforeGroups() : undefined;
  const groups = new Map<string, FlatView>();
  const path = escapeKey(key);
  for (const k in value) {
    const child = value[k];
    if (child === undefined) continue;
    const sub = childPath(path, k);
    let g = reuse && (before as Record<string, unknown>)[k] === child ? old!.get(sub) : undefined;
    if (!g) {
      g = { nums: new Map(), strs: new Map() };
      flattenInto(g, sub, child);
      g = settled(g);
    }
    groups.set(sub, g);
  }
  return { groups };
}

const EMPTY_FLAT: FlatView = { nums: new Map(), strs: new Map() };

/** Applies overrides on top of a base view (the reverse of `overrides`). */
export function overlay(base: FlatView, over: FlatView): FlatView {
  const nums = new Map(base.nums);
  const strs = new Map(base.strs);
  for (const [k, v] of over.strs) {
    nums.delete(k);
    if (v === TOMBSTONE) strs.delete(k);
    else strs.set(k, v);
  }
  for (const [k, v] of over.nums) {
    strs.delete(k);
    nums.set(k, v);
  }
  return { nums, strs };
}

/** Rebuilds the plain object from flattened entries. */
export function unflatten(flat: FlatView): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  const arrays: string[] = [];
  const place = (path: string, value: unknown, onlyIfAbsent: boolean) => {
    const parts = path.split("/").map(unescapeKey);
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const key = parts[i]!;
      if (!isPlainObject(node[key])) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    const last = parts[parts.length - 1]!;
    if (onlyIfAbsent && last in node) return;
    node[last] = value;
  };
  for (const [path, text] of flat.strs) {
    if (text === EMPTY_OBJECT || text === ARRAY_MARK) {
      if (text === ARRAY_MARK) arrays.push(path);
      place(path, {}, true);
    }
  }
  for (const [path, text] of flat.strs) {
    if (text === EMPTY_OBJECT || text === ARRAY_MARK || text === TOMBSTONE) continue;
    const value: unknown = JSON.parse(text);
    place(path, Array.isArray(value) && path.slice(0, path.lastIndexOf("/")) === SANCTIONS ? unpackSanction(value) : value, false);
  }
  for (const [path, n] of flat.nums) place(path, n, false);
  // Arrays were rebuilt as objects keyed by index; turn them back into arrays, innermost first.
  for (const path of arrays.sort((a, b) => b.length - a.length))
    replaceAt(root, path, (obj) =>
      Object.keys(obj)
        .map(Number)
        .sort((a, b) => a - b)
        .map((i) => obj[String(i)]),
    );
  const scores = root["scores"];
  if (isPlainObject(scores)) for (const seat in scores) scores[seat] = unpackCard(scores[seat]);
  return root;
}

/** Replaces the object rebuilt at `path` with `fn` of it (a keyed list turned back into an array). */
function replaceAt(root: Record<string, unknown>, path: string, fn: (obj: Record<string, unknown>) => unknown[]): void {
  const parts = path.split("/").map(unescapeKey);
  let parent: Record<string, unknown> = root;
  for (let i = 0; i < parts.length - 1; i++) parent = parent[parts[i]!] as Record<string, unknown>;
  const last = parts[parts.length - 1]!;
  parent[last] = fn(parent[last] as Record<string, unknown>);
}

/** Where the entry-level changes from one view to the next go; `t` is passed through (no closure per call). */
export interface ChangeSink<T> {
  delNum(t: T, key: string): void;
  delStr(t: T, key: string): void;
  setNum(t: T, key: string, value: number): void;
  setStr(t: T, key: string, value: string): void;
}

/**
 * Hands every entry-level change that turns `prev` into `next` to `sink`: deletes, then numbers,
 * then texts. The maps are walked with forEach and nothing is collected: a resolved turn's
 * refresh runs this over thousands of entries, and the pairs of a collected diff were a tenth of
 * its garbage.
 */
export function forEachChange<T>(prev: FlatView, next: FlatView, t: T, sink: ChangeSink<T>): void {
  prev.nums.forEach((_, k) => {
    if (!next.nums.has(k)) sink.delNum(t, k);
  });
  prev.strs.forEach((_, k) => {
    if (!next.strs.has(k)) sink.delStr(t, k);
  });
  next.nums.forEach((v, k) => {
    if (prev.nums.get(k) !== v) sink.setNum(t, k, v);
  });
  next.strs.forEach((v, k) => {
    if (prev.strs.get(k) !== v) sink.setStr(t, k, v);
  });
}

type Diff = { setNums: [string, number][]; setStrs: [string, string][]; delNums: string[]; delStrs: string[] };
const COLLECT: ChangeSink<Diff> = {
  delNum: (d, k) => d.delNums.push(k),
  delStr: (d, k) => d.delStrs.push(k),
  setNum: (d, k, v) => d.setNums.push([k, v]),
  setStr: (d, k, v) => d.setStrs.push([k, v]),
};

/** The entry-level changes that turn `prev` into `next`, as sets and deletes (forEachChange, collected). */
export function diffFlat(prev: FlatView, next: FlatView): Diff {
  const d: Diff = { setNums: [], setStrs: [], delNums: [], delStrs: [] };
  forEachChange(prev, next, d, COLLECT);
  return d;
}
