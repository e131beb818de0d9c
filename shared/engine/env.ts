// The formula environment over a game state: every name of shared/expr/vocabulary.ts, compiled
// once per formula into a closure over a Ctx (the bindings of one evaluation: self, target,
// target2, other, params). This is the only implementation of the vocabulary; the validator
// checks formulas against the same list. A Ctx is also what effects run in: it carries the
// writer (null for read-only checks) and the source of the changes it makes.
import type { Compiled as Fn, NameCompiler, Value } from "../expr/compile.ts";
import type { ExprNode } from "../expr/parse.ts";
import { ACTOR_BINDINGS, BARE_NAMES } from "../expr/vocabulary.ts";
import type { FormulaOf } from "./formula.ts";
import { hasTreaty, influenceShare, pairKey, relationValue, sanctionLevel, sanctionsOn } from "./state-read.ts";
import type { ActorId, EnvState, ParamValue, Source } from "./types.ts";
import type { Writer } from "./writer.ts";

export type Formula = FormulaOf<Ctx>;

/** What formulas need to know of the scenario besides the state (a Compiled scenario has it all). */
export interface Lookups {
  turns: number;
  actorIds: readonly ActorId[];
  actorSet: ReadonlySet<ActorId>;
  seatSet: ReadonlySet<ActorId>;
  councilSet: ReadonlySet<ActorId>;
  permanentSet: ReadonlySet<ActorId>;
  /** Per actor: the pair keys with every other actor, in actor order (for tradeTotal). */
  partnerKeys: Record<ActorId, string[]>;
  /** Per actor: its bloc ("" if none). */
  blocs: Record<ActorId, string>;
  derived: Record<string, Formula>;
}

// Orders without parameters share this empty set: a fresh `{}` per Ctx was garbage made for
// every candidate a bot weighs and every order resolved.
const NO_PARAMS: Readonly<Record<string, ParamValue>> = Object.freeze({});

/**
 * One evaluation scope: bindings plus (optionally) the writer that effects use. A state part a
 * formula reads here must be in view.ts's SCORED_PARTS, or score cards go stale after an order.
 */
export class Ctx {
  constructor(
    readonly r: Lookups,
    readonly st: EnvState,
    readonly w: Writer | null,
    readonly self: ActorId,
    readonly target: ActorId = "",
    readonly target2: ActorId = "",
    readonly params: Readonly<Record<string, ParamValue>> = NO_PARAMS,
    readonly src: Source | null = null,
    readonly other: ActorId = "",
  ) {}

  /** The same scope with `other` bound (inside a forEach effect). */
  withOther(other: ActorId): Ctx {
    return new Ctx(this.r, this.st, this.w, this.self, this.target, this.target2, this.params, this.src, other);
  }
}

const str = (v: Value): string => (typeof v === "string" ? v : String(v));
/** monthsSince() of a move never carried out: longer than any game. */
const NEVER = 1000;

/** The actor a binding name stands for in this scope, or the name itself (an actor id). */
export function bindingOf(name: string): (ctx: Ctx) => ActorId {
  switch (name) {
    case "self":
      return (c) => c.self;
    case "target":
      return (c) => c.target;
    case "target2":
      return (c) => c.target2;
    case "other":
      return (c) => c.other;
    default:
      return () => name;
  }
}

/**
 * The text a literal argument always evaluates to: a quoted string, or a bare actor id (names the
 * vocabulary reads otherwise, such as self or turn, are not literals); undefined for anything else.
 */
function literal(n: ExprNode, actors: ReadonlySet<ActorId>): string | undefined {
  if (n.k === "str") return n.v;
  if (n.k !== "ref" || n.path.length !== 1) return undefined;
  const name = n.path[0]!;
  return (BARE_NAMES as readonly string[]).includes(name) || !actors.has(name) ? undefined : name;
}

/**
 * The vocabulary, compiled against the scenario's actors (formulas are validated first). `dated`,
 * when given, collects the moves formulas read with monthsSince ("all" when one names its move by
 * anything but a literal).
 */
