// The move card says a proposal's capital is spent even if refused, because the engine charges it so.
import { describe, expect, it } from "vitest";
import { answerProposal, moveOptions, propose, viewFor } from "../../shared/engine/api.ts";
import { proposalCostNote } from "../../client/src/ui/orders-panel.ts";
import { freshGame } from "./fixtures.ts";

describe("what a proposal costs", () => {
  it("is spent when sent and stays spent after a refusal, as the Send proposal button says", () => {
    const { rules, state } = freshGame();
    const summit = moveOptions(rules, state, "CHN").find((o) => o.move === "bilateral_summit")!;
    const target = summit.targets.find((t) => t.legal)!.id;
    const sent = propose(rules, state, "CHN", { move: "bilateral_summit", target });
    if (!sent.ok) throw new Error(sent.error.message);
    const refused = answerProposal(rules, sent.value.state, target, sent.value.proposal.id, "reject");
    if (!refused.ok) throw new Error(refused.error.message);
    const budget = viewFor(rules, refused.value, "CHN").budget!;
    expect(budget.spent).toBe(summit.cost);
    expect(proposalCostNote(summit.accept, summit.cost)).toBe(`Sending it costs ${summit.cost} political capital this turn, spent even if they refuse.`);
  });

  it("says the same of a council draft, and nothing for a free move or a plain order", () => {
    expect(proposalCostNote("council", 2)).toBe("Tabling it costs 2 political capital this turn, spent even if the vote fails.");
    expect(proposalCostNote("target", 0)).toBeNull();
    expect(proposalCostNote("none", 1)).toBeNull();
  });
});
