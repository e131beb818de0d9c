// A scenario's bibliography: every sourced figure (a { value, source, date } anywhere in the file),
// every dated history entry and claim with its source, grouped by source; and the figures that give
// a note but no source (scenario judgements), so an author sees what a seminar cannot check.
import { isPlainObject } from "./schema-walk.ts";
import { pathToString, type PathSegment } from "./errors.ts";
import type { Scenario } from "./schema.ts";

export interface SourcedItem {
  /** Where in the file, e.g. "actors.EGY.indicators.reserves". */
  path: string;
  /** The figure, or the history entry's title. */
  what: string;
  date?: string;
  note?: string;
}

export interface Bibliography {
  /** Source text -> what cites it, in file order; sources sorted alphabetically. */
  sources: { source: string; items: SourcedItem[] }[];
  /** Figures with a note but no source. */
  unsourced: SourcedItem[];
  /** How many figures are plain numbers (no source, no note). */
  plainNumbers: number;
  /** Where they are. */
  plain: string[];
}

export function bibliography(scenario: Scenario): Bibliography {
  const bySource = new Map<string, SourcedItem[]>();
  const unsourced: SourcedItem[] = [];
  const plain: string[] = [];
  const cite = (source: string, item: SourcedItem) => {
    const list = bySource.get(source) ?? [];
    list.push(item);
    bySource.set(source, list);
  };
  const walk = (node: unknown, path: PathSegment[]) => {
    if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, [...path, i]));
      return;
    }
    if (!isPlainObject(node)) return;
    const o = node as Record<string, unknown>;
    const date = typeof o["date"] === "string" ? o["date"] : undefined;
    const note = typeof o["note"] === "string" ? o["note"] : undefined;
    const isFigure = typeof o["value"] === "number";
    const what = isFigure ? String(o["value"]) : typeof o["title"] === "string" ? o["title"] : typeof o["label"] === "string" ? o["label"] : typeof o["claim"] === "string" ? o["claim"] : pathToString(path);
    const item: SourcedItem = { path: pathToString(path), what, ...(date ? { date } : {}), ...(note ? { note } : {}) };
    if (typeof o["source"] === "string" && o["source"].trim()) cite(o["source"].trim(), item);
    else if (isFigure && note) unsourced.push(item);
    else if (isFigure) plain.push(`${item.path}: ${what}`);
    for (const [k, v] of Object.entries(o)) {
      if (k !== "source" && k !== "note" && k !== "date") walk(v, [...path, k]);
    }
  };
  // Figures where authors put real numbers: starting values, world values, bilateral figures, the record.
  const s = scenario as unknown as Record<string, unknown>;
  for (const section of ["actors", "world", "relations", "trade", "influence", "sanctions", "treaties", "council", "history", "claims", "observations"]) walk(s[section], [section]);
  // Starting values written as bare numbers (`gdp: 1670`, `initial: 40`) are figures too.
  for (const [id, a] of Object.entries(scenario.actors)) for (const [k, v] of Object.entries(a.indicators)) if (typeof v === "number") plain.push(`actors.${id}.indicators.${k}: ${v}`);
  for (const [id, w] of Object.entries(scenario.world)) if (typeof w.initial === "number") plain.push(`world.${id}.initial: ${w.initial}`);
  return {
    sources: [...bySource.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([source, items]) => ({ source, items })),
    unsourced,
    plainNumbers: plain.length,
    plain,
  };
}

/** The bibliography as text for the command line. */
export function renderBibliography(title: string, b: Bibliography): string {
  const lines = [`Sources of ${title}: ${b.sources.length} source${b.sources.length === 1 ? "" : "s"}, ${b.sources.reduce((n, s) => n + s.items.length, 0)} citations`, ""];
  b.sources.forEach((s, i) => {
    lines.push(`[${i + 1}] ${s.source}`);
    for (const it of s.items) lines.push(`      ${it.path}: ${it.what}${it.date ? ` (${it.date})` : ""}${it.note ? ` — ${it.note}` : ""}`);
  });
  if (b.unsourced.length > 0) {
    lines.push("", `Figures with a note but no source (${b.unsourced.length}):`);
    for (const it of b.unsourced) lines.push(`      ${it.path}: ${it.what}${it.date ? ` (${it.date})` : ""}${it.note ? ` — ${it.note}` : ""}`);
  }
  lines.push("", `Starting values given as plain numbers, without source or note: ${b.plainNumbers}`);
  for (const p of b.plain.slice(0, 60)) lines.push(`      ${p}`);
  if (b.plain.length > 60) lines.push(`      … and ${b.plain.length - 60} more`);
  return lines.join("\n");
}