export function vocabulary(r: Pick<Lookups, "actorSet">, dated?: { moves: Set<string> | "all" }): NameCompiler<Ctx> {
  return {
    ref(path) {
      const head = path[0]!;
      if (path.length === 1) {
        switch (head) {
          case "self":
          case "target":
          case "target2":
          case "other":
            return bindingOf(head);
          case "turn":
            return (c) => c.st.turn;
          case "turns":
            return (c) => c.r.turns;
          case "progress":
            return (c) => c.st.turn / c.r.turns;
          default:
            if (r.actorSet.has(head)) return () => head;
            throw new Error(`unknown name '${head}'`);
        }
      }
      const key = path[1]!;
      switch (head) {
        case "world":
          return (c) => c.st.world[key] ?? 0;
        case "derived":
          return (c) => {
            const f = c.r.derived[key];
            if (!f) throw new Error(`unknown derived value '${key}'`);
            return f(c);
          };
        case "param":
          if (path.length === 3) {
            const ind = path[2]!;
            return (c) => c.st.actors[str(c.params[key] ?? "")]?.[ind] ?? 0;
          }
          return (c) => c.params[key] ?? "";
        default: {
          // <actor>.<indicator>: a binding or a literal id; an unbound target reads as 0.
          if (!(ACTOR_BINDINGS as readonly string[]).includes(head)) {
            return (c) => {
              const rec = c.st.actors[head];
              return rec ? (rec[key] ?? 0) : 0;
            };
          }
          const who = bindingOf(head);
          return (c) => {
            const rec = c.st.actors[who(c)];
            return rec ? (rec[key] ?? 0) : 0;
          };
        }
      }
    },
    call(fn, args, nodes) {
      const a: Fn<Ctx> = args[0] ?? (() => "");
      const b: Fn<Ctx> = args[1] ?? (() => "");
      const third = args[2];
      // Arguments written as literals (actor ids, quoted text): their keys are looked up once here.
      const lits = nodes.map((n) => literal(n, r.actorSet));
      const [x, y, z] = lits;
      if (fn === "monthsSince" && dated && dated.moves !== "all") {
        const move = nodes[1]?.k === "str" ? nodes[1].v : undefined;
        if (move === undefined) dated.moves = "all";
        else dated.moves.add(move);
      }
      if (lits.length > 0 && lits.every((v) => v !== undefined)) {
        switch (fn) {
          case "relation": {
            const key = pairKey(x!, y ?? "");
            return (c) => relationValue(c.st.relations[key]);
          }
          case "trade": {
            const key = pairKey(x!, y ?? "");
            return (c) => c.st.trade[key] ?? 0;
          }
          case "influence":
            return (c) => influenceShare(c.st.influence, x!, y ?? "", c.r.actorIds);
          case "sanctioned":
            return z !== undefined ? (c) => sanctionLevel(c.st.sanctions, x!, y ?? "", z) : (c) => sanctionLevel(c.st.sanctions, x!, y ?? "");
          case "sanctionsOn":
            return (c) => sanctionsOn(c.st.sanctions, x!);
          case "treaty":
            return z !== undefined ? (c) => hasTreaty(c.st.treaties, x!, y ?? "", z) : (c) => hasTreaty(c.st.treaties, x!, y ?? "");
          case "mandate":
            return (c) => c.st.mandates[x!] ?? false;
        }
      }
      switch (fn) {
        case "relation":
          return (c) => relationValue(c.st.relations[pairKey(str(a(c)), str(b(c)))]);
        case "trade":
          return (c) => c.st.trade[pairKey(str(a(c)), str(b(c)))] ?? 0;
        case "tradeTotal":
          return (c) => {
            const trade = c.st.trade;
            let total = 0;
            for (const k of c.r.partnerKeys[str(a(c))] ?? []) total += trade[k] ?? 0;
            return total;
          };
        case "influence":
          return (c) => influenceShare(c.st.influence, str(a(c)), str(b(c)), c.r.actorIds);
        case "sanctioned":
          return third
            ? (c) => sanctionLevel(c.st.sanctions, str(a(c)), str(b(c)), str(third(c)))
            : (c) => sanctionLevel(c.st.sanctions, str(a(c)), str(b(c)));
        case "sanctionsOn":
          return (c) => sanctionsOn(c.st.sanctions, str(a(c)));
        case "treaty":
          return third
            ? (c) => hasTreaty(c.st.treaties, str(a(c)), str(b(c)), str(third(c)))
            : (c) => hasTreaty(c.st.treaties, str(a(c)), str(b(c)));
        case "mandate":
          return (c) => c.st.mandates[str(a(c))] ?? false;
        case "moved":
          return (c) => c.st.lastMoves?.[str(a(c))]?.includes(str(b(c))) ?? false;
        case "monthsSince":
          return (c) => {
            const turn = c.st.lastDone?.[str(a(c))]?.[str(b(c))];
            return turn === undefined ? NEVER : c.st.turn - turn;
          };
        case "doneThisTurn":
          return (c) => c.st.thisTurn?.[str(a(c))]?.includes(str(b(c))) ?? false;
        case "voted":
          return third
            ? (c) => (c.st.lastVotes?.[str(b(c))]?.[str(a(c))] ?? "") === str(third(c))
            : (c) => c.st.lastVotes?.[str(b(c))]?.[str(a(c))] ?? "";
        case "fired":
          return (c) => c.st.fired?.[str(a(c))]?.count ?? 0;
        case "bloc":
          return (c) => c.r.blocs[str(a(c))] ?? "";
        case "isSeat":
          return (c) => c.r.seatSet.has(str(a(c)));
        case "onCouncil":
          return (c) => c.r.councilSet.has(str(a(c)));
        case "permanent":
          return (c) => c.r.permanentSet.has(str(a(c)));
        default:
          throw new Error(`unknown function '${fn}'`);
      }
    },
  };
}
