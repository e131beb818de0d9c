// One bot game reduced to numbers: what each seat chose, which events fired, how the council
// voted, how each objective ended and every quantity of the final state. Reports and experiments
// aggregate these records; they are plain data, so worker threads can send them back.
import { playGame, quantities, scoreAll, seatsOf, measure, type BotGameOptions, type Rules } from "../engine/index.ts";
import type { GameState, Order, TurnReport, Vote } from "../engine/types.ts";

export interface GameRecord {
  seed: string;
  /** Every number the game produced, by name (see recordGame). */
  values: Record<string, number>;
  /** Per tracked formula: its value after each turn (index 0 = the start). */
  trajectories?: Record<string, number[]>;
}

export interface RecordOptions extends Pick<BotGameOptions, "level" | "policy"> {
  /** Formulas (self unbound) to follow turn by turn, e.g. for the history backtest. */
  track?: readonly string[];
}

const bump = (values: Record<string, number>, key: string, by = 1): void => {
  values[key] = (values[key] ?? 0) + by;
};

/**
 * Plays one game and records, by name:
 *   score:<seat>, objective:<seat>:<i> (attainment 0..1), met:<seat>:<i> (0/1),
 *   chosen:<seat>:<move> (ordered or proposed), target:<seat>:<move>:<target>[+<target2>] (chosen on
 *   whom), done:<seat>:<move> (took effect),
 *   exposed:<seat>:<move>, event:<id>, option:<event>:<option>,
 *   draft:<move>:tabled|passed|failed|vetoed|lapsed, vote:<move>:<member>:yes|no|abstain|veto,
 *   and every quantity of the final state (CHN.gdp, world.tension, relation:A:B, trade:A:B, ...).
 */
export function recordGame(rules: Rules, seed: string, opts: RecordOptions = {}): GameRecord {
  const values: Record<string, number> = {};
  const track = opts.track ?? [];
  const trajectories: Record<string, number[]> = {};
  const sample = (st: GameState) => {
    for (const f of track) {
      const r = measure(rules, st, f);
      (trajectories[f] ??= []).push(r.ok ? Number(r.value) : Number.NaN);
    }
  };
  const onTurn = (before: GameState, report: TurnReport, after: GameState) => {
    if (track.length > 0 && before.turn === 1) sample({ ...before, turn: 1 });
    countChoices(values, before, report, rules);
    if (track.length > 0) sample(after);
  };
  const end = playGame(rules, seed, { level: opts.level, policy: opts.policy, onTurn });
  const cards = scoreAll(rules, end);
  for (const seat of seatsOf(rules)) {
    const card = cards[seat]!;
    values[`score:${seat}`] = card.total;
    for (const o of card.objectives) {
      values[`objective:${seat}:${o.index}`] = o.attainment;
      values[`met:${seat}:${o.index}`] = o.met ? 1 : 0;
    }
  }
  Object.assign(values, quantities(rules, end));
  return track.length > 0 ? { seed, values, trajectories } : { seed, values };
}

function countChoices(values: Record<string, number>, before: GameState, report: TurnReport, rules: Rules): void {
  const chose = (seat: string, o: Order) => {
    bump(values, `chosen:${seat}:${o.move}`);
    if (o.target !== undefined) bump(values, `target:${seat}:${o.move}:${o.target}${o.target2 !== undefined ? `+${o.target2}` : ""}`);
  };
  for (const [seat, orders] of Object.entries(before.orders)) for (const o of orders) chose(seat, o);
  for (const p of before.proposals) chose(p.from, p.order);
  const permanent = new Set(rules.scenario.council?.permanent ?? []);
  for (const e of report.entries) {
    const seat = e.actor ?? "";
    switch (e.kind) {
      case "move":
        // News written by a move's effects has no target list of its own; the order's entry is
        // the one whose headline the engine wrote. A lapsed order took no effect.
        if (e.outcome === "lapsed") bump(values, `lapsed:${seat}:${e.id}`);
        break;
      case "deal":
        if (e.outcome === "accepted") bump(values, `done:${seat}:${e.id}`);
        else if (e.outcome === "lapsed") bump(values, `lapsed:${seat}:${e.id}`);
        break;
      case "council":
        if (!e.outcome) break;
        bump(values, `draft:${e.id}:${e.outcome === "lapsed" ? "lapsed" : "tabled"}`);
        if (e.outcome !== "lapsed") bump(values, `draft:${e.id}:${e.outcome}`);
        if (e.outcome === "passed") bump(values, `done:${seat}:${e.id}`);
        for (const [member, v] of Object.entries(e.votes ?? {}) as [string, Vote][]) {
          const cast = v === "no" && e.outcome === "vetoed" && permanent.has(member) ? "veto" : v;
          bump(values, `vote:${e.id}:${member}:${cast}`);
        }
        break;
      case "discovery":
        bump(values, `exposed:${seat}:${e.id}`);
        break;
      case "event":
        // The event's own entry carries its text; its news effects write entries of their own.
        if (e.text !== undefined) bump(values, `event:${e.id}`);
        break;
      case "option":
        // The choice's own entry names the option; the option's effects write entries of their own.
        if (e.params?.option !== undefined) bump(values, `option:${e.id}:${String(e.params.option)}`);
        break;
    }
  }
  // Orders took effect unless they lapsed.
  for (const [seat, orders] of Object.entries(before.orders)) for (const o of orders) bump(values, `done:${seat}:${o.move}`);
  for (const e of report.entries) if (e.kind === "move" && e.outcome === "lapsed" && e.actor) bump(values, `done:${e.actor}:${e.id}`, -1);
}
