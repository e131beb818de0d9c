// The simulation report: what bots did over many games of a scenario and how the games ended.
// Built from GameRecords (record.ts) in game order, so the same games give the same bytes however
// they were played (one thread or several).
import { createGame, quantities, scoreAll, seatsOf, type Rules } from "../engine/index.ts";
import type { BotLevel } from "../engine/types.ts";
import type { Scenario } from "../scenario/schema.ts";
import type { GameRecord } from "./record.ts";
import { distribution, round, type Distribution } from "./stats.ts";

export interface SimulationReport {
  scenario: string;
  title: string;
  games: number;
  seed: string;
  level: BotLevel;
  seats: {
    seat: string;
    name: string;
    score: Distribution;
    max: number;
    /** Per objective: share of games met at the end, mean attainment, and whether the starting state meets it. */
    objectives: { label: string; secret: boolean; met: number; attainment: number; metAtStart: boolean }[];
  }[];
  moves: {
    move: string;
    name: string;
    category: string;
    /** Share of games (0..1) in which some seat chose it, and times chosen per game. */
    games: number;
    perGame: number;
    /**
     * Per seat that may use it: share of games it chose it at least once, times per game, times it
     * took effect per game, and its most frequent targets (times per game, most first).
     */
    bySeat: { seat: string; games: number; perGame: number; done: number; targets: { target: string; name: string; perGame: number }[] }[];
  }[];
  events: { id: string; title: string; games: number; perGame: number; options: { option: string; label: string; perGame: number }[] }[];
  council: {
    move: string;
    name: string;
    games: number;
    tabled: number;
    outcomes: { passed: number; failed: number; vetoed: number; lapsed: number };
    /** Per member: share of its votes on this draft that were yes, no, abstain, veto. */
    votes: { member: string; yes: number; no: number; abstain: number; veto: number }[];
  }[];
  /** Every quantity of the final state: its start value and its spread at the end. */
  quantities: { key: string; label: string; start: number; end: Distribution }[];
}

/**
 * The report's quantities in the groups both reports show (the CLI's tables, the workbench's):
 * each group's rows that are not zero throughout.
 */
export function quantityGroups(r: Pick<SimulationReport, "quantities">): { title: string; rows: SimulationReport["quantities"] }[] {
  const groups: [string, (k: string) => boolean][] = [
    ["World and derived values", (k) => k.startsWith("world.") || k.startsWith("derived.")],
    ["Relations", (k) => k.startsWith("relation:")],
    ["Trade", (k) => k.startsWith("trade:")],
    ["Leverage", (k) => k.startsWith("influence:")],
    ["Indicators", (k) => /^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z]/.test(k) && !k.startsWith("world.") && !k.startsWith("derived.")],
  ];
  return groups
    .map(([title, test]) => ({ title, rows: r.quantities.filter((q) => test(q.key) && (q.start !== 0 || q.end.mean !== 0 || q.end.p10 !== 0 || q.end.p90 !== 0)) }))
    .filter((g) => g.rows.length > 0);
}

/** How many of a move's targets the report lists per seat. */
export const TOP_TARGETS = 3;
/** Objectives met in more (or fewer) games than this share are flagged in the balance summary. */
const ALWAYS = 0.95;
const NEVER = 0.05;

/** The display name of a recorded target: "Philippines", or "China and Japan" for a pair. */
export function targetName(s: Scenario, target: string): string {
  return target
    .split("+")
    .map((id) => s.actors[id]?.name ?? id)
    .join(" and ");
}

/**
 * The report's balance in a few lines, for the CLI and the workbench: each seat's mean score as a
 * share of its maximum with the spread between seats, the objectives met in nearly every game or
 * nearly none, and those the starting state already meets.
 */
