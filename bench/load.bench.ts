// `[BENCH_DEFLATE=1] npm run bench:load -- [--nice 10] [--pin] [--rooms 20] [--turns 3] [--storm 180] [--cycles 200] [--window ms] [--direct] [--only idle|cycles|plain|play|one|two|failover]`
// Real server processes under bot clients that play like people: each turn every seat gives
// orders the engine lists as legal (moveOptions on its own view), puts a proposal to another
// seat, says something in public chat, then locks in, at a random moment within the turn window.
// Measured, as a table next to a plain Colyseus room (own process, same message pattern):
// - turn-broadcast latency (resolution on the server -> the new turn in the client), p50/p99/max;
// - bytes received per turn per client; the server processes' RSS;
// - one Faultline process (SQLite), and two processes on Redis + PostgreSQL behind Caddy with
//   deploy/Caddyfile, every client through the proxy's one address (needs `caddy`); with
//   --direct, without the proxy, clients alternating between the processes;
// - a join storm: `storm` observers joining within 10 s while the rooms play (failures, p99);
// - `cycles` create -> play -> dispose cycles in this process on Redis: heap after GC against the
//   start, and the presence subscriptions (room channels) left behind.
// Needs Redis (FAULTLINE_TEST_REDIS, default 127.0.0.1:6379) and PostgreSQL (FAULTLINE_TEST_PG).
import "../server/node20-polyfill.ts";
import { matchMaker } from "@colyseus/core";
import { Client } from "@colyseus/sdk";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { getPriority, setPriority, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { getHeapCodeStatistics, getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from "node:v8";
import { runInNewContext } from "node:vm";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { pack } from "msgpackr";
import { sameJson } from "../shared/view-codec.ts";
import { ColyseusGameServer } from "../client/src/net/colyseus-server.ts";
import type { ColyseusSession } from "../client/src/net/colyseus-session.ts";
import { HookedClient, tapFrames } from "../client/src/net/sdk.ts";
import { makeFaultlineServer } from "../server/app.ts";
import { Cluster } from "../server/cluster.ts";
import { ScenarioLibrary } from "../server/scenarios.ts";
import { openDatabase } from "../server/store/db.ts";
import type { TurnTimingsSummary } from "../server/rooms/turn-timings.ts";
import { SqliteGameStore } from "../server/store/game-store.ts";
import { freePort } from "../test/support/free-port.ts";
import { freshDatabase } from "../test/support/postgres.ts";
import { requireCaddy, startCaddy, type RunningCaddy } from "../test/support/caddy.ts";
import { REDIS_URL, requireRedis } from "../test/support/cluster.ts";
import { playTurn } from "./play.ts";
import { deflateRawSync } from "node:zlib";
import { publicScenario } from "../shared/engine/index.ts";

/**
 * BENCH_DEFLATE=1: also counts what the Faultline clients' frames would take compressed one by
 * one (deflate, no context kept between frames, so no memory per connection), plain and with a
 * preset dictionary of the scenario's texts that both ends hold. Measures whether stateless
 * compression could reach the bytes target; the server does not compress.
 */
const DEFLATE = process.env["BENCH_DEFLATE"]
  ? (() => {
      const texts = new Set<string>();
      const walk = (v: unknown): void => {
        if (typeof v === "string") texts.add(v);
        else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
      };
      walk(publicScenario(new ScenarioLibrary().get("pyongyang-2024")!, "observer"));
      // zlib uses at most the dictionary's last 32 KB.
      return { dictionary: Buffer.from([...texts].join(" ")).subarray(-32768), plain: 0, withDictionary: 0 };
    })()
  : undefined;

const { values: args } = parseArgs({
  options: { nice: { type: "string", default: "10" }, pin: { type: "boolean", default: false }, direct: { type: "boolean", default: false }, rooms: { type: "string", default: "20" }, turns: { type: "string", default: "3" }, storm: { type: "string", default: "180" }, cycles: { type: "string", default: "200" }, only: { type: "string" }, window: { type: "string" } },
});
const ROOMS = Number(args.rooms);
const TURNS = Number(args.turns);
const STORM = Number(args.storm);
const CYCLES = Number(args.cycles);
const WARM_CYCLES = 200;
// The turn window: bots act at random moments within it. At 500 rooms the bots' own decoding needs
// a longer one (--window 120000) or their process falls behind its pings and connections drop.
const WINDOW_MS = args.window ? Number(args.window) : Math.max(3000, ROOMS * 60);
const SEATS = ["CHN", "RUS", "PRK", "USA", "KOR", "JPN"];
const ROOT = resolve(import.meta.dirname, "..");
const scenarios = new ScenarioLibrary();
const rules = scenarios.get("pyongyang-2024")!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
// Scripted clients all come from one address: lift the per-address limits for them.
const LIFTED: Record<string, string> = Object.fromEntries(
  ["CREATE_PER_HOUR", "CREATE_PER_MINUTE", "API_PER_MINUTE", "MATCHMAKE_PER_MINUTE", "UPGRADES_PER_MINUTE", "CONNECTIONS_PER_ADDRESS", "PENDING_RESERVATIONS_PER_ADDRESS", "HEAVY_ADDRESS_BURST", "HEAVY_ADDRESS_PER_SECOND", "LOOKUP_FAILURES_PER15_MIN", "OBSERVERS_PER_GAME"].map((k) => [
    `FAULTLINE_LIMIT_${k}`,
    "1000000",
  ]),
);

/**
 * The bots stand in for players on their own devices, but here they share the server's two cores
 * and their process is as busy as the server: it took the CPU from the server in the middle of
 * delivering a turn. The bots' process runs at a lower priority (`--nice 10`, the default; `--nice
 * 0` for the earlier setting); the servers and the measuring clients keep the usual one. Raising a
 * child back needs root (or CAP_SYS_NICE); without it the children share the bots' priority.
 */
const NICE = Number(args.nice);
const BASE_PRIORITY = getPriority();
let niceNote = NICE > 0 ? `bots' process at nice ${BASE_PRIORITY + NICE}, servers and measuring clients at ${BASE_PRIORITY}` : "every process at the same priority";
/** Back to the usual priority: every thread of `pid` (Linux sets it per thread; the new ones inherit it). */
function atBasePriority(pid: number | undefined): void {
  if (NICE <= 0 || pid === undefined) return;
  try {
    const threads = readdirSync(`/proc/${pid}/task`).map(Number);
    for (const tid of threads.length ? threads : [pid]) setPriority(tid, BASE_PRIORITY);
  } catch {
    niceNote = `bots' process at nice ${BASE_PRIORITY + NICE}; its child processes too (no permission to raise them back)`;
  }
}

/**
 * --pin: the server processes (Faultline's and the plain rooms') run on CPU 0 alone, and every
 * client process (the bots, the probes, the join storm) on CPU 1, as on a deployment where
 * players are on their own devices: what a turn's delivery waits for is then the server's own
 * work, not the bots' decoding. Needs two CPUs and `taskset` (util-linux).
 */
const PIN = args.pin;
const SERVER_CPU = "0";
const CLIENT_CPU = "1";
const pinned = (cpu: string, argv: string[]): [string, string[]] => (PIN ? ["taskset", ["-c", cpu, ...argv]] : [argv[0]!, argv.slice(1)]);

// Children are killed if the bench stops early (an error, Ctrl-C), not left running.
const children = new Set<ChildProcess>();
for (const sig of ["exit", "SIGINT", "SIGTERM"] as const)
  process.on(sig, () => {
    for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
    if (sig !== "exit") process.exit(1);
  });

interface Proc {
  child: ChildProcess;
  url: string;
  out: () => string;
}
async function spawnNode(script: string, env: Record<string, string>, ready: RegExp): Promise<Proc> {
  const port = env["PORT"] ? Number(env["PORT"]) : await freePort();
  // BENCH_PROF_DIR=dir: the server processes write CPU profiles there when they stop.
  const prof = process.env["BENCH_PROF_DIR"] && script.startsWith("server/") ? ["--cpu-prof", "--cpu-prof-dir", process.env["BENCH_PROF_DIR"]] : [];
  // BENCH_SERVER_NODE_OPTIONS="...": Node options for the Faultline server processes only (say, a
  // young generation of another size), as an operator would set NODE_OPTIONS for them.
  if (script.startsWith("server/") && process.env["BENCH_SERVER_NODE_OPTIONS"]) env = { ...env, NODE_OPTIONS: process.env["BENCH_SERVER_NODE_OPTIONS"] };
  const [cmd, argv] = pinned(SERVER_CPU, [process.execPath, ...prof, "--import", "tsx", script]);
  const child = spawn(cmd, argv, { cwd: ROOT, env: { ...process.env, ...LIFTED, PORT: String(port), ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  atBasePriority(child.pid);
  child.once("exit", () => children.delete(child));
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const until = Date.now() + 60_000;
  while (!ready.test(out.replaceAll("PORT", String(port)))) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`${script} did not start:\n${out}`);
    await sleep(100);
  }
  return { child, url: `http://127.0.0.1:${port}`, out: () => out };
}
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
const rssMb = (p: Proc) => rssOf(p.child.pid!);
/**
 * What plain per-viewer messages (msgpack, as Colyseus sends messages) would carry for one change
 * of a client's view, in two designs: every changed top-level field whole ("fields"), or every
 * changed second-level entry whole with deletions as nil ("entries"). Reports and history travel
 * as messages in every design, so they are left out.
 */
function plainMessages(prev: Record<string, unknown>, next: Record<string, unknown>): { fields: number; entries: number } {
  const fields: Record<string, unknown> = {};
  const entries: Record<string, Record<string, unknown> | unknown> = {};
  for (const k of new Set([...Object.keys(prev), ...Object.keys(next)])) {
    if (k === "reports" || k === "history" || sameJson(prev[k], next[k])) continue;
    fields[k] = next[k] ?? null;
    const a = prev[k];
    const b = next[k];
    if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
      const sub: Record<string, unknown> = {};
      for (const j of new Set([...Object.keys(a), ...Object.keys(b)])) {
        const x = (a as Record<string, unknown>)[j];
        const y = (b as Record<string, unknown>)[j];
        if (!sameJson(x, y)) sub[j] = y ?? null;
      }
      entries[k] = sub;
    } else entries[k] = b ?? null;
  }
  if (Object.keys(fields).length === 0) return { fields: 0, entries: 0 };
  // A room message frame: the protocol byte, the type, the msgpack body.
  return { fields: 2 + 5 + pack(fields).length, entries: 2 + 5 + pack(entries).length };
}

const cpuSeconds = (pid: number) => {
  const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, in clock ticks of 10 ms
};
/** What a frame carries: the Colyseus protocol code, and for room messages their type. */
function frameKind(b: Uint8Array): string {
  if (b[0] === 15) return "state patch";
  if (b[0] === 14) return "full state";
  if (b[0] !== 13) return `protocol ${b[0]}`;
  const h = b[1] ?? 0;
  const [len, at] = h >= 0xa0 && h <= 0xbf ? [h & 0x1f, 2] : h === 0xd9 ? [b[2] ?? 0, 3] : [0, 2];
  return len ? `message ${new TextDecoder().decode(b.subarray(at, at + len))}` : "message (numbered)";
}
/** SIGTERM, then SIGKILL if the process has not exited within 15 s (said in the output: a finding). */
const stop = (p: Proc) =>
  new Promise<void>((r) => {
    if (p.child.exitCode !== null || p.child.signalCode !== null) return r();
    const t = Date.now();
    const force = setTimeout(() => {
      console.error(`a server process did not exit within 15 s of SIGTERM; killed. Its last output:\n${p.out().slice(-1500)}`);
      p.child.kill("SIGKILL");
    }, 15_000);
    p.child.once("exit", () => {
      clearTimeout(force);
      if (process.env["BENCH_DEBUG"]) console.error(`server stopped in ${Date.now() - t} ms`);
      r();
    });
    p.child.kill("SIGTERM");
  });

/** A process of measuring clients (bench/probe-clients.ts); `line(prefix)` waits for its line that starts so. */
function spawnClients(job: { kind: "faultline" | "plain" | "storm"; urls: string[]; rooms: string[]; turns: number; count?: number }) {
  const [cmd, argv] = pinned(CLIENT_CPU, [process.execPath, "--import", "tsx", "bench/probe-clients.ts"]);
  const child = spawn(cmd, argv, { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] });
  children.add(child);
  atBasePriority(child.pid);
  child.once("exit", () => children.delete(child));
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  child.stdin.end(`${JSON.stringify(job)}\n`);
  const line = async (prefix: string, timeoutMs: number): Promise<string> => {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const found = out.split("\n").find((l) => l.startsWith(prefix));
      if (found) return found;
      if (child.exitCode !== null || Date.now() > until) throw new Error(`${job.kind} clients: no "${prefix}" line:\n${out.slice(-2000)}`);
      await sleep(100);
    }
  };
  return { child, line };
}

