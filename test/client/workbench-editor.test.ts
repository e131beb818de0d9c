// The workbench editor's pure parts: where a scenario error points in the text, and which field
// names the schema offers at a place in a YAML file (completion).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Text } from "@codemirror/state";
import { describe, expect, it } from "vitest";
import { diagnosticsOf, errorRange, FORMULA_FIELDS, formulaCompletions, pathAt, schemaAt, sectionKeys } from "../../client/src/workbench/editor.ts";
import { parseScenarioText } from "../../shared/scenario/load.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const example = readFileSync(join(ROOT, "scenarios/examples/two-rivals.yaml"), "utf8");
const keys = (path: string[]) => [...new Set(schemaAt(path).flatMap((n) => Object.keys(n.properties ?? {})))];

describe("lint diagnostics", () => {
  it("underline the word an error points at, on its line", () => {
    const text = example.replace("  count: 6", "  count: six");
    const r = parseScenarioText(text, "s.yaml");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const doc = Text.of(text.split("\n"));
    const [d] = diagnosticsOf(doc, r.error);
    expect(doc.sliceString(d!.from, d!.to)).toBe("six");
    expect(doc.lineAt(d!.from).number).toBe(r.error[0]!.line);
    expect(d!.message).toMatch(/^turns\.count: /);
  });

  it("stay inside the document for a place past its end", () => {
    const doc = Text.of(["a: 1"]);
    expect(errorRange(doc, 9, 40)).toEqual({ from: 4, to: 4 });
  });
});

describe("schema completion", () => {
  it("offers the sections at the top level and the fields of a move inside moves.<id>", () => {
    expect(keys([])).toEqual(expect.arrayContaining(["version", "title", "actors", "moves", "objectives"]));
    const lines = ["moves:", "  trade_deal:", "    name: Deal", "    "];
    const path = pathAt(lines, 3, 4);
    expect(path).toEqual(["moves", "trade_deal"]);
    expect(keys(path)).toEqual(expect.arrayContaining(["name", "cost", "effects", "requires", "accept"]));
  });

  it("follows list items and records: an objective's fields, an indicator's fields", () => {
    expect(pathAt(["objectives:", "  NOR:", "    - label: Keep", "      "], 3, 6)).toEqual(["objectives", "NOR", "#"]);
    expect(keys(["objectives", "NOR", "#"])).toEqual(expect.arrayContaining(["label", "measure", "atLeast", "points", "secret"]));
    expect(keys(["indicators", "gdp"])).toEqual(expect.arrayContaining(["label", "unit", "min", "max", "default", "actors"]));
  });
});

describe("formula completion", () => {
  const labels = (r: ReturnType<typeof formulaCompletions>) => r?.options.map((o) => o.label) ?? [];

  it("offers the formula language's functions, with what each gives, inside a requirement", () => {
    const r = formulaCompletions(`      - { when: "monthsS`, example);
    expect(r?.back).toBe("monthsS".length);
    const months = r?.options.find((o) => o.label === "monthsSince");
    expect(months).toMatchObject({ type: "function", apply: "monthsSince(" });
    expect(months?.info).toMatch(/how many months ago/);
    expect(labels(r)).toEqual(expect.arrayContaining(["relation", "doneThisTurn", "min", "self", "turn", "world"]));
  });

  it("offers the file's own actors, world values and indicators", () => {
    const actors = sectionKeys(example, "actors");
    const world = sectionKeys(example, "world");
    const indicators = sectionKeys(example, "indicators");
    expect(actors.length).toBeGreaterThan(1);
    expect(labels(formulaCompletions(`    measure: "relation(self, `, example))).toEqual(expect.arrayContaining(actors));
    expect(labels(formulaCompletions(`      - { change: world.tension, by: "world.`, example))).toEqual(world);
    expect(labels(formulaCompletions(`    trigger: "${actors[0]}.st`, example))).toEqual(indicators);
    expect(formulaCompletions(`    trigger: "${actors[0]}.st`, example)?.back).toBe(2);
    // Strings inside a formula are in single quotes: still inside it.
    expect(labels(formulaCompletions(`      - { when: "monthsSince(self, 'x') < world.`, example))).toEqual(world);
    expect(labels(formulaCompletions(`    trigger: monthsSince(self, 'x') > 2 and world.`, example))).toEqual(world);
  });

  it("knows the formula fields from the schema", () => {
    expect(FORMULA_FIELDS).toEqual(["by", "chance", "discovery", "enforcement", "formula", "if", "measure", "probability", "support", "targets", "times", "to", "trigger", "when", "where"]);
  });

  it("stays out of fields that are not formulas", () => {
    expect(formulaCompletions(`    name: "month`, example)).toBeNull();
    expect(formulaCompletions(`      - { when: "x > 1", otherwise: "Too soo`, example)).toBeNull();
    expect(formulaCompletions(`      - { when: x > 1, otherwise: Too soo`, example)).toBeNull();
    expect(formulaCompletions(`    trigger: x > 1 # a comm`, example)).toBeNull();
  });
});
