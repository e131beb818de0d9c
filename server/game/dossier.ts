// A stored game gathered for the debrief: its settings, people, every logged action, and for each
// resolved turn the state it started from, the state just before it resolved (its starting state
// plus that turn's logged actions, replayed: the orders, proposals and answers as they were
// locked in), the state after, the unfiltered report and the history point. Read from the store
// only, so a finished game and one still running are read the same way; the after-action report,
// the CSV exports and the replay are all built from this.
import type { Rules } from "../../shared/engine/index.ts";
import type { ActorId, GameState, HistoryPoint, TurnReport } from "../../shared/engine/index.ts";
import type { ActionRecord, GameRecord, GameStore } from "../store/game-store.ts";
import type { EnginePort } from "./engine-port.ts";
import { replayTurn } from "./replay.ts";

export interface DossierTurn {
  /** The turn number (1 = the first turn played). */
  turn: number;
  date: string;
  /** At the start of the turn, just before it resolved (orders in), and after it resolved. */
  start: GameState;
  beforeResolution: GameState;
  after: GameState;
  /** The report, unfiltered, and the history point after the turn. */
  report: TurnReport;
  point: HistoryPoint;
  /** Everything logged while this turn was being played (chat, orders, facilitator commands…). */
  actions: ActionRecord[];
}

export interface Dossier {
  record: GameRecord;
  rules: Rules;
  /** Seat -> names of the people who claimed it, in claim order. */
  people: Map<ActorId, string[]>;
  actions: ActionRecord[];
  /** The starting position (history point 0) and the state the game is in now. */
  initial: GameState;
  initialPoint: HistoryPoint;
  current: GameState;
  turns: DossierTurn[];
  over: boolean;
}

/** Gathers a stored game; undefined when the game or its first turn is missing. */
export async function loadDossier(store: GameStore, engine: EnginePort, rules: Rules, gameId: string): Promise<Dossier | undefined> {
  const record = await store.getGame(gameId);
  if (!record) return undefined;
  const { reports, history } = await store.turnLog(gameId);
  // A fork of another game may begin later than turn 1: its first stored turn is its start.
  const initial = (await store.turnState(gameId, 1)) ?? (await store.turnState(gameId, reports[0]?.turn ?? record.turn)) ?? (await store.turnState(gameId, record.turn));
  if (!initial) return undefined;
  const actions = await store.actions(gameId);
  const byTurn = new Map<number, ActionRecord[]>();
  for (const a of actions) {
    const list = byTurn.get(a.turn);
    if (list) list.push(a);
    else byTurn.set(a.turn, [a]);
  }
  const turns: DossierTurn[] = [];
  let start = initial;
  for (const report of reports) {
    start = (await store.turnState(gameId, report.turn)) ?? start;
    const after = await store.turnState(gameId, report.turn + 1);
    const point = history.find((p) => p.turn === report.turn);
    if (!after || !point) break;
    // Actions a rollback undid are kept as "undone:<kind>": the replay skips them.
    const own = byTurn.get(report.turn) ?? [];
    turns.push({ turn: report.turn, date: report.date, start, beforeResolution: replayTurn(engine, rules, start, own), after, report, point, actions: own });
    start = after;
  }
  const currentStart = (await store.turnState(gameId, record.turn)) ?? start;
  const current = turns.length > 0 && turns[turns.length - 1]!.after.phase === "over" ? turns[turns.length - 1]!.after : replayTurn(engine, rules, currentStart, byTurn.get(record.turn) ?? []);
  return {
    record,
    rules,
    people: await store.seatPlayers(gameId),
    actions,
    initial,
    initialPoint: history.find((p) => p.turn === (turns[0]?.turn ?? record.turn) - 1) ?? engine.historyPoint(rules, initial),
    current,
    turns,
    over: record.status === "over" || current.phase === "over",
  };
}
