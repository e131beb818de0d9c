// The turning points of a played game come from what was kept of it: every Security Council vote
// (with each member's vote), every event and inject, and the largest indicator swings as a share
// of their range, each with its main cause when the report explains it.
import { describe, expect, it } from "vitest";
import { swings, turningPoints } from "../../shared/analysis/turning-points.ts";
import type { HistoryPoint, TurnReport } from "../../shared/engine/types.ts";
import { rulesWith, quiet } from "./fixtures/build.ts";

const rules = rulesWith(quiet);
const sc = rules.scenario;
const point = (turn: number, tension: number, gdp: number): HistoryPoint => ({ turn, actors: { A: { gdp } }, world: { tension }, scores: {} });

describe("turning points", () => {
  const history = [point(0, 40, 100), point(1, 42, 100), point(2, 70, 101), point(3, 69, 101)];
  const reports: TurnReport[] = [
    { turn: 1, date: "Turn 1", entries: [], explanations: [] },
    {
      turn: 2,
      date: "Turn 2",
      entries: [
        { kind: "council", id: "draft", actor: "A", headline: "A draft is put to the vote", visibility: "public", outcome: "vetoed", votes: { A: "yes", B: "no" } },
        { kind: "inject", id: "storm", headline: "A storm hits", text: "Ports close.", visibility: "public" },
      ],
      explanations: [{ subject: "world.tension", before: 42, after: 70, causes: [{ kind: "move", id: "provoke", label: "Missile test", delta: 28, visibility: "public", actor: "N" }] }],
    },
    { turn: 3, date: "Turn 3", entries: [], explanations: [] },
  ];

  it("rank swings by share of the indicator's range", () => {
    const s = swings(sc, history);
    expect(s[0]).toMatchObject({ turn: 2, subject: "world.tension", before: 42, after: 70 });
  });

  it("weigh a quantity without a range by the largest size it reached: a running total's first turn, from 0, is no swing of 100%", () => {
    // Aland's GDP here is a running total (no maximum): 0, then 10 a turn for twelve turns; tension jumps 20 points once.
    const total = Array.from({ length: 13 }, (_, t) => point(t, t === 0 ? 40 : t < 6 ? 41 : 61, 10 * t));
    const s = swings(sc, total);
    expect(s[0]).toMatchObject({ turn: 6, subject: "world.tension", before: 41, after: 61 });
    const first = s.find((x) => x.subject === "A.gdp" && x.turn === 1)!;
    expect(first.weight).toBeCloseTo(10 / 120);
    expect(turningPoints(sc, [], total, 1).map((p) => p.headline)).toEqual([expect.stringMatching(/Tension rose from 41\.0 to 61\.0/)]);
  });

  it("list votes with their outcome and every member's vote, injects, and the largest swing with its cause, in turn order", () => {
    const points = turningPoints(sc, reports, history, 1);
    expect(points.map((p) => [p.turn, p.kind])).toEqual([
      [2, "vote"],
      [2, "inject"],
      [2, "swing"],
    ]);
    // Outcome first, then the count and the members by vote: the projector's council card in one line.
    expect(points[0]!.detail).toBe("Vetoed · 1 yes · 1 no · 0 abstain. Yes: Aland; no: Bland.");
    expect(points[1]!.detail).toBe("Ports close.");
    expect(points[2]!.headline).toMatch(/rose from 42\.0 to 70\.0/);
    expect(points[2]!.detail).toMatch(/Missile test/);
  });

  it("name as the main cause of a rise the largest cause that pushed it up, not a larger brake", () => {
    const braked = structuredClone(reports);
    braked[1]!.explanations = [
      {
        subject: "world.tension",
        before: 42,
        after: 70,
        causes: [
          { kind: "move", id: "provoke", label: "Missile test", delta: 40, visibility: "public", actor: "N" },
          { kind: "move", id: "calm", label: "Talks", delta: -45, visibility: "public", actor: "A" },
          { kind: "dynamic", id: "drift", label: "Drift", delta: 33, visibility: "public" },
        ],
      },
    ];
    braked[1]!.explanations[0]!.causes.reverse();
    const swing = turningPoints(sc, braked, history, 1).find((p) => p.kind === "swing")!;
    expect(swing.detail).toMatch(/^Mainly: Missile test/);
  });
});
