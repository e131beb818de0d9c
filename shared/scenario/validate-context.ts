// The ids a scenario declares and the bindings in force where a formula or effect sits: what the
// semantic checks compare every reference against.
import type { Scenario } from "./schema.ts";
import type { PathSegment, ScenarioErrorCode, ScenarioIssue } from "./errors.ts";
import { actorHint } from "./suggest.ts";

/** The declared ids of a scenario, by kind. */
export interface Declared {
  actors: Set<string>;
  indicators: Set<string>;
  world: Set<string>;
  derived: Set<string>;
  sectors: Set<string>;
  moves: Set<string>;
  events: Set<string>;
  mandates: Set<string>;
  /** Actors that have an objectives entry. */
  objectives: Set<string>;
  /** Event options, as "<event>.<option>". */
  options: Set<string>;
}

/** Which names a formula or effect can use where it sits. */
export interface Scope {
  /** Where the formula is, for messages: "move rebuke", "event flood", "objective". */
  where: string;
  /** Why self is unavailable here, or undefined when it is bound (everywhere but observations). */
  noSelf?: string;
  /** Why target is unavailable here, or undefined when it is bound. */
  noTarget?: string;
  /** Why target2 is unavailable here, or undefined when it is bound. */
  noTarget2?: string;
  /** True inside a forEach effect, where `other` is bound to each actor in turn. */
  otherBound?: boolean;
  /** Declared parameters; undefined = this place has no parameters at all. */
  params?: Set<string>;
  /**
   * True when the move's params block is broken as a whole (`params: 3`, a list): which names it
   * declares cannot be read, so no param.<name> used here is reported as unknown.
   */
  paramsUnreadable?: boolean;
  /** The choices of each declared parameter, when known, to check params used as actors or sectors. */
  paramChoices?: Record<string, readonly (string | number)[]>;
  /** Collects derived.<id> references (for cycle detection). */
  derivedRefs?: Set<string>;
}

/** What the salvage of a file of the wrong shape changed (see prune.ts); all empty for a file of the right shape. */
export interface SalvageNotes {
  /** Paths the salvage removed or stood in for. */
  unsure: readonly (readonly PathSegment[])[];
  /** The paths among them that hold a stand-in, not the author's value: nothing is reported at or under them. */
  standIns: readonly (readonly PathSegment[])[];
  /** Kinds of id whose declaring section cannot be read at all (`world: 3`): no use of one is reported as unknown. */
  unreadable: readonly (keyof Declared)[];
}

export const NO_SALVAGE: SalvageNotes = { unsure: [], standIns: [], unreadable: [] };

/** The "unknown ..." mistakes that cannot be judged when a kind of id cannot be read. */
const UNKNOWN_CODES: Record<keyof Declared, readonly ScenarioErrorCode[]> = {
  actors: ["scenario/unknown_actor", "scenario/unknown_name"],
  indicators: ["scenario/unknown_indicator", "scenario/indicator_out_of_scope"],
  world: ["scenario/unknown_global"],
  derived: ["scenario/unknown_derived"],
  sectors: ["scenario/unknown_sector"],
  moves: ["scenario/unknown_move"],
  events: ["scenario/unknown_event"],
  mandates: ["scenario/unknown_mandate"],
  objectives: ["scenario/missing_objectives"],
  options: [],
};

/** Collects issues while the checks run. */
export class Checker {
  readonly issues: ScenarioIssue[] = [];
  private readonly unsurePaths: SalvageNotes["unsure"];
  private readonly standIns: SalvageNotes["standIns"];
  private readonly unjudged: ReadonlySet<ScenarioErrorCode>;

  constructor(
    readonly scenario: Scenario,
    readonly ids: Declared,
    salvaged: SalvageNotes = NO_SALVAGE,
  ) {
    this.unsurePaths = salvaged.unsure;
    this.standIns = salvaged.standIns;
    this.unjudged = new Set(salvaged.unreadable.flatMap((kind) => UNKNOWN_CODES[kind]));
  }

  /**
   * True when the value at `path`, or something inside or around it, is a default or stand-in
   * rather than what the author wrote: a check that reads it would report a false mistake
   * ("count: six" is no 1-turn game), so it is skipped; the field's own error says what is wrong.
   */
  unsure(...path: PathSegment[]): boolean {
    return this.unsurePaths.some((p) => p.every((seg, i) => i >= path.length || seg === path[i]));
  }

  /** True when the value at `path` itself (or a mapping or list around it) was left out or stood in for. */
  lost(...path: PathSegment[]): boolean {
    return this.unsurePaths.some((p) => isPrefix(p, path));
  }

  /** The names of the entries directly under `path` that were left out or stood in for (a move's broken parameters). */
  lostKeys(...path: PathSegment[]): string[] {
    return this.unsurePaths.filter((p) => p.length === path.length + 1 && isPrefix(path, p)).map((p) => String(p[path.length]));
  }

  /** True when any removed or stood-in path satisfies `test`. */
  unsureWhere(test: (path: readonly PathSegment[]) => boolean): boolean {
    return this.unsurePaths.some(test);
  }

  /** ' Did you mean "JPN"?' (or "China" is CHN's name) for an unknown actor, or "". `words` are other names valid there. */
  actorHint(word: string, words: readonly string[] = []): string {
    return actorHint(word, this.scenario.actors, this.ids.actors, words);
  }

  /**
   * Records a mistake, unless it is about a stand-in the salvage put there, or an unknown id of a
   * kind whose section cannot be read (the section's own error says what is wrong).
   */
  report(path: PathSegment[], code: ScenarioErrorCode, message: string, extra: Partial<ScenarioIssue> = {}): void {
    if (this.standIns.some((p) => isPrefix(p, path)) || this.unjudged.has(code)) return;
    this.issues.push({ path, code, message, ...extra });
  }
}

/** True when `prefix` is `path` or a path around it. */
const isPrefix = (prefix: readonly PathSegment[], path: readonly PathSegment[]): boolean =>
  prefix.length <= path.length && prefix.every((seg, i) => seg === path[i]);

/** Collects the ids a scenario declares, plus any extra known ids (e.g. from entries that failed the schema). */
export function declaredIds(s: Scenario, extra: Partial<Record<keyof Declared, Iterable<string>>> = {}): Declared {
  const set = (own: Iterable<string>, more: Iterable<string> | undefined) => new Set([...own, ...(more ?? [])]);
  return {
    actors: set(Object.keys(s.actors), extra.actors),
    indicators: set(Object.keys(s.indicators), extra.indicators),
    world: set(Object.keys(s.world), extra.world),
    derived: set(Object.keys(s.derived), extra.derived),
    sectors: set(s.sectors, extra.sectors),
    moves: set(Object.keys(s.moves), extra.moves),
    events: set(Object.keys(s.events), extra.events),
    mandates: set(Object.keys(s.council?.mandates ?? {}), extra.mandates),
    objectives: set(Object.keys(s.objectives).filter((k) => (s.objectives[k]?.length ?? 0) > 0), extra.objectives),
    options: set(Object.entries(s.events).flatMap(([e, ev]) => Object.keys(ev.options ?? {}).map((o) => `${e}.${o}`)), extra.options),
  };
}
