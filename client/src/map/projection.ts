// Projects the bundled Natural Earth countries (world-atlas 110m) once into flat rings that the
// Phaser scene fills and hit-tests. The projection is centred on the scenario's theatre (map.centre,
// or the middle of the theatre computed from the seats) and fitted so the theatre fills the sheet;
// the rest of the world is drawn around it, reachable by panning.
import { geoCentroid, geoNaturalEarth1, geoPath, type GeoProjection } from "d3-geo";
import polylabel from "polylabel";
import { mainPolygon, type Theatre } from "./theatre.ts";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";

export type Ring = number[]; // flat [x0, y0, x1, y1, ...]

/** One country on the sheet. */
export interface CountryShape {
  /** ISO 3166-1 numeric code as world-atlas spells it ("156"), or "" when it has none. */
  id: string;
  name: string;
  /** Outer rings and holes, in projected pixels. */
  rings: Ring[];
  /** The projected centroid of the largest polygon. */
  anchor: [number, number];
  /**
   * Where the name, flows and icons go: the point inside the largest polygon farthest from its edges
   * (within the sheet when the polygon reaches beyond it).
   */
  label: [number, number];
  /** Area of the largest polygon in square sheet units (label priority). */
  size: number;
  bbox: [number, number, number, number];
}

export interface ProjectedMap {
  width: number;
  height: number;
  countries: CountryShape[];
  /** Bounds of everything drawn (for camera limits). */
  bounds: [number, number, number, number];
  /** The theatre's box on the sheet: what the default view frames. */
  theatre: [number, number, number, number];
}

/** Points along the edges of a lon/lat box, so fitting follows the projection's curved edges. */
export function boxOutline([[w, s], [e, n]]: Theatre["bounds"], steps = 12): [number, number][] {
  const east = e < w ? e + 360 : e;
  const pts: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const lon = w + ((east - w) * i) / steps;
    const lat = s + ((n - s) * i) / steps;
    pts.push([lon, s], [lon, n], [w, lat], [east, lat]);
  }
  return pts.map(([lon, lat]) => [lon > 180 ? lon - 360 : lon, lat]);
}

/** The projection centred on the theatre and fitted so its box fills the sheet. */
export function makeProjection(width: number, height: number, theatre: Theatre): GeoProjection {
  const projection = geoNaturalEarth1().rotate([-theatre.centre[0], 0]);
  const pad = Math.round(Math.min(width, height) * 0.02);
  return projection.fitExtent(
    [
      [pad, pad],
      [width - pad, height - pad],
    ],
    { type: "MultiPoint", coordinates: boxOutline(theatre.bounds) },
  );
}

/** Countries as GeoJSON features from the TopoJSON topology. */
export function countryFeatures(topology: Topology): Feature<Geometry, { name: string }>[] {
  const object = topology.objects["countries"] as GeometryCollection<{ name: string }>;
  const fc = feature(topology, object) as FeatureCollection<Geometry, { name: string }>;
  // Antarctica only stretches the sheet; no scenario is about it.
  return fc.features.filter((f) => f.id !== "010");
}

/** Records d3-geo path commands as flat rings. */
class RingRecorder {
  rings: Ring[] = [];
  private current: Ring = [];
  beginPath(): void {}
  moveTo(x: number, y: number): void {
    this.flush();
    this.current = [x, y];
  }
  lineTo(x: number, y: number): void {
    this.current.push(x, y);
  }
  closePath(): void {
    this.flush();
  }
  arc(): void {}
  flush(): void {
    if (this.current.length >= 6) this.rings.push(this.current);
    this.current = [];
  }
}

