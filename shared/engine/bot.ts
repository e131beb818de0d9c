// Bots: a seat played by the engine. A bot weighs candidate orders, its answers to deals and its
// votes on drafts by what they are worth for its seat's objectives (bot-lookahead.ts: at once plus
// a learned delay at the fast level, a projection of the next turns at the strong level), plus its
// doctrine: preferences per move or category, red lines it never crosses, allies it backs.
// A deal is weighed as its partner would answer it; a draft as the council would vote on it, each
// member weighing its own per-vote consequences. Every order passes the same validator as a
// human's. Plans are pure: the same state, seat, level and policy give the same plan.
import { Lookahead, type Run } from "./bot-lookahead.ts";
import { castVotes, supportVoteOn, tally } from "./council.ts";
import type { CEffect } from "./effects.ts";
import { checkOrder, copyOrder, orderKey, paramCombos, setLockedCompiled, spentBy, submitOrdersCompiled } from "./orders.ts";
import { answerProposalCompiled, chooseOptionCompiled, proposeCompiled } from "./proposals.ts";
import { Ctx } from "./env.ts";
import { evalBool } from "./formula.ts";
import { stateFreeTest } from "./reads.ts";
import { dealPutTo } from "./state-read.ts";
import { hash32, nextFloat } from "./rng.ts";
import type { CMove, Compiled } from "./rules.ts";
import { actorName } from "./text.ts";
import type { ActorId, Answer, BotLevel, BotPlan, BotPolicy, CastVote, EnvState, GameState, Order, Proposal, Vote } from "./types.ts";

export type { BotPolicy };

/** How many fresh legal candidate orders a fast bot weighs per turn (besides last turn's moves). */
export const BOT_SAMPLE = 8;
/** Gains smaller than this are noise: the bot does not spend capital on them, nor accept a deal for them. */
const MIN_GAIN = 1e-6;
const MAX_PARAM_COMBOS = 12;

export interface BotOptions {
  level?: BotLevel;
  policy?: BotPolicy;
  /** Write a one-line reason for each answer (for people to read; simulations skip it). Default true. */
  reasons?: boolean;
}

/** What a bot's gain from an order is made of (Planner.explainGain). */
export interface GainParts {
  /** Per objective (by label) and well-being indicator (by id): its change at once and its delayed value. */
  parts: { kind: "objective" | "wellbeing"; id: string; now: number; later: number }[];
  /** The doctrine's `prefer` bonuses that apply, by move id or category. */
  prefer: { id: string; value: number }[];
  /** How a deal or draft is expected to turn out, when the order needs consent. */
  outcome?: string;
}

/** One structurally possible order, with its duplicate key built once. */
interface Candidate {
  order: Order;
  key: string;
  /** A term of its targets or requirements that reads no state is false: it is never legal. */
  never: boolean;
  /**
   * Its runs (self = the menu's seat) by effects, made on first use and kept: a run carries the
   * delayed values the fast level looked up for it (bot-lookahead.ts).
   */
  runs?: Map<readonly CEffect[], Run>;
}

/** One move a seat may use, with every structurally possible target set and parameter choice. */
interface MenuItem {
  move: CMove;
  candidates: Candidate[];
}

// Menus depend on the compiled scenario only: built once per seat (a memo, not shared mutable state).
const menuCache = new WeakMap<Compiled, Map<ActorId, MenuItem[]>>();

/** The moves a seat may use, each with its structurally possible orders, in scenario order. */
export function botMenu(c: Compiled, seat: ActorId): MenuItem[] {
  let bySeat = menuCache.get(c);
  if (!bySeat) {
    bySeat = new Map();
    menuCache.set(c, bySeat);
  }
  const cached = bySeat.get(seat);
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
    const tests = [m.def.targets, ...m.def.requires.map((r) => r.when)].flatMap((f) => (f === undefined ? [] : [stateFreeTest(c, f)]));
    const candidates: Candidate[] = [];
    for (const [t1, t2] of targets) {
      for (const p of params) {
        const order = makeOrder(m.id, t1, t2, p);
        candidates.push({ order, key: orderKey(order), never: neverLegal(c, seat, order, tests) });
      }
    }
    if (candidates.length > 0) out.push({ move: m, candidates });
  }
  bySeat.set(seat, out);
  return out;
}

