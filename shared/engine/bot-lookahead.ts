// What a bot sees when it weighs a decision: how much each seat's game is worth after some effects
// run. A Lookahead keeps one working copy of a state's data and a journalling writer; it runs the
// effects of a candidate, optionally projects the world a few turns ahead with the scenario's own
// dynamics (nobody acting, no events), measures each seat's objective points plus a small
// well-being term, and undoes everything. Nothing here changes the state it was made from.
//
// Value of a state for a seat, by bot level:
//   strong: the points the seat would have after `horizon` idle turns (dynamics, fading, limits),
//           so moves whose payoff comes through the dynamics (sanctions that erode trade,
//           shells that sustain a war effort) are valued when they pay;
//   fast:   the points right after the effects, with each objective's measure moved on by how
//           it drifts by itself and by the outcome's delayed change in it, both learned once per
//           scenario by the same projection from the starting state. They are learned in the
//           measure, not in points, and scored at the state in play: once a threshold is
//           crossed, points no longer follow a measure the way they did at the start, and a
//           delay learned in points could outweigh a move's real effect with the opposite sign.
import { runEffects, type CEffect } from "./effects.ts";
import { Ctx } from "./env.ts";
import { evalNum } from "./formula.ts";
import { clampAll, fadeModifiers, runDynamics } from "./resolve.ts";
import type { Compiled } from "./rules.ts";
import { objectiveReads, type Read } from "./reads.ts";
import { baselineOf, progress } from "./score.ts";
import { createGameCompiled, workingCopy } from "./state.ts";
import { finalTurn } from "./state-read.ts";
import type { TurnContext } from "./turn-context.ts";
import type { ActorId, BotLevel, GameState, ParamValue, Source } from "./types.ts";
import { Writer } from "./writer.ts";

/** One batch of effects with its bindings: an order's effects, a deal's onReject, a member's vote effects. */
export interface Run {
  effects: readonly CEffect[];
  self: ActorId;
  target: ActorId;
  target2: ActorId;
  params: Readonly<Record<string, ParamValue>> | undefined;
  /** Its delayed changes per seat, kept on the run once the fast level's table looked them up. */
  delays?: Map<ActorId, Delay>;
}

/** How far ahead the strong level projects (capped by the turns left). */
export const STRONG_HORIZON = 3;
/** The horizon of the delayed-value table the fast level adds to immediate values. */
const TABLE_HORIZON = 3;
const DEFAULT_WELLBEING: Record<string, number> = { stability: 2, gdp: 2 };

// Changes made during a look-ahead write no news and no explanations.
const LOOK_SOURCE: Source = { kind: "move", id: "", label: "", visibility: "public", entryKind: "move", entries: null };

interface SeatMeasure {
  base: readonly number[];
  wellbeing: { id: string; start: number; weight: number; scale: number }[];
  /** Per objective, the records and keys of the working copy its measure reads (reads.ts). */
  watches: readonly (readonly Watch[])[];
  /**
   * Per objective, its points in the working copy at rest (nothing run): measured on first need,
   * null if a measure failed there (then every objective is always measured).
   */
  points: number[] | null | undefined;
}

/** A key of a record of the working copy that a measure reads: `key` null is any key, `obj` null anything. */
interface Watch {
  obj: object | null;
  key: string | null;
}

/** Weighs effects for every seat on one working copy of a state's data. */
export class Lookahead {
  readonly work: GameState;
  private readonly w: Writer;
  private readonly t: TurnContext;
  private readonly rng0: number[];
  private readonly measures = new Map<ActorId, SeatMeasure>();
  private readonly baselines = new Map<ActorId, number>();
  private readonly atRest = new Map<ActorId, number[] | null>();
  private readonly turn0: number;
  constructor(
    readonly c: Compiled,
    from: GameState,
    /** Idle turns projected after the effects before measuring (0: measure at once). */
    readonly horizon: number,
    /** Delayed values added to immediate ones (the fast level), or null. */
    private readonly table: DelayTable | null,
  ) {
    this.work = workingCopy(from);
    this.turn0 = from.turn;
    this.w = new Writer(this.work, c.actorIds);
    this.w.journal = [];
    // The look-ahead rolls its own dice: it must not peek at the game's next draws.
    this.rng0 = [from.rng[0]! ^ 0x5bd1e995, from.rng[1]! ^ 0x27d4eb2f, from.rng[2]!, from.rng[3]!].map((x) => x >>> 0);
    for (let i = 0; i < 4; i++) this.work.rng[i] = this.rng0[i]!;
    this.t = { c, st: this.work, w: this.w, entries: [], moved: {}, votes: {} };
  }

