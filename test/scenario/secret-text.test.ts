// Issue 8, case 11 (scenarios): no secret objective's label or description appears, word for word,
// in any text every player can read (briefings, summaries, move and event texts, history notes) of
// any scenario shipped in scenarios/ (every file, including examples).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { compileRules, publicScenario } from "../../shared/engine/index.ts";
import { parseScenarioText } from "../../shared/scenario/load.ts";

const DIR = resolve(import.meta.dirname, "..", "..", "scenarios");

function scenarioFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return scenarioFiles(p);
    return /\.(ya?ml|json)$/.test(f) && f !== "schema.json" ? [p] : [];
  });
}

/** Every string in a value, with where it is. */
function strings(v: unknown, path: string, out: [string, string][] = []): [string, string][] {
  if (typeof v === "string") out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) strings(x, path ? `${path}.${k}` : k, out);
  return out;
}

const files = scenarioFiles(DIR);

describe("secret objectives stay out of public text", () => {
  it("finds the shipped scenarios", () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files.map((f) => [relative(DIR, f), f]))("%s", (_name, file) => {
    const parsed = parseScenarioText(readFileSync(file, "utf8"), file);
    if (!parsed.ok) throw new Error(`${file} does not parse`);
    const scenario = parsed.value;
    // What an observer is given: the scenario without any secret objective.
    const visible = strings(publicScenario(compileRules(scenario), "observer"), "");
    const leaks: string[] = [];
    for (const [seat, list] of Object.entries(scenario.objectives)) {
      for (const o of list.filter((x) => x.secret)) {
        for (const secret of [o.label, o.description].filter((t): t is string => typeof t === "string" && t.length > 0)) {
          for (const [where, text] of visible) if (text.includes(secret)) leaks.push(`${seat} "${secret}" in ${where}`);
        }
      }
    }
    expect(leaks).toEqual([]);
  });
});
