// The room's schema state and the mirror that keeps it equal to the engine's views. The public
// part (the observer's view, seats, clock) is shared by every connection; each viewer's secret
// part lives in its own ViewSlot, whose fields are `.view()`-tagged and only added to the
// StateView of that viewer's connections. What is secret is decided by the engine's viewFor.
import { MapSchema, schema, t, type SchemaType } from "@colyseus/schema";
import { encodePath, fieldOverrides, forEachChange, type ChangeSink, groupBySecondLevel, mergeGroups, reflattenField, sameJson, settled, type FlatView } from "../../shared/view-codec.ts";
import { summedRelations, type GameView } from "../../shared/engine/index.ts";

export const PlayerInfo = schema({ name: t.string(), connected: t.boolean(), role: t.string(), id: t.number() }, "PlayerInfo");
export type PlayerInfo = SchemaType<typeof PlayerInfo>;

export const SeatState = schema(
  { name: t.string(), bot: t.boolean(), locked: t.boolean(), players: t.array(PlayerInfo), kept: t.boolean() },
  "SeatState",
);
export type SeatState = SchemaType<typeof SeatState>;

/** One viewer's entries that differ from the public view; visible only to that viewer's connections. */
export const ViewSlot = schema(
  { nums: t.map("number").view(), wide: t.map("float64").view(), strs: t.map("string").view() },
  "ViewSlot",
);
export type ViewSlot = SchemaType<typeof ViewSlot>;

export const GameRoomState = schema(
  {
    gameId: t.string(),
    joinCode: t.string(),
    status: t.string().default("playing"),
    turn: t.uint16(),
    /** When the last turn resolved (ms since the epoch); lets clients measure delivery latency. */
    resolvedAt: t.float64(),
    /** Absolute deadline (ms since the epoch), or -1 for none. */
    deadline: t.float64().default(-1),
    paused: t.boolean(),
    /** While paused or suspended: ms left, or -1. */
    remainingMs: t.float64().default(-1),
    turnMinutes: t.float64(),
    /** The facilitator shows the scoreboard on the projector. */
    scoreboard: t.boolean(),
    /** How the waiting room ends (StartMode) and who may end it (the creator's name): the waiting room says so. */
    startMode: t.string(),
    facilitator: t.string(),
    /** "bot" or "hold": what plays an empty seat, so "start now" can say who plays the empty seats. */
    missingSeats: t.string(),
    seats: t.map(SeatState),
    /**
     * The public (observer) view, flattened by path: numbers the compact encoding keeps exactly
     * (integers, float32-exact values) in `nums`, other numbers as float64 in `wide`, the rest as
     * JSON text in `strs`. The compact "number" type rounds to float32, so it only gets values it
     * cannot change.
     */
    nums: t.map("number"),
    wide: t.map("float64"),
    strs: t.map("string"),
    /** Per-viewer secret overrides, keyed by viewer (seat id or "facilitator"). */
    slots: t.map(ViewSlot),
  },
  "GameRoomState",
);
export type GameRoomState = SchemaType<typeof GameRoomState>;

/**
 * View fields that never travel in the state: reports and history go as per-viewer messages
 * (history points mostly repeat the state's own numbers, so a turn sends only a reference).
 */
const NOT_MIRRORED = new Set(["reports", "history"]);

/** A view as it travels: each relation as its value, its opinion modifiers asked for when wanted (summedRelations). */
const asSent = (view: GameView): Record<string, unknown> => ({ ...view, relations: summedRelations(view.relations) });

const EMPTY: FlatView = { nums: new Map(), strs: new Map() };

/** True when the compact "number" encoding sends `v` unchanged. */
const compactExact = (v: number) => Number.isInteger(v) ? Math.abs(v) <= Number.MAX_SAFE_INTEGER : Math.fround(v) === v;

interface Target {
  nums: MapSchema<number>;
  wide: MapSchema<number>;
  strs: MapSchema<string>;
}

/**
 * Fields whose numbers are continuous indicators: they start out whole (stability 70) and turn
 * fractional once the game moves, so they live in `wide` from the start. Moving an entry between
 * maps costs a delete plus an add with its full key, which was most of a turn's patch.
 */
const WIDE_FIELDS = new Set(["actors", "world", "relations", "trade", "influence", "scores", "sanctions", "baseline", "objectiveBaseline"].map((f) => encodePath([f])));
const alwaysWide = (k: string) => WIDE_FIELDS.has(k.slice(0, k.indexOf("/")));

/** Writes the view's entry changes into the schema maps (numbers split between `nums` and `wide`). */
const WRITE: ChangeSink<Target> = {
  delNum(t, k) {
    t.nums.delete(k);
    t.wide.delete(k);
  },
  delStr: (t, k) => t.strs.delete(k),
  setNum(t, k, v) {
    // An entry that went wide stays wide (values that touch a whole number would otherwise move back and forth).
    if (alwaysWide(k) || t.wide.has(k) || !compactExact(v)) {
      if (t.nums.has(k)) t.nums.delete(k);
      t.wide.set(k, v);
    } else {
      if (t.wide.has(k)) t.wide.delete(k);
      t.nums.set(k, v);
    }
  },
  setStr: (t, k, v) => t.strs.set(k, v),
};
const applyFlat = (t: Target, prev: FlatView, next: FlatView): void => forEachChange(prev, next, t, WRITE);