  /** The look-ahead of a bot level over a state. */
  static forLevel(c: Compiled, from: GameState, level: BotLevel): Lookahead {
    // The strong level sees as far as the game goes, up to STRONG_HORIZON turns (this one included).
    if (level === "strong") return new Lookahead(c, from, Math.min(STRONG_HORIZON, Math.max(1, finalTurn(c.turns, from) - from.turn + 1)), null);
    return new Lookahead(c, from, 0, delayTable(c));
  }

  /** A seat's value of the state as it stands (nothing run), computed once. */
  baseline(seat: ActorId): number {
    let v = this.baselines.get(seat);
    if (v === undefined) {
      const out = [0];
      this.values([], [seat], out);
      v = out[0]!;
      this.baselines.set(seat, v);
    }
    return v;
  }

  /**
   * Writes into `out[i]` the value for `seats[i]` after `runs`, then restores the working copy.
   * Several seats weighing one outcome (a deal's two sides, a council's voters) share one run.
   * An outcome whose formulas break is worth -Infinity, so it is never sought.
   */
  values(runs: readonly Run[], seats: readonly ActorId[], out: number[]): void {
    const { w, work } = this;
    const mark = w.mark();
    // Measured at once from the state at rest, a seat's objectives that the runs leave untouched
    // keep their points at rest; only the others are measured again (the same numbers, sooner).
    const incremental = this.horizon === 0 && mark === 0;
    if (incremental) for (const seat of seats) this.pointsAtRest(seat);
    try {
      for (const r of runs) runEffects(r.effects, new Ctx(this.c, work, w, r.self, r.target, r.target2, r.params, LOOK_SOURCE));
      for (let k = 0; k < this.horizon; k++) this.projectTurn(k > 0);
      for (let i = 0; i < seats.length; i++) out[i] = this.valueNow(seats[i]!, incremental, this.delayOf(runs, seats[i]!));
    } catch {
      for (let i = 0; i < seats.length; i++) out[i] = Number.NEGATIVE_INFINITY;
    } finally {
      w.undo(mark);
      this.t.entries.length = 0;
      for (let i = 0; i < 4; i++) work.rng[i] = this.rng0[i]!;
    }
  }

  /**
   * What `values` adds up for `seat`, part by part, each as a change from the state at rest: each
   * objective's points, then each well-being indicator's term (the seat's `wellbeingIds` order).
   * `now` is measured after the runs (and, at the strong level, the projection); `later` is the
   * fast level's delayed value of each part (zeros at the strong level). Together they sum to
   * values() minus baseline(). Null when a formula breaks (values() gives -Infinity then).
   * For people reading a bot's choice (`scenario -- weigh`); bots never ask for it.
   */
  parts(runs: readonly Run[], seat: ActorId): { now: number[]; later: number[] } | null {
    const after = this.partsAfter(runs, seat);
    const rest = this.partsAfter([], seat);
    if (!after || !rest) return null;
    const now = after.map((v, i) => v - rest[i]!);
    const later = now.map(() => 0);
    if (this.table) {
      const moved = this.partsAfter(runs, seat, this.shift(seat, this.delayOf(runs, seat)));
      const still = this.partsAfter([], seat, this.shift(seat, undefined));
      if (!moved || !still) return null;
      for (let i = 0; i < later.length; i++) later[i] = moved[i]! - still[i]! - now[i]!;
    }
    return { now, later };
  }

  /** The well-being indicators `seat` is weighed on, in the order of parts(). */
  wellbeingIds(seat: ActorId): string[] {
    return this.measureOf(seat).wellbeing.map((x) => x.id);
  }

  /** Each part of valueNow() after `runs` and the projection (measures moved on by `shift`), then restores the working copy. */
  private partsAfter(runs: readonly Run[], seat: ActorId, shift?: Delay): number[] | null {
    const { w, work } = this;
    const mark = w.mark();
    try {
      for (const r of runs) runEffects(r.effects, new Ctx(this.c, work, w, r.self, r.target, r.target2, r.params, LOOK_SOURCE));
      for (let k = 0; k < this.horizon; k++) this.projectTurn(k > 0);
      const m = this.measureOf(seat);
      const measures = objectiveMeasures(this.c, work, seat);
      const out = this.scored(seat, m, measures, shift);
      const own = work.actors[seat];
      for (let j = 0; j < m.wellbeing.length; j++) out.push((own ? wellbeingTerm(m.wellbeing[j]!, own) : 0) + (shift?.[measures.length + j] ?? 0));
      return out;
    } catch {
      return null;
    } finally {
      w.undo(mark);
      this.t.entries.length = 0;
      for (let i = 0; i < 4; i++) work.rng[i] = this.rng0[i]!;
    }
  }

