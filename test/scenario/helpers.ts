// Shared helpers for the scenario tests: read and check a file, list the scenario files.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseScenarioText } from "../../shared/scenario/load.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Parses a file of the repository by its path relative to the root. */
export function parseFile(rel: string) {
  return parseScenarioText(readFileSync(join(ROOT, rel), "utf8"), rel);
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
