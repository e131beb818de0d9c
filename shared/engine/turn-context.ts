// What one resolution (or one facilitator inject) works on: the working state, its writer,
// the report entries written so far and the moves each actor carried out.
import { Ctx } from "./env.ts";
import type { Compiled } from "./rules.ts";
import { moveHeadline as writeMoveHeadline } from "./text.ts";
import type { ActorId, CastVote, GameState, ModifierCause, Order, ReportEntry, Source, Visibility } from "./types.ts";
import type { Writer } from "./writer.ts";

export interface TurnContext {
  c: Compiled;
  st: GameState;
  w: Writer;
  entries: ReportEntry[];
  moved: Record<ActorId, string[]>;
  /** Votes cast on this turn's drafts, per move id (becomes the state's lastVotes). */
  votes: Record<string, Record<ActorId, CastVote>>;
  /** Sources for fading modifiers, per origin and label, reused within the turn. */
  fading?: Map<ModifierCause, Map<string, Source>>;
  /** Sources for dynamics, per dynamic and actor, reused within the turn. */
  dynamicSources?: Map<object, Map<ActorId, Source>>;
}

/** A source for changes made during this resolution. */
export function source(
  t: TurnContext,
  kind: string,
  id: string,
  label: string,
  entryKind: ReportEntry["kind"],
  actor?: ActorId,
  visibility: Visibility = "public",
  covertId?: string,
): Source {
  const src: Source = { kind, id, label, visibility, entryKind, entries: t.entries };
  if (actor !== undefined && actor !== "") src.actor = actor;
  if (covertId !== undefined) src.covertId = covertId;
  return src;
}

/**
 * A Ctx bound to an order's actors, writing through the turn's writer. The source takes the
 * order's target, so the report tells apart one government's offers of a kind to two partners.
 */
export function orderCtx(t: TurnContext, self: ActorId, order: Order, src: Source): Ctx {
  if (order.target) src.target = order.target;
  return new Ctx(t.c, t.st, t.w, self, order.target ?? "", order.target2 ?? "", order.params, src);
}

/** The headline of a move, as the shared text module writes it (the client's preview uses the same). */
export function moveHeadline(c: Compiled, moveId: string, self: ActorId, order: Order): string {
  return writeMoveHeadline(c.scenario, moveId, self, order) ?? moveId;
}

/** A report entry for an order or proposal. */
export function orderEntry(
  c: Compiled,
  kind: ReportEntry["kind"],
  self: ActorId,
  order: Order,
  visibility: Visibility,
): ReportEntry {
  const e: ReportEntry = { kind, id: order.move, actor: self, headline: moveHeadline(c, order.move, self, order), visibility };
  if (order.target !== undefined) e.target = order.target;
  if (order.target2 !== undefined) e.target2 = order.target2;
  if (order.params !== undefined) e.params = { ...order.params };
  return e;
}