export function balanceSummary(r: Pick<SimulationReport, "seats">): string[] {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  const shares = r.seats.map((s) => ({ s, share: s.max > 0 ? s.score.mean / s.max : 0 }));
  const lines: string[] = [];
  if (shares.length > 0) {
    const top = shares.reduce((a, b) => (b.share > a.share ? b : a));
    const low = shares.reduce((a, b) => (b.share < a.share ? b : a));
    const spread = shares.length > 1 ? `; spread ${Math.round((top.share - low.share) * 100)} points (${top.s.name} ${pct(top.share)}, ${low.s.name} ${pct(low.share)})` : "";
    lines.push(`Mean score as a share of the maximum: ${shares.map((x) => `${x.s.seat} ${pct(x.share)}`).join(" · ")}${spread}`);
  }
  type Objective = SimulationReport["seats"][number]["objectives"][number];
  const list = (test: (o: Objective) => boolean, show: (o: Objective) => string) =>
    r.seats.flatMap((s) => s.objectives.filter(test).map((o) => `${s.seat} "${o.label}"${show(o)}`));
  const always = list((o) => o.met > ALWAYS, (o) => ` ${pct(o.met)}`);
  const never = list((o) => o.met < NEVER, (o) => ` ${pct(o.met)}`);
  const atStart = list((o) => o.metAtStart, (o) => (o.met > ALWAYS ? " (and kept in nearly every game)" : ""));
  lines.push(always.length ? `Met in over ${pct(ALWAYS)} of games (decide little): ${always.join(" · ")}` : `No objective is met in over ${pct(ALWAYS)} of games.`);
  lines.push(never.length ? `Met in under ${pct(NEVER)} of games (out of reach for bots): ${never.join(" · ")}` : `No objective is met in under ${pct(NEVER)} of games.`);
  lines.push(atStart.length ? `Already met at the start of turn 1: ${atStart.join(" · ")}` : "No objective is met at the start of turn 1.");
  return lines;
}

const mean = (records: readonly GameRecord[], key: string): number => {
  let sum = 0;
  for (const r of records) sum += r.values[key] ?? 0;
  return records.length > 0 ? sum / records.length : 0;
};
const share = (records: readonly GameRecord[], key: string): number =>
  records.length > 0 ? records.filter((r) => (r.values[key] ?? 0) > 0).length / records.length : 0;

/** The display label of a quantity name. */
export function quantityLabel(s: Scenario, key: string): string {
  const name = (id: string) => s.actors[id]?.name ?? id;
  const [kind, a = "", b = ""] = key.split(":");
  if (kind === "relation") return `Relation ${name(a)}–${name(b)}`;
  if (kind === "trade") return `Trade ${name(a)}–${name(b)} (US$ bn a year)`;
  if (kind === "influence") return `${name(b)}'s share of leverage over ${name(a)}`;
  const [head = "", id = ""] = key.split(".");
  if (head === "world") return s.world[id]?.label ?? key;
  if (head === "derived") return s.derived[id]?.label ?? key;
  const ind = s.indicators[id];
  return ind ? `${name(head)}: ${ind.label}${ind.unit ? ` (${ind.unit})` : ""}` : key;
}

