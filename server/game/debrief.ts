// The facilitator's debrief export (the JSON log): the game's settings, every logged action with
// who and when, the indicator history and every turn report unfiltered. Kept small enough to
// mail: numbers are rounded to 4 significant digits, explanations keep only quantities that moved
// by a visible amount and causes that moved them, and a bot's plan keeps its decisions without
// the reasons it would write to people.
import type { Explanation, GameState, HistoryPoint, TurnReport } from "../../shared/engine/index.ts";
import type { GameRecord, GameStore } from "../store/game-store.ts";

export interface Debrief {
  game: Omit<GameRecord, "joinCode">;
  exportedTurn: number;
  actions: { id: number; turn: number; at: string; kind: string; seat: string | null; who: string; payload: unknown }[];
  history: HistoryPoint[];
  reports: TurnReport[];
}

/** Rounds to 4 significant digits (exact integers stay as they are). */
export const round4 = (x: number): number => (Number.isInteger(x) || !Number.isFinite(x) ? x : Number(x.toPrecision(4)));

const roundAll = (rec: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, round4(v)]));

/** Changes smaller than this (after rounding) are left out of a report's explanations. */
const VISIBLE = 1e-3;

function slimExplanation(x: Explanation): Explanation | null {
  const before = round4(x.before);
  const after = round4(x.after);
  if (Math.abs(after - before) < VISIBLE * Math.max(1, Math.abs(before))) return null;
  const causes = x.causes.filter((c) => Math.abs(c.delta) >= VISIBLE * Math.max(1, Math.abs(before))).map((c) => ({ ...c, delta: round4(c.delta) }));
  return { subject: x.subject, before, after, causes };
}

/** A report with its explanations trimmed to what a reader could see move. */
export function slimReport(r: TurnReport): TurnReport {
  return { ...r, explanations: r.explanations.map(slimExplanation).filter((x): x is Explanation => x !== null) };
}

function slimPoint(p: HistoryPoint): HistoryPoint {
  const out: HistoryPoint = {
    turn: p.turn,
    actors: Object.fromEntries(Object.entries(p.actors).map(([a, v]) => [a, roundAll(v)])),
    world: roundAll(p.world),
    scores: roundAll(p.scores),
  };
  if (p.publicScores) out.publicScores = roundAll(p.publicScores);
  return out;
}

/** A logged action's payload without the bot's reasons (its decisions are kept for replays). */
function slimPayload(kind: string, payload: unknown): unknown {
  if (kind !== "bot-play" || !payload || typeof payload !== "object") return payload;
  const plan = (payload as { plan?: { answers?: { reason?: string }[] } }).plan;
  if (!plan?.answers) return payload;
  return { ...payload, plan: { ...plan, answers: plan.answers.map(({ reason: _r, ...a }) => a) } };
}

/** Everything that happened in a game, as plain JSON. */
export async function buildDebrief(store: GameStore, record: GameRecord, state: GameState, log: { reports: TurnReport[]; history: HistoryPoint[] }): Promise<Debrief> {
  const { joinCode: _code, ...game } = record;
  return {
    game,
    exportedTurn: state.turn,
    actions: (await store.actions(record.id)).map((a) => ({ ...a, at: new Date(a.at).toISOString(), payload: slimPayload(a.kind, a.payload) })),
    history: log.history.map(slimPoint),
    reports: log.reports.map(slimReport),
  };
}
