// Markers at the edge of the map for actors outside the view (the scenario's distant actors:
// Washington, Brussels, the council's far-away members): an arrow pointing the way, a colour swatch
// and the name, as real buttons (keyboard and screen readers reach them; a click selects the actor).
// Pure placement (placeMarkers) is separate from the DOM so it can be tested.
import { h } from "../dom.ts";
import { cssColour } from "../map/palette.ts";

export interface MarkerInput {
  id: string;
  name: string;
  glyph: string;
  colour: number;
  /** Direction from the view's centre to the actor, in screen pixels. */
  dx: number;
  dy: number;
}

export interface PlacedMarker extends MarkerInput {
  edge: "left" | "right" | "top" | "bottom";
  /** Position along the edge (px from the top for left/right, from the left for top/bottom). */
  at: number;
}

const ARROWS = { left: "◀", right: "▶", top: "▲", bottom: "▼" } as const;

type Edge = PlacedMarker["edge"];
/** How far a marker beside a side edge reaches into the view: its max-width (11rem) and margin. */
const MARKER_REACH_PX = 190;
/** The part of each edge markers may use (px along it, as `at`); the rest is under another overlay. */
export type EdgeSpans = Partial<Record<Edge, { start: number; end: number }>>;

/**
 * Which edge each marker sits on (where the ray from the centre leaves the view) and where along
 * it, pushed apart so none overlaps (`size` px apart) and kept inside the edge, within `spans`
 * where given (say, above the map key in the bottom-right corner).
 */
export function placeMarkers(list: MarkerInput[], width: number, height: number, size: number, spans: EdgeSpans = {}): PlacedMarker[] {
  const placed: PlacedMarker[] = list.map((m) => {
    const sx = m.dx === 0 ? Infinity : width / 2 / Math.abs(m.dx);
    const sy = m.dy === 0 ? Infinity : height / 2 / Math.abs(m.dy);
    if (sx <= sy) return { ...m, edge: m.dx < 0 ? "left" : "right", at: height / 2 + m.dy * sx };
    return { ...m, edge: m.dy < 0 ? "top" : "bottom", at: width / 2 + m.dx * sy };
  });
  for (const edge of ["left", "right", "top", "bottom"] as const) {
    const span = edge === "left" || edge === "right" ? height : width;
    const first = Math.max(0, spans[edge]?.start ?? 0) + size / 2 + 4;
    const last = Math.min(span, spans[edge]?.end ?? span) - size / 2 - 4;
    const mine = placed.filter((m) => m.edge === edge).sort((a, b) => a.at - b.at);
    for (let i = 0; i < mine.length; i++) {
      const m = mine[i]!;
      m.at = Math.max(m.at, first, i > 0 ? mine[i - 1]!.at + size : -Infinity);
    }
    // Pushed past the far end: shift the whole stack back.
    for (let i = mine.length - 1; i >= 0; i--) {
      const m = mine[i]!;
      m.at = Math.min(m.at, last, i < mine.length - 1 ? mine[i + 1]!.at - size : Infinity);
    }
  }
  return placed;
}

/** The DOM layer of edge markers over the board. */
export class EdgeMarkers {
  private layer: HTMLElement;
  private buttons = new Map<string, HTMLButtonElement>();
  /** On a narrow map, one folded marker per edge ("◀ 9 more") that unfolds the list. */
  private groups = new Map<PlacedMarker["edge"], HTMLButtonElement>();
  private unfolded = new Set<PlacedMarker["edge"]>();
  private last: { list: MarkerInput[]; width: number; height: number } | null = null;
  /** Overlays in the same host that markers stay clear of (`data-keep-clear`: the map key); placed again when one changes size. */
  private overlays: HTMLElement[];
  private resized: ResizeObserver | null = null;
  /** The free spans for the board size they were measured at: reading the overlays' boxes forces a layout, and place() runs every frame of a pan. */
  private spans: { key: string; spans: EdgeSpans } | null = null;

  constructor(host: HTMLElement, private onPick: (id: string) => void) {
    this.layer = h("div", { class: "edge-markers", role: "group", "aria-label": "Countries outside the map view" });
    host.append(this.layer);
    this.overlays = [...host.querySelectorAll<HTMLElement>("[data-keep-clear]")];
    if (typeof ResizeObserver !== "undefined" && this.overlays.length) {
      this.resized = new ResizeObserver(() => {
        this.spans = null;
        if (this.last) this.place(this.last.list, this.last.width, this.last.height);
      });
      for (const el of this.overlays) this.resized.observe(el);
    }
  }

