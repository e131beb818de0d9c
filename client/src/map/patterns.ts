// Pattern geometry clipped to a country's shape, so relation bands and blocs differ by texture as
// well as colour. Pure: rings in, line segments and dots out (the scene just strokes them).
import type { Pattern } from "./palette.ts";
import type { Ring } from "./projection.ts";

export type Segment = [number, number, number, number];

/** Segments of parallel lines at `angle` radians, `spacing` apart, inside the rings (even-odd). */
export function clipLines(rings: Ring[], angle: number, spacing: number): Segment[] {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Rotate by -angle so the lines become horizontal scanlines.
  const rot = rings.map((r) => {
    const out: number[] = [];
    for (let i = 0; i < r.length; i += 2) {
      const x = r[i] as number;
      const y = r[i + 1] as number;
      out.push(x * cos + y * sin, -x * sin + y * cos);
    }
    return out;
  });
  let minY = Infinity;
  let maxY = -Infinity;
  for (const r of rot) for (let i = 1; i < r.length; i += 2) {
    minY = Math.min(minY, r[i] as number);
    maxY = Math.max(maxY, r[i] as number);
  }
  const segments: Segment[] = [];
  if (!Number.isFinite(minY)) return segments;
  // Anchor scanlines to a global grid so neighbouring countries' lines line up.
  for (let y = Math.ceil(minY / spacing) * spacing; y <= maxY; y += spacing) {
    const xs: number[] = [];
    for (const r of rot) {
      for (let i = 0, j = r.length - 2; i < r.length; j = i, i += 2) {
        const yi = r[i + 1] as number;
        const yj = r[j + 1] as number;
        if (yi > y !== yj > y) {
          const xi = r[i] as number;
          const xj = r[j] as number;
          xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
        }
      }
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const xa = xs[k] as number;
      const xb = xs[k + 1] as number;
      segments.push([xa * cos - y * sin, xa * sin + y * cos, xb * cos - y * sin, xb * sin + y * cos]);
    }
  }
  return segments;
}

/** Dots on a grid inside the rings. */
export function clipDots(rings: Ring[], spacing: number): [number, number][] {
  const dots: [number, number][] = [];
  for (const [x1, y1, x2] of clipLines(rings, 0, spacing)) {
    for (let x = Math.ceil(x1 / spacing) * spacing + spacing / 2; x < x2; x += spacing) dots.push([x, y1]);
  }
  return dots;
}

/** The geometry a pattern draws over a shape ("solid", "none" and "outline" draw no texture). */
export function patternGeometry(pattern: Pattern, rings: Ring[], spacing: number): { lines: Segment[]; dots: [number, number][] } {
  switch (pattern) {
    case "hatch":
      return { lines: clipLines(rings, Math.PI / 4, spacing), dots: [] };
    case "crosshatch":
      return { lines: [...clipLines(rings, Math.PI / 4, spacing), ...clipLines(rings, -Math.PI / 4, spacing)], dots: [] };
    case "vertical":
      return { lines: clipLines(rings, Math.PI / 2, spacing), dots: [] };
    case "horizontal":
      return { lines: clipLines(rings, 0, spacing), dots: [] };
    case "dots":
      return { lines: [], dots: clipDots(rings, spacing) };
    case "solid":
    case "none":
    case "outline":
      return { lines: [], dots: [] };
  }
}
