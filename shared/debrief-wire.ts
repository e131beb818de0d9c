// The debrief's HTTP API, shared by the server routes and the client: the exports a game offers,
// their paths, and one frame of a replay. Authorisation is the seat credential's token as a
// bearer token (the facilitator's during the game; once the game is over, anyone with the game).
import type { ActorId, GameView, HistoryPoint, Order, TurnReport } from "./engine/index.ts";

/** The files a game exports, by the last part of their path. */
export const EXPORTS = {
  /** The after-action report: one self-contained HTML page, printable to PDF. */
  report: "report.html",
  /** Indicators per turn, long format: turn, date, scope, actor, indicator, label, value. */
  indicators: "indicators.csv",
  /** Per person: seat, messages sent, orders drafted, proposals, answers, lock-ins (facilitator only). */
  participation: "participation.csv",
  /** Settings, every logged action and every report, unfiltered (facilitator only). */
  log: "log.json",
  /** What the game measured for each of the scenario's real figures (GameFigures, shared/analysis/real-figures.ts): the end screen reads it. */
  figures: "real-figures.json",
} as const;
export type ExportKind = keyof typeof EXPORTS;
/** Exports only the facilitator may fetch, even after the game is over (names of people, the full log). */
export const FACILITATOR_ONLY_EXPORTS: readonly ExportKind[] = ["participation", "log"];

/** GET path of an export. */
export const exportPath = (gameId: string, kind: ExportKind): string => `/api/games/${encodeURIComponent(gameId)}/debrief/${EXPORTS[kind]}`;

/** Who a replay is seen by: a seat id, "observer" (the public) or "facilitator" (everything). */
export type ReplayViewer = ActorId | "observer" | "facilitator";

/** GET path of one replay frame: the game after `turn` resolved (0 = the start), as `as` saw it. */
export const replayPath = (gameId: string, turn: number, as: ReplayViewer): string =>
  `/api/games/${encodeURIComponent(gameId)}/replay/${turn}?as=${encodeURIComponent(as)}`;

/** One step of a replay, filtered for its viewer by the engine (viewFor, reportFor, historyFor). */
export interface ReplayFrame {
  gameId: string;
  as: ReplayViewer;
  /** The turn just resolved (0: the starting position), and the first and last that can be shown (a fork starts later). */
  turn: number;
  firstTurn: number;
  lastTurn: number;
  date: string;
  /** The game as the viewer saw it after the turn (its own secrets only, or all for the facilitator). */
  view: GameView;
  /** The orders given during the turn that the viewer may see (own; everyone's for the facilitator). */
  orders: Record<ActorId, Order[]>;
  /** The turn's news as the viewer read it then; null for turn 0. */
  report: TurnReport | null;
  /** Indicators and scores after the turn. */
  point: HistoryPoint;
  /** Viewers this person may pick. */
  viewers: ReplayViewer[];
}
