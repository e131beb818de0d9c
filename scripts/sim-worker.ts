// A worker thread of the simulation pool: compiles the validated scenario it is sent once, then
// records the games of each job (a slice of seeds) it is sent, in order. Each game depends only
// on the scenario, its seed and the options, so which thread plays it, and after which other
// games, never changes its record.
import { parentPort, workerData } from "node:worker_threads";
import { compileRules, type Rules } from "../shared/engine/index.ts";
import { recordGame } from "../shared/analysis/record.ts";
import type { WorkerMessage, WorkerRequest } from "./sim-pool.ts";

const { file } = workerData as { file: string };
const port = parentPort!;
const send = (m: WorkerMessage): void => port.postMessage(m);
let rules: Rules | null = null;

port.on("message", (m: WorkerRequest) => {
  if ("scenario" in m) {
    rules = compileRules(m.scenario);
    return;
  }
  if (!rules) {
    send({ error: `${file}: no scenario was sent to the worker` });
    return;
  }
  try {
    const r = rules;
    const records = m.seeds.map((seed, i) => {
      const rec = recordGame(r, seed, m.opts);
      send({ progress: i + 1 });
      return rec;
    });
    send({ records });
  } catch (e) {
    send({ error: (e as Error).stack ?? String(e) });
  }
});
