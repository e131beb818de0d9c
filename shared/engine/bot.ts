// Bots: a one-step look-ahead. For a sample of legal candidate orders, apply the order's effects
// to a working copy as they are expected to turn out (a deal as its partner's own look-ahead would
// answer it, a council draft as the members would vote on it), measure the seat's objective points
// (plus a little weight on its own stability and GDP so bots do not idle), undo, and pick the best
// greedily within the budget. Answers, votes and event options are chosen the same way.
// Candidates are checked with the same validator as human orders, so a bot never produces an
// illegal order. The working copy is made once per turn and shared by every seat's plan; each
// candidate is undone through the writer's journal rather than copied.
import { runEffects, type CEffect } from "./effects.ts";
import { Ctx } from "./env.ts";
import { supportVoteOn, tally } from "./council.ts";
import { checkOrder, orderKey, paramCombos, spentBy } from "./orders.ts";
import { answerProposalCompiled, chooseOptionCompiled, proposeCompiled } from "./proposals.ts";
import { evalBool, evalNum } from "./formula.ts";
import { hash32, nextFloat } from "./rng.ts";
import type { CMove, Compiled } from "./rules.ts";
import { attainment, baselineOf } from "./score.ts";
import { workingCopy } from "./state.ts";
import { setLockedCompiled, submitOrdersCompiled } from "./orders.ts";
import type { ActorId, BotPlan, GameState, Order, ParamValue, Proposal, Source, Vote } from "./types.ts";
import { Writer } from "./writer.ts";

/** How many fresh legal candidate orders a bot weighs per turn (besides repeating last turn's). */
export const BOT_SAMPLE = 8;
/** Weight, in objective points, of a full-range rise in the bot's own stability or GDP. */
const WELLBEING_WEIGHT = 2;
/** Gains smaller than this are noise: the bot does not spend capital on them, nor accept a deal for them. */
const MIN_GAIN = 1e-6;
const MAX_PARAM_COMBOS = 12;

/** One structurally possible order, with its duplicate key built once. */
interface Candidate {
  order: Order;
  key: string;
}

/** One move a seat may use, with every structurally possible target set and parameter choice. */
interface MenuItem {
  move: CMove;
  candidates: Candidate[];
}

const menuCache = new WeakMap<Compiled, Record<ActorId, MenuItem[]>>();

/** The moves a seat may use, each with its structurally possible orders, in scenario order. */
export function botMenu(c: Compiled, seat: ActorId): MenuItem[] {
  let bySeat = menuCache.get(c);
  if (!bySeat) {
    bySeat = {};
    menuCache.set(c, bySeat);
  }
  const cached = bySeat[seat];
  if (cached) return cached;
  const out: MenuItem[] = [];
  const others = c.actorIds.filter((a) => a !== seat);
  for (const m of c.moveList) {
    if (m.allowed && !m.allowed.has(seat)) continue;
    if (m.def.accept === "council" && c.council.length === 0) continue;
    if (m.def.cost > c.scenario.turns.budget) continue;
    const targets: [string?, string?][] = [];
    if (m.def.target === "none") targets.push([]);
    else if (m.def.target === "actor") {
      for (const a of others) if (m.def.accept !== "target" || c.seatSet.has(a)) targets.push([a]);
    } else {
      others.forEach((a, i) => {
        if (m.def.accept === "target" && !c.seatSet.has(a)) return;
        for (const b of others.slice(i + 1)) targets.push([a, b]);
      });
    }
    const params = m.params.length > 0 ? paramCombos(m.params).slice(0, MAX_PARAM_COMBOS) : [undefined];
    const candidates: Candidate[] = [];
    for (const [t1, t2] of targets) {
      for (const p of params) {
        const order = makeOrder(m.id, t1, t2, p);
        candidates.push({ order, key: orderKey(order) });
      }
    }
    if (candidates.length > 0) out.push({ move: m, candidates });
  }
  bySeat[seat] = out;
  return out;
}

