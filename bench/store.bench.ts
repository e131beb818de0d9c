// `npm run bench:store`: what one store write costs on each backend, as the server calls it
// (synchronously, commit before broadcast): appendAction (an order or a chat line) and commitTurn
// (a resolved turn with its state), p50/p99/max in ms. PostgreSQL runs through the worker thread
// (pg-store.ts); set FAULTLINE_TEST_PG to use another server than the local one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { systemClock } from "../server/clock.ts";
import { createGameRecord } from "../server/game/create-game.ts";
import { realEngine } from "../server/game/engine-port.ts";
import { loadScenarios, ScenarioLibrary } from "../server/scenarios.ts";
import { openDatabase } from "../server/store/db.ts";
import { SqliteGameStore, type GameStore } from "../server/store/game-store.ts";
import { PgGameStore } from "../server/store/pg-store.ts";
import { freshDatabase } from "../test/support/postgres.ts";

const N = Number(process.env["BENCH_WRITES"] ?? 500);
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

function measure(store: GameStore): { append: number[]; commit: number[]; read: number[] } {
  const r = createGameRecord({ name: "bench", turnMinutes: 30 }, { store, clock: systemClock, engine: realEngine, source });
  if (!r.ok) throw new Error(r.message);
  const id = r.record.id;
  const rules = catalog.get(r.record.scenario)!;
  const append: number[] = [];
  const commit: number[] = [];
  const read: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    store.appendAction(id, { turn: 1, at: Date.now(), kind: "chat", seat: "CHN", who: "Ana", payload: { channel: "public", text: `message ${i}` } });
    append.push(performance.now() - t);
    const t2 = performance.now();
    store.getGame(id);
    read.push(performance.now() - t2);
  }
  let state = store.turnState(id, 1)!;
  for (let i = 0; i < Math.min(N, 40); i++) {
    const res = realEngine.resolveTurn(rules, state);
    const t = performance.now();
    store.commitTurn(id, { ...res.state, turn: state.turn + 1 }, { report: res.report, point: realEngine.historyPoint(rules, res.state) }, { deadline: null }, Date.now(), { turn: state.turn });
    commit.push(performance.now() - t);
    state = { ...res.state, turn: state.turn + 1 };
  }
  return { append, commit, read };
}

const dir = mkdtempSync(join(tmpdir(), "faultline-bench-store-"));
const sqlite = new SqliteGameStore(openDatabase(join(dir, "bench.sqlite")));
const pgDb = await freshDatabase("bench");
const pg = new PgGameStore(pgDb.url);
console.log(`store write latency, ms (${N} appends, ${Math.min(N, 40)} turn commits, synchronous calls as the server makes them)`);
for (const [name, store] of [["SQLite (WAL, file)", sqlite], ["PostgreSQL (worker thread)", pg]] as const) {
  measure(store); // warm-up
  const m = measure(store);
  console.log(`${name.padEnd(28)} appendAction ${fmt(m.append)} | commitTurn ${fmt(m.commit)} | getGame ${fmt(m.read)}`);
}
sqlite.close();
pg.close();
await pgDb.drop();
rmSync(dir, { recursive: true, force: true });
