// Events: checked after each resolution (trigger, once/cooldown, then a roll of `probability`);
// firing applies the event's effects and, if it has options, waits for the affected seat's choice
// until the next resolution (a non-seat takes the default option at once).
import { Ctx } from "./env.ts";
import { Recorder } from "./explain.ts";
import { evalBool, evalNum } from "./formula.ts";
import { fail } from "./orders.ts";
import { roll } from "./rng.ts";
import type { CEvent, Compiled } from "./rules.ts";
import { runEffects } from "./effects.ts";
import { createGameCompiled, workingCopy } from "./state.ts";
import { eventHeadline, eventText, optionHeadline } from "./text.ts";
import { source, type TurnContext } from "./turn-context.ts";
import type { ActorId, GameState, ReportEntry, Result } from "./types.ts";
import { Writer } from "./writer.ts";

/** The actor an event falls on: the given seat, else its `affects` (a literal id), else none. */
function affected(ev: CEvent, seat?: ActorId): ActorId {
  if (seat !== undefined) return seat;
  const a = ev.def.affects;
  return a && a !== "self" && a !== "target" && a !== "target2" ? a : "";
}

/** Fires an event now; returns its report entry. */
export function fireEvent(t: TurnContext, ev: CEvent, self: ActorId, kind: "event" | "inject"): ReportEntry {
  const { c, st } = t;
  const prev = st.fired[ev.id];
  st.fired[ev.id] = { count: (prev?.count ?? 0) + 1, last: st.turn };
  const s = c.scenario;
  const entry: ReportEntry = {
    kind,
    id: ev.id,
    headline: eventHeadline(s, ev.id, self) ?? ev.def.title,
    text: eventText(s, ev.id, self) ?? ev.def.text,
    visibility: "public",
  };
  if (self) entry.actor = self;
  t.entries.push(entry);
  const src = source(t, kind === "inject" ? "facilitator" : "event", ev.id, ev.def.title, "event", self);
  src.entry = entry;
  runEffects(ev.effects, new Ctx(c, st, t.w, self, "", "", {}, src));
  if (ev.options.size > 0) {
    if (self && c.seatSet.has(self)) {
      let id = `e${st.turn}-${ev.id}`;
      if (st.pending.some((p) => p.id === id)) id = `${id}-${st.nextId++}`;
      st.pending = [...st.pending, { id, event: ev.id, seat: self, firedTurn: st.turn }];
    } else if (ev.def.default) {
      applyOption(t, ev, self, ev.def.default);
    }
  }
  return entry;
}

/** Applies an event option for `self`, with its own report entry. */
export function applyOption(t: TurnContext, ev: CEvent, self: ActorId, option: string): void {
  const effects = ev.options.get(option);
  if (!effects) return;
  const s = t.c.scenario;
  const label = ev.def.options?.[option]?.label ?? option;
  const entry: ReportEntry = {
    kind: "option",
    id: ev.id,
    headline: optionHeadline(s, ev.id, self, option) ?? label,
    visibility: "public",
    params: { option },
  };
  if (self) entry.actor = self;
  t.entries.push(entry);
  const src = source(t, "option", ev.id, `${ev.def.title}: ${label}`, "option", self);
  src.entry = entry;
  runEffects(effects, new Ctx(t.c, t.st, t.w, self, "", "", {}, src));
}

/** Step 5: every choice still waiting takes the chosen option, or the default. */
export function resolvePending(t: TurnContext): void {
  const waiting = t.st.pending;
  t.st.pending = [];
  for (const p of waiting) {
    const ev = t.c.eventMap[p.event];
    if (!ev) continue;
    const option = p.choice ?? ev.def.default;
    if (option !== undefined) applyOption(t, ev, p.seat, option);
  }
}

/** Step 8: events whose trigger holds and whose roll succeeds fire, in scenario order. */
export function checkEvents(t: TurnContext): void {
  const { c, st } = t;
  for (const ev of c.events) {
    const d = ev.def;
    if (d.injectOnly) continue;
    const f = st.fired[ev.id];
    if (f && (d.once || st.turn - f.last <= d.cooldown)) continue;
    fireIfTriggered(t, ev);
  }
}

/** Fires an event as an event (not an inject) when its trigger holds and its probability rolls. */
function fireIfTriggered(t: TurnContext, ev: CEvent): void {
  const self = affected(ev);
  const ctx = new Ctx(t.c, t.st, null, self);
  if (evalBool(ev.trigger, ctx) && roll(t.st.rng, evalNum(ev.probability, ctx))) fireEvent(t, ev, self, "event");
}

/**
 * Fires events between resolutions (an inject, a game's opening): their entries and explanations
 * are added to the state's `injected`, which the next report opens with.
 */
function betweenTurns(c: Compiled, input: GameState, fire: (t: TurnContext) => void): GameState {
  const st = workingCopy(input);
  const w = new Writer(st, c.actorIds);
  const rec = new Recorder();
  if (st.injected) rec.seed(st.injected.explanations);
  w.rec = rec;
  const t: TurnContext = { c, st, w, entries: [], moved: {}, votes: {} };
  fire(t);
  if (t.entries.length === 0) return input;
  st.injected = { entries: [...(input.injected?.entries ?? []), ...t.entries], explanations: rec.finish() };
  return st;
}

/**
 * A new game's opening: events marked `opening` whose trigger holds (and whose roll succeeds) fire
 * before the first month's orders, as an inject would, so their choice is made in the first month
 * and takes effect at its resolution (a summit that opens the scenario, not one a month late).
 * Their entries and explanations join the first report.
 */
export function openGame(c: Compiled, input: GameState): GameState {
  const opening = c.events.filter((ev) => ev.def.opening && !ev.def.injectOnly);
  if (opening.length === 0) return input;
  return betweenTurns(c, input, (t) => {
    for (const ev of opening) fireIfTriggered(t, ev);
  });
}

/** A new game at turn 1: the scenario's starting data, then its opening events. */
export function startGameCompiled(c: Compiled, seed: string): GameState {
  return openGame(c, createGameCompiled(c, seed));
}

/** Facilitator inject: fires the event now; its entry and explanations join the next report. */
export function injectEventCompiled(
  c: Compiled,
  input: GameState,
  eventId: string,
  seat?: ActorId,
): Result<{ state: GameState; entry: ReportEntry }> {
  if (input.phase === "over") return fail("game/over", "The game is over.");
  const ev = typeof eventId === "string" && Object.hasOwn(c.eventMap, eventId) ? c.eventMap[eventId] : undefined;
  if (!ev) return fail("event/unknown", `There is no event '${String(eventId)}'.`);
  if (seat !== undefined && !c.actorSet.has(seat)) return fail("seat/unknown", `There is no actor '${seat}'.`);
  let entry: ReportEntry | undefined;
  const state = betweenTurns(c, input, (t) => (entry = fireEvent(t, ev, affected(ev, seat), "inject")));
  return { ok: true, value: { state, entry: entry! } };
}
