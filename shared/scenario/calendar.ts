// A scenario's calendar read from its dates: which turn a dated figure or note belongs to. Used by
// the validator (a date within the game), the backtest, the debrief's real figures and the report.
/** The turn whose resolution a month closes (1-based), or a number outside 1..turns. */
export function turnOfMonth(start: string, length: "week" | "month" | "quarter", month: string): number {
  const [y0, m0] = start.split("-").map(Number) as [number, number];
  const [y, m] = month.split("-").map(Number) as [number, number];
  const months = y * 12 + m - (y0 * 12 + m0);
  if (length === "week") return months * 4 + 4;
  return Math.floor(months / (length === "quarter" ? 3 : 1)) + 1;
}
