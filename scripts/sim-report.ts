// Renders simulate() results for a terminal: every distribution ({ mean, p10, p90 }) found in
// the results becomes a row, grouped under its heading. Works on the plain-JSON results without
// depending on their exact nesting.

/** A summary of many games' values. */
export interface Distribution {
  mean: number;
  p10: number;
  p90: number;
}

const isDistribution = (v: unknown): v is Distribution =>
  typeof v === "object" && v !== null && ["mean", "p10", "p90"].every((k) => typeof (v as Record<string, unknown>)[k] === "number");

/** Every distribution in the results, with the path of keys that leads to it. */
export function findDistributions(results: unknown, path: string[] = []): { path: string[]; d: Distribution }[] {
  if (isDistribution(results)) return [{ path, d: results }];
  if (typeof results !== "object" || results === null) return [];
  return Object.entries(results as Record<string, unknown>).flatMap(([k, v]) => findDistributions(v, [...path, k]));
}

const fmt = (n: number): string => {
  const a = Math.abs(n);
  return a >= 1000 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : n.toFixed(2);
};

/** A table per top-level group (seats' scores, indicators, ...), columns aligned. */
export function renderDistributions(results: unknown): string {
  const rows = findDistributions(results);
  if (rows.length === 0) return JSON.stringify(results, null, 2);
  const groups = new Map<string, { label: string; d: Distribution }[]>();
  for (const { path, d } of rows) {
    const [head = "results", ...rest] = path;
    const list = groups.get(head) ?? [];
    list.push({ label: rest.join(" ") || head, d });
    groups.set(head, list);
  }
  const out: string[] = [];
  for (const [group, list] of groups) {
    const w = Math.max(12, ...list.map((r) => r.label.length));
    out.push("", group, `  ${"".padEnd(w)}  ${"mean".padStart(9)}  ${"p10".padStart(9)}  ${"p90".padStart(9)}`);
    for (const r of list) out.push(`  ${r.label.padEnd(w)}  ${fmt(r.d.mean).padStart(9)}  ${fmt(r.d.p10).padStart(9)}  ${fmt(r.d.p90).padStart(9)}`);
  }
  return out.join("\n").trimStart();
}

/** A one-line progress bar, e.g. "[#######.............]  350/1000 games". */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total} games`;
}
