// Reports are pushed without the headlines and texts the client can rebuild from the scenario, and
// without field names: over whole bot games every entry comes back word for word, through the
// msgpack Colyseus sends messages in, and the pushed bytes shrink.
import { describe, expect, it } from "vitest";
import { pack, unpack } from "msgpackr";
import { createGame, injectEvent, playBot, publicScenario, resolveTurn, seatsOf } from "../../shared/engine/index.ts";
import type { ReportEntry, TurnReport } from "../../shared/engine/types.ts";
import { packReport, unpackReport } from "../../shared/report-codec.ts";
import { DEFAULT_SCENARIO, loadScenarios } from "../../server/scenarios.ts";

const rules = loadScenarios().get(DEFAULT_SCENARIO)!;

function botGameReports(seed: string): TurnReport[] {
  let s = createGame(rules, seed);
  const reports: TurnReport[] = [];
  const inject = Object.keys(rules.scenario.events)[0];
  if (inject) {
    const r = injectEvent(rules, s, inject);
    if (r.ok) {
      s = r.value.state;
      reports.push({ turn: 0, date: "", entries: [r.value.entry], explanations: [] });
    }
  }
  while (s.phase !== "over") {
    for (const seat of seatsOf(rules)) s = playBot(rules, s, seat);
    const r = resolveTurn(rules, s);
    reports.push(r.report);
    s = r.state;
  }
  return reports;
}

describe("report codec", () => {
  it("rebuilds every entry of whole games exactly, from the scenario a client gets", () => {
    const scenario = publicScenario(rules, "observer");
    const kinds = new Set<ReportEntry["kind"]>();
    let whole = 0;
    let packed = 0;
    let rebuilt = 0;
    for (const seed of ["a", "b", "c"]) {
      for (const report of botGameReports(seed)) {
        const wire = packReport(scenario, report);
        const received = unpack(pack(wire)) as typeof wire;
        expect(unpackReport(scenario, received)).toEqual(JSON.parse(JSON.stringify(report)));
        for (const e of report.entries) kinds.add(e.kind);
        rebuilt += wire.entries.filter((e) => typeof e[3] === "number").length;
        whole += pack(report.entries).length;
        packed += pack(wire.entries).length;
      }
    }
    expect(kinds.has("move")).toBe(true);
    expect(kinds.has("event")).toBe(true);
    expect(rebuilt).toBeGreaterThan(0);
    // Headlines and texts left out, then the field names: under a third of the entries' bytes remain.
    expect(packed).toBeLessThan(whole * 0.35);
  });
});
