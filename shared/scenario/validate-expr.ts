// Static checks of one formula: it parses, every name it uses is declared, every function exists
// and gets the right number of arguments. Offsets point inside the formula text so the author
// sees the exact column of the mistake.
import { parseExpr, walkExpr, type ExprNode } from "../expr/parse.ts";
import { BUILTINS } from "../expr/compile.ts";
import { ACTOR_BINDINGS, BARE_NAMES, DOMAIN_FUNCTIONS } from "../expr/vocabulary.ts";
import type { PathSegment } from "./errors.ts";
import type { Checker, Scope } from "./validate-context.ts";
import { didYouMean, listOf } from "./suggest.ts";

/** Which arguments of each domain function are actor ids. */
const ACTOR_ARGS: Record<string, number[]> = {
  relation: [0, 1],
  trade: [0, 1],
  tradeTotal: [0],
  influence: [0, 1],
  sanctioned: [0, 1],
  sanctionsOn: [0],
  treaty: [0, 1],
  moved: [0],
  doneThisTurn: [0],
  monthsSince: [0],
  voted: [0],
  bloc: [0],
  isSeat: [0],
  onCouncil: [0],
  permanent: [0],
};

const ALL_FUNCTIONS = [...Object.keys(BUILTINS), ...Object.keys(DOMAIN_FUNCTIONS)];
const VOTE_KINDS = ["yes", "no", "abstain", "veto"];

/** Checks a formula or condition; numbers and booleans are always fine. */
export function checkExpr(ck: Checker, src: string | number | boolean | undefined, path: PathSegment[], scope: Scope): void {
  if (typeof src !== "string") return;
  const parsed = parseExpr(src);
  // "40%" reads as a remainder with nothing after it; the author meant a fraction.
  const percent = /^\s*(-?\d+(?:\.\d+)?)\s*%\s*$/.exec(src);
  if (!parsed.ok && percent) {
    const fraction = Number((Number(percent[1]) / 100).toPrecision(12));
    ck.report(path, "scenario/expr_syntax", `write ${fraction} for ${percent[1]}%: chances and shares are numbers from 0 to 1`, { exprOffset: src.indexOf("%") });
    return;
  }
  if (!parsed.ok) {
    ck.report(path, "scenario/expr_syntax", `formula error at character ${parsed.error.offset + 1}: ${parsed.error.message}`, {
      exprOffset: parsed.error.offset,
    });
    return;
  }
  walkExpr(parsed.node, (n) => {
    if (n.k === "ref") checkRef(ck, n.path, n.at, path, scope);
    else if (n.k === "call") checkCall(ck, n, path, scope);
  });
}

/** Is `name` an actor binding that is available here? Reports when it is not. */
function checkBinding(ck: Checker, name: string, path: PathSegment[], scope: Scope, offset?: number): void {
  const why =
    name === "self"
      ? scope.noSelf
      : name === "target"
        ? scope.noTarget
        : name === "target2"
          ? scope.noTarget2
          : name === "other" && !scope.otherBound
            ? "`other` is only bound inside a forEach effect"
            : undefined;
  if (why) ck.report(path, "scenario/target_unbound", `"${name}" cannot be used in ${scope.where}: ${why}`, { exprOffset: offset });
}

/** The bare names a formula at this place may use: the bindings it has, then turn and the like. */
function namesHere(scope: Scope): string[] {
  const unbound = new Set([scope.noSelf && "self", scope.noTarget && "target", scope.noTarget2 && "target2", !scope.otherBound && "other"]);
  return BARE_NAMES.filter((n) => !unbound.has(n));
}

