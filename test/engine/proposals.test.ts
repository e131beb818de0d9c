// Rulebook: deals and Security Council drafts. Proposing spends capital at once; a deal takes
// effect only if its target accepts before the turn resolves (silence is a refusal); a draft
// passes with enough yes votes and no veto.
import { describe, expect, it } from "vitest";
import { answerProposal, propose, resolveTurn, submitOrders } from "../../shared/engine/api.ts";
import { code, gameWith, ok, quiet } from "./fixtures/build.ts";

describe("deals", () => {
  const { rules, state } = gameWith(quiet);
  const pact = { move: "pact", target: "B" };

  it("proposing creates a private proposal to the target and spends capital now", () => {
    const { state: s, proposal } = ok(propose(rules, state, "A", pact));
    expect(proposal).toMatchObject({ id: "p1-1", from: "A", kind: "deal", to: ["B"], public: false });
    // 1 spent on the pact: 2 capital left, so a 2-cost sanction fits and one more order does not.
    expect(submitOrders(rules, s, "A", [{ move: "sanction", target: "N", params: { sector: "labour" } }]).ok).toBe(true);
    expect(code(submitOrders(rules, s, "A", [{ move: "sanction", target: "N", params: { sector: "labour" } }, { move: "summit", target: "C" }]))).toBe("order/over_budget");
  });

  it("an accepted deal applies its effects with the proposer as self", () => {
    const { state: s, proposal } = ok(propose(rules, state, "A", pact));
    const answered = ok(answerProposal(rules, s, "B", proposal.id, "accept"));
    const { state: next, report } = resolveTurn(rules, answered);
    expect(next.treaties.some((t) => t.kind === "pact" && t.parties.includes("A") && t.parties.includes("B"))).toBe(true);
    expect(next.actors.A!.standing).toBe(3);
    expect(report.entries[0]).toMatchObject({ kind: "deal", actor: "A", target: "B", outcome: "accepted" });
  });

  it.each([
    ["rejected", "reject" as const],
    ["unanswered", undefined],
  ])("a %s deal applies onReject instead", (_, answer) => {
    const { state: s, proposal } = ok(propose(rules, state, "A", pact));
    const ready = answer ? ok(answerProposal(rules, s, "B", proposal.id, answer)) : s;
    const { state: next, report } = resolveTurn(rules, ready);
    expect(next.treaties.some((t) => t.kind === "pact")).toBe(false);
    expect(next.relations["A:B"]!.modifiers).toEqual([expect.objectContaining({ label: "Snubbed", value: -4 })]);
    expect(report.entries[0]).toMatchObject({ outcome: "rejected", visibility: { seats: ["A", "B"] } });
  });

  it("answers are checked", () => {
    const { state: s, proposal } = ok(propose(rules, state, "A", pact));
    // A seat that cannot see a private deal gets the same answer as for one that does not exist.
    expect(code(answerProposal(rules, s, "C", proposal.id, "accept"))).toBe("proposal/unknown");
    expect(code(answerProposal(rules, s, "A", proposal.id, "accept"))).toBe("proposal/not_addressee");
    expect(code(answerProposal(rules, s, "B", "p9-9", "accept"))).toBe("proposal/unknown");
    expect(code(answerProposal(rules, s, "B", proposal.id, "yes"))).toBe("proposal/bad_answer");
    const once = ok(answerProposal(rules, s, "B", proposal.id, "reject"));
    expect(code(answerProposal(rules, once, "B", proposal.id, "accept"))).toBe("proposal/answered");
  });

  it("a consent move cannot be ordered, an ordinary move cannot be proposed, and a deal needs a seat", () => {
    expect(code(propose(rules, state, "A", { move: "summit", target: "B" }))).toBe("order/not_proposal");
    expect(code(propose(rules, state, "A", { move: "pact", target: "N" }))).toBe("order/bad_target");
  });

  it("the same proposal twice in a turn is a duplicate", () => {
    const { state: s } = ok(propose(rules, state, "A", pact));
    expect(code(propose(rules, s, "A", pact))).toBe("order/duplicate");
  });
});

describe("Security Council drafts", () => {
  // Council: A and P permanent, B and C elected; 3 yes votes needed. P (not a seat) votes by the
  // support formula, which makes it oppose the panel renewal unless patched.
  const draft = { move: "renew_panel" };

  const vote = (support: string, votes: Record<string, "yes" | "no" | "abstain">) => {
    const { rules, state } = gameWith((s) => {
      quiet(s);
      s.council!.mandates!.panel!.active = false;
      s.moves.renew_panel!.support = support;
    });
    const { state: s, proposal } = ok(propose(rules, state, "B", draft));
    let ready = s;
    for (const [seat, v] of Object.entries(votes)) ready = ok(answerProposal(rules, ready, seat, proposal.id, v));
    return { proposal, ...resolveTurn(rules, ready) };
  };

  it("a draft goes to every member and is public; its author votes yes", () => {
    const { rules, state } = gameWith(quiet);
    const { proposal } = ok(propose(rules, state, "B", draft));
    expect(proposal).toMatchObject({ kind: "council", to: ["A", "P", "B", "C"], public: true, answers: { B: "yes" } });
  });

  it.each([
    ["passes with enough yes votes", "1", { A: "yes", C: "yes" }, "passed", true],
    ["fails without enough yes votes", "0", { A: "abstain", C: "yes" }, "failed", false],
    ["passes when a permanent member abstains", "self == P ? 1 : 0", { A: "abstain", C: "yes" }, "passed", true],
    ["is vetoed by a permanent member's no", "1", { A: "no", C: "yes" }, "vetoed", false],
    ["is vetoed when a non-seat permanent member opposes it by formula", "self == P ? -1 : 1", { A: "yes", C: "yes" }, "vetoed", false],
    ["passes when the non-seat permanent member abstains by formula", "self == P ? 0 : 1", { A: "yes", C: "yes" }, "passed", true],
  ] as const)("a draft %s", (_, support, votes, outcome, panel) => {
    const { state, report } = vote(support, votes);
    const entry = report.entries.find((e) => e.kind === "council")!;
    expect(entry.outcome).toBe(outcome);
    expect(entry.visibility).toBe("public");
    expect(state.mandates.panel).toBe(panel);
  });

  it("unanswered members vote by the support formula: > 0.25 yes, < -0.25 no, else abstain", () => {
    const { report } = vote("self == A ? 0.3 : self == C ? -0.3 : 0.2", {});
    const entry = report.entries.find((e) => e.kind === "council")!;
    expect(entry.votes).toEqual({ A: "yes", P: "abstain", B: "yes", C: "no" });
  });
});
