// Objectives and scores. Each objective's measure is evaluated with self = the seat; attainment is
// 1 when the threshold is met and otherwise the fraction of the way from the starting measure
// (the baseline) to the threshold, so partial progress counts and standing still scores nothing new.
import type { Objective } from "../scenario/schema.ts";
import { Ctx, type EnvState } from "./env.ts";
import { evalNum } from "./formula.ts";
import type { Compiled } from "./rules.ts";
import type { ActorId, GameState, ObjectiveScore, ScoreCard } from "./types.ts";

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * How far an objective is met (0..1).
 * atLeast a: 1 if m >= a, else (m - b) / (a - b) clamped, b = baseline (0 when the start was already at or past a).
 * atMost a: the mirror image. Both: 1 inside the band, each side as above outside it.
 * Neither: the measure itself, clamped to 0..1.
 */
export function attainment(def: Pick<Objective, "atLeast" | "atMost">, m: number, baseline: number): number {
  const { atLeast, atMost } = def;
  if (atLeast === undefined && atMost === undefined) return clamp01(m);
  if (atLeast !== undefined && m < atLeast) return atLeast > baseline ? clamp01((m - baseline) / (atLeast - baseline)) : 0;
  if (atMost !== undefined && m > atMost) return atMost < baseline ? clamp01((baseline - m) / (baseline - atMost)) : 0;
  return 1;
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

/** A seat's full score card. */
export function scoreCard(c: Compiled, st: EnvState & Pick<GameState, "objectiveBaseline">, seat: ActorId): ScoreCard {
  const objs = c.objectives[seat] ?? [];
  const base = baselineOf(st, seat, objs.length);
  const ms = measures(c, st, seat);
  let total = 0;
  let max = 0;
  const objectives: ObjectiveScore[] = objs.map((o, index) => {
    const value = ms[index]!;
    const att = attainment(o.def, value, base[index] ?? 0);
    const points = att * o.def.points;
    total += points;
    max += o.def.points;
    return { index, label: o.def.label, secret: o.def.secret, value, attainment: att, met: att >= 1, points };
  });
  return { seat, total, max, objectives };
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
  let total = 0;
  let max = 0;
  for (const o of objectives) {
    total += o.points;
    max += defs[o.index]?.def.points ?? 0;
  }
  return { seat: card.seat, total, max, objectives };
}

/** Every seat's full card. */
export function scoreAllCompiled(c: Compiled, st: GameState): Record<ActorId, ScoreCard> {
  const out: Record<ActorId, ScoreCard> = {};
  for (const seat of c.seats) out[seat] = scoreCard(c, st, seat);
  return out;
}
