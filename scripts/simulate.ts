// Bots play N complete games of a scenario; the result is the distribution (mean, p10, p90) of
// each seat's final score and of each key indicator at game end. The result is plain JSON with
// a stable key order and rounded numbers, so two runs with the same seed print the same bytes.
import type { Rules } from "../shared/engine/api.ts";
import { playBotGame } from "../shared/engine/play.ts";
import { compiled } from "../shared/engine/rules.ts";
import { scoreCard } from "../shared/engine/score.ts";

export interface Distribution {
  mean: number;
  p10: number;
  p90: number;
}

export interface SimulationResult {
  scenario: string;
  games: number;
  seed: string;
  /** Per seat: its final score (and the most it could have scored). */
  scores: Record<string, Distribution & { max: number }>;
  /** "<actor>.<indicator>" for every seat's indicators, and "world.<global>". */
  indicators: Record<string, Distribution>;
}

export interface SimulateOptions {
  games: number;
  seed: string;
  /** Called after each game with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

const round = (x: number): number => {
  const r = Math.round(x * 1000) / 1000;
  return Object.is(r, -0) ? 0 : r;
};

/** mean, 10th and 90th percentile (nearest rank) of a sample, rounded to 3 decimals. */
export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { mean: 0, p10: 0, p90: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
  const mean = values.reduce((s, v) => s + v, 0) / values.length;
  return { mean: round(mean), p10: round(at(0.1)), p90: round(at(0.9)) };
}

/** Plays `games` bot games with seeds "<seed>-0", "<seed>-1", ... and summarises them. */
export function simulate(rules: Rules, opts: SimulateOptions): SimulationResult {
  const c = compiled(rules);
  const scores: Record<string, number[]> = {};
  const maxes: Record<string, number> = {};
  const indicators: Record<string, number[]> = {};
  const keys: string[] = [];
  for (const seat of c.seats) for (const ind of c.indicatorIds) keys.push(`${seat}.${ind}`);
  for (const g of c.worldIds) keys.push(`world.${g}`);
  for (const k of keys) indicators[k] = [];
  for (const seat of c.seats) scores[seat] = [];

  for (let i = 0; i < opts.games; i++) {
    const st = playBotGame(c, `${opts.seed}-${i}`);
    for (const seat of c.seats) {
      const card = scoreCard(c, st, seat);
      scores[seat]!.push(card.total);
      maxes[seat] = card.max;
    }
    for (const seat of c.seats) for (const ind of c.indicatorIds) indicators[`${seat}.${ind}`]!.push(st.actors[seat]![ind]!);
    for (const g of c.worldIds) indicators[`world.${g}`]!.push(st.world[g]!);
    opts.onProgress?.(i + 1, opts.games);
  }

  const out: SimulationResult = { scenario: c.scenario.id, games: opts.games, seed: opts.seed, scores: {}, indicators: {} };
  for (const seat of c.seats) out.scores[seat] = { ...distribution(scores[seat]!), max: round(maxes[seat] ?? 0) };
  for (const k of keys) out.indicators[k] = distribution(indicators[k]!);
  return out;
}
