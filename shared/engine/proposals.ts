// Consent moves: a deal needs its target's accept; a Security Council draft needs the council's
// votes. Proposing spends capital at once; answers wait until the turn resolves.
import { checkOrder, copyOrder, fail, orderKey, spentBy } from "./orders.ts";
import type { Compiled } from "./rules.ts";
import type { ActorId, Answer, GameState, Proposal, Result, Vote } from "./types.ts";

/** Puts a consent move to its addressees. */
export function proposeCompiled(
  c: Compiled,
  st: GameState,
  seat: ActorId,
  order: Parameters<typeof checkOrder>[3],
): Result<{ state: GameState; proposal: Proposal }> {
  const r = checkOrder(c, st, seat, order);
  if (!r.ok) return r;
  if (st.locked[seat]) return fail("order/locked", "Your orders are locked in; unlock them first.");
  const m = c.moves[order.move]!;
  if (m.def.accept === "none") return fail("order/not_proposal", `${m.def.name} needs no consent: order it instead.`);
  const key = orderKey(order);
  if (st.proposals.some((p) => p.from === seat && orderKey(p.order) === key)) {
    return fail("order/duplicate", `You already proposed ${m.def.name} to the same party this turn.`);
  }
  const budget = c.scenario.turns.budget;
  const spent = spentBy(c, st, seat) + m.def.cost;
  if (spent > budget) return fail("order/over_budget", `This would cost ${spent} political capital in all; you have ${budget}.`);
  const council = m.def.accept === "council";
  const proposal: Proposal = {
    id: `p${st.turn}-${st.nextId}`,
    turn: st.turn,
    from: seat,
    order: copyOrder(order),
    kind: council ? "council" : "deal",
    to: council ? [...c.council] : [order.target!],
    answers: {},
    public: council,
  };
  // The author of a draft votes for it.
  if (council && c.councilSet.has(seat)) proposal.answers[seat] = "yes";
  return { ok: true, value: { state: { ...st, proposals: [...st.proposals, proposal], nextId: st.nextId + 1 }, proposal } };
}

/** Records a seat's answer to a deal (accept/reject) or its vote on a draft (yes/no/abstain). */
export function answerProposalCompiled(
  c: Compiled,
  st: GameState,
  seat: ActorId,
  proposalId: string,
  answer: Answer | Vote,
): Result<GameState> {
  if (st.phase === "over") return fail("game/over", "The game is over.");
  if (!c.seatSet.has(seat)) return fail("seat/unknown", `There is no playable seat '${seat}'.`);
  const i = st.proposals.findIndex((p) => p.id === proposalId);
  const p = st.proposals[i];
  // A proposal this seat cannot see answers exactly like one that does not exist (no leak of others' deals).
  if (!p || !(p.public || p.from === seat || p.to.includes(seat))) return fail("proposal/unknown", `There is no proposal '${String(proposalId)}' this turn.`);
  if (!p.to.includes(seat)) return fail("proposal/not_addressee", "This proposal is not addressed to you.");
  if (Object.hasOwn(p.answers, seat)) return fail("proposal/answered", "You have already answered this proposal.");
  const valid = p.kind === "deal" ? answer === "accept" || answer === "reject" : answer === "yes" || answer === "no" || answer === "abstain";
  if (!valid) {
    return fail("proposal/bad_answer", p.kind === "deal" ? "Answer accept or reject." : "Vote yes, no or abstain.");
  }
  const proposals = st.proposals.slice();
  proposals[i] = { ...p, answers: { ...p.answers, [seat]: answer } };
  return { ok: true, value: { ...st, proposals } };
}

/** Picks an option of an event waiting for this seat (may be changed until the turn resolves). */
export function chooseOptionCompiled(
  c: Compiled,
  st: GameState,
  seat: ActorId,
  pendingId: string,
  option: string,
): Result<GameState> {
  if (st.phase === "over") return fail("game/over", "The game is over.");
  const i = st.pending.findIndex((p) => p.id === pendingId);
  const p = st.pending[i];
  if (!p) return fail("event/unknown", `There is no event '${String(pendingId)}' waiting for a choice.`);
  if (p.seat !== seat) return fail("event/not_yours", "This choice belongs to another seat.");
  const ev = c.eventMap[p.event];
  if (!ev || typeof option !== "string" || !ev.options.has(option)) return fail("event/bad_option", `'${String(option)}' is not an option of this event.`);
  const pending = st.pending.slice();
  pending[i] = { ...p, choice: option };
  return { ok: true, value: { ...st, pending } };
}
