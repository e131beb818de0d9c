// Experiments: the same seeds played under different arms (a lever pulled or not), bots on every
// seat otherwise, and the difference of every recorded number between each arm and the first,
// with its standard error. The arm syntax is in shared/scenario/arms.ts.
import type { Rules } from "../engine/index.ts";
import type { Arm } from "../scenario/arms.ts";
import type { GameRecord } from "./record.ts";
import { quantityLabel, targetName } from "./report.ts";
import { pairedDifference, significant, type PairedDifference } from "./stats.ts";

export { parseArm, type Arm } from "../scenario/arms.ts";

export interface ExperimentRow {
  key: string;
  label: string;
  /** Mean per arm, in arm order. */
  means: number[];
  /** Per arm after the first: its paired difference from the first arm. */
  diffs: PairedDifference[];
  /** Per arm after the first: whether that difference is beyond noise. */
  significant: boolean[];
}

export interface ExperimentResult {
  scenario: string;
  games: number;
  seed: string;
  level: string;
  arms: { name: string; text: string }[];
  rows: ExperimentRow[];
}

/** Compares arms recorded on the same seeds (records[arm][game]), every number of the records. */
export function compareArms(rules: Rules, arms: readonly Arm[], records: readonly (readonly GameRecord[])[], meta: { seed: string; level: string }): ExperimentResult {
  const keys = new Set<string>();
  for (const list of records) for (const r of list) for (const k of Object.keys(r.values)) keys.add(k);
  const rows: ExperimentRow[] = [];
  for (const key of [...keys].sort()) {
    const series = records.map((list) => list.map((r) => r.values[key] ?? 0));
    const means = series.map((xs) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10000) / 10000 : 0));
    const diffs = series.slice(1).map((xs) => pairedDifference(series[0]!, xs));
    rows.push({ key, label: recordLabel(rules, key), means, diffs, significant: diffs.map((d) => significant(d)) });
  }
  return { scenario: rules.scenario.id, games: records[0]?.length ?? 0, seed: meta.seed, level: meta.level, arms: arms.map((a) => ({ name: a.name, text: a.text })), rows };
}

/** A readable label for any record key. */
export function recordLabel(rules: Rules, key: string): string {
  const s = rules.scenario;
  const name = (id: string) => s.actors[id]?.name ?? id;
  const parts = key.split(":");
  const [kind, a = "", b = "", c = ""] = parts;
  const move = (id: string) => s.moves[id]?.name ?? id;
  switch (kind) {
    case "score":
      return `Score of ${name(a)}`;
    case "objective":
      return `${name(a)}: "${s.objectives[a]?.[Number(b)]?.label ?? b}" attainment`;
    case "met":
      return `${name(a)}: "${s.objectives[a]?.[Number(b)]?.label ?? b}" met`;
    case "chosen":
      return `${name(a)} chose "${move(b)}" (times)`;
    case "target":
      return `${name(a)} chose "${move(b)}" on ${targetName(s, c)} (times)`;
    case "done":
      return `${name(a)}: "${move(b)}" took effect (times)`;
    case "lapsed":
      return `${name(a)}: "${move(b)}" lapsed (times)`;
    case "exposed":
      return `${name(a)}: "${move(b)}" exposed (times)`;
    case "event":
      return `Event "${s.events[a]?.title ?? a}" fired (times)`;
    case "option":
      return `Event "${s.events[a]?.title ?? a}": ${s.events[a]?.options?.[b]?.label ?? b} (times)`;
    case "draft":
      return `Draft "${move(a)}" ${b} (times)`;
    case "vote":
      return `${name(b)} ${c === "veto" ? "vetoed" : c === "abstain" ? "abstained on" : `voted ${c} on`} "${move(a)}" (times)`;
    default:
      return quantityLabel(s, key);
  }
}
