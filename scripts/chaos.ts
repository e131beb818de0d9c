// Chaos: kill -9 of the real server process over a set of running games, N times, then check that
// nothing acknowledged was lost and no game is stuck. Not part of `npm test`.
//   npm run chaos -- [--trials 50] [--games 100] [--active 5] [--max-seconds 900]
// Each trial, the scripted players of the active games chat, order and lock in; the process is
// killed either just after the turn's last lock-in was sent (so often between the lock-in's
// commit and the resolution's) or at a random moment of play. The script then:
//   - reads the database (before the restart) to see where each kill landed;
//   - restarts the server on the same file (with all stored games in it);
//   - measures restart-to-rejoin: a fresh client resuming with a credential, from the spawn of the
//     process to its welcome; and the players' own automatic rejoin (token, then credential);
//   - checks that every action a player got {ok: true} for is in the log (lost must be 0), and that
//     every turn whose people have all locked in resolves (stuck must be 0).
import "../server/node20-polyfill.ts";
import Database from "better-sqlite3";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ColyseusGameServer } from "../client/src/net/colyseus-server.ts";
import type { ColyseusSession } from "../client/src/net/colyseus-session.ts";
import type { ConnectionStatus } from "../client/src/net/session-types.ts";
import { compileRules, moveOptions } from "../shared/engine/index.ts";
import type { Order } from "../shared/engine/index.ts";
import type { ActReply, ClientMessage, SeatCredential } from "../shared/protocol.ts";
import { freePort } from "../test/support/free-port.ts";

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const TRIALS = arg("trials", 50);
const GAMES = arg("games", 100);
const ACTIVE = arg("active", 5);
const MAX_SECONDS = arg("max-seconds", 900);
const ROOT = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "faultline-chaos-"));
const DB = join(dir, "chaos.sqlite");
const PORT = await freePort();
const URL = `http://127.0.0.1:${PORT}`;
const started = Date.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rand = (n: number) => Math.floor(Math.random() * n);

