// What each viewer may see. The engine decides secrecy here; the server only carries it out.
// A seat sees its own orders, covert actions, pending choices and the proposals it is party to;
// others' secret objectives are hidden until the game is over. Observers see only what is public.
import type { Scenario } from "../scenario/schema.ts";
import { filterExplanation, visibleTo } from "./explain.ts";
import { spentBy } from "./orders.ts";
import type { Compiled } from "./rules.ts";
import { publicCard, scoreAllCompiled } from "./score.ts";
import type { ActorId, GameState, GameView, HistoryPoint, ModifierCause, Proposal, Relation, ScoreCard, TurnReport } from "./types.ts";

type Viewer = ActorId | "observer" | "facilitator";

// Every viewer's view of one state needs the same score cards: computed once per state object
// (states are not changed after they are returned, so the state object is a safe key), and kept
// while none of the parts a card is computed from changes. Formulas (env.ts) never read orders,
// locks, proposals, covert actions or pending choices, so an order keeps the cards it found: the
// room's refresh after each order then finds every card unchanged by identity.
const SCORED_PARTS = ["turn", "phase", "actors", "world", "relations", "trade", "influence", "sanctions", "treaties", "mandates", "fired", "lastMoves", "lastDone", "lastVotes", "objectiveBaseline"] as const satisfies readonly (keyof GameState)[];
type Cards = ReturnType<typeof scoreAllCompiled>;
const cardMemo = new WeakMap<GameState, { c: Compiled; cards: Cards }>();
const cardsByActors = new WeakMap<GameState["actors"], { c: Compiled; parts: unknown[]; cards: Cards }>();
function cardsOf(c: Compiled, st: GameState): Cards {
  const hit = cardMemo.get(st);
  if (hit && hit.c === c) return hit.cards;
  const parts = SCORED_PARTS.map((k) => st[k]);
  const earlier = cardsByActors.get(st.actors);
  let cards: Cards;
  if (earlier && earlier.c === c && earlier.parts.every((p, i) => p === parts[i])) cards = earlier.cards;
  else cardsByActors.set(st.actors, { c, parts, cards: (cards = scoreAllCompiled(c, st)) });
  cardMemo.set(st, { c, cards });
  return cards;
}

// Every viewer but the card's own seat sees the same public card: one object per card, not per view.
const publicMemo = new WeakMap<ScoreCard, ScoreCard>();
function publicCardOf(c: Compiled, card: ScoreCard): ScoreCard {
  let pub = publicMemo.get(card);
  if (!pub) publicMemo.set(card, (pub = publicCard(c, card)));
  return pub;
}

// A viewer's set of cards, one object per cards and viewer ("" sees every card whole): unchanged
// cards give the very same `scores`, which the room's mirror then skips without comparing.
const scoresMemo = new WeakMap<Cards, Map<string, GameView["scores"]>>();
function scoresFor(c: Compiled, cards: Cards, wholeFor: ActorId | ""): GameView["scores"] {
  let byViewer = scoresMemo.get(cards);
  if (!byViewer) scoresMemo.set(cards, (byViewer = new Map()));
  let scores = byViewer.get(wholeFor);
  if (!scores) {
    scores = {};
    for (const s of c.seats) scores[s] = wholeFor === "" || s === wholeFor ? cards[s]! : publicCardOf(c, cards[s]!);
    byViewer.set(wholeFor, scores);
  }
  return scores;
}

/** The view of a game for a seat, an observer or the facilitator. */
export function viewForCompiled(c: Compiled, st: GameState, viewer: Viewer): GameView {
  const all = viewer === "facilitator";
  const over = st.phase === "over";
  const seat = c.seatSet.has(viewer) ? viewer : null;
  const scores = scoresFor(c, cardsOf(c, st), all || over ? "" : (seat ?? "observer"));

  const view: GameView = {
    viewer,
    scenario: st.scenario,
    seed: all || over ? st.seed : "",
    turn: st.turn,
    phase: st.phase,
    actors: st.actors,
    world: st.world,
    relations: all ? st.relations : hideCovertModifiers(st, seat),
    trade: st.trade,
    influence: st.influence,
    sanctions: st.sanctions,
    treaties: st.treaties,
    mandates: st.mandates,
    orders: all ? st.orders : seat ? { [seat]: st.orders[seat] ?? [] } : {},
    locked: st.locked,
    proposals: all ? st.proposals : st.proposals.filter((p) => p.public || p.from === seat || (seat !== null && p.to.includes(seat))).map(withoutRuling),
    covert: all ? st.covert : st.covert.filter((x) => x.by === seat || x.discovered !== undefined),
    pending: all ? st.pending : st.pending.filter((p) => p.seat === seat),
    fired: st.fired,
    lastMoves: all ? st.lastMoves : visibleMoves(c, st.lastMoves, seat),
    lastVotes: st.lastVotes,
    baseline: st.baseline,
    // The counter moves with private proposals: only the facilitator sees it.
    nextId: all ? st.nextId : 0,
    scores,
  };
  if (st.objectiveBaseline) {
    view.objectiveBaseline = all || over ? st.objectiveBaseline : seat ? { [seat]: st.objectiveBaseline[seat] ?? [] } : {};
  }
  if (st.lastDone) view.lastDone = visibleDone(c, st.lastDone, all ? "all" : seat);
  if (all && st.injected) view.injected = st.injected;
  // Everyone knows when the game ends.
  if (st.lastTurn !== undefined) view.lastTurn = st.lastTurn;
  if (seat) view.budget = { total: c.scenario.turns.budget, spent: spentBy(c, st, seat) };
  return view;
}

