// Turns the room's schema state (public maps plus this viewer's slot) and the room's messages
// into the plain GameSnapshot the UI reads. Uses the same codec as the server mirror.
import type { GameView, HistoryPoint, TurnReport } from "../../../shared/engine/index.ts";
import type { ChatMessage, ClientView, GameSnapshot, GameStatus, ScheduledInject, SeatCredential, SeatInfo, StartMode, TurnPush } from "../../../shared/protocol.ts";
import { overlay, TOMBSTONE, unflatten, type FlatView } from "../../../shared/view-codec.ts";

/** The parts of a decoded schema map this mirror reads. */
interface MapLike<V> {
  forEach(cb: (value: V, key: string) => void): void;
  get(key: string): V | undefined;
}

/** The decoded room state as the SDK exposes it (built from the server's reflection). */
export interface RoomStateLike {
  gameId: string;
  joinCode: string;
  status: string;
  turn: number;
  resolvedAt: number;
  deadline: number;
  paused: boolean;
  remainingMs: number;
  turnMinutes: number;
  scoreboard?: boolean;
  startMode?: string;
  facilitator?: string;
  missingSeats?: string;
  seats: MapLike<{ name: string; bot: boolean; locked: boolean; kept?: boolean; players: { forEach(cb: (p: { name: string; connected: boolean; role?: string; id?: number }) => void): void } }>;
  nums: MapLike<number>;
  wide: MapLike<number>;
  strs: MapLike<string>;
  slots: MapLike<{ nums?: MapLike<number>; wide?: MapLike<number>; strs?: MapLike<string> }>;
}

const toMap = <V>(...maps: (MapLike<V> | undefined)[]): Map<string, V> => {
  const out = new Map<string, V>();
  for (const m of maps) m?.forEach((v, k) => out.set(k, v));
  return out;
};

/** The flattened view of `viewer` from the decoded state. */
function flatFromState(state: RoomStateLike, viewer: string): FlatView {
  // Numbers come in two maps (compact and float64); together they are the view's numbers.
  const base: FlatView = { nums: toMap(state.nums, state.wide), strs: toMap(state.strs) };
  const slot = viewer === "observer" ? undefined : state.slots.get(viewer);
  return slot ? overlay(base, { nums: toMap(slot.nums, slot.wide), strs: toMap(slot.strs) }) : base;
}

/** The GameView of `viewer` from the decoded state. */
export function viewFromState(state: RoomStateLike, viewer: string): GameView {
  return unflatten(flatFromState(state, viewer)) as unknown as GameView;
}

/** A top-level field's entries as last decoded, and the field (name and value) built from them. */
interface DecodedField {
  nums: Map<string, number>;
  strs: Map<string, string>;
  name: string;
  value: unknown;
}

const fieldOf = (path: string) => {
  const cut = path.indexOf("/");
  return cut < 0 ? path : path.slice(0, cut);
};
const sameEntries = <V>(a: Map<string, V>, b: Map<string, V>) => {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (b.get(k) !== v) return false;
  return true;
};

/**
 * Decodes a viewer's view again after each patch, rebuilding only the top-level fields whose
 * entries changed and keeping the others' objects (an order changes `orders`, not the thousands
 * of entries of relations and actors). Rebuilding the whole view on every patch was most of a
 * client's CPU per turn (bench:load). Unchanged fields keep their identity between snapshots.
 */
export class ViewDecoder {
  private fields = new Map<string, DecodedField>();

  constructor(private viewer: string) {}

  view(state: RoomStateLike): GameView {
    // The viewer's entries grouped by field: the public maps, then its slot's overrides on top
    // (as `overlay` does, without copying the whole view first).
    const groups = new Map<string, { nums: Map<string, number>; strs: Map<string, string> }>();
    const group = (path: string) => {
      const f = fieldOf(path);
      let g = groups.get(f);
      if (!g) groups.set(f, (g = { nums: new Map(), strs: new Map() }));
      return g;
    };
    state.strs.forEach((v, k) => group(k).strs.set(k, v));
    for (const m of [state.nums, state.wide]) m.forEach((v, k) => group(k).nums.set(k, v));
    const slot = this.viewer === "observer" ? undefined : state.slots.get(this.viewer);
    slot?.strs?.forEach((v, k) => {
      const g = group(k);
      g.nums.delete(k);
      if (v === TOMBSTONE) g.strs.delete(k);
      else g.strs.set(k, v);
    });
    for (const m of [slot?.nums, slot?.wide])
      m?.forEach((v, k) => {
        const g = group(k);
        g.strs.delete(k);
        g.nums.set(k, v);
      });
    const view: Record<string, unknown> = {};
    const next = new Map<string, DecodedField>();
    for (const [f, g] of groups) {
      if (g.nums.size === 0 && g.strs.size === 0) continue;
      let decoded = this.fields.get(f);
      if (!decoded || !sameEntries(decoded.nums, g.nums) || !sameEntries(decoded.strs, g.strs)) {
        const [name, value] = Object.entries(unflatten(g))[0] ?? [f, undefined];
        decoded = { ...g, name, value };
      }
      next.set(f, decoded);
      view[decoded.name] = decoded.value;
    }
    this.fields = next;
    return view as unknown as GameView;
  }
}

