// A fresh process runs its first turns in code V8 has not optimised yet: at 50 rooms, the
// slowest turn deliveries (refresh p99 8-15 ms against 1.5 ms typical) were the first and
// second resolutions after start, and none of them waited on a garbage collection. Before
// taking players, the process plays a few bot games of a scenario through the same code a room
// runs on every action (the views, the room-state mirror, the schema encoder), off the network
// and the store, so the first real games after a start or a deploy are served by optimised code.
import { Encoder } from "@colyseus/schema";
import { playGame, submitOrders, viewFor, type GameState, type Rules } from "../shared/engine/index.ts";
import { GameRoomState, ViewMirror } from "./rooms/game-state.ts";

/** Plays `games` whole bot games as a room would see them: the ms it took, and the refreshes made. */
export function warmUp(rules: Rules, games = 2): { ms: number; refreshes: number } {
  const t0 = performance.now();
  let refreshes = 0;
  const seats = Object.keys(rules.scenario.actors).filter((a) => rules.scenario.actors[a]!.playable);
  const viewers = [...seats, "facilitator"];
  for (let g = 0; g < games; g++) {
    const state = new GameRoomState();
    const mirror = new ViewMirror(state);
    const encoder = new Encoder(state);
    // Room for the whole state (rooms encode into the process's shared buffers, encode-buffers.ts).
    encoder.sharedBuffer = new Uint8Array(256 * 1024);
    const refresh = (s: Parameters<typeof viewFor>[1]) => {
      mirror.setPublic(viewFor(rules, s, "observer"));
      for (const v of viewers) mirror.setViewer(v, viewFor(rules, s, v));
      encoder.encode();
      encoder.discardChanges();
      refreshes++;
    };
    let previous: GameState | undefined;
    playGame(rules, `warm-up ${g}`, {
      onTurn: (ready, _report, after) => {
        // Each seat's orders one by one on the turn's starting state, as they arrive in a room,
        // then the resolution.
        let s = previous ?? ready;
        if (previous)
          for (const seat of seats) {
            const r = submitOrders(rules, s, seat, ready.orders[seat] ?? []);
            if (r.ok) refresh((s = r.value));
          }
        refresh(after);
        previous = after;
      },
    });
  }
  return { ms: performance.now() - t0, refreshes };
}