/** The latency probes for these rooms, in their own process; resolves once they joined. */
async function startProbes(kind: "faultline" | "plain", urls: string[], rooms: string[]): Promise<{ result: () => Promise<number[]> }> {
  const c = spawnClients({ kind, urls, rooms, turns: TURNS });
  await c.line("probes ready", 120_000);
  return {
    result: async () => {
      // They stop by themselves once every room passed the last turn; a room that never did is cut short.
      const found = await c.line("latencies [", 30_000).catch(() => {
        c.child.kill("SIGTERM");
        return c.line("latencies [", 10_000).catch(() => "latencies []");
      });
      return JSON.parse(found.slice("latencies ".length)) as number[];
    },
  };
}

interface Row {
  name: string;
  /** Bytes per turn per client by what carried them (state patches, each message type). */
  kinds?: Map<string, number>;
  /** Frames per turn per client, by kind (each is a socket write on the server). */
  frames?: Map<string, number>;
  /** CPU seconds used during play by the server processes, the proxy (when there is one) and this (bots') process. */
  cpu?: { servers: number; proxy?: number; bots: number };
  /** The proxy's RSS in MB at the end of play, when there is one (not counted in `rss`, the server processes'). */
  proxyRss?: number;
  /** One room's clients: state-patch bytes per turn per client, against what plain per-viewer messages would carry. */
  plainWire?: { patches: number; fields: number; entries: number };
  latencies: number[];
  /** The same latency, seen by one probe client per room in a process of its own (not slowed by the bots' decoding). */
  probed: number[];
  bytesPerTurn: number;
  rss: number;
  storm?: { ok: number; failed: number; times: number[]; errors: string[]; describe?: number[]; cpuPercent?: number; loopDelayP99?: number };
  /** Bot connections that dropped during play (and what they said). */
  drops?: string[];
  /** What each server process says of its resolved turns (/health), and its collections during play. */
  server?: { turns: TurnTimingsSummary; young: { count: number; ms: number } }[];
}

