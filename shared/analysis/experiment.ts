// Experiments: the same seeds played under different arms (a lever pulled or not), bots on every
// seat otherwise, and the difference of every recorded number between each arm and the first,
// with its standard error. An arm is written as text:
//
//   "arms: force PRK munitions_shipment; force RUS military_technology"
//   "no arms: exclude munitions_shipment; exclude military_technology"
//   "abstain: vote CHN un_new_sanctions abstain"
//   "arm Moscow: force RUS arms_request CHN; accept CHN arms_request"
//
// Statements: `force SEAT MOVE [TARGET [TARGET2]] [param=value ...]` (ordered or proposed every
// turn it is legal), `exclude MOVE` (no bot uses it), `vote SEAT DRAFT yes|no|abstain`,
// `accept SEAT MOVE` (the seat accepts every such deal).
import type { BotPolicy, Rules } from "../engine/index.ts";
import type { Order, Result, Vote } from "../engine/types.ts";
import type { GameRecord } from "./record.ts";
import { quantityLabel } from "./report.ts";
import { pairedDifference, significant, type PairedDifference } from "./stats.ts";

export interface Arm {
  name: string;
  /** The statements as written, for the report. */
  text: string;
  policy: BotPolicy;
}

/** Parses an arm ("name: statement; statement"), checking every id against the scenario. */
export function parseArm(rules: Rules, text: string): Result<Arm, string> {
  const s = rules.scenario;
  const colon = text.indexOf(":");
  const name = (colon >= 0 ? text.slice(0, colon) : text).trim();
  const body = colon >= 0 ? text.slice(colon + 1) : "";
  if (!name) return { ok: false, error: `an arm needs a name before ":" (got "${text}")` };
  const policy: BotPolicy = {};
  const fail = (msg: string): Result<Arm, string> => ({ ok: false, error: `arm "${name}": ${msg}` });
  const seat = (id: string | undefined) => id !== undefined && s.actors[id]?.playable === true;
  for (const raw of body.split(";")) {
    const words = raw.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) continue;
    const [verb, ...args] = words;
    if (verb === "exclude") {
      for (const m of args) if (!s.moves[m]) return fail(`unknown move "${m}"`);
      policy.exclude = [...(policy.exclude ?? []), ...args];
    } else if (verb === "force") {
      const [who, move, ...rest] = args;
      if (!seat(who)) return fail(`"${who ?? ""}" is not a seat`);
      const m = move !== undefined ? s.moves[move] : undefined;
      if (!m || move === undefined) return fail(`unknown move "${move ?? ""}"`);
      const order: Order = { move };
      const targets = rest.filter((w) => !w.includes("="));
      const params = rest.filter((w) => w.includes("="));
      if (targets[0] !== undefined) order.target = targets[0];
      if (targets[1] !== undefined) order.target2 = targets[1];
      for (const t of targets) if (!s.actors[t]) return fail(`unknown actor "${t}"`);
      for (const p of params) {
        const [k = "", v = ""] = p.split("=");
        const def = m.params?.[k];
        if (!def) return fail(`${move} has no parameter "${k}"`);
        const choice = def.choices.find((c) => String(c) === v);
        if (choice === undefined) return fail(`"${v}" is not a choice of ${move}.${k} (${def.choices.join(", ")})`);
        order.params = { ...order.params, [k]: choice };
      }
      policy.force = { ...policy.force, [who!]: [...(policy.force?.[who!] ?? []), order] };
    } else if (verb === "vote") {
      const [who, move, vote] = args;
      if (!seat(who)) return fail(`"${who ?? ""}" is not a seat`);
      if (!move || s.moves[move]?.accept !== "council") return fail(`"${move ?? ""}" is not a council draft`);
      if (vote !== "yes" && vote !== "no" && vote !== "abstain") return fail(`a vote is yes, no or abstain (got "${vote ?? ""}")`);
      policy.votes = { ...policy.votes, [who!]: { ...policy.votes?.[who!], [move]: vote as Vote } };
    } else if (verb === "accept") {
      const [who, move] = args;
      if (!seat(who)) return fail(`"${who ?? ""}" is not a seat`);
      if (!move || s.moves[move]?.accept !== "target") return fail(`"${move ?? ""}" is not a deal (accept: target)`);
      policy.accept = { ...policy.accept, [who!]: [...(policy.accept?.[who!] ?? []), move] };
    } else return fail(`unknown statement "${verb}": use force, exclude, vote or accept`);
  }
  return { ok: true, value: { name, text: body.trim(), policy } };
}

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
