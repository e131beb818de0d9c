// Rulebook: the control cell's own changes. A custom inject changes the scenario's indicators at
// once (within their bounds) and joins the next turn's report with each change explained as the
// facilitator's; an override sets a value and must say why. Both are pure: the same call on the
// same state gives the same state, so a replay of the log repeats them. A ruling on a deal's or a
// Security Council draft's outcome is one of the turn's inputs: resolution gives the proposal that
// outcome whatever the answers, and the news says so with the reason.
import { describe, expect, it } from "vitest";
import { answerProposal, applyControl, endAfter, propose, resolveTurn, ruleOutcome, stateHash, viewFor } from "../../shared/engine/api.ts";
import type { CustomInject } from "../../shared/engine/api.ts";
import { code, gameWith, ok, quiet } from "./fixtures/build.ts";

const inject: CustomInject = {
  kind: "inject",
  id: "control-1",
  headline: "Typhoon hits Aland's ports",
  text: "Shipping stops for a week.",
  changes: [
    { subject: "A.stability", by: -10 },
    { subject: "world.tension", by: 75 },
  ],
};

describe("custom inject", () => {
  it("changes indicators at once, clamped to their bounds, and the next report explains them as the facilitator's", () => {
    const { rules, state } = gameWith(quiet);
    const { state: next, entry } = ok(applyControl(rules, state, inject));
    expect(next.actors["A"]!["stability"]).toBe(50);
    expect(next.world["tension"]).toBe(100); // 40 + 75, capped at the indicator's max
    expect(state.actors["A"]!["stability"]).toBe(60); // the input is untouched
    expect(entry).toMatchObject({ kind: "inject", id: "control-1", headline: "Typhoon hits Aland's ports", visibility: "public" });
    const { report } = resolveTurn(rules, next);
    expect(report.entries.find((e) => e.id === "control-1")?.headline).toBe("Typhoon hits Aland's ports");
    const why = report.explanations.find((x) => x.subject === "A.stability");
    expect(why?.causes.some((c) => c.kind === "facilitator")).toBe(true);
  });

  it("is deterministic: the same inject on the same state gives the same state", () => {
    const { rules, state } = gameWith(quiet);
    expect(stateHash(ok(applyControl(rules, state, inject)).state)).toBe(stateHash(ok(applyControl(rules, state, inject)).state));
  });

  it("refuses unknown indicators, actors and missing numbers", () => {
    const { rules, state } = gameWith(quiet);
    expect(code(applyControl(rules, state, { ...inject, changes: [{ subject: "A.morale", by: 1 }] }))).toBe("control/unknown_indicator");
    expect(code(applyControl(rules, state, { ...inject, changes: [{ subject: "Z.stability", by: 1 }] }))).toBe("control/unknown_indicator");
    expect(code(applyControl(rules, state, { ...inject, changes: [{ subject: "world.tension" }] }))).toBe("control/bad_value");
    expect(code(applyControl(rules, state, { ...inject, headline: " " }))).toBe("control/bad_value");
  });
});

describe("adjudication override", () => {
  it("sets a value and carries its reason; without a reason it is refused", () => {
    const { rules, state } = gameWith(quiet);
    const override: CustomInject = { kind: "override", id: "control-2", headline: "Control rules on Bland's stability", changes: [{ subject: "B.stability", to: 20 }], reason: "the coup succeeded in the room" };
    const { state: next, entry } = ok(applyControl(rules, state, override));
    expect(next.actors["B"]!["stability"]).toBe(20);
    expect(entry.text).toContain("the coup succeeded in the room");
    expect(code(applyControl(rules, state, { ...override, reason: "" }))).toBe("control/bad_value");
  });
});

