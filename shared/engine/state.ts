// Creating a game from a scenario, and the working copy a resolution (or a bot) mutates.
import { sourcedValue } from "../scenario/schema.ts";
import { seedState } from "./rng.ts";
import type { Compiled } from "./rules.ts";
import { Ctx } from "./env.ts";
import { evalNum } from "./formula.ts";
import { attainment, baselineOf, measures } from "./score.ts";
import { pairKey } from "./state-read.ts";
import type { ActorId, GameState, HistoryPoint, Relation } from "./types.ts";

/** A new game at turn 1: the scenario's starting data, the seeded stream, empty orders. */
export function createGameCompiled(c: Compiled, seed: string): GameState {
  const s = c.scenario;
  const actors: GameState["actors"] = {};
  for (const a of c.actorIds) {
    const values: Record<string, number> = {};
    const given = s.actors[a]!.indicators;
    for (const ind of c.indicatorIds) {
      const v = given[ind];
      values[ind] = v === undefined ? s.indicators[ind]!.default : sourcedValue(v);
    }
    actors[a] = values;
  }
  const world: Record<string, number> = {};
  for (const g of c.worldIds) world[g] = sourcedValue(s.world[g]!.initial);

  const relations: Record<string, Relation> = {};
  for (const r of s.relations) relations[pairKey(r.between[0], r.between[1])] = { base: sourcedValue(r.value), modifiers: [] };
  const trade: Record<string, number> = {};
  for (const t of s.trade) trade[pairKey(t.between[0], t.between[1])] = sourcedValue(t.value);
  const influence: GameState["influence"] = {};
  for (const inf of s.influence) influence[inf.over] = { ...inf.shares };

  const orders: GameState["orders"] = {};
  const locked: GameState["locked"] = {};
  const lastMoves: GameState["lastMoves"] = {};
  for (const seat of c.seats) {
    orders[seat] = [];
    locked[seat] = false;
  }
  for (const a of c.actorIds) lastMoves[a] = [];
  const mandates: Record<string, boolean> = {};
  for (const [id, m] of Object.entries(s.council?.mandates ?? {})) mandates[id] = m.active;

  const st: GameState = {
    scenario: s.id,
    seed,
    rng: seedState(seed),
    turn: 1,
    phase: "orders",
    actors,
    world,
    relations,
    trade,
    influence,
    sanctions: s.sanctions.map((x) => ({ by: x.by, on: x.on, sector: x.sector, enforcement: x.enforcement, un: x.un, since: 0 })),
    treaties: s.treaties.map((t) => ({ kind: t.kind, name: t.name, parties: [...t.parties], since: 0 })),
    mandates,
    orders,
    locked,
    proposals: [],
    covert: [],
    pending: [],
    fired: {},
    lastMoves,
    lastVotes: {},
    baseline: copyActors(actors),
    nextId: 1,
  };
  const objectiveBaseline: Record<ActorId, number[]> = {};
  for (const seat of c.seats) objectiveBaseline[seat] = measures(c, st, seat);
  st.objectiveBaseline = objectiveBaseline;
  return st;
}

/** A copy of every actor's indicators. */
export function copyActors(actors: GameState["actors"]): GameState["actors"] {
  const out: GameState["actors"] = {};
  for (const a in actors) out[a] = { ...actors[a] };
  return out;
}

/** The numbers and scores of a state after turn `turn` resolved (0: the start), for charts. */
export function historyPoint(c: Compiled, st: GameState, turn = st.turn - 1): HistoryPoint {
  const scores: Record<ActorId, number> = {};
  const publicScores: Record<ActorId, number> = {};
  // The same sums as scoreCard's total and its public part, without building the cards.
  for (const seat of c.seats) {
    const objs = c.objectives[seat] ?? [];
    const base = baselineOf(st, seat, objs.length);
    const ctx = new Ctx(c, st, null, seat);
    let total = 0;
    let open = 0;
    for (let i = 0; i < objs.length; i++) {
      const o = objs[i]!;
      const points = attainment(o.def, evalNum(o.measure, ctx), base[i] ?? 0) * o.def.points;
      total += points;
      if (!o.def.secret) open += points;
    }
    scores[seat] = total;
    publicScores[seat] = open;
  }
  return { turn, actors: copyActors(st.actors), world: { ...st.world }, scores, publicScores };
}

/**
 * A copy that a Writer may mutate: every record a change can touch is copied; relations,
 * sanctions, treaties and modifiers are replaced, never mutated, so they are shared safely.
 */
export function workingCopy(st: GameState): GameState {
  const influence: GameState["influence"] = {};
  for (const o in st.influence) influence[o] = { ...st.influence[o] };
  return {
    ...st,
    rng: [st.rng[0], st.rng[1], st.rng[2], st.rng[3]],
    actors: copyActors(st.actors),
    world: { ...st.world },
    relations: { ...st.relations },
    trade: { ...st.trade },
    influence,
    mandates: { ...st.mandates },
    fired: { ...st.fired },
  };
}
