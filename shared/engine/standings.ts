// Standings that compare fairly. Seats have different maxima (one seat's objectives are worth 15
// points, another's 11), so seats are ranked by the share of their own maximum they hold. During
// the game every seat, the viewer's own included, is ranked on its public objectives only: a
// player sees their own secret objectives but no one else's, and counting them would flatter the
// viewer's own rank. At the end every objective counts. The client only renders these rows.
import type { ActorId, ObjectiveScore, ScoreCard } from "./types.ts";

/** How an objective stands: fully met, partly earned (some points), or nothing earned yet. */
export type ObjectiveStatus = "met" | "partial" | "none";

/**
 * Points below this count as nothing earned: every screen prints points to 0.1, so an objective
 * marked "partly met" always shows some points (and a measure that barely moved from its start is
 * not called progress).
 */
const LEAST_POINTS = 0.05;

/** Whether an objective is met, partly earned (it shows some points) or not earned at all. */
export function objectiveStatus(o: Pick<ObjectiveScore, "points" | "met">): ObjectiveStatus {
  if (o.met) return "met";
  return o.points >= LEAST_POINTS ? "partial" : "none";
}

/** One row of the standings. */
export interface Standing {
  seat: ActorId;
  /** 1 for the best share; equal shares (to 0.1 percentage point) share a rank. */
  rank: number;
  /** Points counted for the ranking and the most they could be. */
  points: number;
  max: number;
  /** points / max (0 when max is 0). */
  share: number;
  /** "public": public objectives only (during the game); "all": every objective (at the end, or the facilitator's full figures). */
  basis: "public" | "all";
  /** Objectives counted / met among them / partly earned among them. */
  counted: number;
  met: number;
  partial: number;
}

/** Which objectives of a card count for the standings on this basis. */
function counted(card: ScoreCard, basis: Standing["basis"]): ObjectiveScore[] {
  return basis === "all" ? card.objectives : card.objectives.filter((o) => !o.secret);
}

/** A seat's standing on a basis (rank left at 0: standings() ranks). */
export function standingOf(card: ScoreCard, basis: Standing["basis"]): Standing {
  const objs = counted(card, basis);
  let points = 0;
  let max = 0;
  let met = 0;
  let partial = 0;
  for (const o of objs) {
    points += o.points;
    max += o.max;
    const st = objectiveStatus(o);
    if (st === "met") met++;
    else if (st === "partial") partial++;
  }
  return { seat: card.seat, rank: 0, points, max, share: max > 0 ? points / max : 0, basis, counted: objs.length, met, partial };
}

/**
 * Every seat ranked by share of its maximum, best first. `over`: the game has ended, so every
 * objective counts (the view then carries every card in full); otherwise public objectives only,
 * for every seat, whoever is looking. Ties keep the cards' seat order.
 */
export function standings(cards: Record<ActorId, ScoreCard>, over: boolean): Standing[] {
  const basis: Standing["basis"] = over ? "all" : "public";
  const rows = Object.values(cards).map((c) => standingOf(c, basis));
  rows.sort((a, b) => b.share - a.share);
  let prev: Standing | undefined;
  rows.forEach((r, i) => {
    r.rank = prev && Math.round(prev.share * 1000) === Math.round(r.share * 1000) ? prev.rank : i + 1;
    prev = r;
  });
  return rows;
}

/** A share as a whole percentage, for every place that prints one ("73%"). */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/**
 * Points against their maximum as every screen prints them, to 0.1: "1.5 of 2.0". Points short of
 * the maximum never print as it (1.98 would read "2.0 of 2.0" beside "partly met"): they are then
 * given to 0.01, rounded down, "1.98 of 2.0".
 */
export function pointsOf(points: number, max: number): string {
  const tenth = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);
  const shown = points < max && tenth(points) === tenth(max) ? (Math.floor(points * 100) / 100).toFixed(2) : tenth(points);
  return `${shown} of ${tenth(max)}`;
}

/** An objective's attainment as a percentage: "100%" only when it is met (99.7% short of it reads 99%). */
export function attainmentPercent(o: Pick<ObjectiveScore, "attainment" | "met">): string {
  return o.met ? "100%" : `${Math.min(99, Math.round(o.attainment * 100))}%`;
}
