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
  // A disclosure, open on wide screens and folded on a phone, so it never hides the map there.
  // data-keep-clear: the edge markers of countries outside the view stay clear of it.
  const el = h("details", { class: "legend", id: "legend", "data-keep-clear": true, open: !window.matchMedia("(max-width: 700px)").matches });
  const body = h("div", { class: "legend-body" });
  let lastKey = "";
  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const sc = s.session?.scenario;
    if (!snap || !sc) return;
    const model = buildBoard(sc, s.replay?.view ?? snap.view, s.replay ? s.replay.seat : snap.seat, s.colourMode);
    const key = JSON.stringify([model.legend.map((l) => l.key), model.council?.headline, s.colourMode, s.allFlows, s.phone]);
    if (key === lastKey) return;
    lastKey = key;
    replace(el, h("summary", { class: "legend-title" }, `Map key: ${s.colourMode === "relation" && snap.seat ? "relations to you" : "blocs"}`), body);
    replace(
      body,
      h(
        "ul",
        {},
        model.legend.map((item) =>
          h("li", {}, h("span", { class: "swatch", style: `background:${swatchBackground(item.colour, item.pattern)}`, "aria-hidden": "true" }, item.glyph), item.label),
        ),
        h("li", {}, h("span", { class: "line-swatch trade", style: `border-color:${cssColour(OVERLAY.trade)}`, "aria-hidden": "true" }), "Trade (thicker = more)"),
        h("li", {}, h("span", { class: "line-swatch sanction", style: `border-color:${cssColour(OVERLAY.sanction)}`, "aria-hidden": "true" }), "⊘ Sanctions (dashed, arrow to target)"),
        h("li", {}, h("span", { class: "line-swatch treaty", style: `border-color:${cssColour(OVERLAY.treaty)}`, "aria-hidden": "true" }), "∞ Treaty / partnership (dotted)"),
        model.council ? h("li", { class: "council-line" }, `Security Council: ${model.council.headline} — Y yes, N no, A abstain`) : null,
      ),
      // The key "F" is named only where there is a keyboard to press it (not on a phone).
      h("p", { class: "legend-note" }, s.allFlows ? `Lines for every country${s.phone ? "" : " (F: only the selected one)"}` : `Lines for the selected country${s.phone ? "" : " (F: every country)"}`),
    );
  };
  render(store.get());
  const off = store.subscribe((s, prev) => {
    if (s.snapshot !== prev.snapshot || s.replay !== prev.replay || s.colourMode !== prev.colourMode || s.allFlows !== prev.allFlows || s.phone !== prev.phone) render(s);
  });
  return { el, dispose: off };
}
