// A worker thread of the simulation pool: compiles the scenario text it is given and records the
// games of its slice of seeds, in order. Each game depends only on the scenario, its seed and the
// options, so which thread plays it never changes its record.
import { parentPort, workerData } from "node:worker_threads";
import { loadRules } from "../shared/engine/index.ts";
import { recordGame, type RecordOptions } from "../shared/analysis/record.ts";

interface Job {
  text: string;
  file: string;
  seeds: string[];
  opts: RecordOptions;
}

const job = workerData as Job;
const rules = loadRules(job.text, job.file);
if (!rules.ok) throw new Error(`${job.file} does not load in the worker`);
const records = job.seeds.map((seed, i) => {
  const r = recordGame(rules.value, seed, job.opts);
  parentPort!.postMessage({ progress: i + 1 });
  return r;
});
parentPort!.postMessage({ records });
