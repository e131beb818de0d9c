// Server benchmark: N game rooms x 6 scripted clients in one process, next to N plain Colyseus
// rooms doing a broadcast of the same size. Prints, per kind of room: p50/p99 latency from turn
// resolution to a client having the new state, bytes per turn per client, and memory per room.
//   npm run bench:server -- [rooms=200] [turns=3] [window ms = 50 per room]
// Then it runs bench/attack.bench.ts (the attacker table).
// Turn ends are spread over a window (rooms do not all resolve in the same millisecond in real
// use: 200 seminar tables finishing within ten seconds of each other is already a rush); both
// kinds of room get the same spread.
import { freePort } from "../test/support/free-port.ts";
import "../server/node20-polyfill.ts";
import { defineRoom, defineServer, Room, type Client as ServerClient } from "@colyseus/core";
import { schema, t, type SchemaType } from "@colyseus/schema";
import type { Room as SdkRoom } from "@colyseus/sdk";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { HookedClient, tapFrames } from "../client/src/net/sdk.ts";
import { systemClock } from "../server/clock.ts";
import { realEngine } from "../server/game/engine-port.ts";
import { GameService } from "../server/games.ts";
import { DEFAULT_LIMITS } from "../server/limits.ts";
import { makeAddressBook } from "../server/rooms/access.ts";
import { makeBudgets, makeGameRoom, RESERVATION_SECONDS } from "../server/rooms/game-room.ts";
import { ScenarioLibrary } from "../server/scenarios.ts";
import { openDatabase } from "../server/store/db.ts";
import { SqliteGameStore } from "../server/store/game-store.ts";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

const ROOMS = Number(process.argv[2] ?? 200);
const TURNS = Number(process.argv[3] ?? 3);
const PORT = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
const SEATS = ["CHN", "RUS", "PRK", "USA", "KOR", "JPN"];
const WINDOW_MS = Number(process.argv[4] ?? Math.max(2000, ROOMS * 50));

// ---- the plain room: the same lock-in protocol and a broadcast of a given size ----
const PlainState = schema(
  { turn: t.uint16(), resolvedAt: t.float64(), values: t.map("float64"), report: t.string() },
  "PlainState",
);
type PlainState = SchemaType<typeof PlainState>;

class PlainRoom extends Room<{ state: PlainState }> {
  state = new PlainState();
  maxClients = 6;
  autoDispose = false;
  private lockedIn = new Set<string>();
  private changes = 100;
  private reportBytes = 1000;
  private tick = 0;

  onCreate(o: { entries: number; changes: number; reportBytes: number }) {
    this.changes = o.changes;
    this.reportBytes = o.reportBytes;
    for (let i = 0; i < o.entries; i++) this.state.values.set(`v/${i}`, Math.PI * i);
    this.state.turn = 1;
    this.onMessage("lock", (client: ServerClient) => {
      this.lockedIn.add(client.sessionId);
      if (this.lockedIn.size < 6) return;
      this.lockedIn.clear();
      this.tick++;
      for (let i = 0; i < this.changes; i++) this.state.values.set(`v/${(i * 7 + this.tick) % this.state.values.size}`, Math.random() * 1000);
      this.state.turn++;
      this.state.resolvedAt = Date.now();
      this.broadcast("report", { turn: this.state.turn - 1, text: "x".repeat(this.reportBytes) });
      this.broadcastPatch();
    });
  }
}

// ---- measurement helpers ----
interface Probe {
  room: SdkRoom;
  bytes: number;
  lastTurn: number;
  latencies: number[];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};

async function connect(url: string, join: (c: HookedClient) => Promise<SdkRoom>): Promise<Probe> {
  // eslint-disable-next-line prefer-const -- assigned once, after the frame hook that reads it is installed
  let probe!: Probe;
  const client = new HookedClient(url, (room) => {
    tapFrames(room, (b) => {
      if (probe) probe.bytes += b.length;
    });
    room.onMessage("*", (type, msg) => { if (type === "error" && process.env.BENCH_DEBUG) console.log("error", JSON.stringify(msg)); });
  });
  const room = await join(client);
  room.reconnection.enabled = false;
  probe = { room, bytes: 0, lastTurn: 0, latencies: [] };
  room.onStateChange((st: { turn: number; resolvedAt: number }) => {
    if (probe.lastTurn === 0) probe.lastTurn = st.turn;
    else if (st.turn > probe.lastTurn) {
      probe.lastTurn = st.turn;
      probe.latencies.push(Date.now() - st.resolvedAt);
    }
  });
  return probe;
}

