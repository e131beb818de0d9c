// Projects the bundled Natural Earth countries (world-atlas 110m) once into flat rings that the
// Phaser scene fills and hit-tests. Centred on East Asia; Ukraine and the United States are on the
// same sheet, reachable by panning and zooming.
import { geoCentroid, geoNaturalEarth1, geoPath, type GeoProjection } from "d3-geo";
import { feature } from "topojson-client";
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from "geojson";
import type { GeometryCollection, Topology } from "topojson-specification";

export type Ring = number[]; // flat [x0, y0, x1, y1, ...]

/** One country on the sheet. */
export interface CountryShape {
  /** ISO 3166-1 numeric code as world-atlas spells it ("156"), or "" when it has none. */
  id: string;
  name: string;
  /** Outer rings and holes, in projected pixels. */
  rings: Ring[];
  /** Where labels, flows and icons attach: the projected centroid of the largest polygon. */
  anchor: [number, number];
  bbox: [number, number, number, number];
}

export interface ProjectedMap {
  width: number;
  height: number;
  countries: CountryShape[];
  /** Bounds of everything drawn (for camera limits). */
  bounds: [number, number, number, number];
}

/** Rotation that puts the map's centre meridian near 130°E, between Beijing and Tokyo. */
export const CENTRE_LONGITUDE = 130;

/** Builds the projection fitted so the focus countries fill the sheet. */
export function makeProjection(width: number, height: number, focus: Feature[]): GeoProjection {
  const projection = geoNaturalEarth1().rotate([-CENTRE_LONGITUDE, 0]);
  const collection: FeatureCollection = { type: "FeatureCollection", features: focus };
  const pad = Math.round(Math.min(width, height) * 0.04);
  return projection.fitExtent(
    [
      [pad, pad],
      [width - pad, height - pad],
    ],
    collection,
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

function largestPolygon(geometry: Geometry): Polygon | null {
  if (geometry.type === "Polygon") return geometry;
  if (geometry.type !== "MultiPolygon") return null;
  const mp = geometry as MultiPolygon;
  let best: Polygon | null = null;
  let bestSize = -1;
  for (const coords of mp.coordinates) {
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

/**
 * Projects every country once. `focusIds` are the map ids the sheet is fitted to (the playable
 * seats); everything else is still drawn, possibly off-sheet, for panning.
 */
export function projectCountries(topology: Topology, width: number, height: number, focusIds: string[]): ProjectedMap {
  const features = countryFeatures(topology);
  const focusSet = new Set(focusIds);
  const focus = features.filter((f) => focusSet.has(String(f.id ?? "")));
  const projection = makeProjection(width, height, focus.length > 0 ? focus : features);
  const countries: CountryShape[] = [];
  for (const f of features) {
    const rec = new RingRecorder();
    geoPath(projection, rec as unknown as CanvasRenderingContext2D)(f);
    rec.flush();
    if (rec.rings.length === 0) continue;
    const main = largestPolygon(f.geometry);
    const anchorLonLat = main ? geoCentroid(main) : geoCentroid(f);
    const anchor = projection(anchorLonLat) ?? [0, 0];
    countries.push({ id: String(f.id ?? ""), name: f.properties.name, rings: rec.rings, anchor: [anchor[0], anchor[1]], bbox: ringsBBox(rec.rings) });
  }
  const bounds = ringsBBox(countries.flatMap((c) => c.rings));
  return { width, height, countries, bounds };
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
