// The charts of a simulation report, as Chart.js configurations: the HTML report of the CLI and
// the scenario workbench draw the same pictures from the same report.
import type { SimulationReport } from "./report.ts";

/** A Chart.js configuration (type, data, options), kept loose so this module needs no Chart.js types. */
export interface ChartSpec {
  id: string;
  title: string;
  /** Pixels the chart needs: a horizontal chart gives each row room for its label. */
  height: number;
  config: { type: string; data: unknown; options?: unknown };
}

/** The room of one row of a horizontal chart (its label's line), and of its title and legend. */
const ROW = 26;
const FRAME = 90;
const rowsHeight = (rows: number): number => Math.max(200, FRAME + rows * ROW);

const PALETTE = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442", "#999999"];

/** Score spread per seat, moves chosen, event rates, objectives met and council outcomes. */
export function reportCharts(r: SimulationReport): ChartSpec[] {
  // Every row is labelled: Chart.js otherwise drops labels it thinks crowded (every other move).
  const rowsAxis = (stacked: boolean) => ({ ...(stacked ? { stacked: true } : {}), ticks: { autoSkip: false } });
  const horizontal = (title: string, x: object, stacked = false) => ({
    indexAxis: "y",
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { display: true }, title: { display: true, text: title } },
    scales: { x, y: rowsAxis(stacked) },
  });
  const charts: ChartSpec[] = [];
  charts.push({
    id: "scores",
    title: "Final score as a share of each seat's maximum (p10–p90 bar, mean dot)",
    height: 280,
    config: {
      type: "bar",
      data: {
        labels: r.seats.map((s) => s.name),
        datasets: [
          { type: "bar", label: "p10–p90", data: r.seats.map((s) => [s.score.p10 / (s.max || 1), s.score.p90 / (s.max || 1)]), backgroundColor: "rgba(0,114,178,0.35)", minBarLength: 3 },
          // Not clipped: a seat that always scores its maximum still shows its dot (and, above, a sliver of bar).
          { type: "line", label: "mean", data: r.seats.map((s) => s.score.mean / (s.max || 1)), showLine: false, pointRadius: 6, backgroundColor: "#0072b2", clip: false },
        ],
      },
      options: { responsive: true, maintainAspectRatio: false, layout: { padding: { top: 8 } }, plugins: { title: { display: true, text: "Score / maximum" } }, scales: { y: { min: 0, max: 1 } } },
    },
  });
  const seats = r.seats.map((s) => s.seat);
  charts.push({
    id: "moves",
    title: "Moves: times chosen per game, by seat",
    height: rowsHeight(r.moves.length),
    config: {
      type: "bar",
      data: {
        labels: r.moves.map((m) => m.name),
        datasets: seats.map((seat, i) => ({
          label: seat,
          data: r.moves.map((m) => m.bySeat.find((b) => b.seat === seat)?.perGame ?? 0),
          backgroundColor: PALETTE[i % PALETTE.length],
        })),
      },
      options: horizontal("Times chosen per game", { stacked: true, beginAtZero: true }, true),
    },
  });
  charts.push({
    id: "events",
    title: "Events: share of games in which each fired",
    height: rowsHeight(r.events.length),
    config: {
      type: "bar",
      data: { labels: r.events.map((e) => e.title), datasets: [{ label: "share of games", data: r.events.map((e) => e.games), backgroundColor: "#009e73" }] },
      options: horizontal("Share of games", { min: 0, max: 1 }),
    },
  });
  const objectives = r.seats.flatMap((s) => s.objectives.map((o) => ({ label: `${s.seat}: ${o.label}`, met: o.met, attainment: o.attainment })));
  charts.push({
    id: "objectives",
    title: "Objectives: share of games met at the end, and mean attainment",
    height: rowsHeight(objectives.length),
    config: {
      type: "bar",
      data: {
        labels: objectives.map((o) => o.label),
        datasets: [
          { label: "met", data: objectives.map((o) => o.met), backgroundColor: "#0072b2" },
          { label: "attainment", data: objectives.map((o) => o.attainment), backgroundColor: "#e69f00" },
        ],
      },
      options: horizontal("Share / attainment", { min: 0, max: 1 }),
    },
  });
  if (r.council.length > 0) {
    const kinds = ["passed", "failed", "vetoed", "lapsed"] as const;
    charts.push({
      id: "council",
      title: "Security Council drafts per game, by outcome",
      height: rowsHeight(r.council.length),
      config: {
        type: "bar",
        data: {
          labels: r.council.map((d) => d.name),
          datasets: kinds.map((k, i) => ({ label: k, data: r.council.map((d) => d.outcomes[k]), backgroundColor: PALETTE[i] })),
        },
        options: horizontal("Drafts per game", { stacked: true, beginAtZero: true }, true),
      },
    });
  }
  return charts;
}
