// Resolving a turn, in the documented order (docs/rules.md):
// The control cell's ruling on a deal or draft (Proposal.ruling) decides its outcome in steps 1 and 3.
//  1 deals  2 orders by category  3 council drafts (and per-vote effects)  4 covert discovery
//  5 pending event choices  6 dynamics  7 opinion modifiers fade  8 events  9 limits, next turn.
// An order, accepted deal or draft whose `requires` no longer holds when its turn comes lapses.
import { castVotes, councilVotes, tally, type Outcome } from "./council.ts";
import { runEffects } from "./effects.ts";
import { Ctx } from "./env.ts";
import { checkEvents, resolvePending } from "./events.ts";
import { Recorder } from "./explain.ts";
import { evalBool, evalNum } from "./formula.ts";
import { roll } from "./rng.ts";
import type { CDynamic, CMove, Compiled } from "./rules.ts";
import { workingCopy } from "./state.ts";
import { finalTurn, turnDate } from "./state-read.ts";
import { exposedHeadline, exposedLabel, rulingEntryId, rulingHeadline, rulingText } from "./text.ts";
import { orderCtx, orderEntry, source, type TurnContext } from "./turn-context.ts";
import type { ActorId, CastVote, GameState, ModifierCause, OpinionModifier, Order, Proposal, ReportEntry, Source, TurnReport, Visibility } from "./types.ts";
import { Writer } from "./writer.ts";

/** The order in which categories of orders take effect. */
export const CATEGORY_ORDER = ["alignment", "trade", "sanctions", "security", "council"] as const;

export interface ResolveOptions {
  /**
   * Record "why did this change" explanations (default true). Simulations turn it off: the
   * outcome is byte-identical, only the report's explanations are left empty.
   */
  explain?: boolean;
}

/** Resolves the current turn. Throws only a RuleError (a formula gave NaN/Infinity). */
export function resolveCompiled(c: Compiled, input: GameState, opts: ResolveOptions = {}): { state: GameState; report: TurnReport } {
  const date = turnDate(c.scenario.start, c.scenario.turns.length, input.turn);
  if (input.phase === "over") return { state: input, report: { turn: input.turn, date, entries: [], explanations: [] } };
  const st = workingCopy(input);
  const w = new Writer(st, c.actorIds);
  const rec = opts.explain === false ? null : new Recorder();
  if (rec && st.injected) rec.seed(st.injected.explanations);
  w.rec = rec;
  const moved: Record<ActorId, string[]> = {};
  for (const a of c.actorIds) moved[a] = [];
  const t: TurnContext = { c, st, w, entries: [...(st.injected?.entries ?? [])], moved, votes: {} };

  resolveDeals(t);
  resolveOrders(t);
  resolveCouncil(t);
  // From here on moved() and voted() see this turn: dynamics and event triggers react to them.
  st.lastMoves = moved;
  st.lastDone = withDone(st.lastDone, moved, st.turn);
  st.lastVotes = t.votes;
  discoverCovert(t);
  resolvePending(t);
  runDynamics(t);
  fadeModifiers(t);
  checkEvents(t);
  clampAll(t);

  const report: TurnReport = { turn: st.turn, date, entries: t.entries, explanations: rec ? rec.finish() : [] };
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
  if (st.turn > finalTurn(c.turns, st)) st.phase = "over";
  return { state: st, report };
}

/** The turn each actor last carried out each move, with this turn's moves (copied only where they changed). */
function withDone(before: GameState["lastDone"], moved: Record<ActorId, string[]>, turn: number): NonNullable<GameState["lastDone"]> {
  const after = { ...before };
  for (const [actor, moves] of Object.entries(moved)) {
    if (moves.length === 0) continue;
    const done = { ...after[actor] };
    for (const m of moves) done[m] = turn;
    after[actor] = done;
  }
  return after;
}

/**
 * The reason an order no longer stands when its turn comes (its first failing `requires`), or
 * undefined. Requirements are checked when an order is given and again here, so an earlier order
 * of the same resolution (the same once-only draft tabled twice) can make it lapse.
 */
function lapseReason(t: TurnContext, m: CMove, self: ActorId, order: Order): string | undefined {
  if (m.requires.length === 0) return undefined;
  // doneThisTurn() reads the moves carried out so far in this resolution.
  const ctx = new Ctx(t.c, { ...t.st, thisTurn: t.moved }, null, self, order.target ?? "", order.target2 ?? "", order.params);
  for (const r of m.requires) if (!evalBool(r.when, ctx)) return r.otherwise;
  return undefined;
}

/** A report entry for an order, deal or draft that lapsed: nothing of it takes effect. */
function lapsedEntry(t: TurnContext, kind: ReportEntry["kind"], self: ActorId, order: Order, visibility: Visibility, why: string): void {
  const entry = orderEntry(t.c, kind, self, order, visibility);
  entry.outcome = "lapsed";
  entry.text = why;
  t.entries.push(entry);
}

/**
 * The control cell's ruling on a proposal, as a news item right after the proposal's own, seen by
 * whoever may see that proposal's outcome.
 */
