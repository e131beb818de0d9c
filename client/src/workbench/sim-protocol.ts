// Messages between the workbench page and its simulation worker.
import type { SimulationReport } from "../../../shared/analysis/report.ts";
import type { BotLevel } from "../../../shared/engine/index.ts";

export interface SimRequest {
  text: string;
  games: number;
  seed: string;
  level: BotLevel;
}

export type SimMessage =
  | { kind: "progress"; done: number; games: number }
  | { kind: "report"; report: SimulationReport; ms: number }
  | { kind: "error"; message: string };

/** Runs a simulation in a new worker; resolves with the report. `cancel()` stops the worker. */
export function simulate(req: SimRequest, onProgress: (done: number, games: number) => void): { done: Promise<{ report: SimulationReport; ms: number }>; cancel(): void } {
  const worker = new Worker(new URL("./sim-worker.ts", import.meta.url), { type: "module" });
  let reject: (e: Error) => void = () => undefined;
  const done = new Promise<{ report: SimulationReport; ms: number }>((res, rej) => {
    reject = rej;
    worker.onmessage = (ev: MessageEvent<SimMessage>) => {
      const m = ev.data;
      if (m.kind === "progress") onProgress(m.done, m.games);
      else {
        worker.terminate();
        if (m.kind === "report") res({ report: m.report, ms: m.ms });
        else rej(new Error(m.message));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      rej(new Error(e.message || "the simulation worker failed"));
    };
  });
  worker.postMessage(req);
  return {
    done,
    cancel() {
      worker.terminate();
      reject(new Error("stopped"));
    },
  };
}