/** Whether a state-free test of a move fails for this order (a test that throws decides nothing). */
function neverLegal(c: Compiled, seat: ActorId, order: Order, tests: readonly (((ctx: Ctx) => boolean) | null)[]): boolean {
  // The tests read no state: the state they are given is empty.
  const ctx = new Ctx(c, NO_STATE, null, seat, order.target ?? "", order.target2 ?? "", order.params);
  for (const test of tests) {
    try {
      if (test && !test(ctx)) return true;
    } catch {
      // Left to the full check at play time.
    }
  }
  return false;
}

const NO_STATE = {} as EnvState;

function makeOrder(move: string, t1?: string, t2?: string, params?: Order["params"]): Order {
  const o: Order = { move };
  if (t1 !== undefined) o.target = t1;
  if (t2 !== undefined) o.target2 = t2;
  if (params !== undefined) o.params = params;
  return o;
}

/** A batch of a move's effects (or onReject, onFail) bound to an order. */
function run(effects: readonly CEffect[], self: ActorId, order: Order): Run {
  return { effects, self, target: order.target ?? "", target2: order.target2 ?? "", params: order.params };
}

/** run(effects, self, order), or the candidate's own copy of it when the order is a candidate's. */
function ownRun(cand: Candidate | undefined, effects: readonly CEffect[], self: ActorId, order: Order): Run {
  if (!cand) return run(effects, self, order);
  const runs = (cand.runs ??= new Map());
  let r = runs.get(effects);
  if (!r) {
    r = run(effects, self, order);
    runs.set(effects, r);
  }
  return r;
}

/** Whether two orders are the same move with the same targets and the same parameter values. */
function sameOrder(a: Order, b: Order): boolean {
  if (a.move !== b.move || a.target !== b.target || a.target2 !== b.target2) return false;
  const pa = a.params ?? {};
  const pb = b.params ?? {};
  const keys = Object.keys(pa);
  return keys.length === Object.keys(pb).length && keys.every((k) => Object.hasOwn(pb, k) && pa[k] === pb[k]);
}

/** A member's per-vote effects on a draft (self = the member, target = the author). */
function voteRun(m: CMove, member: ActorId, cast: CastVote, author: ActorId, order: Order): Run | null {
  const effects = m.onVote[cast];
  if (!effects || effects.length === 0) return null;
  return { effects, self: member, target: author, target2: "", params: order.params };
}

const VOTES: readonly Vote[] = ["yes", "abstain", "no"];

/**
 * Plans for the seats of one state. Its look-ahead copies the state's data once; every seat's
 * plan on that data (orders, proposals and answers change nothing it reads) shares it.
 */
export class Planner {
  private readonly look: Lookahead;
  private readonly excluded: ReadonlySet<string>;
  /** Deals already weighed by their partner this turn, per partner: proposer, order, accepted. */
  private readonly answers = new Map<ActorId, { from: ActorId; order: Order; ok: boolean }[]>();
  readonly level: BotLevel;

  constructor(
    private readonly c: Compiled,
    base: GameState,
    private readonly opts: BotOptions = {},
  ) {
    this.level = opts.level ?? "fast";
    this.look = Lookahead.forLevel(c, base, this.level);
    this.excluded = new Set(opts.policy?.exclude ?? []);
  }

  /** A bot's decisions for `seat` in `st` (whose data is the planner's base). Pure. */
  plan(st: GameState, seat: ActorId): BotPlan {
    const c = this.c;
    const plan: BotPlan = { orders: [], proposals: [], answers: [], choices: [] };
    if (st.phase === "over" || !c.seatSet.has(seat)) return plan;
    for (const p of st.proposals) {
      if (!p.to.includes(seat) || Object.hasOwn(p.answers, seat)) continue;
      const m = c.moves[p.order.move];
      if (!m) continue;
      if (p.kind === "deal") {
        const d = this.dealAnswer(seat, m, p.from, p.order);
        plan.answers.push({ proposal: p.id, answer: d.answer, reason: d.reason });
      } else {
        const v = this.vote(st, seat, m, p);
        plan.answers.push({ proposal: p.id, answer: v.vote, reason: v.reason });
      }
    }
    for (const p of st.pending) {
      if (p.seat !== seat || p.choice !== undefined) continue;
      const option = this.bestOption(p.event, seat);
      if (option !== undefined) plan.choices.push({ pending: p.id, option });
    }
    if (!st.locked[seat]) this.chooseOrders(st, seat, plan);
    return plan;
  }