function rulingEntry(t: TurnContext, p: Proposal, visibility: Visibility): void {
  if (!p.ruling) return;
  t.entries.push({ kind: "inject", id: rulingEntryId(p.id), actor: p.from, headline: rulingHeadline(t.c.scenario, p, p.ruling.outcome), text: rulingText(p.ruling.reason), visibility });
}

/** Step 1: accepted deals take effect; rejected or unanswered ones apply their onReject. */
function resolveDeals(t: TurnContext): void {
  const { c, st } = t;
  for (const p of st.proposals) {
    if (p.kind !== "deal") continue;
    const m = c.moves[p.order.move];
    if (!m) continue;
    const accepted = p.ruling ? p.ruling.outcome === "accepted" : p.answers[p.to[0]!] === "accept";
    const privately: Visibility = { seats: [p.from, ...p.to] };
    const visibility: Visibility = accepted && m.def.visibility === "public" ? "public" : privately;
    const why = accepted ? lapseReason(t, m, p.from, p.order) : undefined;
    if (why !== undefined) {
      lapsedEntry(t, "deal", p.from, p.order, visibility, why);
      rulingEntry(t, p, visibility);
      continue;
    }
    const entry = orderEntry(c, "deal", p.from, p.order, visibility);
    entry.outcome = accepted ? "accepted" : "rejected";
    t.entries.push(entry);
    rulingEntry(t, p, visibility);
    const src = source(t, "proposal", m.id, m.def.name, "deal", p.from, visibility);
    runEffects(accepted ? m.effects : m.onReject, orderCtx(t, p.from, p.order, src));
    // An accepted deal is carried out by both sides: moved(), monthsSince() and doneThisTurn()
    // count it for the partner too (a summit spaced out by monthsSince(self, …) waits for both).
    if (accepted) for (const a of [p.from, ...p.to]) if (!t.moved[a]!.includes(m.id)) t.moved[a]!.push(m.id);
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
  const why = lapseReason(t, m, seat, order);
  if (why !== undefined) {
    lapsedEntry(t, "move", seat, order, m.def.visibility === "covert" ? { seats: [seat] } : "public", why);
    return;
  }
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

/**
 * Step 3: council drafts are voted on, in the order they were tabled. After the outcome's
 * effects, each member's per-vote effects run (self = the member, target = the author), so a
 * veto and an abstention can cost differently.
 */
function resolveCouncil(t: TurnContext): void {
  const { c, st } = t;
  for (const p of st.proposals) {
    if (p.kind !== "council") continue;
    const m = c.moves[p.order.move];
    if (!m) continue;
    const why = lapseReason(t, m, p.from, p.order);
    if (why !== undefined) {
      lapsedEntry(t, "council", p.from, p.order, "public", why);
      rulingEntry(t, p, "public");
      continue;
    }
    const votes = councilVotes(c, st, p);
    // The control cell's ruling overrides the count; the votes are still recorded as cast.
    const outcome: Outcome = p.ruling?.outcome === "passed" ? "passed" : p.ruling?.outcome === "failed" ? "failed" : tally(c, votes);
    const entry = orderEntry(c, "council", p.from, p.order, "public");
    entry.outcome = outcome;
    entry.votes = votes;
    t.entries.push(entry);
    rulingEntry(t, p, "public");
    const src = source(t, "council", m.id, m.def.name, "council", p.from);
    runEffects(outcome === "passed" ? m.effects : m.onFail, orderCtx(t, p.from, p.order, src));
    t.moved[p.from]!.push(m.id);
    const cast = castVotes(c, votes, outcome);
    t.votes[m.id] = cast;
    // Per-vote effects see how every member voted on this draft (and on the drafts before it).
    st.lastVotes = { ...t.votes };
    for (const member of c.council) {
      const vote = cast[member]!;
      const effects = m.onVote[vote];
      if (!effects || effects.length === 0) continue;
      const vsrc = source(t, "vote", m.id, `${m.def.name}: ${VOTE_WORDS[vote]}`, "council", member);
      runEffects(effects, new Ctx(c, st, t.w, member, p.from, "", p.order.params, vsrc));
    }
  }
}

const VOTE_WORDS: Record<CastVote, string> = { yes: "voted for", no: "voted against", abstain: "abstained", veto: "vetoed" };

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
    // An action of an earlier turn says when it was done: two of one kind exposed at once would
    // otherwise read as the same story twice.
    const when = a.turn < st.turn ? ` (${turnDate(c.scenario.start, c.scenario.turns.length, a.turn)})` : "";
    entry.headline = (exposedHeadline(c.scenario, m.id, a.by, a.order) ?? entry.headline) + when;
    entry.covertId = a.id;
    t.entries.push(entry);
    const src = source(t, "discovery", m.id, exposedLabel(c.scenario, m.id, a.by, a.order), "discovery", a.by);
    runEffects(m.onDiscovered, orderCtx(t, a.by, a.order, src));
  }
}