describe("ruling on an outcome", () => {
  const pact = { move: "pact", target: "B" };

  it("forces a refused deal through: its effects apply, and the news carries the ruling and its reason to the parties only", () => {
    const { rules, state } = gameWith(quiet);
    const { state: s, proposal } = ok(propose(rules, state, "A", pact));
    const refused = ok(answerProposal(rules, s, "B", proposal.id, "reject"));
    const ruled = ok(ruleOutcome(rules, refused, proposal.id, "accepted", "the envoys shook hands in the room"));
    const { state: next, report } = resolveTurn(rules, ruled);
    expect(next.treaties.some((t) => t.kind === "pact" && t.parties.includes("B"))).toBe(true);
    expect(report.entries.find((e) => e.kind === "deal")).toMatchObject({ outcome: "accepted" });
    const news = report.entries.find((e) => e.id === `ruling-${proposal.id}`)!;
    expect(news.headline).toMatch(/^Control's ruling: .*goes ahead$/);
    expect(news.text).toBe("Ruling by the control cell: the envoys shook hands in the room");
    // Without the ruling the same state refuses the deal.
    expect(resolveTurn(rules, refused).state.treaties.some((t) => t.kind === "pact")).toBe(false);
  });

  it("forces an accepted deal to fail: onReject applies instead", () => {
    const { rules, state } = gameWith(quiet);
    const { state: s, proposal } = ok(propose(rules, state, "A", pact));
    const accepted = ok(answerProposal(rules, s, "B", proposal.id, "accept"));
    const { state: next, report } = resolveTurn(rules, ok(ruleOutcome(rules, accepted, proposal.id, "rejected", "B's parliament refused")));
    expect(next.treaties.some((t) => t.kind === "pact")).toBe(false);
    expect(report.entries.find((e) => e.kind === "deal")).toMatchObject({ outcome: "rejected", visibility: { seats: ["A", "B"] } });
    expect(report.entries.find((e) => e.id === `ruling-${proposal.id}`)).toMatchObject({ visibility: { seats: ["A", "B"] } });
  });

  it("forces a council draft to pass or fail whatever the votes, and records the votes as cast", () => {
    const { rules, state } = gameWith((s) => {
      quiet(s);
      s.moves.renew_panel!.support = -1; // every member left to its support votes no
    });
    const { state: s, proposal } = ok(propose(rules, state, "B", { move: "renew_panel" }));
    const asVoted = resolveTurn(rules, s).report.entries.find((e) => e.kind === "council")!;
    expect(asVoted.outcome).not.toBe("passed");
    const { report } = resolveTurn(rules, ok(ruleOutcome(rules, s, proposal.id, "passed", "the room voted it through")));
    const draft = report.entries.find((e) => e.kind === "council")!;
    expect(draft.outcome).toBe("passed");
    expect(draft.votes).toEqual(asVoted.votes);
    const news = report.entries.find((e) => e.id === `ruling-${proposal.id}`)!;
    expect(news).toMatchObject({ visibility: "public", text: "Ruling by the control cell: the room voted it through" });
    expect(news.headline).toMatch(/^Control's ruling: .*Security Council draft.*passes$/);
  });

  it("is seen only by the control cell until the turn resolves", () => {
    const { rules, state } = gameWith(quiet);
    const { state: s, proposal } = ok(propose(rules, state, "B", { move: "renew_panel" }));
    const ruled = ok(ruleOutcome(rules, s, proposal.id, "failed", "a procedural error"));
    expect(viewFor(rules, ruled, "facilitator").proposals[0]!.ruling).toEqual({ outcome: "failed", reason: "a procedural error" });
    expect(viewFor(rules, ruled, "A").proposals[0]!.ruling).toBeUndefined();
    expect(viewFor(rules, ruled, "observer").proposals[0]!.ruling).toBeUndefined();
  });

  it("is checked: the proposal must exist, the outcome must fit its kind, and a reason is required; null clears it", () => {
    const { rules, state } = gameWith(quiet);
    const { state: s, proposal } = ok(propose(rules, state, "A", pact));
    expect(code(ruleOutcome(rules, s, "p9-9", "accepted", "why"))).toBe("proposal/unknown");
    expect(code(ruleOutcome(rules, s, proposal.id, "passed", "why"))).toBe("control/bad_value");
    expect(code(ruleOutcome(rules, s, proposal.id, "accepted", " "))).toBe("control/bad_value");
    const ruled = ok(ruleOutcome(rules, s, proposal.id, "accepted", "why"));
    const cleared = ok(ruleOutcome(rules, ruled, proposal.id, null, ""));
    expect(cleared.proposals[0]!.ruling).toBeUndefined();
    expect(stateHash(cleared)).toBe(stateHash(s));
    expect(stateHash(ok(ruleOutcome(rules, s, proposal.id, "accepted", "why")))).toBe(stateHash(ruled));
  });
});

describe("ending the game early", () => {
  it("ends the game when the chosen turn resolves, says so in every view, and can be taken back", () => {
    const { rules, state } = gameWith(quiet);
    const turns = rules.scenario.turns.count;
    expect(turns).toBeGreaterThan(2);
    const early = ok(endAfter(rules, state, 2));
    expect(viewFor(rules, early, "A").lastTurn).toBe(2);
    expect(viewFor(rules, early, "observer").lastTurn).toBe(2);
    const one = resolveTurn(rules, early).state;
    expect(one.phase).toBe("orders");
    const two = resolveTurn(rules, one).state;
    expect(two.phase).toBe("over");
    expect(two.turn).toBe(3);
    // Taken back: the game runs the scenario's length again.
    const onAgain = ok(endAfter(rules, one, null));
    expect(onAgain.lastTurn).toBeUndefined();
    expect(resolveTurn(rules, onAgain).state.phase).toBe("orders");
    // Pure: the same call gives the same state (a replay of the log repeats it).
    expect(stateHash(ok(endAfter(rules, state, 2)))).toBe(stateHash(early));
  });

  it("refuses a turn already played or beyond the scenario, and a finished game", () => {
    const { rules, state } = gameWith(quiet);
    const one = resolveTurn(rules, state).state;
    expect(code(endAfter(rules, one, 1))).toBe("control/bad_value");
    expect(code(endAfter(rules, one, rules.scenario.turns.count + 1))).toBe("control/bad_value");
    const over = resolveTurn(rules, ok(endAfter(rules, one, 2))).state;
    expect(code(endAfter(rules, over, null))).toBe("game/over");
  });
});
