// Whatever single mistake an author makes, the loader answers with located errors: it never
// throws, and never rejects a file without saying why. Each case takes the example scenario and
// removes or breaks one value.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { parseScenarioText } from "../../shared/scenario/load.ts";
import { ROOT } from "./helpers.ts";

type Path = (string | number)[];
const base: unknown = parseYaml(readFileSync(join(ROOT, "scenarios/examples/two-rivals.yaml"), "utf8"));

function allPaths(v: unknown, p: Path = [], out: Path[] = []): Path[] {
  if (p.length > 0) out.push(p);
  if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) allPaths(x, [...p, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

const MUTATIONS = {
  removed: () => undefined,
  "of the wrong type": (old: unknown) => (typeof old === "number" ? "x(" : typeof old === "string" ? [1] : 7),
  "empty (null)": () => null,
} as const;

function mutate(path: Path, how: keyof typeof MUTATIONS): string {
  const copy = structuredClone(base) as Record<string | number, unknown>;
  const parent = path.slice(0, -1).reduce<Record<string | number, unknown>>((o, k) => o[k] as Record<string | number, unknown>, copy);
  const key = path[path.length - 1]!;
  const value = MUTATIONS[how](parent[key]);
  if (value === undefined && Array.isArray(parent)) parent.splice(Number(key), 1);
  else if (value === undefined) delete parent[key];
  else parent[key] = value;
  return JSON.stringify(copy, null, 1);
}

describe("single mistakes anywhere in a scenario", () => {
  const paths = allPaths(base);

  it.each(Object.keys(MUTATIONS) as (keyof typeof MUTATIONS)[])("every value %s gives located errors or a valid scenario, never a crash", (how) => {
    let rejected = 0;
    for (const path of paths) {
      const r = parseScenarioText(mutate(path, how), "mutated.json");
      if (r.ok) continue;
      rejected++;
      expect(r.error.length, `no error for ${path.join(".")}`).toBeGreaterThan(0);
      for (const e of r.error) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
        expect(e.message.length).toBeGreaterThan(10);
      }
    }
    // Most single mistakes must be caught (optional fields and free text may legitimately go).
    expect(rejected).toBeGreaterThan(paths.length / 2);
  });
});
