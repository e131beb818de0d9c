// What a scenario author sees when a file is wrong: one ScenarioError per mistake, each with the
// place (file, line, column, path in the document) and a plain-English message.

/** Every code a scenario check can report, namespaced like the engine's codes. */
export const SCENARIO_ERROR_CODES = [
  "scenario/file_unreadable", // the file could not be read (missing, a folder, no permission)
  "scenario/yaml_syntax", // the text is not valid YAML or JSON
  "scenario/duplicate_key", // the same key appears twice in one mapping
  "scenario/missing_field", // a required field is absent
  "scenario/wrong_type", // a value has the wrong type (text where a number belongs, ...)
  "scenario/unknown_key", // a field the format does not know (often a typo)
  "scenario/invalid_value", // a value outside what is allowed (enum, range, id pattern, date format)
  "scenario/unknown_effect", // an effect whose kind (change, relation, trade, ...) is not recognised
  "scenario/ambiguous_effect", // an effect that names two kinds at once
  "scenario/unknown_actor", // an actor id that is not declared under actors
  "scenario/unknown_indicator", // an actor indicator that is not declared under indicators
  "scenario/unknown_global", // a world.<name> that is not declared under world
  "scenario/unknown_derived", // a derived.<name> that is not declared under derived
  "scenario/unknown_sector", // a sector not listed under sectors
  "scenario/unknown_param", // param.<name> not declared by the move
  "scenario/unknown_move", // a move id (in moved()) that is not declared under moves
  "scenario/unknown_event", // an event id (in fired()) that is not declared under events
  "scenario/unknown_mandate", // a council mandate that is not declared under council.mandates
  "scenario/unknown_name", // a bare name in a formula that means nothing
  "scenario/unknown_function", // a function the expression language does not have
  "scenario/wrong_arity", // a function called with too few or too many arguments
  "scenario/expr_syntax", // a formula that does not parse
  "scenario/bad_path", // an effect path that is not "<actor>.<indicator>" or "world.<global>"
  "scenario/target_unbound", // target/target2 used where the move has no such target
  "scenario/no_amount", // a change/trade/influence effect without by, times or to
  "scenario/missing_default", // event options without a default option
  "scenario/default_not_option", // an event default that is not one of its options
  "scenario/options_without_affects", // event options but no actor to choose between them
  "scenario/derived_cycle", // derived values that depend on each other in a loop
  "scenario/objectives_not_playable", // objectives for an actor that is not a playable seat
  "scenario/missing_objectives", // a playable seat with nothing to score
  "scenario/duplicate_pair", // the same pair listed twice in relations or trade
  "scenario/self_pair", // a relation or trade of an actor with itself
  "scenario/duplicate_entry", // an id listed twice where it must be unique
  "scenario/bad_range", // an indicator whose min is above its max, or default outside them
  "scenario/misplaced_field", // a field that has no effect where it is (onReject without consent, ...)
  "scenario/indicator_out_of_scope", // an actor's value for an indicator its `actors` list leaves it out of
  "scenario/newer_version", // a file written for a newer scenario format than this code reads
] as const;
export type ScenarioErrorCode = (typeof SCENARIO_ERROR_CODES)[number];

/** One mistake in a scenario file, located for the author. Lines and columns are 1-based. */
export interface ScenarioError {
  file: string;
  line: number;
  column: number;
  /** Where in the document, e.g. "moves.rebuke.effects[2].change". */
  path: string;
  code: ScenarioErrorCode;
  message: string;
}

export type PathSegment = string | number;

/**
 * A mistake found on parsed data, before it is given a line and column.
 * `at: "key"` points at the key of the last path segment (unknown or misnamed keys);
 * `exprOffset` is the 0-based offset of the mistake inside a formula string.
 */
export interface ScenarioIssue {
  path: PathSegment[];
  code: ScenarioErrorCode;
  message: string;
  at?: "key" | "value";
  exprOffset?: number;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Renders a path the way an author reads it: moves.rebuke.effects[2].change */
export function pathToString(path: readonly PathSegment[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else if (PLAIN_KEY.test(seg)) out += out === "" ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === "" ? "(top level)" : out;
}
