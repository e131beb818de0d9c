// Scenario format versions. A file says which format it is written in (`version:`, 1 when absent);
// each migration turns a file of one version into the next, on the raw data before any check, so
// a file written for an older format loads unchanged on disk. A file newer than this code is
// refused with a message saying so. Migrations work on plain data: they must not throw.
import type { ScenarioIssue } from "./errors.ts";
import { FORMAT_VERSION } from "./schema.ts";

export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n file into version n+1. Version 1 is the first format, so the
 * list is empty; the next change to the format adds MIGRATIONS[1] and raises FORMAT_VERSION.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

/** The file's data in the current format, or why it cannot be read. */
export function migrateScenario(
  data: Record<string, unknown>,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  current: number = FORMAT_VERSION,
): { data: Record<string, unknown>; from: number; issue?: ScenarioIssue } {
  const raw = data["version"];
  if (raw === undefined) data = { ...data, version: 1 };
  const from = typeof data["version"] === "number" && Number.isInteger(data["version"]) ? (data["version"] as number) : undefined;
  // Not a whole number: the schema's check reports it where it is.
  if (from === undefined || from < 1) return { data, from: from ?? 1 };
  if (from > current)
    return {
      data,
      from,
      issue: {
        path: ["version"],
        code: "scenario/newer_version",
        message: `this file is written for scenario format ${from}; this Faultline reads formats 1 to ${current}. Update Faultline, or write the file for format ${current}`,
        at: "value",
      },
    };
  let out = data;
  for (let v = from; v < current; v++) {
    const step = migrations[v];
    if (step) out = step(out);
    out = { ...out, version: v + 1 };
  }
  return { data: out, from };
}
