// Security Council drafts: every member votes yes, no or abstain. A seat's own vote counts when it
// answered; otherwise the move's `support` formula decides for that member (self = the member):
// above 0.25 yes, below -0.25 no, otherwise abstain. A draft passes with at least votesNeeded
// yes votes and no "no" from a permanent member; a permanent "no" on a draft that had the
// votes is a veto.
import { Ctx, type EnvState } from "./env.ts";
import { evalNum } from "./formula.ts";
import type { Compiled } from "./rules.ts";
import type { ActorId, Order, Proposal, Vote } from "./types.ts";

/** The vote a member casts by the support formula (abstain without one). */
export function supportVote(c: Compiled, st: EnvState, p: Proposal, member: ActorId): Vote {
  return supportVoteOn(c, st, p.order, member);
}

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
    votes[member] = a === "yes" || a === "no" || a === "abstain" ? a : supportVote(c, st, p, member);
  }
  return votes;
}

/** The outcome of a vote. */
export function tally(c: Compiled, votes: Record<ActorId, Vote>): "passed" | "failed" | "vetoed" {
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
