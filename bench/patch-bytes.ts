// `npm run bench:patch`: what the state mirror sends an observer over whole games, through the
// real mirror (server/rooms/game-state.ts) and the real schema encoder, bots in every seat:
// the full state after the first turn and the patch of each later turn's resolution (bench:load plays 2-3 turns; the later turns,
// with more opinion modifiers fading out and sanctions, are the larger ones).
import { Encoder } from "@colyseus/schema";
import { playGame, viewFor } from "../shared/engine/index.ts";
import { GameRoomState, ViewMirror } from "../server/rooms/game-state.ts";
import { ScenarioLibrary } from "../server/scenarios.ts";

Encoder.BUFFER_SIZE = 256 * 1024;
const rules = new ScenarioLibrary().get("pyongyang-2024")!;
const seeds = ["s1", "s2", "s3", "s4"];
let first = 0;
const byTurn: number[][] = [];
for (const seed of seeds) {
  const state = new GameRoomState();
  const mirror = new ViewMirror(state);
  const encoder = new Encoder(state);
  let initial = true;
  playGame(rules, seed, {
    onTurn: (_before, _report, after) => {
      mirror.setPublic(viewFor(rules, after, "observer"));
      const bytes = encoder.encode().length;
      encoder.discardChanges();
      if (initial) first += bytes / seeds.length;
      else (byTurn[after.turn] ??= []).push(bytes);
      initial = false;
    },
  });
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const all = byTurn.flat();
console.log(`observer, ${seeds.length} bot games of ${rules.scenario.id}: full state after turn 1 ${first.toFixed(0)} B; patch per resolved turn ${mean(all).toFixed(0)} B on average`);
console.log(`by turn resolved: ${byTurn.map((xs, t) => (xs ? `${t - 1} ${mean(xs).toFixed(0)}` : "")).filter(Boolean).join(", ")}`);
