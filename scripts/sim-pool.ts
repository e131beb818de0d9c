// Plays bot games on worker threads and gathers their records in game order, so a report is
// byte-identical whether it ran on one thread or many. Used by the scenario CLI.
//
// Starting a worker is the expensive part of a short run (loading the TypeScript sources, the
// scenario's compilation, the fast bots' table of delayed values and the JIT's warm-up all happen
// once per worker), so workers are kept between calls for the same scenario text: an experiment's
// arms all play on the same warm workers. Idle workers do not keep the process alive.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { loadRules } from "../shared/engine/index.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { recordGame, type GameRecord, type RecordOptions } from "../shared/analysis/record.ts";

export interface PoolOptions {
  /** Threads to use (default: the machine's cores; 1 plays in this thread). */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

/** What a worker is told: first the validated scenario, then jobs; and what it answers. */
export type WorkerRequest = { scenario: Scenario } | Job;
export interface Job {
  seeds: readonly string[];
  opts: RecordOptions;
}
export type WorkerMessage = { progress: number } | { records: GameRecord[] } | { error: string };

/** Records one game per seed, on `threads` worker threads, in seed order. */
export async function recordGames(text: string, file: string, seeds: readonly string[], opts: RecordOptions, pool: PoolOptions = {}): Promise<GameRecord[]> {
  const threads = Math.max(1, Math.min(pool.threads ?? availableParallelism(), seeds.length));
  if (threads === 1) {
    const rules = loadRules(text, file);
    if (!rules.ok) throw new Error(`${file} does not load`);
    return seeds.map((seed, i) => {
      const r = recordGame(rules.value, seed, opts);
      pool.onProgress?.(i + 1, seeds.length);
      return r;
    });
  }
  const workers = workersFor(text, file, threads);
  const size = Math.ceil(seeds.length / threads);
  const done = new Array<number>(threads).fill(0);
  const slices = Array.from({ length: threads }, (_, k) => seeds.slice(k * size, (k + 1) * size)).filter((s) => s.length > 0);
  const results = await Promise.all(
    slices.map((slice, k) =>
      run(workers[k]!, { seeds: slice, opts }, (n) => {
        done[k] = n;
        pool.onProgress?.(done.reduce((a, b) => a + b, 0), seeds.length);
      }),
    ),
  );
  return results.flat();
}

/** The seeds of a run: "<seed>-0", "<seed>-1", ... */
export const seedsOf = (seed: string, games: number): string[] => Array.from({ length: games }, (_, i) => `${seed}-${i}`);

// Workers of the scenario text last used (a new text replaces them).
let pool: { text: string; file: string; scenario: Scenario | null; workers: Worker[] } | null = null;

function workersFor(text: string, file: string, threads: number): Worker[] {
  if (pool && (pool.text !== text || pool.file !== file)) {
    for (const w of pool.workers) void w.terminate();
    pool = null;
  }
  pool ??= { text, file, scenario: null, workers: [] };
  const started: Worker[] = [];
  while (pool.workers.length < threads) {
    const worker = new Worker(new URL("./sim-worker.mjs", import.meta.url), { workerData: { file } });
    worker.unref();
    pool.workers.push(worker);
    started.push(worker);
  }
  // The text is read and validated once, here, while the workers load their code; each worker
  // compiles the validated scenario it is sent.
  if (started.length > 0) {
    if (!pool.scenario) {
      const rules = loadRules(text, file);
      if (!rules.ok) throw new Error(`${file} does not load`);
      pool.scenario = rules.value.scenario;
    }
    for (const w of started) w.postMessage({ scenario: pool.scenario } satisfies WorkerRequest);
  }
  return pool.workers.slice(0, threads);
}

/** Runs one job on a worker; the worker keeps the process alive only while it works. */
function run(worker: Worker, job: Job, onProgress: (done: number) => void): Promise<GameRecord[]> {
  return new Promise((resolve, reject) => {
    const forget = (): void => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      worker.unref();
    };
    const onMessage = (m: WorkerMessage): void => {
      if ("progress" in m) onProgress(m.progress);
      else if ("records" in m) {
        forget();
        resolve(m.records);
      } else {
        forget();
        reject(new Error(m.error));
      }
    };
    const onError = (e: Error): void => {
      forget();
      dropWorker(worker);
      reject(e);
    };
    const onExit = (code: number): void => {
      forget();
      dropWorker(worker);
      reject(new Error(`simulation worker stopped with code ${code}`));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.ref();
    worker.postMessage(job satisfies WorkerRequest);
  });
}

function dropWorker(worker: Worker): void {
  if (pool) pool.workers = pool.workers.filter((w) => w !== worker);
}
