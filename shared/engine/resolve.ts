// Resolving a turn, in the documented order (docs/rules.md):
//  1 deals  2 orders by category  3 council drafts  4 covert discovery  5 pending event choices
//  6 dynamics  7 opinion modifiers fade  8 events  9 limits, history, scores, next turn.
import { councilVotes, tally } from "./council.ts";
import { runEffects } from "./effects.ts";
import { Ctx, type Source } from "./env.ts";
import { checkEvents, resolvePending } from "./events.ts";
import { Recorder } from "./explain.ts";
import { evalBool, evalNum } from "./formula.ts";
import { roll } from "./rng.ts";
import type { CDynamic, Compiled } from "./rules.ts";
import { historyPoint, workingCopy } from "./state.ts";
import { turnDate } from "./state-read.ts";
import { exposedHeadline } from "./text.ts";
import { orderCtx, orderEntry, source, type TurnContext } from "./turn-context.ts";
import type { ActorId, GameState, OpinionModifier, Order, TurnReport, Visibility } from "./types.ts";
import { Writer } from "./writer.ts";

/** The order in which categories of orders take effect. */
export const CATEGORY_ORDER = ["alignment", "trade", "sanctions", "security", "council"] as const;

/** Resolves the current turn. Throws only a RuleError (a formula gave NaN/Infinity). */
export function resolveCompiled(c: Compiled, input: GameState): { state: GameState; report: TurnReport } {
  const date = turnDate(c.scenario.start, c.scenario.turns.length, input.turn);
  if (input.phase === "over") return { state: input, report: { turn: input.turn, date, entries: [], explanations: [] } };
  const st = workingCopy(input);
  const w = new Writer(st, c.actorIds);
  const rec = new Recorder();
  if (st.injected) rec.seed(st.injected.explanations);
  w.rec = rec;
  const moved: Record<ActorId, string[]> = {};
  for (const a of c.actorIds) moved[a] = [];
  const t: TurnContext = { c, st, w, entries: [...(st.injected?.entries ?? [])], moved };

  resolveDeals(t);
  resolveOrders(t);
  resolveCouncil(t);
  // From here on moved() sees this turn's moves: dynamics and event triggers react to them.
  st.lastMoves = moved;
  discoverCovert(t);
  resolvePending(t);
  runDynamics(t);
  fadeModifiers(t);
  checkEvents(t);
  clampAll(t);

  const report: TurnReport = { turn: st.turn, date, entries: t.entries, explanations: rec.finish() };
  st.history = [...input.history, historyPoint(c, st, st.turn)];
  st.reports = [...input.reports, report];
  const orders: GameState["orders"] = {};
  const locked: GameState["locked"] = {};
  for (const seat of c.seats) {
    orders[seat] = [];
    locked[seat] = false;
  }
  st.orders = orders;
  st.locked = locked;
  st.proposals = [];
  delete st.injected;
  st.turn += 1;
  if (st.turn > c.turns) st.phase = "over";
  return { state: st, report };
}

/** Step 1: accepted deals take effect; rejected or unanswered ones apply their onReject. */
function resolveDeals(t: TurnContext): void {
  const { c, st } = t;
  for (const p of st.proposals) {
    if (p.kind !== "deal") continue;
    const m = c.moves[p.order.move];
    if (!m) continue;
    const accepted = p.answers[p.to[0]!] === "accept";
    const privately: Visibility = { seats: [p.from, ...p.to] };
    const visibility: Visibility = accepted && m.def.visibility === "public" ? "public" : privately;
    const entry = orderEntry(c, "deal", p.from, p.order, visibility);
    entry.outcome = accepted ? "accepted" : "rejected";
    t.entries.push(entry);
    const src = source(t, "proposal", m.id, m.def.name, "deal", p.from, visibility);
    runEffects(accepted ? m.effects : m.onReject, orderCtx(t, p.from, p.order, src));
    if (accepted) t.moved[p.from]!.push(m.id);
  }
}

/** Step 2: every seat's orders, grouped by category, then seat order, then order index. */
function resolveOrders(t: TurnContext): void {
  const { c, st } = t;
  for (const category of CATEGORY_ORDER) {
    for (const seat of c.seats) {
      for (const order of st.orders[seat] ?? []) {
        const m = c.moves[order.move];
        if (!m || m.def.category !== category) continue;
        applyOrder(t, seat, order);
      }
    }
  }
}