/** The control cell's ruling stays with the control cell until the turn resolves (then it is in the news). */
function withoutRuling(p: Proposal): Proposal {
  if (!p.ruling) return p;
  const { ruling: _hidden, ...rest } = p;
  return rest;
}

/** The covert actions of a state that have been exposed (their causes and entries are public). */
function discoveredIn(st: Pick<GameState, "covert">): Set<string> {
  return new Set(st.covert.filter((x) => x.discovered !== undefined).map((x) => x.id));
}

/**
 * A turn's report as a viewer may see it now: covert actions exposed since (in `st`) show in full;
 * the facilitator sees everything.
 */
export function reportForCompiled(st: Pick<GameState, "covert">, report: TurnReport, viewer: Viewer): TurnReport {
  if (viewer === "facilitator") return report;
  return filterReport(report, viewer, discoveredIn(st));
}

/**
 * A history point as a viewer may see it: until the end, every seat's total counts public
 * objectives only, the viewer's own included (so a chart compares like with like; a seat's own
 * secret objectives are on its score card).
 */
export function historyForCompiled(point: HistoryPoint, viewer: Viewer, over: boolean): HistoryPoint {
  if (viewer === "facilitator" || over) return point;
  return publicHistory(point);
}

function filterReport(r: TurnReport, viewer: Viewer, discovered: ReadonlySet<string>): TurnReport {
  return {
    turn: r.turn,
    date: r.date,
    entries: r.entries.filter((e) => visibleTo(e.visibility, e.covertId, viewer, discovered)),
    explanations: r.explanations.map((x) => filterExplanation(x, viewer, discovered)),
  };
}

// Covert moves are left out of others' lists of last turn's moves.
function visibleMoves(c: Compiled, lastMoves: GameState["lastMoves"], seat: ActorId | null): GameState["lastMoves"] {
  const out: GameState["lastMoves"] = {};
  for (const a of Object.keys(lastMoves)) {
    const list = lastMoves[a] ?? [];
    out[a] = a === seat ? list : list.filter((m) => c.moves[m]?.def.visibility !== "covert");
  }
  return out;
}

// When each move was last carried out, as a viewer may see it: only the moves formulas read with
// monthsSince (the rest would be a score of changing numbers on the wire each turn, read by no
// one), and a covert one only by its author (and the facilitator). One object per record and
// viewer, so the room's mirror skips the field by identity while it does not change.
const doneMemo = new WeakMap<NonNullable<GameState["lastDone"]>, Map<ActorId | null, NonNullable<GameState["lastDone"]>>>();
function visibleDone(c: Compiled, lastDone: NonNullable<GameState["lastDone"]>, seat: ActorId | null | "all"): NonNullable<GameState["lastDone"]> {
  let bySeat = doneMemo.get(lastDone);
  if (!bySeat) doneMemo.set(lastDone, (bySeat = new Map()));
  let out = bySeat.get(seat);
  if (!out) {
    out = {};
    for (const [a, done] of Object.entries(lastDone)) {
      const shown = Object.entries(done).filter(([m]) => (c.datedMoves === "all" || c.datedMoves.has(m)) && (seat === "all" || a === seat || c.moves[m]?.def.visibility !== "covert"));
      if (shown.length > 0) out[a] = Object.fromEntries(shown);
    }
    bySeat.set(seat, out);
  }
  return out;
}