function checkRef(ck: Checker, parts: string[], at: number, path: PathSegment[], scope: Scope): void {
  const { ids } = ck;
  const [head, second] = parts;
  if (head === undefined) return;
  const bindings: readonly string[] = ACTOR_BINDINGS;
  if (parts.length === 1) {
    if ((BARE_NAMES as readonly string[]).includes(head)) return checkBinding(ck, head, path, scope, at);
    if (ids.actors.has(head)) return;
    const here = namesHere(scope);
    let hint = ck.actorHint(head, here);
    if (ids.indicators.has(head)) hint = ` "${head}" is an indicator: write self.${head} or <actor>.${head}.`;
    else if (ids.world.has(head)) hint = ` Did you mean world.${head}?`;
    else if (ids.derived.has(head)) hint = ` Did you mean derived.${head}?`;
    else if (ids.moves.has(head) || ids.events.has(head) || ids.mandates.has(head) || ids.sectors.has(head))
      hint = ` Ids of moves, events, mandates and sectors are written in quotes: "${head}".`;
    ck.report(path, "scenario/unknown_name", `unknown name "${head}".${hint} Names here: ${here.join(", ")} or an actor id (${listOf([...ids.actors])})`, {
      exprOffset: at,
    });
    return;
  }
  const offset2 = at + head.length + 1;
  // param.<name>.<indicator>: an indicator of the actor chosen as a parameter.
  if (head === "param" && parts.length === 3 && second !== undefined) {
    checkParam(ck, second, path, scope, offset2);
    checkParamChoices(ck, second, path, scope, "actor");
    const third = parts[2]!;
    if (!ck.ids.indicators.has(third))
      ck.report(path, "scenario/unknown_indicator", unknownIndicator(ck, third), { exprOffset: offset2 + second.length + 1 });
    return;
  }
  if (parts.length > 2 || second === undefined) {
    ck.report(
      path,
      "scenario/unknown_name",
      `"${parts.join(".")}" has too many parts: use <actor>.<indicator>, world.<name>, derived.<name>, param.<name> or param.<name>.<indicator>`,
      { exprOffset: at },
    );
    return;
  }
  if (head === "world") {
    if (!ids.world.has(second))
      ck.report(path, "scenario/unknown_global", `unknown world value "world.${second}".${didYouMean(second, ids.world)} Declared under world: ${listOf([...ids.world])}`, { exprOffset: offset2 });
    return;
  }
  if (head === "derived") {
    scope.derivedRefs?.add(second);
    if (!ids.derived.has(second))
      ck.report(path, "scenario/unknown_derived", `unknown derived value "derived.${second}".${didYouMean(second, ids.derived)} Declared under derived: ${listOf([...ids.derived])}`, { exprOffset: offset2 });
    return;
  }
  if (head === "param") return checkParam(ck, second, path, scope, offset2);
  if (bindings.includes(head) || ids.actors.has(head)) {
    checkBinding(ck, head, path, scope, at);
    if (!ids.indicators.has(second))
      ck.report(path, "scenario/unknown_indicator", unknownIndicator(ck, second), { exprOffset: offset2 });
    return;
  }
  ck.report(
    path,
    "scenario/unknown_actor",
    `unknown actor "${head}" in "${parts.join(".")}".${didYouMean(head, [...bindings, ...ids.actors, "world", "derived", "param"])} Use self, target, target2, an actor id (${listOf([...ids.actors])}), world, derived or param`,
    { exprOffset: at },
  );
}

/** The message for an indicator that is not declared. */
export function unknownIndicator(ck: Checker, name: string): string {
  const hint = ck.ids.world.has(name) ? ` "${name}" is a world value: write world.${name}.` : didYouMean(name, ck.ids.indicators);
  return `unknown indicator "${name}".${hint} Indicators: ${listOf([...ck.ids.indicators])}`;
}

/** param.<name> must be declared by the move it is used in. */
export function checkParam(ck: Checker, name: string, path: PathSegment[], scope: Scope, offset?: number): void {
  if (scope.paramsUnreadable) return;
  if (!scope.params) {
    ck.report(path, "scenario/unknown_param", `"param.${name}" cannot be used in ${scope.where}: it has no parameters`, { exprOffset: offset });
  } else if (!scope.params.has(name)) {
    const declared = [...scope.params];
    ck.report(
      path,
      "scenario/unknown_param",
      `unknown parameter "param.${name}": ${scope.where} ${declared.length ? `declares ${listOf(declared)}.${didYouMean(name, declared)}` : "declares no params"}`,
      { exprOffset: offset },
    );
  }
}

