// The facilitator's debrief export: the game's settings, every logged action with who and when,
// the indicator history and every turn report unfiltered.
import type { GameState, HistoryPoint, TurnReport } from "../../shared/engine/index.ts";
import type { GameRecord, GameStore } from "../store/game-store.ts";

export interface Debrief {
  game: Omit<GameRecord, "joinCode">;
  exportedTurn: number;
  actions: { id: number; turn: number; at: string; kind: string; seat: string | null; who: string; payload: unknown }[];
  history: HistoryPoint[];
  reports: TurnReport[];
}

/** Everything that happened in a game, as plain JSON. */
export function buildDebrief(store: GameStore, record: GameRecord, state: GameState, log: { reports: TurnReport[]; history: HistoryPoint[] }): Debrief {
  const { joinCode: _code, ...game } = record;
  return {
    game,
    exportedTurn: state.turn,
    actions: store.actions(record.id).map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
    history: log.history,
    reports: log.reports,
  };
}
