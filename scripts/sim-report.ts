// Renders simulate() results for a terminal: a score table per seat, then each actor's
// indicators at game end and the world values, each as mean, p10 and p90 over all games.
import type { Scenario } from "../shared/scenario/schema.ts";
import type { Distribution, SimulationResult } from "./simulate.ts";

const fmt = (n: number): string => {
  const a = Math.abs(n);
  return a >= 1000 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : n.toFixed(2);
};

const cells = (d: Distribution): string => [d.mean, d.p10, d.p90].map((n) => fmt(n).padStart(9)).join("  ");

function table(title: string, rows: { label: string; d: Distribution; extra?: string }[], extraHead = ""): string[] {
  const w = Math.max(14, ...rows.map((r) => r.label.length));
  const head = `  ${"".padEnd(w)}  ${"mean".padStart(9)}  ${"p10".padStart(9)}  ${"p90".padStart(9)}${extraHead}`;
  return ["", title, head, ...rows.map((r) => `  ${r.label.padEnd(w)}  ${cells(r.d)}${r.extra ?? ""}`)];
}

/** Human-readable results: scores first (what balance is about), then indicators by actor. */
export function renderSimulation(result: SimulationResult, scenario: Scenario): string {
  const out: string[] = [];
  out.push(
    ...table(
      "Final score per seat",
      Object.entries(result.scores).map(([seat, d]) => ({
        label: `${seat}  ${scenario.actors[seat]?.name ?? ""}`.trimEnd(),
        d,
        extra: `  ${`of ${fmt(d.max)}`.padStart(9)}`,
      })),
      `  ${"max".padStart(9)}`,
    ),
  );
  const byActor = new Map<string, { label: string; d: Distribution }[]>();
  for (const [key, d] of Object.entries(result.indicators)) {
    const [owner = "", id = ""] = key.split(".");
    const def = owner === "world" ? scenario.world[id] : scenario.indicators[id];
    const full = def ? `${id}  ${def.label}${def.unit ? ` (${def.unit})` : ""}` : id;
    const label = full.length > 44 ? `${full.slice(0, 43)}…` : full;
    const list = byActor.get(owner) ?? [];
    list.push({ label, d });
    byActor.set(owner, list);
  }
  for (const [owner, rows] of byActor) {
    const title = owner === "world" ? "World at game end" : `${owner} ${scenario.actors[owner]?.name ?? ""} at game end`;
    // An indicator that is 0 in every game (North Korea's weapons programme for Japan) is noise.
    const shown = rows.filter((r) => r.d.mean !== 0 || r.d.p10 !== 0 || r.d.p90 !== 0);
    out.push(...table(title, shown));
    if (shown.length < rows.length) out.push(`  (${rows.length - shown.length} more always 0)`);
  }
  return out.join("\n").trimStart();
}

/** A one-line progress bar, e.g. "[#######.............]  350/1000 games". */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total} games`;
}
