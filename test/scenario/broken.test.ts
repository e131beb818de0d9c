// Each broken fixture has exactly one mistake; the author must get that mistake, in plain
// English, at the exact line and column, with the path in the document.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ScenarioError } from "../../shared/scenario/errors.ts";
import { parseFile, ROOT } from "./helpers.ts";

interface Expected {
  code: ScenarioError["code"];
  line: number;
  column: number;
  path: string;
  message: string;
}

const DIR = "test/fixtures/broken";

/** One mistake per file (some mistakes are reported in two places, listed in file order). */
const CASES: Record<string, Expected[]> = {
  // One tab: one error, not the parser's three echoes of it.
  "tab-indent.yaml": [{ code: "scenario/yaml_syntax", line: 38, column: 1, path: "", message: "a tab is used for indentation; YAML needs spaces (3 later syntax complaints are left out" }],
  "yaml-syntax.yaml": [{ code: "scenario/yaml_syntax", line: 4, column: 8, path: "", message: 'text opened with " is never closed' }],
  "yaml-unclosed-list.yaml": [{ code: "scenario/yaml_syntax", line: 8, column: 10, path: "", message: 'a list opened with "[" is never closed with "]"' }],
  "unknown-actor.yaml": [
    { code: "scenario/unknown_actor", line: 21, column: 22, path: "relations[0].between[1]", message: 'unknown actor "BBX". Did you mean "BBB"?' },
  ],
  "unknown-indicator.yaml": [
    { code: "scenario/unknown_indicator", line: 41, column: 26, path: "moves.rebuke.effects[1].change", message: 'unknown indicator "stabilty". Did you mean "stability"?' },
  ],
  "unknown-global.yaml": [
    { code: "scenario/unknown_global", line: 59, column: 20, path: "events.crisis.trigger", message: 'unknown world value "world.tensions". Did you mean "tension"?' },
  ],
  "bad-expression.yaml": [
    { code: "scenario/expr_syntax", line: 50, column: 26, path: "moves.sanction.requires[0].when", message: "formula error at character 12: unexpected '>'" },
  ],
  "block-scalar-expression.yaml": [
    { code: "scenario/expr_syntax", line: 52, column: 40, path: "moves.sanction.requires[0].when", message: "unexpected ')' after a complete expression" },
  ],
  "derived-cycle.yaml": [
    { code: "scenario/derived_cycle", line: 15, column: 39, path: "derived.rivalry.formula", message: "derived.rivalry -> derived.heat -> derived.rivalry" },
  ],
  "unknown-function.yaml": [
    { code: "scenario/unknown_function", line: 50, column: 37, path: "moves.sanction.requires[0].when", message: 'unknown function "mooved". Did you mean "moved"?' },
  ],
  "wrong-arity.yaml": [
    { code: "scenario/wrong_arity", line: 15, column: 41, path: "derived.rivalry.formula", message: "relation() takes 2 arguments but got 1" },
  ],
  "unknown-param.yaml": [
    { code: "scenario/unknown_param", line: 53, column: 51, path: "moves.sanction.effects[0].sanction.sector", message: 'unknown parameter "param.sectr": move "sanction" declares sector. Did you mean "sector"?' },
  ],
  "param-choice-not-sector.yaml": [
    { code: "scenario/unknown_sector", line: 53, column: 51, path: "moves.sanction.effects[0].sanction.sector", message: 'param.sector is used as a sector here, but its choice "labor" is not a sector. Did you mean "labour"?' },
  ],
  "default-not-option.yaml": [
    { code: "scenario/default_not_option", line: 64, column: 14, path: "events.crisis.default", message: 'default "clam" is not one of the options (calm, rally). Did you mean "calm"?' },
  ],
  "missing-default.yaml": [
    { code: "scenario/missing_default", line: 61, column: 5, path: "events.crisis.options", message: "has options but no default" },
  ],
  "missing-field.yaml": [
    { code: "scenario/missing_field", line: 34, column: 3, path: "moves.rebuke.cost", message: 'missing required field "cost" (a number: Political capital' },
  ],
  "effect-missing-field.yaml": [
    { code: "scenario/missing_field", line: 40, column: 9, path: "moves.rebuke.effects[0].label", message: 'missing required field "label"' },
  ],
  "wrong-type.yaml": [{ code: "scenario/wrong_type", line: 7, column: 17, path: "turns.count", message: '"count" should be a number, not text ("four")' }],
  "unknown-key.yaml": [
    { code: "scenario/unknown_key", line: 17, column: 23, path: "actors.AAA.plyable", message: 'unknown field "plyable". Did you mean "playable"?' },
  ],
  "duplicate-trade-pair.yaml": [
    { code: "scenario/duplicate_pair", line: 25, column: 16, path: "trade[2].between", message: "BBB–AAA is already listed at trade[0]" },
  ],
  "unknown-effect.yaml": [
    { code: "scenario/unknown_effect", line: 41, column: 11, path: "moves.rebuke.effects[1].chnage", message: 'unknown effect "chnage". Did you mean "change"?' },
  ],
  "unknown-move.yaml": [
    { code: "scenario/unknown_move", line: 50, column: 50, path: "moves.sanction.requires[0].when", message: 'unknown move "rebuk" in moved(). Did you mean "rebuke"?' },
  ],
  "role-unknown-move.yaml": [
    { code: "scenario/unknown_move", line: 72, column: 64, path: "roles.minister.moves[2]", message: '"sanktion" is neither a move category (trade, sanctions, alignment, security, council) nor a move. Did you mean "sanction"?' },
  ],
  "unknown-event.yaml": [
    { code: "scenario/unknown_event", line: 59, column: 44, path: "events.crisis.trigger", message: 'unknown event "crises" in fired(). Did you mean "crisis"?' },
  ],
  "unknown-mandate.yaml": [
    { code: "scenario/unknown_mandate", line: 62, column: 49, path: "events.crisis.options.calm.effects[0].mandate", message: 'unknown council mandate "panl". Did you mean "panel"?' },
  ],
  "target-without-target.yaml": [
    { code: "scenario/target_unbound", line: 41, column: 28, path: "moves.rebuke.effects[0].relation[1]", message: 'the move has target: none' },
    { code: "scenario/target_unbound", line: 42, column: 19, path: "moves.rebuke.effects[1].change", message: 'the move has target: none' },
  ],
  "objectives-not-playable.yaml": [
    { code: "scenario/objectives_not_playable", line: 68, column: 3, path: "objectives.CCC", message: '"CCC" has objectives but is not a playable seat' },
  ],
  "missing-objectives.yaml": [
    { code: "scenario/missing_objectives", line: 18, column: 33, path: "actors.BBB.playable", message: '"BBB" is a playable seat but has no objectives' },
  ],
  "council-unknown-member.yaml": [
    { code: "scenario/unknown_actor", line: 29, column: 18, path: "council.elected[1]", message: 'unknown actor "DDD"' },
  ],
  "json-unknown-indicator.json": [
    { code: "scenario/unknown_indicator", line: 124, column: 29, path: "moves.rebuke.effects[1].change", message: 'unknown indicator "morale". Indicators: gdp, stability' },
  ],
  // A wrong type or a misspelt key mends or drops only its own field, so what sits next to it is
  // still checked: before, the first two and the third were hidden.
  "shape-and-meaning.yaml": [
    { code: "scenario/unknown_actor", line: 38, column: 19, path: "moves.rebuke.actors[1]", message: 'unknown actor "BXB". Did you mean "BBB"?' },
    { code: "scenario/wrong_type", line: 39, column: 11, path: "moves.rebuke.cost", message: '"cost" should be a number, not text ("one")' },
    { code: "scenario/unknown_indicator", line: 68, column: 43, path: "objectives.AAA[0].measure", message: 'unknown indicator "stabilty". Did you mean "stability"?' },
    { code: "scenario/unknown_key", line: 69, column: 41, path: "objectives.AAA[1].atleast", message: 'unknown field "atleast". Did you mean "atLeast"?' },
  ],
  "several-mistakes.yaml": [
    { code: "scenario/duplicate_key", line: 5, column: 1, path: "title", message: 'the key "title" appears twice in the same mapping (first on line 4)' },
    { code: "scenario/wrong_type", line: 8, column: 28, path: "turns.budget", message: '"budget" should be a number, not text ("two")' },
    { code: "scenario/unknown_function", line: 16, column: 41, path: "derived.rivalry.formula", message: 'unknown function "relaton". Did you mean "relation"?' },
    { code: "scenario/unknown_actor", line: 22, column: 22, path: "relations[0].between[1]", message: 'unknown actor "BXB". Did you mean "BBB"?' },
    { code: "scenario/unknown_key", line: 42, column: 45, path: "moves.rebuke.effects[1].becuase", message: 'unknown field "becuase". Did you mean "because"?' },
    { code: "scenario/missing_default", line: 62, column: 5, path: "events.crisis.options", message: "has options but no default" },
  ],
};

describe("broken scenario files report their precise errors", () => {
  it("every fixture in test/fixtures/broken has its expected errors listed here", () => {
    expect(readdirSync(join(ROOT, DIR)).sort()).toEqual(Object.keys(CASES).sort());
  });

  it.each(Object.entries(CASES))("%s", (name, expected) => {
    const r = parseFile(`${DIR}/${name}`);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.error;
    expect(errors).toHaveLength(expected.length);
    errors.forEach((e, i) => {
      const want = expected[i]!;
      expect({ file: e.file, code: e.code, line: e.line, column: e.column, path: e.path }).toEqual({
        file: `${DIR}/${name}`,
        code: want.code,
        line: want.line,
        column: want.column,
        path: want.path,
      });
      expect(e.message).toContain(want.message);
    });
  });
});
