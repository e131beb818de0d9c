// The scenario's theatre: the region the default view frames, the meridian the map is centred on,
// and the actors drawn as edge markers instead. From the scenario's optional `map` section, else
// computed from the seats' geometry: the seats that lie close together (the largest group within
// CLUSTER_DEGREES of one of them) make the theatre; a huge seat such as Russia counts only with the
// part of it near the others; every actor outside the theatre becomes an edge marker.
import { geoCentroid, geoDistance } from "d3-geo";
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from "geojson";
import type { Scenario } from "../../../shared/scenario/schema.ts";

export interface Theatre {
  /** [longitude, latitude] the projection is centred on. */
  centre: [number, number];
  /** [[west, south], [east, north]]; east may be smaller than west across the antimeridian. */
  bounds: [[number, number], [number, number]];
  /** Actors shown as markers at the edge of the view rather than framed. */
  insets: string[];
}

/** Seats whose main countries lie within this many degrees of the group's seed make one theatre. */
export const CLUSTER_DEGREES = 40;
const RAD = Math.PI / 180;

/** Outer rings of the polygon with the largest area (by shoelace in degrees: enough to pick). */
export function mainPolygon(geometry: Geometry): Polygon | null {
  if (geometry.type === "Polygon") return geometry;
  if (geometry.type !== "MultiPolygon") return null;
  let best: Polygon | null = null;
  let bestSize = -1;
  for (const coords of (geometry as MultiPolygon).coordinates) {
    const outer = coords[0] ?? [];
    let size = 0;
    for (let i = 0; i < outer.length; i++) {
      const [x1 = 0, y1 = 0] = outer[i] ?? [];
      const [x2 = 0, y2 = 0] = outer[(i + 1) % outer.length] ?? [];
      size += x1 * y2 - x2 * y1;
    }
    if (Math.abs(size) > bestSize) {
      bestSize = Math.abs(size);
      best = { type: "Polygon", coordinates: coords };
    }
  }
  return best;
}

/** Longitude folded into [centre - 180, centre + 180). */
const unwrap = (lon: number, centre: number): number => ((((lon - centre + 180) % 360) + 360) % 360) - 180 + centre;

/** The main country (largest by polygon) of an actor, as a feature. */
function actorShape(features: Map<string, Feature>, mapIds: string[]): { polygon: Polygon; centroid: [number, number] } | null {
  let best: { polygon: Polygon; centroid: [number, number]; size: number } | null = null;
  for (const id of mapIds) {
    const f = features.get(id);
    const p = f ? mainPolygon(f.geometry) : null;
    if (!p) continue;
    const outer = p.coordinates[0] ?? [];
    const lons = outer.map((q) => q[0] ?? 0);
    const lats = outer.map((q) => q[1] ?? 0);
    const size = (Math.max(...lons) - Math.min(...lons)) * (Math.max(...lats) - Math.min(...lats));
    if (!best || size > best.size) best = { polygon: p, centroid: geoCentroid(p) as [number, number], size };
  }
  return best;
}

/** The theatre of a scenario on the given world countries (world-atlas features keyed by id). */
export function theatreOf(scenario: Scenario, countries: Feature[]): Theatre {
  const features = new Map(countries.map((f) => [String(f.id ?? ""), f]));
  const shapes = new Map<string, { polygon: Polygon; centroid: [number, number] }>();
  for (const [id, a] of Object.entries(scenario.actors)) {
    const s = actorShape(features, a.mapIds);
    if (s) shapes.set(id, s);
  }
  const given = scenario.map ?? {};
  let bounds = given.bounds as Theatre["bounds"] | undefined;
  if (!bounds) bounds = defaultBounds(scenario, shapes);
  const [[w, s], [e, n]] = bounds;
  const east = e < w ? e + 360 : e;
  const centre: [number, number] = (given.centre as [number, number] | undefined) ?? [unwrap((w + east) / 2, 0), (s + n) / 2];
  const inside = (lon: number, lat: number): boolean => {
    const x = unwrap(lon, (w + east) / 2);
    return x >= w && x <= east && lat >= s && lat <= n;
  };
  const insets =
    given.insets ??
    [...shapes.entries()].filter(([, sh]) => !sh.polygon.coordinates[0]?.some((p) => inside(p[0] ?? 0, p[1] ?? 0))).map(([id]) => id);
  return { centre, bounds, insets };
}

/** The box around the close-together seats (see the file header), with a small margin. */
function defaultBounds(scenario: Scenario, shapes: Map<string, { polygon: Polygon; centroid: [number, number] }>): Theatre["bounds"] {
  const seats = Object.entries(scenario.actors)
    .filter(([id, a]) => a.playable && shapes.has(id))
    .map(([id]) => ({ id, ...shapes.get(id)! }));
  const pool = seats.length > 0 ? seats : [...shapes.entries()].map(([id, s]) => ({ id, ...s }));
  if (pool.length === 0) return [[-180, -60], [180, 80]];
  const near = (a: Position, b: Position): boolean => geoDistance(a as [number, number], b as [number, number]) <= CLUSTER_DEGREES * RAD;
  // The seed with the most seats near it; ties go to the tighter group.
  let group = pool;
  let bestScore = -Infinity;
  for (const seed of pool) {
    const members = pool.filter((x) => near(seed.centroid, x.centroid));
    const spread = members.reduce((sum, x) => sum + geoDistance(seed.centroid, x.centroid), 0);
    const score = members.length * 1000 - spread;
    if (score > bestScore) {
      bestScore = score;
      group = members;
    }
  }
  const mid = geoCentroid({ type: "MultiPoint", coordinates: group.map((x) => x.centroid) });
  // Each member's outline, keeping only points about as near the middle as the members' own centres
  // (so Russia counts with its far east, not with Kaliningrad or the Arctic coast).
  const radius = Math.max(8 * RAD, 0.8 * Math.max(...group.map((x) => geoDistance(mid as [number, number], x.centroid))));
  const pts: [number, number][] = [];
  for (const x of group) {
    for (const p of x.polygon.coordinates[0] ?? []) {
      if (geoDistance(mid as [number, number], p as [number, number]) <= radius) pts.push([unwrap(p[0] ?? 0, mid[0]), p[1] ?? 0]);
    }
  }
  if (pts.length === 0) pts.push(...group.map((x) => [unwrap(x.centroid[0], mid[0]), x.centroid[1]] as [number, number]));
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  const [w, e, s, n] = [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
  const mx = Math.max(2, (e - w) * 0.05);
  const my = Math.max(2, (n - s) * 0.05);
  const wrap = (lon: number): number => unwrap(lon, 0);
  return [
    [wrap(w - mx), Math.max(-85, s - my)],
    [wrap(e + mx), Math.min(85, n + my)],
  ];
}