  /**
   * The part of each edge no overlay covers, for overlays in a corner: one reaching into an edge's
   * band of markers at that edge's end shortens it (the map key, bottom right, ends the right
   * edge above it and the bottom edge left of it).
   */
  private freeSpans(width: number, height: number, size: number): EdgeSpans {
    const key = `${width}x${height}/${size}`;
    if (this.spans?.key === key) return this.spans.spans;
    const origin = this.layer.getBoundingClientRect();
    const spans: Required<EdgeSpans> = { left: { start: 0, end: height }, right: { start: 0, end: height }, top: { start: 0, end: width }, bottom: { start: 0, end: width } };
    // How far a marker reaches into the view: its width (at most 11rem) beside a side edge, its height above or below.
    const across = MARKER_REACH_PX;
    const along = size + 8;
    const shorten = (span: { start: number; end: number }, from: number, to: number, length: number, reach: number): void => {
      if (to >= length - reach) span.end = Math.min(span.end, from);
      else if (from <= reach) span.start = Math.max(span.start, to);
    };
    for (const el of this.overlays) {
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height || el.hidden) continue;
      const [x0, x1, y0, y1] = [r.left - origin.left, r.right - origin.left, r.top - origin.top, r.bottom - origin.top];
      if (x1 > width - across) shorten(spans.right, y0, y1, height, along);
      if (x0 < across) shorten(spans.left, y0, y1, height, along);
      if (y1 > height - along) shorten(spans.bottom, x0, x1, width, across);
      if (y0 < along) shorten(spans.top, x0, x1, width, across);
    }
    this.spans = { key, spans };
    return spans;
  }

  /** Shows `list` (and hides every other marker). */
  place(list: MarkerInput[], width: number, height: number): void {
    this.last = { list, width, height };
    const phone = width < 560;
    const size = phone ? 46 : 30;
    const seen = new Set<string>();
    const placed = placeMarkers(list, width, height, size, this.freeSpans(width, height, size));
    const folded = new Set<PlacedMarker["edge"]>();
    for (const edge of ["left", "right", "top", "bottom"] as const) {
      const mine = placed.filter((m) => m.edge === edge);
      let g = this.groups.get(edge);
      if (!phone || mine.length < 2) {
        if (g) g.hidden = true;
        continue;
      }
      if (!g) {
        g = h("button", { type: "button", class: "edge-marker edge-group", "data-edge": edge, onclick: () => this.toggle(edge) });
        this.groups.set(edge, g);
        this.layer.append(g);
      }
      const open = this.unfolded.has(edge);
      if (!open) folded.add(edge);
      g.textContent = open ? `✕ Hide ${mine.length}` : `${ARROWS[edge]} ${mine.length} more`;
      g.setAttribute("aria-expanded", String(open));
      g.title = `${mine.length} countries outside the view, this way: ${mine.map((m) => m.name).join(", ")}`;
      const vertical = edge === "left" || edge === "right";
      g.style.left = edge === "left" ? "4px" : edge === "right" ? "" : `${Math.round(width / 2)}px`;
      g.style.right = edge === "right" ? "4px" : "";
      g.style.top = edge === "top" ? "4px" : edge === "bottom" ? "" : `${Math.round(vertical ? size / 2 + 4 : 0)}px`;
      g.style.bottom = edge === "bottom" ? "4px" : "";
      g.hidden = false;
      // Unfolded, the list starts below the group button.
      if (open && vertical) mine.forEach((m, i) => (m.at = size * 1.5 + 8 + i * size));
    }
    for (const m of placed) {
      if (folded.has(m.edge)) continue;
      seen.add(m.id);
      let b = this.buttons.get(m.id);
      if (!b) {
        b = h("button", { type: "button", class: "edge-marker", "data-actor": m.id, onclick: () => this.onPick(m.id) });
        this.buttons.set(m.id, b);
        this.layer.append(b);
      }
      const label = `${ARROWS[m.edge]} ${m.glyph} ${m.name}`;
      if (b.textContent !== label) b.textContent = label;
      b.title = `${m.name}: outside the view, this way. Select to see its details.`;
      b.style.setProperty("--swatch", cssColour(m.colour));
      b.dataset["edge"] = m.edge;
      b.hidden = false;
      // Along the top or bottom, the marker's own width keeps it inside the view.
      const across = m.edge === "top" || m.edge === "bottom" ? Math.min(Math.max(4, m.at - b.offsetWidth / 2), width - b.offsetWidth - 4) : 0;
      b.style.left = m.edge === "left" ? "4px" : m.edge === "right" ? "" : `${Math.round(across)}px`;
      b.style.right = m.edge === "right" ? "4px" : "";
      b.style.top = m.edge === "top" ? "4px" : m.edge === "bottom" ? "" : `${Math.round(m.at)}px`;
      b.style.bottom = m.edge === "bottom" ? "4px" : "";
      b.hidden = false;
    }
    for (const [id, b] of this.buttons) if (!seen.has(id)) b.hidden = true;
  }

  private toggle(edge: PlacedMarker["edge"]): void {
    if (this.unfolded.has(edge)) this.unfolded.delete(edge);
    else this.unfolded.add(edge);
    if (this.last) this.place(this.last.list, this.last.width, this.last.height);
  }

  destroy(): void {
    this.resized?.disconnect();
    this.layer.remove();
  }
}
