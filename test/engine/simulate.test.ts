// The analysis tools: a simulation report is plain, rounded JSON built from per-game records in
// game order, so the same seeds give the same bytes; experiments compare arms on the same seeds.
import { describe, expect, it } from "vitest";
import { compareArms, parseArm } from "../../shared/analysis/experiment.ts";
import { recordGame } from "../../shared/analysis/record.ts";
import { balanceSummary, buildReport, TOP_TARGETS } from "../../shared/analysis/report.ts";
import { distribution, pairedDifference, significant } from "../../shared/analysis/stats.ts";
import { rulesWith } from "./fixtures/build.ts";

const rules = rulesWith();
const seeds = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);
const report = (prefix: string, n: number) => buildReport(rules, seeds(prefix, n).map((s) => recordGame(rules, s)), { seed: prefix, level: "fast" });

describe("simulation report", () => {
  it("gives the same bytes for the same seeds and different ones for others", () => {
    expect(JSON.stringify(report("s", 20))).toBe(JSON.stringify(report("s", 20)));
    expect(JSON.stringify(report("t", 20))).not.toBe(JSON.stringify(report("s", 20)));
  });

  it("covers every seat, move, event, objective, draft and quantity of the scenario", () => {
    const r = report("s", 10);
    expect(r.seats.map((s) => s.seat)).toEqual(["A", "B", "C"]);
    expect(r.seats[0]!.max).toBe(15);
    expect(r.moves.map((m) => m.move)).toEqual(Object.keys(rules.scenario.moves));
    expect(r.events.map((e) => e.id)).toEqual(["crisis"]); // inject-only events are left out
    expect(r.council.map((d) => d.move)).toEqual(["renew_panel"]);
    for (const key of ["A.gdp", "N.stability", "world.tension", "derived.a_share", "relation:A:B", "trade:A:B", "influence:N:A"]) {
      expect(r.quantities.some((q) => q.key === key), key).toBe(true);
    }
    for (const q of r.quantities) expect(q.end.p10).toBeLessThanOrEqual(q.end.p90);
  });
});

describe("simulation report: balance summary and targets", () => {
  const patched = rulesWith((s) => {
    s.objectives!.B!.push({ label: "Always", measure: "1", atLeast: 0, points: 1 }, { label: "Never", measure: "0", atLeast: 1, points: 1 });
  });
  const r = buildReport(patched, seeds("b", 20).map((s) => recordGame(patched, s)), { seed: "b", level: "fast" });
  const lines = balanceSummary(r);

  it("gives each seat's mean score as a share of its maximum and the spread between the highest and the lowest", () => {
    const shares = r.seats.map((s) => Math.round((s.score.mean / s.max) * 100));
    expect(lines[0]).toContain(`Mean score as a share of the maximum: ${r.seats.map((s, i) => `${s.seat} ${shares[i]}%`).join(" · ")}`);
    expect(lines[0]).toContain(`spread ${Math.max(...shares) - Math.min(...shares)} points`);
  });

  it("flags objectives met in nearly every game or nearly none, and those the start already meets", () => {
    expect(lines.find((l) => l.startsWith("Met in over 95% of games"))).toContain('B "Always" 100%');
    expect(lines.find((l) => l.startsWith("Met in under 5% of games"))).toContain('B "Never" 0%');
    const atStart = lines.find((l) => l.startsWith("Already met at the start of turn 1"));
    expect(atStart).toContain('B "Always" (and kept in nearly every game)');
    expect(atStart).not.toContain('"Never"');
  });

  it("lists each seat's most frequent targets of a move, most first, never more times than the move was chosen", () => {
    const targeted = r.moves.flatMap((m) => m.bySeat.filter((b) => b.targets.length > 0).map((b) => ({ m, b })));
    expect(targeted.length).toBeGreaterThan(0);
    for (const { m, b } of targeted) {
      expect(b.targets.length).toBeLessThanOrEqual(TOP_TARGETS);
      expect(b.targets.map((t) => t.perGame)).toEqual([...b.targets.map((t) => t.perGame)].sort((x, y) => y - x));
      expect(b.targets.reduce((t, x) => t + x.perGame, 0)).toBeLessThanOrEqual(b.perGame + 1e-9);
      for (const t of b.targets) expect(t.name, `${m.move} ${t.target}`).toBe(t.target.split("+").map((id) => patched.scenario.actors[id]!.name).join(" and "));
    }
    // Moves without a target have none.
    for (const m of r.moves) if (patched.scenario.moves[m.move]!.target === "none") for (const b of m.bySeat) expect(b.targets).toEqual([]);
  });
});

describe("statistics", () => {
  it.each([
    [[5], { mean: 5, p10: 5, p50: 5, p90: 5 }],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], { mean: 5.5, p10: 1, p50: 5, p90: 9 }],
    [[0.123456, 0.123456], { mean: 0.1235, p10: 0.1235, p50: 0.1235, p90: 0.1235 }],
  ])("distribution(%j)", (values, expected) => {
    expect(distribution(values)).toEqual(expected);
  });

  it("a paired difference: its mean, standard error and whether it is beyond noise", () => {
    const a = [1, 2, 3, 4, 5, 6];
    const b = [2, 3, 4, 5, 6, 7.5];
    const d = pairedDifference(a, b);
    // Differences 1, 1, 1, 1, 1, 1.5: mean 13/12; spread around it gives se = sqrt(ss / (n - 1) / n).
    const mean = 6.5 / 6;
    const ss = 5 * (1 - mean) ** 2 + (1.5 - mean) ** 2;
    expect(d.diff).toBeCloseTo(mean, 4);
    expect(d.se).toBeCloseTo(Math.sqrt(ss / 5 / 6), 4);
    expect(significant(d)).toBe(true);
    expect(significant(pairedDifference(a, [1.1, 1.9, 3.2, 3.8, 5.1, 5.9]))).toBe(false);
  });
});

describe("experiments", () => {
  it("parse arms and refuse unknown ids, naming the arm", () => {
    const arm = parseArm(rules.scenario, "warm: force A summit B; exclude gamble; vote B renew_panel abstain; accept B pact");
    expect(arm).toEqual({
      ok: true,
      value: {
        name: "warm",
        text: "force A summit B; exclude gamble; vote B renew_panel abstain; accept B pact",
        policy: { force: { A: [{ move: "summit", target: "B" }] }, exclude: ["gamble"], votes: { B: { renew_panel: "abstain" } }, accept: { B: ["pact"] } },
      },
    });
    expect(parseArm(rules.scenario, "x: force A sumit B")).toEqual({ ok: false, error: 'arm "x": unknown move "sumit"' });
    expect(parseArm(rules.scenario, "x: vote A summit yes")).toEqual({ ok: false, error: 'arm "x": "summit" is not a council draft' });
  });

  it("a forced move shows as a significant difference in what the seat chose, on the same seeds", () => {
    const on = parseArm(rules.scenario, "on: force A gamble");
    const off = parseArm(rules.scenario, "off: exclude gamble");
    if (!on.ok || !off.ok) throw new Error("arms");
    const list = seeds("x", 20);
    const records = [on.value, off.value].map((arm) => list.map((s) => recordGame(rules, s, { policy: arm.policy })));
    const x = compareArms(rules, [on.value, off.value], records, { seed: "x", level: "fast" });
    const row = x.rows.find((r) => r.key === "chosen:A:gamble")!;
    expect(row.means).toEqual([6, 0]);
    expect(row.diffs[0]!.diff).toBe(-6);
    expect(row.significant[0]).toBe(true);
  });
});
