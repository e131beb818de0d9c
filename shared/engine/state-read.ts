// Read-only helpers over the state's keyed records: pair keys, relation values, influence shares,
// sanctions and treaties. Shared by formulas, effects, views and bots so all read the same way.
import type { ActorId, GameState, Proposal, Relation, Sanction, Treaty } from "./types.ts";

// Pair keys are looked up in hot loops; building "A:B" afresh each time would make V8 hash a new
// string on every lookup, so each key is built once and reused (actor ids are few).
const pairKeys = new Map<string, Map<string, string>>();

/** The key of an unordered pair: the two ids sorted, joined by ':'. */
export function pairKey(a: ActorId, b: ActorId): string {
  let inner = pairKeys.get(a);
  if (!inner) {
    inner = new Map();
    pairKeys.set(a, inner);
  }
  let key = inner.get(b);
  if (key === undefined) {
    key = a < b ? `${a}:${b}` : `${b}:${a}`;
    inner.set(b, key);
  }
  return key;
}

/** A relation's value: base plus every opinion modifier, clamped to -100..100. */
export function relationValue(rel: Relation | undefined): number {
  if (!rel) return 0;
  let v = rel.base;
  for (const m of rel.modifiers) v += m.value;
  return v < -100 ? -100 : v > 100 ? 100 : v;
}

/** by's share (0..1) of all leverage weights over `over`, summed in the given actor order. */
export function influenceShare(
  influence: GameState["influence"],
  over: ActorId,
  by: ActorId,
  order: readonly ActorId[],
): number {
  const w = influence[over];
  if (!w) return 0;
  let total = 0;
  for (const a of order) total += w[a] ?? 0;
  return total > 0 ? (w[by] ?? 0) / total : 0;
}

/** The enforcement of by's sanction on `on` in `sector`, or the strongest in any sector; 0 if none. */
export function sanctionLevel(sanctions: readonly Sanction[], by: ActorId, on: ActorId, sector?: string): number {
  let best = 0;
  for (let i = 0; i < sanctions.length; i++) {
    const s = sanctions[i]!;
    // The sector first: sectors differ in length, so most entries are told apart at once.
    if ((sector === undefined || s.sector === sector) && s.on === on && s.by === by && s.enforcement > best) best = s.enforcement;
  }
  return best;
}

/** Sum of the enforcement of every sanction in force on `on`. */
export function sanctionsOn(sanctions: readonly Sanction[], on: ActorId): number {
  let total = 0;
  for (const s of sanctions) if (s.on === on) total += s.enforcement;
  return total;
}

/** Whether a and b are both parties to some treaty (of that kind). */
export function hasTreaty(treaties: readonly Treaty[], a: ActorId, b: ActorId, kind?: string): boolean {
  for (const t of treaties) {
    if ((kind === undefined || t.kind === kind) && t.parties.includes(a) && t.parties.includes(b)) return true;
  }
  return false;
}

/** The last turn this game resolves: the scenario's, or an earlier one the facilitator chose. */
export function finalTurn(scenarioTurns: number, st: { lastTurn?: number }): number {
  return Math.min(scenarioTurns, st.lastTurn ?? scenarioTurns);
}

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** The in-game date of a turn, e.g. "June 2024" (weeks: "Week 2, June 2024"). */
export function turnDate(start: string, length: "week" | "month" | "quarter", turn: number): string {
  const { year, month } = monthOfTurn(start, length, turn);
  const label = `${MONTHS[month]} ${year}`;
  return length === "week" ? `Week ${((turn - 1) % 4) + 1}, ${label}` : label;
}

/** The month a turn falls in as "2024-06", the form a spreadsheet sorts and filters on. */
export function turnMonth(start: string, length: "week" | "month" | "quarter", turn: number): string {
  const { year, month } = monthOfTurn(start, length, turn);
  return `${year}-${String(month + 1).padStart(2, "0")}`;
}

/** The year and month (0-11) of a turn; turn 1 is the start's month. */
function monthOfTurn(start: string, length: "week" | "month" | "quarter", turn: number): { year: number; month: number } {
  const [y, m] = start.split("-").map(Number) as [number, number];
  const step = turn - 1;
  const index = m - 1 + (length === "month" ? step : length === "quarter" ? step * 3 : Math.floor(step / 4));
  return { year: y + Math.floor(index / 12), month: ((index % 12) + 12) % 12 };
}

/**
 * The deal of `move` that `from` has put to `seat` this turn, answered or not. Such a deal is
 * answered, not offered back: both could go ahead, one deal made twice ("Riyadh and Tehran issue a
 * joint statement" and "Tehran and Riyadh issue a joint statement" in one month). The bots skip
 * these offers; the orders panel points the player to the deal in Talks.
 */
export function dealPutTo(proposals: readonly Proposal[], turn: number, seat: ActorId, move: string, from: ActorId): Proposal | undefined {
  return proposals.find((p) => p.kind === "deal" && p.turn === turn && p.from === from && p.order.move === move && p.to.includes(seat));
}
