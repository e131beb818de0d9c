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
  /** The marker's width in px: what it takes along a top or bottom edge (along a side edge it takes `size`). */
  length?: number;
}

export interface PlacedMarker extends MarkerInput {
  edge: "left" | "right" | "top" | "bottom";
  /** Position of its middle along the edge (px from the top for left/right, from the left for top/bottom). */
  at: number;
  /** Its edge's markers do not fit along the edge's free part, so they cannot all be shown side by side. */
  crowded: boolean;
}

const ARROWS = { left: "◀", right: "▶", top: "▲", bottom: "▼" } as const;

type Edge = PlacedMarker["edge"];
const EDGES = ["left", "right", "top", "bottom"] as const;
/** How far a marker beside a side edge reaches into the view: its widest max-width (15rem, on a projector) and margin. */
const MARKER_REACH_PX = 250;
/** Space kept between markers, and between a marker and the end of its edge. */
const GAP_PX = 4;
/** The part of each edge markers may use (px along it, as `at`); the rest is under another overlay. */
export type EdgeSpans = Partial<Record<Edge, { start: number; end: number }>>;
type Span = { start: number; end: number };

const isSide = (edge: Edge): boolean => edge === "left" || edge === "right";

/** A board this narrow is a phone's: 44 px touch targets, and every edge with two markers or more folds. */
const phoneBoard = (width: number): boolean => width < 560;
/** A marker's size across its edge (and its spacing along a side edge) on a board `width` px wide. */
const markerSize = (width: number): number => (phoneBoard(width) ? 46 : 30);
/** The band along an edge that markers of `size` take. */
const bandFor = (size: number): number => size + 2 * GAP_PX;
/** The band along the top and the bottom that a row of markers takes on a board `width` px wide. */
export const markerBand = (width: number): number => bandFor(markerSize(width));

/**
 * The part of each edge markers may use: the free `spans`, and on a side edge not the corners a
 * row of markers along the top or the bottom takes (`used`: the edges that have markers).
 */
export function usableSpans(used: ReadonlySet<Edge>, width: number, height: number, size: number, spans: EdgeSpans = {}): Record<Edge, Span> {
  const band = bandFor(size);
  const out = {} as Record<Edge, Span>;
  for (const edge of EDGES) {
    const length = isSide(edge) ? height : width;
    let start = Math.max(0, spans[edge]?.start ?? 0);
    let end = Math.min(length, spans[edge]?.end ?? length);
    if (isSide(edge) && used.has("top")) start = Math.max(start, band);
    if (isSide(edge) && used.has("bottom")) end = Math.min(end, height - band);
    out[edge] = { start, end };
  }
  return out;
}

/**
 * Which edge each marker sits on (where the ray from the centre leaves the view) and where along
 * it, pushed apart so none overlaps (`size` px apart on a side edge, their widths along the top
 * and bottom) and kept inside the edge, within `spans` where given (say, above the map key in the
 * bottom-right corner) and clear of the corners the top and bottom rows take. An edge whose
 * markers cannot all fit is marked `crowded` (the DOM layer folds it into one button).
 */
