// The expression environment over a game state: every name in shared/expr/vocabulary.ts, bound to
// the actors of one evaluation (self, target, target2, params). A Ctx is also what effects run in:
// it carries the writer (null for read-only checks) and the source of the changes it makes.
import type { ExprEnv, Value } from "../expr/compile.ts";
import type { LegalityInput } from "./api.ts";
import type { Compiled } from "./rules.ts";
import { hasTreaty, influenceShare, pairKey, relationValue, sanctionLevel, sanctionsOn } from "./state-read.ts";
import type { ActorId, GameState, ParamValue, ReportEntry, Visibility } from "./types.ts";
import type { Writer } from "./writer.ts";

/** The state a formula may read: a GameState, or a seat's GameView (which lacks rng). */
export type EnvState = LegalityInput & Partial<Pick<GameState, "lastMoves" | "fired">>;

/** Where changes come from: becomes each Cause and each news entry made while applying effects. */
export interface Source {
  /** Cause kind: move, proposal, council, event, option, dynamic, modifier, discovery, facilitator. */
  kind: string;
  id: string;
  actor?: ActorId;
  label: string;
  visibility: Visibility;
  covertId?: string;
  /** The kind of report entry a `news` effect writes. */
  entryKind: ReportEntry["kind"];
  /** Where `news` effects write; null during a bot's look-ahead. */
  entries: ReportEntry[] | null;
  /** Cached identity of the source, for merging causes (filled in by the Recorder). */
  key?: string;
  /** Cached cause text that opinion modifiers made by this source carry (filled in by effects). */
  cause?: string;
}

// Orders without parameters pass `undefined` and share this empty set: a fresh `{}` per Ctx was
// garbage made for every candidate a bot weighs and every order resolved.
const NO_PARAMS: Readonly<Record<string, ParamValue>> = Object.freeze({});

/** One evaluation scope: bindings plus (optionally) the writer that effects use. */
export class Ctx implements ExprEnv {
  constructor(
    readonly r: Compiled,
    readonly st: EnvState,
    readonly w: Writer | null,
    readonly self: ActorId,
    readonly target: ActorId = "",
    readonly target2: ActorId = "",
    readonly params: Readonly<Record<string, ParamValue>> = NO_PARAMS,
    readonly src: Source | null = null,
  ) {}

  /** The same scope with other bindings (e.g. an option's self). */
  with(self: ActorId, target = "", target2 = "", params = NO_PARAMS): Ctx {
    return new Ctx(this.r, this.st, this.w, self, target, target2, params, this.src);
  }

  /** Resolves an actor name: a binding (self, target, target2) or a literal id. */
  actor(name: string): ActorId {
    return name === "self" ? this.self : name === "target" ? this.target : name === "target2" ? this.target2 : name;
  }

  ref(path: readonly string[]): Value {
    const head = path[0]!;
    const st = this.st;
    if (path.length === 1) {
      switch (head) {
        case "self":
          return this.self;
        case "target":
          return this.target;
        case "target2":
          return this.target2;
        case "turn":
          return st.turn;
        case "turns":
          return this.r.turns;
        case "progress":
          return st.turn / this.r.turns;
        default:
          if (this.r.actorSet.has(head)) return head;
          throw new Error(`unknown name '${head}'`);
      }
    }
    const key = path[1]!;
    if (head === "world") return st.world[key] ?? 0;
    if (head === "derived") {
      const f = this.r.derived[key];
      if (!f) throw new Error(`unknown derived value '${key}'`);
      return f(this);
    }
    if (head === "param") {
      const v = this.params[key] ?? "";
      if (path.length === 3) return st.actors[String(v)]?.[path[2]!] ?? 0;
      return v;
    }
    const rec = st.actors[this.actor(head)];
    return rec ? (rec[key] ?? 0) : 0; // an unbound target reads as 0
  }

  call(fn: string, args: Value[]): Value {
    const st = this.st;
    const a = String(args[0] ?? "");
    const b = String(args[1] ?? "");
    switch (fn) {
      case "relation":
        return relationValue(st.relations[pairKey(a, b)]);
      case "trade":
        return st.trade[pairKey(a, b)] ?? 0;
      case "tradeTotal": {
        let total = 0;
        for (const k of this.r.partnerKeys[a] ?? []) total += st.trade[k] ?? 0;
        return total;
      }
      case "influence":
        return influenceShare(st.influence, a, b, this.r.actorIds);
      case "sanctioned":
        return sanctionLevel(st.sanctions, a, b, args.length > 2 ? String(args[2]) : undefined);
      case "sanctionsOn":
        return sanctionsOn(st.sanctions, a);
      case "treaty":
        return hasTreaty(st.treaties, a, b, args.length > 2 ? String(args[2]) : undefined);
      case "mandate":
        return st.mandates[a] ?? false;
      case "moved":
        return st.lastMoves?.[a]?.includes(b) ?? false;
      case "fired":
        return st.fired?.[a]?.count ?? 0;
      case "isSeat":
        return this.r.seatSet.has(a);
      case "onCouncil":
        return this.r.councilSet.has(a);
      case "permanent":
        return this.r.permanentSet.has(a);
      default:
        throw new Error(`unknown function '${fn}'`);
    }
  }
}
