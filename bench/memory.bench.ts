// `npm run bench:memory -- [--rooms 20] [--turns 3] [--observers 0] [--snapshot dir]`
// What a room holds in memory. The server runs in this process (SQLite, a temporary file); the
// bots run in a child process (its memory does not count), N games x 6 bots playing TURNS turns as
// in bench:load. Measured after GC: heap used, external/array buffers and RSS, with no room and
// with the N rooms open and their clients connected; the difference per room. With --snapshot,
// heap snapshots of both moments are written there and summarised by constructor (self size).
import "../server/node20-polyfill.ts";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setFlagsFromString, writeHeapSnapshot } from "node:v8";
import { runInNewContext } from "node:vm";
import { parseArgs } from "node:util";
import { ColyseusGameServer } from "../client/src/net/colyseus-server.ts";
import type { ColyseusSession } from "../client/src/net/colyseus-session.ts";
import { makeFaultlineServer } from "../server/app.ts";
import { ScenarioLibrary } from "../server/scenarios.ts";
import { openDatabase } from "../server/store/db.ts";
import { SqliteGameStore } from "../server/store/game-store.ts";
import { freePort } from "../test/support/free-port.ts";
import { playTurn } from "./play.ts";

const { values: args } = parseArgs({
  options: { rooms: { type: "string", default: "20" }, turns: { type: "string", default: "3" }, observers: { type: "string", default: "0" }, snapshot: { type: "string" }, bots: { type: "string" } },
});
const ROOMS = Number(args.rooms);
const TURNS = Number(args.turns);
const OBSERVERS = Number(args.observers);
const SEATS = ["CHN", "RUS", "PRK", "USA", "KOR", "JPN"];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The child: plays the games at `url`, says "played", and stays connected until its stdin closes. */
async function bots(url: string): Promise<void> {
  const rules = new ScenarioLibrary().get("pyongyang-2024")!;
  const lobby = new ColyseusGameServer(url, { retryForMs: 30_000 });
  const sessions: ColyseusSession[] = [];
  const games: string[] = [];
  for (let i = 0; i < ROOMS; i++) {
    const res = await fetch(`${url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `memory ${i}`, turnMinutes: 0, missingSeats: "hold" }) });
    games.push(((await res.json()) as { gameId: string }).gameId);
  }
  const window = Math.max(2000, ROOMS * 40);
  const played: Promise<void>[] = [];
  for (const gameId of games) {
    for (const seat of SEATS) {
      const s = await lobby.join(gameId, { seat, name: `bot ${seat}` });
      sessions.push(s);
      played.push(
        new Promise<void>((done) => {
          let last = 1;
          const room = s.currentRoom;
          room.onStateChange(() => {
            const turn = (room.state as { turn: number }).turn;
            if (turn <= last) return;
            last = turn;
            if (last > TURNS) return done();
            setTimeout(() => playTurn(rules, s, seat), Math.random() * window);
          });
          setTimeout(() => playTurn(rules, s, seat), Math.random() * window);
        }),
      );
    }
  }
  await Promise.all(played);
  for (let i = 0; i < OBSERVERS; i++) sessions.push(await lobby.join(games[i % games.length]!, { observer: true, name: `watcher ${i}` }));
  await sleep(1000);
  console.log("played");
  process.stdin.resume();
  await new Promise((r) => process.stdin.once("end", r));
  for (const s of sessions) await s.leave().catch(() => undefined);
  process.exit(0);
}

interface Mem {
  heap: number;
  external: number;
  buffers: number;
  rss: number;
}
async function measure(gc: () => void): Promise<Mem> {
  await sleep(300);
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / 1e6, external: m.external / 1e6, buffers: m.arrayBuffers / 1e6, rss: m.rss / 1e6 };
}

/** Self size and count per constructor (node type for non-objects) in a heap snapshot. */
export function summarise(file: string): Map<string, { size: number; count: number }> {
  const snap = JSON.parse(readFileSync(file, "utf8")) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] };
  const f = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [ti, ni, si] = [f.indexOf("type"), f.indexOf("name"), f.indexOf("self_size")];
  const out = new Map<string, { size: number; count: number }>();
  for (let i = 0; i < snap.nodes.length; i += f.length) {
    const type = types[snap.nodes[i + ti]!]!;
    const key = type === "object" || type === "closure" ? `${type === "closure" ? "fn " : ""}${snap.strings[snap.nodes[i + ni]!]}` : `(${type})`;
    const e = out.get(key) ?? { size: 0, count: 0 };
    e.size += snap.nodes[i + si]!;
    e.count++;
    out.set(key, e);
  }
  return out;
}

async function main(): Promise<void> {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const dir = mkdtempSync(join(tmpdir(), "faultline-memory-"));
  const store = new SqliteGameStore(openDatabase(join(dir, "memory.sqlite")));
  const port = await freePort();
  const lifted = 1e9;
  const f = makeFaultlineServer({
    store,
    limits: { createPerHour: lifted, createPerMinute: lifted, apiPerMinute: lifted, matchmakePerMinute: lifted, upgradesPerMinute: lifted, connectionsPerAddress: lifted, pendingReservationsPerAddress: lifted, heavyAddressBurst: lifted, heavyAddressPerSecond: lifted, lookupFailuresPer15Min: lifted, observersPerGame: lifted },
    trustProxy: false,
    corsOrigins: [],
    staticDir: join(dir, "no-client"),
  });
  await f.server.listen(port);
  const base = await measure(gc);
  const snapDir = args.snapshot ? resolve(args.snapshot) : undefined;
  const snap0 = snapDir && writeHeapSnapshot(join(snapDir, "rooms-0.heapsnapshot"));
  const t = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename, "--bots", `http://127.0.0.1:${port}`, "--rooms", String(ROOMS), "--turns", String(TURNS), "--observers", String(OBSERVERS)], { stdio: ["pipe", "pipe", "inherit"] });
  await new Promise<void>((ok, fail) => {
    child.stdout.on("data", (d: Buffer) => d.toString().includes("played") && ok());
    child.once("exit", (c) => fail(new Error(`bots exited (${c})`)));
  });
  const took = (performance.now() - t) / 1000;
  const open = await measure(gc);
  const snap1 = snapDir && writeHeapSnapshot(join(snapDir, `rooms-${ROOMS}.heapsnapshot`));
  const per = (k: keyof Mem) => (((open[k] - base[k]) / ROOMS) * 1000).toFixed(0);
  console.log(`${ROOMS} rooms x 6 bots, ${TURNS} turns (${took.toFixed(0)} s)${OBSERVERS ? `, then ${OBSERVERS} observers` : ""}; after GC, no room -> rooms open:`);
  for (const k of ["heap", "external", "buffers", "rss"] as const) console.log(`  ${k.padEnd(8)} ${base[k].toFixed(1).padStart(7)} MB -> ${open[k].toFixed(1).padStart(7)} MB   ${per(k).padStart(6)} KB per room`);
  if (snap0 && snap1) {
    const a = summarise(snap0);
    const b = summarise(snap1);
    const rows = [...b].map(([k, v]) => ({ k, size: v.size - (a.get(k)?.size ?? 0), count: v.count - (a.get(k)?.count ?? 0) })).sort((x, y) => y.size - x.size);
    console.log("  heap growth by constructor (self size), per room:");
    for (const r of rows.slice(0, 30)) console.log(`    ${r.k.slice(0, 50).padEnd(50)} ${((r.size / ROOMS) / 1000).toFixed(1).padStart(8)} KB ${(r.count / ROOMS).toFixed(0).padStart(7)} objects`);
  }
  child.stdin.end();
  await new Promise((r) => child.once("exit", r));
  await f.server.gracefullyShutdown(false).catch(() => undefined);
  store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

if (args.bots) await bots(args.bots);
else await main();