/** Seats as the lobby and the board show them. */
export function seatsFromState(state: RoomStateLike): SeatInfo[] {
  const out: SeatInfo[] = [];
  state.seats.forEach((s, id) => {
    const players: SeatInfo["players"] = [];
    s.players.forEach((p) => players.push({ name: p.name, connected: p.connected, ...(p.role ? { role: p.role } : {}), ...(p.id ? { id: p.id } : {}) }));
    out.push({ id, name: s.name, players, bot: s.bot, locked: s.locked, ...(s.kept ? { kept: true } : {}) });
  });
  return out;
}

/** A chat message's place in the log ("c123" -> 123). */
const chatSeq = (m: ChatMessage): number => Number(m.id.slice(1)) || 0;

/** Keeps chat and reports that arrive as messages, and builds snapshots. */
export class SnapshotBuilder {
  private messages: ChatMessage[] = [];
  private reports = new Map<number, TurnReport>();
  private history = new Map<number, HistoryPoint>();
  private scheduled: ScheduledInject[] | undefined;
  private decoder: ViewDecoder;

  constructor(
    private credential: SeatCredential,
    private viewer: string,
  ) {
    this.decoder = new ViewDecoder(viewer);
  }

  /** The last page of chat (sent on every join); older messages already loaded are kept before it. */
  setChatHistory(all: ChatMessage[]): void {
    const first = all[0] ? chatSeq(all[0]) : Infinity;
    this.messages = [...this.messages.filter((m) => chatSeq(m) < first), ...all];
  }

  /** An older page of chat (oldest first), put before what is already there. */
  addOlderChat(page: ChatMessage[]): void {
    const known = new Set(this.messages.map((m) => m.id));
    this.messages = [...page.filter((m) => !known.has(m.id)), ...this.messages].sort((a, b) => chatSeq(a) - chatSeq(b));
  }

  /** The id of the oldest message held, to ask for the page before it. */
  oldestChatId(): string | undefined {
    return this.messages[0]?.id;
  }

  addChat(m: ChatMessage): void {
    if (!this.messages.some((x) => x.id === m.id)) this.messages.push(m);
  }

  /**
   * Stores reports; a report with explanations is not replaced by a compact one of the same
   * entries. One with more entries (a covert action found out later shows in full) replaces it:
   * its explanations are fetched again when asked for.
   */
  addReports(list: TurnReport[]): void {
    for (const r of list) {
      const had = this.reports.get(r.turn);
      if (!had || had.explanations.length === 0 || r.explanations.length > 0 || had.entries.length !== r.entries.length) this.reports.set(r.turn, r);
    }
  }

  /** The facilitator's injects scheduled for later turns (sent to the facilitator only). */
  setScheduled(list: ScheduledInject[]): void {
    this.scheduled = list;
  }

  /** The whole history as the server sent it (after joining, and at the end of the game). */
  setHistory(points: HistoryPoint[]): void {
    this.history = new Map(points.map((p) => [p.turn, p]));
  }

  /**
   * A resolved turn's history point. It may come as a reference to the state, which the patch
   * just before this message already brought: copy actors and world from it now.
   */
  addPoint(p: TurnPush["point"], state: RoomStateLike): void {
    if (!("sameAsState" in p)) {
      this.history.set(p.turn, p);
      return;
    }
    const view = this.decoder.view(state);
    const point: HistoryPoint = { turn: p.turn, actors: structuredClone(view.actors), world: { ...view.world }, scores: p.scores };
    if (p.publicScores) point.publicScores = p.publicScores;
    this.history.set(p.turn, point);
  }

  build(state: RoomStateLike): GameSnapshot {
    const view: ClientView = {
      ...this.decoder.view(state),
      reports: [...this.reports.values()].sort((a, b) => a.turn - b.turn),
      history: [...this.history.values()].sort((a, b) => a.turn - b.turn),
    };
    return {
      gameId: state.gameId,
      joinCode: state.joinCode || null,
      role: this.credential.role,
      seat: this.credential.seat,
      status: state.status as GameStatus,
      view,
      seats: seatsFromState(state),
      clock: {
        deadline: state.deadline >= 0 ? state.deadline : null,
        paused: state.paused,
        remainingMs: state.remainingMs >= 0 ? state.remainingMs : null,
        turnMinutes: state.turnMinutes,
      },
      messages: [...this.messages],
      scoreboard: Boolean(state.scoreboard),
      ...(state.startMode ? { startMode: state.startMode as StartMode } : {}),
      ...(state.facilitator ? { facilitator: state.facilitator } : {}),
      ...(state.missingSeats === "bot" || state.missingSeats === "hold" ? { missingSeats: state.missingSeats } : {}),
      ...(this.scheduled ? { scheduled: this.scheduled } : {}),
    };
  }
}
