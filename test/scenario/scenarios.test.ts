// Every scenario shipped in scenarios/ must load: a scenario never starts from invalid data.
import { describe, expect, it } from "vitest";
import { formatErrors } from "../../shared/scenario/format-errors.ts";
import { parseFile, scenarioFiles } from "./helpers.ts";

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
