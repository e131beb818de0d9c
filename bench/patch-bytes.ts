// `npm run bench:patch`: what the state mirror sends an observer over whole games, through the
// real mirror (server/rooms/game-state.ts) and the real schema encoder, bots in every seat:
// the full state after the first turn and the patch of each later turn's resolution (bench:load plays 2-3 turns; the later turns,
// with more opinion modifiers fading out and sanctions, are the larger ones). Then what each
// top-level field adds to a resolved turn's patch: the patch again with that field left out of
// every view (the difference is the field's share, entry headers included).
import { Encoder } from "@colyseus/schema";
import { playGame, viewFor, type GameView } from "../shared/engine/index.ts";
import { GameRoomState, ViewMirror } from "../server/rooms/game-state.ts";
import { ScenarioLibrary } from "../server/scenarios.ts";

Encoder.BUFFER_SIZE = 256 * 1024;
const rules = new ScenarioLibrary().get("pyongyang-2024")!;
const seeds = ["s1", "s2", "s3", "s4"];
// The observer's view after each resolution, per game.
const games = seeds.map((seed) => {
  const views: GameView[] = [];
  playGame(rules, seed, { onTurn: (_before, _report, after) => void views.push(viewFor(rules, after, "observer")) });
  return views;
});

/** Bytes of the first full state and of each later resolution's patch, with `without` left out of the views. */
function encodeGames(without?: keyof GameView): { first: number; byTurn: number[][] } {
  let first = 0;
  const byTurn: number[][] = [];
  for (const views of games) {
    const state = new GameRoomState();
    const mirror = new ViewMirror(state);
    const encoder = new Encoder(state);
    views.forEach((view, i) => {
      // Relations are read as a map by the mirror: left out as an empty one.
      mirror.setPublic(without ? { ...view, [without]: without === "relations" ? {} : undefined } : view);
      const bytes = encoder.encode().length;
      encoder.discardChanges();
      if (i === 0) first += bytes / games.length;
      else (byTurn[view.turn] ??= []).push(bytes);
    });
  }
  return { first, byTurn };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const perTurn = (r: ReturnType<typeof encodeGames>) => mean(r.byTurn.flat());
const all = encodeGames();
console.log(`observer, ${seeds.length} bot games of ${rules.scenario.id}: full state after turn 1 ${all.first.toFixed(0)} B; patch per resolved turn ${perTurn(all).toFixed(0)} B on average`);
console.log(`by turn resolved: ${all.byTurn.map((xs, t) => (xs ? `${t - 1} ${mean(xs).toFixed(0)}` : "")).filter(Boolean).join(", ")}`);
const shares = (Object.keys(games[0]![0]!) as (keyof GameView)[])
  .map((field) => [field, perTurn(all) - perTurn(encodeGames(field))] as const)
  .filter(([, bytes]) => bytes >= 1)
  .sort((a, b) => b[1] - a[1]);
console.log(`share of a resolved turn's patch by field (B): ${shares.map(([f, b]) => `${f} ${b.toFixed(0)}`).join(", ")}`);
