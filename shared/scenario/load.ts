// Scenario text in, trusted Scenario out. Pure (no fs), so the browser editor, the server and the
// CLI share it. Every mistake is reported at once: YAML syntax, structure (zod) and meaning
// (validate.ts), each with file, line, column, path and a plain-English message. A scenario
// never loads from invalid data.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import type { Result } from "../engine/types.ts";
import { Scenario } from "./schema.ts";
import { pathToString, type ScenarioError, type ScenarioIssue } from "./errors.ts";
import { explainZodIssues } from "./zod-issues.ts";
import { PositionFinder } from "./positions.ts";
import { validateScenario } from "./validate.ts";
import { rawIds, salvage } from "./prune.ts";
import { isPlainObject } from "./schema-walk.ts";
import { migrateScenario } from "./migrate.ts";

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
    const duplicate = e.code === "DUPLICATE_KEY";
    const syntax = describeYamlError(e.message, e.pos[0], text);
    const { line, column } = finder.at(duplicate ? e.pos[0] : syntax.offset);
    const first = duplicate ? firstOfDuplicate(doc.contents, e.pos[0]) : undefined;
    const firstLine = first && finder.at(first.offset).line;
    errors.push({
      file: fileName,
      line,
      column,
      path: first ? pathToString(first.path) : "",
      code: duplicate ? "scenario/duplicate_key" : "scenario/yaml_syntax",
      message: duplicate
        ? `the key "${keyAt(text, e.pos[0])}" appears twice in the same mapping${firstLine ? ` (first on line ${firstLine})` : ""}: keep one`
        : syntax.message,
    });
  }
  // Duplicate keys still leave a readable document; a syntax error makes the rest guesswork, and
  // the parser's later complaints are mostly echoes of the first (one tab gave nine lines of
  // jargon): the first syntax error is reported, with the duplicate keys.
  const firstSyntax = errors.find((e) => e.code === "scenario/yaml_syntax");
  if (firstSyntax) {
    const rest = errors.filter((e) => e.code === "scenario/yaml_syntax").length - 1;
    if (rest > 0) firstSyntax.message += ` (${rest} later syntax complaint${rest === 1 ? " is" : "s are"} left out: they usually follow from this one)`;
    return { ok: false, error: errors.filter((e) => e.code !== "scenario/yaml_syntax" || e === firstSyntax) };
  }

  const raw: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (!isPlainObject(raw)) {
    errors.push({ file: fileName, line: 1, column: 1, path: "", code: "scenario/wrong_type", message: "a scenario file is a mapping of sections (id:, title:, actors:, moves:, ...); this file has none" });
    return { ok: false, error: errors };
  }
  const migrated = migrateScenario(raw);
  if (migrated.issue) {
    const { line, column } = finder.locate(migrated.issue.path, migrated.issue.at);
    errors.push({ file: fileName, line, column, path: pathToString(migrated.issue.path), code: migrated.issue.code, message: migrated.issue.message });
    return { ok: false, error: errors };
  }
  const data = migrated.data;

  const parsed = Scenario.safeParse(data);
  const issues: ScenarioIssue[] = [];
  if (parsed.success) issues.push(...validateScenario(parsed.data));
  else {
    issues.push(...explainZodIssues(parsed.error.issues, data, Scenario));
    const rest = salvage(data);
    if (rest) issues.push(...validateScenario(rest.scenario, rawIds(data), rest));
  }
  for (const issue of implicitDefaults(issues, data)) {
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
export function parseScenarioObject(input: unknown): Result<Scenario, ScenarioIssue[]> {
  let data = input;
  if (isPlainObject(input)) {
    const migrated = migrateScenario(input);
    if (migrated.issue) return { ok: false, error: [migrated.issue] };
    data = migrated.data;
  }
  const parsed = Scenario.safeParse(data);
  if (!parsed.success) {
    const rest = salvage(data);
    const issues = [...explainZodIssues(parsed.error.issues, data, Scenario), ...(rest ? validateScenario(rest.scenario, rawIds(data), rest) : [])];
    return { ok: false, error: issues };
  }
  const issues = implicitDefaults(validateScenario(parsed.data), data);
  return issues.length > 0 ? { ok: false, error: issues } : { ok: true, value: parsed.data };
}

/**
 * An indicator's `default` is 0 when the author wrote none: a range check on it must then name
 * what the author did write (the indicator) and say what to add, not blame an unwritten field.
 */
function implicitDefaults(issues: ScenarioIssue[], data: unknown): ScenarioIssue[] {
  return issues.map((issue) => {
    const [section, id, field] = issue.path;
    if (issue.code !== "scenario/bad_range" || field !== "default" || issue.path.length !== 3 || typeof id !== "string") return issue;
    const decl = isPlainObject(data) && isPlainObject(data[section as string]) ? (data[section as string] as Record<string, unknown>)[id] : undefined;
    if (!isPlainObject(decl) || "default" in decl) return issue;
    const lo = typeof decl["min"] === "number" ? decl["min"] : undefined;
    const hi = typeof decl["max"] === "number" ? decl["max"] : undefined;
    const range = `${lo ?? "-∞"}..${hi ?? "∞"}`;
    return {
      ...issue,
      path: [section as string, id],
      at: "key" as const,
      message: `${section as string}.${id} has no \`default\`, so an actor without its own value would start at 0, which is outside ${range}: add \`default:\` with a value in ${range} (or give every actor its own value and a default anyway)`,
    };
  });
}

/**
 * yaml's message in plainer words, and for an unclosed bracket or quote the place where it was
 * opened (yaml notices only where the file runs out, often many lines later).
 */
function describeYamlError(message: string, offset: number, text: string): { offset: number; message: string } {
  const first = (message.split("\n")[0] ?? message).replace(/ at line \d+, column \d+:?$/, "");
  const opener = (char: string) => {
    const at = text.lastIndexOf(char, Math.max(0, offset - 1));
    return at >= 0 ? at : offset;
  };
  if (/Flow sequence .* end with a \]/.test(first))
    return { offset: opener("["), message: `YAML syntax: a list opened with "[" is never closed with "]" (${first})` };
  if (/Flow map .* end with a \}/.test(first))
    return { offset: opener("{"), message: `YAML syntax: a mapping opened with "{" is never closed with "}" (${first})` };
  const quote = /Missing closing (["'])quote/.exec(first);
  if (quote) return { offset: opener(quote[1]!), message: `YAML syntax: text opened with ${quote[1]} is never closed (${first})` };
  if (/Tabs are not allowed/.test(first)) return { offset, message: "YAML syntax: a tab is used for indentation; YAML needs spaces" };
  if (/All mapping items must start at the same column/.test(first)) return misaligned(offset, text) ?? { offset, message: `YAML syntax: ${first}` };
  if (/Implicit keys need to be on a single line|Nested mappings are not allowed in compact mappings/.test(first))
    return { offset, message: `YAML syntax: ${first} (often a line indented more than the one above it, or a value with ": " that needs quotes)` };
  return { offset, message: `YAML syntax: ${first}` };
}

/**
 * A line whose indentation matches no mapping above it: say at which column the mapping it
 * continues starts, and where (yaml names only the line, at its first column). A line written at
 * the column of the "- " above it belongs further right, with that item's keys.
 */
function misaligned(offset: number, text: string): { offset: number; message: string } | undefined {
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const here = text.slice(lineStart).split("\n")[0] ?? "";
  const indent = here.length - here.trimStart().length;
  // The lines above, with the column their keys start at ("- key:" starts its keys after the dash).
  const above = text
    .slice(0, lineStart)
    .split("\n")
    .map((line, i) => ({ line: i + 1, text: line, col: line.length - line.trimStart().length, keys: line.length - line.trimStart().replace(/^-\s+/, "").length }))
    .filter((l) => l.text.trim() !== "" && !l.text.trimStart().startsWith("#"));
  const owner = [...above].reverse().find((l) => l.col <= indent);
  const previous = above[above.length - 1];
  if (!owner || !previous) return undefined;
  const at = lineStart + indent;
  if (owner.col === indent && owner.keys > indent)
    return { offset: at, message: `YAML syntax: this line starts at the column of the "- " on line ${owner.line}; to belong to that list item, start it at column ${owner.keys + 1}, under the item's first key` };
  if (owner.keys === indent) return undefined;
  if (previous !== owner && previous.keys > indent)
    return { offset: at, message: `YAML syntax: this line starts at column ${indent + 1}, between the columns of the lines above it (${owner.keys + 1} on line ${owner.line}, ${previous.keys + 1} on line ${previous.line}): line it up with the lines it belongs with` };
  return { offset: at, message: `YAML syntax: this line starts at column ${indent + 1}, but the mapping it continues starts at column ${owner.keys + 1} (line ${owner.line}): line them up` };
}

/** The key written at `offset` (up to its colon), for duplicate-key messages. */
/** Where the first of two equal keys stands, and the path of the key written twice, found by the second one's offset. */
function firstOfDuplicate(node: YamlNode | null | undefined, offset: number, path: (string | number)[] = []): { offset: number; path: (string | number)[] } | undefined {
  if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const found = firstOfDuplicate(item as YamlNode, offset, [...path, i]);
      if (found) return found;
    }
  } else if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as YamlNode | null;
      if (key?.range?.[0] === offset) {
        const name = isScalar(key) ? String(key.value) : undefined;
        const first = node.items.find((p) => isScalar(p.key) && String(p.key.value) === name);
        return first && name !== undefined ? { offset: (first.key as YamlNode).range?.[0] ?? offset, path: [...path, name] } : undefined;
      }
      const found = firstOfDuplicate(pair.value as YamlNode, offset, [...path, isScalar(key) ? String(key.value) : "?"]);
      if (found) return found;
    }
  }
  return undefined;
}

function keyAt(text: string, offset: number): string {
  const line = text.slice(offset, text.indexOf("\n", offset) === -1 ? undefined : text.indexOf("\n", offset));
  return (line.split(":")[0] ?? line).trim().replace(/^["']|["']$/g, "");
}
