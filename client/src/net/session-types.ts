// CONTRACT between the network layer (client/src/net/, written with the server) and the UI
// (scenes and panels). The UI only sees these plain types, never Colyseus objects.
import type { Answer, GameView, Order, TurnReport, Vote } from "../../../shared/engine/index.ts";
import type { PublicScenario } from "../../../shared/engine/index.ts";
import type {
  Channel,
  CreateGameOptions,
  ErrorReply,
  FacilitatorAction,
  GameSnapshot,
  LobbyGame,
  ScenarioListing,
  ScenarioProblem,
  SeatCredential,
} from "../../../shared/protocol.ts";

export type ConnectionStatus = "connected" | "reconnecting" | "lost";

/** What checking an uploaded scenario file says: its summary, or every error with line and column. */
export type ScenarioCheck =
  | { ok: true; id: string; title: string; summary: string; turns: number; seats: { id: string; name: string }[] }
  | { ok: false; errors: ScenarioProblem[] };

/** Lobby calls over HTTP plus joining; one per page. */
export interface GameServer {
  listGames(): Promise<LobbyGame[]>;
  /** The server's scenario files: playable ones and broken ones with their errors. */
  listScenarios(): Promise<ScenarioListing[]>;
  /** Validates a scenario file's text on the server (the same located errors as the command line). */
  checkScenario(text: string, file: string): Promise<ScenarioCheck>;
  /** Creates a game; the creator joins it as facilitator. */
  createGame(options: CreateGameOptions): Promise<GameSession>;
  /** Join by game id or join code: claim a seat, or watch as an observer. */
  join(gameIdOrCode: string, as: { seat: string; name: string } | { observer: true; name: string }): Promise<GameSession>;
  /** Seats of a game before joining (free or taken, with briefing text from the scenario). */
  describe(gameIdOrCode: string): Promise<{ gameId: string; scenario: PublicScenario; freeSeats: string[]; takenSeats: string[] }>;
  /** Returns to a seat with a stored credential (after a refresh or a server restart). */
  resume(credential: SeatCredential): Promise<GameSession>;
}

/** One joined game, as seen by this browser. */
export interface GameSession {
  readonly credential: SeatCredential;
  readonly scenario: PublicScenario;
  snapshot(): GameSnapshot;
  /** Called whenever the snapshot changes; returns an unsubscribe function. */
  onChange(cb: (s: GameSnapshot) => void): () => void;
  /** Called once per resolved turn with this viewer's report. */
  onReport(cb: (r: TurnReport) => void): () => void;
  onError(cb: (e: ErrorReply) => void): () => void;
  onStatus(cb: (s: ConnectionStatus, reason?: string) => void): () => void;
  /** Reports of earlier turns, filtered for this viewer. */
  fetchReports(): Promise<TurnReport[]>;

  submitOrders(orders: Order[]): void;
  lock(locked: boolean): void;
  propose(order: Order): void;
  answer(proposalId: string, answer: Answer | Vote): void;
  choose(pendingId: string, option: string): void;
  chat(channel: Channel, text: string): void;
  facilitate(command: FacilitatorAction): void;
  /** Facilitator only: the full game log as JSON, for the debrief export. */
  exportDebrief(): Promise<unknown>;
  leave(): Promise<void>;
}

export type { GameView };
