// Reads the zod scenario schema as data, so error messages can say what a field is for and
// which keys are allowed where, without repeating the format by hand.
import { z } from "zod";

/** The parts of a zod 4 definition this module reads. */
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
}

/** The definition of a schema. */
export const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** A lazy schema's target; zod caches it on `_zod.innerType`, so repeated calls give the same object. */
const lazyInner = (s: z.ZodType): z.ZodType =>
  (s as unknown as { _zod: { innerType: z.ZodType } })._zod.innerType;

/** Strips optional/default/lazy/pipe wrappers to reach the schema that holds the structure. */
export function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let i = 0; i < 20; i++) {
    const d = defOf(cur);
    if (d.innerType) cur = d.innerType;
    else if (d.type === "lazy") cur = lazyInner(cur);
    else if (d.type === "pipe" && d.in) cur = d.in;
    else return cur;
  }
  return cur;
}

/** The description an author wrote with `.describe()`, on the schema or one of its wrappers. */
export function descriptionOf(s: z.ZodType | undefined): string | undefined {
  let cur = s;
  for (let i = 0; cur && i < 20; i++) {
    const desc = z.globalRegistry.get(cur)?.description;
    if (desc) return desc;
    const d = defOf(cur);
    cur = d.innerType ?? (d.type === "lazy" ? lazyInner(cur) : d.type === "pipe" ? d.in : undefined);
  }
  return undefined;
}

/** The keys an object schema allows, in declaration order. */
export function objectKeys(s: z.ZodType | undefined): string[] {
  if (!s) return [];
  const d = defOf(unwrap(s));
  return d.type === "object" && d.shape ? Object.keys(d.shape) : [];
}

/** The schema of one child of a container, following unions by which option has that key. */
function child(s: z.ZodType, key: string | number, value: unknown): z.ZodType | undefined {
  const d = defOf(unwrap(s));
  switch (d.type) {
    case "object":
      return d.shape?.[String(key)];
    case "record":
      return d.valueType;
    case "array":
      return d.element;
    case "tuple":
      return typeof key === "number" ? d.items?.[key] : undefined;
    case "union":
      for (const opt of unionOptionsFor(s, value)) {
        const c = child(opt, key, value);
        if (c) return c;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * A union's options, the one whose kind (first key) `value` names first (so "by" in a relation
 * effect is the relation's, not a change's), then those that fit its keys (so "then" in an effect
 * finds if/chance).
 */
function unionOptionsFor(s: z.ZodType, value: unknown): z.ZodType[] {
  const options = defOf(unwrap(s)).options ?? [];
  if (!isPlainObject(value)) return options;
  const named = (o: z.ZodType) => objectKeys(o)[0] !== undefined && objectKeys(o)[0]! in value;
  const fits = (o: z.ZodType) => !named(o) && objectKeys(o).some((k) => k in value);
  return [...options.filter(named), ...options.filter(fits), ...options.filter((o) => !named(o) && !fits(o))];
}

/** The schema that describes the value at `path` in `data`, if the path exists in the format. */
export function schemaAt(root: z.ZodType, path: readonly (string | number)[], data: unknown): z.ZodType | undefined {
  let s: z.ZodType | undefined = root;
  let value: unknown = data;
  for (const seg of path) {
    if (!s) return undefined;
    s = child(s, seg, value);
    value = isContainer(value) ? (value as Record<string | number, unknown>)[seg] : undefined;
  }
  return s;
}

/** A mapping (not a list, not null). */
export const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const isContainer = (v: unknown): boolean => typeof v === "object" && v !== null;

/** The value at `path` in plain data, or undefined. */
export function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data;
  for (const seg of path) {
    if (!isContainer(v)) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}
