// Security Council drafts: every member votes yes, no or abstain. A seat's own vote counts when it
// answered; otherwise the move's `support` formula decides for that member (self = the member):
// above 0.25 yes, below -0.25 no, otherwise abstain. A draft passes with at least votesNeeded
// yes votes and no "no" from a permanent member; a permanent "no" on a draft that had the
// votes is a veto, and is recorded as such so formulas and per-vote effects can tell it apart.
import { Ctx } from "./env.ts";
import { evalNum } from "./formula.ts";
import type { Compiled } from "./rules.ts";
import type { ActorId, CastVote, EnvState, Order, Proposal, Vote } from "./types.ts";

export type Outcome = "passed" | "failed" | "vetoed";

/** The vote a member casts by the support formula on a draft of this order (abstain without one). */
export function supportVoteOn(c: Compiled, st: EnvState, order: Order, member: ActorId): Vote {
  const m = c.moves[order.move];
  if (!m?.support) return "abstain";
  const ctx = new Ctx(c, st, null, member, order.target ?? "", order.target2 ?? "", order.params);
  const v = evalNum(m.support, ctx);
  return v > 0.25 ? "yes" : v < -0.25 ? "no" : "abstain";
}

/** Every member's vote on a draft, in council order. */
export function councilVotes(c: Compiled, st: EnvState, p: Proposal): Record<ActorId, Vote> {
  const votes: Record<ActorId, Vote> = {};
  for (const member of c.council) {
    const a = p.answers[member];
    votes[member] = a === "yes" || a === "no" || a === "abstain" ? a : supportVoteOn(c, st, p.order, member);
  }
  return votes;
}

/** The outcome of a vote. */
export function tally(c: Compiled, votes: Readonly<Record<ActorId, Vote>>): Outcome {
  let yes = 0;
  let veto = false;
  for (const member of c.council) {
    const v = votes[member];
    if (v === "yes") yes++;
    else if (v === "no" && c.permanentSet.has(member)) veto = true;
  }
  const needed = c.scenario.council?.votesNeeded ?? 9;
  if (yes < needed) return "failed";
  return veto ? "vetoed" : "passed";
}

/** How each vote counted: a permanent member's "no" on a draft that had the votes is a veto. */
export function castVotes(c: Compiled, votes: Readonly<Record<ActorId, Vote>>, outcome: Outcome): Record<ActorId, CastVote> {
  const out: Record<ActorId, CastVote> = {};
  for (const member of c.council) {
    const v = votes[member] ?? "abstain";
    out[member] = outcome === "vetoed" && v === "no" && c.permanentSet.has(member) ? "veto" : v;
  }
  return out;
}