/** Bounding box of flat rings. */
export function ringsBBox(rings: Ring[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rings) {
    for (let i = 0; i < r.length; i += 2) {
      const x = r[i] as number;
      const y = r[i + 1] as number;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  return [x0, y0, x1, y1];
}

/** Flat rings of one geometry under a projection. */
function projectRings(projection: GeoProjection, geometry: Geometry | Feature): Ring[] {
  const rec = new RingRecorder();
  geoPath(projection, rec as unknown as CanvasRenderingContext2D)(geometry);
  rec.flush();
  return rec.rings;
}

/** Shoelace area of a flat ring. */
function ringArea(r: Ring): number {
  let a = 0;
  for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) a += (r[j] as number) * (r[i + 1] as number) - (r[i] as number) * (r[j + 1] as number);
  return Math.abs(a) / 2;
}

/** Sutherland–Hodgman: a ring clipped to a box (convex clip), as a flat ring. */
export function clipRing(r: Ring, [x0, y0, x1, y1]: [number, number, number, number]): Ring {
  type P = [number, number];
  let pts: P[] = [];
  for (let i = 0; i < r.length; i += 2) pts.push([r[i] as number, r[i + 1] as number]);
  const edges: [(p: P) => boolean, (a: P, b: P) => P][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  for (const [inside, cut] of edges) {
    const out: P[] = [];
    for (let i = 0; i < pts.length; i++) {
      const cur = pts[i] as P;
      const prev = pts[(i + pts.length - 1) % pts.length] as P;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cut(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cut(prev, cur));
    }
    pts = out;
    if (pts.length === 0) break;
  }
  return pts.flat();
}

/**
 * The label point of projected rings: polylabel on the largest outer ring (with the holes inside it),
 * clipped to `box` when the shape reaches beyond it (Russia is labelled in the part the theatre shows).
 */
function labelPoint(rings: Ring[], box?: [number, number, number, number]): { at: [number, number]; size: number } | null {
  let best: Ring | null = null;
  let bestArea = 0;
  for (const r of rings) {
    const a = ringArea(r);
    if (a > bestArea) {
      bestArea = a;
      best = r;
    }
  }
  if (!best) return null;
  if (box) {
    const clipped = clipRing(best, box);
    if (clipped.length >= 6 && ringArea(clipped) > 0.02 * bestArea && ringArea(clipped) < 0.98 * bestArea) return labelPoint([clipped]);
  }
  const toPoints = (r: Ring): number[][] => {
    const pts: number[][] = [];
    for (let i = 0; i < r.length; i += 2) pts.push([r[i] as number, r[i + 1] as number]);
    return pts;
  };
  const outer = best;
  const holes = rings.filter((r) => r !== outer && ringArea(r) < bestArea && pointInRings(r[0] as number, r[1] as number, [outer]));
  const p = polylabel([toPoints(outer), ...holes.map(toPoints)], 0.5);
  return { at: [p[0] ?? 0, p[1] ?? 0], size: bestArea };
}

/**
 * Projects every country once, with the theatre filling the sheet; everything else is still drawn,
 * off the sheet, for panning. `labelIds` limits the label-point search to the countries that carry
 * a name (all when absent).
 */
export function projectCountries(topology: Topology, width: number, height: number, theatre: Theatre, labelIds?: ReadonlySet<string>): ProjectedMap {
  const features = countryFeatures(topology);
  const projection = makeProjection(width, height, theatre);
  const tb = ringsBBox([boxOutline(theatre.bounds).flatMap((p) => projection(p) ?? [])]);
  // Names of countries reaching beyond the theatre go in the part of them the default view shows.
  const inner: [number, number, number, number] = [tb[0] + (tb[2] - tb[0]) * 0.03, tb[1] + (tb[3] - tb[1]) * 0.03, tb[2] - (tb[2] - tb[0]) * 0.03, tb[3] - (tb[3] - tb[1]) * 0.03];
  const countries: CountryShape[] = [];
  for (const f of features) {
    const rings = projectRings(projection, f);
    if (rings.length === 0) continue;
    const main = mainPolygon(f.geometry);
    const anchorLonLat = main ? geoCentroid(main) : geoCentroid(f);
    const anchor = projection(anchorLonLat) ?? [0, 0];
    // The main polygon may be cut by the map's edge: label the largest piece of it.
    // Only countries that carry a name (the scenario's actors) need the label search.
    const wanted = !labelIds || labelIds.has(String(f.id ?? ""));
    const label = (wanted ? labelPoint(main ? projectRings(projection, main) : rings, inner) : null) ?? { at: [anchor[0], anchor[1]] as [number, number], size: wanted ? 0 : ringArea(rings[0] ?? []) };
    countries.push({ id: String(f.id ?? ""), name: f.properties.name, rings, anchor: [anchor[0], anchor[1]], label: label.at, size: label.size, bbox: ringsBBox(rings) });
  }
  const bounds = ringsBBox(countries.flatMap((c) => c.rings));
  return { width, height, countries, bounds, theatre: tb };
}

/** Even-odd point-in-polygon over all rings of a shape (holes subtract). */
export function pointInRings(x: number, y: number, rings: Ring[]): boolean {
  let inside = false;
  for (const r of rings) {
    for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
      const xi = r[i] as number;
      const yi = r[i + 1] as number;
      const xj = r[j] as number;
      const yj = r[j + 1] as number;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** The country under a point, if any. */
export function countryAt(map: ProjectedMap, x: number, y: number): CountryShape | null {
  for (const c of map.countries) {
    const [x0, y0, x1, y1] = c.bbox;
    if (x < x0 || x > x1 || y < y0 || y > y1) continue;
    if (pointInRings(x, y, c.rings)) return c;
  }
  return null;
}