/** Every structurally possible order of a seat (move x target(s) x parameters), in scenario order. */
export function structuralCandidates(c: Compiled, seat: ActorId): Order[] {
  const out: Order[] = [];
  for (const item of botMenu(c, seat)) for (const cand of item.candidates) out.push(cand.order);
  return out;
}

function makeOrder(move: string, t1?: string, t2?: string, params?: Record<string, ParamValue>): Order {
  const o: Order = { move };
  if (t1 !== undefined) o.target = t1;
  if (t2 !== undefined) o.target2 = t2;
  if (params !== undefined) o.params = params;
  return o;
}


/** A working copy of a state's data that look-aheads mutate and undo; reused while the data is unchanged. */
interface Scratch {
  refs: unknown[];
  /** The last state this copy was matched against: the same object needs no field-by-field check. */
  last: GameState;
  work: GameState;
  w: Writer;
  rng0: number[];
  /** Each seat's look-ahead over this data, made on first use (its starting value is computed once). */
  looks: Map<ActorId, LookAhead>;
}

const scratchCache = new WeakMap<Compiled, Scratch>();

// Orders, proposals and locks do not touch these, so every seat's plan in a turn shares one copy.
const dataRefs = (st: GameState): unknown[] => [
  st.actors, st.world, st.relations, st.trade, st.influence, st.sanctions, st.treaties, st.mandates,
  st.rng, st.turn, st.lastMoves, st.fired, st.baseline, st.objectiveBaseline,
];

function scratchFor(c: Compiled, st: GameState): Scratch {
  const cached = scratchCache.get(c);
  // A plan asks for its scratch once per candidate; the state object is the same each time.
  if (cached && cached.last === st) return cached;
  const refs = dataRefs(st);
  if (cached && cached.refs.every((r, i) => r === refs[i])) {
    cached.last = st;
    return cached;
  }
  const work = workingCopy(st);
  const w = new Writer(work, c.actorIds);
  w.journal = [];
  // The look-ahead rolls its own dice: it must not peek at the game's next draws.
  const rng0 = [st.rng[0]! ^ 0x5bd1e995, st.rng[1]! ^ 0x27d4eb2f, st.rng[2]!, st.rng[3]!].map((x) => x >>> 0);
  for (let i = 0; i < 4; i++) work.rng[i] = rng0[i]!;
  const s: Scratch = { refs, last: st, work, w, rng0, looks: new Map() };
  scratchCache.set(c, s);
  return s;
}

/** The look-ahead of `seat` over the state's data (shared by every plan made on the same data). */
function lookAheadFor(c: Compiled, st: GameState, seat: ActorId): LookAhead {
  const s = scratchFor(c, st);
  let look = s.looks.get(seat);
  if (!look) {
    look = new LookAhead(c, st, s, seat);
    s.looks.set(seat, look);
  }
  return look;
}

/** Scores hypothetical changes for one seat on the shared working copy, undoing each. */
class LookAhead {
  private readonly base: readonly number[];
  private readonly wellbeing: { id: string; start: number; scale: number }[];
  /** Each objective's points in the unchanged working state. */
  private readonly points: number[];
  /** Which objectives read each (record, key) of the working state: a bit per objective. */
  private readonly deps = new Map<object, Map<PropertyKey, number>>();
  /** False when the seat has too many objectives for a bit mask: every objective is re-measured. */
  private readonly tracked: boolean;
  readonly start: number;
  /** A read-only scope over the working copy with self = the seat, for re-measuring objectives. */
  private readonly readCtx: Ctx;

  constructor(
    private readonly c: Compiled,
    st: GameState,
    private readonly s: Scratch,
    readonly seat: ActorId,
  ) {
    const objs = c.objectives[seat] ?? [];
    this.base = baselineOf(st, seat, objs.length);
    this.wellbeing = ["stability", "gdp"]
      .filter((id) => c.scenario.indicators[id])
      .map((id) => {
        const d = c.scenario.indicators[id]!;
        const start = st.baseline[seat]?.[id] ?? 0;
        const scale = d.min !== undefined && d.max !== undefined && d.max > d.min ? d.max - d.min : Math.max(1, Math.abs(start));
        return { id, start, scale };
      });
    this.tracked = objs.length <= 30;
    this.readCtx = new Ctx(c, s.work, null, seat);
    this.points = [];
    // Each objective is measured once through a read-recording view of the working state: a
    // formula is a pure function of what it read, so it need not be measured again after a
    // candidate that wrote none of those (record, key) pairs.
    let bit = 1;
    for (let i = 0; i < objs.length; i++, bit <<= 1) {
      const view = this.tracked ? readRecorder(s.work, this.deps, bit) : s.work;
      this.points.push(objectivePoints(c, new Ctx(c, view, null, seat), i, this.base));
    }
    this.start = this.valueAfter(-1);
  }

