// The workbench's editor: CodeMirror 6 with the YAML mode, the scenario checker as a linter (every
// error at its line and column while typing, the same messages as the command line), and
// completion of field names from the scenario format's JSON schema, and of the formula language's
// names (functions with what they give, the file's actors, world values and indicators) inside a
// formula.
import { basicSetup } from "codemirror";
import { EditorView } from "@codemirror/view";
import { EditorState, type Extension } from "@codemirror/state";
import { yaml } from "@codemirror/lang-yaml";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { autocompletion, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { parseScenarioText, type ScenarioError } from "../../../shared/scenario/load.ts";
import schema from "../../../scenarios/schema.json";
import { BUILTINS } from "../../../shared/expr/compile.ts";
import { BARE_NAMES, DOMAIN_FUNCTIONS } from "../../../shared/expr/vocabulary.ts";

export interface ScenarioEditor {
  view: EditorView;
  text(): string;
  setText(text: string): void;
  /** Moves the cursor to a line and column (1-based) and scrolls there. */
  goTo(line: number, column: number): void;
}

/** The character range an error at line/column points at: the word there, or the rest of the line. */
export function errorRange(doc: EditorState["doc"], line: number, column: number): { from: number; to: number } {
  const l = doc.line(Math.min(Math.max(1, line), doc.lines));
  const from = Math.min(l.from + Math.max(0, column - 1), l.to);
  const rest = doc.sliceString(from, l.to);
  const word = /^[^\s,:\]}]+/.exec(rest)?.[0].length ?? 0;
  return { from, to: Math.max(from + Math.min(word || rest.length, rest.length), Math.min(from + 1, l.to)) };
}

/** Every scenario error as a lint diagnostic. */
export function diagnosticsOf(doc: EditorState["doc"], errors: ScenarioError[]): Diagnostic[] {
  return errors.map((e) => ({ ...errorRange(doc, e.line, e.column), severity: "error" as const, message: `${e.path ? `${e.path}: ` : ""}${e.message}`, source: e.code }));
}

// --- completion from the JSON schema ---
type Node = { properties?: Record<string, Node>; additionalProperties?: Node | boolean; items?: Node; anyOf?: Node[]; oneOf?: Node[]; $ref?: string; description?: string; enum?: unknown[] };
const root = schema as unknown as Node & { definitions?: Record<string, Node> };

function deref(n: Node | undefined): Node[] {
  if (!n) return [];
  if (n.$ref) return deref(root.definitions?.[n.$ref.replace("#/definitions/", "")]);
  const alts = [...(n.anyOf ?? []), ...(n.oneOf ?? [])];
  return alts.length > 0 ? alts.flatMap(deref) : [n];
}

/** The schema nodes for a path of keys ("#" for a list item). */
export function schemaAt(path: string[]): Node[] {
  let nodes: Node[] = [root];
  for (const key of path) {
    nodes = nodes.flatMap((n) => {
      if (key === "#") return deref(n.items);
      if (n.properties?.[key]) return deref(n.properties[key]);
      if (typeof n.additionalProperties === "object") return deref(n.additionalProperties);
      return [];
    });
  }
  return nodes;
}

/** The YAML keys enclosing a line, from the lines above with less indentation ("- " items as "#"). */
export function pathAt(lines: string[], lineIndex: number, indent: number): string[] {
  const path: string[] = [];
  let limit = indent;
  for (let i = lineIndex - 1; i >= 0 && limit > 0; i--) {
    const line = lines[i]!;
    if (!line.trim() || line.trim().startsWith("#")) continue;
    const ind = line.length - line.trimStart().length;
    if (ind >= limit) continue;
    const m = /^(\s*)(- )?([A-Za-z_$][\w$]*)?\s*:?/.exec(line);
    if (m?.[2] && ind + 2 <= limit) {
      // "- key: value" opens a list item whose keys sit at ind + 2.
      if (m[3] && ind + 2 < limit) path.unshift(m[3]);
      path.unshift("#");
    } else if (m?.[3]) path.unshift(m[3]);
    limit = ind;
  }
  return path;
}

function completeKeys(ctx: CompletionContext): CompletionResult | null {
  const line = ctx.state.doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  const m = /^(\s*)(- )?([A-Za-z_$][\w$]*)?$/.exec(before);
  if (!m) return null;
  if (!m[3] && !ctx.explicit) return null;
  const indent = m[1]!.length + (m[2] ? 2 : 0);
  const lines = ctx.state.doc.sliceString(0, line.from).split("\n");
  const path = pathAt(lines, lines.length - 1, indent);
  if (m[2]) path.push("#");
  const props = new Map<string, string>();
  for (const n of schemaAt(path)) for (const [k, v] of Object.entries(n.properties ?? {})) if (!props.has(k)) props.set(k, deref(v)[0]?.description ?? v.description ?? "");
  if (props.size === 0) return null;
  return {
    from: ctx.pos - (m[3]?.length ?? 0),
    options: [...props].map(([label, info]) => ({ label, type: "property", apply: `${label}: `, ...(info ? { info } : {}) })),
    validFor: /^[\w$]*$/,
  };
}

// --- completion inside formulas ---
/**
 * The fields whose value is a formula or a condition, read from the schema: Expr and Condition
 * (shared/scenario/schema.ts) are a number or a boolean, or a non-empty string.
 */