  /** Each objective's points from its measure (moved on by the shift, if any), as bots weigh them: negative when it slid back. */
  private scored(seat: ActorId, m: SeatMeasure, measures: readonly number[], shift: Delay | undefined): number[] {
    const objs = this.c.objectives[seat] ?? [];
    return objs.map((o, i) => progress(o.def, measures[i]! + (shift?.[i] ?? 0), m.base[i] ?? 0) * o.def.points);
  }

  /** The seat's drift and a run's delay together (fast level), or undefined at the strong level. */
  private shift(seat: ActorId, delay: Delay | undefined): Delay | undefined {
    if (!this.table) return undefined;
    const drift = driftOf(this.table, seat);
    return delay ? delay.map((x, i) => x + (drift[i] ?? 0)) : drift;
  }

  /** The delayed changes of `runs` together for `seat` (fast level), or undefined. */
  private delayOf(runs: readonly Run[], seat: ActorId): Delay | undefined {
    if (!this.table || runs.length === 0) return undefined;
    let total: Delay | undefined;
    for (const r of runs) {
      const d = delayFor(this.table, r, seat);
      // An empty delay is a projection that broke: it adds nothing.
      if (d.length > 0) total = total ? total.map((x, i) => x + d[i]!) : d;
    }
    return total;
  }

  /**
   * Per objective of `seat`, its points after `runs` a few turns on (for the one-line reason of an
   * answer: the fast level's table has no per-objective split, so this always projects).
   */
  breakdown(runs: readonly Run[], seat: ActorId): number[] {
    const { w, work } = this;
    const mark = w.mark();
    try {
      for (const r of runs) runEffects(r.effects, new Ctx(this.c, work, w, r.self, r.target, r.target2, r.params, LOOK_SOURCE));
      const horizon = Math.min(STRONG_HORIZON, Math.max(1, finalTurn(this.c.turns, this.work) - this.turn0 + 1));
      for (let k = 0; k < horizon; k++) this.projectTurn(k > 0);
      return this.scored(seat, this.measureOf(seat), objectiveMeasures(this.c, work, seat), undefined);
    } catch {
      return [];
    } finally {
      w.undo(mark);
      this.t.entries.length = 0;
      for (let i = 0; i < 4; i++) work.rng[i] = this.rng0[i]!;
    }
  }

  /**
   * Per seat, after `runs` and the projection: each objective's measure, then each well-being
   * term; null for a seat whose formulas break. Restores the working copy.
   */
  measuresAfter(runs: readonly Run[], seats: readonly ActorId[]): (number[] | null)[] {
    const { w, work } = this;
    const mark = w.mark();
    try {
      for (const r of runs) runEffects(r.effects, new Ctx(this.c, work, w, r.self, r.target, r.target2, r.params, LOOK_SOURCE));
      for (let k = 0; k < this.horizon; k++) this.projectTurn(k > 0);
      return seats.map((seat) => {
        try {
          const own = work.actors[seat];
          return [...objectiveMeasures(this.c, work, seat), ...this.measureOf(seat).wellbeing.map((x) => (own ? wellbeingTerm(x, own) : 0))];
        } catch {
          return null;
        }
      });
    } catch {
      return seats.map(() => null);
    } finally {
      w.undo(mark);
      this.t.entries.length = 0;
      for (let i = 0; i < 4; i++) work.rng[i] = this.rng0[i]!;
    }
  }

  /** How many objectives a seat is scored on (the first entries of measuresAfter()). */
  objectiveCount(seat: ActorId): number {
    return this.c.objectives[seat]?.length ?? 0;
  }

  /** measuresAfter() with nothing run, once per seat. */
  measuresAtRest(seat: ActorId): number[] | null {
    let v = this.atRest.get(seat);
    if (v === undefined) {
      v = this.measuresAfter([], [seat])[0]!;
      this.atRest.set(seat, v);
    }
    return v;
  }

  /** One idle turn: the dynamics, fading modifiers and limits of a resolution; `next` moves the turn on first. */
  private projectTurn(next: boolean): void {
    if (next) this.w.turn(this.work.turn + 1);
    const t = this.t;
    runDynamics(t);
    fadeModifiers(t);
    clampAll(t);
  }