async function inBatches<T>(n: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, n - i) }, (_, j) => make(i + j)))));
  return out;
}

interface Result {
  /** Event-loop stalls while turns were played (p99 and max, ms): the whole process shares one loop. */
  loopDelay: [number, number];
  latencies: number[];
  bytesPerTurn: number[];
  resolutionBytes: number[];
}

/** Plays `turns` turns: five clients lock (and the rooms settle), then each room's sixth lock comes within the window. */
async function playTurns(rooms: Probe[][], lock: (p: Probe, turn: number) => void, settled: (ps: Probe[]) => boolean): Promise<Result> {
  const r: Result = { loopDelay: [0, 0], latencies: [], bytesPerTurn: [], resolutionBytes: [] };
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const all = rooms.flat();
  while (all.some((p) => p.lastTurn === 0)) await sleep(50);
  for (let turn = 0; turn < TURNS; turn++) {
    const probes = rooms.flat();
    for (const p of probes) p.bytes = 0;
    const startTurn = rooms.map((ps) => ps[0]!.lastTurn);
    for (const ps of rooms) for (const p of ps.slice(0, 5)) lock(p, p.lastTurn);
    const settleBy = Date.now() + 60_000;
    while (!rooms.every(settled) && Date.now() < settleBy) await sleep(50);
    await sleep(200);
    const before = probes.map((p) => p.bytes);
    rooms.forEach((ps, i) => setTimeout(() => lock(ps[5]!, ps[5]!.lastTurn), (i / rooms.length) * WINDOW_MS));
    const until = Date.now() + WINDOW_MS + 30_000;
    while (rooms.some((ps, i) => ps.some((p) => p.lastTurn <= startTurn[i]!)) && Date.now() < until) await sleep(50);
    await sleep(300);
    probes.forEach((p, i) => {
      r.bytesPerTurn.push(p.bytes);
      r.resolutionBytes.push(p.bytes - before[i]!);
      const l = p.latencies.at(-1);
      if (l !== undefined) r.latencies.push(l);
    });
  }
  loop.disable();
  r.loopDelay = [loop.percentile(99) / 1e6, loop.max / 1e6];
  return r;
}

function report(name: string, r: Result, serverMbPerRoom: number, totalMbPerRoom: number) {
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  console.log(
    `${name.padEnd(12)} p50 ${pct(r.latencies, 50).toFixed(1).padStart(6)} ms  p90 ${pct(r.latencies, 90).toFixed(1).padStart(6)} ms  p99 ${pct(r.latencies, 99).toFixed(1).padStart(6)} ms  max ${Math.max(...r.latencies).toFixed(0)} ms  ` +
      `bytes/turn/client ${avg(r.bytesPerTurn).toFixed(0).padStart(6)} (resolution ${avg(r.resolutionBytes).toFixed(0)})  ` +
      `memory/room ${(serverMbPerRoom * 1000).toFixed(0)} KB server, ${(totalMbPerRoom * 1000).toFixed(0)} KB with its 6 clients  ` +
      `event-loop delay p99 ${r.loopDelay[0].toFixed(0)} ms, max ${r.loopDelay[1].toFixed(0)} ms  (${r.latencies.length} samples)`,
  );
  return { p99: pct(r.latencies, 99), bytes: avg(r.resolutionBytes) };
}