const serverTimings = async (procs: Proc[]): Promise<TurnTimingsSummary[]> =>
  Promise.all(procs.map(async (p) => ((await (await fetch(`${p.url}/health`)).json()) as { turns: TurnTimingsSummary }).turns));

/** ROOMS Faultline games x 6 bots over the given servers (clients alternate), TURNS turns; the storm meanwhile. */
async function faultline(name: string, urls: string[], procs: Proc[], proxy?: RunningCaddy): Promise<Row> {
  // Bytes and arrival times are taken from the raw frames, before the client decodes them, so
  // the bench process's own decoding does not count as server latency.
  let bytes = 0;
  let frameAt = 0;
  const kinds = new Map<string, number>();
  const frames = new Map<string, number>();
  // The first room's clients also count what plain per-viewer messages would have sent them.
  const wire = { patches: 0, fields: 0, entries: 0 };
  const lobby = (i: number, sample = false) =>
    new ColyseusGameServer(urls[i % urls.length]!, {
      retryForMs: 30_000,
      tap: (b) => {
        bytes += b.length;
        if (DEFLATE) {
          DEFLATE.plain += deflateRawSync(b).length;
          DEFLATE.withDictionary += deflateRawSync(b, { dictionary: DEFLATE.dictionary }).length;
        }
        const k = frameKind(b);
        kinds.set(k, (kinds.get(k) ?? 0) + b.length);
        frames.set(k, (frames.get(k) ?? 0) + 1);
        if (sample && k === "state patch") wire.patches += b.length;
        frameAt = Date.now();
      },
    });
  const games: string[] = [];
  for (let i = 0; i < ROOMS; i++) {
    const res = await fetch(`${urls[i % urls.length]}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `load ${i}`, turnMinutes: 0, missingSeats: "hold" }) });
    games.push(((await res.json()) as { gameId: string }).gameId);
  }
  const latencies: number[] = [];
  const bots: { s: ColyseusSession; seat: string; last: number; sample: boolean }[] = [];
  for (let g = 0; g < games.length; g += 5) {
    // The creator's page looks its game up first, which opens the room on the process that
    // answers: behind Caddy, the one its least_conn picks; direct, the games alternate over the
    // processes, as least_conn spreads games of the same size. Left to the six seats' racing
    // look-ups, one process took 33 to 39 of 50 rooms in four runs of five.
    await Promise.all(games.slice(g, g + 5).map((gameId, j) => fetch(`${urls[(g + j) % urls.length]}/api/games/${gameId}?scenario=0`).then((r) => r.arrayBuffer())));
    await Promise.all(
      games.slice(g, g + 5).flatMap((gameId, j) => SEATS.map(async (seat, k) => bots.push({ s: await lobby(g + j + k, g + j === 0).join(gameId, { seat, name: `bot ${seat}` }), seat, last: 1, sample: g + j === 0 }))),
    );
  }
  const probes = await startProbes("faultline", urls, games);
  bytes = 0;
  if (DEFLATE) DEFLATE.plain = DEFLATE.withDictionary = 0;
  kinds.clear();
  frames.clear();
  for (const b of bots.filter((x) => x.sample)) {
    let prev = b.s.snapshot().view as unknown as Record<string, unknown>;
    b.s.onChange((snap) => {
      const next = snap.view as unknown as Record<string, unknown>;
      const d = plainMessages(prev, next);
      wire.fields += d.fields;
      wire.entries += d.entries;
      prev = next;
    });
  }
  const cpu0 = { servers: procs.reduce((n, p) => n + cpuSeconds(p.child.pid!), 0), proxy: proxy ? cpuSeconds(proxy.pid) : 0, bots: process.cpuUsage() };
  const timings0 = await serverTimings(procs);
  const drops: string[] = [];
  for (const b of bots) b.s.onStatus((st, reason) => st !== "connected" && drops.push(`${st}${reason ? ` (${reason})` : ""}`));
  const done = new Promise<void>((finish) => {
    let finished = 0;
    for (const b of bots) {
      // The turn is read from the room's state as frames arrive; the bot builds its snapshot (the
      // whole client view) only when it acts, once a turn, as a person's browser would each
      // render. A snapshot per patch made the bots' process the bottleneck of the bench.
      const room = b.s.currentRoom;
      room.onStateChange(() => {
        const st = room.state as { turn: number; resolvedAt: number };
        if (st.turn <= b.last) return;
        b.last = st.turn;
        latencies.push(frameAt - st.resolvedAt);
        if (b.last > TURNS) {
          if (++finished === bots.length) finish();
          return;
        }
        setTimeout(() => playTurn(rules, b.s, b.seat), Math.random() * WINDOW_MS);
      });
      setTimeout(() => playTurn(rules, b.s, b.seat), Math.random() * WINDOW_MS);
    }
  });
  if (process.env["BENCH_DEBUG"])
    setInterval(() => {
      const stuck = bots.filter((b) => b.last <= TURNS);
      console.error(`waiting for ${stuck.length} bots: ${stuck.slice(0, 6).map((b) => `${b.seat} last ${b.last} snap ${b.s.snapshot().view.turn} state ${(b.s.currentRoom.state as { turn: number }).turn}`).join("; ")}`);
    }, 15_000).unref();
  // The storm: observers join games in progress, spread over 10 s, from a process of their own.
  const stormer = spawnClients({ kind: "storm", urls, rooms: games, turns: TURNS, count: STORM });
  const stormDone = stormer.line("storm {", 120_000);
  await Promise.race([Promise.all([done, stormDone]), sleep(WINDOW_MS * (TURNS + 2) + 120_000)]);
  const stormLine = await stormDone.catch((e: unknown) => `storm ${JSON.stringify({ ok: 0, failed: STORM, times: [], errors: [(e as Error).message] })}`);
  const storm = JSON.parse(stormLine.slice("storm ".length)) as NonNullable<Row["storm"]>;
  const played = bots.length * TURNS;
  const botCpu = process.cpuUsage(cpu0.bots);
  const cpu = { servers: procs.reduce((n, p) => n + cpuSeconds(p.child.pid!), 0) - cpu0.servers, proxy: proxy ? cpuSeconds(proxy.pid) - cpu0.proxy : undefined, bots: (botCpu.user + botCpu.system) / 1e6 };
  // A copy: frames that arrive while the clients leave are not part of play.
  const perTurn = new Map([...kinds].map(([k, v]) => [k, v / Math.max(1, played)]));
  const framesPerTurn = new Map([...frames].map(([k, v]) => [k, v / Math.max(1, played)]));
  const sampled = 6 * TURNS;
  const plainWire = { patches: wire.patches / sampled, fields: wire.fields / sampled, entries: wire.entries / sampled };
  const probed = await probes.result();
  const server = (await serverTimings(procs)).map((turns, i) => ({
    turns,
    young: { count: turns.gc.young.count - timings0[i]!.gc.young.count, ms: turns.gc.young.ms - timings0[i]!.gc.young.ms },
  }));
  if (DEFLATE) console.log(`${name}: each frame deflated on its own would carry ${(DEFLATE.plain / played).toFixed(0)} B per turn per client, ${(DEFLATE.withDictionary / played).toFixed(0)} B with the scenario's texts (${DEFLATE.dictionary.length} B) as dictionary, against ${(bytes / played).toFixed(0)} B sent`);
  const row: Row = { name, latencies, probed, bytesPerTurn: bytes / Math.max(1, played), rss: procs.reduce((n, p) => n + rssMb(p), 0), proxyRss: proxy ? rssOf(proxy.pid) : undefined, storm, drops: [...drops], kinds: perTurn, frames: framesPerTurn, cpu, plainWire, server };
  if (process.env["BENCH_DEBUG"]) console.error(`played; leaving ${bots.length} sessions`);
  stormer.child.kill("SIGTERM");
  const sessions = bots.map((b) => b.s);
  for (let i = 0; i < sessions.length; i += 100) await Promise.all(sessions.slice(i, i + 100).map((x) => x.leave().catch(() => undefined)));
  if (process.env["BENCH_DEBUG"]) console.error("left");
  return row;
}

const PLAIN = "plain Colyseus room, 1 process";
const DURABLE_PLAIN = "plain room + SQLite commits, locks shown";

/**
 * The plain Colyseus room; with `dbFile`, the same room committing every message to SQLite and
 * showing every lock-in at once (bench/plain-server.ts, PLAIN_DB), Faultline's two costs by design.
 */
async function plain(dbFile?: string): Promise<Row> {
  const p = await spawnNode("bench/plain-server.ts", dbFile ? { PLAIN_DB: dbFile } : {}, /plain server ready/);
  let bytes = 0;
  let frameAt = 0;
  const kinds = new Map<string, number>();
  const frames = new Map<string, number>();
  const latencies: number[] = [];
  const client = () =>
    new HookedClient(p.url, (r) =>
      tapFrames(r, (b) => {
        bytes += b.length;
        const k = frameKind(b);
        kinds.set(k, (kinds.get(k) ?? 0) + b.length);
        frames.set(k, (frames.get(k) ?? 0) + 1);
        frameAt = Date.now();
      }),
    );
  // Six clients per room, placed explicitly: joinOrCreate in parallel could leave a room short of
  // six, and such a room never resolves.
  const rooms = (
    await Promise.all(
      Array.from({ length: ROOMS }, async () => {
        const first = await client().create("plain");
        const rest = await Promise.all(Array.from({ length: 5 }, () => client().joinById(first.roomId)));
        return [first, ...rest];
      }),
    )
  ).flat();
  for (const room of rooms) room.onMessage("*", () => undefined);
  const probes = await startProbes("plain", [p.url], rooms.filter((_, i) => i % 6 === 0).map((r) => r.roomId));
  // Each client's first full state has arrived before counting starts.
  await sleep(500);
  bytes = 0;
  kinds.clear();
  frames.clear();
  const cpu0 = { server: cpuSeconds(p.child.pid!), bots: process.cpuUsage() };
  const lasts: number[] = [];
  if (process.env["BENCH_DEBUG"])
    setInterval(() => console.error(`plain: ${lasts.filter((l) => l <= TURNS).length} clients waiting; turns ${[...new Set(lasts)].join(",")}`), 15_000).unref();
  await new Promise<void>((finish) => {
    let finished = 0;
    for (const [i, room] of rooms.entries()) {
      let last = 1;
      lasts[i] = 1;
      const act = () => {
        room.send("order", { move: "expand_trade", target: "KOR" });
        room.send("chat", "we hold our course");
        setTimeout(() => room.send("lock"), 100);
      };
      room.onStateChange((st: { turn: number; resolvedAt: number }) => {
        if (st.turn <= last) return;
        last = st.turn;
        lasts[i] = last;
        latencies.push(frameAt - st.resolvedAt);
        if (last > TURNS) {
          if (++finished === rooms.length) finish();
          return;
        }
        setTimeout(act, Math.random() * WINDOW_MS);
      });
      setTimeout(act, Math.random() * WINDOW_MS);
    }
  });
  const botCpu = process.cpuUsage(cpu0.bots);
  const cpu = { servers: cpuSeconds(p.child.pid!) - cpu0.server, bots: (botCpu.user + botCpu.system) / 1e6 };
  const perTurn = new Map([...kinds].map(([k, v]) => [k, v / (rooms.length * TURNS)]));
  const framesPerTurn = new Map([...frames].map(([k, v]) => [k, v / (rooms.length * TURNS)]));
  const probed = await probes.result();
  const row: Row = { name: dbFile ? DURABLE_PLAIN : PLAIN, latencies, probed, bytesPerTurn: bytes / (rooms.length * TURNS), rss: rssMb(p), kinds: perTurn, frames: framesPerTurn, cpu };
  for (let i = 0; i < rooms.length; i += 100) await Promise.all(rooms.slice(i, i + 100).map((r) => r.leave().catch(() => undefined)));
  await stop(p);
  return row;
}

/** CYCLES create -> play -> dispose in this process, on Redis: heap after GC and presence channels left. */
async function cycles(): Promise<string> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const dir = mkdtempSync(join(tmpdir(), "faultline-load-"));
  const prefix = `faultline-load-${process.pid}:`;
  const cluster = new Cluster({ redisUrl: REDIS_URL, keyPrefix: prefix });
  const store = new SqliteGameStore(openDatabase(join(dir, "cycles.sqlite")));
  const port = await freePort();
  const f = makeFaultlineServer({ store, cluster, limits: { createPerHour: 1e9, createPerMinute: 1e9, idleRoomSeconds: 0.05, unjoinedRoomSeconds: 10, pendingReservationsPerAddress: 1e9, connectionsPerAddress: 1e9, matchmakePerMinute: 1e9, upgradesPerMinute: 1e9, apiPerMinute: 1e9 }, trustProxy: false, corsOrigins: [] });
  await f.server.listen(port);
  const url = `http://127.0.0.1:${port}`;
  const roomIds: string[] = [];
  const one = async () => {
    const c = await f.games.create({ turnMinutes: 0, missingSeats: "hold" });
    if (!c.ok) throw new Error(c.message);
    roomIds.push(c.gameId);
    await f.games.ensureRoom(c.gameId);
    const rooms = await Promise.all(["CHN", "RUS"].map((seat) => new Client(url).joinById(c.gameId, { claim: { seat, name: seat } })));
    const turned = rooms.map((r) => new Promise<void>((ok) => r.onStateChange((st: { turn: number }) => st.turn === 2 && ok())));
    for (const r of rooms) {
      r.onMessage("*", () => undefined);
      await r.send("act", { type: "lock", turn: 1, locked: true });
    }
    // A timer left pending for 5 s per cycle held ~130 cycles' promises in the measured heap.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(turned), new Promise((r) => (timer = setTimeout(r, 5000)))]);
    clearTimeout(timer);
    for (const r of rooms) await r.leave();
  };
  const settle = async () => {
    for (let i = 0; i < 100 && matchMaker.stats.local.roomCount > 0; i++) await sleep(50);
    await sleep(200);
    // The clients run in this process too, and every fetch() they make (the matchmaker's HTTP
    // step) leaves a resource-timing entry in Node's global buffer: theirs, not the server's.
    performance.clearResourceTimings();
    gc();
    gc();
    const code = getHeapSpaceStatistics().filter((x) => x.space_name.startsWith("code")).reduce((n, x) => n + x.space_used_size, 0);
    // Compiled code and bytecode with their metadata (deoptimisation data, feedback), wherever V8 keeps them.
    const c = getHeapCodeStatistics();
    return { heap: process.memoryUsage().heapUsed / 1e6, code: code / 1e6, jit: (c.code_and_metadata_size + c.bytecode_and_metadata_size) / 1e6 };
  };
  // BENCH_SNAPSHOT_DIR=dir: heap snapshots after the warm-up and after the cycles, to compare.
  const snapshots = process.env["BENCH_SNAPSHOT_DIR"];
  for (let i = 0; i < 20; i++) await one(); // warm-up
  const early = await settle();
  // V8 keeps compiling hot functions for a few hundred cycles (its code space grows, then levels
  // off): the start is also read after a longer warm-up, as a server that has been serving is.
  for (let i = 20; i < WARM_CYCLES; i++) await one();
  const heap0 = await settle();
  if (snapshots) writeHeapSnapshot(join(snapshots, "cycles-0.heapsnapshot"));
  const t = performance.now();
  for (let i = 0; i < CYCLES; i++) await one();
  const took = performance.now() - t;
  const heap1 = await settle();
  if (snapshots) writeHeapSnapshot(join(snapshots, `cycles-${CYCLES}.heapsnapshot`));
  const presence = cluster.presence as unknown as { subscriptions: { eventNames(): (string | symbol)[] } };
  const roomChannels = presence.subscriptions.eventNames().filter((n) => typeof n === "string" && roomIds.includes(n.slice(1)));
  const redis = new Redis(REDIS_URL);
  const numsub = roomIds.length ? ((await redis.pubsub("NUMSUB", ...roomIds.map((id) => `$${id}`))) as (string | number)[]) : [];
  let redisSubs = 0;
  for (let i = 1; i < numsub.length; i += 2) redisSubs += Number(numsub[i]);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await f.server.gracefullyShutdown(false).catch(() => undefined);
  cluster.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  // Compiled code (V8's code space) grows while more functions get hot enough to optimise; it is
  // not held by rooms, so the heap without it is shown as well.
  const pctOf = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)}%`;
  const [h0, h1] = [heap0.heap - heap0.code, heap1.heap - heap1.code];
  const [j0, j1] = [heap0.heap - heap0.jit, heap1.heap - heap1.jit];
  const fromEarly = `from cycle 20 (${CYCLES + WARM_CYCLES - 20} cycles): heap ${early.heap.toFixed(1)} -> ${heap1.heap.toFixed(1)} MB (${pctOf(early.heap, heap1.heap)}), compiled code ${early.code.toFixed(1)} -> ${heap1.code.toFixed(1)} MB`;
  return `${CYCLES} create -> play -> dispose cycles after ${WARM_CYCLES} to warm up (${(took / CYCLES).toFixed(0)} ms each, on Redis): heap after GC ${heap0.heap.toFixed(1)} MB -> ${heap1.heap.toFixed(1)} MB (${pctOf(heap0.heap, heap1.heap)}); compiled code ${heap0.code.toFixed(1)} -> ${heap1.code.toFixed(1)} MB; heap without it ${h0.toFixed(1)} -> ${h1.toFixed(1)} MB (${pctOf(h0, h1)}); without any code, bytecode or their metadata ${j0.toFixed(1)} -> ${j1.toFixed(1)} MB (${pctOf(j0, j1)}); rooms left ${matchMaker.stats.local.roomCount}, room subscriptions left in presence ${roomChannels.length}, in Redis ${redisSubs}; ${fromEarly}`;
}

/**
 * The idle patch loop: rooms with a client connected and nothing happening, CPU used per second
 * by this process with the rooms as they are (no patch timer) and with Colyseus's 50 ms timer
 * switched back on in the same rooms.
 */
async function idle(rooms = 100): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "faultline-idle-"));
  const store = new SqliteGameStore(openDatabase(join(dir, "idle.sqlite")));
  const port = await freePort();
  const f = makeFaultlineServer({ store, limits: { createPerHour: 1e9, createPerMinute: 1e9, pendingReservationsPerAddress: 1e9, connectionsPerAddress: 1e9, matchmakePerMinute: 1e9, upgradesPerMinute: 1e9, apiPerMinute: 1e9 }, trustProxy: false, corsOrigins: [] });
  await f.server.listen(port);
  const ids: string[] = [];
  const clients = [];
  for (let i = 0; i < rooms; i++) {
    const c = await f.games.create({ turnMinutes: 0, missingSeats: "hold" });
    if (!c.ok) throw new Error(c.message);
    ids.push(c.gameId);
    await f.games.ensureRoom(c.gameId);
    const r = await new Client(`http://127.0.0.1:${port}`).joinById(c.gameId, { claim: { seat: "CHN", name: "idle" } });
    r.onMessage("*", () => undefined);
    clients.push(r);
  }
  await sleep(1000);
  const cpu = async () => {
    const t = process.cpuUsage();
    await sleep(5000);
    const d = process.cpuUsage(t);
    return (d.user + d.system) / 1000 / 5;
  };
  const none = await cpu();
  for (const id of ids) (matchMaker.getLocalRoomById(id) as unknown as { patchRate: number | null }).patchRate = 50;
  const timer = await cpu();
  for (const r of clients) await r.leave().catch(() => undefined);
  await f.server.gracefullyShutdown(false).catch(() => undefined);
  store.close();
  rmSync(dir, { recursive: true, force: true });
  return `idle: ${rooms} rooms with a client each, nothing happening: ${none.toFixed(1)} ms CPU per second with the 1 s patch timer (now), ${timer.toFixed(1)} ms per second with Colyseus's 50 ms timer (before)`;
}

