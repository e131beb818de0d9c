// Clients of bench/load.bench.ts that measure, each kind in a process of its own, so what they
// time is not delayed by the bots' process decoding every bot's patches (on a small machine that
// process is as busy as the server). Reads from stdin one JSON line {kind, urls, rooms, turns, count}.
// - "faultline" | "plain": one watching client per room. Prints "probes ready" once all joined,
//   then, when every room has passed `turns` (or on SIGTERM), "latencies [...]": per room and
//   turn, ms from the room's resolution (`resolvedAt`) to the arrival of the frame that carries
//   the new turn.
// - "storm": `count` observers join the Faultline games spread over 10 s, as people arriving
//   would; prints "storm {ok, failed, times, errors}" once every join ended, and keeps them
//   connected until SIGTERM.
import "../server/node20-polyfill.ts";
import { createInterface } from "node:readline";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { ColyseusGameServer } from "../client/src/net/colyseus-server.ts";
import { HookedClient, tapFrames } from "../client/src/net/sdk.ts";

interface Job {
  kind: "faultline" | "plain" | "storm";
  urls: string[];
  rooms: string[];
  turns: number;
  count?: number;
}
interface Watched {
  onStateChange(cb: () => void): void;
  state: unknown;
}

const job = await new Promise<Job>((resolve) => createInterface({ input: process.stdin }).once("line", (l) => resolve(JSON.parse(l) as Job)));
if (job.kind === "storm") {
  process.on("SIGTERM", () => process.exit(0));
  // Where a join's time goes: the lobby's description (HTTP), then the room (seat reservation,
  // WebSocket, welcome, first state, scenario). The process's own CPU and event-loop delay say
  // whether the joining clients, not the server, were the bottleneck.
  const storm = { ok: 0, failed: 0, times: [] as number[], describe: [] as number[], errors: [] as string[], cpuPercent: 0, loopDelayP99: 0 };
  const count = job.count ?? 0;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      await new Promise((r) => setTimeout(r, (i / count) * 10_000));
      const t = performance.now();
      try {
        const lobby = new ColyseusGameServer(job.urls[i % job.urls.length]!, { retryForMs: 30_000 });
        await lobby.describe(job.rooms[i % job.rooms.length]!);
        storm.describe.push(performance.now() - t);
        await lobby.join(job.rooms[i % job.rooms.length]!, { observer: true, name: `watcher ${i}` });
        storm.times.push(performance.now() - t);
        storm.ok++;
      } catch (e) {
        storm.failed++;
        storm.errors.push((e as Error).message);
      }
    }),
  );
  const cpu = process.cpuUsage(cpu0);
  storm.cpuPercent = Math.round((100 * (cpu.user + cpu.system)) / 1000 / (performance.now() - t0));
  storm.loopDelayP99 = Math.round(loop.percentile(99) / 1e6);
  console.log(`storm ${JSON.stringify(storm)}`);
  await new Promise(() => undefined);
}

const latencies: number[] = [];
let finished = 0;
const done = () => {
  console.log(`latencies ${JSON.stringify(latencies)}`);
  process.exit(0);
};
process.on("SIGTERM", done);

await Promise.all(
  job.rooms.map(async (roomId, i) => {
    let frameAt = 0;
    const tap = () => (frameAt = Date.now());
    const url = job.urls[i % job.urls.length]!;
    let room: Watched;
    if (job.kind === "faultline") {
      const s = await new ColyseusGameServer(url, { tap, retryForMs: 30_000 }).join(roomId, { observer: true, name: `probe ${i}` });
      room = s.currentRoom as unknown as Watched;
    } else {
      const r = await new HookedClient(url, (x) => tapFrames(x, tap)).joinById(roomId);
      r.onMessage("*", () => undefined);
      room = r as unknown as Watched;
    }
    let last = (room.state as { turn?: number }).turn ?? 1;
    room.onStateChange(() => {
      const st = room.state as { turn: number; resolvedAt: number };
      if (st.turn <= last) return;
      last = st.turn;
      latencies.push(frameAt - st.resolvedAt);
      if (last > job.turns && ++finished === job.rooms.length) done();
    });
  }),
);
console.log("probes ready");
