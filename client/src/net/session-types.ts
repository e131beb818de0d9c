// CONTRACT between the network layer (client/src/net/, written with the server) and the UI
// (scenes and panels). The UI only sees these plain types, never Colyseus objects.
import type { ActorId, Answer, GameView, Order, ReportEntry, TurnReport, Vote } from "../../../shared/engine/index.ts";
import type { PublicScenario } from "../../../shared/engine/index.ts";
import type {
  AskSeatReply,
  Channel,
  CreateGameOptions,
  ErrorReply,
  FacilitatorAction,
  InjectDelivered,
  ForkReply,
  GameSnapshot,
  LobbyGame,
  Opinions,
  ScenarioListing,
  ScenarioProblem,
  SeatAnswer,
  SeatCredential,
  SeatRequest,
} from "../../../shared/protocol.ts";

export type ConnectionStatus = "connected" | "reconnecting" | "lost";

/** Why a session was lost for good, which decides what the player is offered next. */
export type LostCause = "taken-over" | "reseated" | "removed" | "unreachable" | "left";

/** What checking an uploaded scenario file says: its summary, or every error with line and column. */
export type ScenarioCheck =
  | { ok: true; id: string; title: string; summary: string; turns: number; seats: { id: string; name: string }[] }
  | { ok: false; errors: ScenarioProblem[] };

/** How a join takes part: claim a seat (with a team's code for a held one), or watch; `projector`: the projector link's screen. */
export type JoinAs = { seat: string; name: string; teamCode?: string } | { observer: true; name: string; projector?: true };

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
  join(gameIdOrCode: string, as: JoinAs): Promise<GameSession>;
  /** Seats of a game before joining (free, taken or kept for a bot, who is on each team, briefing text from the scenario). */
  describe(gameIdOrCode: string): Promise<{ gameId: string; scenario: PublicScenario; freeSeats: string[]; takenSeats: string[]; keptSeats?: string[]; teams?: Record<string, string[]> }>;
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
  onStatus(cb: (s: ConnectionStatus, reason?: string, cause?: LostCause) => void): () => void;
  /** Reports of earlier turns, filtered for this viewer. */
  fetchReports(): Promise<TurnReport[]>;
  /** Why two actors stand where they do: their relation's opinion modifiers, as this viewer may know them. */
  opinions?(a: ActorId, b: ActorId): Promise<Opinions>;

  submitOrders(orders: Order[]): void;
  lock(locked: boolean): void;
  propose(order: Order): void;
  answer(proposalId: string, answer: Answer | Vote): void;
  choose(pendingId: string, option: string): void;
  chat(channel: Channel, text: string): void;
  facilitate(command: FacilitatorAction): void;
  /** Team codes this connection may share: its own seat's (a player) or every seat's (the facilitator). */
  readonly teamCodes?: Record<string, string>;
  /** Observers: asks a held seat's team to let this person in; the answer comes to onSeatAnswer. */
  askSeat?(seat: string): Promise<AskSeatReply["reached"] | void>;
  onSeatAnswer?(cb: (a: SeatAnswer) => void): () => void;
  /** Seat holders and the facilitator: someone asks to join a team. */
  onSeatRequest?(cb: (r: SeatRequest) => void): () => void;
  /** Seat holders and the facilitator: every request waiting for an answer, at once and on each change. */
  onSeatRequests?(cb: (list: SeatRequest[]) => void): () => void;
  answerSeatRequest?(id: string, approve: boolean): Promise<void>;
  /** A facilitator inject this viewer may see, the moment it happens. */
  onInject?(cb: (e: ReportEntry) => void): () => void;
  /** Facilitator: a what-if copy of the game from the start of `turn`. */
  fork?(turn: number, name?: string): Promise<ForkReply>;
  /** Facilitator: an inject went out (to how many connections). */
  onInjectDelivered?(cb: (d: InjectDelivered) => void): () => void;
  /** Facilitator only: the full game log as JSON, for the debrief export. */
  exportDebrief(): Promise<unknown>;
  leave(): Promise<void>;
  /** A player: leaves the team for good on the server (the seat is free once nobody is left on it). Then leave(). */
  leaveSeat?(): Promise<void>;
}

export type { GameView };
