import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { Topology } from "topojson-specification";
import { countryAt, countryFeatures, pointInRings, projectCountries } from "../../client/src/map/projection.ts";
import { theatreOf } from "../../client/src/map/theatre.ts";
import { BAND_STYLES, RELATION_BANDS, blocStyle, relationBand } from "../../client/src/map/palette.ts";
import { clipLines, patternGeometry } from "../../client/src/map/patterns.ts";
import { buildBoard, sanctionLinks, tradeFlows } from "../../client/src/map/board-model.ts";
import { viewFor } from "../../shared/engine/api.ts";
import { freshGame, loadScenario } from "./fixtures.ts";

const topology = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../node_modules/world-atlas/countries-110m.json"), "utf8")) as Topology;
const scenario = loadScenario();
const playable = Object.entries(scenario.actors).filter(([, a]) => a.playable);
const W = 1600;
const H = 1000;
const theatre = theatreOf(scenario, countryFeatures(topology));
const map = projectCountries(topology, W, H, theatre);
const byId = new Map(map.countries.map((c) => [c.id, c]));

describe("the projected map", () => {
  // Behaviour changed deliberately (issue 9): the sheet is the scenario's theatre, so the distant
  // seat (the United States) is an edge marker, reachable by panning, not squeezed onto the sheet.
  it("puts every playable seat of the theatre on the sheet, and the others among the insets", () => {
    for (const [id, actor] of playable) {
      if (theatre.insets.includes(id)) continue;
      expect(actor.mapIds.length, `${id} has map ids`).toBeGreaterThan(0);
      for (const mapId of actor.mapIds) {
        const c = byId.get(mapId);
        expect(c, `${id} -> ${mapId}`).toBeDefined();
        const [x, y] = c!.label;
        expect(x, `${id} x`).toBeGreaterThanOrEqual(0);
        expect(x, `${id} x`).toBeLessThanOrEqual(W);
        expect(y, `${id} y`).toBeGreaterThanOrEqual(0);
        expect(y, `${id} y`).toBeLessThanOrEqual(H);
      }
    }
  });

  it("frames the theatre: the Koreas and Japan sit well inside the sheet, the United States is an inset", () => {
    expect(theatre.insets).toContain("USA");
    expect(theatre.insets).not.toContain("PRK");
    for (const id of ["408", "410", "392"]) {
      const [x0, y0, x1, y1] = byId.get(id)!.bbox;
      expect(x0, id).toBeGreaterThan(W * 0.3);
      expect(x1, id).toBeLessThan(W);
      expect(y0, id).toBeGreaterThan(0);
      expect(y1, id).toBeLessThan(H);
    }
    // Without a map section the theatre is computed from the seats: still East Asia, not the globe.
    const computed = theatreOf({ ...scenario, map: undefined }, countryFeatures(topology));
    expect(computed.insets).toContain("USA");
    const [[w], [e]] = computed.bounds;
    expect(w).toBeGreaterThan(60);
    expect(e).toBeLessThan(170);
    expect(e).toBeGreaterThan(140);
  });

  it("labels a country inside its own largest shape (Russia's name is in Russia, not at a capital)", () => {
    for (const id of ["643", "156", "408", "410", "392"]) {
      const c = byId.get(id)!;
      expect(pointInRings(c.label[0], c.label[1], c.rings), id).toBe(true);
    }
  });

  it("keeps Ukraine, Russia and the United States reachable by panning", () => {
    for (const id of ["804", "643", "840"]) {
      const c = byId.get(id);
      expect(c, id).toBeDefined();
      const [x0, y0, x1, y1] = c!.bbox;
      expect([x0, y0, x1, y1].every(Number.isFinite)).toBe(true);
      expect(x0).toBeGreaterThanOrEqual(map.bounds[0]);
      expect(x1).toBeLessThanOrEqual(map.bounds[2]);
    }
    // Centred on East Asia: Beijing's country sits between Ukraine (west) and the US (east).
    const chn = byId.get("156")!.anchor[0];
    expect(byId.get("804")!.anchor[0]).toBeLessThan(chn);
    expect(byId.get("840")!.anchor[0]).toBeGreaterThan(chn);
  });

  it("finds the country under a point (hover and click)", () => {
    for (const id of ["156", "410", "392", "408"]) {
      const c = byId.get(id)!;
      expect(countryAt(map, c.anchor[0], c.anchor[1])?.id, id).toBe(id);
    }
    expect(pointInRings(5, 5, [[0, 0, 10, 0, 10, 10, 0, 10]])).toBe(true);
    expect(pointInRings(15, 5, [[0, 0, 10, 0, 10, 10, 0, 10]])).toBe(false);
    // A hole is outside.
    expect(pointInRings(5, 5, [[0, 0, 10, 0, 10, 10, 0, 10], [4, 4, 6, 4, 6, 6, 4, 6]])).toBe(false);
  });
});