function applyOrder(t: TurnContext, seat: ActorId, order: Order): void {
  const { c, st } = t;
  const m = c.moves[order.move]!;
  let visibility: Visibility = "public";
  let covertId: string | undefined;
  if (m.def.visibility === "covert") {
    // Numbered per author, so an id never hints at how many secret actions others took.
    const mine = st.covert.filter((x) => x.by === seat && x.turn === st.turn).length;
    covertId = `c${st.turn}-${seat}-${mine + 1}`;
    visibility = { seats: [seat] };
    st.covert = [...st.covert, { id: covertId, turn: st.turn, by: seat, order: { ...order } }];
  }
  const entry = orderEntry(c, "move", seat, order, visibility);
  if (covertId !== undefined) {
    entry.covert = true;
    entry.covertId = covertId;
  }
  t.entries.push(entry);
  const src = source(t, "move", m.id, m.def.name, "move", seat, visibility, covertId);
  runEffects(m.effects, orderCtx(t, seat, order, src));
  t.moved[seat]!.push(m.id);
}

/** Step 3: council drafts are voted on, in the order they were tabled. */
function resolveCouncil(t: TurnContext): void {
  const { c, st } = t;
  for (const p of st.proposals) {
    if (p.kind !== "council") continue;
    const m = c.moves[p.order.move];
    if (!m) continue;
    const votes = councilVotes(c, st, p);
    const outcome = tally(c, votes);
    const entry = orderEntry(c, "council", p.from, p.order, "public");
    entry.outcome = outcome;
    entry.votes = votes;
    t.entries.push(entry);
    const src = source(t, "council", m.id, m.def.name, "council", p.from);
    runEffects(outcome === "passed" ? m.effects : m.onFail, orderCtx(t, p.from, p.order, src));
    t.moved[p.from]!.push(m.id);
  }
}

/** Step 4: each covert action still secret rolls its discovery chance. */
function discoverCovert(t: TurnContext): void {
  const { c, st } = t;
  const list = st.covert;
  for (let i = 0; i < list.length; i++) {
    const a = list[i]!;
    if (a.discovered !== undefined) continue;
    const m = c.moves[a.order.move];
    if (!m?.discovery) continue;
    const ctx = new Ctx(c, st, null, a.by, a.order.target ?? "", a.order.target2 ?? "", a.order.params);
    if (!roll(st.rng, evalNum(m.discovery, ctx))) continue;
    st.covert = st.covert.map((x) => (x.id === a.id ? { ...x, discovered: st.turn } : x));
    const entry = orderEntry(c, "discovery", a.by, a.order, "public");
    entry.headline = exposedHeadline(entry.headline);
    entry.covertId = a.id;
    t.entries.push(entry);
    const src = source(t, "discovery", m.id, `${m.def.name} exposed`, "discovery", a.by);
    runEffects(m.onDiscovered, orderCtx(t, a.by, a.order, src));
  }
}

/** Step 6: dynamics in scenario order, each over its bindings. */
function runDynamics(t: TurnContext): void {
  const { c, st } = t;
  for (const d of c.dynamics) {
    switch (d.each) {
      case "world":
        runDynamic(t, d, "", "", {});
        break;
      case "actor":
        for (const a of c.actorIds) runDynamic(t, d, a, "", {});
        break;
      case "sanction":
        for (const s of st.sanctions.slice()) runDynamic(t, d, s.by, s.on, { sector: s.sector });
        break;
      case "pair":
        for (const [a, b, key] of c.pairs) if ((st.trade[key] ?? 0) > 0) runDynamic(t, d, a, b, {});
        break;
    }
  }
}

function runDynamic(t: TurnContext, d: CDynamic, self: ActorId, target: ActorId, params: Record<string, string>): void {
  // One source per dynamic and actor for the whole turn: the recorder keys causes by the source,
  // so reusing it spares building that key again for every binding.
  const bySelf = ((t.dynamicSources ??= new Map()).get(d) ?? new Map<ActorId, Source>()) as Map<ActorId, Source>;
  if (bySelf.size === 0) t.dynamicSources.set(d, bySelf);
  let src = bySelf.get(self);
  if (!src) {
    src = source(t, "dynamic", d.id, d.label, "dynamic", self);
    bySelf.set(self, src);
  }
  const ctx = new Ctx(t.c, t.st, t.w, self, target, "", params, src);
  if (evalBool(d.when, ctx)) runEffects(d.effects, ctx);
}