  /**
   * The seat's objective points plus the small well-being term in the working state now, given
   * that the changes since journal position `mark` are all that differ from the unchanged state
   * (mark -1: nothing changed).
   */
  valueAfter(mark: number): number {
    const work = this.s.work;
    let dirty = 0;
    if (mark >= 0) {
      if (!this.tracked) dirty = -1;
      else {
        const j = this.s.w.journal!;
        for (let k = mark; k < j.length; k += 4) {
          const byKey = this.deps.get(j[k] as object);
          if (byKey !== undefined) dirty |= byKey.get(j[k + 1] as string) ?? 0;
        }
      }
    }
    // Summed in objective order, as pointsNow does, so the total is the same number.
    let v = 0;
    const pts = this.points;
    for (let i = 0; i < pts.length; i++) v += dirty & (1 << i) || dirty === -1 ? objectivePoints(this.c, this.readCtx, i, this.base) : pts[i]!;
    const own = work.actors[this.seat]!;
    for (const x of this.wellbeing) v += (WELLBEING_WEIGHT * ((own[x.id] ?? 0) - x.start)) / x.scale;
    return v;
  }

  /** The value after running `effects` with these bindings; the working state is restored after. */
  score(effects: readonly CEffect[], self: ActorId, order: Order): number {
    const out = [0];
    valuesAfter(this.c, this.s, effects, self, order, [this], out);
    return out[0]!;
  }
}

const LOOK_SOURCE: Source = { kind: "move", id: "", label: "", visibility: "public", entryKind: "move", entries: null };

/**
 * Runs `effects` once on the shared working copy and writes into `out` each look-ahead's value
 * after them (its seat's points), then restores the copy. Several seats weighing the same outcome
 * (a deal's two sides, a council's voters) share one run. A value whose formulas break is -Infinity,
 * so such an outcome is never sought.
 */
function valuesAfter(c: Compiled, s: Scratch, effects: readonly CEffect[], self: ActorId, order: Order, looks: readonly LookAhead[], out: number[]): void {
  if (effects.length === 0) {
    for (let i = 0; i < looks.length; i++) out[i] = looks[i]!.start;
    return;
  }
  const { work, w, rng0 } = s;
  const mark = w.mark();
  try {
    runEffects(effects, new Ctx(c, work, w, self, order.target ?? "", order.target2 ?? "", order.params, LOOK_SOURCE));
    for (let i = 0; i < looks.length; i++) {
      try {
        out[i] = looks[i]!.valueAfter(mark);
      } catch {
        out[i] = Number.NEGATIVE_INFINITY;
      }
    }
  } catch {
    for (let i = 0; i < looks.length; i++) out[i] = Number.NEGATIVE_INFINITY;
  } finally {
    w.undo(mark);
    for (let i = 0; i < 4; i++) work.rng[i] = rng0[i]!;
  }
}

/** Points of objective `i` of the seat `ctx` is bound to (self), in the state it reads. */
function objectivePoints(c: Compiled, ctx: Ctx, i: number, base: readonly number[]): number {
  const o = c.objectives[ctx.self]![i]!;
  return attainment(o.def, evalNum(o.measure, ctx), base[i] ?? 0) * o.def.points;
}

