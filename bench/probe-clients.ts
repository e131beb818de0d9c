// Latency probes for bench/load.bench.ts: one watching client per room, in a process of its own,
// so the moment a frame arrives is not delayed by the bots' process decoding every bot's patches
// (on a small machine that process is as busy as the server). Reads from stdin one JSON line,
// {kind: "faultline" | "plain", urls, rooms, turns}; prints "probes ready" once every probe has
// joined, then, when every room has passed `turns` (or on SIGTERM), one line "latencies [...]":
// per room and turn, ms from the room's resolution (`resolvedAt`) to the arrival of the frame
// that carries the new turn.
import "../server/node20-polyfill.ts";
import { createInterface } from "node:readline";
import { ColyseusGameServer } from "../client/src/net/colyseus-server.ts";
import { HookedClient, tapFrames } from "../client/src/net/sdk.ts";

interface Job {
  kind: "faultline" | "plain";
  urls: string[];
  rooms: string[];
  turns: number;
}
interface Watched {
  onStateChange(cb: () => void): void;
  state: unknown;
}

const job = await new Promise<Job>((resolve) => createInterface({ input: process.stdin }).once("line", (l) => resolve(JSON.parse(l) as Job)));
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