export const FORMULA_FIELDS: string[] = (() => {
  const found = new Set<string>();
  const isFormula = (n: unknown): boolean => {
    const alts = (n as { anyOf?: { type?: string; minLength?: number }[] }).anyOf;
    if (!alts || alts.length !== 2) return false;
    const types = alts.map((a) => a.type).sort();
    return (types[0] === "number" || types[0] === "boolean") && types[1] === "string" && alts.some((a) => a.type === "string" && a.minLength === 1);
  };
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === "object") {
      const props = (n as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [key, value] of Object.entries(props)) if (isFormula(value)) found.add(key);
      Object.values(n).forEach(walk);
    }
  };
  walk(schema);
  return [...found].sort();
})();
const FORMULA_FIELD = new RegExp(`(?:^|[\\s{,-])(?:${FORMULA_FIELDS.join("|")}):\\s*(.*)$`);

/** The formula typed so far when `before` ends inside one (quoted or not), or undefined. */
function formulaBefore(before: string): string | undefined {
  const value = FORMULA_FIELD.exec(before)?.[1];
  if (value === undefined) return undefined;
  // In double quotes the formula runs to the closing quote (its own strings use single quotes).
  if (value.startsWith('"')) return value.includes('"', 1) ? undefined : value.slice(1);
  if (value.startsWith("'")) return value.slice(1).replaceAll("''", "").includes("'") ? undefined : value.slice(1);
  // Unquoted: a comment, or the next field of a one-line { ... }, ends it.
  return / #|,\s*\w+:/.test(value) ? undefined : value;
}

/** The keys of a top-level section of the file ("actors", "world", "indicators"), read from its text. */
export function sectionKeys(text: string, section: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith(`${section}:`));
  if (start < 0) return [];
  const keys: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const m = /^ {2}([A-Za-z][\w]*)\s*:/.exec(line);
    if (m) keys.push(m[1]!);
  }
  return keys;
}

export interface FormulaOption {
  label: string;
  type: "function" | "variable" | "constant" | "keyword";
  apply?: string;
  info?: string;
}

/**
 * What to offer at the end of `before` (the line up to the cursor) when it is inside a formula:
 * after "world." the world values, after an actor or binding and "." the indicators, otherwise the
 * functions, names and actors. `from` is how many characters back the word being typed starts.
 */
export function formulaCompletions(before: string, text: string): { back: number; options: FormulaOption[] } | null {
  const value = formulaBefore(before);
  if (value === undefined) return null;
  const word = /([A-Za-z_][\w]*)?(\.)?([A-Za-z_]\w*)?$/.exec(value)!;
  const actors = sectionKeys(text, "actors");
  if (word[2]) {
    const head = word[1] ?? "";
    const typed = word[3] ?? "";
    if (head === "world") return { back: typed.length, options: sectionKeys(text, "world").map((id) => ({ label: id, type: "variable" })) };
    if (head === "derived") return { back: typed.length, options: sectionKeys(text, "derived").map((id) => ({ label: id, type: "variable" })) };
    if (actors.includes(head) || (["self", "target", "target2", "other"] as string[]).includes(head))
      return { back: typed.length, options: sectionKeys(text, "indicators").map((id) => ({ label: id, type: "variable" })) };
    return null;
  }
  const typed = word[1] ?? "";
  const options: FormulaOption[] = [
    ...Object.entries(DOMAIN_FUNCTIONS).map(([name, f]) => ({ label: name, type: "function" as const, apply: `${name}(`, info: f.doc })),
    ...Object.keys(BUILTINS).map((name) => ({ label: name, type: "function" as const, apply: `${name}(` })),
    ...BARE_NAMES.map((name) => ({ label: name, type: "variable" as const })),
    ...["world", "derived", "param"].map((name) => ({ label: name, type: "variable" as const, apply: `${name}.` })),
    ...actors.map((id) => ({ label: id, type: "constant" as const })),
    ...["and", "or", "not"].map((k) => ({ label: k, type: "keyword" as const })),
  ];
  return { back: typed.length, options };
}

function completeFormula(ctx: CompletionContext): CompletionResult | null {
  const line = ctx.state.doc.lineAt(ctx.pos);
  const before = line.text.slice(0, ctx.pos - line.from);
  const found = formulaCompletions(before, ctx.state.doc.toString());
  if (!found || (found.back === 0 && !ctx.explicit && !before.endsWith("."))) return null;
  return { from: ctx.pos - found.back, options: found.options, validFor: /^\w*$/ };
}

export function createEditor(parent: HTMLElement, text: string, onChange: (text: string, errors: ScenarioError[]) => void, fileName: () => string): ScenarioEditor {
  const lint = linter(
    (view) => {
      const r = parseScenarioText(view.state.doc.toString(), fileName());
      const errors = r.ok ? [] : r.error;
      onChange(view.state.doc.toString(), errors);
      return diagnosticsOf(view.state.doc, errors);
    },
    { delay: 400 },
  );
  // A name for screen readers, and tabindex so axe counts the scroller's editable content as focusable.
  const extensions: Extension[] = [basicSetup, yaml(), lintGutter(), lint, autocompletion({ override: [completeFormula, completeKeys] }), EditorView.lineWrapping, EditorView.contentAttributes.of({ "aria-label": "Scenario file (YAML)", tabindex: "0" })];
  const view = new EditorView({ parent, state: EditorState.create({ doc: text, extensions }) });
  return {
    view,
    text: () => view.state.doc.toString(),
    setText(t: string) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: t } });
    },
    goTo(line: number, column: number) {
      const { from } = errorRange(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: from }, effects: EditorView.scrollIntoView(from, { y: "center" }) });
      view.focus();
    },
  };
}
