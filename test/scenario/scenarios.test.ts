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
