// Reads a scenario file from disk and checks it: the fs half of shared/scenario/load.ts,
// for the CLI, tests and the server (the shared loader itself stays free of I/O).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseScenarioText } from "../shared/scenario/load.ts";
import type { ScenarioError } from "../shared/scenario/errors.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import type { Result } from "../shared/engine/index.ts";

/** Reads and validates a scenario; a file that cannot be read is one error, not an exception. */
export function readScenarioFile(path: string): Result<Scenario, ScenarioError[]> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message;
    return { ok: false, error: [{ file: path, line: 1, column: 1, path: "", code: "scenario/file_unreadable", message: `cannot read ${resolve(path)}: ${reason}` }] };
  }
  return parseScenarioText(text, path);
}

/** The text of a scenario file that readScenarioFile already read successfully. */
export function readScenarioText(path: string): string {
  return readFileSync(path, "utf8");
}
