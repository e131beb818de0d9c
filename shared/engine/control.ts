// The control cell's changes to a running game, as engine operations: a custom inject written on
// the spot (a headline, a text and changes to the scenario's indicators) and an adjudication
// override (set an indicator to a value, with a reason), and a ruling on the outcome of this turn's
// deal or Security Council draft (kept on the proposal, applied by resolution). All are pure and deterministic, so the
// server logs them with their payload and a replay applies them again to the same effect. Their
// report entries join the facilitator's injects of the turn (state.injected) and so the next
// turn report, with each change explained as the facilitator's.
import type { Compiled } from "./rules.ts";
import { Recorder } from "./explain.ts";
import { fail } from "./orders.ts";
import { workingCopy } from "./state.ts";
import { overrideLabel, rulingText } from "./text.ts";
import type { GameState, Proposal, ReportEntry, Result, RuledOutcome, Source } from "./types.ts";
import { Writer } from "./writer.ts";

/** One change: `subject` is "world.<id>" or "<actor>.<indicator>"; add `by`, or set `to`. */
export interface ControlChange {
  subject: string;
  by?: number;
  to?: number;
}

/** A facilitator's own inject, or (kind "override") an adjudication with its reason. */
export interface CustomInject {
  kind: "inject" | "override";
  /** Stable id for the report entry (the server numbers them). */
  id: string;
  headline: string;
  text?: string;
  changes: ControlChange[];
  /** Overrides: why, shown in the report and the log. */
  reason?: string;
}

function bounds(c: Compiled, subject: string): { min?: number; max?: number } | null {
  const dot = subject.indexOf(".");
  if (dot <= 0) return null;
  const head = subject.slice(0, dot);
  const id = subject.slice(dot + 1);
  if (head === "world") return Object.hasOwn(c.scenario.world, id) ? c.scenario.world[id]! : null;
  if (!c.actorSet.has(head) || !Object.hasOwn(c.scenario.indicators, id)) return null;
  return c.scenario.indicators[id]!;
}

const clamp = (v: number, b: { min?: number; max?: number }): number => Math.min(b.max ?? Infinity, Math.max(b.min ?? -Infinity, v));

/** Applies a custom inject or an override to a state between resolutions. */
export function applyControlCompiled(c: Compiled, input: GameState, inject: CustomInject): Result<{ state: GameState; entry: ReportEntry }> {
  if (input.phase === "over") return fail("game/over", "The game is over.");
  if (!inject.headline.trim()) return fail("control/bad_value", "Write a headline.");
  if (inject.kind === "override" && !inject.reason?.trim()) return fail("control/bad_value", "An override needs a reason (it is shown in the log and the debrief).");
  for (const ch of inject.changes) {
    if (!bounds(c, ch.subject)) return fail("control/unknown_indicator", `No indicator "${ch.subject}" in this scenario (use world.<id> or <actor>.<indicator>).`);
    const v = ch.to ?? ch.by;
    if (v === undefined || !Number.isFinite(v)) return fail("control/bad_value", `Give ${ch.subject} a number to add (by) or to set (to).`);
  }
  const st = workingCopy(input);
  const w = new Writer(st, c.actorIds);
  const rec = new Recorder();
  if (st.injected) rec.seed(st.injected.explanations);
  w.rec = rec;
  const label = inject.kind === "override" ? overrideLabel(inject.reason ?? "") : inject.headline;
  const src: Source = { kind: "facilitator", id: inject.id, label, visibility: "public", entryKind: "inject", entries: null };
  for (const ch of inject.changes) {
    const b = bounds(c, ch.subject)!;
    const dot = ch.subject.indexOf(".");
    const head = ch.subject.slice(0, dot);
    const id = ch.subject.slice(dot + 1);
    const before = head === "world" ? (st.world[id] ?? 0) : (st.actors[head]?.[id] ?? 0);
    const next = clamp(ch.to ?? before + ch.by!, b);
    if (head === "world") w.world(id, next, src, label);
    else w.indicator(head, id, next, src, label);
  }
  const entry: ReportEntry = {
    kind: "inject",
    id: inject.id,
    headline: inject.headline,
    ...(inject.text || inject.reason ? { text: [inject.text, inject.reason ? rulingText(inject.reason) : ""].filter(Boolean).join(" ") } : {}),
    visibility: "public",
  };
  st.injected = { entries: [...(input.injected?.entries ?? []), entry], explanations: rec.finish() };
  return { ok: true, value: { state: st, entry } };
}

/**
 * Ends the game after `turn` (this turn or a later one), or (null) lets it run the scenario's
 * length again. The game then ends as it always does, when that turn resolves.
 */
export function endAfterCompiled(c: Compiled, input: GameState, turn: number | null): Result<GameState> {
  if (input.phase === "over") return fail("game/over", "The game is over.");
  if (turn === null) {
    const { lastTurn: _cleared, ...rest } = input;
    return { ok: true, value: rest };
  }
  if (!Number.isInteger(turn) || turn < input.turn || turn > c.turns) return fail("control/bad_value", `End after a turn from ${input.turn} (this one) to ${c.turns}.`);
  return { ok: true, value: { ...input, lastTurn: turn } };
}

/** The outcomes a ruling may give each kind of proposal. */
const RULABLE: Record<Proposal["kind"], readonly RuledOutcome[]> = { deal: ["accepted", "rejected"], council: ["passed", "failed"] };

/**
 * Rules the outcome of one of this turn's proposals (a deal accepted or rejected, a council draft
 * passed or failed) with a reason, or clears the ruling (`outcome` null). The ruling is part of the
 * turn's inputs: resolution applies it and writes it into the news.
 */
export function ruleOutcomeCompiled(input: GameState, proposalId: string, outcome: RuledOutcome | null, reason: string): Result<GameState> {
  if (input.phase === "over") return fail("game/over", "The game is over.");
  const i = input.proposals.findIndex((p) => p.id === proposalId);
  const p = input.proposals[i];
  if (!p) return fail("proposal/unknown", `There is no proposal '${String(proposalId)}' this turn.`);
  const proposals = input.proposals.slice();
  if (outcome === null) {
    const { ruling: _cleared, ...rest } = p;
    proposals[i] = rest;
    return { ok: true, value: { ...input, proposals } };
  }
  if (!RULABLE[p.kind].includes(outcome)) return fail("control/bad_value", `A ${p.kind === "deal" ? "deal is accepted or rejected" : "council draft passes or fails"}; "${String(outcome)}" is neither.`);
  if (!reason.trim()) return fail("control/bad_value", "A ruling needs a reason (it is shown in the news, the log and the debrief).");
  proposals[i] = { ...p, ruling: { outcome, reason: reason.trim() } };
  return { ok: true, value: { ...input, proposals } };
}