/** A view of `root` that notes, under `bit`, every (record, key) read through it, at any depth. */
function readRecorder<T extends object>(root: T, deps: Map<object, Map<PropertyKey, number>>, bit: number): T {
  const views = new WeakMap<object, object>();
  const wrap = <U extends object>(target: U): U => {
    let view = views.get(target);
    if (!view) {
      view = new Proxy(target, {
        get(t, key) {
          let byKey = deps.get(t);
          if (!byKey) {
            byKey = new Map();
            deps.set(t, byKey);
          }
          byKey.set(key, (byKey.get(key) ?? 0) | bit);
          const v: unknown = Reflect.get(t, key);
          // Lists (sanctions, treaties, modifiers) are replaced, never changed in place, so
          // reading the field that holds one is enough; they are handed out unwrapped.
          return v !== null && typeof v === "object" && !Array.isArray(v) ? wrap(v) : v;
        },
      });
      views.set(target, view);
    }
    return view as U;
  };
  return wrap(root);
}

/** Whether a structurally valid candidate passes its move's formulas (targets, requirements). */
function formulasAllow(c: Compiled, st: GameState, seat: ActorId, m: CMove, order: Order): boolean {
  if (!m.targets && m.requires.length === 0) return true;
  try {
    const ctx = new Ctx(c, st, null, seat, order.target ?? "", order.target2 ?? "", order.params);
    if (m.targets && !evalBool(m.targets, ctx)) return false;
    for (const r of m.requires) if (!evalBool(r.when, ctx)) return false;
    return true;
  } catch {
    return false;
  }
}

/** A bot's decisions for a seat this turn. Pure: the state is not changed. */
export function botPlanCompiled(c: Compiled, st: GameState, seat: ActorId): BotPlan {
  const plan: BotPlan = { orders: [], proposals: [], answers: [], choices: [] };
  if (st.phase === "over" || !c.seatSet.has(seat)) return plan;
  for (const p of st.proposals) {
    if (!p.to.includes(seat) || Object.hasOwn(p.answers, seat)) continue;
    plan.answers.push({ proposal: p.id, answer: decide(c, st, p, seat), reason: "" });
  }
  for (const p of st.pending) {
    if (p.seat !== seat || p.choice !== undefined) continue;
    const option = bestOption(c, lookAheadFor(c, st, seat), p.event, seat);
    if (option !== undefined) plan.choices.push({ pending: p.id, option });
  }
  if (!st.locked[seat]) chooseOrders(c, st, seat, plan);
  return plan;
}

function decide(c: Compiled, st: GameState, p: Proposal, seat: ActorId): BotPlan["answers"][number]["answer"] {
  const m = c.moves[p.order.move];
  if (!m) return p.kind === "deal" ? "reject" : "abstain";
  const look = lookAheadFor(c, st, seat);
  if (p.kind === "deal") return accepts(look, m, p.from, p.order) ? "accept" : "reject";
  return voteOn(c, st, look, m, p.from, p.order, () => supportVoteOn(c, st, p.order, seat));
}

/** A deal is accepted only for a strict gain: on a tie the partner keeps its hands free. */
function accepts(look: LookAhead, m: CMove, from: ActorId, order: Order): boolean {
  return look.score(m.effects, from, order) - look.score(m.onReject, from, order) > MIN_GAIN;
}

/** A seat's vote on a draft: its look-ahead (pass vs fail) or, when indifferent, the support formula. */
function voteOn(c: Compiled, st: GameState, look: LookAhead, m: CMove, from: ActorId, order: Order, support?: () => Vote): Vote {
  const yes = look.score(m.effects, from, order);
  const no = look.score(m.onFail, from, order);
  if (yes - no > MIN_GAIN) return "yes";
  if (no - yes > MIN_GAIN) return "no";
  return support ? support() : supportVoteOn(c, st, order, look.seat);
}

/**
 * The seat's value of an order as it is expected to turn out: a deal as its partner's look-ahead
 * would answer, a draft as the council would vote (the author yes, other seats by their look-ahead,
 * the rest by the support formula, with permanent members' vetoes). Orders without consent simply
 * take effect. Each outcome is run once and weighed by every seat concerned.
 */
