// Server benchmark, part 2: a normal room's latency while one abusive client per case runs, next
// to the same without it. The server is the real one (front door, limits, budgets) on loopback.
//   npm run bench:server            (bench/server.bench.ts runs this after its own table)
//   node --import tsx bench/attack.bench.ts [seconds per case = 5]
// Normal room: five of six players take turns locking in and out (request → reply after the
// patch), about 40 messages a second in all; latency is that round trip. Attackers:
//   flood   one seat sends chat as fast as the socket allows; cut off (4002), it rejoins with its
//           credential and floods again
//   big     sixteen observer sockets ask for the ~80 KB scenario as fast as they get answers
//   create  a storm of POST /api/games (8 at a time)
// Each attacker runs in its own process (bench/attacker.ts), from the same loopback address, on
// the same two cores: its own client work competes with the server for CPU, which a remote
// attacker's would not, so these figures are pessimistic. The event-loop delay column is the
// server process's own stall.
import "../server/node20-polyfill.ts";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { join, resolve } from "node:path";
import { ColyseusGameServer } from "../client/src/net/colyseus-server.ts";
import type { ColyseusSession } from "../client/src/net/colyseus-session.ts";
import { makeFaultlineServer } from "../server/app.ts";
import { openDatabase } from "../server/store/db.ts";
import { SqliteGameStore } from "../server/store/game-store.ts";
import { freePort } from "../test/support/free-port.ts";

const SECONDS = Number(process.argv[2] ?? 5);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const dir = mkdtempSync(join(tmpdir(), "faultline-attack-"));
const store = new SqliteGameStore(openDatabase(join(dir, "attack.sqlite")));
const { server } = makeFaultlineServer({ store, staticDir: join(dir, "none"), corsOrigins: [] });
const port = await freePort();
await server.listen(port);
console.log(`(load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores)`);
const url = `http://127.0.0.1:${port}`;
const lobby = new ColyseusGameServer(url, { retryForMs: 5000 });

// ---- the normal room ----
const facilitator = await lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
const players: ColyseusSession[] = [];
for (const seat of ["CHN", "RUS", "PRK", "USA", "KOR", "JPN"]) players.push(await lobby.join(facilitator.credential.gameId, { seat, name: `p-${seat}` }));

/** The server process's event-loop delay p99 (ms) while `fn` runs. */
async function loopDelay<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  h.enable();
  const out = await fn();
  h.disable();
  return [out, h.percentile(99) / 1e6];
}

/**
 * Round trips over `seconds`, one message every 25 ms: five of the six players in turn lock in
 * and unlock again (each a real write, a patch and a reply; the sixth never locks, so the turn
 * does not resolve while we measure).
 */
async function measure(seconds: number): Promise<number[]> {
  const out: number[] = [];
  const until = Date.now() + seconds * 1000;
  const locked = new Map<ColyseusSession, boolean>();
  for (let i = 0; Date.now() < until; i++) {
    const p = players[i % 5]!;
    const next = !locked.get(p);
    const t0 = performance.now();
    const r = await p.request({ type: "lock", turn: 1, locked: next });
    out.push(performance.now() - t0);
    if (!r.ok) throw new Error(`${p.credential.seat}: ${r.error.code} ${r.error.message}`);
    locked.set(p, next);
    await sleep(25);
  }
  for (const [p, l] of locked) if (l) await p.request({ type: "lock", turn: 1, locked: false });
  return out;
}

// ---- attackers: each in its own process (bench/attacker.ts), as a real attacker's machine ----
const target = await lobby.createGame({ turnMinutes: 0 });
const targetId = target.credential.gameId;
const attacks = [
  { name: "flood", what: "one seat floods chat, rejoining on its credential each time it is cut off" },
  { name: "big", what: "16 observer sockets ask for the ~80 KB scenario nonstop" },
  { name: "create", what: "POST /api/games storm, 8 at a time" },
];

function startAttacker(kind: string): Promise<{ stop(): Promise<string> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/attacker.ts", kind, url, targetId], { cwd: resolve(import.meta.dirname, ".."), stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  return new Promise((ready, fail) => {
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (!out.includes("ready\n")) return;
      ready({ stop: () => new Promise((done) => {
        child.once("exit", () => done(/result: (.*)/.exec(out)?.[1] ?? "no result"));
        child.kill("SIGTERM");
      }) });
    });
    child.once("exit", (code) => fail(new Error(`attacker ${kind} exited (${code}): ${out}`)));
  });
}

console.log(`attack bench: a normal room (6 players, ~40 lock-in messages/s), ${SECONDS} s per case`);
await measure(1); // warm up
const rows: string[] = [];
for (const a of attacks) {
  const [base, baseLoop] = await loopDelay(() => measure(SECONDS));
  const run = await startAttacker(a.name);
  await sleep(300);
  const [hit, hitLoop] = await loopDelay(() => measure(SECONDS));
  const result = await run.stop();
  const ratio = pct(hit, 99) / Math.max(0.1, pct(base, 99));
  const ok = ratio <= 2 && pct(hit, 99) < 100;
  rows.push(
    `| ${a.name}: ${a.what} | ${pct(base, 50).toFixed(1)} / ${pct(base, 99).toFixed(1)} ms | ${pct(hit, 50).toFixed(1)} / ${pct(hit, 99).toFixed(1)} ms | ${ratio.toFixed(2)}× | ${ok ? "yes" : "NO"} | ${baseLoop.toFixed(0)} → ${hitLoop.toFixed(0)} ms | ${result} |`,
  );
  await sleep(500);
}
console.log("");
console.log("| attacker | normal room p50 / p99 without | with the attacker | p99 ratio | within 2× and < 100 ms | server event-loop delay p99 without → with | what the attacker got |");
console.log("|---|---|---|---|---|---|---|");
for (const r of rows) console.log(r);

for (const p of [...players, facilitator, target]) await p.leave().catch(() => undefined);
await server.gracefullyShutdown(false);
store.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
