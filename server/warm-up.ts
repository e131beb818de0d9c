// A fresh process runs its first turns in code V8 has not optimised yet: at 50 rooms, the
// slowest turn deliveries (refresh p99 8-15 ms against 1.5 ms typical) were the first and
// second resolutions after start, and none of them waited on a garbage collection. Before
// taking players, the process plays a few bot games of a scenario through the same code a room
// runs on every action (the views, the room-state mirror, the schema encoder), off the network
// and the store, so the first real games after a start or a deploy are served by optimised code.
import { Encoder } from "@colyseus/schema";
import { playGame, seatsOf, submitOrders, viewFor, type GameState, type Rules } from "../shared/engine/index.ts";
import { GameRoomState, ViewMirror } from "./rooms/game-state.ts";

/**
 * The states a room goes through in a whole bot game: after each seat's orders, one by one on
 * the turn's starting state as they arrive, and after each resolution (bench:refresh uses them too).
 */
export function roomStates(rules: Rules, seed: string): { state: GameState; resolved: boolean }[] {
  const seats = seatsOf(rules);
  const states: { state: GameState; resolved: boolean }[] = [];
  let previous: GameState | undefined;
  playGame(rules, seed, {
    onTurn: (ready, _report, after) => {
      let s = previous ?? ready;
      if (previous)
        for (const seat of seats) {
          const r = submitOrders(rules, s, seat, ready.orders[seat] ?? []);
          if (r.ok) states.push({ state: (s = r.value), resolved: false });
        }
      states.push({ state: after, resolved: true });
      previous = after;
    },
  });
  return states;
}

/** Refreshes a room state through `games` whole bot games: the ms it took, and the refreshes made. */
export function warmUp(rules: Rules, games = 2): { ms: number; refreshes: number } {
  const t0 = performance.now();
  let refreshes = 0;
  const viewers = [...seatsOf(rules), "facilitator"];
  for (let g = 0; g < games; g++) {
    const state = new GameRoomState();
    const mirror = new ViewMirror(state);
    const encoder = new Encoder(state);
    // Room for the whole state (rooms encode into the process's shared buffers, encode-buffers.ts).
    encoder.sharedBuffer = new Uint8Array(256 * 1024);
    for (const { state: s } of roomStates(rules, `warm-up ${g}`)) {
      mirror.setPublic(viewFor(rules, s, "observer"));
      for (const v of viewers) mirror.setViewer(v, viewFor(rules, s, v));
      encoder.encode();
      encoder.discardChanges();
      refreshes++;
    }
  }
  return { ms: performance.now() - t0, refreshes };
}