// ---- the server process ----
let proc: ChildProcess | undefined;
async function startServer(): Promise<{ spawnedAt: number; readyAt: number }> {
  const spawnedAt = Date.now();
  proc = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), FAULTLINE_DB: DB, FAULTLINE_LIMIT_CREATE_PER_HOUR: "100000", FAULTLINE_LIMIT_CREATE_PER_MINUTE: "100000", TMPDIR: dir },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  proc.stderr?.on("data", (d: Buffer) => (err += d.toString()));
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${err}`);
    if (await fetch(`${URL}/health`).then((r) => r.ok, () => false)) return { spawnedAt, readyAt: Date.now() };
    await sleep(25);
  }
}
function kill9(): Promise<void> {
  return new Promise((done) => {
    if (!proc || proc.exitCode !== null) return done();
    proc.once("exit", () => done());
    proc.kill("SIGKILL");
  });
}

// ---- players ----
interface Player {
  session: ColyseusSession;
  seat: string;
  status: ConnectionStatus;
  connectedAt: number;
}
interface ActiveGame {
  gameId: string;
  facilitator: SeatCredential;
  players: Player[];
}
interface Acked {
  gameId: string;
  kind: string;
  turn: number;
  seat: string;
  payload: string;
}

const lobby = new ColyseusGameServer(URL, { retryForMs: 120_000 });
const acked: Acked[] = [];

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([p, sleep(ms).then(() => undefined)]);
}

/** Sends a message; records it if the server acknowledged it. */
async function act(g: ActiveGame, p: Player, msg: ClientMessage): Promise<boolean> {
  const reply = (await withTimeout(p.session.request(msg).catch(() => undefined), 3000)) as ActReply | undefined;
  if (!reply?.ok) return false;
  const turn = "turn" in msg ? msg.turn : p.session.snapshot().view.turn;
  const payload =
    msg.type === "chat" ? JSON.stringify(msg.text) : msg.type === "orders" ? JSON.stringify({ orders: msg.orders }) : msg.type === "lock" ? JSON.stringify({ locked: msg.locked }) : "";
  acked.push({ gameId: g.gameId, kind: msg.type, turn, seat: p.seat, payload });
  return true;
}

function pickOrders(p: Player): Order[] {
  const view = p.session.snapshot().view;
  const left = (view.budget?.total ?? 0) - (view.budget?.spent ?? 0);
  const options = moveOptions(compileRules(p.session.scenario), view, p.seat).filter((o) => o.available && o.accept === "none" && o.cost <= left);
  const o = options[rand(Math.max(1, options.length))];
  if (!o) return [];
  const target = o.targets.filter((t) => t.legal)[0]?.id;
  if (o.targets.length > 0 && !target) return [];
  const params = Object.fromEntries(Object.entries(o.params).map(([k, v]) => [k, v.choices[0]!]));
  return [{ move: o.move, ...(target ? { target } : {}), ...(Object.keys(params).length ? { params } : {}) }];
}

async function joinGame(gameId: string, facilitator: SeatCredential): Promise<ActiveGame> {
  const g: ActiveGame = { gameId, facilitator, players: [] };
  for (const seat of ["CHN", "RUS"]) {
    const session = await lobby.join(gameId, { seat, name: `chaos-${seat}` });
    const p: Player = { session, seat, status: "connected", connectedAt: Date.now() };
    session.onStatus((st) => {
      p.status = st;
      if (st === "connected") p.connectedAt = Date.now();
    });
    g.players.push(p);
  }
  return g;
}

// ---- checks ----
/** Acknowledged actions missing from the log. */
function lostActions(): Acked[] {
  const db = new Database(DB, { readonly: true, fileMustExist: true });
  const rows = db.prepare("SELECT game_id, kind, turn, seat, payload FROM actions").all() as { game_id: string; kind: string; turn: number; seat: string; payload: string }[];
  db.close();
  // Chat is matched by its (unique) text; orders and locks by turn, seat and payload.
  const key = (gameId: string, kind: string, turn: number, seat: string, payload: string) => `${gameId}|${kind}|${kind === "chat" ? "" : turn}|${seat}|${payload}`;
  const have = new Set(rows.map((r) => key(r.game_id, r.kind, r.turn, r.seat, r.kind === "chat" ? JSON.stringify((JSON.parse(r.payload) as { text: string }).text) : r.payload)));
  return acked.filter((a) => !have.has(key(a.gameId, a.kind, a.turn, a.seat, a.payload)));
}

/** Games where, in the database, both people locked in the current turn but it is not resolved yet. */
function lockedButUnresolved(games: ActiveGame[]): number {
  const db = new Database(DB, { readonly: true, fileMustExist: true });
  let n = 0;
  for (const g of games) {
    const turn = (db.prepare("SELECT turn FROM games WHERE id = ?").get(g.gameId) as { turn: number }).turn;
    const locks = db.prepare("SELECT seat, payload FROM actions WHERE game_id = ? AND turn = ? AND kind = 'lock' ORDER BY id").all(g.gameId, turn) as { seat: string; payload: string }[];
    const last = new Map<string, boolean>();
    for (const l of locks) last.set(l.seat, (JSON.parse(l.payload) as { locked: boolean }).locked);
    if (last.get("CHN") && last.get("RUS")) n++;
  }
  db.close();
  return n;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

// ---- run ----
console.log(`chaos: ${TRIALS} trials, ${GAMES} stored games, ${ACTIVE} played at once, at most ${MAX_SECONDS} s`);
await startServer();
const stored: { gameId: string; facilitator: SeatCredential }[] = [];
for (let i = 0; i < GAMES; i++) {
  const res = await fetch(`${URL}/api/games`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ turnMinutes: 0, missingSeats: i % 2 ? "bot" : "hold", name: `chaos ${i}` }),
  });
  const c = (await res.json()) as { gameId: string; credential: SeatCredential };
  stored.push({ gameId: c.gameId, facilitator: c.credential });
}
let next = 0;
let active: ActiveGame[] = [];
for (let i = 0; i < ACTIVE; i++) active.push(await joinGame(stored[next]!.gameId, stored[next++]!.facilitator));

const restartToRejoin: number[] = [];
const restartToReady: number[] = [];
const readyToRejoin: number[] = [];
const autoRejoin: number[] = [];
let lost = 0;
let stuck = 0;
let betweenLockAndCommit = 0;
let trials = 0;
for (; trials < TRIALS && (Date.now() - started) / 1000 < MAX_SECONDS; trials++) {
  // Play: each player chats and orders; then the turn's locks, the last one unacknowledged.
  const duringResolution = Math.random() < 0.6;
  const work = active.map(async (g) => {
    for (const p of g.players) {
      const turn = p.session.snapshot().view.turn;
      await act(g, p, { type: "chat", channel: "public", text: `t${trials}-${p.seat}-${g.gameId}-${rand(1e9)}` });
      const orders = pickOrders(p);
      if (orders.length) await act(g, p, { type: "orders", turn, orders });
    }
    const [first, last] = g.players as [Player, Player];
    const turn = first.session.snapshot().view.turn;
    await act(g, first, { type: "lock", turn, locked: true });
    if (duringResolution) void act(g, last, { type: "lock", turn, locked: true });
  });
  if (duringResolution) {
    await Promise.all(work);
    await sleep(rand(40));
  } else {
    await sleep(rand(300));
  }
  await kill9();
  await Promise.allSettled(work);
  betweenLockAndCommit += lockedButUnresolved(active);

  // Restart with every stored game; a fresh client comes back with a credential at once.
  const { spawnedAt, readyAt } = await startServer();
  restartToReady.push(readyAt - spawnedAt);
  const probe = active[rand(active.length)]!;
  const back = await lobby.resume(probe.facilitator);
  restartToRejoin.push(Date.now() - spawnedAt);
  readyToRejoin.push(Date.now() - readyAt);
  // The players come back by themselves.
  const until = Date.now() + 90_000;
  while (active.some((g) => g.players.some((p) => p.status !== "connected" || p.connectedAt < spawnedAt)) && Date.now() < until) await sleep(50);
  for (const g of active) for (const p of g.players) if (p.connectedAt >= spawnedAt) autoRejoin.push(p.connectedAt - spawnedAt);
  const missing = active.flatMap((g) => g.players).filter((p) => p.connectedAt < spawnedAt).length;
  if (missing) {
    console.log(`trial ${trials}: ${missing} player(s) did not come back`);
    stuck += missing;
  }

  // Every turn whose people have all locked in resolves.
  const waitUntil = Date.now() + 40_000;
  for (const g of active) {
    const [a, b] = g.players as [Player, Player];
    for (;;) {
      const va = a.session.snapshot().view;
      if (!(va.locked[a.seat] && va.locked[b.seat])) break;
      if (Date.now() > waitUntil) {
        console.log(`trial ${trials}: game ${g.gameId} stuck on turn ${va.turn} with both seats locked`);
        stuck++;
        break;
      }
      await sleep(50);
    }
  }
  const missingNow = lostActions();
  if (missingNow.length > lost) console.log(`trial ${trials}: lost ${missingNow.length - lost} acknowledged action(s)`, missingNow.slice(lost));
  lost = missingNow.length;
  await back.leave();

  // Games that ended make room for stored ones.
  const replaced: ActiveGame[] = [];
  for (const g of active) {
    if (g.players[0]!.session.snapshot().status !== "over") {
      replaced.push(g);
      continue;
    }
    for (const p of g.players) await p.session.leave();
    replaced.push(await joinGame(stored[next % stored.length]!.gameId, stored[next++ % stored.length]!.facilitator));
  }
  active = replaced;
  process.stdout.write(`trial ${trials + 1}/${TRIALS}: ${duringResolution ? "killed during resolution" : "killed mid-turn"}, rejoin ${restartToRejoin.at(-1)} ms\n`);
}

console.log("");
console.log(`| trials | acknowledged actions | lost | games stuck | kills between lock-in and resolution commit | restart→ready p50/p99 | ready→rejoin p50/p99 | restart→rejoin p50/p99 (fresh client) | players' own rejoin p50/p99 |`);
console.log(`|---|---|---|---|---|---|---|---|---|`);
console.log(
  `| ${trials} | ${acked.length} | ${lost} | ${stuck} | ${betweenLockAndCommit} | ${pct(restartToReady, 50)} / ${pct(restartToReady, 99)} ms | ${pct(readyToRejoin, 50)} / ${pct(readyToRejoin, 99)} ms | ${pct(restartToRejoin, 50)} / ${pct(restartToRejoin, 99)} ms | ${pct(autoRejoin, 50)} / ${pct(autoRejoin, 99)} ms |`,
);
console.log(`(${GAMES} stored games, ${ACTIVE} played at once, ${((Date.now() - started) / 1000).toFixed(0)} s)`);
for (const g of active) for (const p of g.players) await p.session.leave().catch(() => undefined);
await kill9();
rmSync(dir, { recursive: true, force: true });
process.exit(lost === 0 && stuck === 0 ? 0 : 1);
