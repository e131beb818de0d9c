// Effects, compiled once into closures that run in a Ctx: change an indicator, add an opinion
// modifier, shock trade, shift leverage, impose/lift/enforce sanctions, sign/end treaties, set a
// council mandate, write news, branch on a condition or on the seeded dice, or repeat effects for
// every actor that matches a condition (forEach, with `other` bound to each).
import type { NameCompiler } from "../expr/compile.ts";
import type { Effect, Scenario } from "../scenario/schema.ts";
import { bindingOf, type Ctx } from "./env.ts";
import { compileFormula, evalBool, evalNum } from "./formula.ts";
import { nextFloat } from "./rng.ts";
import { pairKey } from "./state-read.ts";
import { fillText } from "./text.ts";
import type { ActorId, GameState, ModifierCause, ReportEntry, Source } from "./types.ts";

export type CEffect = (ctx: Ctx) => void;
type ActorFn = (ctx: Ctx) => string;

/** What compiling effects needs: the formula vocabulary, the scenario (for text) and actor lists. */
export interface EffectCompiler {
  names: NameCompiler<Ctx>;
  scenario: Scenario;
  actorIds: readonly ActorId[];
  seats: readonly ActorId[];
  council: readonly ActorId[];
}

/** Compiles a list of effects found at `where` in the scenario. */
export function compileEffects(ec: EffectCompiler, list: readonly Effect[] | undefined, where: string): CEffect[] {
  return (list ?? []).map((e, i) => compileEffect(ec, e, `${where}[${i}]`));
}

/** Runs compiled effects in order. */
export function runEffects(effects: readonly CEffect[], ctx: Ctx): void {
  for (let i = 0; i < effects.length; i++) effects[i]!(ctx);
}

/** "self" | "target" | "target2" | "other" | "param.<name>" | a literal actor id. */
export function compileActorRef(ref: string): ActorFn {
  if (ref.startsWith("param.")) {
    const name = ref.slice(6);
    return (c) => String(c.params[name] ?? "");
  }
  return bindingOf(ref);
}

type Amount = (ctx: Ctx, old: number) => number;

function compileAmount(ec: EffectCompiler, e: { by?: string | number; times?: string | number; to?: string | number }, where: string): Amount {
  const to = e.to !== undefined ? compileFormula(e.to, `${where}.to`, ec.names) : null;
  const times = e.times !== undefined ? compileFormula(e.times, `${where}.times`, ec.names) : null;
  const by = e.by !== undefined ? compileFormula(e.by, `${where}.by`, ec.names) : null;
  // Order: set, then multiply, then add; most effects use one of the three.
  return (ctx, old) => {
    let v = old;
    if (to) v = evalNum(to, ctx);
    if (times) v *= evalNum(times, ctx);
    if (by) v += evalNum(by, ctx);
    return v;
  };
}

const stateOf = (ctx: Ctx): GameState => ctx.w!.st;

