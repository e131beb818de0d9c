// A scenario compiled once: every formula and effect turned into a closure, with lookup tables
// (actor order, seats, council, pair keys) that the hot paths of resolution and bots use.
import type { GameEventDef, Move, Objective, Scenario } from "../scenario/schema.ts";
import type { Rules } from "./api.ts";
import { compileEffects, type CEffect } from "./effects.ts";
import { engineHooks } from "./env-compile.ts";
import { compileFormula, withHooks, type Formula } from "./formula.ts";
import { pairKey } from "./state-read.ts";
import type { ActorId, ParamValue } from "./types.ts";

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

export interface Compiled {
  scenario: Scenario;
  turns: number;
  actorIds: ActorId[];
  actorSet: ReadonlySet<ActorId>;
  seats: ActorId[];
  seatSet: ReadonlySet<ActorId>;
  council: ActorId[];
  councilSet: ReadonlySet<ActorId>;
  permanentSet: ReadonlySet<ActorId>;
  /** Every unordered pair of actors, as keys, sorted. */
  pairKeys: string[];
  /** The same pairs as [first, second, key], first < second. */
  pairs: [ActorId, ActorId, string][];
  /** Per actor: the pair keys with every other actor, in actor order (for tradeTotal). */
  partnerKeys: Record<ActorId, string[]>;
  indicatorIds: string[];
  worldIds: string[];
  derived: Record<string, Formula>;
  moves: Record<string, CMove>;
  moveList: CMove[];
  events: CEvent[];
  eventMap: Record<string, CEvent>;
  dynamics: CDynamic[];
  objectives: Record<ActorId, CObjective[]>;
}

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
  const hooks = engineHooks(new Set(actorIds), new Set(seats), new Set(council), new Set(s.council?.permanent ?? []));
  return withHooks(hooks, () => compileWith(s, actorIds, seats, council));
}

function compileWith(s: Scenario, actorIds: ActorId[], seats: ActorId[], council: ActorId[]): Compiled {
  const pairKeys: string[] = [];
  const partnerKeys: Record<ActorId, string[]> = {};
  for (const a of actorIds) partnerKeys[a] = actorIds.filter((b) => b !== a).map((b) => pairKey(a, b));
  actorIds.forEach((a, i) => actorIds.slice(i + 1).forEach((b) => pairKeys.push(pairKey(a, b))));
  pairKeys.sort();

  const derived: Record<string, Formula> = {};
  for (const [id, d] of Object.entries(s.derived)) derived[id] = compileFormula(d.formula, `derived.${id}.formula`);

  const moves: Record<string, CMove> = {};
  for (const [id, m] of Object.entries(s.moves)) {
    const at = `moves.${id}`;
    moves[id] = {
      id,
      def: m,
      allowed: m.actors === "all" ? null : new Set(m.actors),
      targets: m.targets !== undefined ? compileFormula(m.targets, `${at}.targets`) : null,
      requires: m.requires.map((r, i) => ({ when: compileFormula(r.when, `${at}.requires[${i}].when`), otherwise: r.otherwise })),
      params: Object.entries(m.params ?? {}).map(([name, p]) => ({ name, choices: p.choices })),
      effects: compileEffects(m.effects, `${at}.effects`),
      onReject: compileEffects(m.onReject, `${at}.onReject`),
      onFail: compileEffects(m.onFail, `${at}.onFail`),
      onDiscovered: compileEffects(m.onDiscovered, `${at}.onDiscovered`),
      discovery: m.discovery !== undefined ? compileFormula(m.discovery, `${at}.discovery`) : null,
      support: m.support !== undefined ? compileFormula(m.support, `${at}.support`) : null,
    };
  }

  const events: CEvent[] = Object.entries(s.events).map(([id, e]) => {
    const at = `events.${id}`;
    const options = new Map<string, CEffect[]>();
    for (const [oid, o] of Object.entries(e.options ?? {})) options.set(oid, compileEffects(o.effects, `${at}.options.${oid}.effects`));
    return {
      id,
      def: e,
      trigger: compileFormula(e.trigger, `${at}.trigger`),
      probability: compileFormula(e.probability, `${at}.probability`),
      effects: compileEffects(e.effects, `${at}.effects`),
      options,
    };
  });

  const dynamics: CDynamic[] = s.dynamics.map((d, i) => ({
    id: d.id,
    label: d.label,
    each: d.each,
    when: compileFormula(d.when, `dynamics[${i}].when`),
    effects: compileEffects(d.effects, `dynamics[${i}].effects`),
  }));

  const objectives: Record<ActorId, CObjective[]> = {};
  for (const seat of actorIds) {
    objectives[seat] = (s.objectives[seat] ?? []).map((o, i) => ({
      def: o,
      measure: compileFormula(o.measure, `objectives.${seat}[${i}].measure`),
    }));
  }

  return {
    scenario: s,
    turns: s.turns.count,
    actorIds,
    actorSet: new Set(actorIds),
    seats,
    seatSet: new Set(seats),
    council,
    councilSet: new Set(council),
    permanentSet: new Set(s.council?.permanent ?? []),
    pairKeys,
    pairs: pairKeys.map((k) => [...(k.split(":") as [string, string]), k]),
    partnerKeys,
    indicatorIds: Object.keys(s.indicators),
    worldIds: Object.keys(s.world),
    derived,
    moves,
    moveList: Object.values(moves),
    events,
    eventMap: Object.fromEntries(events.map((e) => [e.id, e])),
    dynamics,
    objectives,
  };
}
