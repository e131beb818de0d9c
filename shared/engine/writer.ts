// Every change to a working state goes through a Writer. It notes each change for explanations
// (when a Recorder is attached) and can journal old values so a bot's look-ahead can undo a
// candidate order cheaply instead of copying the whole state for each one.
import type { Recorder } from "./explain.ts";
import { relationValue } from "./state-read.ts";
import type { ActorId, GameState, OpinionModifier, Relation, Sanction, Source, Treaty } from "./types.ts";

type Rec = Record<string, unknown>;

// Explanation subjects ("CHN.gdp", "trade:CHN:PRK") are built once and reused, so the recorder's
// map lookups hash each name only once.
const subjects = new Map<string, Map<string, string>>();
function subject(head: string, sep: string, tail: string): string {
  let inner = subjects.get(head);
  if (!inner) {
    inner = new Map();
    subjects.set(head, inner);
  }
  let name = inner.get(tail);
  if (name === undefined) {
    name = head + sep + tail;
    inner.set(tail, name);
  }
  return name;
}

function weightTotal(w: Record<string, number>, order: readonly ActorId[]): number {
  let total = 0;
  for (const a of order) total += w[a] ?? 0;
  return total;
}

const clamp100 = (v: number): number => (v < -100 ? -100 : v > 100 ? 100 : v);

export class Writer {
  /** Flat undo log: [object, key, old value, had key] repeated. Null when not journalling. */
  journal: unknown[] | null = null;
  rec: Recorder | null = null;

  constructor(
    readonly st: GameState,
    private readonly actorOrder: readonly ActorId[],
  ) {}

  private set(obj: Rec, key: string, value: unknown): void {
    if (this.journal) {
      const old = obj[key];
      // A defined old value means the key is there; only an undefined one needs the `in` check.
      this.journal.push(obj, key, old, old !== undefined || key in obj);
    }
    obj[key] = value;
  }

  /** Journal position to undo back to. */
  mark(): number {
    return this.journal ? this.journal.length : 0;
  }

  /** Undoes every journalled change made since `mark`. */
  undo(mark: number): void {
    const j = this.journal;
    if (!j) return;
    for (let i = j.length - 4; i >= mark; i -= 4) {
      const obj = j[i] as Rec;
      const key = j[i + 1] as string;
      if (j[i + 3]) obj[key] = j[i + 2];
      else delete obj[key];
    }
    j.length = mark;
  }

  indicator(actor: ActorId, id: string, value: number, src: Source | null, label?: string): void {
    const rec = this.st.actors[actor];
    if (!rec) return;
    const before = rec[id] ?? 0;
    this.set(rec, id, value);
    this.rec?.note(subject(actor, ".", id), before, value, src, label);
  }

  world(id: string, value: number, src: Source | null, label?: string): void {
    const before = this.st.world[id] ?? 0;
    this.set(this.st.world, id, value);
    this.rec?.note(subject("world", ".", id), before, value, src, label);
  }

  /** Replaces a relation (relations are never mutated in place, so copies can share them). */
  relation(key: string, next: Relation, src: Source | null, label?: string): void {
    const rec = this.rec;
    // Without a recorder (a bot's look-ahead) the values before and after are not needed.
    const before = rec ? relationValue(this.st.relations[key]) : 0;
    this.set(this.st.relations, key, next);
    rec?.note(subject("relation", ":", key), before, relationValue(next), src, label);
  }

  /**
   * Replaces a relation whose modifiers changed one by one (fading): step i (of n) changed it by
   * deltas[i] and is explained by sources[i] under that source's label; the steps add up to the
   * clamped change.
   */
  relationSteps(key: string, next: Relation, sources: readonly Source[], deltas: readonly number[], n: number): void {
    const old = this.st.relations[key];
    this.set(this.st.relations, key, next);
    const rec = this.rec;
    if (!rec || !old) return;
    let sum = old.base;
    for (const m of old.modifiers) sum += m.value;
    const name = subject("relation", ":", key);
    for (let i = 0; i < n; i++) {
      const src = sources[i]!;
      const before = clamp100(sum);
      sum += deltas[i]!;
      rec.note(name, before, clamp100(sum), src, src.label);
    }
  }

  /**
   * Adds an opinion modifier. The same label on the same pair in the same turn deepens that one
   * modifier; on later turns modifiers stack, each fading on its own clock.
   */
  modifier(key: string, mod: OpinionModifier, src: Source | null): void {
    const rel = this.st.relations[key] ?? { base: 0, modifiers: [] };
    const modifiers = rel.modifiers.slice();
    // A plain loop: every look-ahead candidate with a relation effect comes through here, and a
    // findIndex callback would be a fresh closure each time.
    let i = -1;
    for (let k = 0; k < modifiers.length; k++) {
      const m = modifiers[k]!;
      if (m.label === mod.label && m.turn === mod.turn) {
        i = k;
        break;
      }
    }
    if (i >= 0) {
      const old = modifiers[i]!;
      modifiers[i] = { ...old, value: old.value + mod.value, fades: mod.fades, cause: mod.cause, turn: mod.turn };
    } else modifiers.push(mod);
    this.relation(key, { base: rel.base, modifiers }, src, mod.label);
  }

  trade(key: string, value: number, src: Source | null, label?: string): void {
    const before = this.st.trade[key] ?? 0;
    this.set(this.st.trade, key, value);
    this.rec?.note(subject("trade", ":", key), before, value, src, label);
  }

  /** Sets a leverage weight; every actor's share over `over` moves, and each move is explained. */
  influence(over: ActorId, by: ActorId, value: number, src: Source | null, label?: string): void {
    let weights = this.st.influence[over];
    if (!weights) {
      weights = {};
      this.set(this.st.influence, over, weights);
    }
    if (!this.rec) {
      this.set(weights, by, value);
      return;
    }
    const order = this.actorOrder;
    const w = weights;
    const totalBefore = weightTotal(w, order);
    const old = w[by] ?? 0;
    this.set(w, by, value);
    const totalAfter = weightTotal(w, order);
    for (const a of order) {
      if (!(a in w)) continue;
      const wa = w[a]!;
      const before = totalBefore > 0 ? (a === by ? old : wa) / totalBefore : 0;
      const after = totalAfter > 0 ? wa / totalAfter : 0;
      this.rec.note(subject(`influence:${over}`, ":", a), before, after, src, label);
    }
  }

  sanctions(next: Sanction[]): void {
    this.set(this.st as unknown as Rec, "sanctions", next);
  }

  treaties(next: Treaty[]): void {
    this.set(this.st as unknown as Rec, "treaties", next);
  }

  mandate(id: string, active: boolean): void {
    this.set(this.st.mandates, id, active);
  }

  /** Moves the turn counter (a bot's projection of later turns; undone with the rest). */
  turn(value: number): void {
    this.set(this.st as unknown as Rec, "turn", value);
  }
}
