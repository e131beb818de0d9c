// Report entries travel without the headline and text the receiver can rebuild itself: most are
// the scenario's templates filled with the entry's actor, target and parameters by the same text
// module the engine writes them with (shared/engine/text.ts). The sender only leaves a field out after checking that the rebuilt text is exactly
// the engine's, so the receiver always gets the same words; anything else travels as is.
import type { Scenario } from "./scenario/schema.ts";
import type { ReportEntry, TurnReport } from "./engine/index.ts";
import { eventHeadline, eventText as writeEventText, exposedHeadline, moveHeadline, optionHeadline } from "./engine/index.ts";

/**
 * A report entry on the wire. `h` is the index of the headline rebuilder (headline left out);
 * `t` = 1 means the text is the event's filled text (left out).
 */
export type PackedEntry = Omit<ReportEntry, "headline"> & { headline?: string; h?: number; t?: 1 };
export interface PackedReport extends Omit<TurnReport, "entries"> {
  entries: PackedEntry[];
}

/** The ways the engine writes a headline (all in shared/engine/text.ts); an entry's `h` is an index here. */
const HEADLINES: ((s: Scenario, e: PackedEntry) => string | undefined)[] = [
  (s, e) => moveHeadline(s, e.id, e.actor ?? "", e),
  (s, e) => exposedHeadline(s, e.id, e.actor ?? "", e),
  (s, e) => eventHeadline(s, e.id, e.actor ?? ""),
  (s, e) => {
    const option = e.params?.["option"];
    return option === undefined ? undefined : optionHeadline(s, e.id, e.actor ?? "", String(option));
  },
];

const eventText = (s: Scenario, e: PackedEntry): string | undefined => writeEventText(s, e.id, e.actor ?? "");

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