/** Step 6: dynamics in scenario order, each over its bindings. */
export function runDynamics(t: TurnContext): void {
  const { c, st } = t;
  // One source per dynamic and actor for the whole turn: the recorder keys causes by the source,
  // so reusing it spares building that key again for every binding.
  const sources = (t.dynamicSources ??= new Map());
  for (const d of c.dynamics) {
    let bySelf = sources.get(d);
    if (!bySelf) {
      bySelf = new Map();
      sources.set(d, bySelf);
    }
    switch (d.each) {
      case "world":
        runDynamic(t, d, bySelf, "", "", NO_PARAMS);
        break;
      case "actor":
        for (const a of c.actorIds) runDynamic(t, d, bySelf, a, "", NO_PARAMS);
        break;
      case "sanction":
        // Effects replace the list, never change it in place: this loop sees the list as it was.
        for (const s of st.sanctions) runDynamic(t, d, bySelf, s.by, s.on, { sector: s.sector });
        break;
      case "pair":
        for (const [a, b, key] of c.pairs) if ((st.trade[key] ?? 0) > 0) runDynamic(t, d, bySelf, a, b, NO_PARAMS);
        break;
    }
  }
}

// Bindings without parameters share one empty set.
const NO_PARAMS: Readonly<Record<string, string>> = Object.freeze({});

function runDynamic(t: TurnContext, d: CDynamic, bySelf: Map<ActorId, Source>, self: ActorId, target: ActorId, params: Readonly<Record<string, string>>): void {
  let src = bySelf.get(self);
  if (!src) {
    src = source(t, "dynamic", d.id, d.label, "dynamic", self);
    bySelf.set(self, src);
  }
  const ctx = new Ctx(t.c, t.st, t.w, self, target, "", params, src);
  if (evalBool(d.when, ctx)) runEffects(d.effects, ctx);
}

/**
 * How many times a modifier made on turn `made` has faded in the state of turn `turn`: step 7
 * fades every modifier older than the turn it resolves, so a modifier first shows after its own
 * turn unfaded, then loses `fades` of itself once per resolved turn. One made during a turn (an
 * inject) is not faded by that turn's resolution, only by later ones. Its value is its value as
 * made times `fades` that many times: the wire sends a modifier once and the client fades it by
 * this (view-codec.ts).
 */
export const timesFaded = (turn: number, made: number): number => Math.max(0, turn - 1 - made);

/** Step 7: opinion modifiers older than this turn keep `fades` of themselves; tiny ones vanish. */
export function fadeModifiers(t: TurnContext): void {
  const { c, st, w } = t;
  // Each fading step's source and change, in lists reused across relations: every relation with
  // modifiers passes through here every turn, so per-step objects would be pure garbage.
  const sources: Source[] = [];
  const deltas: number[] = [];
  for (const key of c.pairKeys) {
    const rel = st.relations[key];
    if (!rel || rel.modifiers.length === 0) continue;
    const modifiers: OpinionModifier[] = [];
    let n = 0;
    let changed = false;
    for (const m of rel.modifiers) {
      if (m.turn === st.turn) {
        modifiers.push(m);
        continue;
      }
      changed = true;
      const value = m.value * m.fades;
      const kept = Math.abs(value) >= 0.5;
      // Same fields in the same order as a new modifier; the old one is shared with the input state.
      if (kept) modifiers.push({ label: m.label, value, fades: m.fades, cause: m.cause, turn: m.turn });
      if (w.rec) {
        sources[n] = modifierSource(t, m.cause, m.label);
        deltas[n] = (kept ? value : 0) - m.value;
        n++;
      }
    }
    if (changed) w.relationSteps(key, { base: rel.base, modifiers }, sources, deltas, n);
  }
}

/** The source that explains a modifier's fading: as secret as the modifier's own origin. */
function modifierSource(t: TurnContext, cause: ModifierCause, label: string): Source {
  const fading = (t.fading ??= new Map());
  let byLabel = fading.get(cause);
  if (!byLabel) {
    byLabel = new Map();
    fading.set(cause, byLabel);
  }
  let src = byLabel.get(label);
  if (src) return src;
  const text = `${label} (fading)`;
  const id = `${cause.kind}:${cause.id}`;
  if (cause.covertId !== undefined) src = source(t, "modifier", id, text, "dynamic", cause.actor, { seats: cause.actor ? [cause.actor] : [] }, cause.covertId);
  else if (cause.seats) src = source(t, "modifier", id, text, "dynamic", undefined, { seats: cause.seats });
  else src = source(t, "modifier", id, text, "dynamic", cause.actor);
  byLabel.set(label, src);
  return src;
}

/** Step 9: indicators and world values are held within their min/max. */
export function clampAll(t: TurnContext): void {
  const { c, st, w } = t;
  const s = c.scenario;
  const records = c.actorIds.map((a) => st.actors[a]!);
  for (const ind of c.indicatorIds) {
    const { min, max, label } = s.indicators[ind]!;
    if (min === undefined && max === undefined) continue;
    // Most turns hold nothing: the source is made only once a value is out of bounds.
    let src: Source | undefined;
    for (let i = 0; i < records.length; i++) {
      const v = records[i]![ind]!;
      const clamped = clamp(v, min, max);
      if (clamped !== v) w.indicator(c.actorIds[i]!, ind, clamped, (src ??= source(t, "limit", ind, `${label} held within its limits`, "dynamic")));
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

