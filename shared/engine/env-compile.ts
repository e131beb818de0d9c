// Compile-time specialisation of formula names for the engine's Ctx: `self.gdp` or
// `relation(self, PRK)` become direct closures over the state instead of going through the
// generic ref/call dispatch each time. Same meaning as env.ts (which remains the fallback).
import type { CompileHooks, Compiled as Fn, Value } from "../expr/compile.ts";
import type { Ctx } from "./env.ts";
import { hasTreaty, influenceShare, pairKey, relationValue, sanctionLevel, sanctionsOn } from "./state-read.ts";
import type { ActorId } from "./types.ts";

const str = (v: Value): string => (typeof v === "string" ? v : String(v));

/** Hooks that specialise references and domain calls for a scenario with these actors. */
export function engineHooks(actors: ReadonlySet<ActorId>, seats: ReadonlySet<ActorId>, council: ReadonlySet<ActorId>, permanent: ReadonlySet<ActorId>): CompileHooks {
  return {
    ref(path) {
      const head = path[0]!;
      if (path.length === 1) {
        switch (head) {
          case "self":
            return (e) => (e as Ctx).self;
          case "target":
            return (e) => (e as Ctx).target;
          case "target2":
            return (e) => (e as Ctx).target2;
          case "turn":
            return (e) => (e as Ctx).st.turn;
          default:
            return actors.has(head) ? () => head : undefined;
        }
      }
      if (path.length !== 2) return undefined;
      const key = path[1]!;
      switch (head) {
        case "world":
          return (e) => (e as Ctx).st.world[key] ?? 0;
        case "param":
          return (e) => (e as Ctx).params[key] ?? "";
        case "self":
          return (e) => {
            const r = (e as Ctx).st.actors[(e as Ctx).self];
            return r ? (r[key] ?? 0) : 0;
          };
        case "target":
          return (e) => {
            const r = (e as Ctx).st.actors[(e as Ctx).target];
            return r ? (r[key] ?? 0) : 0;
          };
        case "target2":
          return (e) => {
            const r = (e as Ctx).st.actors[(e as Ctx).target2];
            return r ? (r[key] ?? 0) : 0;
          };
        default:
          if (!actors.has(head)) return undefined;
          return (e) => {
            const r = (e as Ctx).st.actors[head];
            return r ? (r[key] ?? 0) : 0;
          };
      }
    },
    call(fn, args) {
      const a: Fn = args[0] ?? (() => "");
      const b: Fn = args[1] ?? (() => "");
      const third = args[2];
      switch (fn) {
        case "relation":
          return (e) => relationValue((e as Ctx).st.relations[pairKey(str(a(e)), str(b(e)))]);
        case "trade":
          return (e) => (e as Ctx).st.trade[pairKey(str(a(e)), str(b(e)))] ?? 0;
        case "tradeTotal":
          return (e) => {
            const ctx = e as Ctx;
            const trade = ctx.st.trade;
            let total = 0;
            for (const k of ctx.r.partnerKeys[str(a(e))] ?? []) total += trade[k] ?? 0;
            return total;
          };
        case "influence":
          return (e) => influenceShare((e as Ctx).st.influence, str(a(e)), str(b(e)), (e as Ctx).r.actorIds);
        case "sanctioned":
          return third
            ? (e) => sanctionLevel((e as Ctx).st.sanctions, str(a(e)), str(b(e)), str(third(e)))
            : (e) => sanctionLevel((e as Ctx).st.sanctions, str(a(e)), str(b(e)));
        case "sanctionsOn":
          return (e) => sanctionsOn((e as Ctx).st.sanctions, str(a(e)));
        case "treaty":
          return third
            ? (e) => hasTreaty((e as Ctx).st.treaties, str(a(e)), str(b(e)), str(third(e)))
            : (e) => hasTreaty((e as Ctx).st.treaties, str(a(e)), str(b(e)));
        case "mandate":
          return (e) => (e as Ctx).st.mandates[str(a(e))] ?? false;
        case "isSeat":
          return (e) => seats.has(str(a(e)));
        case "onCouncil":
          return (e) => council.has(str(a(e)));
        case "permanent":
          return (e) => permanent.has(str(a(e)));
        default:
          return undefined; // moved, fired and anything else: the generic path
      }
    },
  };
}