  // ---------------------------------------------------------------- doctrine

  /** The doctrine's bonus for using a move (by move id and by category). */
  private preference(seat: ActorId, m: CMove): number {
    const prefer = this.c.doctrine[seat]?.prefer ?? {};
    return (prefer[m.id] ?? 0) + (prefer[m.def.category] ?? 0);
  }

  private redLine(seat: ActorId, m: CMove): boolean {
    return this.excluded.has(m.id) || (this.c.doctrine[seat]?.never.includes(m.id) ?? false);
  }

  private loyalty(seat: ActorId, other: ActorId): number {
    const d = this.c.doctrine[seat];
    return d && d.allies.includes(other) ? d.loyalty : 0;
  }

  // ---------------------------------------------------------------- deals

  /** Whether `seat` accepts a deal from `from`: only for a strict gain, never across a red line. */
  private accepts(seat: ActorId, m: CMove, from: ActorId, order: Order): boolean {
    return this.weighDeal(seat, m, from, order, null, undefined);
  }

  /**
   * accepts(), which also writes into `proposer` (when given) the deal's value for its proposer
   * as the partner answers it: both sides are measured on the same two runs. The answer is kept
   * for the partner's own turn to answer (the same deal, weighed the same way).
   */
  private weighDeal(seat: ActorId, m: CMove, from: ActorId, order: Order, proposer: number[] | null, cand: Candidate | undefined): boolean {
    const known = (this.answers.get(seat) ?? []).find((a) => a.from === from && sameOrder(a.order, order));
    if (known && !proposer) return known.ok;
    let ok: boolean;
    const forced = this.opts.policy?.accept?.[seat]?.includes(m.id) ?? false;
    if (forced || this.redLine(seat, m)) {
      ok = forced;
      if (proposer) this.look.values([ownRun(cand, ok ? m.effects : m.onReject, from, order)], [from], proposer);
    } else {
      const seats = proposer ? [seat, from] : [seat];
      const yes = [0, 0];
      const no = [0, 0];
      this.look.values([ownRun(cand, m.effects, from, order)], seats, yes);
      this.look.values([ownRun(cand, m.onReject, from, order)], seats, no);
      ok = yes[0]! + this.preference(seat, m) + this.loyalty(seat, from) - no[0]! > MIN_GAIN;
      if (proposer) proposer[0] = ok ? yes[1]! : no[1]!;
    }
    let list = this.answers.get(seat);
    if (!list) {
      list = [];
      this.answers.set(seat, list);
    }
    list.push({ from, order, ok });
    return ok;
  }

  /** The answer to a deal with its one-line reason. */
  private dealAnswer(seat: ActorId, m: CMove, from: ActorId, order: Order): { answer: Answer; reason: string } {
    const ok = this.accepts(seat, m, from, order);
    if (this.opts.reasons === false) return { answer: ok ? "accept" : "reject", reason: "" };
    if (!ok && this.redLine(seat, m)) return { answer: "reject", reason: `${actorName(this.c.scenario, seat)} declines: ${m.def.name.toLowerCase()} is a red line.` };
    const yes = run(m.effects, from, order);
    const no = run(m.onReject, from, order);
    const reason = this.reason(seat, ok ? "accepts" : "declines", ok ? [yes] : [no], ok ? [no] : [yes], ok ? this.loyalty(seat, from) : 0, from);
    return { answer: ok ? "accept" : "reject", reason };
  }

  // ---------------------------------------------------------------- votes

  /** The vote a member seat would cast by comparing pass and fail (and its loyalties), for predictions. */
  private quickVote(st: GameState, member: ActorId, m: CMove, author: ActorId, order: Order, passed: number, failed: number): Vote {
    const forced = this.opts.policy?.votes?.[member]?.[m.id];
    if (forced) return forced;
    if (this.redLine(member, m)) return "no";
    const lean = passed + this.loyalty(member, author) - failed;
    return lean > MIN_GAIN ? "yes" : lean < -MIN_GAIN ? "no" : supportVoteOn(this.c, st, order, member);
  }

