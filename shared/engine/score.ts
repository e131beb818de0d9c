// Objectives and scores. Each objective's measure is evaluated with self = the seat; attainment is
// 1 when the threshold is met and otherwise partial: the fraction of the way from the starting
// measure (the baseline) to the threshold, or, for an objective already met at the start (a
// "keep" objective), how little of its slack has been lost. No objective falls off a cliff.
import type { Objective } from "../scenario/schema.ts";
import { Ctx } from "./env.ts";
import { evalNum } from "./formula.ts";
import type { Compiled } from "./rules.ts";
import type { ActorId, EnvState, GameState, ObjectiveScore, ScoreCard } from "./types.ts";

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * The slack of a "keep" objective: how far past its threshold `a` the measure may slip before it
 * earns nothing. The objective's own `slack`, else the larger of the start's margin |b - a| and
 * 10% of |a| (a small floor for a threshold of 0).
 */
export function slackOf(def: Pick<Objective, "slack">, threshold: number, baseline: number): number {
  return def.slack ?? Math.max(Math.abs(baseline - threshold), 0.1 * Math.abs(threshold), 1e-9);
}

/**
 * How far an objective is met (0..1), with b the measure at game start (the baseline).
 * atLeast a, m < a: progress (m - b) / (a - b) when the start was below a; when the start was
 *   already at or past a, partial credit 1 - (a - m) / slack.
 * atMost a: the mirror image. Both: 1 inside the band, each side as above outside it.
 * Neither: the measure itself, clamped to 0..1.
 */
export function attainment(def: Pick<Objective, "atLeast" | "atMost" | "slack">, m: number, baseline: number): number {
  return clamp01(progress(def, m, baseline));
}

/** How much bots value a safety margin past a threshold already met, as a share of the objective. */
const MARGIN = 0.2;

/**
 * Attainment as bots weigh it (attainment is this held to 0..1). Below the threshold it is not
 * held at 0: how far an objective has gone backwards shows as a negative number, so "less bad" is
 * still better when a measure slides below where it started. Past the threshold a margin of up to
 * one slack is worth up to MARGIN more, so a bot protects what it holds before it is lost.
 */
export function progress(def: Pick<Objective, "atLeast" | "atMost" | "slack">, m: number, baseline: number): number {
  const { atLeast, atMost } = def;
  if (atLeast === undefined && atMost === undefined) return Math.min(1, m);
  if (atLeast !== undefined && m < atLeast) {
    if (atLeast > baseline) return (m - baseline) / (atLeast - baseline);
    return 1 - (atLeast - m) / slackOf(def, atLeast, baseline);
  }
  if (atMost !== undefined && m > atMost) {
    if (atMost < baseline) return (baseline - m) / (baseline - atMost);
    return 1 - (m - atMost) / slackOf(def, atMost, baseline);
  }
  // Met: the margin to the nearer threshold, in slacks.
  let margin = Number.POSITIVE_INFINITY;
  if (atLeast !== undefined) margin = (m - atLeast) / slackOf(def, atLeast, baseline);
  if (atMost !== undefined) margin = Math.min(margin, (atMost - m) / slackOf(def, atMost, baseline));
  return 1 + MARGIN * Math.min(1, margin);
}

/** Each objective's measure for a seat in this state. */
export function measures(c: Compiled, st: EnvState, seat: ActorId): number[] {
  const ctx = new Ctx(c, st, null, seat);
  return (c.objectives[seat] ?? []).map((o) => evalNum(o.measure, ctx));
}

/** The baseline measures stored at game start (falls back to 0s for a state made without them). */
export function baselineOf(st: Pick<GameState, "objectiveBaseline">, seat: ActorId, n: number): number[] {
  return st.objectiveBaseline?.[seat] ?? new Array<number>(n).fill(0);
}

/**
 * An objective's score from how far it is met: its points (attainment x the objective's points)
 * and whether it is met follow from that. The one place they are computed; the room's wire form
 * leaves them out and computes them again on arrival with this (view-codec.ts).
 */
export function objectiveScore(index: number, label: string, secret: boolean, value: number, attainment: number, max: number): ObjectiveScore {
  return { index, label, secret, value, attainment, met: attainment >= 1, points: attainment * max, max };
}

/** A card's total: its objectives' points summed in order. */
export function cardTotal(objectives: readonly Pick<ObjectiveScore, "points">[]): number {
  let total = 0;
  for (const o of objectives) total += o.points;
  return total;
}

/** A seat's full score card. */
export function scoreCard(c: Compiled, st: EnvState & Pick<GameState, "objectiveBaseline">, seat: ActorId): ScoreCard {
  const objs = c.objectives[seat] ?? [];
  const base = baselineOf(st, seat, objs.length);
  const ms = measures(c, st, seat);
  let max = 0;
  const objectives: ObjectiveScore[] = objs.map((o, index) => {
    const value = ms[index]!;
    max += o.def.points;
    return objectiveScore(index, o.def.label, o.def.secret, value, attainment(o.def, value, base[index] ?? 0), o.def.points);
  });
  return { seat, total: cardTotal(objectives), max, objectives };
}

/** Points a seat earns now: the fast path bots use for look-ahead. */
export function pointsNow(c: Compiled, st: EnvState, seat: ActorId, base: readonly number[]): number {
  const objs = c.objectives[seat] ?? [];
  const ctx = new Ctx(c, st, null, seat);
  let total = 0;
  for (let i = 0; i < objs.length; i++) {
    const o = objs[i]!;
    total += attainment(o.def, evalNum(o.measure, ctx), base[i] ?? 0) * o.def.points;
  }
  return total;
}

/** A score card with secret objectives removed and the totals counted from public ones only. */
export function publicCard(c: Compiled, card: ScoreCard): ScoreCard {
  const defs = c.objectives[card.seat] ?? [];
  const objectives = card.objectives.filter((o) => !o.secret);
  let max = 0;
  for (const o of objectives) max += defs[o.index]?.def.points ?? 0;
  return { seat: card.seat, total: cardTotal(objectives), max, objectives };
}

/** Every seat's full card. */
export function scoreAllCompiled(c: Compiled, st: GameState): Record<ActorId, ScoreCard> {
  const out: Record<ActorId, ScoreCard> = {};
  for (const seat of c.seats) out[seat] = scoreCard(c, st, seat);
  return out;
}
