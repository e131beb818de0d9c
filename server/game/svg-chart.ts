// Line charts as SVG text, for the after-action report: a page that must open offline and print,
// so the charts are drawn on the server into the page instead of by a script. Series differ by
// colour, dash and an end label, so they read in black and white too (the client's charts.ts
// draws the same style into the DOM).

export interface ChartSeries {
  label: string;
  points: { x: number; y: number }[];
}

/** Okabe–Ito colours (safe for colour-blind readers), then grey. */
const COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#b8a400", "#666666"];
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "3 1"];

/** Escapes text for HTML and SVG. */
export function esc(text: string | number): string {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const num = (x: number): string => (Math.round(x * 10) / 10).toString();

/**
 * A line chart over turns with axes, gridlines and labelled line ends. `yRange` fixes the axis
 * (an indicator's declared range); otherwise it fits the data.
 */
export function lineChartSvg(title: string, series: ChartSeries[], opts: { yRange?: [number, number]; percent?: boolean; width?: number; height?: number } = {}): string {
  const width = opts.width ?? 560;
  const height = opts.height ?? 220;
  const pad = { l: 44, r: series.length > 1 ? 120 : 16, t: 24, b: 24 };
  const all = series.flatMap((s) => s.points);
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}" class="chart">`);
  parts.push(`<title>${esc(title)}</title>`);
  parts.push(`<text x="${pad.l}" y="14" class="chart-title">${esc(title)}</text>`);
  if (all.length === 0) return `${parts.join("")}</svg>`;
  const xs = all.map((p) => p.x);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs, x0 + 1);
  let [y0, y1] = opts.yRange ?? [Math.min(...all.map((p) => p.y)), Math.max(...all.map((p) => p.y))];
  if (y1 - y0 < 1e-9) {
    y0 -= 1;
    y1 += 1;
  }
  const X = (x: number): number => pad.l + ((x - x0) / (x1 - x0)) * (width - pad.l - pad.r);
  const Y = (y: number): number => height - pad.b - ((y - y0) / (y1 - y0)) * (height - pad.t - pad.b);
  const yText = (v: number): string => (opts.percent ? `${Math.round(v * 100)}%` : num(v));
  for (const f of [0, 0.25, 0.5, 0.75, 1]) {
    const v = y0 + f * (y1 - y0);
    parts.push(`<line x1="${pad.l}" x2="${width - pad.r}" y1="${Y(v).toFixed(1)}" y2="${Y(v).toFixed(1)}" class="grid"/>`);
    parts.push(`<text x="${pad.l - 4}" y="${(Y(v) + 3).toFixed(1)}" text-anchor="end" class="axis">${esc(yText(v))}</text>`);
  }
  const step = Math.max(1, Math.ceil((x1 - x0) / 12));
  for (let t = Math.ceil(x0); t <= x1; t += step) parts.push(`<text x="${X(t).toFixed(1)}" y="${height - 8}" text-anchor="middle" class="axis">T${t}</text>`);
  // End labels are pushed apart so they do not overlap.
  const ends: { y: number; label: string; colour: string }[] = [];
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const colour = COLOURS[i % COLOURS.length]!;
    const dash = DASHES[i % DASHES.length]!;
    const pts = s.points.map((p) => `${X(p.x).toFixed(1)},${Y(p.y).toFixed(1)}`).join(" ");
    parts.push(`<polyline points="${pts}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`);
    const last = s.points[s.points.length - 1]!;
    ends.push({ y: Y(last.y), label: s.label, colour });
  });
  ends.sort((a, b) => a.y - b.y);
  for (let i = 1; i < ends.length; i++) if (ends[i]!.y - ends[i - 1]!.y < 11) ends[i]!.y = ends[i - 1]!.y + 11;
  // One series needs no label: the title names it.
  if (series.length > 1) for (const e of ends) parts.push(`<text x="${width - pad.r + 4}" y="${(e.y + 3).toFixed(1)}" class="series-label" fill="${e.colour}">${esc(e.label)}</text>`);
  parts.push("</svg>");
  return parts.join("");
}
