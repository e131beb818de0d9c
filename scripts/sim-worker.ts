// A worker thread of the simulation pool: compiles the scenario text it is given once, then records
// the games of each job (a slice of seeds) it is sent, in order. Each game depends only on the
// scenario, its seed and the options, so which thread plays it, and after which other games,
// never changes its record.
import { parentPort, workerData } from "node:worker_threads";
import { loadRules } from "../shared/engine/index.ts";
import { recordGame } from "../shared/analysis/record.ts";
import type { Job, WorkerMessage } from "./sim-pool.ts";

const { text, file } = workerData as { text: string; file: string };
const rules = loadRules(text, file);
const port = parentPort!;
const send = (m: WorkerMessage): void => port.postMessage(m);

port.on("message", (job: Job) => {
  if (!rules.ok) {
    send({ error: `${file} does not load in the worker` });
    return;
  }
  try {
    const records = job.seeds.map((seed, i) => {
      const r = recordGame(rules.value, seed, job.opts);
      send({ progress: i + 1 });
      return r;
    });
    send({ records });
  } catch (e) {
    send({ error: (e as Error).stack ?? String(e) });
  }
});
