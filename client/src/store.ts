// The one place UI state lives. Scenes and panels subscribe to it and send intents through the
// session it holds; they never see network types. A tiny observable: set() merges and notifies.
import type { ActorId, ReportEntry, TurnReport } from "../../shared/engine/index.ts";
import type { ClientView, GameSnapshot, SeatRequest } from "../../shared/protocol.ts";
import type { ConnectionStatus, GameSession, LostCause } from "./net/session-types.ts";
import type { ColourMode } from "./map/board-model.ts";

export type Tab = "map" | "orders" | "inbox" | "report" | "country" | "scores" | "control";

export interface UiState {
  session: GameSession | null;
  snapshot: GameSnapshot | null;
  /** Reports of every resolved turn this viewer may read, oldest first. */
  reports: TurnReport[];
  status: ConnectionStatus;
  statusReason?: string;
  /** Why the session was lost for good (status "lost"). */
  statusCause?: LostCause;
  tab: Tab;
  /** Actor whose details the side panel shows. */
  selected: string | null;
  hovered: string | null;
  colourMode: ColourMode;
  projector: boolean;
  boardOnly: boolean;
  /** Flow lines (trade, sanctions, treaties) for every actor, not only the selected one. */
  allFlows: boolean;
  /** A narrow screen: one column, with the map as a tab of its own. */
  phone: boolean;
  /** Chat/proposal ids already read, per channel key, persisted per game. */
  readCounts: Record<string, number>;
  /** The latest error reply from the server, shown as a toast. */
  toast: { text: string; kind: "error" | "info"; at: number } | null;
  /** A resolved turn's news the player has not opened yet (a dot on the News tab). */
  newsUnread: boolean;
  /** Facilitator injects fired during the current turn, newest last: "breaking" news before the turn's report. */
  breaking: ReportEntry[];
  /** Requests to join a team waiting for this person's answer (seat holders and the facilitator). */
  seatRequests: SeatRequest[];
  /** Turn number whose report is being animated on the map. */
  animateTurn: number | null;
  /** When the server last said its database refused a write (server/storage_error), if ever. */
  storageErrorAt?: number;
  /** While the replay is open: the turn it shows, which the map draws instead of the live game. */
  replay: { view: ClientView; seat: ActorId | null } | null;
}

type Listener = (state: UiState, prev: UiState) => void;

/** Observable UI state. */
export class Store {
  private state: UiState;
  private listeners = new Set<Listener>();

  constructor(initial?: Partial<UiState>) {
    this.state = {
      session: null,
      snapshot: null,
      reports: [],
      status: "connected",
      tab: "orders",
      selected: null,
      hovered: null,
      colourMode: "relation",
      projector: false,
      boardOnly: false,
      allFlows: false,
      phone: false,
      readCounts: {},
      toast: null,
      animateTurn: null,
      newsUnread: false,
      breaking: [],
      seatRequests: [],
      replay: null,
      ...initial,
    };
  }

  get(): UiState {
    return this.state;
  }

  set(patch: Partial<UiState>): void {
    const prev = this.state;
    this.state = { ...prev, ...patch };
    for (const l of [...this.listeners]) l(this.state, prev);
  }

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Subscribes to one derived value; calls back only when it changes (by ===). */
  select<T>(pick: (s: UiState) => T, cb: (value: T) => void): () => void {
    let last = pick(this.state);
    return this.subscribe((s) => {
      const next = pick(s);
      if (next !== last) {
        last = next;
        cb(next);
      }
    });
  }
}
