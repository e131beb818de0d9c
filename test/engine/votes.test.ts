// Rulebook: votes with consequences. How each member voted on a draft is recorded (a permanent
// member's "no" on a draft that had the votes counts as a veto), formulas read it with voted(),
// and a draft's per-vote effects run for each member by its vote, so a veto and an abstention
// cost differently. Third parties react through forEach effects, which can read bloc().
import { describe, expect, it } from "vitest";
import { answerProposal, createGame, propose, resolveTurn, submitOrders } from "../../shared/engine/api.ts";
import type { GameState, Vote } from "../../shared/engine/types.ts";
import type { ScenarioInput } from "../../shared/scenario/schema.ts";
import { gameWith, ok, quiet, rulesWith } from "./fixtures/build.ts";

/** The mini fixture's panel draft with per-vote effects and a rule that reads the votes. */
function withVoteEffects(s: ScenarioInput): void {
  quiet(s);
  s.moves.renew_panel!.support = 0; // non-seat P abstains unless a test says otherwise
  s.moves.renew_panel!.onVote = {
    veto: [{ change: "self.standing", by: -6, because: "Vetoed the panel" }],
    abstain: [{ change: "self.standing", by: -1, because: "Abstained on the panel" }],
    yes: [{ relation: ["self", "target"], by: 2, label: "Voted with the author" }],
  };
  s.dynamics = [{ id: "remember_veto", label: "A veto is remembered", when: "voted(A, 'renew_panel', 'veto')", effects: [{ change: "world.tension", by: 7 }] }];
}

/** B tables the panel draft; each listed member answers. */
function vote(st: GameState, rules: ReturnType<typeof rulesWith>, answers: Record<string, Vote>): GameState {
  let s = ok(propose(rules, st, "B", { move: "renew_panel" })).state;
  const id = s.proposals.at(-1)!.id;
  for (const [member, v] of Object.entries(answers)) s = ok(answerProposal(rules, s, member, id, v));
  return s;
}

describe("votes with consequences", () => {
  it("records a permanent member's decisive no as a veto, and voted() reads it", () => {
    const { rules, state } = gameWith(withVoteEffects);
    const { state: next, report } = resolveTurn(rules, vote(state, rules, { A: "no", C: "yes" }));
    // yes: B (author), C; P by support 0 abstains: 2 yes < 3 needed, so A's no is not a veto.
    expect(report.entries.find((e) => e.kind === "council")!.outcome).toBe("failed");
    expect(next.lastVotes.renew_panel).toMatchObject({ A: "no", B: "yes", C: "yes", P: "abstain" });
    expect(next.world.tension).toBe(40);
  });

  it("a veto and an abstention cost the member differently (same seed, same draft)", () => {
    const rules = rulesWith((s) => {
      withVoteEffects(s);
      s.moves.renew_panel!.support = "self == P ? 1 : 0"; // P votes yes: B, C, P make 3
    });
    const vetoed = resolveTurn(rules, vote(createGame(rules, "v"), rules, { A: "no", C: "yes" }));
    const abstained = resolveTurn(rules, vote(createGame(rules, "v"), rules, { A: "abstain", C: "yes" }));
    expect(vetoed.report.entries.find((e) => e.kind === "council")!.outcome).toBe("vetoed");
    expect(abstained.report.entries.find((e) => e.kind === "council")!.outcome).toBe("passed");
    expect(vetoed.state.lastVotes.renew_panel!.A).toBe("veto");
    expect(abstained.state.lastVotes.renew_panel!.A).toBe("abstain");
    expect(vetoed.state.actors.A!.standing).toBe(-6);
    expect(abstained.state.actors.A!.standing).toBe(-1);
    // The rule that reads voted(A, ..., "veto") fires only after the veto.
    expect(vetoed.state.world.tension).toBe(47);
    expect(abstained.state.world.tension).toBe(40);
    // Yes-voters warm to the author (target = the author, B).
    expect(abstained.state.relations["B:C"]!.modifiers[0]).toMatchObject({ label: "Voted with the author", value: 2 });
    // The per-vote effect is explained with the member as the actor.
    const cause = vetoed.report.explanations.find((x) => x.subject === "A.standing")!.causes[0]!;
    expect(cause).toMatchObject({ kind: "vote", id: "renew_panel", actor: "A", label: "Vetoed the panel", delta: -6 });
  });
});