  /** Every member's vote as `seat` expects it: answers given, seats' quick votes, others by support. */
  private expectedVotes(st: GameState, seat: ActorId, m: CMove, author: ActorId, order: Order, answers: Proposal["answers"], cand?: Candidate): Record<ActorId, Vote> {
    const c = this.c;
    const seats = c.council.filter((x) => x !== seat && c.seatSet.has(x) && !Object.hasOwn(answers, x));
    const passed: number[] = [];
    const failed: number[] = [];
    if (seats.length > 0) {
      this.look.values([ownRun(cand, m.effects, author, order)], seats, passed);
      this.look.values([ownRun(cand, m.onFail, author, order)], seats, failed);
    }
    const votes: Record<ActorId, Vote> = {};
    for (const member of c.council) {
      const a = answers[member];
      if (a === "yes" || a === "no" || a === "abstain") votes[member] = a;
      else if (member === author) votes[member] = "yes";
      else if (member === seat) votes[member] = "abstain";
      else if (c.seatSet.has(member)) {
        const k = seats.indexOf(member);
        votes[member] = this.quickVote(st, member, m, author, order, passed[k]!, failed[k]!);
      } else votes[member] = supportVoteOn(c, st, order, member);
    }
    return votes;
  }

  /** The runs of a vote's outcome: the draft's effects or onFail, then every member's per-vote effects. */
  private outcomeRuns(m: CMove, author: ActorId, order: Order, votes: Record<ActorId, Vote>, cand?: Candidate): { runs: Run[]; casts: Record<ActorId, CastVote> } {
    const outcome = tally(this.c, votes);
    const casts = castVotes(this.c, votes, outcome);
    const runs: Run[] = [ownRun(cand, outcome === "passed" ? m.effects : m.onFail, author, order)];
    for (const member of this.c.council) {
      const r = voteRun(m, member, casts[member]!, author, order);
      if (r) runs.push(r);
    }
    return { runs, casts };
  }

  /** A member seat's vote on a draft: the option worth most to it, its consequences included. */
  private vote(st: GameState, seat: ActorId, m: CMove, p: Proposal): { vote: Vote; reason: string } {
    const forced = this.opts.policy?.votes?.[seat]?.[m.id];
    const name = actorName(this.c.scenario, seat);
    if (forced) return { vote: forced, reason: `${name} votes ${forced} (set by the experiment).` };
    const votes = this.expectedVotes(st, seat, m, p.from, p.order, p.answers);
    const support = supportVoteOn(this.c, st, p.order, seat);
    // The support formula's vote is tried first, so it wins ties.
    const order = [support, ...VOTES.filter((v) => v !== support)];
    const out = [0];
    const options = order.map((v) => {
      const { runs, casts } = this.outcomeRuns(m, p.from, p.order, { ...votes, [seat]: v });
      this.look.values(runs, [seat], out);
      let value = out[0]!;
      if (v === "yes") value += this.loyalty(seat, p.from);
      if (v === "yes" && this.redLine(seat, m)) value = Number.NEGATIVE_INFINITY;
      return { vote: v, value, runs, cast: casts[seat]! };
    });
    let chosen = options[0]!;
    for (const o of options) if (o.value > chosen.value + MIN_GAIN) chosen = o;
    const best = chosen.vote;
    const bestCast = chosen.cast;
    const bestRuns = chosen.runs;
    // The reason compares the chosen vote with the best alternative.
    let alt: (typeof options)[number] | undefined;
    for (const o of options) if (o !== chosen && (!alt || o.value > alt.value)) alt = o;
    const verb = bestCast === "veto" ? "vetoes" : bestCast === "yes" ? "votes for it" : bestCast === "no" ? "votes against" : "abstains";
    const loyal = best === "yes" ? this.loyalty(seat, p.from) : 0;
    if (this.opts.reasons === false) return { vote: best, reason: "" };
    return { vote: best, reason: this.reason(seat, verb, bestRuns, alt?.runs ?? [], loyal, p.from) };
  }

