// Loads every scenario file in scenarios/ once at startup and compiles its rules. A file that does
// not validate is reported and skipped, so one broken file never stops the server.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { compileRules, type Rules } from "../shared/engine/index.ts";
import { parseScenarioText } from "../shared/scenario/load.ts";
import type { Scenario } from "../shared/scenario/schema.ts";

export const DEFAULT_SCENARIO = "pyongyang-2024";
export const SCENARIO_DIR = resolve(import.meta.dirname, "..", "scenarios");

/** Scenario id or file name (without extension) -> compiled rules. */
export type ScenarioCatalog = Map<string, Rules>;

/** Parses one scenario file's text; returns the problems as plain lines on failure. */
export function parseScenarioFile(text: string, fileName: string): { ok: true; value: Scenario } | { ok: false; errors: string[] } {
  const r = parseScenarioText(text, fileName);
  if (r.ok) return r;
  return { ok: false, errors: r.error.map((e) => `${e.file}:${e.line}:${e.column} ${e.path}: ${e.message}`) };
}

/** Reads every .yaml/.yml/.json scenario in `dir`. */
export function loadScenarios(dir = SCENARIO_DIR, log: (msg: string) => void = console.warn): ScenarioCatalog {
  const catalog: ScenarioCatalog = new Map();
  let files: string[] = [];
  try {
    files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && f !== "schema.json");
  } catch {
    log(`scenarios: cannot read ${dir}`);
  }
  for (const file of files.sort()) {
    const result = parseScenarioFile(readFileSync(join(dir, file), "utf8"), file);
    if (!result.ok) {
      log(`scenarios: skipping ${file}:\n  ${result.errors.slice(0, 10).join("\n  ")}`);
      continue;
    }
    const rules = compileRules(result.value);
    // Known by its id and by its file name ("pyongyang_2024" and "pyongyang-2024").
    catalog.set(result.value.id, rules);
    catalog.set(file.replace(/\.(ya?ml|json)$/, ""), rules);
  }
  return catalog;
}