describe("third parties react", () => {
  it("forEach runs effects for every actor matching `where`, with `other` bound and bloc() readable", () => {
    const { rules, state } = gameWith((s) => {
      quiet(s);
      s.actors.B!.bloc = "west";
      s.actors.C!.bloc = "west";
      s.actors.N!.bloc = "east";
      s.moves.calm!.effects = [
        { forEach: "actors", where: "bloc(other) == 'west' and other != self", effects: [{ relation: ["other", "self"], by: -3, label: "Watched with suspicion" }, { change: "other.stability", by: 1 }] },
      ];
    });
    const next = resolveTurn(rules, ok(submitOrders(rules, state, "A", [{ move: "calm" }]))).state;
    expect(next.relations["A:B"]!.modifiers.map((m) => m.label)).toEqual(["Watched with suspicion"]);
    expect(next.relations["A:C"]!.modifiers.map((m) => m.value)).toEqual([-3]);
    expect(next.relations["A:N"]!.modifiers).toEqual([]);
    expect([next.actors.B!.stability, next.actors.C!.stability, next.actors.N!.stability]).toEqual([51, 51, 30]);
  });
});

describe("preconditions at resolution", () => {
  it("a once-only draft tabled twice in a month passes once; the second lapses with the author's reason", () => {
    const rules = rulesWith((s) => {
      quiet(s);
      s.council!.mandates!.panel!.active = false;
      s.moves.renew_panel!.support = 1;
      s.moves.renew_panel!.requires = [{ when: "not mandate('panel')", otherwise: "The panel is already at work." }];
    });
    let st = createGame(rules, "twice");
    st = ok(propose(rules, st, "B", { move: "renew_panel" })).state;
    st = ok(propose(rules, st, "C", { move: "renew_panel" })).state;
    const { state: next, report } = resolveTurn(rules, st);
    const drafts = report.entries.filter((e) => e.kind === "council" && e.outcome !== undefined);
    expect(drafts.map((e) => [e.actor, e.outcome])).toEqual([
      ["B", "passed"],
      ["C", "lapsed"],
    ]);
    expect(drafts[1]!.text).toBe("The panel is already at work.");
    expect(next.mandates.panel).toBe(true);
    expect(report.entries.filter((e) => e.headline.includes("renews the panel"))).toHaveLength(1);
  });

  it("an order whose requirement an earlier order of the same turn broke lapses and does nothing", () => {
    const rules = rulesWith((s) => {
      quiet(s);
      s.world!.tension!.initial = 14;
    });
    // calm needs tension > 10: A's calm takes it to 9, so B's calm (same category, later seat) lapses.
    let st = createGame(rules, "calm");
    st = ok(submitOrders(rules, st, "A", [{ move: "calm" }]));
    st = ok(submitOrders(rules, st, "B", [{ move: "calm" }]));
    const { state: next, report } = resolveTurn(rules, st);
    expect(next.world.tension).toBe(9);
    expect(report.entries.filter((e) => e.id === "calm").map((e) => [e.actor, e.outcome ?? "done"])).toEqual([
      ["A", "done"],
      ["B", "lapsed"],
    ]);
    expect(next.lastMoves.B).toEqual([]);
  });

  it("monthsSince: a move spaced out by its requires can be given again only when the months have passed", () => {
    const rules = rulesWith((s) => {
      quiet(s);
      s.world!.tension!.initial = 90;
      s.moves.calm!.requires = [{ when: "monthsSince(self, 'calm') >= 3", otherwise: "Talks need three months to prepare." }];
    });
    const calm = (st: GameState) => submitOrders(rules, st, "A", [{ move: "calm" }]);
    let st = createGame(rules, "spaced");
    expect(ok(calm(st)).orders.A).toEqual([{ move: "calm" }]);
    st = resolveTurn(rules, ok(calm(st))).state; // calm in turn 1
    const refused = (s: GameState) => {
      const r = calm(s);
      return r.ok ? "accepted" : r.error.message;
    };
    expect(refused(st)).toMatch(/Talks need three months to prepare/); // turn 2: 1 month since
    st = resolveTurn(rules, st).state;
    expect(refused(st)).toMatch(/Talks need three months to prepare/); // turn 3: 2 months since
    st = resolveTurn(rules, st).state;
    expect(calm(st).ok).toBe(true); // turn 4: 3 months since
    expect(st.lastDone?.A).toEqual({ calm: 1 });
    // A seat that never did it may do it at once, and others' moves do not count.
    expect(submitOrders(rules, st, "B", [{ move: "calm" }]).ok).toBe(true);
  });

  it("monthsSince: an accepted deal counts for both sides, so a partner who just signed waits too", () => {
    const rules = rulesWith((s) => {
      quiet(s);
      s.moves.pact!.effects = [{ change: "self.standing", by: 3 }];
      s.moves.pact!.requires = [{ when: "monthsSince(self, 'pact') >= 3", otherwise: "A pact takes three months to negotiate." }];
    });
    let st = createGame(rules, "deal");
    const asked = ok(propose(rules, st, "A", { move: "pact", target: "B" }));
    st = ok(answerProposal(rules, asked.state, "B", asked.proposal.id, "accept"));
    st = resolveTurn(rules, st).state;
    expect(st.lastDone?.A).toEqual({ pact: 1 });
    expect(st.lastDone?.B).toEqual({ pact: 1 });
    expect(st.lastMoves.B).toEqual(["pact"]);
    // B, who accepted A's pact last month, cannot put one to C at once; C, who signed nothing, can.
    const fromB = propose(rules, st, "B", { move: "pact", target: "C" });
    expect(fromB.ok ? "accepted" : fromB.error.message).toMatch(/three months to negotiate/);
    expect(propose(rules, st, "C", { move: "pact", target: "A" }).ok).toBe(true);
    // A refused deal is carried out by nobody.
    let other = createGame(rules, "refused");
    const put = ok(propose(rules, other, "A", { move: "pact", target: "B" }));
    other = resolveTurn(rules, ok(answerProposal(rules, put.state, "B", put.proposal.id, "reject"))).state;
    expect(other.lastDone?.B ?? {}).toEqual({});
  });

  it("doneThisTurn: a move that any of several may call happens once a month; a second call lapses", () => {
    const rules = rulesWith((s) => {
      quiet(s);
      s.world!.tension!.initial = 50;
      s.moves.calm!.requires = [{ when: "not (doneThisTurn(A, 'calm') or doneThisTurn(B, 'calm'))", otherwise: "The talks already met this month." }];
    });
    // While orders are given nothing has been done yet, so both seats may order it.
    let st = createGame(rules, "once");
    st = ok(submitOrders(rules, st, "A", [{ move: "calm" }]));
    st = ok(submitOrders(rules, st, "B", [{ move: "calm" }]));
    const { state: next, report } = resolveTurn(rules, st);
    expect(next.world.tension).toBe(45);
    const calls = report.entries.filter((e) => e.id === "calm");
    expect(calls.map((e) => [e.actor, e.outcome ?? "done"])).toEqual([
      ["A", "done"],
      ["B", "lapsed"],
    ]);
    expect(calls[1]!.text).toBe("The talks already met this month.");
    // Next month is a new month: the same call goes ahead again.
    const again = resolveTurn(rules, ok(submitOrders(rules, next, "B", [{ move: "calm" }]))).state;
    expect(again.world.tension).toBe(40);
  });
});
