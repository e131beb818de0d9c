// Small statistics for simulation reports and experiments: distributions over games, and the
// difference between two arms played on the same seeds (a paired comparison).

export interface Distribution {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
}

/** Rounded to 4 significant decimals so reports print the same bytes for the same games. */
export const round = (x: number): number => {
  const r = Math.round(x * 10000) / 10000;
  return Object.is(r, -0) ? 0 : r;
};

/** The q-quantile by nearest rank of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** Mean, 10th, 50th and 90th percentile (nearest rank) of a sample, rounded. */
export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) return { mean: 0, p10: 0, p50: 0, p90: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  let sum = 0;
  for (const v of values) sum += v;
  return { mean: round(sum / values.length), p10: round(quantile(sorted, 0.1)), p50: round(quantile(sorted, 0.5)), p90: round(quantile(sorted, 0.9)) };
}

export interface PairedDifference {
  /** Mean of arm B minus mean of arm A. */
  diff: number;
  /** Standard error of the mean paired difference (same seed in both arms). */
  se: number;
  /** diff / se (0 when both are 0; large when every game moved the same way). */
  t: number;
}

/** The mean difference b − a over games played on the same seeds, with its standard error. */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedDifference {
  const n = Math.min(a.length, b.length);
  if (n === 0) return { diff: 0, se: 0, t: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += b[i]! - a[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = b[i]! - a[i]! - mean;
    ss += d * d;
  }
  const se = n > 1 ? Math.sqrt(ss / (n - 1) / n) : 0;
  // A difference with no spread at all (every game moved by the same amount) is as sure as it gets.
  const t = se > 0 ? mean / se : mean === 0 ? 0 : Math.sign(mean) * Infinity;
  return { diff: round(mean), se: round(se), t: Number.isFinite(t) ? round(t) : t };
}

/**
 * Whether a paired difference is beyond noise: |t| at least `critical` (3 by default, about
 * p < 0.003 two-sided, strict because a report compares hundreds of quantities at once) and not
 * a rounding speck.
 */
export function significant(d: PairedDifference, critical = 3): boolean {
  return Math.abs(d.t) >= critical && Math.abs(d.diff) > 1e-9;
}