function compileEffect(ec: EffectCompiler, e: Effect, where: string): CEffect {
  const formula = (src: string | number | boolean, at: string) => compileFormula(src, `${where}.${at}`, ec.names);
  if ("change" in e) {
    const [head, id] = e.change.split(".") as [string, string];
    const amount = compileAmount(ec, e, where);
    const because = e.because;
    if (head === "world") {
      return (ctx) => ctx.w!.world(id, amount(ctx, stateOf(ctx).world[id] ?? 0), ctx.src, because);
    }
    const who = compileActorRef(head);
    return (ctx) => {
      const actor = who(ctx);
      const rec = stateOf(ctx).actors[actor];
      if (rec) ctx.w!.indicator(actor, id, amount(ctx, rec[id] ?? 0), ctx.src, because);
    };
  }
  if ("relation" in e) {
    const a = compileActorRef(e.relation[0]);
    const b = compileActorRef(e.relation[1]);
    const by = formula(e.by, "by");
    const { fades, label } = e;
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      if (!x || !y || x === y) return;
      const src = ctx.src;
      ctx.w!.modifier(
        pairKey(x, y),
        { label, value: evalNum(by, ctx), fades, cause: modifierCause(ctx), turn: ctx.st.turn },
        src,
      );
    };
  }
  if ("trade" in e) {
    const a = compileActorRef(e.trade[0]);
    const b = compileActorRef(e.trade[1]);
    const amount = compileAmount(ec, e, where);
    const because = e.because;
    return (ctx) => {
      const x = a(ctx);
      const y = b(ctx);
      if (!x || !y || x === y) return;
      const key = pairKey(x, y);
      ctx.w!.trade(key, Math.max(0, amount(ctx, stateOf(ctx).trade[key] ?? 0)), ctx.src, because);
    };
  }
  if ("influence" in e) {
    const over = compileActorRef(e.influence.over);
    const by = compileActorRef(e.influence.by);
    const amount = compileAmount(ec, e, where);
    const because = e.because;
    return (ctx) => {
      const o = over(ctx);
      const b = by(ctx);
      if (!o || !b || o === b) return;
      const old = stateOf(ctx).influence[o]?.[b] ?? 0;
      ctx.w!.influence(o, b, Math.max(0, amount(ctx, old)), ctx.src, because);
    };
  }
  if ("sanction" in e) {
    const by = compileActorRef(e.sanction.by);
    const on = compileActorRef(e.sanction.on);
    const sector = e.sanction.sector;
    const sectorRef = sector.startsWith("param.") ? compileActorRef(sector) : () => sector;
    const enforcement = e.enforcement !== undefined ? formula(e.enforcement, "enforcement") : null;
    const { action, un } = e;
    return (ctx) => {
      const b = by(ctx);
      const o = on(ctx);
      const s = sectorRef(ctx);
      if (!b || !o || b === o) return;
      const st = stateOf(ctx);
      const i = st.sanctions.findIndex((x) => x.by === b && x.on === o && x.sector === s);
      const next = st.sanctions.slice();
      if (action === "lift") {
        if (i < 0) return;
        next.splice(i, 1);
      } else {
        const level = clamp01(enforcement ? evalNum(enforcement, ctx) : 1);
        if (i >= 0) next[i] = { ...next[i]!, enforcement: level, un: un ?? next[i]!.un };
        else next.push({ by: b, on: o, sector: s, enforcement: level, un: un ?? false, since: st.turn });
      }
      ctx.w!.sanctions(next);
    };
  }
  if ("enforce" in e) {
    const by = compileActorRef(e.enforce.by);
    const on = compileActorRef(e.enforce.on);
    const sector = e.enforce.sector;
    const sectorRef = sector.startsWith("param.") ? compileActorRef(sector) : () => sector;
    const delta = formula(e.by, "by");
    return (ctx) => {
      const b = by(ctx);
      const o = on(ctx);
      const s = sectorRef(ctx);
      const st = stateOf(ctx);
      const i = st.sanctions.findIndex((x) => x.by === b && x.on === o && x.sector === s);
      if (i < 0) return; // nothing to enforce
      const next = st.sanctions.slice();
      next[i] = { ...next[i]!, enforcement: clamp01(next[i]!.enforcement + evalNum(delta, ctx)) };
      ctx.w!.sanctions(next);
    };
  }
  if ("treaty" in e) {
    const parties = e.treaty.parties.map(compileActorRef);
    const { kind, name } = e.treaty;
    const { action } = e;
    return (ctx) => {
      const ids = parties.map((p) => p(ctx));
      if (ids.some((x) => !x) || new Set(ids).size !== ids.length) return;
      const st = stateOf(ctx);
      if (action === "sign") {
        if (st.treaties.some((t) => covers(t, kind, ids) && t.parties.length === ids.length)) return;
        ctx.w!.treaties([...st.treaties, { kind, name: name ?? kind, parties: ids, since: st.turn }]);
      } else {
        if (!st.treaties.some((t) => covers(t, kind, ids))) return;
        ctx.w!.treaties(st.treaties.filter((t) => !covers(t, kind, ids)));
      }
    };
  }
  if ("mandate" in e) {
    const { mandate, active } = e;
    return (ctx) => ctx.w!.mandate(mandate, active);
  }
  if ("news" in e) {
    const template = e.news;
    const scenario = ec.scenario;
    return (ctx) => {
      const src = ctx.src;
      if (!src?.entries) return;
      const headline = fillText(scenario, template, ctx.self, ctx.target, ctx.target2, ctx.params, src.id, ctx.other);
      // An event's or option's first news line heads its own story (the event's title and text, the
      // option's choice): a second story would print the same thing twice.
      if (src.entry && !src.headlined) {
        src.entry.headline = headline;
        src.headlined = true;
        return;
      }
      const entry: ReportEntry = { kind: src.entryKind, id: src.id, headline, visibility: src.visibility };
      if (src.actor !== undefined) entry.actor = src.actor;
      if (src.covertId !== undefined) {
        entry.covert = true;
        entry.covertId = src.covertId;
      }
      src.entries.push(entry);
    };
  }
  if ("if" in e) {
    const cond = formula(e.if, "if");
    const then = compileEffects(ec, e.then, `${where}.then`);
    const otherwise = compileEffects(ec, e.else, `${where}.else`);
    return (ctx) => runEffects(evalBool(cond, ctx) ? then : otherwise, ctx);
  }
  if ("forEach" in e) {
    // Third parties react: each actor of the group (in scenario order) for whom `where` holds.
    const group = e.forEach === "seats" ? ec.seats : e.forEach === "council" ? ec.council : ec.actorIds;
    const cond = e.where !== undefined ? formula(e.where, "where") : null;
    const body = compileEffects(ec, e.effects, `${where}.effects`);
    return (ctx) => {
      for (const a of group) {
        const inner = ctx.withOther(a);
        if (!cond || evalBool(cond, inner)) runEffects(body, inner);
      }
    };
  }
  const p = formula(e.chance, "chance");
  const then = compileEffects(ec, e.then, `${where}.then`);
  const otherwise = compileEffects(ec, e.else, `${where}.else`);
  return (ctx) => {
    const chance = evalNum(p, ctx);
    const hit = chance >= 1 ? true : chance <= 0 ? false : nextFloat(stateOf(ctx).rng) < chance;
    runEffects(hit ? then : otherwise, ctx);
  };
}

/** Whether a treaty of this kind binds every one of these parties. */
function covers(t: { kind: string; parties: string[] }, kind: string, ids: readonly string[]): boolean {
  return t.kind === kind && ids.every((x) => t.parties.includes(x));
}

// Where a modifier came from, and who may know: a covert one is tagged so views hide it until it
// is exposed; one from a private source (a refused deal) names who may know.
function modifierCause(ctx: Ctx): ModifierCause {
  const src = ctx.src;
  if (!src) return RULE_CAUSE;
  // A source's fields never change, so its cause is built once and shared by its modifiers.
  return (src.cause ??= causeOf(src));
}

const RULE_CAUSE: ModifierCause = { kind: "rule", id: "rule" };

function causeOf(src: Source): ModifierCause {
  const cause: ModifierCause = { kind: src.kind, id: src.id };
  if (src.actor !== undefined) cause.actor = src.actor;
  if (src.covertId !== undefined) cause.covertId = src.covertId;
  else if (src.visibility !== "public") cause.seats = [...src.visibility.seats];
  return cause;
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

