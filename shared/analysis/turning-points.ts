// The turning points of one played game, derived from what was kept of it: each turn's report (as
// the reader may see it) and the history points (the numbers after each turn). A turning point is
// a Security Council vote, an event or inject, or one of the largest swings of an indicator (as a
// share of its range, or of the largest size it reached when it has none, so a 10-point move in
// tension and a $30 bn move in GDP compare), each with
// its date, a headline and, where the report explains it, the main cause. The end screen and the
// after-action report both list these, so both tell the same story.
import { causeText, entryHeadline, indicatorLabel, subjectLabel } from "../engine/index.ts";
import type { HistoryPoint, TurnReport } from "../engine/index.ts";
import type { Scenario } from "../scenario/schema.ts";
import { councilResult } from "./council-result.ts";

export interface TurningPoint {
  turn: number;
  date: string;
  kind: "vote" | "event" | "inject" | "swing";
  headline: string;
  /** One line more: the vote by member, the event's text, or the swing's main cause. */
  detail?: string;
  /** How large it was, 0..1 (swings: share of the range; a vote or event counts 0.5, a veto 0.8). */
  weight: number;
}

/** A swing of one quantity over one turn. */
export interface Swing {
  turn: number;
  subject: string;
  before: number;
  after: number;
  /**
   * |after - before| as a share of the quantity's range, or, when it has none, of the largest size
   * it reached in the game (so a running total's first month, from 0, is not a swing of 100%).
   */
  weight: number;
}

/** The range an indicator may take, when the scenario bounds it on both sides. */
function rangeOf(scenario: Scenario, subject: string): number | undefined {
  const [scope, id] = subject.split(".");
  if (!scope || !id) return undefined;
  const def = scope === "world" ? scenario.world[id] : scenario.indicators[id];
  if (!def || def.min === undefined || def.max === undefined) return undefined;
  return def.max - def.min || undefined;
}

/** Reference quantities that are constant by design are never turning points. */
const STATIC_INDICATORS = new Set(["potential", "openness", "trade_base", "sanctions_base"]);

/**
 * Every indicator change between consecutive history points, largest share first. Actor
 * indicators are named "<actor>.<id>", world indicators "world.<id>".
 */
export function swings(scenario: Scenario, history: readonly HistoryPoint[]): Swing[] {
  // The largest size each quantity reached in the game: what an unbounded quantity's swings are a share of.
  const largest = new Map<string, number>();
  const size = (subject: string, v: number): void => void largest.set(subject, Math.max(largest.get(subject) ?? 0, Math.abs(v)));
  for (const p of history) {
    for (const [id, v] of Object.entries(p.world)) size(`world.${id}`, v);
    for (const [actor, inds] of Object.entries(p.actors)) for (const [id, v] of Object.entries(inds)) size(`${actor}.${id}`, v);
  }
  const out: Swing[] = [];
  for (let i = 1; i < history.length; i++) {
    const prev = history[i - 1]!;
    const cur = history[i]!;
    const add = (subject: string, before: number | undefined, after: number | undefined) => {
      if (before === undefined || after === undefined || before === after) return;
      const scale = rangeOf(scenario, subject) ?? Math.max(largest.get(subject) ?? 0, 1e-9);
      out.push({ turn: cur.turn, subject, before, after, weight: Math.min(1, Math.abs(after - before) / scale) });
    };
    for (const [id, v] of Object.entries(cur.world)) add(`world.${id}`, prev.world[id], v);
    for (const [actor, inds] of Object.entries(cur.actors)) {
      for (const [id, v] of Object.entries(inds)) {
        if (STATIC_INDICATORS.has(id)) continue;
        add(`${actor}.${id}`, prev.actors[actor]?.[id], v);
      }
    }
  }
  return out.sort((a, b) => b.weight - a.weight || a.turn - b.turn);
}

/** "Tension on the Korean peninsula" or "North Korea: Weapons programme". */
export function swingLabel(scenario: Scenario, subject: string): string {
  const [scope, id] = subject.split(".");
  if (scope === "world" && id) return indicatorLabel(scenario, id);
  return subjectLabel(scenario, subject);
}

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * The game's turning points, in the order they happened: every Security Council vote, every
 * event and inject, and the `swingCount` largest indicator swings (at most one per quantity).
 */
export function turningPoints(scenario: Scenario, reports: readonly TurnReport[], history: readonly HistoryPoint[], swingCount = 5): TurningPoint[] {
  const out: TurningPoint[] = [];
  const dateOf = new Map(reports.map((r) => [r.turn, r.date] as const));
  for (const r of reports) {
    for (const e of r.entries) {
      if (e.kind === "council" && e.votes && e.outcome !== "lapsed") {
        out.push({
          turn: r.turn,
          date: r.date,
          kind: "vote",
          headline: entryHeadline(scenario, e),
          detail: councilResult(scenario, e.votes, e.outcome),
          weight: e.outcome === "vetoed" ? 0.8 : 0.5,
        });
      } else if (e.kind === "event" || e.kind === "inject") {
        out.push({ turn: r.turn, date: r.date, kind: e.kind, headline: entryHeadline(scenario, e), detail: e.text, weight: 0.5 });
      }
    }
  }
  const seen = new Set<string>();
  for (const s of swings(scenario, history)) {
    if (out.filter((p) => p.kind === "swing").length >= swingCount) break;
    if (seen.has(s.subject) || s.weight < 0.02) continue;
    seen.add(s.subject);
    const report = reports.find((r) => r.turn === s.turn);
    const expl = report?.explanations.find((x) => x.subject === s.subject);
    // The largest cause that went the way the number went: a brake is not what "mainly" moved it.
    const rising = s.after > s.before;
    const causes = expl?.causes.slice().sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta)) ?? [];
    const main = causes.find((c) => (c.delta > 0) === rising && c.delta !== 0) ?? causes[0];
    out.push({
      turn: s.turn,
      date: dateOf.get(s.turn) ?? `Turn ${s.turn}`,
      kind: "swing",
      headline: `${swingLabel(scenario, s.subject)} ${s.after > s.before ? "rose" : "fell"} from ${fmt(s.before)} to ${fmt(s.after)}`,
      detail: main ? `Mainly: ${causeText(scenario, main)}` : undefined,
      weight: s.weight,
    });
  }
  const order = { vote: 0, event: 1, inject: 2, swing: 3 } as const;
  return out.sort((a, b) => a.turn - b.turn || order[a.kind] - order[b.kind]);
}
