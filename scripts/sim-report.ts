// Renders the analysis results for a terminal: the simulation report (scores, moves chosen,
// events, objectives, council votes, every quantity at the end), an experiment's differences,
// and the history backtest.
import type { Backtest } from "../shared/analysis/backtest.ts";
import type { ClaimCheck } from "../shared/analysis/claims.ts";
import type { ExperimentResult } from "../shared/analysis/experiment.ts";
import { balanceSummary, quantityGroups, TOP_TARGETS, type SimulationReport } from "../shared/analysis/report.ts";
import type { Distribution } from "../shared/analysis/stats.ts";

const fmt = (n: number): string => {
  const a = Math.abs(n);
  return a >= 1000 ? n.toFixed(0) : a >= 10 ? n.toFixed(1) : a >= 0.01 || a === 0 ? n.toFixed(2) : n.toExponential(1);
};
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const pad = (s: string, w: number) => (s.length > w ? `${s.slice(0, w - 1)}…` : s.padEnd(w));
const cells = (d: Distribution): string => [d.mean, d.p10, d.p90].map((n) => fmt(n).padStart(9)).join("  ");

/** Human-readable simulation report. */
export function renderReport(r: SimulationReport): string {
  const out: string[] = [];
  out.push(`${r.title}: ${r.games} games, seed ${r.seed}, ${r.level} bots on every seat`);

  out.push("", "Balance", ...balanceSummary(r).map((line) => `  ${line}`));

  out.push("", "Final score per seat", `  ${"".padEnd(22)}  ${"mean".padStart(9)}  ${"p10".padStart(9)}  ${"p90".padStart(9)}  ${"max".padStart(9)}  of max`);
  for (const s of r.seats) out.push(`  ${pad(`${s.seat}  ${s.name}`, 22)}  ${cells(s.score)}  ${`of ${fmt(s.max)}`.padStart(9)}  ${pct(s.max > 0 ? s.score.mean / s.max : 0).padStart(6)}`);

  out.push("", "Objectives at the end (share of games met, mean attainment)");
  for (const s of r.seats) {
    for (const o of s.objectives) out.push(`  ${s.seat}  ${pad(`${o.label}${o.secret ? " (secret)" : ""}`, 52)}  met ${pct(o.met).padStart(4)}   attainment ${o.attainment.toFixed(2)}`);
  }

  out.push("", `Moves chosen by bots (share of games, times per game; per seat that may use it; its ${TOP_TARGETS} most frequent targets, times per game)`);
  for (const m of r.moves) {
    const seats = m.bySeat.filter((x) => x.perGame > 0).map((x) => `${x.seat} ${pct(x.games)} ${fmt(x.perGame)}`).join(" · ");
    out.push(`  ${pad(m.move, 26)} ${pad(m.name, 40)} ${pct(m.games).padStart(4)}  ${fmt(m.perGame).padStart(6)}/game  ${seats || "never chosen"}`);
    for (const x of m.bySeat) if (x.targets.length > 0) out.push(`      ${x.seat} on ${x.targets.map((t) => `${t.name} ${fmt(t.perGame)}`).join(" · ")}`);
  }
  const never = r.moves.filter((m) => m.perGame === 0).map((m) => m.move);
  out.push(
    never.length
      ? `  Never chosen by ${r.level} bots: ${never.join(", ")}${r.level === "fast" ? " (try --level strong; `scenario -- weigh` shows what a bot gains from each move)" : " (dominated for bots: say why in the scenario's guide)"}`
      : "  Every move was chosen by bots.",
  );

  out.push("", "Events (share of games it fired, times per game; options taken per game)");
  for (const e of r.events) {
    const opts = e.options.map((o) => `${o.label}: ${fmt(o.perGame)}`).join(" · ");
    out.push(`  ${pad(e.title, 44)} ${pct(e.games).padStart(4)}  ${fmt(e.perGame).padStart(6)}/game${opts ? `  ${opts}` : ""}`);
  }

  if (r.council.length > 0) {
    out.push("", "Security Council drafts (per game: tabled, passed, failed, vetoed, lapsed; each member's votes)");
    for (const d of r.council) {
      const o = d.outcomes;
      out.push(`  ${pad(d.name, 56)} tabled ${fmt(d.tabled)} in ${pct(d.games)} of games: passed ${fmt(o.passed)}, failed ${fmt(o.failed)}, vetoed ${fmt(o.vetoed)}, lapsed ${fmt(o.lapsed)}`);
      if (d.tabled > 0) {
        const votes = d.votes.map((v) => {
          const parts = (["yes", "no", "abstain", "veto"] as const).filter((k) => v[k] > 0).map((k) => `${k} ${pct(v[k])}`);
          return `${v.member} ${parts.join(" ")}`;
        });
        out.push(`      ${votes.join(" · ")}`);
      }
    }
  }

  for (const { title, rows } of quantityGroups(r)) {
    out.push("", `${title} at the end of the game`, `  ${"".padEnd(56)}  ${"start".padStart(9)}  ${"mean".padStart(9)}  ${"p10".padStart(9)}  ${"p90".padStart(9)}`);
    for (const q of rows) out.push(`  ${pad(q.label, 56)}  ${fmt(q.start).padStart(9)}  ${cells(q.end)}`);
  }
  return out.join("\n");
}

