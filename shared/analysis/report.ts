// The simulation report: what bots did over many games of a scenario and how the games ended.
// Built from GameRecords (record.ts) in game order, so the same games give the same bytes however
// they were played (one thread or several).
import { createGame, quantities, seatsOf, type Rules } from "../engine/index.ts";
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
    objectives: { label: string; secret: boolean; met: number; attainment: number }[];
  }[];
  moves: {
    move: string;
    name: string;
    category: string;
    /** Share of games (0..1) in which some seat chose it, and times chosen per game. */
    games: number;
    perGame: number;
    /** Per seat that may use it: share of games it chose it at least once, times per game, times it took effect per game. */
    bySeat: { seat: string; games: number; perGame: number; done: number }[];
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
  const start = quantities(rules, createGame(rules, "report-start"));
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
  return !/^(score|objective|met|chosen|done|lapsed|exposed|event|option|draft|vote):/.test(key);
}

/** Moves no bot chose in any game of the report. */
export function neverChosen(report: SimulationReport): string[] {
  return report.moves.filter((m) => m.perGame === 0).map((m) => m.move);
}