// A modifier left by a covert move or a refused private deal still counts (the relation is what it
// is) but its origin is hidden from those who may not know it.
// Memoised per relations, covert list and seat: an order changes neither, so successive states
// share the relations object, and handing back the same filtered object lets the server's
// mirror skip the field by identity instead of comparing hundreds of modifiers per viewer.
const hiddenMemo = new WeakMap<GameState["relations"], WeakMap<GameState["covert"], Map<ActorId | null, GameState["relations"]>>>();
function hideCovertModifiers(st: Pick<GameState, "relations" | "covert">, seat: ActorId | null): GameState["relations"] {
  let byCovert = hiddenMemo.get(st.relations);
  if (!byCovert) hiddenMemo.set(st.relations, (byCovert = new WeakMap()));
  let bySeat = byCovert.get(st.covert);
  if (!bySeat) byCovert.set(st.covert, (bySeat = new Map()));
  let out = bySeat.get(seat);
  if (!out) bySeat.set(seat, (out = withCovertHidden(st.relations, seat, discoveredIn(st))));
  return out;
}

function withCovertHidden(relations: GameState["relations"], seat: ActorId | null, discovered: ReadonlySet<string>): GameState["relations"] {
  const out: Record<string, Relation> = {};
  let anyHidden = false;
  for (const key of Object.keys(relations)) {
    const rel = relations[key]!;
    const hidden = rel.modifiers.some((m) => isHidden(m.cause, seat, discovered));
    anyHidden ||= hidden;
    out[key] = !hidden
      ? rel
      : {
          base: rel.base,
          modifiers: rel.modifiers.map((m) =>
            isHidden(m.cause, seat, discovered) ? { label: "Unexplained shift", value: m.value, fades: m.fades, cause: UNKNOWN_CAUSE, turn: m.turn } : m,
          ),
        };
  }
  return anyHidden ? out : relations;
}

/**
 * A relation as it travels to players: its value (base plus its opinion modifiers, summed as
 * `relationValue` sums them, before clamping) as the base, with no modifiers. Screens show a
 * relation's value, never its modifiers, which in a late game are hundreds per game and were
 * half of every turn's state patch; a player asks for a relation's modifiers when they want to
 * know why (the room's `opinions` request). The value is the same for every viewer (a hidden
 * modifier still counts), so no seat's relations differ from the public ones. Memoised per
 * relation: an order leaves relations as they are, and the same objects let the server's mirror
 * skip them by identity.
 */
export function summedRelations(relations: GameState["relations"]): GameState["relations"] {
  let out = summedMemo.get(relations);
  if (!out) {
    out = {};
    for (const key of Object.keys(relations)) out[key] = summedRelation(relations[key]!);
    summedMemo.set(relations, out);
  }
  return out;
}
const summedMemo = new WeakMap<GameState["relations"], GameState["relations"]>();
const summedOne = new WeakMap<Relation, Relation>();
function summedRelation(rel: Relation): Relation {
  if (rel.modifiers.length === 0) return rel;
  let out = summedOne.get(rel);
  if (!out) {
    let v = rel.base;
    for (const m of rel.modifiers) v += m.value;
    summedOne.set(rel, (out = { base: v, modifiers: [] }));
  }
  return out;
}

const UNKNOWN_CAUSE: ModifierCause = { kind: "unknown", id: "unknown" };

function isHidden(cause: ModifierCause, seat: ActorId | null, discovered: ReadonlySet<string>): boolean {
  if (cause.covertId !== undefined) return cause.actor !== seat && !discovered.has(cause.covertId);
  if (cause.seats) return seat === null || !cause.seats.includes(seat);
  return false;
}

function publicHistory(h: HistoryPoint): HistoryPoint {
  const scores: Record<ActorId, number> = {};
  for (const s of Object.keys(h.scores)) scores[s] = h.publicScores?.[s] ?? 0;
  const out: HistoryPoint = { turn: h.turn, actors: h.actors, world: h.world, scores };
  if (h.publicScores) out.publicScores = h.publicScores;
  return out;
}

// A compiled scenario's public copies, one per viewer: built once, shared by every join (callers
// must treat the result as read-only).
const publicCopies = new WeakMap<Compiled, Map<Viewer, Scenario>>();

/** The scenario with other seats' secret objectives removed (all kept for the facilitator). */
export function publicScenarioCompiled(c: Compiled, viewer: Viewer): Scenario {
  let byViewer = publicCopies.get(c);
  if (!byViewer) {
    byViewer = new Map();
    publicCopies.set(c, byViewer);
  }
  const key: Viewer = viewer === "facilitator" || c.seatSet.has(viewer) ? viewer : "observer";
  let copy = byViewer.get(key);
  if (!copy) {
    copy = structuredClone(c.scenario);
    if (key !== "facilitator") {
      for (const id of Object.keys(copy.objectives)) {
        if (id !== key) copy.objectives[id] = copy.objectives[id]!.filter((o) => !o.secret);
      }
    }
    byViewer.set(key, copy);
  }
  return copy;
}