/** Aggregates recorded games (in game order) into the report. */
export function buildReport(rules: Rules, records: readonly GameRecord[], meta: { seed: string; level: BotLevel }): SimulationReport {
  const s = rules.scenario;
  const seats = seatsOf(rules);
  const first = createGame(rules, "report-start");
  const start = quantities(rules, first);
  const startCards = scoreAll(rules, first);
  // Times each seat chose each move on each target, summed over the games: seat:move -> target -> count.
  const targetCounts = new Map<string, Map<string, number>>();
  for (const r of records) {
    for (const [k, v] of Object.entries(r.values)) {
      if (!k.startsWith("target:")) continue;
      const [, seat, move, target = ""] = k.split(":");
      const byTarget = targetCounts.get(`${seat}:${move}`) ?? new Map<string, number>();
      byTarget.set(target, (byTarget.get(target) ?? 0) + v);
      targetCounts.set(`${seat}:${move}`, byTarget);
    }
  }
  const topTargets = (seat: string, move: string) =>
    [...(targetCounts.get(`${seat}:${move}`) ?? [])]
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, TOP_TARGETS)
      .map(([target, n]) => ({ target, name: targetName(s, target), perGame: round(records.length > 0 ? n / records.length : 0) }));
  const report: SimulationReport = {
    scenario: s.id,
    title: s.title,
    games: records.length,
    seed: meta.seed,
    level: meta.level,
    seats: [],
    moves: [],
    events: [],
    council: [],
    quantities: [],
  };
  for (const seat of seats) {
    const objs = s.objectives[seat] ?? [];
    report.seats.push({
      seat,
      name: s.actors[seat]!.name,
      score: distribution(records.map((r) => r.values[`score:${seat}`] ?? 0)),
      max: round(objs.reduce((t, o) => t + o.points, 0)),
      objectives: objs.map((o, i) => ({
        label: o.label,
        secret: o.secret,
        met: round(mean(records, `met:${seat}:${i}`)),
        attainment: round(mean(records, `objective:${seat}:${i}`)),
        metAtStart: startCards[seat]?.objectives[i]?.met ?? false,
      })),
    });
  }
  for (const [id, m] of Object.entries(s.moves)) {
    const users = seats.filter((seat) => m.actors === "all" || m.actors.includes(seat));
    const bySeat = users.map((seat) => ({
      seat,
      games: round(share(records, `chosen:${seat}:${id}`)),
      perGame: round(mean(records, `chosen:${seat}:${id}`)),
      done: round(mean(records, `done:${seat}:${id}`)),
      targets: topTargets(seat, id),
    }));
    const anyGames = records.filter((r) => users.some((seat) => (r.values[`chosen:${seat}:${id}`] ?? 0) > 0)).length;
    report.moves.push({
      move: id,
      name: m.name,
      category: m.category,
      games: round(records.length > 0 ? anyGames / records.length : 0),
      perGame: round(bySeat.reduce((t, x) => t + x.perGame, 0)),
      bySeat,
    });
    if (m.accept === "council") {
      const members = [...(s.council?.permanent ?? []), ...(s.council?.elected ?? [])];
      report.council.push({
        move: id,
        name: m.name,
        games: round(share(records, `draft:${id}:tabled`)),
        tabled: round(mean(records, `draft:${id}:tabled`)),
        outcomes: {
          passed: round(mean(records, `draft:${id}:passed`)),
          failed: round(mean(records, `draft:${id}:failed`)),
          vetoed: round(mean(records, `draft:${id}:vetoed`)),
          lapsed: round(mean(records, `draft:${id}:lapsed`)),
        },
        votes: members.map((member) => {
          const counts = (["yes", "no", "abstain", "veto"] as const).map((v) => mean(records, `vote:${id}:${member}:${v}`));
          const total = counts.reduce((a, b) => a + b, 0);
          const f = (i: number) => round(total > 0 ? counts[i]! / total : 0);
          return { member, yes: f(0), no: f(1), abstain: f(2), veto: f(3) };
        }),
      });
    }
  }
  for (const [id, ev] of Object.entries(s.events)) {
    if (ev.injectOnly) continue;
    report.events.push({
      id,
      title: ev.title,
      games: round(share(records, `event:${id}`)),
      perGame: round(mean(records, `event:${id}`)),
      options: Object.entries(ev.options ?? {}).map(([option, o]) => ({ option, label: o.label, perGame: round(mean(records, `option:${id}:${option}`)) })),
    });
  }
  // Quantities: every key of the final states, in the order the first game lists them.
  const keys = new Set<string>(Object.keys(start));
  for (const r of records) for (const k of Object.keys(r.values)) if (isQuantity(k)) keys.add(k);
  for (const key of keys) {
    report.quantities.push({ key, label: quantityLabel(s, key), start: round(start[key] ?? 0), end: distribution(records.map((r) => r.values[key] ?? 0)) });
  }
  return report;
}

/** Whether a record key names a quantity of the state (not a count or a score). */
export function isQuantity(key: string): boolean {
  return !/^(score|objective|met|chosen|target|done|lapsed|exposed|event|option|draft|vote):/.test(key);
}

/** Moves no bot chose in any game of the report. */
export function neverChosen(report: SimulationReport): string[] {
  return report.moves.filter((m) => m.perGame === 0).map((m) => m.move);
}
