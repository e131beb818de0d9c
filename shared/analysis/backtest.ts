// The history backtest: bots on every seat, many games, and each dated real figure of the
// scenario (`observations`) next to the median game at the same month, with the distance
// between them. It says how far the world of the bots drifts from the world that was.
import type { Rules } from "../engine/index.ts";
import { turnOfMonth } from "../scenario/calendar.ts";
import type { GameRecord } from "./record.ts";
import { quantile, round } from "./stats.ts";

export interface BacktestRow {
  label: string;
  date: string;
  turn: number;
  observed: number;
  median: number;
  p10: number;
  p90: number;
  /** |median − observed| / max(|observed|, 1): a relative error, absolute for small or yes/no figures. */
  distance: number;
  source?: string;
}

export interface Backtest {
  scenario: string;
  games: number;
  rows: BacktestRow[];
  /** Mean distance over the rows. */
  distance: number;
}

/** The formulas a backtest needs followed turn by turn (pass them as RecordOptions.track). */
export function backtestFormulas(rules: Rules): string[] {
  return [...new Set(rules.scenario.observations.map((o) => String(o.measure)))];
}

/** Compares recorded trajectories (recorded with backtestFormulas) with the observations. */
export function backtest(rules: Rules, records: readonly GameRecord[]): Backtest {
  const s = rules.scenario;
  const rows: BacktestRow[] = s.observations.map((o) => {
    const turn = turnOfMonth(s.start, s.turns.length, o.date);
    const values = records.map((r) => r.trajectories?.[String(o.measure)]?.[turn]).filter((v): v is number => v !== undefined && Number.isFinite(v));
    values.sort((a, b) => a - b);
    const median = quantile(values, 0.5);
    const row: BacktestRow = {
      label: o.label,
      date: o.date,
      turn,
      observed: o.value,
      median: round(median),
      p10: round(quantile(values, 0.1)),
      p90: round(quantile(values, 0.9)),
      distance: round(Math.abs(median - o.value) / Math.max(Math.abs(o.value), 1)),
    };
    if (o.source) row.source = o.source;
    return row;
  });
  const distance = rows.length ? round(rows.reduce((t, r) => t + r.distance, 0) / rows.length) : 0;
  return { scenario: s.id, games: records.length, rows, distance };
}
