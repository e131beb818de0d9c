// Report entries travel without the headline and text the receiver can rebuild itself: most are
// the scenario's templates filled with the entry's actor, target and parameters by the same text
// module the engine writes them with (shared/engine/text.ts). The sender only leaves a field out
// after checking that the rebuilt text is exactly the engine's, so the receiver always gets the
// same words; anything else travels as is.
import type { Scenario } from "./scenario/schema.ts";
import type { ReportEntry, TurnReport } from "./engine/index.ts";
import { eventHeadline, eventText as writeEventText, exposedHeadline, moveHeadline, optionHeadline } from "./engine/index.ts";

/**
 * A report entry on the wire: a positional array, not an object, because the field names were
 * half of a report's bytes. Fields in order of how often they are set, so trailing absent ones
 * are dropped: [kind, id, actor, headline, visibility, target, text, params, covertId, covert,
 * outcome, votes, target2]. `kind` is an index in KINDS; `headline` is the index of the
 * rebuilder in HEADLINES when the receiver rebuilds it, else the text; `visibility` is 0 for
 * public, else the seats; `text` is 1 when the receiver rebuilds it; absent fields are null.
 */
export type PackedEntry = [number, string, ...unknown[]];
export interface PackedReport extends Omit<TurnReport, "entries"> {
  entries: PackedEntry[];
}

const KINDS: ReportEntry["kind"][] = ["move", "deal", "council", "event", "option", "discovery", "dynamic", "inject"];

/** The ways the engine writes a headline (all in shared/engine/text.ts); index 3 of a packed entry points here. */
const HEADLINES: ((s: Scenario, e: ReportEntry) => string | undefined)[] = [
  (s, e) => moveHeadline(s, e.id, e.actor ?? "", e),
  (s, e) => exposedHeadline(s, e.id, e.actor ?? "", e),
  (s, e) => eventHeadline(s, e.id, e.actor ?? ""),
  (s, e) => {
    const option = e.params?.["option"];
    return option === undefined ? undefined : optionHeadline(s, e.id, e.actor ?? "", String(option));
  },
];

const eventText = (s: Scenario, e: ReportEntry): string | undefined => writeEventText(s, e.id, e.actor ?? "");

/** Leaves out what the receiver can rebuild exactly from the scenario, and the field names. */
export function packEntry(s: Scenario, e: ReportEntry): PackedEntry {
  const h = HEADLINES.findIndex((f) => f(s, e) === e.headline);
  const text = e.text === undefined ? null : eventText(s, e) === e.text ? 1 : e.text;
  const out: unknown[] = [
    KINDS.indexOf(e.kind),
    e.id,
    e.actor ?? null,
    h >= 0 ? h : e.headline,
    e.visibility === "public" ? 0 : e.visibility.seats,
    e.target ?? null,
    text,
    e.params ?? null,
    e.covertId ?? null,
    e.covert === undefined ? null : e.covert ? 1 : 0,
    e.outcome ?? null,
    e.votes ?? null,
    e.target2 ?? null,
  ];
  while (out.at(-1) === null) out.pop();
  return out as PackedEntry;
}

/** Restores an entry packed by packEntry. */
export function unpackEntry(s: Scenario, p: PackedEntry): ReportEntry {
  const at = <T>(i: number): T | undefined => (p[i] ?? undefined) as T | undefined;
  const e: ReportEntry = { kind: KINDS[p[0]] ?? "event", id: p[1], headline: "", visibility: p[4] ? { seats: p[4] as string[] } : "public" };
  const set = <K extends keyof ReportEntry>(key: K, v: ReportEntry[K] | undefined) => {
    if (v !== undefined) e[key] = v;
  };
  set("actor", at<string>(2));
  set("target", at<string>(5));
  set("target2", at<string>(12));
  set("params", at<ReportEntry["params"]>(7));
  set("covertId", at<string>(8));
  const covert = at<number>(9);
  if (covert !== undefined) e.covert = covert === 1;
  set("outcome", at<ReportEntry["outcome"]>(10));
  set("votes", at<ReportEntry["votes"]>(11));
  const h = p[3];
  e.headline = typeof h === "number" ? (HEADLINES[h]?.(s, e) ?? "") : typeof h === "string" ? h : "";
  const text = p[6];
  if (text === 1) {
    const rebuilt = eventText(s, e);
    if (rebuilt !== undefined) e.text = rebuilt;
  } else if (typeof text === "string") e.text = text;
  return e;
}

/** A report with packed entries. */
export const packReport = (s: Scenario, r: TurnReport): PackedReport => ({ ...r, entries: r.entries.map((e) => packEntry(s, e)) });

/** The report with its entries restored. */
export const unpackReport = (s: Scenario, r: PackedReport): TurnReport => ({ ...r, entries: r.entries.map((e) => unpackEntry(s, e)) });