/** An experiment: each arm against the first, every number with its difference, significant ones first. */
export function renderExperiment(x: ExperimentResult, all = false): string {
  const out: string[] = [];
  const [base, ...others] = x.arms;
  out.push(`${x.scenario}: ${x.games} games per arm on the same seeds (seed ${x.seed}), ${x.level} bots on every other decision`);
  x.arms.forEach((a, i) => out.push(`  arm ${i + 1} "${a.name}": ${a.text || "(bots decide everything)"}`));
  others.forEach((arm, j) => {
    const rows = x.rows.filter((r) => r.diffs[j]!.diff !== 0 || r.means[0] !== 0);
    const sig = rows.filter((r) => r.significant[j]).sort((a, b) => Math.abs(b.diffs[j]!.t) - Math.abs(a.diffs[j]!.t));
    out.push("", `"${arm.name}" minus "${base!.name}": ${sig.length} of ${rows.length} numbers differ beyond noise (|t| ≥ 3, marked *)`);
    out.push(`  ${"".padEnd(64)}  ${pad(base!.name, 10).padStart(10)}  ${pad(arm.name, 10).padStart(10)}  ${"diff".padStart(9)}  ${"± se".padStart(8)}`);
    const shown = all ? [...sig, ...rows.filter((r) => !r.significant[j])] : sig;
    for (const r of shown) {
      const d = r.diffs[j]!;
      out.push(`${r.significant[j] ? "*" : " "} ${pad(r.label, 64)}  ${fmt(r.means[0]!).padStart(10)}  ${fmt(r.means[j + 1]!).padStart(10)}  ${`${d.diff >= 0 ? "+" : ""}${fmt(d.diff)}`.padStart(9)}  ${fmt(d.se).padStart(8)}`);
    }
    if (!all) out.push(`  (${rows.length - sig.length} more within noise: --all lists every number)`);
  });
  return out.join("\n");
}

/** The backtest table. */
export function renderBacktest(b: Backtest): string {
  const out = [`History backtest: ${b.games} bot games against the scenario's dated figures`, ""];
  out.push(`  ${"".padEnd(52)}  ${"month".padEnd(7)}  ${"real".padStart(9)}  ${"median".padStart(9)}  ${"p10".padStart(9)}  ${"p90".padStart(9)}  distance`);
  for (const r of b.rows) {
    out.push(`  ${pad(r.label, 52)}  ${r.date.padEnd(7)}  ${fmt(r.observed).padStart(9)}  ${fmt(r.median).padStart(9)}  ${fmt(r.p10).padStart(9)}  ${fmt(r.p90).padStart(9)}  ${r.distance.toFixed(2).padStart(8)}`);
  }
  out.push("", `Mean distance ${b.distance.toFixed(3)} (|median − real| / max(|real|, 1), averaged over the figures)`);
  return out.join("\n");
}

/** The fidelity check: each claim, its two arms, and each expected number with its difference. */
export function renderClaims(checks: readonly ClaimCheck[], games: number, level: string): string {
  const out = [`Causal claims over ${games} games per arm (same seeds, ${level} bots on every other decision); a number holds when it moves the stated way with |t| ≥ 3`];
  for (const c of checks) {
    out.push("", `${c.holds ? "HOLDS " : "FAILS "} ${c.id}: ${c.claim}`, `       "${c.arms[0]}" → "${c.arms[1]}"`);
    for (const r of c.results) {
      const d = r.diff;
      out.push(`  ${r.holds ? "✓" : "✗"} ${pad(r.label, 60)} ${r.change.padEnd(4)} ${fmt(r.means[0]).padStart(9)} → ${fmt(r.means[1]).padStart(9)}  ${`${d.diff >= 0 ? "+" : ""}${fmt(d.diff)}`.padStart(9)} ± ${fmt(d.se)}  t ${Number.isFinite(d.t) ? d.t.toFixed(1) : "∞"}`);
    }
  }
  const held = checks.filter((c) => c.holds).length;
  out.push("", `${held} of ${checks.length} claims hold.`);
  return out.join("\n");
}

/** A one-line progress bar, e.g. "[#######.............]  350/1000 games". */
export function progressBar(done: number, total: number, width = 30): string {
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total} games`;
}
