// Small SVG charts: a sparkline for the country panel and a multi-series line chart for the report.
// Series differ by colour, dash pattern and an end label, so they read without colour too.
import { svg } from "../dom.ts";
import { cssColour, OKABE_ITO } from "../map/palette.ts";

export interface Series {
  label: string;
  points: { x: number; y: number }[];
}

const SERIES_COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.reddishPurple, OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.yellow];
const DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4"];

/** A tiny trend line (no axes) with the last point marked. */
export function sparkline(values: number[], width = 90, height = 22): SVGElement {
  const el = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "sparkline", role: "img", "aria-hidden": "true" });
  if (values.length < 2) return el;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || 1;
  const pts = values.map((v, i) => [(i / (values.length - 1)) * (width - 4) + 2, height - 2 - ((v - min) / span) * (height - 4)] as const);
  el.append(svg("polyline", { points: pts.map((p) => p.join(",")).join(" "), fill: "none", stroke: "currentColor", "stroke-width": 1.5 }));
  const last = pts[pts.length - 1];
  if (last) el.append(svg("circle", { cx: last[0], cy: last[1], r: 2.2, fill: "currentColor" }));
  return el;
}

/** A line chart of several series over turns, with axes, gridlines and labelled line ends. */
export function lineChart(series: Series[], title: string, width = 420, height = 200): SVGElement {
  const pad = { l: 36, r: 74, t: 18, b: 22 };
  const all = series.flatMap((s) => s.points);
  const el = svg("svg", { width: "100%", viewBox: `0 0 ${width} ${height}`, class: "line-chart", role: "img", "aria-label": title });
  el.append(svg("title", {}, document.createTextNode(title)));
  if (all.length === 0) return el;
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs, x0 + 1);
  let y0 = Math.min(...ys);
  let y1 = Math.max(...ys);
  if (y1 - y0 < 1e-9) {
    y0 -= 1;
    y1 += 1;
  }
  const X = (x: number): number => pad.l + ((x - x0) / (x1 - x0)) * (width - pad.l - pad.r);
  const Y = (y: number): number => height - pad.b - ((y - y0) / (y1 - y0)) * (height - pad.t - pad.b);
  for (const f of [0, 0.5, 1]) {
    const v = y0 + f * (y1 - y0);
    el.append(svg("line", { x1: pad.l, x2: width - pad.r, y1: Y(v), y2: Y(v), class: "grid" }));
    el.append(svg("text", { x: pad.l - 4, y: Y(v) + 3, "text-anchor": "end", class: "axis" }, document.createTextNode(String(Math.round(v * 10) / 10))));
  }
  for (let t = Math.ceil(x0); t <= x1; t += Math.max(1, Math.ceil((x1 - x0) / 8))) {
    el.append(svg("text", { x: X(t), y: height - 6, "text-anchor": "middle", class: "axis" }, document.createTextNode(`T${t}`)));
  }
  series.forEach((s, i) => {
    if (s.points.length === 0) return;
    const colour = cssColour(SERIES_COLOURS[i % SERIES_COLOURS.length] ?? OKABE_ITO.grey);
    el.append(
      svg("polyline", {
        points: s.points.map((p) => `${X(p.x)},${Y(p.y)}`).join(" "),
        fill: "none",
        stroke: colour,
        "stroke-width": 2,
        "stroke-dasharray": DASHES[i % DASHES.length] ?? "",
      }),
    );
    const last = s.points[s.points.length - 1];
    if (last) el.append(svg("text", { x: X(last.x) + 4, y: Y(last.y) + 3, fill: colour, class: "series-label" }, document.createTextNode(s.label)));
  });
  return el;
}
