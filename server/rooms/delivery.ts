// What the room sends, shaped per message: error replies for bad payloads, compact reports and
// history points that refer to the state instead of repeating it.
import type { GameView, HistoryPoint, TurnReport } from "../../shared/engine/index.ts";
import { ClientMessage, type ErrorReply, type HistoryRef } from "../../shared/protocol.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { packReport, type PackedReport } from "../../shared/report-codec.ts";
import { sameJson } from "../../shared/view-codec.ts";

const KNOWN_TYPES = new Set<string>(ClientMessage.options.map((o) => o.shape.type.value));

/** The error for a payload that is not a valid ClientMessage. */
export function invalidMessage(payload: unknown, issues: string): ErrorReply {
  const type = typeof payload === "object" && payload !== null ? (payload as { type?: unknown }).type : undefined;
  if (typeof type === "string" && !KNOWN_TYPES.has(type))
    return { code: "message/unknown_type", message: `Unknown message type "${type.slice(0, 40)}".`, request: "act" };
  return { code: "message/invalid", message: `Malformed message: ${issues}`.slice(0, 300), request: typeof type === "string" ? type : "act" };
}

/** A reference instead of the point when its numbers are exactly the state's (checked here). */
export function historyPointFor(v: GameView, last: HistoryPoint): HistoryPoint | HistoryRef {
  if (!sameJson(last.actors, v.actors) || !sameJson(last.world, v.world)) return last;
  return { turn: last.turn, sameAsState: true, scores: last.scores, ...(last.publicScores ? { publicScores: last.publicScores } : {}) };
}

/**
 * Strips explanations and the headlines and texts the client rebuilds from the scenario: reports
 * are pushed small, explanations are fetched on demand.
 */
export const compact = (scenario: Scenario, r: TurnReport): PackedReport =>
  packReport(scenario, { turn: r.turn, date: r.date, entries: r.entries, explanations: [] });

/** True when a report has an entry or a "why" cause from one of these covert actions. */
export const mentionsAny = (r: TurnReport, covertIds: ReadonlySet<string>): boolean =>
  r.entries.some((e) => e.covertId !== undefined && covertIds.has(e.covertId)) ||
  r.explanations.some((x) => x.causes.some((c) => c.covertId !== undefined && covertIds.has(c.covertId)));
