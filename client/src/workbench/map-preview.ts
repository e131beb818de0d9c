// The map preview: the scenario's actors coloured by bloc on the same projection and theatre the
// game board uses (client/src/map), drawn on a canvas, with the theatre's frame and the actors
// that the board shows as edge markers listed below it.
import type { Topology } from "topojson-specification";
import countries from "world-atlas/countries-110m.json";
import type { Scenario } from "../../../shared/scenario/schema.ts";
import { countryFeatures, projectCountries } from "../map/projection.ts";
import { theatreOf } from "../map/theatre.ts";
import { blocsOf } from "../map/board-model.ts";
import { BORDER_COLOUR, LAND_COLOUR, SEA_COLOUR, blocStyle, cssColour } from "../map/palette.ts";
import { h, replace } from "../dom.ts";

const topology = countries as unknown as Topology;
const features = countryFeatures(topology);

/** Draws the preview into `box` (a canvas and a caption); returns what it framed, for tests. */
export function drawMapPreview(box: HTMLElement, scenario: Scenario): { framed: string[]; insets: string[]; unmapped: string[] } {
  const width = Math.max(320, Math.min(box.clientWidth || 640, 1200));
  const height = Math.round(width * 0.6);
  const theatre = theatreOf(scenario, features);
  const map = projectCountries(topology, width, height, theatre);
  const canvas = h("canvas", { width, height, class: "map-canvas", role: "img" });
  const ctx = canvas.getContext("2d");
  const owner = new Map<string, string>();
  for (const [id, a] of Object.entries(scenario.actors)) for (const code of a.mapIds) owner.set(code, id);
  const blocs = blocsOf(scenario);
  const colourOf = (actor: string): string => {
    const bloc = scenario.actors[actor]?.bloc;
    return bloc ? cssColour(blocStyle(blocs.indexOf(bloc)).colour) : "#8a96a3";
  };
  // Fit the theatre's box to the canvas (the board's default view).
  const [x0, y0, x1, y1] = map.theatre;
  const k = Math.min(width / (x1 - x0), height / (y1 - y0));
  const ox = (width - (x1 - x0) * k) / 2 - x0 * k;
  const oy = (height - (y1 - y0) * k) / 2 - y0 * k;
  if (ctx) {
    ctx.fillStyle = cssColour(SEA_COLOUR);
    ctx.fillRect(0, 0, width, height);
    for (const c of map.countries) {
      const actor = owner.get(c.id);
      ctx.beginPath();
      for (const r of c.rings) {
        for (let i = 0; i < r.length; i += 2) (i === 0 ? ctx.moveTo.bind(ctx) : ctx.lineTo.bind(ctx))(r[i]! * k + ox, r[i + 1]! * k + oy);
        ctx.closePath();
      }
      ctx.fillStyle = actor ? colourOf(actor) : cssColour(LAND_COLOUR);
      ctx.fill("evenodd");
      ctx.strokeStyle = cssColour(BORDER_COLOUR);
      ctx.lineWidth = 0.6;
      ctx.stroke();
    }
    ctx.font = "600 13px system-ui, sans-serif";
    ctx.textAlign = "center";
    for (const [id, a] of Object.entries(scenario.actors)) {
      if (theatre.insets.includes(id)) continue;
      const c = map.countries.find((x) => x.id === a.mapIds[0]);
      if (!c) continue;
      const [lx, ly] = [c.label[0] * k + ox, c.label[1] * k + oy];
      ctx.lineWidth = 3;
      ctx.strokeStyle = "rgba(0,0,0,0.75)";
      // The actor's name, as the game board labels it.
      ctx.strokeText(a.name, lx, ly);
      ctx.fillStyle = "#fff";
      ctx.fillText(a.name, lx, ly);
    }
  }
  const unmapped = Object.entries(scenario.actors).filter(([, a]) => a.mapIds.length === 0).map(([id]) => id);
  const framed = Object.keys(scenario.actors).filter((id) => !theatre.insets.includes(id) && !unmapped.includes(id));
  canvas.setAttribute("aria-label", `Map preview: ${framed.map((id) => scenario.actors[id]!.name).join(", ")}`);
  canvas.dataset["framed"] = framed.join(" ");
  const name = (id: string) => scenario.actors[id]?.name ?? id;
  replace(
    box,
    canvas,
    h(
      "p",
      { class: "hint map-caption" },
      `Framed: ${framed.map(name).join(", ") || "nobody"}.`,
      theatre.insets.length ? ` Edge markers: ${theatre.insets.filter((i) => !unmapped.includes(i)).map(name).join(", ")}.` : "",
      unmapped.length ? ` No map codes (not drawn): ${unmapped.map(name).join(", ")} — add mapIds.` : "",
    ),
    blocs.length
      ? h("p", { class: "bloc-keys" }, "Blocs: ", blocs.map((b, i) => h("span", { class: "bloc-key" }, h("span", { class: "swatch", style: `background:${cssColour(blocStyle(i).colour)}` }), b)))
      : null,
  );
  return { framed, insets: theatre.insets, unmapped };
}
