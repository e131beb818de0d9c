// A scenario's bibliography: every sourced figure (a { value, source, date } anywhere in the file),
// every dated history entry and claim with its source, grouped by source; and the figures that give
// a note but no source (scenario judgements), so an author sees what a seminar cannot check.
import { isPlainObject } from "./schema-walk.ts";
import { pathToString, type PathSegment } from "./errors.ts";
import type { Scenario } from "./schema.ts";
import { fullName, nameInSentence, possessive, sectorText } from "../engine/text.ts";

export interface SourcedItem {
  /** Where in the file, e.g. "actors.EGY.indicators.reserves". */
  path: string;
  /** What the entry says when its path does not, e.g. "China sanctions Taiwan's agriculture sector". */
  of?: string;
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

/**
 * What an entry of a list section says, for the bibliography: its path ("sanctions[1]") names no
 * actor. Undefined for entries whose own title, label or claim says it.
 */
function entryLabel(s: Scenario, section: string, i: number): string | undefined {
  const name = (id: string) => fullName(s, id);
  const pair = (p: readonly string[]) => p.map(name).join("–");
  switch (section) {
    case "relations":
      return `relation ${pair(s.relations[i]!.between)}`;
    case "trade":
      return `trade ${pair(s.trade[i]!.between)} (US$ bn a year)`;
    case "influence": {
      const e = s.influence[i]!;
      return `leverage over ${name(e.over)}: ${Object.entries(e.shares).map(([id, w]) => `${name(id)} ${w}`).join(", ")}`;
    }
    case "sanctions": {
      const e = s.sanctions[i]!;
      return `${nameInSentence(s, e.by)} sanctions ${possessive(nameInSentence(s, e.on))} ${sectorText(s, e.sector)} sector (enforcement ${e.enforcement}${e.un ? ", UN" : ""})`;
    }
    case "treaties": {
      const e = s.treaties[i]!;
      return `${e.name} (${e.kind}: ${e.parties.map(name).join(", ")})`;
    }
    case "observations":
      return s.observations[i]!.label;
  }
  return undefined;
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
  // `of`: the label of the list entry the node is in (a relation's figure sits in its `value`).
  const walk = (node: unknown, path: PathSegment[], of: string | undefined) => {
    if (Array.isArray(node)) {
      node.forEach((x, i) => walk(x, [...path, i], path.length === 1 ? entryLabel(scenario, String(path[0]), i) : of));
      return;
    }
    if (!isPlainObject(node)) return;
    const o = node as Record<string, unknown>;
    // A treaty is dated by the year it holds `since`.
    const dated = o["date"] ?? (path[0] === "treaties" ? o["since"] : undefined);
    const date = typeof dated === "string" ? dated : undefined;
    const note = typeof o["note"] === "string" ? o["note"] : undefined;
    const isFigure = typeof o["value"] === "number";
    const own = typeof o["title"] === "string" ? o["title"] : typeof o["claim"] === "string" ? o["claim"] : undefined;
    const what = isFigure ? String(o["value"]) : (own ?? of ?? (typeof o["label"] === "string" ? o["label"] : pathToString(path)));
    // A figure says what it measures; an entry that is its own description says it once.
    const label = isFigure && of ? of : undefined;
    const item: SourcedItem = { path: pathToString(path), ...(label ? { of: label } : {}), what, ...(date ? { date } : {}), ...(note ? { note } : {}) };
    if (typeof o["source"] === "string" && o["source"].trim()) cite(o["source"].trim(), item);
    else if (isFigure && note) unsourced.push(item);
    else if (isFigure) plain.push(itemText(item));
    for (const [k, v] of Object.entries(o)) {
      if (k !== "source" && k !== "note" && k !== "date") walk(v, [...path, k], of);
    }
  };
  // Figures where authors put real numbers: starting values, world values, bilateral figures, the record.
  const s = scenario as unknown as Record<string, unknown>;
  for (const section of ["actors", "world", "relations", "trade", "influence", "sanctions", "treaties", "council", "history", "claims", "observations"]) walk(s[section], [section], undefined);
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

/** "trade[0].value: trade China–Taiwan (US$ bn a year) 267.8", "history[0]: Lai wins the presidency". */
function itemText(it: SourcedItem): string {
  return `${it.path}: ${it.of ? `${it.of}: ` : ""}${it.what}`;
}

/** The bibliography as text for the command line. */
export function renderBibliography(title: string, b: Bibliography): string {
  const lines = [`Sources of ${title}: ${b.sources.length} source${b.sources.length === 1 ? "" : "s"}, ${b.sources.reduce((n, s) => n + s.items.length, 0)} citations`, ""];
  b.sources.forEach((s, i) => {
    lines.push(`[${i + 1}] ${s.source}`);
    for (const it of s.items) lines.push(`      ${itemText(it)}${it.date ? ` (${it.date})` : ""}${it.note ? ` — ${it.note}` : ""}`);
  });
  if (b.unsourced.length > 0) {
    lines.push("", `Figures with a note but no source (${b.unsourced.length}):`);
    for (const it of b.unsourced) lines.push(`      ${itemText(it)}${it.date ? ` (${it.date})` : ""}${it.note ? ` — ${it.note}` : ""}`);
  }
  lines.push("", `Starting values given as plain numbers, without source or note: ${b.plainNumbers}`);
  for (const p of b.plain.slice(0, 60)) lines.push(`      ${p}`);
  if (b.plain.length > 60) lines.push(`      … and ${b.plain.length - 60} more`);
  return lines.join("\n");
}
