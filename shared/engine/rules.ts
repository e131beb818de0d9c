// A scenario compiled once: every formula and effect turned into a closure, with lookup tables
// (actor order, seats, council, pair keys, blocs) that the hot paths of resolution and bots use.
import type { Doctrine, GameEventDef, Move, Objective, Scenario } from "../scenario/schema.ts";
import { compileEffects, type CEffect, type EffectCompiler } from "./effects.ts";
import { vocabulary, type Formula, type Lookups } from "./env.ts";
import { compileFormula } from "./formula.ts";
import { pairKey } from "./state-read.ts";
import type { ActorId, CastVote, ParamValue, Rules } from "./types.ts";

export interface CMove {
  id: string;
  def: Move;
  allowed: ReadonlySet<ActorId> | null;
  targets: Formula | null;
  requires: { when: Formula; otherwise: string }[];
  params: { name: string; choices: ParamValue[] }[];
  effects: CEffect[];
  onReject: CEffect[];
  onFail: CEffect[];
  onDiscovered: CEffect[];
  /** Council drafts: effects per member by how it voted (self = member, target = author). */
  onVote: Partial<Record<CastVote, CEffect[]>>;
  discovery: Formula | null;
  support: Formula | null;
}

export interface CEvent {
  id: string;
  def: GameEventDef;
  trigger: Formula;
  probability: Formula;
  effects: CEffect[];
  options: Map<string, CEffect[]>;
}

export interface CDynamic {
  id: string;
  label: string;
  each: "world" | "actor" | "sanction" | "pair";
  when: Formula;
  effects: CEffect[];
}

export interface CObjective {
  def: Objective;
  measure: Formula;
}

export interface Compiled extends Lookups {
  scenario: Scenario;
  actorIds: ActorId[];
  seats: ActorId[];
  council: ActorId[];
  /** Every unordered pair of actors, as keys, sorted. */
  pairKeys: string[];
  /** The same pairs as [first, second, key], first < second. */
  pairs: [ActorId, ActorId, string][];
  indicatorIds: string[];
  worldIds: string[];
  moves: Record<string, CMove>;
  moveList: CMove[];
  events: CEvent[];
  eventMap: Record<string, CEvent>;
  dynamics: CDynamic[];
  objectives: Record<ActorId, CObjective[]>;
  /** Per seat: its doctrine, with defaults where the scenario gives none. */
  doctrine: Record<ActorId, Doctrine>;
  /**
   * The moves the scenario's formulas read with monthsSince ("all" if one is named by anything but
   * a literal): views carry only these of the state's lastDone.
   */
  datedMoves: ReadonlySet<string> | "all";
}

const NO_DOCTRINE: Doctrine = { prefer: {}, never: [], allies: [], loyalty: 1 };

const cache = new WeakMap<Rules, Compiled>();

/** The compiled form of rules (compiled on first use if the caller built Rules by hand). */
export function compiled(rules: Rules): Compiled {
  let c = cache.get(rules);
  if (!c) {
    c = compileScenario(rules.scenario);
    cache.set(rules, c);
  }
  return c;
}

