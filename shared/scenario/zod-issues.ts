// Turns zod's structural issues into messages a scenario author can act on: plain words, the
// allowed keys or values, "did you mean", and for a union (an effect, a number-or-formula) the
// problem of the variant the author meant instead of zod's generic "invalid input".
import type { z } from "zod";
import type { PathSegment, ScenarioIssue } from "./errors.ts";
import { defOf, descriptionOf, isPlainObject, objectKeys, schemaAt, unwrap, valueAt } from "./schema-walk.ts";
import { didYouMean, closest, listOf } from "./suggest.ts";
import { MAP_COUNTRIES, paddedMapId } from "./map-ids.ts";

type ZodIssue = z.core.$ZodIssue;

/** Converts every zod issue for `data` into located, plain-English scenario issues. */
export function explainZodIssues(issues: readonly ZodIssue[], data: unknown, root: z.ZodType): ScenarioIssue[] {
  const out: ScenarioIssue[] = [];
  for (const issue of issues) explain(issue, [], data, root, out);
  const seen = new Set<string>();
  return out.filter((i) => {
    const key = `${JSON.stringify(i.path)}|${i.code}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function explain(issue: ZodIssue, base: PathSegment[], data: unknown, root: z.ZodType, out: ScenarioIssue[]): void {
  const path = [...base, ...(issue.path as PathSegment[])];
  const value = valueAt(data, path);
  const field = fieldName(path);
  switch (issue.code) {
    case "invalid_union":
      explainUnion(issue.errors, path, value, data, root, out);
      return;
    case "invalid_type": {
      const schema = schemaAt(root, path, data);
      const what = descriptionOf(schema);
      // "indicators:" left empty because its lines start at its column: the keys' error says so.
      if (value === null && linedUnder(path, data, root)) return;
      if (value === undefined) {
        out.push({
          path,
          code: "scenario/missing_field",
          message: `missing required field "${field}" (${typeWord(issue.expected)}${what ? `: ${what}` : ""})`,
          at: "key",
        });
      } else {
        out.push({
          path,
          code: "scenario/wrong_type",
          message: `"${field}" should be ${typeWord(issue.expected)}, not ${valueWord(value)}${what ? ` (${what})` : ""}${wrongTypeHint(issue.expected, path, value, schema)}${entryFieldHint(path, data, root)}`,
        });
      }
      return;
    }
    case "unrecognized_keys": {
      const schema = schemaAt(root, path, data);
      const options = schema ? (defOf(unwrap(schema)).options ?? []) : [];
      let allowed = objectKeys(schema);
      // In a union (an effect), which other variants the key belongs to: "fades" is a relation's.
      let variant: { kind: string; others: (key: string) => string[] } | undefined;
      if (options.length > 0 && isPlainObject(value)) {
        const pick = pickObjectOption(options, value);
        if (pick.kind === "one") {
          allowed = objectKeys(options[pick.index]);
          variant = {
            kind: allowed[0] ?? "",
            others: (key) => options.filter((_, i) => i !== pick.index && objectKeys(options[i]).includes(key)).map((o) => objectKeys(o)[0] ?? ""),
          };
        } else if (pick.kind !== "not-objects") return reportNoOption(pick, path, value, out);
      }
      allowed = allowed.filter((k) => k !== "$schema");
      // Keys lined up under an empty field instead of inside it: one error for the lot.
      const lined = new Map<string, string[]>();
      for (const key of variant ? [] : issue.keys) {
        const owner = emptyOwner(key, path, value, data, root);
        if (owner) lined.set(owner, [...(lined.get(owner) ?? []), key]);
      }
      for (const [owner, keys] of lined) {
        const many = keys.length > 1;
        out.push({
          path: [...path, keys[0]!],
          code: "scenario/unknown_key",
          message: `"${owner}" is empty, and ${keys.map((k) => `"${k}"`).join(", ")} below it ${many ? "start" : "starts"} at its column: indent ${many ? "them" : "it"} further than "${owner}" to put ${many ? "them" : "it"} inside it`,
          at: "key",
        });
      }
      for (const key of issue.keys) {
        if ([...lined.values()].some((keys) => keys.includes(key))) continue;
        const owners = variant?.others(key) ?? [];
        const message = variant && owners.length > 0
          ? `"${key}" is not a field of a ${variant.kind} effect; it belongs to ${owners.join(" and ")} effects. Fields of a ${variant.kind} effect: ${listOf(allowed, 20)}`
          : `unknown field "${key}".${splitFormulaHint(key) || didYouMean(key, allowed) || indentHint(key, path, value, data, root)} Allowed here: ${listOf(allowed, 20)}`;
        out.push({ path: [...path, key], code: "scenario/unknown_key", message, at: "key" });
      }
      return;
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => String(v));
      const shown = typeof value === "string" ? `"${value}"` : valueWord(value);
      const hint = typeof value === "string" ? didYouMean(value, allowed) : "";
      out.push({
        path,
        code: "scenario/invalid_value",
        message: `${shown} is not allowed for "${field}": use ${allowed.length === 1 ? "" : "one of "}${allowed.map((a) => `"${a}"`).join(", ")}.${hint}`,
      });
      return;
    }
    case "too_small":
    case "too_big": {
      const limit = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const inclusive = issue.inclusive !== false;
      const bound = issue.code === "too_small" ? (inclusive ? "at least" : "more than") : inclusive ? "at most" : "less than";
      const message =
        issue.origin === "array"
          ? `"${field}" must have ${bound} ${String(limit)} item${Number(limit) === 1 ? "" : "s"} (it has ${Array.isArray(value) ? value.length : 0})`
          : issue.origin === "string"
            ? Number(limit) === 1 && issue.code === "too_small"
              ? `"${field}" must not be empty`
              : `"${field}" must be ${bound} ${String(limit)} characters long`
            : `"${field}" must be ${bound} ${String(limit)} (it is ${String(value)})`;
      out.push({ path, code: "scenario/invalid_value", message });
      return;
    }
    case "invalid_format":
      out.push({
        path,
        code: "scenario/invalid_value",
        message: `${JSON.stringify(value)} is not a valid "${field}": ${issue.message}${monthHint(issue, value)}`,
      });
      return;
    case "invalid_key": {
      const why = issue.issues[0]?.message ?? "not a valid key";
      out.push({ path, code: "scenario/invalid_value", message: `"${field}" is not a valid id: ${why}`, at: "key" });
      return;
    }
    default:
      out.push({ path, code: "scenario/invalid_value", message: issue.message });
  }
}

/**
 * A union failed. For objects, the variant is the one whose own keys appear in the value (an
 * effect with `change:` is a change effect); for scalars, the variant whose type matches. Only
 * when no variant fits does the author get a "should be one of" message.
 */
function explainUnion(
  errors: readonly (readonly ZodIssue[])[],
  path: PathSegment[],
  value: unknown,
  data: unknown,
  root: z.ZodType,
  out: ScenarioIssue[],
): void {
  const union = schemaAt(root, path, data);
  const options = union ? (defOf(unwrap(union)).options ?? []) : [];
  const recurse = (i: number) => {
    for (const e of errors[i] ?? []) explain(e, path, data, root, out);
  };
  const field = fieldName(path);
  if (isPlainObject(value)) {
    const pick = pickObjectOption(options, value);
    if (pick.kind === "one") return recurse(pick.index);
    if (pick.kind !== "not-objects") return reportNoOption(pick, path, value, out);
  }
  const fitting = options.map((o, i) => ({ o, i })).filter(({ o }) => acceptsKind(o, value));
  if (fitting.length === 1) return recurse(fitting[0]!.i);
  const what = unionWhat(union, options);
  if (value === undefined) {
    out.push({ path, code: "scenario/missing_field", message: `missing required field "${field}" (${lowerFirst(what.kinds)}${what.meaning ? `: ${what.meaning}` : ""})`, at: "key" });
    return;
  }
  out.push({
    path,
    code: "scenario/wrong_type",
    message: `"${field}" should be ${lowerFirst(what.kinds)}${what.meaning ? ` (${lowerFirst(what.meaning)})` : ""}, not ${valueWord(value)}`,
  });
}

/**
 * What a union takes, in words, and what it means. A formula field described by its meaning
 * ("Size of the opinion modifier") is "a number or a formula" meaning "size of the opinion modifier".
 */
function unionWhat(union: z.ZodType | undefined, options: readonly z.ZodType[]): { kinds: string; meaning?: string } {
  const described = union && descriptionOf(unwrap(union));
  const types = options.map((o) => defOf(unwrap(o)).type);
  if (described && (/^an? /i.test(described) || !types.every((t) => ["number", "string", "boolean"].includes(t)))) return { kinds: described };
  return { kinds: types.map((t) => (t === "string" ? "a formula" : typeWord(t))).join(" or "), meaning: described };
}

type Pick =
  | { kind: "one"; index: number }
  | { kind: "many"; names: string[] }
  | { kind: "none"; kinds: string[] }
  | { kind: "not-objects" };

/**
 * Which object option of a union `value` means: the one whose kind (its first key, like "change"
 * or "relation" for effects) appears in it, so a field of another kind (`fades` in a change) is
 * that field's mistake; failing that, the one whose own keys (keys no other option has) appear.
 */
function pickObjectOption(options: readonly z.ZodType[], value: Record<string, unknown>): Pick {
  const objects = options.map((o, i) => ({ i, keys: objectKeys(o) })).filter((o) => o.keys.length > 0);
  if (objects.length === 0) return { kind: "not-objects" };
  if (objects.length === 1) return { kind: "one", index: objects[0]!.i };
  const kinds = objects.filter((o) => o.keys[0]! in value);
  if (kinds.length === 1) return { kind: "one", index: kinds[0]!.i };
  if (kinds.length > 1) return { kind: "many", names: kinds.map((o) => o.keys[0]!) };
  const own = objects.map((o) => ({
    ...o,
    own: o.keys.filter((k) => objects.every((p) => p === o || !p.keys.includes(k))),
  }));
  const present = own.filter((o) => o.own.some((k) => k in value));
  if (present.length === 1) return { kind: "one", index: present[0]!.i };
  if (present.length > 1) return { kind: "many", names: present.map((o) => o.keys[0]!) };
  return { kind: "none", kinds: own.map((o) => o.keys[0]!) };
}

/** An object that is none (or several) of a union's variants: today only effects are such unions. */
function reportNoOption(
  pick: Extract<Pick, { kind: "many" | "none" }>,
  path: PathSegment[],
  value: Record<string, unknown>,
  out: ScenarioIssue[],
): void {
  if (pick.kind === "many") {
    out.push({
      path,
      code: "scenario/ambiguous_effect",
      message: `this effect names several kinds at once (${pick.names.join(" and ")}): an effect does one thing, so split it into separate list items`,
    });
    return;
  }
  const keys = Object.keys(value);
  const typo = keys.map((k) => ({ k, c: closest(k, pick.kinds) })).find((x) => x.c !== undefined);
  out.push({
    path: typo ? [...path, typo.k] : path,
    code: "scenario/unknown_effect",
    message: `${typo ? `unknown effect "${typo.k}". Did you mean "${typo.c}"?` : `not a known kind of effect (it has ${keys.length ? keys.map((k) => `"${k}"`).join(", ") : "no keys"}).`} An effect starts with one of: ${pick.kinds.join(", ")}`,
    at: typo ? "key" : "value",
  });
}

/** Does this union option take values of the same kind (number, text, list, ...) as `value`? */
function acceptsKind(option: z.ZodType, value: unknown): boolean {
  const d = defOf(unwrap(option));
  switch (d.type) {
    case "number":
      return typeof value === "number";
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "literal":
      return (d.values ?? []).some((v) => typeof v === typeof value);
    case "enum":
      return typeof value === "string";
    case "array":
    case "tuple":
      return Array.isArray(value);
    case "object":
    case "record":
      return isPlainObject(value);
    default:
      return false;
  }
}

/**
 * In a one-line { a: b, c: d } mapping a comma ends the value, so `{ formula: max(a, b) }` turns
 * into a key "b)". Say so, since the real mistake is the missing quotes.
 */
function splitFormulaHint(key: string): string {
  return /[()<>=+*/"']/.test(key)
    ? ` It looks like part of a formula cut off at a comma: inside { ... } put a formula with commas in quotes, e.g. formula: "max(a, b)".`
    : "";
}

/**
 * The empty field of the mapping at `path` that `key` belongs inside, when the key was written at
 * that field's column instead of further right: `params:` left empty with `sector:` under it.
 */
function emptyOwner(key: string, path: PathSegment[], value: unknown, data: unknown, root: z.ZodType): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const here = schemaAt(root, path, data);
  const shape = here ? defOf(unwrap(here)).shape : undefined;
  for (const [field, schema] of Object.entries(shape ?? {})) {
    if (value[field] !== null || field === key) continue;
    const d = defOf(unwrap(schema));
    if (d.type === "object" && objectKeys(schema).includes(key)) return field;
    if (d.type === "record" && d.valueType?.safeParse(value[key]).success) return field;
  }
  return undefined;
}

/** True when the empty value at `path` has keys of its own lined up under it (see emptyOwner). */
function linedUnder(path: PathSegment[], data: unknown, root: z.ZodType): boolean {
  const field = path[path.length - 1];
  const parentPath = path.slice(0, -1);
  const parent = valueAt(data, parentPath);
  if (typeof field !== "string" || !isPlainObject(parent)) return false;
  const own = objectKeys(schemaAt(root, parentPath, data));
  return Object.keys(parent).some((k) => !own.includes(k) && emptyOwner(k, parentPath, parent, data, root) === field);
}

/**
 * A key that is valid one level up or down was probably indented wrongly: a field of a sibling
 * ("label" next to "options"), an entry shaped like a sibling record's entries (an option
 * `talk:` dedented out of `options`), or a field of the mapping around this one.
 */
function indentHint(key: string, path: PathSegment[], value: unknown, data: unknown, root: z.ZodType): string {
  if (!isPlainObject(value)) return "";
  const here = schemaAt(root, path, data);
  const shape = here ? defOf(unwrap(here)).shape : undefined;
  for (const [sibling, schema] of Object.entries(shape ?? {})) {
    if (!(sibling in value)) continue;
    const d = defOf(unwrap(schema));
    if (d.type === "object" && objectKeys(schema).includes(key))
      return ` "${key}" is a field of "${sibling}": it may be indented too little; move it under ${sibling}.`;
    if (d.type === "record" && d.valueType && d.valueType.safeParse(value[key]).success)
      return ` It has the shape of an entry of "${sibling}": it may be indented too little; move it under ${sibling}.`;
  }
  // The mapping around this one: skip a record's entry level (moves.x sits in the moves record).
  for (let up = path.length - 1; up >= 0; up--) {
    const outer = schemaAt(root, path.slice(0, up), data);
    if (!outer || defOf(unwrap(outer)).type !== "object") continue;
    return objectKeys(outer).includes(key) ? ` "${key}" is a field of the level above: it may be indented too far.` : "";
  }
  return "";
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** A month written another way where YYYY-MM belongs ("June 2024", "2024-6", "06/2024"): the same month as YYYY-MM. */
function monthHint(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code !== "invalid_format" || !("pattern" in issue) || issue.pattern !== String(/^\d{4}-\d{2}$/) || typeof value !== "string") return "";
  const text = value.trim().toLowerCase();
  let year: string | undefined;
  let month = 0;
  const named = /^([a-z]+)\.?,?\s+(\d{4})$/.exec(text);
  const yearFirst = /^(\d{4})[-/.\s](\d{1,2})$/.exec(text);
  const monthFirst = /^(\d{1,2})[-/.\s](\d{4})$/.exec(text);
  if (named) [year, month] = [named[2], MONTHS.indexOf(named[1]!.slice(0, 3)) + 1];
  else if (yearFirst) [year, month] = [yearFirst[1], Number(yearFirst[2])];
  else if (monthFirst) [year, month] = [monthFirst[2], Number(monthFirst[1])];
  return year && month >= 1 && month <= 12 ? `. Did you mean "${year}-${String(month).padStart(2, "0")}"?` : "";
}

/** How to write a value of the wrong type the way it was meant: with or without quotes, in brackets. */
function wrongTypeHint(expected: string, path: readonly PathSegment[], value: unknown, schema: z.ZodType | undefined): string {
  if (expected === "string" && typeof value === "number" && schema?.safeParse(String(value)).success) return quoteHint(path, value);
  if (expected === "array") return listHint(path, value);
  return unquoteHint(expected, value, schema);
}

/**
 * A number where text belongs was written without quotes: say how to quote it, and for a map id
 * the three digits YAML dropped the zeros of (076 reads as the number 76).
 */
function quoteHint(path: readonly PathSegment[], value: number): string {
  const code = path[path.length - 2] === "mapIds" ? paddedMapId(value) : undefined;
  return code
    ? `: write it in quotes, "${code}" (${MAP_COUNTRIES.get(code)}); without them YAML reads ${code} as the number ${value}`
    : `: write it in quotes, "${value}"`;
}

/** A number or yes/no written in quotes ("2", "true") is text to YAML: say to drop the quotes. */
function unquoteHint(expected: string, value: unknown, schema: z.ZodType | undefined): string {
  if (typeof value !== "string" || !["number", "int", "boolean"].includes(expected)) return "";
  const meant = expected === "boolean" ? (value === "true" ? true : value === "false" ? false : undefined) : value.trim() === "" ? undefined : Number(value);
  return meant !== undefined && schema?.safeParse(meant).success ? `: write it without quotes, ${String(meant)}` : "";
}

/**
 * An entry of a mapping of named entries whose name is a field of such an entry: a field of the
 * entry above it, written one level too far left (an option's `effects:` at the options' column).
 */
function entryFieldHint(path: readonly PathSegment[], data: unknown, root: z.ZodType): string {
  const key = path[path.length - 1];
  const parent = schemaAt(root, path.slice(0, -1), data);
  const d = parent ? defOf(unwrap(parent)) : undefined;
  if (typeof key !== "string" || d?.type !== "record" || !objectKeys(d.valueType).includes(key)) return "";
  const owner = String(path[path.length - 2]);
  return `. "${key}" is a field of each entry of "${owner}": it may be indented too little; move it under the entry above it`;
}

/** Items written without the brackets of a list ("sectors: finance, energy", "mapIds: 076"): show the list. */
function listHint(path: readonly PathSegment[], value: unknown): string {
  const mapIds = path[path.length - 1] === "mapIds";
  const text = typeof value === "number" && mapIds ? (paddedMapId(value) ?? String(value)) : value;
  if (typeof text !== "string") return "";
  const items = text.split(/\s*,\s*/).filter(Boolean);
  const shown = mapIds ? items.map((i) => `"${i.replace(/^["']|["']$/g, "")}"`) : items;
  return `: write the items in brackets, [${shown.join(", ")}]`;
}

/** How to name the value at a path in a message: "cost", or "sectors[1]" for a list item. */
function fieldName(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (typeof last !== "number") return last ?? "value";
  const parent = path[path.length - 2];
  return `${typeof parent === "string" ? parent : "item"}[${last}]`;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** How zod's expected type reads in English. */
function typeWord(expected: string): string {
  switch (expected) {
    case "number":
      return "a number";
    case "int":
      return "a whole number";
    case "string":
      return "text";
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "tuple":
      return "a list of two";
    case "object":
    case "record":
      return "a mapping (key: value lines)";
    default:
      return expected;
  }
}

/** How a YAML value reads in English, for "should be X, not Y". */
function valueWord(v: unknown): string {
  if (v === null) return "empty";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return `text ("${v.length > 40 ? `${v.slice(0, 40)}…` : v}")`;
  if (typeof v === "number") return `the number ${v}`;
  return String(v);
}