export function placeMarkers(list: MarkerInput[], width: number, height: number, size: number, spans: EdgeSpans = {}): PlacedMarker[] {
  const placed: PlacedMarker[] = list.map((m) => {
    const sx = m.dx === 0 ? Infinity : width / 2 / Math.abs(m.dx);
    const sy = m.dy === 0 ? Infinity : height / 2 / Math.abs(m.dy);
    if (sx <= sy) return { ...m, edge: m.dx < 0 ? "left" : "right", at: height / 2 + m.dy * sx, crowded: false };
    return { ...m, edge: m.dy < 0 ? "top" : "bottom", at: width / 2 + m.dx * sy, crowded: false };
  });
  const usable = usableSpans(new Set(placed.map((m) => m.edge)), width, height, size, spans);
  for (const edge of EDGES) {
    const { start, end } = usable[edge];
    const half = (m: PlacedMarker): number => (isSide(edge) ? size : (m.length ?? size)) / 2;
    const mine = placed.filter((m) => m.edge === edge).sort((a, b) => a.at - b.at);
    const needed = mine.reduce((sum, m) => sum + 2 * half(m) + GAP_PX, GAP_PX);
    for (const m of mine) m.crowded = needed > end - start;
    for (let i = 0; i < mine.length; i++) {
      const m = mine[i]!;
      const before = mine[i - 1];
      m.at = Math.max(m.at, start + half(m) + GAP_PX, before ? before.at + half(before) + half(m) + (isSide(edge) ? 0 : GAP_PX) : -Infinity);
    }
    // Pushed past the far end: shift the whole stack back.
    for (let i = mine.length - 1; i >= 0; i--) {
      const m = mine[i]!;
      const after = mine[i + 1];
      m.at = Math.min(m.at, end - half(m) - GAP_PX, after ? after.at - half(after) - half(m) - (isSide(edge) ? 0 : GAP_PX) : Infinity);
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
  /** An unseen marker whose computed style gives the font that labels are measured in. */
  private probe: HTMLElement;
  private font: { key: string; font: string; extra: number; max: number } | null = null;
  /** Label widths in px, measured on a canvas (no layout), for the current font. */
  private widths = new Map<string, number>();
  private ruler: CanvasRenderingContext2D | null = null;

  constructor(host: HTMLElement, private onPick: (id: string) => void) {
    // Widths only count along the top and the bottom, so the probe is styled as a marker there.
    this.probe = h("button", { type: "button", class: "edge-marker", "data-edge": "top", hidden: true, tabindex: -1, "aria-hidden": "true" });
    this.layer = h("div", { class: "edge-markers", role: "group", "aria-label": "Countries outside the map view" }, this.probe);
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
    const spans: Required<EdgeSpans> = { left: { start: 0, end: height }, right: { start: 0, end: height }, top: { start: 0, end: width }, bottom: { start: 0, end: width } };
    // How far a marker reaches into the view: its width beside a side edge, its height above or below.
    const across = MARKER_REACH_PX;
    const along = bandFor(size);
    const shorten = (span: { start: number; end: number }, from: number, to: number, length: number, reach: number): void => {
      // At the end it is nearer to (on a narrow board, an overlay may be within reach of both).
      const nearEnd = from + to > length;
      if (nearEnd && to >= length - reach) span.end = Math.min(span.end, from);
      else if (!nearEnd && from <= reach) span.start = Math.max(span.start, to);
    };
    for (const { x0, x1, y0, y1 } of this.keepClearBoxes()) {
      if (x1 > width - across) shorten(spans.right, y0, y1, height, along);
      if (x0 < across) shorten(spans.left, y0, y1, height, along);
      if (y1 > height - along) shorten(spans.bottom, x0, x1, width, across);
      if (y0 < along) shorten(spans.top, x0, x1, width, across);
    }
    this.spans = { key, spans };
    return spans;
  }

  /**
   * A marker's width for `label`, from the label's text measured on a canvas in the markers' font
   * (their padding and borders added, their max-width applied): no layout is read, since place()
   * runs on every frame of a pan. The font is read once per board size (it follows the screen's).
   */
  private widthOf(label: string, sizeKey: string): number {
    if (this.font?.key !== sizeKey) {
      const cs = getComputedStyle(this.probe);
      const px = (v: string): number => parseFloat(v) || 0;
      const font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
      if (font !== this.font?.font) this.widths.clear();
      this.font = { key: sizeKey, font, extra: px(cs.paddingLeft) + px(cs.paddingRight) + px(cs.borderLeftWidth) + px(cs.borderRightWidth), max: px(cs.maxWidth) || Infinity };
      this.ruler ??= document.createElement("canvas").getContext("2d");
    }
    let w = this.widths.get(label);
    if (w === undefined) {
      const { font, extra, max } = this.font;
      // Without a canvas (none here in practice), every marker counts as its widest.
      if (this.ruler) this.ruler.font = font;
      const text = this.ruler ? this.ruler.measureText(label).width : Infinity;
      w = Math.ceil(Math.min(max, text + extra));
      this.widths.set(label, w);
    }
    return w;
  }

  /** The boxes of the overlays markers keep clear of, in board pixels (reads layout: not for every frame). */
  keepClearBoxes(): { x0: number; y0: number; x1: number; y1: number }[] {
    const origin = this.layer.getBoundingClientRect();
    return this.overlays
      .filter((el) => !el.hidden)
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ x0: r.left - origin.left, y0: r.top - origin.top, x1: r.right - origin.left, y1: r.bottom - origin.top }));
  }

  /** Shows `list` (and hides every other marker). */
  place(list: MarkerInput[], width: number, height: number): void {
    this.last = { list, width, height };
    const size = markerSize(width);
    const phone = phoneBoard(width);
    const sizeKey = `${width}x${height}`;
    const seen = new Set<string>();
    const label = (edge: Edge, m: MarkerInput): string => `${ARROWS[edge]} ${m.glyph} ${m.name}`;
    const measured = list.map((m) => ({ ...m, length: this.widthOf(label("top", m), sizeKey) }));
    const spans = this.freeSpans(width, height, size);
    const placed = placeMarkers(measured, width, height, size, spans);
    const usable = usableSpans(new Set(placed.map((m) => m.edge)), width, height, size, spans);
    // On a phone every edge with two or more markers folds into one button ("◀ 9 more"); on a
    // larger screen only an edge whose markers do not fit side by side does.
    const grouped = new Set<Edge>();
    const folded = new Set<Edge>();
    const groupAt = new Map<Edge, number>();
    for (const edge of EDGES) {
      const mine = placed.filter((m) => m.edge === edge);
      let g = this.groups.get(edge);
      if (mine.length < 2 || !(phone || mine[0]!.crowded)) {
        if (g) g.hidden = true;
        continue;
      }
      if (!g) {
        g = h("button", { type: "button", class: "edge-marker edge-group", "data-edge": edge, onclick: () => this.toggle(edge) });
        this.groups.set(edge, g);
        this.layer.append(g);
      }
      grouped.add(edge);
      const open = this.unfolded.has(edge);
      if (!open) folded.add(edge);
      g.textContent = open ? `✕ Hide ${mine.length}` : `${ARROWS[edge]} ${mine.length} more`;
      g.setAttribute("aria-expanded", String(open));
      g.title = `${mine.length} countries outside the view, this way: ${mine.map((m) => m.name).join(", ")}`;
      // At the start of a side edge's free part; in the middle of the top's or the bottom's.
      const { start, end } = usable[edge];
      const at = isSide(edge) ? start + GAP_PX : (start + end) / 2;
      groupAt.set(edge, at);
      g.style.left = edge === "left" ? `${GAP_PX}px` : edge === "right" ? "" : `${Math.round(at)}px`;
      g.style.right = edge === "right" ? `${GAP_PX}px` : "";
      g.style.top = edge === "top" ? `${GAP_PX}px` : edge === "bottom" ? "" : `${Math.round(at)}px`;
      g.style.bottom = edge === "bottom" ? `${GAP_PX}px` : "";
      g.style.transform = isSide(edge) ? "" : "translateX(-50%)";
      g.hidden = false;
    }
    const listed = new Map<Edge, number>();
    for (const m of placed) {
      if (folded.has(m.edge)) continue;
      seen.add(m.id);
      let b = this.buttons.get(m.id);
      if (!b) {
        b = h("button", { type: "button", class: "edge-marker", "data-actor": m.id, onclick: () => this.onPick(m.id) });
        this.buttons.set(m.id, b);
        this.layer.append(b);
      }
      const text = label(m.edge, m);
      if (b.textContent !== text) b.textContent = text;
      b.title = `${m.name}: outside the view, this way. Select to see its details.`;
      b.style.setProperty("--swatch", cssColour(m.colour));
      b.dataset["edge"] = m.edge;
      // An unfolded group lists its markers one under another, starting beside the group button.
      const row = grouped.has(m.edge) ? (listed.get(m.edge) ?? 0) : -1;
      if (row >= 0) listed.set(m.edge, row + 1);
      const length = m.length ?? 0;
      let along = m.at;
      let off = GAP_PX;
      if (row >= 0 && isSide(m.edge)) along = groupAt.get(m.edge)! + size * 1.5 + row * size;
      if (row >= 0 && !isSide(m.edge)) {
        along = groupAt.get(m.edge)!;
        off = GAP_PX + (row + 1) * size;
      }
      // Along the top or bottom, the marker's own width keeps it inside the view.
      const left = Math.min(Math.max(GAP_PX, along - length / 2), width - length - GAP_PX);
      b.style.left = m.edge === "left" ? `${GAP_PX}px` : m.edge === "right" ? "" : `${Math.round(left)}px`;
      b.style.right = m.edge === "right" ? `${GAP_PX}px` : "";
      b.style.top = m.edge === "top" ? `${off}px` : m.edge === "bottom" ? "" : `${Math.round(along)}px`;
      b.style.bottom = m.edge === "bottom" ? `${off}px` : "";
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
