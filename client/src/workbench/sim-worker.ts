// A Web Worker that plays N bot games of a scenario text and sends progress, then the report.
// The engine is pure, so the browser plays exactly the games `npm run scenario -- simulate` plays
// (same seeds "<seed>-<i>", same level): the numbers agree with the command line.
import { compileRules } from "../../../shared/engine/index.ts";
import { recordGame, type GameRecord } from "../../../shared/analysis/record.ts";
import { buildReport } from "../../../shared/analysis/report.ts";
import { parseScenarioText } from "../../../shared/scenario/load.ts";
import type { SimRequest, SimMessage } from "./sim-protocol.ts";

const post = (m: SimMessage): void => (self as unknown as { postMessage(m: SimMessage): void }).postMessage(m);

self.onmessage = (ev: MessageEvent<SimRequest>) => {
  const { text, games, seed, level } = ev.data;
  const parsed = parseScenarioText(text, "scenario.yaml");
  if (!parsed.ok) {
    post({ kind: "error", message: `The scenario does not validate (${parsed.error.length} errors): fix them first.` });
    return;
  }
  try {
    const rules = compileRules(parsed.value);
    const records: GameRecord[] = [];
    const t0 = performance.now();
    for (let i = 0; i < games; i++) {
      records.push(recordGame(rules, `${seed}-${i}`, { level }));
      post({ kind: "progress", done: i + 1, games });
    }
    post({ kind: "report", report: buildReport(rules, records, { seed, level }), ms: performance.now() - t0 });
  } catch (e) {
    post({ kind: "error", message: (e as Error).message });
  }
};
