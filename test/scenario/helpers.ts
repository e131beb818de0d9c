// Shared helpers for the scenario tests: read and check a file, list the scenario files.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Cause, GameState, Result, TurnReport } from "../../shared/engine/index.ts";
import { parseScenarioText } from "../../shared/scenario/load.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Parses a file of the repository by its path relative to the root. */
export function parseFile(rel: string) {
  return parseScenarioText(readFileSync(join(ROOT, rel), "utf8"), rel);
}

/** A shipped scenario file, parsed; throws with the validator's messages if it does not load. */
export function loadScenario(rel: string): Scenario {
  const loaded = parseFile(rel);
  if (!loaded.ok) throw new Error(`${rel} does not load: ${loaded.error.map((e) => e.message).join("; ")}`);
  return loaded.value;
}

/** The value of an engine call that must succeed, with the engine's message if it does not. */
export function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Every scenario file under a folder (YAML or JSON), except the generated schema. */
export function scenarioFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/.test(name) && name !== "schema.json") out.push(relative(ROOT, p));
    }
  };
  walk(join(ROOT, dir));
  return out;
}

/** The key of an unordered pair of actors, as the state keys relations and trade. */
export const pair = (a: string, b: string): string => (a < b ? `${a}:${b}` : `${b}:${a}`);

/** The relation between two actors: its base plus every opinion modifier. */
export function relation(st: GameState, a: string, b: string): number {
  const r = st.relations[pair(a, b)];
  return r ? r.base + r.modifiers.reduce((s, m) => s + m.value, 0) : 0;
}

/** The causes the report gives for one subject ("CHN.standing", "trade:CHN:USA", "influence:PRK:CHN"). */
export function why(report: TurnReport, subject: string): Cause[] {
  return report.explanations.find((e) => e.subject === subject)?.causes ?? [];
}

/** The summed delta the report attributes to one cause id (a move, event or dynamic). */
export function deltaFrom(report: TurnReport, subject: string, id: string): number {
  return why(report, subject)
    .filter((c) => c.id === id)
    .reduce((s, c) => s + c.delta, 0);
}
