// The simulation report as one self-contained HTML page: the charts of shared/analysis/charts.ts
// drawn by Chart.js (inlined, so the file opens offline) and the tables of the text report.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { reportCharts } from "../shared/analysis/charts.ts";
import type { SimulationReport } from "../shared/analysis/report.ts";
import { renderReport } from "./sim-report.ts";

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** A standalone page: a chart per figure of the report, then the full text tables. */
export function renderHtml(r: SimulationReport): string {
  // The UMD build is not in chart.js's exports map: find the package's folder from its main entry.
  const main = createRequire(import.meta.url).resolve("chart.js");
  const chartJs = readFileSync(join(dirname(main), "chart.umd.min.js"), "utf8");
  const charts = reportCharts(r);
  const figures = charts
    .map((c) => `<figure><figcaption>${esc(c.title)}</figcaption><div style="position:relative;height:${c.height}px"><canvas id="${c.id}"></canvas></div></figure>`)
    .join("\n");
  // JSON inside a script element: "<" is escaped so no text can close the element early.
  const data = JSON.stringify(charts.map((c) => ({ id: c.id, config: c.config }))).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.title)}: simulation report</title>
<style>body{font:15px/1.45 system-ui,sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
figure{margin:2rem 0}figcaption{font-weight:600;margin-bottom:.5rem}pre{font-size:12px;overflow-x:auto;background:#f6f6f6;padding:1rem}</style>
</head><body>
<h1>${esc(r.title)}</h1>
<p>${r.games} games, seed ${esc(r.seed)}, ${r.level} bots on every seat.</p>
${figures}
<h2>Tables</h2>
<pre>${esc(renderReport(r))}</pre>
<script>${chartJs}</script>
<script>for (const c of ${data}) new Chart(document.getElementById(c.id), c.config);</script>
</body></html>
`;
}
