// scenarios/schema.json is what editors use to autocomplete and flag mistakes while the author
// types; it is generated from the zod schema and must never go stale.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildScenarioJsonSchema } from "../../scripts/json-schema.ts";
import { ROOT } from "./helpers.ts";

const committed = readFileSync(join(ROOT, "scenarios/schema.json"), "utf8");

describe("scenarios/schema.json", () => {
  it("equals a fresh build from shared/scenario/schema.ts (run `npm run schema` after changing the format)", () => {
    expect(committed).toBe(buildScenarioJsonSchema());
  });

  it("describes the scenario for an editor: required sections, no unknown keys, effect kinds, descriptions", () => {
    const schema = JSON.parse(committed) as {
      required: string[];
      additionalProperties: boolean;
      properties: Record<string, { description?: string }>;
      definitions: Record<string, { anyOf: { properties: Record<string, unknown> }[] }>;
    };
    expect(schema.required).toEqual(expect.arrayContaining(["id", "title", "actors", "moves", "objectives"]));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.$schema).toBeDefined();
    expect(schema.properties.objectives?.description).toContain("Per actor id");
    const kinds = schema.definitions.Effect?.anyOf.map((o) => Object.keys(o.properties)[0]);
    expect(kinds).toEqual(["change", "relation", "trade", "influence", "sanction", "enforce", "treaty", "mandate", "news", "if", "forEach", "chance"]);
  });
});