/** Compiles every formula and effect of a validated scenario. */
export function compileScenario(s: Scenario): Compiled {
  const actorIds = Object.keys(s.actors);
  const seats = actorIds.filter((a) => s.actors[a]!.playable);
  const council = s.council ? [...s.council.permanent, ...s.council.elected] : [];
  const actorSet = new Set(actorIds);
  const dated: { moves: Set<string> | "all" } = { moves: new Set() };
  const names = vocabulary({ actorSet }, dated);
  const ec: EffectCompiler = { names, scenario: s, actorIds, seats, council };
  const formula = (src: string | number | boolean, where: string): Formula => compileFormula(src, where, names);
  const effects = (list: Parameters<typeof compileEffects>[1], where: string) => compileEffects(ec, list, where);

  const pairKeys: string[] = [];
  const partnerKeys: Record<ActorId, string[]> = {};
  for (const a of actorIds) partnerKeys[a] = actorIds.filter((b) => b !== a).map((b) => pairKey(a, b));
  actorIds.forEach((a, i) => actorIds.slice(i + 1).forEach((b) => pairKeys.push(pairKey(a, b))));
  pairKeys.sort();

  const derived: Record<string, Formula> = {};
  for (const [id, d] of Object.entries(s.derived)) derived[id] = formula(d.formula, `derived.${id}.formula`);

  const moves: Record<string, CMove> = {};
  for (const [id, m] of Object.entries(s.moves)) {
    const at = `moves.${id}`;
    const onVote: CMove["onVote"] = {};
    for (const [vote, list] of Object.entries(m.onVote ?? {})) onVote[vote as CastVote] = effects(list, `${at}.onVote.${vote}`);
    moves[id] = {
      id,
      def: m,
      allowed: m.actors === "all" ? null : new Set(m.actors),
      targets: m.targets !== undefined ? formula(m.targets, `${at}.targets`) : null,
      requires: m.requires.map((r, i) => ({ when: formula(r.when, `${at}.requires[${i}].when`), otherwise: r.otherwise })),
      params: Object.entries(m.params ?? {}).map(([name, p]) => ({ name, choices: p.choices })),
      effects: effects(m.effects, `${at}.effects`),
      onReject: effects(m.onReject, `${at}.onReject`),
      onFail: effects(m.onFail, `${at}.onFail`),
      onDiscovered: effects(m.onDiscovered, `${at}.onDiscovered`),
      onVote,
      discovery: m.discovery !== undefined ? formula(m.discovery, `${at}.discovery`) : null,
      support: m.support !== undefined ? formula(m.support, `${at}.support`) : null,
    };
  }

  const events: CEvent[] = Object.entries(s.events).map(([id, e]) => {
    const at = `events.${id}`;
    const options = new Map<string, CEffect[]>();
    for (const [oid, o] of Object.entries(e.options ?? {})) options.set(oid, effects(o.effects, `${at}.options.${oid}.effects`));
    return {
      id,
      def: e,
      trigger: formula(e.trigger, `${at}.trigger`),
      probability: formula(e.probability, `${at}.probability`),
      effects: effects(e.effects, `${at}.effects`),
      options,
    };
  });

  const dynamics: CDynamic[] = s.dynamics.map((d, i) => ({
    id: d.id,
    label: d.label,
    each: d.each,
    when: formula(d.when, `dynamics[${i}].when`),
    effects: effects(d.effects, `dynamics[${i}].effects`),
  }));

  const objectives: Record<ActorId, CObjective[]> = {};
  for (const seat of actorIds) {
    objectives[seat] = (s.objectives[seat] ?? []).map((o, i) => ({
      def: o,
      measure: formula(o.measure, `objectives.${seat}[${i}].measure`),
    }));
  }

  const blocs: Record<ActorId, string> = {};
  for (const a of actorIds) blocs[a] = s.actors[a]!.bloc ?? "";
  const doctrine: Record<ActorId, Doctrine> = {};
  for (const a of seats) doctrine[a] = s.doctrine[a] ?? NO_DOCTRINE;

  return {
    scenario: s,
    turns: s.turns.count,
    actorIds,
    actorSet,
    seats,
    seatSet: new Set(seats),
    council,
    councilSet: new Set(council),
    permanentSet: new Set(s.council?.permanent ?? []),
    pairKeys,
    pairs: pairKeys.map((k) => [...(k.split(":") as [string, string]), k]),
    partnerKeys,
    blocs,
    indicatorIds: Object.keys(s.indicators),
    worldIds: Object.keys(s.world),
    derived,
    moves,
    moveList: Object.values(moves),
    events,
    eventMap: Object.fromEntries(events.map((e) => [e.id, e])),
    dynamics,
    objectives,
    doctrine,
    // Every formula is compiled by now, so the collection is complete.
    datedMoves: dated.moves,
  };
}
