// `npm run bench:refresh`: what a room's refresh costs the server, in one process, without the
// network: every state a room goes through in whole bot games (each seat's orders one by one, then
// the resolution), each turned into the views of the observer, the six seats and the facilitator
// and mirrored into the room state (server/rooms/game-state.ts), as the room does after every
// action. Printed next to the views alone, measured in the same run, with what a resolved turn's
// refresh allocates and the garbage collections that happened: the refresh of a resolved turn is
// on the path of every player's turn-broadcast latency, and its garbage is what the server's
// young-generation pauses collect.
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics } from "node:v8";
import { seatsOf, viewFor } from "../shared/engine/index.ts";
import { GameRoomState, ViewMirror } from "../server/rooms/game-state.ts";
import { roomStates } from "../server/warm-up.ts";
import { ScenarioLibrary } from "../server/scenarios.ts";

const rules = new ScenarioLibrary().get("pyongyang-2024")!;
const viewers = [...seatsOf(rules), "facilitator"];
const ROUNDS = 5;

// The states of four games, as a room sees them: after each seat's orders, and after resolution.
// Played anew for each round, so that no state is one an earlier round already viewed.
const statesOfGames = () => ["s1", "s2", "s3", "s4"].map((seed) => roomStates(rules, seed));

let gcCount = 0;
let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcCount++;
    gcMs += e.duration;
  }
}).observe({ entryTypes: ["gc"] });

const tick = () => new Promise((r) => setImmediate(r));
const youngUsed = () => getHeapSpaceStatistics().find((s) => s.space_name === "new_space")?.space_used_size ?? 0;

async function run(mirrored: boolean) {
  let gcs = 0;
  let gcTime = 0;
  let total = 0;
  let refreshes = 0;
  let states = 0;
  const resolutions: number[] = [];
  // Bytes a resolved turn's refresh allocates (young-generation growth across it, where no
  // collection ran meanwhile): the more, the likelier a collection pauses that very delivery.
  const allocated: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const games = statesOfGames();
    // Collections while the games are played are not the refresh's: counted from here.
    await tick();
    const [g0, m0] = [gcCount, gcMs];
    for (const game of games) {
      const mirror = new ViewMirror(new GameRoomState());
      for (const { state, resolved } of game) {
        const [g, young] = [gcCount, resolved ? youngUsed() : 0];
        const t0 = performance.now();
        const pub = viewFor(rules, state, "observer");
        if (mirrored) mirror.setPublic(pub);
        for (const v of viewers) {
          const view = viewFor(rules, state, v);
          if (mirrored) mirror.setViewer(v, view);
        }
        const ms = performance.now() - t0;
        total += ms;
        refreshes++;
        if (resolved) {
          resolutions.push(ms);
          const grown = youngUsed() - young;
          if (gcCount === g && grown >= 0) allocated.push(grown);
        }
      }
      states += game.length;
    }
    await tick();
    gcs += gcCount - g0;
    gcTime += gcMs - m0;
  }
  resolutions.sort((a, b) => a - b);
  return {
    perRefresh: total / refreshes,
    perResolution: resolutions.reduce((a, b) => a + b, 0) / resolutions.length,
    p99Resolution: resolutions[Math.floor(resolutions.length * 0.99)]!,
    kbPerResolution: allocated.reduce((a, b) => a + b, 0) / Math.max(1, allocated.length) / 1024,
    gcs,
    gcTime,
    states: states / ROUNDS,
  };
}

await run(true); // warm-up
const rows: [string, Awaited<ReturnType<typeof run>>][] = [
  [`views alone (${viewers.length + 1} viewers)`, await run(false)],
  ["views + room state mirror", await run(true)],
];
console.log(`bench:refresh: 4 bot games of ${rules.scenario.id}, ${rows[0]![1].states} states each round, ${ROUNDS} rounds`);
console.log(`${"".padEnd(28)} ${"ms/refresh".padStart(10)} ${"ms/resolved turn".padStart(16)} ${"p99".padStart(6)} ${"KB/resolved turn".padStart(16)} ${"GCs".padStart(5)} ${"GC ms".padStart(7)}`);
for (const [name, r] of rows)
  console.log(
    `${name.padEnd(28)} ${r.perRefresh.toFixed(3).padStart(10)} ${r.perResolution.toFixed(3).padStart(16)} ${r.p99Resolution.toFixed(2).padStart(6)} ${r.kbPerResolution.toFixed(0).padStart(16)} ${String(r.gcs).padStart(5)} ${r.gcTime.toFixed(0).padStart(7)}`,
  );
