// Server benchmark, part 2: a normal room's latency while one abusive client per case runs, next
// to the same without it. The server is the real one (front door, limits, budgets) on loopback.
//   npm run bench:server            (runs bench/server.bench.ts, then this)
//   node --import tsx bench/attack.bench.ts [seconds per case = 5]
// Normal room: five of six players take turns locking in and out (request → reply after the
// patch), about 40 messages a second in all; latency is that round trip. Attackers:
//   flood   one seat sends chat as fast as the socket allows; cut off (4002), it rejoins with its
//           credential and floods again
//   big     sixteen observer sockets ask for the ~80 KB scenario as fast as they get answers
//   create  a storm of POST /api/games (8 at a time) from another address
import "../server/node20-polyfill.ts";
import { Client, type Room } from "@colyseus/sdk";
import { request as httpRequest } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ColyseusGameServer } from "../client/src/net/colyseus-server.ts";
import type { ColyseusSession } from "../client/src/net/colyseus-session.ts";
import { makeFaultlineServer } from "../server/app.ts";
import { openDatabase } from "../server/store/db.ts";
import { GameStore } from "../server/store/game-store.ts";
import { freePort } from "../test/support/free-port.ts";

const SECONDS = Number(process.argv[2] ?? 5);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

const dir = mkdtempSync(join(tmpdir(), "faultline-attack-"));
const store = new GameStore(openDatabase(join(dir, "attack.sqlite")));
const { server } = makeFaultlineServer({ store, staticDir: join(dir, "none"), corsOrigins: [] });
const port = await freePort();
await server.listen(port);
const url = `http://127.0.0.1:${port}`;
const lobby = new ColyseusGameServer(url, { retryForMs: 5000 });

// ---- the normal room ----
const facilitator = await lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
const players: ColyseusSession[] = [];
for (const seat of ["CHN", "RUS", "PRK", "USA", "KOR", "JPN"]) players.push(await lobby.join(facilitator.credential.gameId, { seat, name: `p-${seat}` }));

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

// ---- attackers: each runs until stopped and reports what it got ----
type Attack = { name: string; what: string; start(): { stop(): Promise<string> } };

const target = await lobby.createGame({ turnMinutes: 0 });
const targetId = target.credential.gameId;

const attacks: Attack[] = [
  {
    name: "flood",
    what: "chat flood from one seat, rejoining when cut off",
    start() {
      let running = true;
      let sent = 0;
      let rejoins = 0;
      const cred = lobby.join(targetId, { seat: "JPN", name: "flooder" }).then(async (s) => {
        const c = s.credential;
        await s.leave();
        return c;
      });
      const loop = (async () => {
        const { token } = await cred;
        while (running) {
          const room: Room = await new Client(url).joinById(targetId, { token }).catch(() => undefined as unknown as Room);
          if (!room) {
            await sleep(50);
            continue;
          }
          room.reconnection.enabled = false;
          room.onMessage("*", () => undefined);
          const closed = new Promise<void>((r) => room.onLeave(() => r()));
          let open = true;
          void closed.then(() => (open = false));
          while (running && open) {
            for (let k = 0; k < 100 && open; k++, sent++) room.send("act", { type: "chat", channel: "public", text: `spam ${sent}` });
            await sleep(1);
          }
          if (open) await room.leave().catch(() => undefined);
          rejoins++;
        }
      })();
      return {
        stop: async () => {
          running = false;
          await loop;
          const got = (store.db.prepare("SELECT COUNT(*) AS n FROM actions WHERE game_id = ? AND kind = 'chat'").get(targetId) as { n: number }).n;
          return `${sent} chats sent, ${got} stored, ${rejoins} rejoins`;
        },
      };
    },
  },
  {
    name: "big",
    what: "16 sockets asking for the scenario (~80 KB) nonstop",
    start() {
      let running = true;
      let served = 0;
      let refused = 0;
      const loops = Array.from({ length: 16 }, async (_, i) => {
        const room = await new Client(url).joinById(targetId, { claim: { observer: true, name: `big${i}` } });
        room.reconnection.enabled = false;
        room.onMessage("*", () => undefined);
        while (running) {
          await room.request("scenario").then(
            () => served++,
            () => refused++,
          );
        }
        await room.leave().catch(() => undefined);
      });
      return {
        stop: async () => {
          running = false;
          await Promise.allSettled(loops);
          return `${served} served, ${refused} refused (request/rate_limited)`;
        },
      };
    },
  },
  {
    name: "create",
    what: "POST /api/games storm from another address, 8 at a time",
    start() {
      let running = true;
      const codes = new Map<number, number>();
      const post = () =>
        new Promise<number>((resolve) => {
          const req = httpRequest(
            { host: "127.0.0.1", port, localAddress: "127.0.0.9", method: "POST", path: "/api/games", headers: { "content-type": "application/json", "content-length": "2" } },
            (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode ?? 0));
            },
          );
          req.on("error", () => resolve(0));
          req.end("{}");
        });
      const loops = Array.from({ length: 8 }, async () => {
        while (running) {
          const code = await post();
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
      });
      return {
        stop: async () => {
          running = false;
          await Promise.all(loops);
          return [...codes].map(([c, n]) => `${n}× ${c}`).join(", ");
        },
      };
    },
  },
];

console.log(`attack bench: a normal room (6 players, ~40 lock-in messages/s), ${SECONDS} s per case`);
await measure(1); // warm up
const rows: string[] = [];
for (const a of attacks) {
  const base = await measure(SECONDS);
  const run = a.start();
  await sleep(300);
  const hit = await measure(SECONDS);
  const result = await run.stop();
  const ratio = pct(hit, 99) / Math.max(0.1, pct(base, 99));
  const ok = ratio <= 2 && pct(hit, 99) < 100;
  rows.push(
    `| ${a.name}: ${a.what} | ${pct(base, 50).toFixed(1)} / ${pct(base, 99).toFixed(1)} ms | ${pct(hit, 50).toFixed(1)} / ${pct(hit, 99).toFixed(1)} ms | ${ratio.toFixed(2)}× | ${ok ? "yes" : "NO"} | ${result} |`,
  );
  await sleep(500);
}
console.log("");
console.log("| attacker | normal room p50 / p99 without | with the attacker | p99 ratio | within 2× and < 100 ms | what the attacker got |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(r);

for (const p of [...players, facilitator, target]) await p.leave().catch(() => undefined);
await server.gracefullyShutdown(false);
store.close();
rmSync(dir, { recursive: true, force: true });
process.exit(0);