/** Step 7: opinion modifiers older than this turn keep `fades` of themselves; tiny ones vanish. */
function fadeModifiers(t: TurnContext): void {
  const { c, st, w } = t;
  for (const key of c.pairKeys) {
    const rel = st.relations[key];
    if (!rel || rel.modifiers.length === 0) continue;
    const modifiers: OpinionModifier[] = [];
    // Each fading step's source and change, in reusable lists: every relation with modifiers
    // passes through here every turn, so per-step objects would be pure garbage.
    let n = 0;
    for (const m of rel.modifiers) {
      if (m.turn === st.turn) {
        modifiers.push(m);
        continue;
      }
      const value = m.value * m.fades;
      const kept = Math.abs(value) >= 0.5;
      // Same fields in the same order as a new modifier; the old one is shared with the input state.
      if (kept) modifiers.push({ label: m.label, value, fades: m.fades, cause: m.cause, turn: m.turn });
      stepSources[n] = modifierSource(t, m.cause, m.label);
      stepDeltas[n] = (kept ? value : 0) - m.value;
      n++;
    }
    if (n > 0) w.relationSteps(key, { base: rel.base, modifiers }, stepSources, stepDeltas, n);
  }
  stepSources.length = 0;
}

// Fading steps of one relation (the engine runs on one thread; emptied after each turn's fading).
const stepSources: Source[] = [];
const stepDeltas: number[] = [];

// Labels are reused turn after turn; building "<label> (fading)" once keeps the recorder's lookups cheap.
const fadingLabels = new Map<string, string>();
function fadingLabel(label: string): string {
  let text = fadingLabels.get(label);
  if (text === undefined) {
    text = `${label} (fading)`;
    fadingLabels.set(label, text);
  }
  return text;
}

function modifierSource(t: TurnContext, cause: string, label: string): Source {
  const fading = (t.fading ??= new Map());
  let byLabel = fading.get(cause);
  if (!byLabel) {
    byLabel = new Map();
    fading.set(cause, byLabel);
  }
  let src = byLabel.get(label);
  if (src) return src;
  const text = fadingLabel(label);
  // Modifiers from covert moves ("covert:<id>:<author>") and private deals ("private:<seats>:...")
  // fade as secretly as they were made.
  if (cause.startsWith("covert:")) {
    const [, id, author] = cause.split(":") as [string, string, string];
    src = source(t, "modifier", cause, text, "dynamic", author, { seats: [author] }, id);
  } else if (cause.startsWith("private:")) {
    const seats = cause.split(":")[1]!.split(",");
    src = source(t, "modifier", cause, text, "dynamic", undefined, { seats });
  } else src = source(t, "modifier", cause, text, "dynamic");
  byLabel.set(label, src);
  return src;
}

/** Step 9: indicators and world values are held within their min/max. */
function clampAll(t: TurnContext): void {
  const { c, st, w } = t;
  const s = c.scenario;
  for (const ind of c.indicatorIds) {
    const { min, max } = s.indicators[ind]!;
    if (min === undefined && max === undefined) continue;
    const src = source(t, "limit", ind, `${s.indicators[ind]!.label} held within its limits`, "dynamic");
    for (const a of c.actorIds) {
      const v = st.actors[a]![ind]!;
      const clamped = clamp(v, min, max);
      if (clamped !== v) w.indicator(a, ind, clamped, src);
    }
  }
  for (const g of c.worldIds) {
    const { min, max, label } = s.world[g]!;
    const v = st.world[g]!;
    const clamped = clamp(v, min, max);
    if (clamped !== v) w.world(g, clamped, source(t, "limit", g, `${label} held within its limits`, "dynamic"));
  }
}

const clamp = (v: number, min?: number, max?: number): number =>
  min !== undefined && v < min ? min : max !== undefined && v > max ? max : v;