describe("colour is never the only signal", () => {
  it("gives every relation band its own colour, pattern and glyph", () => {
    const styles = RELATION_BANDS.map((b) => BAND_STYLES[b]);
    for (const key of ["colour", "pattern", "glyph"] as const) {
      expect(new Set(styles.map((s) => s[key])).size, key).toBe(RELATION_BANDS.length);
    }
  });

  it("bands relation values at documented thresholds", () => {
    expect([100, 50, 49, 15, 14, 0, -14, -15, -49, -50, -100].map(relationBand)).toEqual([
      "ally", "ally", "friendly", "friendly", "neutral", "neutral", "neutral", "tense", "tense", "hostile", "hostile",
    ]);
  });

  it("gives the first six blocs distinct colours, patterns and glyphs", () => {
    const six = [0, 1, 2, 3, 4, 5].map(blocStyle);
    for (const key of ["colour", "pattern", "glyph"] as const) expect(new Set(six.map((s) => s[key])).size, key).toBe(6);
  });

  it("clips pattern lines to the shape", () => {
    const square = [[0, 0, 100, 0, 100, 100, 0, 100]];
    const lines = clipLines(square, 0, 10);
    expect(lines).toHaveLength(10);
    for (const [x1, y1, x2, y2] of lines) {
      expect(Math.min(x1, x2)).toBeCloseTo(0);
      expect(Math.max(x1, x2)).toBeCloseTo(100);
      expect(y1).toBeCloseTo(y2);
    }
    for (const [x1, y1, x2, y2] of patternGeometry("crosshatch", square, 10).lines) {
      for (const v of [x1, y1, x2, y2]) {
        expect(v).toBeGreaterThanOrEqual(-1e-6);
        expect(v).toBeLessThanOrEqual(100 + 1e-6);
      }
    }
    expect(patternGeometry("dots", square, 10).dots.length).toBeGreaterThan(50);
    expect(patternGeometry("solid", square, 10)).toEqual({ lines: [], dots: [] });
  });
});

describe("what the board shows", () => {
  const { rules, state } = freshGame();
  const view = { ...viewFor(rules, state, "CHN"), reports: [], history: [] };

  it("colours the viewer as 'self' and every other actor by its relation band", () => {
    const board = buildBoard(scenario, view, "CHN", "relation");
    const chn = board.actors.find((a) => a.id === "CHN");
    expect(chn?.key).toBe("self");
    for (const a of board.actors.filter((x) => x.id !== "CHN")) {
      expect(a.relation).toBeDefined();
      expect(a.key).toBe(relationBand(a.relation!));
      expect(a.glyph).toBe(BAND_STYLES[relationBand(a.relation!)].glyph);
    }
    expect(board.legend.map((l) => l.key)).toEqual([...RELATION_BANDS]);
  });

  it("colours by bloc for an observer, with one legend entry per bloc", () => {
    const board = buildBoard(scenario, { ...viewFor(rules, state, "observer"), reports: [], history: [] }, null, "relation");
    const blocs = [...new Set(Object.values(scenario.actors).map((a) => a.bloc).filter(Boolean))];
    expect(board.legend.filter((l) => l.key !== "none").map((l) => l.key)).toEqual(blocs);
    expect(board.actors.every((a) => a.relation === undefined)).toBe(true);
  });

  it("draws trade thicker for more volume, and one sanction link per pair with its sectors", () => {
    const flows = tradeFlows(scenario, view.trade);
    expect(flows.length).toBeGreaterThan(3);
    for (let i = 1; i < flows.length; i++) expect(flows[i]!.width).toBeLessThanOrEqual(flows[i - 1]!.width);
    expect(flows[0]!.width).toBeCloseTo(10);
    const links = sanctionLinks({
      sanctions: [
        { by: "USA", on: "PRK", sector: "finance", enforcement: 1, un: false, since: 0 },
        { by: "USA", on: "PRK", sector: "arms", enforcement: 1, un: true, since: 0 },
      ],
    });
    expect(links).toEqual([{ by: "USA", on: "PRK", sectors: ["finance", "arms"], un: true }]);
  });
});
