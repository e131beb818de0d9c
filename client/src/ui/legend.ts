// The map legend: colour, pattern swatch and glyph for every key, plus the overlay symbols.
import type { Store, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { buildBoard } from "../map/board-model.ts";
import { cssColour, OVERLAY, type Pattern } from "../map/palette.ts";

/** CSS background for a pattern swatch, matching what the map draws. */
export function swatchBackground(colour: number, pattern: Pattern): string {
  const c = cssColour(colour);
  const ink = "rgba(0,0,0,0.55)";
  switch (pattern) {
    case "hatch":
      return `repeating-linear-gradient(45deg, ${ink} 0 2px, transparent 2px 6px), ${c}`;
    case "crosshatch":
      return `repeating-linear-gradient(45deg, ${ink} 0 2px, transparent 2px 6px), repeating-linear-gradient(-45deg, ${ink} 0 2px, transparent 2px 6px), ${c}`;
    case "vertical":
      return `repeating-linear-gradient(90deg, ${ink} 0 2px, transparent 2px 6px), ${c}`;
    case "horizontal":
      return `repeating-linear-gradient(0deg, ${ink} 0 2px, transparent 2px 6px), ${c}`;
    case "dots":
      return `radial-gradient(${ink} 1.5px, transparent 2px) 0 0 / 6px 6px, ${c}`;
    default:
      return c;
  }
}

/** Builds the legend overlay. */
export function createLegend(store: Store): { el: HTMLElement; dispose: () => void } {
  const el = h("div", { class: "legend", id: "legend", role: "region", "aria-label": "Map legend" });
  let lastKey = "";
  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const sc = s.session?.scenario;
    if (!snap || !sc) return;
    const model = buildBoard(sc, snap.view, snap.seat, s.colourMode);
    const key = JSON.stringify([model.legend.map((l) => l.key), model.council?.headline, s.colourMode]);
    if (key === lastKey) return;
    lastKey = key;
    replace(
      el,
      h("h2", { class: "legend-title" }, s.colourMode === "relation" && snap.seat ? "Relations to you" : "Blocs"),
      h(
        "ul",
        {},
        model.legend.map((item) =>
          h("li", {}, h("span", { class: "swatch", style: `background:${swatchBackground(item.colour, item.pattern)}`, "aria-hidden": "true" }, item.glyph), item.label),
        ),
        h("li", {}, h("span", { class: "line-swatch trade", style: `border-color:${cssColour(OVERLAY.trade)}`, "aria-hidden": "true" }), "Trade (thicker = more)"),
        h("li", {}, h("span", { class: "line-swatch sanction", style: `border-color:${cssColour(OVERLAY.sanction)}`, "aria-hidden": "true" }), "⊘ Sanctions (dashed, arrow to target)"),
        h("li", {}, h("span", { class: "line-swatch treaty", style: `border-color:${cssColour(OVERLAY.treaty)}`, "aria-hidden": "true" }), "∞ Treaty / partnership (dotted)"),
        model.council ? h("li", { class: "council-line" }, `UNSC: ${model.council.headline} — Y yes, N no, A abstain`) : null,
      ),
    );
  };
  render(store.get());
  const off = store.subscribe((s, prev) => {
    if (s.snapshot !== prev.snapshot || s.colourMode !== prev.colourMode) render(s);
  });
  return { el, dispose: off };
}