  private measureOf(seat: ActorId): SeatMeasure {
    let m = this.measures.get(seat);
    if (!m) {
      const c = this.c;
      const weights = c.doctrine[seat]?.wellbeing ?? DEFAULT_WELLBEING;
      const wellbeing = Object.entries(weights)
        .filter(([id]) => c.scenario.indicators[id])
        .map(([id, weight]) => {
          const d = c.scenario.indicators[id]!;
          const start = this.work.baseline[seat]?.[id] ?? 0;
          const scale = d.min !== undefined && d.max !== undefined && d.max > d.min ? d.max - d.min : Math.max(1, Math.abs(start));
          return { id, start, weight, scale };
        });
      const watches = objectiveReads(c, seat).map((reads) => reads.flatMap((r) => watchesOf(this.work, r)));
      m = { base: baselineOf(this.work, seat, c.objectives[seat]?.length ?? 0), wellbeing, watches, points: undefined };
      this.measures.set(seat, m);
    }
    return m;
  }

  /** Measures a seat's objectives in the working copy at rest, once. */
  private pointsAtRest(seat: ActorId): void {
    const m = this.measureOf(seat);
    if (m.points !== undefined) return;
    try {
      m.points = this.scored(seat, m, objectiveMeasures(this.c, this.work, seat), this.table ? driftOf(this.table, seat) : undefined);
    } catch {
      m.points = null;
    }
  }

  /**
   * The seat's objective points plus its well-being term, in the working state now; at the fast
   * level each measure moved on by the seat's drift and the runs' `delay`. `incremental`: the
   * journal holds every change since rest, so objectives it does not touch and no delay moves
   * keep their points at rest.
   */
  private valueNow(seat: ActorId, incremental: boolean, delay: Delay | undefined): number {
    const m = this.measureOf(seat);
    const drift = this.table ? driftOf(this.table, seat) : undefined;
    const rest = incremental ? m.points : null;
    const objs = this.c.objectives[seat] ?? [];
    const journal = this.w.journal!;
    let ctx: Ctx | undefined;
    // A sum in list order, whichever objectives are measured again, so the same number either way.
    let v = 0;
    for (let i = 0; i < objs.length; i++) {
      const d = delay?.[i] ?? 0;
      if (rest && d === 0 && !touched(m.watches[i]!, journal)) {
        v += rest[i]!;
        continue;
      }
      const o = objs[i]!;
      ctx ??= new Ctx(this.c, this.work, null, seat);
      v += progress(o.def, evalNum(o.measure, ctx) + (drift?.[i] ?? 0) + d, m.base[i] ?? 0) * o.def.points;
    }
    const own = this.work.actors[seat];
    if (own) for (let j = 0; j < m.wellbeing.length; j++) v += wellbeingTerm(m.wellbeing[j]!, own) + (delay?.[objs.length + j] ?? 0);
    return v;
  }
}

/** Where a read lives in a working copy; a record that does not exist reads as 0 and is never written. */
function watchesOf(work: GameState, r: Read): Watch[] {
  switch (r.in) {
    case "actor": {
      const rec = work.actors[r.actor];
      return rec ? [{ obj: rec, key: r.key }] : [];
    }
    case "world":
      return [{ obj: work.world, key: r.key }];
    case "relations":
      return [{ obj: work.relations, key: r.key }];
    case "trade":
      return [{ obj: work.trade, key: r.key }];
    case "mandates":
      return [{ obj: work.mandates, key: r.key }];
    case "influence": {
      // The weights over `over`, or their record being made.
      const rec = work.influence[r.over];
      const made: Watch = { obj: work.influence, key: r.over };
      return rec ? [made, { obj: rec, key: null }] : [made];
    }
    case "state":
      return [{ obj: work, key: r.key }];
    case "anything":
      return [{ obj: null, key: null }];
  }
}

/** Whether a journal (flat [record, key, old value, had key] entries) changed any watched key. */
function touched(watches: readonly Watch[], journal: readonly unknown[]): boolean {
  for (const x of watches) {
    if (x.obj === null) return true;
    for (let j = 0; j < journal.length; j += 4) {
      if (journal[j] === x.obj && (x.key === null || journal[j + 1] === x.key)) return true;
    }
  }
  return false;
}

/** One well-being indicator's small term in a seat's value: its change since the start, weighted and scaled. */
function wellbeingTerm(x: SeatMeasure["wellbeing"][number], own: Readonly<Record<string, number>>): number {
  return (x.weight * ((own[x.id] ?? 0) - x.start)) / x.scale;
}

/** Each objective's measure (the number its points are scored from) for a seat in a state. */
function objectiveMeasures(c: Compiled, st: GameState, seat: ActorId): number[] {
  const ctx = new Ctx(c, st, null, seat);
  return (c.objectives[seat] ?? []).map((o) => evalNum(o.measure, ctx));
}