// ---- run ----
await requireRedis();
/**
 * Two server processes on Redis and a fresh PostgreSQL database for `work`; with `behindCaddy`,
 * Caddy in front of them with deploy/Caddyfile, as docs/deploy.md deploys them (each process's
 * public address names its path segment on the proxy). Everything is removed afterwards.
 */
async function withTwoProcesses<T>(name: string, work: (ps: [Proc, Proc], proxy?: RunningCaddy) => Promise<T>, behindCaddy = false): Promise<T> {
  await requireRedis();
  if (behindCaddy) requireCaddy();
  const db = await freshDatabase(name);
  const prefix = `faultline-${name}-${process.pid}:`;
  const env = { DATABASE_URL: db.url, REDIS_URL, REDIS_PREFIX: prefix };
  const proxyPort = await freePort();
  const ps: Proc[] = [];
  let proxy: RunningCaddy | undefined;
  try {
    for (let i = 0; i < 2; i++) {
      const port = await freePort();
      const address: Record<string, string> = behindCaddy ? { FAULTLINE_PUBLIC_ADDRESS: `127.0.0.1:${proxyPort}/n${i + 1}`, FAULTLINE_TRUST_PROXY: "1" } : { FAULTLINE_PUBLIC_ADDRESS: `127.0.0.1:${port}` };
      ps.push(await spawnNode("server/main.ts", { ...env, PORT: String(port), ...address }, /unfinished game/));
    }
    if (behindCaddy) {
      proxy = await startCaddy(proxyPort, ...(ps.map((p) => Number(new URL(p.url).port)) as [number, number]));
      // The proxy serves players as the servers do: not at the bots' lower priority (at nice 10
      // its probes' p99 was 165 ms against 61 direct).
      atBasePriority(proxy.pid);
    }
    return await work(ps as [Proc, Proc], proxy);
  } finally {
    await proxy?.stop();
    for (const p of ps) await stop(p);
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
    await db.drop();
  }
}

