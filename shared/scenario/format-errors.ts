// Scenario errors as terminal lines: `file:line:column  path  message`. Editors and terminals
// turn `file:line:column` into a link to the spot.
import type { ScenarioError } from "./errors.ts";

/** One line per error, in file order, path column aligned for reading down the list. */
export function formatErrors(errors: readonly ScenarioError[]): string {
  const where = errors.map((e) => `${e.file}:${e.line}:${e.column}`);
  const paths = errors.map((e) => e.path || "-");
  const w1 = Math.max(0, ...where.map((w) => w.length));
  const w2 = Math.min(48, Math.max(0, ...paths.map((p) => p.length)));
  return errors.map((e, i) => `${where[i]!.padEnd(w1)}  ${paths[i]!.padEnd(w2)}  ${e.message}`).join("\n");
}

/** A one-line summary for the end of an error listing. */
export function errorSummary(errors: readonly ScenarioError[]): string {
  const files = new Set(errors.map((e) => e.file)).size;
  return `${errors.length} error${errors.length === 1 ? "" : "s"}${files > 1 ? ` in ${files} files` : ""}`;
}