function expectedValue(c: Compiled, st: GameState, look: LookAhead, m: CMove, order: Order): number {
  const seat = look.seat;
  const accept = m.def.accept;
  if (accept === "none") return look.score(m.effects, seat, order);
  const s = scratchFor(c, st);
  if (accept === "target") {
    const partner = order.target ?? "";
    if (!c.seatSet.has(partner)) return look.score(m.effects, seat, order);
    const looks = [look, lookAheadFor(c, st, partner)];
    const yes = [0, 0];
    const no = [0, 0];
    valuesAfter(c, s, m.effects, seat, order, looks, yes);
    valuesAfter(c, s, m.onReject, seat, order, looks, no);
    return yes[1]! - no[1]! > MIN_GAIN ? yes[0]! : no[0]!;
  }
  const looks = [look];
  for (const member of c.council) if (member !== seat && c.seatSet.has(member)) looks.push(lookAheadFor(c, st, member));
  const passed: number[] = [];
  const failed: number[] = [];
  valuesAfter(c, s, m.effects, seat, order, looks, passed);
  valuesAfter(c, s, m.onFail, seat, order, looks, failed);
  const votes: Record<ActorId, Vote> = {};
  let k = 1;
  for (const member of c.council) {
    if (member === seat) votes[member] = "yes";
    else if (c.seatSet.has(member)) {
      const yes = passed[k]!;
      const no = failed[k]!;
      k++;
      votes[member] = yes - no > MIN_GAIN ? "yes" : no - yes > MIN_GAIN ? "no" : supportVoteOn(c, st, order, member);
    } else votes[member] = supportVoteOn(c, st, order, member);
  }
  return tally(c, votes) === "passed" ? passed[0]! : failed[0]!;
}

function bestOption(c: Compiled, look: LookAhead, eventId: string, seat: ActorId): string | undefined {
  const ev = c.eventMap[eventId];
  if (!ev || ev.options.size === 0) return undefined;
  let best: string | undefined;
  let bestValue = Number.NEGATIVE_INFINITY;
  const order = [...ev.options.keys()];
  // The default option is tried first, so it wins ties.
  if (ev.def.default && ev.options.has(ev.def.default)) order.sort((a, b) => Number(b === ev.def.default) - Number(a === ev.def.default));
  for (const id of order) {
    const v = look.score(ev.options.get(id)!, seat, { move: "" });
    if (v > bestValue + MIN_GAIN) {
      best = id;
      bestValue = v;
    }
  }
  return best;
}

interface Scored {
  i: number;
  gain: number;
  order: Order;
  cost: number;
}

function chooseOrders(c: Compiled, st: GameState, seat: ActorId, plan: BotPlan): void {
  const menu = botMenu(c, seat);
  if (menu.length === 0) return;
  const left0 = c.scenario.turns.budget - spentBy(c, { orders: {}, proposals: st.proposals, turn: st.turn }, seat);
  if (left0 <= 0) return;
  const look = lookAheadFor(c, st, seat);
  // The bot's own dice, derived from the game's stream and the seat, so plans are reproducible.
  const dice = [(st.rng[0]! ^ hash32(seat)) >>> 0, st.rng[1]!, (st.rng[2]! ^ st.turn) >>> 0, (st.rng[3]! ^ 0x9e3779b9) >>> 0];
  for (let i = 0; i < 4; i++) nextFloat(dice);
  const seen = new Set<string>();
  for (const p of st.proposals) if (p.from === seat) seen.add(orderKey(p.order));
  const scored: Scored[] = [];
  let rank = 0;
  const consider = (m: CMove, order: Order): void => {
    const gain = expectedValue(c, st, look, m, order) - look.start;
    if (gain > MIN_GAIN) scored.push({ i: rank, gain, order, cost: m.def.cost });
    rank++;
  };
  // What the seat did last turn is weighed again (a policy that worked may still work)...
  for (const order of lastTurnOrders(st, seat)) {
    const key = orderKey(order);
    if (seen.has(key)) continue;
    seen.add(key);
    const m = c.moves[order.move];
    if (m && m.def.cost <= left0 && formulasAllow(c, st, seat, m, order)) consider(m, order);
  }
  // ...next to a fresh sample of legal orders: a random affordable move (each at most once) with at
  // least one legal target, then one of its legal target and parameter choices. Only legal, new
  // draws count, so a move with a single legal target among many is found as often as any other.
  const live: number[] = [];
  for (let i = 0; i < menu.length; i++) if (menu[i]!.move.def.cost <= left0) live.push(i);
  let fresh = 0;
  while (fresh < BOT_SAMPLE && live.length > 0) {
    const j = Math.floor(nextFloat(dice) * live.length);
    const item = menu[live[j]!]!;
    // Each move is sampled once, so the sample spreads over different moves.
    live.splice(j, 1);
    const cand = drawLegal(c, st, seat, item, dice);
    if (!cand || seen.has(cand.key)) continue; // no legal target, or already weighed: not a draw
    seen.add(cand.key);
    fresh++;
    consider(item.move, cand.order);
  }
  scored.sort(byGain);
  let left = left0;
  const usedMoves = new Set<string>();
  for (const s of scored) {
    if (s.cost > left || usedMoves.has(s.order.move)) continue;
    // The full check a human order gets; the sampling above only ran the formulas.
    if (!checkOrder(c, st, seat, s.order).ok) continue;
    usedMoves.add(s.order.move);
    left -= s.cost;
    if (c.moves[s.order.move]!.def.accept === "none") plan.orders.push(copyOf(s.order));
    else plan.proposals.push(copyOf(s.order));
  }
}

