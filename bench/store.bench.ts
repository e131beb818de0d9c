// `npm run bench:store`: what the store costs on each backend, as the server calls it (awaited,
// commit before broadcast). First the latency of one call at a time: appendAction (an order or a
// chat line), commitTurn (a resolved turn with its state) and getGame, p50/p99/max in ms. Then the
// throughput of several games: 8 games each append 100 actions, in order within a game (as a room
// does), the games one after another and then all at once, in appends/s with each append's
// p50/p99 and the worst event-loop stall meanwhile. SQLite does each call synchronously, so its
// games take turns and block the loop; the PostgreSQL pool (pg-store.ts) overlaps their commits
// on its connections, and the loop stays free while they wait. Set FAULTLINE_TEST_PG to use another server than the local one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { systemClock } from "../server/clock.ts";
import { createGameRecord } from "../server/game/create-game.ts";
import { realEngine } from "../server/game/engine-port.ts";
import { loadScenarios, ScenarioLibrary } from "../server/scenarios.ts";
import { openDatabase } from "../server/store/db.ts";
import { SqliteGameStore, type GameStore } from "../server/store/game-store.ts";
import { PgGameStore } from "../server/store/pg-store.ts";
import { freshDatabase } from "../test/support/postgres.ts";

const N = Number(process.env["BENCH_WRITES"] ?? 500);
const GAMES = 8;
const PER_GAME = 100;
const catalog = loadScenarios();
const library = new ScenarioLibrary();
/** New games take the folder's scenario of their name, as the lobby's create form does. */
const source = (o: { scenario: string }) => {
  const found = library.source(o.scenario);
  return found ? { ok: true as const, value: found } : { ok: false as const, code: "create/unknown_scenario", message: `No scenario ${o.scenario}.` };
};

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(3)}  p99 ${pct(xs, 99).toFixed(3)}  max ${Math.max(...xs).toFixed(3)}`;

async function newGame(store: GameStore) {
  const r = await createGameRecord({ name: "bench", turnMinutes: 30 }, { store, clock: systemClock, engine: realEngine, source });
  if (!r.ok) throw new Error(r.message);
  return r.record;
}

/** One call at a time, each awaited before the next. */
async function measure(store: GameStore): Promise<{ append: number[]; commit: number[]; read: number[] }> {
  const record = await newGame(store);
  const id = record.id;
  const rules = catalog.get(record.scenario)!;
  const append: number[] = [];
  const commit: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await store.appendAction(id, { turn: 1, at: Date.now(), kind: "chat", seat: "CHN", who: "Ana", payload: { channel: "public", text: `message ${i}` } });
    append.push(performance.now() - t);
    const t2 = performance.now();
    await store.getGame(id);
    read.push(performance.now() - t2);
  }
  let state = (await store.turnState(id, 1))!;
  for (let i = 0; i < Math.min(N, 40); i++) {
    const res = realEngine.resolveTurn(rules, state);
    const t = performance.now();
    await store.commitTurn(id, { ...res.state, turn: state.turn + 1 }, { report: res.report, point: realEngine.historyPoint(rules, res.state) }, { deadline: null }, Date.now(), { turn: state.turn });
    commit.push(performance.now() - t);
    state = { ...res.state, turn: state.turn + 1 };
  }
  return { append, commit, read };
}

/** GAMES games, each appending PER_GAME actions in order (each awaited, as a room does): all at once, or one game after another. */
async function games(store: GameStore, atOnce: boolean): Promise<{ perSecond: number; latency: number[]; loopMaxMs: number }> {
  const ids: string[] = [];
  for (let g = 0; g < GAMES; g++) ids.push((await newGame(store)).id);
  const latency: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  await new Promise((r) => setTimeout(r, 5)); // the monitor's first tick only starts its clock
  const t0 = performance.now();
  const play = async (id: string, g: number) => {
    for (let i = 0; i < PER_GAME; i++) {
      const t = performance.now();
      await store.appendAction(id, { turn: 1, at: Date.now(), kind: "chat", seat: "CHN", who: `Player ${g}`, payload: { channel: "public", text: `message ${i}` } });
      latency.push(performance.now() - t);
    }
  };
  if (atOnce) await Promise.all(ids.map(play));
  else for (const [g, id] of ids.entries()) await play(id, g);
  const seconds = (performance.now() - t0) / 1000;
  // A loop blocked throughout (SQLite) shows only when the monitor's timer fires late: let it.
  await new Promise((r) => setTimeout(r, 5));
  loop.disable();
  return { perSecond: (GAMES * PER_GAME) / seconds, latency, loopMaxMs: loop.max / 1e6 };
}

const dir = mkdtempSync(join(tmpdir(), "faultline-bench-store-"));
const sqlite = new SqliteGameStore(openDatabase(join(dir, "bench.sqlite")));
const pgDb = await freshDatabase("bench");
const pg = await PgGameStore.open(pgDb.url);
const backends = [
  ["SQLite (WAL, file)", sqlite],
  ["PostgreSQL (pg pool, async)", pg],
] as const;

console.log(`store call latency, ms (${N} appends, ${Math.min(N, 40)} turn commits, one call at a time, each awaited)`);
for (const [name, store] of backends) {
  await measure(store); // warm-up
  const m = await measure(store);
  console.log(`${name.padEnd(28)} appendAction ${fmt(m.append)} | commitTurn ${fmt(m.commit)} | getGame ${fmt(m.read)}`);
}

console.log(`\nthroughput: ${GAMES} games each appending ${PER_GAME} actions in order, the games one after another or at once (latency per append, ms)`);
for (const [name, store] of backends) {
  await games(store, true); // warm-up
  for (const atOnce of [false, true]) {
    const c = await games(store, atOnce);
    const label = `${name}, ${atOnce ? `${GAMES} at once` : "one by one"}`;
    console.log(`${label.padEnd(42)} ${c.perSecond.toFixed(0).padStart(6)} appends/s | appendAction ${fmt(c.latency)} | event loop stalled at most ${c.loopMaxMs.toFixed(1)} ms`);
  }
}

await sqlite.close();
await pg.close();
await pgDb.drop();
rmSync(dir, { recursive: true, force: true });
