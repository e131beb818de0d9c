// Every scenario shipped in scenarios/ must load: a scenario never starts from invalid data.
import { describe, expect, it } from "vitest";
import { formatErrors } from "../../shared/scenario/format-errors.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseFile, ROOT, scenarioFiles } from "./helpers.ts";

const files = scenarioFiles("scenarios");

describe("every file in scenarios/ validates", () => {
  it("finds the shipped scenarios", () => {
    expect(files).toContain("scenarios/examples/two-rivals.yaml");
    expect(files).toContain("scenarios/pyongyang-2024.yaml");
  });

  it.each(files)("%s", (file) => {
    const r = parseFile(file);
    // Printing the formatted errors makes a failure readable without re-running the CLI.
    expect(r.ok ? "" : formatErrors(r.error)).toBe("");
  });
});

describe("the shipped examples are drawn on the map", () => {
  const atlas = JSON.parse(readFileSync(join(ROOT, "node_modules/world-atlas/countries-110m.json"), "utf8")) as { objects: { countries: { geometries: { id?: string }[] } } };
  const codes = new Set(atlas.objects.countries.geometries.map((g) => g.id));
  it.each(scenarioFiles("scenarios/examples"))("every actor of %s has map codes of real countries", (file) => {
    const r = parseFile(file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    for (const [id, a] of Object.entries(r.value.actors)) {
      expect(a.mapIds.length, `${id} has no mapIds`).toBeGreaterThan(0);
      for (const code of a.mapIds) expect(codes.has(code), `${id}: ${code} is not a country of the map`).toBe(true);
    }
  });
});

describe("what the country panel shows players reads as plain English", () => {
  // An indicator's label, unit and description reach players (the country panel and its tooltips),
  // as do a world value's label and unit (the news); "pp of growth per log unit of trade" was read by nobody.
  const JARGON = /log unit|logarithm|elasticit|coefficient|per unit|\bpp\b/i;
  it.each(files)("%s", (file) => {
    const r = parseFile(file);
    if (!r.ok) return;
    const texts = [
      ...Object.entries(r.value.indicators).flatMap(([id, d]) => [d.label, d.unit, d.description].map((t) => `${id}: ${t ?? ""}`)),
      ...Object.entries(r.value.world).flatMap(([id, d]) => [d.label, d.unit].map((t) => `world.${id}: ${t ?? ""}`)),
    ];
    expect(texts.filter((t) => JARGON.test(t))).toEqual([]);
  });

  it("says what doubling trade does to growth with the factor the formula uses (ln 2)", () => {
    const r = parseFile("scenarios/pyongyang-2024.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // Growth heads for trend + openness × ln(trade / trade at the start): doubling adds ln 2 ≈ 0.7 × openness.
    const formula = r.value.dynamics.find((d) => d.id === "growth_from_trade")?.effects.map((e) => JSON.stringify(e)).join(" ") ?? "";
    expect(formula).toContain("self.openness * log(max(0.01, tradeTotal(self)) / self.trade_base)");
    const factor = Math.LN2.toFixed(1);
    expect(r.value.indicators.openness?.unit).toBe(`× ${factor} = points of growth a year gained if trade doubles`);
    expect(r.value.indicators.openness?.description).toContain(`by about ${factor} × this many points a year`);
  });
});
