// The format's newer parts: the `version` field and its migrations, indicators scoped to some
// actors, bloc membership in formulas, display labels for parameter choices, and the message for
// an indicator without a `default` that names what the author wrote.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../shared/scenario/load.ts";
import { migrateScenario } from "../../shared/scenario/migrate.ts";
import { hasIndicator, indicatorsOf, showsIndicator } from "../../shared/scenario/scope.ts";
import { compileRules, createGame, resolveTurn } from "../../shared/engine/index.ts";
import { ROOT } from "./helpers.ts";

const example = readFileSync(join(ROOT, "scenarios/examples/two-rivals.yaml"), "utf8");
/** The 1-based line of the first line of the example containing `text`. */
const lineOf = (text: string): number => example.split("\n").findIndex((l) => l.includes(text)) + 1;
const errorsOf = (text: string) => {
  const r = parseScenarioText(text, "s.yaml");
  return r.ok ? [] : r.error;
};

describe("the version field", () => {
  it("a file without `version` is format 1, and so is one that says so", () => {
    const r = parseScenarioText(example, "s.yaml");
    expect(r.ok && r.value.version).toBe(1);
    expect(errorsOf(example.replace("id: two_rivals", "version: 1\nid: two_rivals"))).toEqual([]);
  });

  it("a file for a newer format is refused at its version line, saying which formats are read", () => {
    const [e, ...rest] = errorsOf(example.replace("id: two_rivals", "version: 7\nid: two_rivals"));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ code: "scenario/newer_version", path: "version", line: lineOf("id: two_rivals") });
    expect(e!.message).toContain("format 7; this Faultline reads formats 1 to 1");
  });

  it("migrations run in order from the file's version up to the current one", () => {
    const seen: number[] = [];
    const migrations = {
      1: (d: Record<string, unknown>) => (seen.push(1), { ...d, title: `${String(d["title"])} (v2)` }),
      2: (d: Record<string, unknown>) => (seen.push(2), { ...d, renamed: d["title"] }),
    };
    const out = migrateScenario({ title: "Old" }, migrations, 3);
    expect(seen).toEqual([1, 2]);
    expect(out).toMatchObject({ from: 1, data: { version: 3, title: "Old (v2)", renamed: "Old (v2)" } });
    expect(migrateScenario({ version: 2, title: "Mid" }, migrations, 3).data).toEqual({ version: 3, title: "Mid", renamed: "Mid" });
  });
});

describe("indicators scoped to some actors", () => {
  const scoped = example.replace("gdp: { label: GDP, unit: US$ bn, min: 0 }", "gdp: { label: GDP, unit: US$ bn, min: 0 }\n  oil: { label: Oil output, actors: [NOR], min: 0 }");

  it("only the listed actors hold the indicator", () => {
    const r = parseScenarioText(scoped, "s.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(hasIndicator(r.value, "NOR", "oil")).toBe(true);
    expect(hasIndicator(r.value, "SUD", "oil")).toBe(false);
    expect(indicatorsOf(r.value, "SUD")).toEqual(["gdp", "stability", "standing"]);
    expect(indicatorsOf(r.value, "NOR")).toEqual(["gdp", "oil", "stability", "standing"]);
  });

  it("a reference figure is held and read by formulas, but not shown to players", () => {
    const r = parseScenarioText(scoped.replace("actors: [NOR]", "actors: [NOR], reference: true"), "s.yaml");
    if (!r.ok) throw new Error(r.error.map((e) => e.message).join("; "));
    expect(hasIndicator(r.value, "NOR", "oil")).toBe(true);
    expect(showsIndicator(r.value, "NOR", "oil")).toBe(false);
    expect(showsIndicator(r.value, "NOR", "gdp")).toBe(true);
    // The shipped scenario's starting references (trade and sanctions in June 2024) are not a player's business.
    const py = parseScenarioText(readFileSync(join(ROOT, "scenarios/pyongyang-2024.yaml"), "utf8"), "p.yaml");
    if (!py.ok) throw new Error("pyongyang-2024.yaml does not load");
    expect(Object.keys(py.value.indicators).filter((i) => hasIndicator(py.value, "CHN", i) && !showsIndicator(py.value, "CHN", i))).toEqual(["potential", "trade_base", "sanctions_base"]);
  });

  it("a value for an actor outside the list, or an unknown actor in it, is an error at its place", () => {
    const outside = errorsOf(scoped.replace("      gdp: 540\n", "      gdp: 540\n      oil: 3\n"));
    expect(outside.map((e) => [e.code, e.path])).toEqual([["scenario/indicator_out_of_scope", "actors.SUD.indicators.oil"]]);
    expect(outside[0]!.message).toContain("indicators.oil.actors lists only NOR");
    const unknown = errorsOf(scoped.replace("actors: [NOR]", "actors: [NOX]"));
    expect(unknown.map((e) => [e.code, e.path])).toEqual([["scenario/unknown_actor", "indicators.oil.actors[0]"]]);
  });
});

describe("formulas and menus", () => {
  it("formulas read an actor's bloc", () => {
    const text = example.replace("      - { change: target.gdp, times: 0.98, because: Sanctions }", '      - if: bloc(target) == "west"\n        then:\n          - { change: target.gdp, times: 0.9, because: Sanctions on the west }');
    const r = parseScenarioText(text, "s.yaml");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const rules = compileRules(r.value);
    const game = createGame(rules, "bloc");
    const after = resolveTurn(rules, { ...game, orders: { NOR: [{ move: "sanction", target: "SUD", params: { sector: "finance" } }] } });
    expect(after.state.actors["SUD"]!["gdp"]).toBeCloseTo(540 * 0.9, 5);
  });

  it("parameter choices carry display labels, checked against the choices", () => {
    const text = example.replace("sector: { label: Sector, choices: [finance, energy] }", "sector: { label: Sector, choices: [finance, energy], labels: { finance: banks, energy: oil and gas } }");
    expect(errorsOf(text)).toEqual([]);
    const [e] = errorsOf(text.replace("energy: oil and gas", "enrgy: oil and gas"));
    expect(e).toMatchObject({ path: "moves.sanction.params.sector.labels.enrgy" });
    expect(e!.message).toContain('Did you mean "energy"?');
  });
});

describe("an indicator without a default", () => {
  it("names the indicator the author wrote and what to add, not an unwritten `default`", () => {
    const [e, ...rest] = errorsOf(example.replace("gdp: { label: GDP, unit: US$ bn, min: 0 }", "gdp: { label: GDP, unit: US$ bn, min: 20, max: 900 }"));
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ code: "scenario/bad_range", path: "indicators.gdp", line: lineOf("gdp: { label: GDP") });
    expect(e!.message).toContain("indicators.gdp has no `default`");
    expect(e!.message).toContain("add `default:` with a value in 20..900");
    expect(e!.message).not.toContain("default 0 is outside");
  });

  it("a default the author did write that is out of range is named as written", () => {
    const [e] = errorsOf(example.replace("stability: { label: Domestic stability, min: 0, max: 100, default: 60 }", "stability: { label: Domestic stability, min: 0, max: 100, default: 160 }"));
    expect(e).toMatchObject({ path: "indicators.stability.default", message: "default 160 is outside 0..100" });
  });
});