  // ---------------------------------------------------------------- events

  private bestOption(eventId: string, seat: ActorId): string | undefined {
    const ev = this.c.eventMap[eventId];
    if (!ev || ev.options.size === 0) return undefined;
    const ids = [...ev.options.keys()];
    // The default option is tried first, so it wins ties.
    if (ev.def.default && ev.options.has(ev.def.default)) ids.sort((a, b) => Number(b === ev.def.default) - Number(a === ev.def.default));
    let best: string | undefined;
    let bestValue = Number.NEGATIVE_INFINITY;
    const out = [0];
    const prefer = this.c.doctrine[seat]?.prefer ?? {};
    for (const id of ids) {
      this.look.values([{ effects: ev.options.get(id)!, self: seat, target: "", target2: "", params: undefined }], [seat], out);
      const value = out[0]! + (prefer[`${eventId}.${id}`] ?? 0);
      if (value > bestValue + MIN_GAIN) {
        best = id;
        bestValue = value;
      }
    }
    return best;
  }

  // ---------------------------------------------------------------- orders

  /**
   * What an order is worth to `seat` as it is expected to turn out: a deal as its partner would
   * answer, a draft as the council would vote. Orders without consent simply take effect.
   */
  private expectedValue(st: GameState, seat: ActorId, m: CMove, order: Order, cand: Candidate | undefined): number {
    const out = [0];
    const partner = order.target ?? "";
    // A seat's answer to a deal and the deal's value for its proposer are measured on the same runs.
    if (m.def.accept === "target" && this.c.seatSet.has(partner)) this.weighDeal(partner, m, seat, order, out, cand);
    else this.look.values(this.expectedRuns(st, seat, m, order, cand).runs, [seat], out);
    return out[0]!;
  }

  /** The runs an order is expected to come to (what expectedValue weighs); `describe`: and in words how it turns out. */
  private expectedRuns(st: GameState, seat: ActorId, m: CMove, order: Order, cand: Candidate | undefined, describe = false): { runs: Run[]; outcome?: string } {
    const accept = m.def.accept;
    if (accept === "none") return { runs: [ownRun(cand, m.effects, seat, order)] };
    if (accept === "target") {
      const partner = order.target ?? "";
      const seatPartner = this.c.seatSet.has(partner);
      const yes = seatPartner && this.accepts(partner, m, seat, order);
      const runs = [ownRun(cand, yes ? m.effects : m.onReject, seat, order)];
      if (!describe) return { runs };
      const who = actorName(this.c.scenario, partner);
      return { runs, outcome: yes ? `${who} would accept` : seatPartner ? `${who} would decline` : `${who} is not a seat, so it declines` };
    }
    const answers: Proposal["answers"] = {};
    if (this.c.councilSet.has(seat)) answers[seat] = "yes";
    const votes = this.expectedVotes(st, seat, m, seat, order, answers, cand);
    const runs = this.outcomeRuns(m, seat, order, votes, cand).runs;
    return describe ? { runs, outcome: `the council would ${tally(this.c, votes) === "passed" ? "pass it" : "not pass it"}` } : { runs };
  }

