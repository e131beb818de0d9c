// docs/scenario-authoring.md must stay true: its complete example validates and is the committed
// example file, and it mentions every section, effect kind and function the format has.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../shared/scenario/load.ts";
import { formatErrors } from "../../shared/scenario/format-errors.ts";
import { Scenario } from "../../shared/scenario/schema.ts";
import { BUILTINS } from "../../shared/expr/compile.ts";
import { DOMAIN_FUNCTIONS } from "../../shared/expr/vocabulary.ts";
import { ROOT } from "./helpers.ts";

const guide = readFileSync(join(ROOT, "docs/scenario-authoring.md"), "utf8");
const exampleFile = readFileSync(join(ROOT, "scenarios/examples/two-rivals.yaml"), "utf8");

/** The first fenced yaml block after the "A complete example" heading. */
function completeExample(): string {
  const section = guide.split("## A complete example")[1] ?? "";
  const match = /```yaml\n([\s\S]*?)```/.exec(section);
  return match?.[1] ?? "";
}

describe("docs/scenario-authoring.md", () => {
  it("has a complete example that validates", () => {
    const r = parseScenarioText(completeExample(), "docs/scenario-authoring.md#a-complete-example");
    expect(r.ok ? "" : formatErrors(r.error)).toBe("");
  });

  it("shows exactly the committed scenarios/examples/two-rivals.yaml", () => {
    expect(completeExample()).toBe(exampleFile);
  });

  it("mentions every section of the format", () => {
    for (const key of Object.keys(Scenario.shape).filter((k) => k !== "$schema")) expect(guide).toContain(`\`${key}\``);
  });

  it("explains every kind of effect and every function of the formula language", () => {
    for (const kind of ["change", "relation", "trade", "influence", "sanction", "enforce", "treaty", "mandate", "news", "if", "forEach", "chance"])
      expect(guide).toContain(`| \`${kind}\` |`);
    for (const fn of [...Object.keys(BUILTINS), ...Object.keys(DOMAIN_FUNCTIONS)]) expect(guide).toContain(`${fn}(`);
  });
});

describe("the guide's tutorial", () => {
  const tutorial = guide.split("## Tutorial: a scenario from a news article")[1]?.split("\n## ")[0] ?? "";
  const shipped = readFileSync(join(ROOT, "scenarios/examples/essequibo-2023.yaml"), "utf8");

  it("builds the shipped scenarios/examples/essequibo-2023.yaml, which validates", () => {
    expect(tutorial).toContain("scenarios/examples/essequibo-2023.yaml");
    const r = parseScenarioText(shipped, "scenarios/examples/essequibo-2023.yaml");
    expect(r.ok ? "" : formatErrors(r.error)).toBe("");
  });

  it("shows only pieces of that file, as they are in it", () => {
    const blocks = [...tutorial.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(4);
    for (const block of blocks) expect(shipped).toContain(block);
  });
});
