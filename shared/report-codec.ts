// Report entries travel without the headline and text the receiver can rebuild itself: most are
// the scenario's templates filled with the entry's actor, target and parameters (the engine's own
// fillText). The sender only leaves a field out after checking that the rebuilt text is exactly
// the engine's, so the receiver always gets the same words; anything else travels as is.
import type { Scenario } from "./scenario/schema.ts";
import type { ReportEntry, TurnReport } from "./engine/types.ts";
import { fillText } from "./engine/text.ts";

/**
 * A report entry on the wire. `h` is the index of the headline rebuilder (headline left out);
 * `t` = 1 means the text is the event's filled text (left out).
 */
export type PackedEntry = Omit<ReportEntry, "headline"> & { headline?: string; h?: number; t?: 1 };
export interface PackedReport extends Omit<TurnReport, "entries"> {
  entries: PackedEntry[];
}

const nameOf = (s: Scenario, id: string | undefined) => fillText(s, "{self}", id ?? "");

/** A move's headline as the engine writes it for an order (turn-context moveHeadline). */
function moveHeadline(s: Scenario, e: Pick<ReportEntry, "id" | "actor" | "target" | "target2" | "params">): string | undefined {
  const def = s.moves[e.id];
  if (!def) return undefined;
  if (def.headline) return fillText(s, def.headline, e.actor ?? "", e.target ?? "", e.target2 ?? "", e.params ?? {});
  const on = [e.target, e.target2].filter((x): x is string => !!x).map((x) => nameOf(s, x));
  return `${nameOf(s, e.actor)}: ${def.name}${on.length ? ` (${on.join(", ")})` : ""}`;
}

/** The ways the engine builds a headline from the scenario; an entry's `h` is an index here. */
const HEADLINES: ((s: Scenario, e: PackedEntry) => string | undefined)[] = [
  (s, e) => moveHeadline(s, e),
  (s, e) => {
    const m = moveHeadline(s, e);
    return m === undefined ? undefined : `Exposed: ${m}`;
  },
  (s, e) => {
    const ev = s.events[e.id];
    return ev ? fillText(s, ev.title, e.actor ?? "") : undefined;
  },
  (s, e) => {
    const ev = s.events[e.id];
    const option = e.params?.["option"];
    if (!ev || option === undefined) return undefined;
    const label = ev.options?.[String(option)]?.label ?? String(option);
    return `${nameOf(s, e.actor)}: ${label} (${fillText(s, ev.title, e.actor ?? "")})`;
  },
];

const eventText = (s: Scenario, e: PackedEntry): string | undefined => {
  const ev = s.events[e.id];
  return ev?.text === undefined ? undefined : fillText(s, ev.text, e.actor ?? "");
};

/** Leaves out what the receiver can rebuild exactly from the scenario. */
export function packEntry(s: Scenario, e: ReportEntry): PackedEntry {
  const out: PackedEntry = { ...e };
  const i = HEADLINES.findIndex((f) => f(s, e) === e.headline);
  if (i >= 0) {
    delete out.headline;
    out.h = i;
  }
  if (e.text !== undefined && eventText(s, e) === e.text) {
    delete out.text;
    out.t = 1;
  }
  return out;
}

/** Restores an entry packed by packEntry (entries sent whole pass through unchanged). */
export function unpackEntry(s: Scenario, p: PackedEntry): ReportEntry {
  const { h, t, ...rest } = p;
  const e = { ...rest } as ReportEntry;
  if (h !== undefined) e.headline = HEADLINES[h]?.(s, p) ?? "";
  if (t === 1) {
    const text = eventText(s, p);
    if (text !== undefined) e.text = text;
  }
  e.headline ??= "";
  return e;
}

/** A report with packed entries. */
export const packReport = (s: Scenario, r: TurnReport): PackedReport => ({ ...r, entries: r.entries.map((e) => packEntry(s, e)) });

/** The report with its entries restored. */
export const unpackReport = (s: Scenario, r: PackedReport): TurnReport => ({ ...r, entries: r.entries.map((e) => unpackEntry(s, e)) });
