// What changed between two versions of a scenario: actors, indicators, moves, events and
// objectives added or removed, and every number and text that differs, by path. Works on the
// validated data, so formatting, comments and key order do not count as changes.
import { isPlainObject } from "./schema-walk.ts";
import { pathToString, type PathSegment } from "./errors.ts";
import type { Scenario } from "./schema.ts";

export interface ScenarioDiff {
  /** Per keyed section (actors, moves, ...): ids added and removed. */
  added: Record<string, string[]>;
  removed: Record<string, string[]>;
  /** Numbers that differ: path, before, after. */
  numbers: { path: string; before: number; after: number }[];
  /** Other values that differ (texts, flags, lists): path only, with short before/after. */
  other: { path: string; before: string; after: string }[];
}

const KEYED = ["indicators", "world", "derived", "actors", "moves", "events", "objectives", "doctrine"] as const;
const short = (v: unknown): string => {
  const t = v === undefined ? "(absent)" : typeof v === "string" ? v : JSON.stringify(v);
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
};

export function diffScenarios(a: Scenario, b: Scenario): ScenarioDiff {
  const out: ScenarioDiff = { added: {}, removed: {}, numbers: [], other: [] };
  const A = a as unknown as Record<string, unknown>;
  const B = b as unknown as Record<string, unknown>;
  for (const section of KEYED) {
    const ka = Object.keys((A[section] as object | undefined) ?? {});
    const kb = Object.keys((B[section] as object | undefined) ?? {});
    const add = kb.filter((k) => !ka.includes(k));
    const rem = ka.filter((k) => !kb.includes(k));
    if (add.length) out.added[section] = add;
    if (rem.length) out.removed[section] = rem;
  }
  const walk = (x: unknown, y: unknown, path: PathSegment[]) => {
    // Whole entries added or removed are reported once, above.
    if (path.length === 2 && (KEYED as readonly string[]).includes(String(path[0])) && (x === undefined || y === undefined)) return;
    if (typeof x === "number" && typeof y === "number") {
      if (x !== y) out.numbers.push({ path: pathToString(path), before: x, after: y });
      return;
    }
    // A sourced figure's number compares with a plain number.
    const num = (v: unknown) => (isPlainObject(v) && typeof (v as Record<string, unknown>)["value"] === "number" ? ((v as Record<string, unknown>)["value"] as number) : v);
    if (typeof num(x) === "number" && typeof num(y) === "number" && (typeof x === "number" || typeof y === "number")) {
      if (num(x) !== num(y)) out.numbers.push({ path: pathToString(path), before: num(x) as number, after: num(y) as number });
      return;
    }
    if (isPlainObject(x) && isPlainObject(y)) {
      const keys = [...new Set([...Object.keys(x as object), ...Object.keys(y as object)])];
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], [...path, k]);
      return;
    }
    if (Array.isArray(x) && Array.isArray(y) && x.length === y.length) {
      x.forEach((v, i) => walk(v, y[i], [...path, i]));
      return;
    }
    if (JSON.stringify(x) !== JSON.stringify(y)) out.other.push({ path: pathToString(path), before: short(x), after: short(y) });
  };
  for (const k of [...new Set([...Object.keys(A), ...Object.keys(B)])]) if (k !== "$schema") walk(A[k], B[k], [k]);
  return out;
}

/** The diff as text for the command line. */
export function renderDiff(a: string, b: string, d: ScenarioDiff): string {
  const lines: string[] = [`${a} -> ${b}`];
  const sections = [...new Set([...Object.keys(d.added), ...Object.keys(d.removed)])];
  if (sections.length === 0) lines.push("Same actors, indicators, moves, events and objectives.");
  for (const s of sections) {
    if (d.added[s]) lines.push(`${s}: added ${d.added[s]!.join(", ")}`);
    if (d.removed[s]) lines.push(`${s}: removed ${d.removed[s]!.join(", ")}`);
  }
  const groups = new Map<string, string[]>();
  const put = (path: string, line: string) => {
    const head = /^[A-Za-z_$]+/.exec(path)?.[0] ?? path;
    groups.set(head, [...(groups.get(head) ?? []), line]);
  };
  for (const n of d.numbers) put(n.path, `  ${n.path}: ${n.before} -> ${n.after}`);
  for (const o of d.other) put(o.path, `  ${o.path}: ${o.before} -> ${o.after}`);
  lines.push("", `${d.numbers.length} number${d.numbers.length === 1 ? "" : "s"} and ${d.other.length} other value${d.other.length === 1 ? "" : "s"} changed${d.numbers.length + d.other.length ? ":" : "."}`);
  for (const [head, list] of groups) lines.push(`${head} (${list.length})`, ...list);
  return lines.join("\n");
}