// Indices still to try in drawLegal, reused between draws (the engine runs on one thread).
let drawScratch = new Int32Array(64);

/**
 * A uniformly random legal candidate of a menu item, or null if none is legal. Candidates are drawn
 * without replacement until one passes, so only a few formulas run when most targets are legal.
 */
function drawLegal(c: Compiled, st: GameState, seat: ActorId, item: MenuItem, dice: number[]): Candidate | null {
  const all = item.candidates;
  const m = item.move;
  if (all.length === 1) return formulasAllow(c, st, seat, m, all[0]!.order) ? all[0]! : null;
  if (drawScratch.length < all.length) drawScratch = new Int32Array(all.length * 2);
  const left = drawScratch;
  for (let i = 0; i < all.length; i++) left[i] = i;
  for (let n = all.length; n > 0; n--) {
    const j = Math.floor(nextFloat(dice) * n);
    const cand = all[left[j]!]!;
    if (formulasAllow(c, st, seat, m, cand.order)) return cand;
    left[j] = left[n - 1]!;
  }
  return null;
}

// Menu orders are shared between plans; a plan hands out its own copies.
function copyOf(o: Order): Order {
  const out: Order = { move: o.move };
  if (o.target !== undefined) out.target = o.target;
  if (o.target2 !== undefined) out.target2 = o.target2;
  if (o.params !== undefined) out.params = { ...o.params };
  return out;
}

function lastTurnOrders(_st: GameState, _seat: ActorId): Order[] {
  return [];
}

function byGain(a: Scored, b: Scored): number {
  return b.gain - a.gain || a.i - b.i;
}

/** Applies a bot's plan for a seat and locks it in. Every step is checked like a human's. */
export function playBotCompiled(c: Compiled, st: GameState, seat: ActorId): GameState {
  const plan = botPlanCompiled(c, st, seat);
  let s = st;
  if (!s.locked[seat] && c.seatSet.has(seat) && s.phase !== "over") {
    const r = submitOrdersCompiled(c, s, seat, plan.orders);
    if (r.ok) s = r.value;
  }
  for (const order of plan.proposals) {
    const r = proposeCompiled(c, s, seat, order);
    if (r.ok) s = r.value.state;
  }
  for (const a of plan.answers) {
    const r = answerProposalCompiled(c, s, seat, a.proposal, a.answer);
    if (r.ok) s = r.value;
  }
  for (const ch of plan.choices) {
    const r = chooseOptionCompiled(c, s, seat, ch.pending, ch.option);
    if (r.ok) s = r.value;
  }
  const locked = setLockedCompiled(c, s, seat, true);
  return locked.ok ? locked.value : s;
}