/**
 * --only failover: ROOMS games hosted by process A, with their bots connected through process B
 * (as behind a proxy, whose URL stays up). In turn 2, half of each game's seats give orders and
 * lock in, acknowledged; then A is killed with SIGKILL. Measured: how long until every bot is back
 * (the games reopen on B from PostgreSQL), whether every acknowledged lock survived, and how long
 * until every game resolves turn 2 once the other seats play.
 */
async function failover(): Promise<string> {
  return withTwoProcesses("failover", async ([a, b]) => {
    const t0 = Date.now();
    const step = (what: string) => process.env["BENCH_DEBUG"] && console.error(`failover +${Date.now() - t0} ms: ${what}`);
    const games: string[] = [];
    for (let i = 0; i < ROOMS; i++) {
      const res = await fetch(`${a.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `failover ${i}`, turnMinutes: 0, missingSeats: "hold" }) });
      games.push(((await res.json()) as { gameId: string }).gameId);
    }
    // Rooms open on the process the first join arrives at: an observer through A opens each on A.
    const openers: ColyseusSession[] = [];
    for (let i = 0; i < games.length; i += 10) openers.push(...(await Promise.all(games.slice(i, i + 10).map((g) => new ColyseusGameServer(a.url).join(g, { observer: true, name: "opener" })))));
    step("rooms opened on A");
    const viaB = () => new ColyseusGameServer(b.url, { retryForMs: 120_000 });
    const bots: { s: ColyseusSession; seat: string; game: number; back?: number; states: string[] }[] = [];
    for (let g = 0; g < games.length; g += 5)
      await Promise.all(games.slice(g, g + 5).flatMap((gameId, j) => SEATS.map(async (seat) => bots.push({ s: await viaB().join(gameId, { seat, name: `bot ${seat}` }), seat, game: g + j, states: [] }))));
    step("bots joined through B");
    const waitAll = async (what: string, ok: () => boolean, ms: number) => {
      const until = Date.now() + ms;
      while (!ok()) {
        if (Date.now() > until) throw new Error(`failover: timed out waiting for ${what}`);
        await sleep(50);
      }
    };
    const turnOf = (x: (typeof bots)[number]) => x.s.snapshot().view.turn;
    // A request without an answer in 20 s counts as refused (and is reported), not as a hang.
    const ask = (x: (typeof bots)[number], msg: Parameters<ColyseusSession["request"]>[0]) =>
      Promise.race([x.s.request(msg).catch((e: unknown) => ({ ok: false, error: String(e) })), sleep(20_000).then(() => ({ ok: false, error: "no answer in 20 s" }))]);
    // Turn 1: everyone locks in.
    await Promise.all(bots.map((x) => ask(x, { type: "lock", turn: 1, locked: true })));
    step("turn 1 locked");
    await waitAll("turn 2 everywhere", () => bots.every((x) => turnOf(x) >= 2), 60_000);
    // Turn 2: the first three seats give orders and lock in, acknowledged, before the kill.
    const early = bots.filter((x) => SEATS.indexOf(x.seat) < 3);
    const acks = await Promise.all(
      early.map(async (x) => {
        const orders = await ask(x, { type: "orders", turn: 2, orders: [{ move: "distance", target: x.seat === "USA" ? "CHN" : "USA" }] });
        const lock = await ask(x, { type: "lock", turn: 2, locked: true });
        return orders.ok && lock.ok;
      }),
    );
    const acknowledged = acks.filter(Boolean).length;
    step("acknowledged; killing A");
    for (const x of bots) x.s.onStatus((st) => x.states.push(st));
    const killedAt = Date.now();
    const logFrom = b.out().length;
    a.child.kill("SIGKILL");
    await waitAll("every bot noticing the drop", () => bots.every((x) => x.states.includes("reconnecting") || x.states.includes("lost")), 30_000).catch(() => undefined);
    step("waiting for bots to come back");
    for (const x of bots)
      x.s.onStatus((st) => {
        if (st === "connected" && x.back === undefined) x.back = Date.now() - killedAt;
      });
    for (const x of bots) if (x.states.at(-1) === "connected" && x.back === undefined) x.back = Date.now() - killedAt;
    await waitAll("every bot back", () => bots.every((x) => x.back !== undefined || x.states.at(-1) === "lost"), 150_000).catch(() => undefined);
    step("bots back or given up");
    const lost = bots.filter((x) => x.back === undefined);
    // Every acknowledged lock (and its orders) must be there after the restore.
    const kept = early.filter((x, i) => acks[i] && x.back !== undefined && x.s.snapshot().seats.find((seat) => seat.id === x.seat)?.locked && (x.s.snapshot().view.orders[x.seat]?.length ?? 0) > 0).length;
    const playAt = Date.now();
    const resolved: number[] = [];
    const perGame = new Map<number, (typeof bots)[number][]>();
    for (const x of bots) perGame.set(x.game, [...(perGame.get(x.game) ?? []), x]);
    step("others locking turn 2");
    await Promise.all(
      bots.filter((x) => SEATS.indexOf(x.seat) >= 3 && x.back !== undefined).map((x) => ask(x, { type: "lock", turn: 2, locked: true })),
    );
    await waitAll(
      "turn 3 everywhere",
      () => {
        for (const [g, xs] of perGame) if (!resolved[g] && xs.some((x) => x.back !== undefined && turnOf(x) >= 3)) resolved[g] = Date.now() - playAt;
        return [...perGame.keys()].every((g) => resolved[g] !== undefined);
      },
      60_000,
    ).catch(() => undefined);
    // What B logged while it took the games over (distinct lines, numbers and ids blurred).
    const logged = new Map<string, number>();
    for (const line of b.out().slice(logFrom).split("\n")) {
      const key = line.trim().replace(/[A-Za-z0-9_-]{9,}/g, "…").replace(/\d+/g, "N").slice(0, 160);
      if (key) logged.set(key, (logged.get(key) ?? 0) + 1);
    }
    const backTimes = bots.flatMap((x) => (x.back === undefined ? [] : [x.back]));
    const resolvedTimes = resolved.filter((t) => t !== undefined);
    step("leaving");
    for (const x of bots) await x.s.leave().catch(() => undefined);
    for (const o of openers) void o.leave().catch(() => undefined);
    return [
      `failover: ${ROOMS} games x 6 bots hosted by process A, bots through process B; A killed with SIGKILL mid-turn (${acknowledged} acknowledged order+lock pairs before the kill)`,
      `  bots back: ${backTimes.length} of ${bots.length}${lost.length ? ` (${lost.length} lost: ${[...new Set(lost.map((x) => x.states.join(">")))].slice(0, 3).join("; ")})` : ""}; time to come back after the kill p50 ${pct(backTimes, 50)} ms, p99 ${pct(backTimes, 99)} ms, max ${Math.max(...backTimes)} ms`,
      `  acknowledged locks with their orders still there after the restore: ${kept} of ${acknowledged}`,
      `  games that resolved turn 2 once the other seats locked in: ${resolvedTimes.length} of ${ROOMS}; p50 ${pct(resolvedTimes, 50)} ms, max ${Math.max(...resolvedTimes)} ms after they did`,
      `  process B afterwards: RSS ${rssMb(b).toFixed(0)} MB; what it logged meanwhile: ${logged.size ? [...logged].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([l, n]) => `${n}x "${l}"`).join("; ") : "nothing"}`,
    ].join("\n");
  });
}

// --only idle | cycles | plain | play | one | two: just that part (the full run takes minutes).
if (args.only === "failover") {
  console.log(await failover());
  process.exit(0);
}
if (args.only === "idle") {
  console.log(await idle(Number(process.env["BENCH_IDLE_ROOMS"] ?? 100)));
  process.exit(0);
}
if (args.only === "plain") {
  const dir = mkdtempSync(join(tmpdir(), "faultline-load-"));
  for (const r of [await plain(), await plain(join(dir, "plain.sqlite"))])
    console.log(`${r.name}: p50 ${pct(r.latencies, 50)} p99 ${pct(r.latencies, 99)} ms; probes p50 ${pct(r.probed, 50)} p99 ${pct(r.probed, 99)} ms; ${r.bytesPerTurn.toFixed(0)} B/turn/client; CPU ${r.cpu?.servers.toFixed(1)} s`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
if (args.only === "cycles") {
  console.log(await cycles());
  process.exit(0);
}
if (NICE > 0) setPriority(BASE_PRIORITY + NICE);
// The bots run in this process: every thread of it on the clients' CPU.
if (PIN) execFileSync("taskset", ["-a", "-cp", CLIENT_CPU, String(process.pid)], { stdio: "ignore" });
console.log(`bench:load: ${ROOMS} rooms x 6 bots (orders, proposals, chat, lock), ${TURNS} turns, locks spread over ${WINDOW_MS} ms; storm ${STORM} joins in 10 s; ${CYCLES} cycles`);
const rows: Row[] = [];
const dir = mkdtempSync(join(tmpdir(), "faultline-load-"));
// --only two: the two-process setup and the plain room.
if (args.only !== "two") {
  const p = await spawnNode("server/main.ts", { FAULTLINE_DB: join(dir, "one.sqlite") }, /unfinished game/);
  rows.push(
    await faultline("Faultline, 1 process (SQLite)", [p.url], [p]).catch((e: unknown) => {
      throw new Error(`${(e as Error).message}\nserver output:\n${p.out().slice(-3000)}`);
    }),
  );
  if (process.env["BENCH_DEBUG"]) console.log(p.out().slice(-3000));
  await stop(p);
}
// --only one: the one-process setup and the plain room (the issue's 500 rooms fit no other way on a small machine).
if (args.only !== "one") {
  rows.push(
    await withTwoProcesses(
      "load2",
      (ps, proxy) =>
        (proxy
          ? faultline("Faultline, 2 processes behind Caddy", [proxy.url], ps, proxy)
          : faultline("Faultline, 2 processes (Redis + PostgreSQL)", ps.map((p) => p.url), ps)
        ).catch((e: unknown) => {
          throw new Error(`${(e as Error).message}\n${ps.map((p, i) => `server ${i + 1} output:\n${p.out().slice(-3000)}`).join("\n")}${proxy ? `\nCaddy:\n${proxy.output().slice(-2000)}` : ""}`);
        }),
      !args.direct,
    ),
  );
}
rows.push(await plain());
rows.push(await plain(join(dir, "plain.sqlite")));
rmSync(dir, { recursive: true, force: true });

const plainRow = rows.find((r) => r.name === PLAIN)!;
const durableRow = rows.find((r) => r.name === DURABLE_PLAIN)!;
const ratio = (x: number[], ref: number[]) => (pct(x, 99) / Math.max(1, pct(ref, 99))).toFixed(2).padStart(9);
console.log("");
console.log(`p99/durable: against ${DURABLE_PLAIN} (a plain room doing Faultline's per-message commit and per-lock patch)`);
console.log(`${"setup".padEnd(46)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)} ${"p99/plain".padStart(9)} ${"p99/durable".padStart(11)} ${"B/turn/client".padStart(13)} ${"RSS MB".padStart(7)}  join storm`);
for (const r of rows) {
  const storm = r.storm ? `${r.storm.ok} ok, ${r.storm.failed} failed, p50 ${pct(r.storm.times, 50).toFixed(0)} ms, p99 ${pct(r.storm.times, 99).toFixed(0)} ms${r.storm.errors.length ? ` (${[...new Set(r.storm.errors)].slice(0, 3).join("; ")})` : ""}` : "";
  const drops = r.drops?.length ? `; ${r.drops.length} bot connection drops: ${[...new Set(r.drops)].slice(0, 3).join(", ")}` : "";
  console.log(
    `${r.name.padEnd(46)} ${pct(r.latencies, 50).toFixed(0).padStart(7)} ${pct(r.latencies, 99).toFixed(0).padStart(7)} ${Math.max(...r.latencies).toFixed(0).padStart(7)} ${ratio(r.latencies, plainRow.latencies)} ${ratio(r.latencies, durableRow.latencies).padStart(11)} ${r.bytesPerTurn.toFixed(0).padStart(13)} ${r.rss.toFixed(0).padStart(7)}  ${storm}${drops}`,
  );
}
console.log("");
console.log("turn-broadcast latency seen by one probe client per room in a process of its own (bench/probe-clients.ts):");
console.log(`${"setup".padEnd(46)} ${"p50 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)} ${"p99/plain".padStart(9)} ${"p99/durable".padStart(11)} ${"samples".padStart(8)}`);
for (const r of rows)
  console.log(
    `${r.name.padEnd(46)} ${pct(r.probed, 50).toFixed(0).padStart(7)} ${pct(r.probed, 99).toFixed(0).padStart(7)} ${Math.max(...r.probed).toFixed(0).padStart(7)} ${ratio(r.probed, plainRow.probed)} ${ratio(r.probed, durableRow.probed).padStart(11)} ${String(r.probed.length).padStart(8)}`,
  );
for (const r of rows) {
  if (r.cpu) console.log(`${r.name}: CPU during play ${r.cpu.servers.toFixed(1)} s in the servers, ${r.cpu.proxy !== undefined ? `${r.cpu.proxy.toFixed(1)} s in Caddy (RSS ${r.proxyRss?.toFixed(0)} MB), ` : ""}${r.cpu.bots.toFixed(1)} s in the bots' process`);
  for (const [i, x] of (r.server ?? []).entries()) {
    const t = x.turns;
    console.log(
      `  process ${i + 1} (its /health): resolved turns out ${t.deliveryMs.p50} / ${t.deliveryMs.p99} / ${t.deliveryMs.max} ms p50 / p99 / max after their commit (refresh ${t.refreshMs.p50} / ${t.refreshMs.p99}, send ${t.sendMs.p50} / ${t.sendMs.p99}${t.cpuWait ? `; waiting for a CPU ${t.cpuWait.waitMs.p50} / ${t.cpuWait.waitMs.p99}, without that wait ${t.cpuWait.withoutWaitMs.p50} / ${t.cpuWait.withoutWaitMs.p99}` : ""}), ${t.turns} turns; young-generation collections during play ${x.young.count}, ${x.young.ms.toFixed(0)} ms (longest since start ${t.gc.young.maxMs} ms)`,
    );
  }
  if (r.plainWire)
    console.log(
      `  one room's clients, view changes per turn per client: ${r.plainWire.patches.toFixed(0)} B as state patches (now); plain per-viewer messages would carry ${r.plainWire.entries.toFixed(0)} B (changed entries) or ${r.plainWire.fields.toFixed(0)} B (changed fields)`,
    );
  if (r.storm?.describe?.length)
    console.log(
      `  join storm: the lobby's description p50 ${pct(r.storm.describe, 50).toFixed(0)} ms, p99 ${pct(r.storm.describe, 99).toFixed(0)} ms; the joining clients' own process ${r.storm.cpuPercent}% CPU, event-loop delay p99 ${r.storm.loopDelayP99} ms`,
    );
  if (r.kinds) console.log(`  bytes per turn per client: ${[...r.kinds].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ")}`);
  if (r.frames) console.log(`  frames per turn per client: ${[...r.frames].sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(", ")}`);
}
console.log(`priorities: ${niceNote}${PIN ? `; servers on CPU ${SERVER_CPU} alone, bots, probes and storm on CPU ${CLIENT_CPU} (--pin)` : ""}`);
console.log("targets: p99 within 1.5x the plain room (p99/plain), <= 1 KB per turn per client, <= 600 MB RSS per 500 rooms; storm: no failed join");
if (args.only !== "play" && args.only !== "one" && args.only !== "two") {
  console.log(await cycles());
  console.log(await idle(Number(process.env["BENCH_IDLE_ROOMS"] ?? 100)));
}
process.exit(0);
