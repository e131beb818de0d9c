// Rulebook: every change in a turn is explained. For each quantity that moved, the report gives its
// value before and after and each cause (move, proposal, council, event, option, dynamic, fading
// modifier, discovery, limit) with its share; the shares add up to the change.
import { describe, expect, it } from "vitest";
import { propose, answerProposal, createGame, reportFor, resolveTurn, submitOrders } from "../../shared/engine/api.ts";
import { botTurn } from "../../shared/engine/play.ts";
import { compiled } from "../../shared/engine/rules.ts";
import { Recorder } from "../../shared/engine/explain.ts";
import type { Explanation, Source, TurnReport } from "../../shared/engine/types.ts";
import { gameWith, ok, rulesWith } from "./fixtures/build.ts";

const sum = (x: Explanation) => x.causes.reduce((s, c) => s + c.delta, 0);

describe("explanations", () => {
  it("name each cause with its delta, merged per subject", () => {
    const { rules, state } = gameWith((s) => {
      s.events = {};
    });
    const s = ok(submitOrders(rules, state, "A", [{ move: "summit", target: "B" }, { move: "aid", target: "N" }]));
    const { state: s1 } = resolveTurn(rules, s);
    const { report } = resolveTurn(rules, s1);
    const byId = (subject: string) => report.explanations.find((x) => x.subject === subject);
    // Turn 2: the turn-1 summit glow (10) fades by 0.8 -> 8.
    expect(byId("relation:A:B")).toEqual({
      subject: "relation:A:B",
      before: 30,
      after: 28,
      causes: [{ kind: "modifier", id: "move:summit", actor: "A", label: "Summit glow (fading)", delta: expect.closeTo(-2, 12), visibility: "public" }],
    });
    const first = resolveTurn(rules, s).report;
    const share = first.explanations.find((x) => x.subject === "influence:N:A")!;
    expect(share.before).toBeCloseTo(0.9);
    expect(share.after).toBeCloseTo(12 / 13);
    expect(share.causes).toEqual([expect.objectContaining({ kind: "move", id: "aid", actor: "A", label: "Aid" })]);
    const standing = first.explanations.find((x) => x.subject === "A.standing")!;
    expect(standing.causes).toEqual([expect.objectContaining({ kind: "move", label: "Summit photo-op", delta: 2 })]);
  });

  it("keep a quantity whose causes cancel out, so what each did is still told", () => {
    const rec = new Recorder();
    const source = (kind: string, id: string, label: string): Source => ({ kind, id, label, visibility: "public", entryKind: "event", entries: null });
    const event = source("event", "slump", "Memory prices collapse");
    const dynamic = source("dynamic", "subsidy", "Subsidies");
    rec.note("KOR.chips", 50, 46, event);
    rec.note("KOR.chips", 46, 50, dynamic);
    rec.note("KOR.gdp", 10, 12, event);
    rec.note("KOR.gdp", 12, 10, event); // one cause that nets to zero explains nothing
    expect(rec.finish()).toEqual([
      { subject: "KOR.chips", before: 50, after: 50, causes: [expect.objectContaining({ id: "slump", delta: -4 }), expect.objectContaining({ id: "subsidy", delta: 4 })] },
    ]);
  });

  it("deals and council drafts are causes too", () => {
    const { rules, state } = gameWith((s) => {
      s.events = {};
      s.dynamics = [];
    });
    const { state: s, proposal } = ok(propose(rules, state, "A", { move: "pact", target: "B" }));
    const { report } = resolveTurn(rules, ok(answerProposal(rules, s, "B", proposal.id, "accept")));
    expect(report.explanations.find((x) => x.subject === "A.standing")!.causes[0]).toMatchObject({ kind: "proposal", id: "pact", actor: "A", delta: 3 });
  });

  it("add up to after - before for every subject, for every viewer, over whole bot games", () => {
    const rules = rulesWith();
    const c = compiled(rules);
    for (const seed of ["x1", "x2", "x3"]) {
      const reports: TurnReport[] = [];
      let end = createGame(rules, seed);
      while (end.phase !== "over") {
        const r = resolveTurn(rules, botTurn(c, end));
        reports.push(r.report);
        end = r.state;
      }
      for (const viewer of ["facilitator", "observer", "A", "B", "C"] as const) {
        for (const r of reports.map((x) => reportFor(end, x, viewer))) {
          for (const x of r.explanations) {
            expect(sum(x)).toBeCloseTo(x.after - x.before, 9);
            expect(x.causes.length).toBeGreaterThan(0);
          }
        }
      }
    }
  });
});
