// The loader as an author meets it: JSON as well as YAML, exact positions inside formulas
// whatever the quoting style, variant-specific effect errors, nothing loads when anything is wrong.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { parseScenarioObject, parseScenarioText } from "../../shared/scenario/load.ts";
import { formatErrors } from "../../shared/scenario/format-errors.ts";
import { ROOT } from "./helpers.ts";

const EXAMPLE = "scenarios/examples/two-rivals.yaml";
const exampleText = readFileSync(join(ROOT, EXAMPLE), "utf8");

/** The example with one piece of text replaced (which must exist). */
function exampleWith(from: string, to: string): string {
  expect(exampleText).toContain(from);
  return exampleText.replace(from, to);
}

const errorsOf = (text: string, file = "s.yaml") => {
  const r = parseScenarioText(text, file);
  return r.ok ? [] : r.error;
};

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const at = text.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  const before = text.slice(0, at).split("\n");
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

describe("loading a scenario", () => {
  it("accepts the same scenario written as JSON, with the same result", () => {
    const json = JSON.stringify(parseYaml(exampleText), null, 2);
    const fromJson = parseScenarioText(json, "two-rivals.json");
    const fromYaml = parseScenarioText(exampleText, EXAMPLE);
    expect(fromJson.ok && fromYaml.ok).toBe(true);
    if (fromJson.ok && fromYaml.ok) expect(fromJson.value).toEqual(fromYaml.value);
  });

  it("fills in defaults, so the engine gets a complete scenario", () => {
    const r = parseScenarioText(exampleText, EXAMPLE);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.moves.trade_deal?.visibility).toBe("public");
    expect(r.value.moves.trade_deal?.target).toBe("actor");
    expect(r.value.events.border_incident?.once).toBe(true);
  });

  it("lets moves share settings through YAML anchors and << merges, locating mistakes in the copy", () => {
    const shared = exampleWith("  trade_deal:\n    name: Propose a trade deal", "  trade_deal: &deal\n    name: Propose a trade deal");
    const ok = parseScenarioText(shared.replace("  sanction:\n    name: Sanction a sector", "  deal_two:\n    <<: *deal\n    name: Another deal\n  sanction:\n    name: Sanction a sector"), "s.yaml");
    expect(ok.ok && ok.value.moves.deal_two?.cost).toBe(1);
    const text = shared.replace("  sanction:\n    name: Sanction a sector", "  deal_two:\n    <<: *deal\n    cost: many\n  sanction:\n    name: Sanction a sector");
    const [e] = errorsOf(text);
    expect({ path: e?.path, line: e?.line, column: e?.column }).toEqual({ path: "moves.deal_two.cost", ...positionOf(text, "many") });
  });

  it("accepts a bare year where a date goes, as YAML authors write it", () => {
    const r = parseScenarioText(exampleWith('since: "1961"', "since: 1961"), "s.yaml");
    expect(r.ok && r.value.treaties[0]?.since).toBe("1961");
  });

  it("never loads a scenario with even one semantic mistake", () => {
    const r = parseScenarioText(exampleWith("measure: self.gdp", "measure: self.gpd"), "s.yaml");
    expect(r.ok).toBe(false);
  });

  it("reports an empty file instead of crashing", () => {
    expect(errorsOf("")[0]?.message).toContain("a scenario file is a mapping of sections");
  });

  it.each([
    ["plain", "trigger: world.tensoin > 60", "trigger: world.tensoin > 60"],
    ["double-quoted", 'trigger: "world.tensoin > 60"', 'trigger: "world.tensoin > 60"'],
    ["single-quoted with an escaped quote", "trigger: 'fired(''x'') == 0 or world.tensoin > 60'", "trigger: 'fired(''x'') == 0 or world.tensoin > 60'"],
    ["folded over two lines", "trigger: >-\n      fired(\"border_incident\") == 0\n      and world.tensoin > 60", "trigger: >-\n      fired(\"border_incident\") == 0\n      and world.tensoin > 60"],
  ])("points inside a %s formula at the misspelt name", (_style, _label, replacement) => {
    const text = exampleWith("trigger: world.tension > 60", replacement);
    const errors = errorsOf(text).filter((e) => e.code === "scenario/unknown_global");
    expect(errors).toHaveLength(1);
    // The column of "tensoin" itself, not of the start of the formula.
    expect({ line: errors[0]!.line, column: errors[0]!.column }).toEqual(positionOf(text, "tensoin"));
  });

  it("explains an effect's problem for the kind of effect it is, not as a generic invalid input", () => {
    const text = exampleWith("      - { change: target.gdp, times: 0.98, because: Sanctions }", "      - { change: target.gdp, times: [0.98] }");
    const [e] = errorsOf(text);
    expect(e?.path).toBe("moves.sanction.effects[1].times");
    expect(e?.message).toContain('"times" should be a number or a formula');
  });

  it("refuses an effect that is two kinds at once", () => {
    const text = exampleWith("      - { change: world.tension, by: 5 }", "      - { change: world.tension, by: 5, news: Tension rises }");
    const [e] = errorsOf(text);
    expect(e?.code).toBe("scenario/ambiguous_effect");
    expect(e?.message).toContain("change and news");
  });

  it("names a field of another kind of effect as that field's mistake, with the kind it belongs to", () => {
    const text = exampleWith("      - { change: world.tension, by: 5 }", "      - { change: world.tension, by: 5, fades: 0.5 }");
    const errors = errorsOf(text);
    expect(errors.map((e) => ({ code: e.code, path: e.path, line: e.line, column: e.column }))).toEqual([
      { code: "scenario/unknown_key", path: "moves.sanction.effects[2].fades", ...positionOf(text, "fades: 0.5") },
    ]);
    expect(errors[0]?.message).toBe('"fades" is not a field of a change effect; it belongs to relation effects. Fields of a change effect: change, by, times, to, because');
  });

  it("says a percentage is written as a fraction", () => {
    const text = exampleWith("    probability: 0.5", "    probability: 40%");
    const errors = errorsOf(text);
    expect(errors.map((e) => ({ path: e.path, message: e.message, line: e.line, column: e.column }))).toEqual([
      { path: "events.border_incident.probability", message: "write 0.4 for 40%: chances and shares are numbers from 0 to 1", ...positionOf(text, "%") },
    ]);
  });

  it("says an unknown field that fits a neighbouring level may be indented wrongly", () => {
    const option = "      escalate:\n        label: Mobilise\n        effects:\n          - { change: world.tension, by: 10 }\n          - { change: self.stability, by: 5, because: Rally round the flag }\n";
    const dedented = option.replace(/^ {2}/gm, "");
    const [under] = errorsOf(exampleWith(option, dedented)).map((e) => `${e.path}: ${e.message}`);
    expect(under).toContain('events.border_incident.escalate: unknown field "escalate". It has the shape of an entry of "options": it may be indented too little; move it under options.');
    const over = errorsOf(exampleWith("    default: calm\n", "")
      .replace("        label: Call for calm\n", "        label: Call for calm\n        default: calm\n")).map((e) => `${e.path}: ${e.message}`);
    expect(over).toContainEqual(expect.stringContaining('events.border_incident.options.calm.default: unknown field "default". "default" is a field of the level above: it may be indented too far.'));
  });

  it("asks for an amount when a change has none", () => {
    const [e] = errorsOf(exampleWith("      - { change: world.tension, by: 5 }", "      - { change: world.tension }"));
    expect(e?.code).toBe("scenario/no_amount");
    expect(e?.path).toBe("moves.sanction.effects[2]");
  });

  it("explains a formula cut at a comma inside { ... }", () => {
    const text = exampleWith("      atLeast: 0.6\n      points: 3\n", "      atLeast: 0.6\n      points: 3\n    - { label: X, measure: max(1, 2), points: 1 }\n");
    const e = errorsOf(text).find((x) => x.code === "scenario/unknown_key");
    expect(e?.message).toContain("formula cut off at a comma");
  });

  it("keeps checking references elsewhere when one entry has a structural error", () => {
    const text = exampleWith("    cost: 2\n    targets: target != self", "    cost: two\n    targets: target != self").replace("measure: self.gdp", "measure: self.gpd");
    expect(errorsOf(text).map((e) => e.code)).toEqual(["scenario/wrong_type", "scenario/unknown_indicator"]);
  });
});