  private chooseOrders(st: GameState, seat: ActorId, plan: BotPlan): void {
    const c = this.c;
    const menu = botMenu(c, seat);
    if (menu.length === 0) return;
    const left0 = c.scenario.turns.budget - spentBy(c, { orders: {}, proposals: st.proposals, turn: st.turn }, seat);
    if (left0 <= 0) return;
    const start = this.look.baseline(seat);
    // The bot's own dice, derived from the game's stream and the seat, so plans are reproducible.
    const dice = [(st.rng[0]! ^ hash32(seat)) >>> 0, st.rng[1]!, (st.rng[2]! ^ st.turn) >>> 0, (st.rng[3]! ^ 0x9e3779b9) >>> 0];
    for (let i = 0; i < 4; i++) nextFloat(dice);
    const seen = new Set<string>();
    for (const p of st.proposals) if (p.from === seat) seen.add(orderKey(p.order));
    const scored: { i: number; gain: number; order: Order; cost: number; forced: boolean }[] = [];
    let rank = 0;
    const consider = (m: CMove, order: Order, forced: boolean, cand?: Candidate): void => {
      if (!forced && this.redLine(seat, m)) return;
      // A deal another seat already put to this one is answered, not offered back.
      if (!forced && order.target !== undefined && dealPutTo(st.proposals, st.turn, seat, m.id, order.target)) return;
      const gain = this.expectedValue(st, seat, m, order, cand) - start + this.preference(seat, m);
      if (forced || gain > MIN_GAIN) scored.push({ i: rank, gain, order, cost: m.def.cost, forced });
      rank++;
    };
    // Experiments may force orders: they are taken first whenever legal.
    for (const order of this.opts.policy?.force?.[seat] ?? []) {
      const m = c.moves[order.move];
      const key = orderKey(order);
      if (!m || seen.has(key) || m.def.cost > left0 || !checkOrder(c, st, seat, order).ok) continue;
      seen.add(key);
      consider(m, order, true);
    }
    const items = menu.filter((it) => it.move.def.cost <= left0 && !this.redLine(seat, it.move));
    // A policy that worked may still work: last turn's moves are weighed again (with a fresh target)...
    const habits = new Set(st.lastMoves?.[seat] ?? []);
    // ...next to fresh legal orders: a random affordable move (each at most once) with one of its
    // legal target and parameter choices. The strong level weighs every move; the fast one a sample.
    const sample = this.level === "strong" ? items.length : BOT_SAMPLE;
    const live = items.map((_, i) => i);
    const drawn: number[] = [];
    for (let i = 0; i < items.length; i++) if (habits.has(items[i]!.move.id)) drawn.push(i);
    let fresh = 0;
    while (fresh < sample && live.length > 0) {
      const j = Math.floor(nextFloat(dice) * live.length);
      const idx = live[j]!;
      live.splice(j, 1);
      if (habits.has(items[idx]!.move.id)) continue;
      drawn.push(idx);
      fresh++;
    }
    for (const idx of drawn) {
      const item = items[idx]!;
      const cand = drawLegal(c, st, seat, item, dice);
      if (!cand || seen.has(cand.key)) continue;
      seen.add(cand.key);
      consider(item.move, cand.order, false, cand);
    }
    scored.sort((a, b) => Number(b.forced) - Number(a.forced) || b.gain - a.gain || a.i - b.i);
    let left = left0;
    const usedMoves = new Set<string>();
    for (const s of scored) {
      if (s.cost > left || usedMoves.has(s.order.move)) continue;
      // The full check a human order gets; the sampling above only ran the formulas.
      if (!checkOrder(c, st, seat, s.order).ok) continue;
      usedMoves.add(s.order.move);
      left -= s.cost;
      if (c.moves[s.order.move]!.def.accept === "none") plan.orders.push(copyOrder(s.order));
      else plan.proposals.push(copyOrder(s.order));
    }
  }

  /**
   * Every legal order of `seat` with what the bot would gain by it (expected value over doing
   * nothing, doctrine included), best first: what a bot weighs, for authors balancing a scenario.
   */
  weighAll(st: GameState, seat: ActorId): { order: Order; gain: number }[] {
    const start = this.look.baseline(seat);
    const out: { order: Order; gain: number }[] = [];
    for (const item of botMenu(this.c, seat)) {
      for (const cand of item.candidates) {
        if (!checkOrder(this.c, st, seat, cand.order).ok) continue;
        const gain = this.expectedValue(st, seat, item.move, cand.order, undefined) - start + this.preference(seat, item.move);
        out.push({ order: copyOrder(cand.order), gain: this.redLine(seat, item.move) ? Number.NEGATIVE_INFINITY : gain });
      }
    }
    return out.sort((a, b) => b.gain - a.gain);
  }