/**
 * Per seat, what a run changes beyond its immediate effect once the dynamics have had
 * `TABLE_HORIZON` turns to work: each objective's measure (objectives first, in order), then
 * each well-being term. Learned from the scenario's starting state with its own seed, so it
 * depends on the scenario alone; filled in on first use (a memo: the same run always gets the
 * same numbers, whenever it is asked).
 */
type Delay = readonly number[];

/**
 * A run is identified by its effects (each list of a move, outcome, vote or event option is its
 * own array) and its bindings, looked up level by level: no key text is built per evaluation.
 */
interface DelayTable {
  now: Lookahead;
  later: Lookahead;
  seats: readonly ActorId[];
  /** effects -> self -> target -> target2 -> parameters as JSON ("" without) -> seat -> delay. */
  byRun: Map<readonly CEffect[], Map<ActorId, Map<ActorId, Map<ActorId, Map<string, Map<ActorId, Delay>>>>>>;
  /** Per seat, how its objectives' measures move on by themselves (well-being terms 0: they are linear). */
  drifts: Map<ActorId, Delay>;
}

const tables = new WeakMap<Compiled, DelayTable>();

function delayTable(c: Compiled): DelayTable {
  let t = tables.get(c);
  if (!t) {
    const start = createGameCompiled(c, "delay-table");
    t = { now: new Lookahead(c, start, 0, null), later: new Lookahead(c, start, Math.min(TABLE_HORIZON, c.turns), null), seats: c.seats, byRun: new Map(), drifts: new Map() };
    tables.set(c, t);
  }
  return t;
}

/** The map under `key`, made empty on first use. */
function child<K, T>(map: Map<K, Map<string, T>>, key: K): Map<string, T> {
  let v = map.get(key);
  if (v === undefined) {
    v = new Map();
    map.set(key, v);
  }
  return v;
}

/**
 * How a seat's objective measures move by themselves over the table's horizon, learned from the
 * start like the delays: with it a fast bot weighs a change where the world is heading (tempers
 * cooling, a war effort running down), as the strong level's projection does, not where it stands.
 */
function driftOf(table: DelayTable, seat: ActorId): Delay {
  let d = table.drifts.get(seat);
  if (d === undefined) {
    const [a, b] = [table.later.measuresAtRest(seat), table.now.measuresAtRest(seat)];
    const n = table.now.objectiveCount(seat);
    const drift = a && b ? a.map((x, k) => (k < n ? x - b[k]! : 0)) : [];
    d = drift.every(Number.isFinite) ? drift : [];
    table.drifts.set(seat, d);
  }
  return d;
}

/** A run's delay for a seat; a run kept by its caller (a bot's candidate order) looks its delays up once. */
function delayFor(table: DelayTable, run: Run, seat: ActorId): Delay {
  const bySeat = (run.delays ??= delaysOf(table, run));
  let d = bySeat.get(seat);
  // A seat outside the table's seats is measured alone (the same numbers either way).
  if (d === undefined) {
    measureDelays(table, run, [seat], bySeat);
    d = bySeat.get(seat)!;
  }
  return d;
}

/** The delays of a run per seat, filled in for every seat the first time the run is asked for. */
function delaysOf(table: DelayTable, run: Run): Map<ActorId, Delay> {
  const params = run.params ? JSON.stringify(run.params) : "";
  const byParams = child(child(child(child(table.byRun, run.effects), run.self), run.target), run.target2);
  let bySeat = byParams.get(params);
  if (!bySeat) {
    // One projection serves every seat: a seat's measures of the projected state do not depend on
    // which other seats are measured with it.
    bySeat = new Map();
    measureDelays(table, run, table.seats, bySeat);
    byParams.set(params, bySeat);
  }
  return bySeat;
}

function measureDelays(table: DelayTable, run: Run, seats: readonly ActorId[], into: Map<ActorId, Delay>): void {
  const laterRun = table.later.measuresAfter([run], seats);
  const nowRun = table.now.measuresAfter([run], seats);
  for (let i = 0; i < seats.length; i++) {
    const seat = seats[i]!;
    const [a, b, c, d] = [laterRun[i], table.later.measuresAtRest(seat), nowRun[i], table.now.measuresAtRest(seat)];
    // A projection that breaks adds no delay.
    const delay = a && b && c && d ? a.map((x, k) => x - b[k]! - (c[k]! - d[k]!)) : [];
    into.set(seat, delay.every(Number.isFinite) ? delay : []);
  }
}
