// Geometry the map scene draws besides countries: anchors per actor, curved links, dashes, arrows.
import type { ProjectedMap } from "../map/projection.ts";

export type Point = { x: number; y: number };

/** Anchor of an actor (its name, flows and badges): the label point of its largest map country. */
export function actorAnchors(map: ProjectedMap, actors: { id: string; mapIds: string[] }[]): Map<string, Point> {
  const byId = new Map(map.countries.map((c) => [c.id, c]));
  const out = new Map<string, Point>();
  for (const a of actors) {
    let best: { x: number; y: number; size: number } | null = null;
    for (const id of a.mapIds) {
      const c = byId.get(id);
      if (!c) continue;
      if (!best || c.size > best.size) best = { x: c.label[0], y: c.label[1], size: c.size };
    }
    if (best) out.set(a.id, { x: best.x, y: best.y });
  }
  return out;
}

/** Points along a quadratic curve bowing to one side by `bend` of the distance. */
export function curve(a: Point, b: Point, bend: number, steps = 24): Point[] {
  const mx = (a.x + b.x) / 2;
  const my = (a.y + b.y) / 2;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const cx = mx - dy * bend;
  const cy = my + dx * bend;
  const pts: Point[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    pts.push({ x: u * u * a.x + 2 * u * t * cx + t * t * b.x, y: u * u * a.y + 2 * u * t * cy + t * t * b.y });
  }
  return pts;
}

/** Splits a polyline into dashes of `on` length separated by `off`. */
export function dashes(points: Point[], on: number, off: number): [Point, Point][] {
  const out: [Point, Point][] = [];
  let drawing = true;
  let left = on;
  for (let i = 0; i + 1 < points.length; i++) {
    let p = points[i] as Point;
    const q = points[i + 1] as Point;
    let seg = Math.hypot(q.x - p.x, q.y - p.y);
    while (seg > 0) {
      const step = Math.min(seg, left);
      const t = step / seg;
      const np = { x: p.x + (q.x - p.x) * t, y: p.y + (q.y - p.y) * t };
      if (drawing) out.push([p, np]);
      p = np;
      seg -= step;
      left -= step;
      if (left <= 1e-9) {
        drawing = !drawing;
        left = drawing ? on : off;
      }
    }
  }
  return out;
}

/** The point at the middle of a polyline (by index; curves are evenly sampled). */
export function midpoint(points: Point[]): Point {
  return points[Math.floor(points.length / 2)] ?? { x: 0, y: 0 };
}