/** A public field's entries: grouped by second-level part for an object with entries, else flat. */
interface PublicPart {
  ref: unknown;
  flat?: FlatView;
  groups?: Map<string, FlatView>;
}
const settledOverrides = (...args: Parameters<typeof fieldOverrides>): FlatView => settled(fieldOverrides(...args));
const partFlat = (p: PublicPart | undefined): FlatView => (!p ? EMPTY : (p.flat ?? mergeGroups(p.groups!)));
const partGroups = (p: PublicPart): ReadonlyMap<string, FlatView> => p.groups ?? groupBySecondLevel(p.flat!);

/** Applies the change from one public part to the next, group by group where both are grouped. */
function applyPart(t: Target, old: PublicPart | undefined, next: PublicPart | undefined): void {
  if (old?.groups && next?.groups) {
    // Groups reused from before are the same objects: only the others can differ.
    for (const [sub, g] of next.groups) {
      const before = old.groups.get(sub);
      if (before !== g) applyFlat(t, before ?? EMPTY, g);
    }
    for (const [sub, before] of old.groups) if (!next.groups.has(sub)) applyFlat(t, before, EMPTY);
  } else applyFlat(t, partFlat(old), partFlat(next));
}
interface SlotPart {
  ref: unknown;
  pubRef: unknown;
  over: FlatView;
}

/**
 * Keeps the schema's flattened maps equal to the latest views, touching only changed entries.
 * Works field by field: a top-level field equal to last time (often the very same object, as the
 * engine shares unchanged parts between states) is skipped, and a viewer's field equal to the
 * public one needs no override at all. Equal fields keep their old object as the reference, so
 * the cheap identity check keeps working. That keeps a refresh after an order cheap.
 */
export class ViewMirror {
  private publicParts = new Map<string, PublicPart>();
  private slotParts = new Map<string, Map<string, SlotPart>>();

  constructor(private state: GameRoomState) {}

  /** The slot of a viewer, created on first use. */
  slot(viewer: string): ViewSlot {
    let slot = this.state.slots.get(viewer);
    if (!slot) {
      slot = new ViewSlot();
      this.state.slots.set(viewer, slot);
      this.slotParts.set(viewer, new Map());
    }
    return slot;
  }

  /** Viewers that have a slot (every seat or facilitator that has ever connected). */
  viewers(): string[] {
    return [...this.slotParts.keys()];
  }

  /** Updates the public maps from the observer's view. */
  setPublic(view: GameView): void {
    const v = asSent(view);
    for (const key of new Set([...Object.keys(v), ...this.publicParts.keys()])) {
      if (NOT_MIRRORED.has(key)) continue;
      const value = v[key];
      const old = this.publicParts.get(key);
      if (old && sameJson(old.ref, value)) continue;
      if (value === undefined) {
        applyPart(this.state, old, undefined);
        this.publicParts.delete(key);
        continue;
      }
      const next: PublicPart = { ref: value, ...reflattenField(key, old?.ref, () => partGroups(old!), value) };
      applyPart(this.state, old, next);
      this.publicParts.set(key, next);
    }
  }

  /**
   * Sets a field that every viewer's view holds unchanged from the state (`locked`), without
   * computing any view: a lock-in then costs one entry, not seven views and their diff.
   */
  setShared(key: string, value: unknown): void {
    const old = this.publicParts.get(key);
    let pub = old;
    if (!old || !sameJson(old.ref, value)) {
      pub = { ref: value, ...reflattenField(key, old?.ref, () => partGroups(old!), value) };
      applyPart(this.state, old, pub);
      this.publicParts.set(key, pub);
    }
    for (const [viewer, parts] of this.slotParts) {
      const mine = parts.get(key);
      if (mine && mine.over !== EMPTY) applyFlat(this.slot(viewer), mine.over, EMPTY);
      parts.set(key, { ref: pub!.ref, pubRef: pub!.ref, over: EMPTY });
    }
  }

  /** Updates one viewer's slot from its view (call after setPublic). */
  setViewer(viewer: string, view: GameView): void {
    const slot = this.slot(viewer);
    const parts = this.slotParts.get(viewer)!;
    const v = asSent(view);
    const update = (key: string) => {
      if (NOT_MIRRORED.has(key)) return;
      const value = v[key];
      const pub = this.publicParts.get(key);
      const old = parts.get(key);
      if (old && old.pubRef === pub?.ref && sameJson(old.ref, value)) return;
      const over = pub && sameJson(pub.ref, value) ? EMPTY : settledOverrides(key, pub?.ref, () => partFlat(pub), () => (pub ? partGroups(pub) : new Map()), value);
      applyFlat(slot, old?.over ?? EMPTY, over);
      parts.set(key, { ref: value, pubRef: pub?.ref, over });
    };
    // Every field of the view, then the public and earlier ones it lacks (without building a set of all keys per viewer).
    for (const key in v) update(key);
    this.publicParts.forEach((_, key) => {
      if (!(key in v)) update(key);
    });
    // Updating a key already held does not add one, so the map can be walked as it is updated.
    parts.forEach((_, key) => {
      if (!(key in v) && !this.publicParts.has(key)) update(key);
    });
  }
}
