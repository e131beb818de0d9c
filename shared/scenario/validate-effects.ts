// Static checks of effect lists: every actor, indicator, sector and mandate they touch exists,
// and every amount or condition is a valid formula.
import { EFFECT_PATH } from "../expr/vocabulary.ts";
import type { Effect } from "./schema.ts";
import type { PathSegment } from "./errors.ts";
import type { Checker, Scope } from "./validate-context.ts";
import { checkActorRef, checkExpr, checkParam, checkSector, unknownIndicator } from "./validate-expr.ts";
import { didYouMean, listOf } from "./suggest.ts";
import { ACTOR_BINDINGS } from "../expr/vocabulary.ts";

type Amounts = { by?: string | number; times?: string | number; to?: string | number };

function checkAmounts(ck: Checker, e: Amounts, path: PathSegment[], scope: Scope, kind: string): void {
  // An amount left out for its own error (a list where a number goes) is still an amount.
  if (e.by === undefined && e.times === undefined && e.to === undefined && !["by", "times", "to"].some((f) => ck.unsure(...path, f)))
    ck.report(path, "scenario/no_amount", `this ${kind} effect changes nothing: give it "by", "times" or "to"`, { at: "key" });
  checkExpr(ck, e.by, [...path, "by"], scope);
  checkExpr(ck, e.times, [...path, "times"], scope);
  checkExpr(ck, e.to, [...path, "to"], scope);
}

/** Checks every effect of a list (and the lists nested in if/chance). */
export function checkEffects(ck: Checker, effects: readonly Effect[] | undefined, path: PathSegment[], scope: Scope): void {
  effects?.forEach((e, i) => checkEffect(ck, e, [...path, i], scope));
}

function checkEffect(ck: Checker, e: Effect, path: PathSegment[], scope: Scope): void {
  if ("change" in e) {
    checkChangePath(ck, e.change, [...path, "change"], scope);
    checkAmounts(ck, e, path, scope, "change");
  } else if ("relation" in e) {
    e.relation.forEach((r, j) => checkActorRef(ck, r, [...path, "relation", j], scope));
    checkExpr(ck, e.by, [...path, "by"], scope);
  } else if ("trade" in e) {
    e.trade.forEach((r, j) => checkActorRef(ck, r, [...path, "trade", j], scope));
    checkAmounts(ck, e, path, scope, "trade");
  } else if ("influence" in e) {
    checkActorRef(ck, e.influence.over, [...path, "influence", "over"], scope);
    checkActorRef(ck, e.influence.by, [...path, "influence", "by"], scope);
    checkAmounts(ck, e, path, scope, "influence");
  } else if ("sanction" in e) {
    checkActorRef(ck, e.sanction.by, [...path, "sanction", "by"], scope);
    checkActorRef(ck, e.sanction.on, [...path, "sanction", "on"], scope);
    checkSector(ck, e.sanction.sector, [...path, "sanction", "sector"], scope);
    checkExpr(ck, e.enforcement, [...path, "enforcement"], scope);
  } else if ("enforce" in e) {
    checkActorRef(ck, e.enforce.by, [...path, "enforce", "by"], scope);
    checkActorRef(ck, e.enforce.on, [...path, "enforce", "on"], scope);
    checkSector(ck, e.enforce.sector, [...path, "enforce", "sector"], scope);
    checkExpr(ck, e.by, [...path, "by"], scope);
  } else if ("treaty" in e) {
    e.treaty.parties.forEach((r, j) => checkActorRef(ck, r, [...path, "treaty", "parties", j], scope));
  } else if ("mandate" in e) {
    if (!ck.ids.mandates.has(e.mandate))
      ck.report([...path, "mandate"], "scenario/unknown_mandate", `unknown council mandate "${e.mandate}".${didYouMean(e.mandate, ck.ids.mandates)} Declared under council.mandates: ${listOf([...ck.ids.mandates])}`);
  } else if ("news" in e) {
    checkTemplate(ck, e.news, [...path, "news"], scope);
  } else if ("if" in e) {
    checkExpr(ck, e.if, [...path, "if"], scope);
    checkEffects(ck, e.then, [...path, "then"], scope);
    checkEffects(ck, e.else, [...path, "else"], scope);
  } else if ("forEach" in e) {
    const inner: Scope = { ...scope, otherBound: true };
    checkExpr(ck, e.where, [...path, "where"], inner);
    checkEffects(ck, e.effects, [...path, "effects"], inner);
  } else {
    checkExpr(ck, e.chance, [...path, "chance"], scope);
    checkEffects(ck, e.then, [...path, "then"], scope);
    checkEffects(ck, e.else, [...path, "else"], scope);
  }
}

/** "<actor ref>.<indicator>" or "world.<global>". */
function checkChangePath(ck: Checker, target: string, path: PathSegment[], scope: Scope): void {
  const m = EFFECT_PATH.exec(target);
  if (!m) {
    ck.report(path, "scenario/bad_path", `"${target}" is not something a change can target: write <actor>.<indicator> (e.g. self.stability, PRK.weapons) or world.<name>`);
    return;
  }
  const [, head = "", name = ""] = m;
  const nameOffset = head.length + 1;
  if (head === "world") {
    if (!ck.ids.world.has(name))
      ck.report(path, "scenario/unknown_global", `unknown world value "world.${name}".${didYouMean(name, ck.ids.world)} Declared under world: ${listOf([...ck.ids.world])}`, { exprOffset: nameOffset });
    return;
  }
  if (head === "derived") {
    ck.report(path, "scenario/bad_path", `derived.${name} is computed from its formula and cannot be changed: change what it is computed from`);
    return;
  }
  if (head === "param") {
    checkParam(ck, name, path, scope);
    return;
  }
  if ((ACTOR_BINDINGS as readonly string[]).includes(head)) checkActorRef(ck, head, path, scope);
  else if (!ck.ids.actors.has(head)) {
    ck.report(path, "scenario/unknown_actor", `unknown actor "${head}" in "${target}".${ck.actorHint(head, [...ACTOR_BINDINGS, "world"])} Use self, target, target2, world or an actor id: ${listOf([...ck.ids.actors])}`, { exprOffset: 0 });
    return;
  }
  if (!ck.ids.indicators.has(name)) ck.report(path, "scenario/unknown_indicator", unknownIndicator(ck, name), { exprOffset: nameOffset });
}

const PLACEHOLDER = /\{([^{}]*)\}/g;

/** Headline and briefing templates: {self}, {target}, {target2}, {other}, {param.x}. */
export function checkTemplate(ck: Checker, text: string | undefined, path: PathSegment[], scope: Scope): void {
  if (!text) return;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const inner = (m[1] ?? "").trim();
    const offset = (m.index ?? 0) + 1;
    if (inner.startsWith("param.")) checkParam(ck, inner.slice(6), path, scope, offset);
    else if (inner === "target" || inner === "target2" || inner === "other") checkActorRef(ck, inner, path, scope);
    else if (inner !== "self")
      ck.report(
        path,
        "scenario/unknown_name",
        `unknown placeholder "{${inner}}": only {self}, {target}, {target2}, {other} and {param.<name>} are filled in${ck.ids.actors.has(inner) ? `; write ${inner}'s name as plain text` : ""}`,
        { exprOffset: offset },
      );
  }
}
