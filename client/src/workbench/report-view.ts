// The simulation report as charts (Chart.js, the same figures as `simulate --html`) and a
// side-by-side comparison of two versions' reports.
import Chart from "chart.js/auto";
import type { ChartConfiguration } from "chart.js";
import { reportCharts } from "../../../shared/analysis/charts.ts";
import { balanceSummary, quantityGroups, TOP_TARGETS, type SimulationReport } from "../../../shared/analysis/report.ts";
import { h, replace } from "../dom.ts";

// Light text and grid on the dark panels.
Chart.defaults.color = "#d8e0e8";
Chart.defaults.borderColor = "rgba(255,255,255,0.12)";

let live: { destroy(): void }[] = [];

const fmtValue = (n: number): string => (Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 1 ? n.toFixed(1) : n.toFixed(2));

/** Draws every chart of the report into `box` (replacing what was there). */
export function drawReport(box: HTMLElement, r: SimulationReport, ms: number): void {
  for (const c of live) c.destroy();
  live = [];
  const never = r.moves.filter((m) => m.games === 0).map((m) => m.name);
  const figures = reportCharts(r).map((c) => {
    const canvas = h("canvas", { id: `chart-${c.id}` });
    return { c, canvas, fig: h("figure", { class: "chart", "data-chart": c.id }, h("figcaption", {}, c.title), h("div", { class: "chart-box", style: `height:${c.height}px` }, canvas)) };
  });
  replace(
    box,
    h("p", { class: "sim-summary", id: "sim-summary" }, `${r.games} games, seed ${r.seed}, ${r.level} bots on every seat, in ${(ms / 1000).toFixed(1)} s.`),
    h(
      "table",
      { class: "scores" },
      h("thead", {}, h("tr", {}, ["Seat", "mean", "p10", "p90", "of max"].map((t) => h("th", {}, t)))),
      h("tbody", {}, r.seats.map((s) => h("tr", {}, h("th", {}, s.name), h("td", {}, s.score.mean.toFixed(2)), h("td", {}, s.score.p10.toFixed(2)), h("td", {}, s.score.p90.toFixed(2)), h("td", {}, `${s.max}`)))),
    ),
    // The same summary `simulate` prints first: what to look at before the charts.
    h("section", { class: "balance", id: "balance" }, h("h3", {}, "Balance"), h("ul", {}, balanceSummary(r).map((line) => h("li", {}, line)))),
    never.length ? h("p", { class: "warning" }, `Never chosen by the bots: ${never.join(", ")}. See "Bots and balancing" in the guide.`) : null,
    figures.map((f) => f.fig),
    movesTable(r),
    // The values at the end against their start, as `simulate` prints them: where thresholds and limits are read.
    h(
      "section",
      { class: "end-values", id: "end-values" },
      h("h3", {}, "Values at the end of the game"),
      quantityGroups(r).map((g) =>
        h(
          "table",
          { class: "scores" },
          h("caption", {}, g.title),
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, h("span", { class: "sr-only" }, "Quantity")), ["start", "mean", "p10", "p90"].map((t) => h("th", { scope: "col" }, t)))),
          h("tbody", {}, g.rows.map((q) => h("tr", {}, h("th", { scope: "row" }, q.label), ...[q.start, q.end.mean, q.end.p10, q.end.p90].map((n) => h("td", { class: "num" }, fmtValue(n)))))),
        ),
      ),
    ),
  );
  // The specs are plain Chart.js configurations (shared/analysis/charts.ts keeps them untyped).
  for (const f of figures) {
    const chart = new Chart(f.canvas, f.c.config as unknown as ChartConfiguration);
    live.push(chart);
    // How many row labels Chart.js drew on a horizontal chart (it drops those it finds crowded):
    // the canvas shows no text to read, so the browser test reads this.
    if (chart.options.indexAxis === "y") f.fig.dataset.labelsShown = `${chart.scales.y?.ticks.length ?? 0} of ${chart.data.labels?.length ?? 0}`;
  }
}

/**
 * The moves chart as a table: every move by its full name, each seat's times per game and its most
 * frequent targets (the chart has no room for targets, and a table is read by screen readers).
 */
function movesTable(r: SimulationReport): HTMLElement {
  const seats = r.seats.map((s) => s.seat);
  const cell = (m: SimulationReport["moves"][number], seat: string) => {
    const b = m.bySeat.find((x) => x.seat === seat);
    if (!b) return h("td", { class: "na" }, "–");
    const on = b.targets.map((t) => `${t.name} ${fmtValue(t.perGame)}`).join(", ");
    return h("td", {}, fmtValue(b.perGame), on ? h("span", { class: "targets" }, `on ${on}`) : null);
  };
  return h(
    "details",
    { class: "moves-table", id: "moves-table" },
    h("summary", {}, `Moves as a table: times chosen per game by seat, with the ${TOP_TARGETS} most frequent targets`),
    h(
      "table",
      { class: "scores" },
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Move"), seats.map((seat) => h("th", { scope: "col" }, seat)))),
      h("tbody", {}, r.moves.map((m) => h("tr", {}, h("th", { scope: "row" }, m.name), seats.map((seat) => cell(m, seat))))),
    ),
  );
}

let compareChart: { destroy(): void } | null = null;

/** Version A next to version B: mean score share per seat, side by side, and the table. */
export function drawComparison(box: HTMLElement, a: SimulationReport, b: SimulationReport): void {
  compareChart?.destroy();
  const seats = [...new Set([...a.seats.map((s) => s.seat), ...b.seats.map((s) => s.seat)])];
  const share = (r: SimulationReport, seat: string) => {
    const s = r.seats.find((x) => x.seat === seat);
    return s ? s.score.mean / (s.max || 1) : 0;
  };
  const name = (seat: string) => b.seats.find((s) => s.seat === seat)?.name ?? a.seats.find((s) => s.seat === seat)?.name ?? seat;
  const canvas = h("canvas", { id: "chart-compare" });
  replace(
    box,
    h(
      "table",
      { class: "scores" },
      h("thead", {}, h("tr", {}, ["Seat", "A: mean / max", "B: mean / max", "change"].map((t) => h("th", {}, t)))),
      h(
        "tbody",
        {},
        seats.map((seat) => {
          const [x, y] = [share(a, seat), share(b, seat)];
          return h("tr", {}, h("th", {}, name(seat)), h("td", {}, `${Math.round(x * 100)}%`), h("td", {}, `${Math.round(y * 100)}%`), h("td", {}, `${y >= x ? "+" : ""}${Math.round((y - x) * 100)} pts`));
        }),
      ),
    ),
    h("div", { class: "chart-box", style: "height:260px" }, canvas),
  );
  compareChart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: seats.map(name),
      datasets: [
        { label: "Version A", data: seats.map((s) => share(a, s)), backgroundColor: "#999999" },
        { label: "Version B (editor)", data: seats.map((s) => share(b, s)), backgroundColor: "#0072b2" },
      ],
    },
    options: { responsive: true, maintainAspectRatio: false, plugins: { title: { display: true, text: "Mean score / maximum" } }, scales: { y: { min: 0, max: 1 } } },
  });
}
