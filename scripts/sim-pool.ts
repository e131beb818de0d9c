// Plays bot games on worker threads and gathers their records in game order, so a report is
// byte-identical whether it ran on one thread or many. Used by the scenario CLI.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { loadRules } from "../shared/engine/index.ts";
import { recordGame, type GameRecord, type RecordOptions } from "../shared/analysis/record.ts";

export interface PoolOptions {
  /** Threads to use (default: the machine's cores; 1 plays in this thread). */
  threads?: number;
  onProgress?: (done: number, total: number) => void;
}

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
  const size = Math.ceil(seeds.length / threads);
  const done = new Array<number>(threads).fill(0);
  const slices = Array.from({ length: threads }, (_, k) => seeds.slice(k * size, (k + 1) * size)).filter((s) => s.length > 0);
  const results = await Promise.all(
    slices.map(
      (slice, k) =>
        new Promise<GameRecord[]>((resolve, reject) => {
          const worker = new Worker(new URL("./sim-worker.mjs", import.meta.url), { workerData: { text, file, seeds: slice, opts } });
          worker.on("message", (m: { progress?: number; records?: GameRecord[] }) => {
            if (m.progress !== undefined) {
              done[k] = m.progress;
              pool.onProgress?.(done.reduce((a, b) => a + b, 0), seeds.length);
            }
            if (m.records) resolve(m.records);
          });
          worker.on("error", reject);
          worker.on("exit", (code) => {
            if (code !== 0) reject(new Error(`simulation worker stopped with code ${code}`));
          });
        }),
    ),
  );
  return results.flat();
}

/** The seeds of a run: "<seed>-0", "<seed>-1", ... */
export const seedsOf = (seed: string, games: number): string[] => Array.from({ length: games }, (_, i) => `${seed}-${i}`);