describe("a wrongly indented line is one error, at the line, saying where it belongs", () => {
  const located = (text: string) => errorsOf(text).map((e) => `${e.line}:${e.column} ${e.path}: ${e.message}`);
  const gpd = (text: string) => text.replace("target.gdp, times: 0.98", "target.gpd, times: 0.98");
  const GPD = '106:26 moves.sanction.effects[1].change: unknown indicator "gpd". Did you mean "gdp"? Indicators: gdp, stability, standing';

  it("entries written at the column of the empty key they belong to: one error, not one for the key and one per entry", () => {
    const text = gpd(exampleWith("    params:\n      sector:", "    params:\n    sector:"));
    expect(located(text)).toEqual(['102:5 moves.sanction.sector: "params" is empty, and "sector" below it starts at its column: indent it further than "params" to put it inside it', GPD]);
    const values = exampleWith("    indicators:\n      gdp: { value: 310", "    indicators:\n    gdp: { value: 310").replace("      stability: 55\n  SUD:", "    stability: 55\n  SUD:");
    expect(located(gpd(values))).toEqual([
      '38:5 actors.NOR.gdp: "indicators" is empty, and "gdp", "stability" below it start at its column: indent them further than "indicators" to put them inside it',
      GPD,
    ]);
  });

  it("a key written at the column of the \"- \" of its list item", () => {
    const text = exampleWith("      - influence: { over: MID, by: self }\n        by: 1\n", "      - influence: { over: MID, by: self }\n      by: 1\n").replace("  budget: 3", "  budget: 3\n  count: 6");
    expect(located(text)).toEqual([
      '14:3 turns.count: the key "count" appears twice in the same mapping (first on line 11): keep one',
      '122:7 : YAML syntax: this line starts at the column of the "- " on line 121; to belong to that list item, start it at column 9, under the item\'s first key (5 later syntax complaints are left out: they usually follow from this one)',
    ]);
  });

  it("a key between the columns of the lines above it", () => {
    const text = exampleWith("    name: Northland\n    playable: true\n", "    name: Northland\n   playable: true\n");
    expect(located(text)).toEqual([
      "33:4 : YAML syntax: this line starts at column 4, between the columns of the lines above it (3 on line 31, 5 on line 32): line it up with the lines it belongs with (6 later syntax complaints are left out: they usually follow from this one)",
    ]);
  });
});

describe("parseScenarioObject (data built in code)", () => {
  it("accepts the example and reports a broken copy by path", () => {
    const data = parseYaml(exampleText) as { actors: Record<string, { playable?: unknown }> };
    expect(parseScenarioObject(data).ok).toBe(true);
    data.actors.MID!.playable = "yes";
    const r = parseScenarioObject(data);
    expect(r.ok ? [] : r.error.map((e) => [e.code, e.path.join(".")])).toEqual([["scenario/wrong_type", "actors.MID.playable"]]);
  });
});

describe("formatErrors", () => {
  it("prints file:line:column, the path and the message on one line per error", () => {
    const out = formatErrors([
      { file: "a.yaml", line: 3, column: 7, path: "moves.x.cost", code: "scenario/wrong_type", message: "cost should be a number" },
      { file: "a.yaml", line: 12, column: 1, path: "", code: "scenario/yaml_syntax", message: "YAML syntax: bad" },
    ]);
    expect(out.split("\n")).toEqual(["a.yaml:3:7   moves.x.cost  cost should be a number", "a.yaml:12:1  -             YAML syntax: bad"]);
  });
});