function checkCall(ck: Checker, n: Extract<ExprNode, { k: "call" }>, path: PathSegment[], scope: Scope): void {
  const spec = BUILTINS[n.fn] ?? DOMAIN_FUNCTIONS[n.fn];
  if (!spec) {
    ck.report(path, "scenario/unknown_function", `unknown function "${n.fn}".${didYouMean(n.fn, ALL_FUNCTIONS)} Functions: ${ALL_FUNCTIONS.join(", ")}`, {
      exprOffset: n.at,
    });
    return;
  }
  const [lo, hi] = spec.arity;
  if (n.args.length < lo || n.args.length > hi) {
    const wanted = lo === hi ? `${lo}` : `${lo} to ${hi}`;
    const doc = DOMAIN_FUNCTIONS[n.fn]?.doc;
    ck.report(
      path,
      "scenario/wrong_arity",
      `${n.fn}() takes ${wanted} argument${hi === 1 ? "" : "s"} but got ${n.args.length}${doc ? ` (${doc})` : ""}`,
      { exprOffset: n.at },
    );
  }
  const str = (i: number): { v: string; at: number } | undefined => {
    const a = n.args[i];
    return a?.k === "str" ? { v: a.v, at: a.at } : undefined;
  };
  const literal = (i: number, set: Set<string>, code: "scenario/unknown_move" | "scenario/unknown_event" | "scenario/unknown_mandate" | "scenario/unknown_sector", kind: string) => {
    const s = str(i);
    if (s && !set.has(s.v))
      ck.report(path, code, `unknown ${kind} "${s.v}" in ${n.fn}().${didYouMean(s.v, set)} Declared: ${listOf([...set])}`, { exprOffset: s.at + 1 });
  };
  if (n.fn === "moved" || n.fn === "doneThisTurn" || n.fn === "monthsSince") literal(1, ck.ids.moves, "scenario/unknown_move", "move");
  if (n.fn === "voted") {
    literal(1, ck.ids.moves, "scenario/unknown_move", "move");
    const mv = str(1);
    if (mv && ck.ids.moves.has(mv.v) && ck.scenario.moves[mv.v]?.accept !== "council")
      ck.report(path, "scenario/invalid_value", `voted() reads votes on council drafts, but "${mv.v}" is not one (it has accept: ${ck.scenario.moves[mv.v]?.accept})`, { exprOffset: mv.at + 1 });
    const kind = str(2);
    if (kind && !VOTE_KINDS.includes(kind.v))
      ck.report(path, "scenario/invalid_value", `"${kind.v}" is not a vote: use ${VOTE_KINDS.map((k) => `"${k}"`).join(", ")}.${didYouMean(kind.v, VOTE_KINDS)}`, { exprOffset: kind.at + 1 });
  }
  if (n.fn === "fired") literal(0, ck.ids.events, "scenario/unknown_event", "event");
  if (n.fn === "mandate") literal(0, ck.ids.mandates, "scenario/unknown_mandate", "mandate");
  if (n.fn === "sanctioned") literal(2, ck.ids.sectors, "scenario/unknown_sector", "sector");
  const paramArg = (i: number): string | undefined => {
    const a = n.args[i];
    return a?.k === "ref" && a.path.length === 2 && a.path[0] === "param" ? a.path[1] : undefined;
  };
  const sectorParam = n.fn === "sanctioned" ? paramArg(2) : undefined;
  if (sectorParam) checkParamChoices(ck, sectorParam, path, scope, "sector");
  for (const i of ACTOR_ARGS[n.fn] ?? []) {
    const p = paramArg(i);
    if (p) checkParamChoices(ck, p, path, scope, "actor");
    const s = str(i);
    if (s && !ck.ids.actors.has(s.v) && !(ACTOR_BINDINGS as readonly string[]).includes(s.v))
      ck.report(path, "scenario/unknown_actor", `unknown actor "${s.v}" in ${n.fn}().${ck.actorHint(s.v)} Actors: ${listOf([...ck.ids.actors])}`, {
        exprOffset: s.at + 1,
      });
  }
}

/**
 * A parameter used as an actor or a sector: each of its choices must be one, or the move would
 * fail in play when a player picks that choice.
 */
function checkParamChoices(ck: Checker, name: string, path: PathSegment[], scope: Scope, kind: "actor" | "sector"): void {
  const choices = scope.paramChoices?.[name];
  if (!choices) return;
  const valid = kind === "actor" ? ck.ids.actors : ck.ids.sectors;
  const bad = choices.filter((c) => !valid.has(String(c)));
  if (bad.length > 0)
    ck.report(
      path,
      kind === "actor" ? "scenario/unknown_actor" : "scenario/unknown_sector",
      `param.${name} is used as ${kind === "actor" ? "an actor" : "a sector"} here, but its choice${bad.length > 1 ? "s" : ""} ${bad.map((b) => `"${b}"`).join(", ")} ${bad.length > 1 ? "are not" : "is not"} ${kind === "actor" ? "an actor" : "a sector"}.${didYouMean(String(bad[0]), valid)} ${kind === "actor" ? "Actors" : "Sectors"}: ${listOf([...valid])}`,
    );
}

/** An actor reference in an effect: self, target, target2, param.<name> or an actor id. */
export function checkActorRef(ck: Checker, ref: string, path: PathSegment[], scope: Scope): void {
  if ((ACTOR_BINDINGS as readonly string[]).includes(ref)) return checkBinding(ck, ref, path, scope);
  if (ref.startsWith("param.")) {
    const name = ref.slice("param.".length);
    checkParam(ck, name, path, scope);
    return checkParamChoices(ck, name, path, scope, "actor");
  }
  if (ck.ids.actors.has(ref)) return;
  ck.report(
    path,
    "scenario/unknown_actor",
    `unknown actor "${ref}".${ck.actorHint(ref, ACTOR_BINDINGS)} Use self, target, target2, other (inside forEach), param.<name> or an actor id: ${listOf([...ck.ids.actors])}`,
  );
}

/** A sector in a sanction effect: a declared sector or param.<name>. */
export function checkSector(ck: Checker, sector: string, path: PathSegment[], scope: Scope): void {
  if (sector.startsWith("param.")) {
    const name = sector.slice("param.".length);
    checkParam(ck, name, path, scope);
    return checkParamChoices(ck, name, path, scope, "sector");
  }
  if (!ck.ids.sectors.has(sector))
    ck.report(path, "scenario/unknown_sector", `unknown sector "${sector}".${didYouMean(sector, ck.ids.sectors)} Sectors: ${listOf([...ck.ids.sectors])}`);
}