  /**
   * weighAll's gain of one order split into what it is made of: per objective and per well-being
   * indicator, its change at once and (fast level) its delayed value, then the doctrine's
   * preference for the move. The parts sum to the gain; null for a red line or a broken formula.
   */
  explainGain(st: GameState, seat: ActorId, order: Order): GainParts | null {
    const m = this.c.moves[order.move];
    if (!m || this.redLine(seat, m)) return null;
    const { runs, outcome } = this.expectedRuns(st, seat, m, order, undefined, true);
    const parts = this.look.parts(runs, seat);
    if (!parts) return null;
    const objs = this.c.objectives[seat] ?? [];
    const prefer = this.c.doctrine[seat]?.prefer ?? {};
    const named = [...objs.map((o) => ({ kind: "objective" as const, id: o.def.label })), ...this.look.wellbeingIds(seat).map((id) => ({ kind: "wellbeing" as const, id }))];
    return {
      parts: named.map((p, i) => ({ ...p, now: parts.now[i]!, later: parts.later[i]! })),
      prefer: [m.id, m.def.category].filter((k) => prefer[k] !== undefined).map((k) => ({ id: k, value: prefer[k]! })),
      ...(outcome ? { outcome } : {}),
    };
  }

  // ---------------------------------------------------------------- reasons

  /**
   * A one-line reason a player can read: the objective that gains most from what the bot chose
   * (`chosen`) over the alternative, or the ally it backs, or its policy.
   */
  private reason(seat: ActorId, verb: string, chosen: readonly Run[], alternative: readonly Run[], loyalty: number, other: ActorId): string {
    const c = this.c;
    const name = actorName(c.scenario, seat);
    const a = this.look.breakdown(chosen, seat);
    const b = this.look.breakdown(alternative, seat);
    const objs = c.objectives[seat] ?? [];
    let best = -1;
    let bestDiff = 0;
    for (let i = 0; i < objs.length; i++) {
      const diff = (a[i] ?? 0) - (b[i] ?? 0);
      if (diff > bestDiff + 1e-9) {
        best = i;
        bestDiff = diff;
      }
    }
    if (best >= 0 && bestDiff >= 0.05) {
      const objective = objs[best]!.def;
      // The reason is said to another seat: a secret objective is never named (viewFor hides it too).
      if (objective.secret) return `${name} ${verb}: it serves an aim ${name} keeps to itself.`;
      return `${name} ${verb}: it serves its objective “${objective.label}” (+${bestDiff.toFixed(1)} score points over the coming months).`;
    }
    if (loyalty > 0) return `${name} ${verb}: ${actorName(c.scenario, other)} is an ally.`;
    return `${name} ${verb}: it weighs on none of its objectives either way, so it follows its policy.`;
  }
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

/**
 * A uniformly random legal candidate of a menu item, or null if none is legal. Candidates are drawn
 * without replacement until one passes, so only a few formulas run when most targets are legal.
 */
function drawLegal(c: Compiled, st: GameState, seat: ActorId, item: MenuItem, dice: number[]): Candidate | null {
  const all = item.candidates;
  const m = item.move;
  if (all.length === 1) return !all[0]!.never && formulasAllow(c, st, seat, m, all[0]!.order) ? all[0]! : null;
  // A Fisher–Yates draw that keeps only the positions it has changed (position -> index; absent:
  // the position's own index), so a draw costs no list of every index.
  let swapped: Map<number, number> | null = null;
  for (let n = all.length; n > 0; n--) {
    const j = Math.floor(nextFloat(dice) * n);
    const cand = all[swapped?.get(j) ?? j]!;
    if (!cand.never && formulasAllow(c, st, seat, m, cand.order)) return cand;
    swapped ??= new Map();
    swapped.set(j, swapped.get(n - 1) ?? n - 1);
  }
  return null;
}

/** A bot's decisions for a seat this turn. Pure: the state is not changed. */
export function botPlanCompiled(c: Compiled, st: GameState, seat: ActorId, opts: BotOptions = {}): BotPlan {
  return new Planner(c, st, opts).plan(st, seat);
}

/** Applies a plan for a seat and locks it in. Every step is checked like a human's. */
export function applyPlan(c: Compiled, st: GameState, seat: ActorId, plan: BotPlan): GameState {
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

/** Plans for a seat, applies the plan and locks it in. */
export function playBotCompiled(c: Compiled, st: GameState, seat: ActorId, opts: BotOptions = {}): GameState {
  return applyPlan(c, st, seat, botPlanCompiled(c, st, seat, opts));
}