// ---- run ----
const dir = mkdtempSync(join(tmpdir(), "faultline-bench-"));
const store = new SqliteGameStore(openDatabase(join(dir, "bench.sqlite")));
const scenarios = new ScenarioLibrary();
const createSecret = "bench";
const games = new GameService({ store, clock: systemClock, engine: realEngine, scenarios, createSecret });
// Scripted clients all come from one address: the per-address caps are lifted for them.
// Rooms are opened ahead of the joins here, so they must not close while the clients connect.
const benchLimits = { ...DEFAULT_LIMITS, pendingReservationsPerAddress: 1e9, connectionsPerAddress: 1e9, unjoinedRoomSeconds: 3600 };
const GameRoom = makeGameRoom({
  store,
  clock: systemClock,
  engine: realEngine,
  rules: (game) => games.rulesOf(game),
  createSecret,
  reconnectSeconds: 30,
  limits: benchLimits,
  addresses: makeAddressBook(benchLimits, RESERVATION_SECONDS),
  budgets: makeBudgets(benchLimits),
});
const server = defineServer({
  rooms: { game: defineRoom(GameRoom), plain: defineRoom(PlainRoom) },
  transport: new WebSocketTransport({ maxPayload: 64 * 1024 }),
  greet: false,
});
await server.listen(PORT);
const url = `http://localhost:${PORT}`;
console.log(`server bench: ${ROOMS} rooms x 6 clients, ${TURNS} turns, turn ends spread over ${WINDOW_MS} ms`);

// Faultline rooms.
let heap0 = heapMb();
const ids = await inBatches(ROOMS, 20, async () => {
  const c = await games.create({ missingSeats: "hold", turnMinutes: 0 });
  if (!c.ok) throw new Error(c.message);
  await games.ensureRoom(c.gameId);
  return c.gameId;
});
const heapRooms = heapMb();
const faultline = await inBatches(ROOMS, 10, (i) =>
  Promise.all(SEATS.map((seat) => connect(url, (c) => c.joinById(ids[i]!, { claim: { seat, name: `bot-${seat}` } })))),
);
const heapClients = heapMb();
type SeatsState = { seats: { forEach(cb: (s: { locked: boolean }) => void): void } };
const fiveLocked = (ps: Probe[]) => {
  let n = 0;
  (ps[5]!.room.state as SeatsState).seats.forEach((x) => (n += x.locked ? 1 : 0));
  return n >= 5;
};
const fr = await playTurns(faultline, (p, turn) => p.room.send("act", { type: "lock", turn, locked: true }), fiveLocked);
const ours = report("faultline", fr, (heapRooms - heap0) / ROOMS, (heapClients - heap0) / ROOMS);
for (const p of faultline.flat()) await p.room.leave().catch(() => undefined);

// Plain rooms with a broadcast of the same size.
await sleep(500);
heap0 = heapMb();
const entries = 1000;
const changes = Math.max(1, Math.round((ours.bytes * 0.6) / 11));
const reportBytes = Math.round(ours.bytes * 0.4);
const plainIds: string[] = [];
for (let i = 0; i < ROOMS; i++) {
  const { matchMaker } = await import("@colyseus/core");
  plainIds.push((await matchMaker.createRoom("plain", { entries, changes, reportBytes })).roomId);
}
const heapPlainRooms = heapMb();
const plain = await inBatches(ROOMS, 10, (i) => Promise.all(SEATS.map(() => connect(url, (c) => c.joinById(plainIds[i]!)))));
const heapPlainClients = heapMb();
const pr = await playTurns(plain, (p) => p.room.send("lock"), () => true);
const theirs = report("plain room", pr, (heapPlainRooms - heap0) / ROOMS, (heapPlainClients - heap0) / ROOMS);
console.log(`ratio p99 faultline / plain: ${(ours.p99 / Math.max(0.1, theirs.p99)).toFixed(2)}x (targets: p99 < 50 ms, within 1.5x, < 1 KB per turn per client, < 1 MB per room)`);

for (const p of plain.flat()) await p.room.leave().catch(() => undefined);
await server.gracefullyShutdown(false);
store.close();
rmSync(dir, { recursive: true, force: true });
// Part 2: a normal room's latency next to one abusive client per case (bench/attack.bench.ts).
console.log("");
const attack = spawnSync(process.execPath, ["--import", "tsx", join(import.meta.dirname, "attack.bench.ts")], { stdio: "inherit" });
process.exit(attack.status ?? 1);
