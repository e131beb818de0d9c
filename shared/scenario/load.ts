// Scenario text in, trusted Scenario out. Pure (no fs), so the browser editor, the server and the
// CLI share it. Every mistake is reported at once: YAML syntax, structure (zod) and meaning
// (validate.ts), each with file, line, column, path and a plain-English message. A scenario
// never loads from invalid data.
import { LineCounter, parseDocument } from "yaml";
import type { Result } from "../engine/types.ts";
import { Scenario } from "./schema.ts";
import { pathToString, type ScenarioError, type ScenarioIssue } from "./errors.ts";
import { explainZodIssues } from "./zod-issues.ts";
import { PositionFinder } from "./positions.ts";
import { validateScenario } from "./validate.ts";
import { rawIds, salvage } from "./prune.ts";
import { isPlainObject } from "./schema-walk.ts";

export type { ScenarioError } from "./errors.ts";

/**
 * Parses a scenario file (YAML, or JSON, which is YAML too) and checks it completely.
 * `fileName` only labels the errors.
 */
export function parseScenarioText(text: string, fileName: string): Result<Scenario, ScenarioError[]> {
  const lines = new LineCounter();
  // merge: authors may share settings between moves with `<<: *common`.
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: true });
  const finder = new PositionFinder(doc, lines, text);
  const errors: ScenarioError[] = [];

  for (const e of doc.errors) {
    const { line, column } = finder.at(e.pos[0]);
    const duplicate = e.code === "DUPLICATE_KEY";
    errors.push({
      file: fileName,
      line,
      column,
      path: "",
      code: duplicate ? "scenario/duplicate_key" : "scenario/yaml_syntax",
      message: duplicate ? `the key "${keyAt(text, e.pos[0])}" appears twice in the same mapping: keep one` : yamlMessage(e.message),
    });
  }
  // Duplicate keys still leave a readable document; a syntax error makes the rest guesswork.
  if (errors.some((e) => e.code === "scenario/yaml_syntax")) return { ok: false, error: errors };

  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (!isPlainObject(data)) {
    errors.push({ file: fileName, line: 1, column: 1, path: "", code: "scenario/wrong_type", message: "a scenario file is a mapping of sections (id:, title:, actors:, moves:, ...); this file has none" });
    return { ok: false, error: errors };
  }

  const parsed = Scenario.safeParse(data);
  const issues: ScenarioIssue[] = [];
  if (parsed.success) issues.push(...validateScenario(parsed.data));
  else {
    issues.push(...explainZodIssues(parsed.error.issues, data, Scenario));
    const rest = salvage(data);
    if (rest) issues.push(...validateScenario(rest, rawIds(data)));
  }
  for (const issue of issues) {
    const { line, column } = finder.locate(issue.path, issue.at, issue.exprOffset);
    errors.push({ file: fileName, line, column, path: pathToString(issue.path), code: issue.code, message: issue.message });
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  if (errors.length > 0 || !parsed.success) return { ok: false, error: errors };
  return { ok: true, value: parsed.data };
}

/**
 * Checks scenario data that is already parsed (built in code, or received as JSON), with the
 * same structural and semantic checks as a file; issues carry paths but no line numbers.
 */
export function parseScenarioObject(data: unknown): Result<Scenario, ScenarioIssue[]> {
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) {
    const rest = salvage(data);
    const issues = [...explainZodIssues(parsed.error.issues, data, Scenario), ...(rest ? validateScenario(rest, rawIds(data)) : [])];
    return { ok: false, error: issues };
  }
  const issues = validateScenario(parsed.data);
  return issues.length > 0 ? { ok: false, error: issues } : { ok: true, value: parsed.data };
}

/** yaml's messages, trimmed of the code excerpt it may append, starting lower-case to read as one line. */
function yamlMessage(message: string): string {
  const first = message.split("\n")[0] ?? message;
  return `YAML syntax: ${first.replace(/ at line \d+, column \d+:?$/, "")}`;
}

/** The key written at `offset` (up to its colon), for duplicate-key messages. */
function keyAt(text: string, offset: number): string {
  const line = text.slice(offset, text.indexOf("\n", offset) === -1 ? undefined : text.indexOf("\n", offset));
  return (line.split(":")[0] ?? line).trim().replace(/^["']|["']$/g, "");
}
