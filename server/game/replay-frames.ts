// One step of a replay of a stored game, filtered for its viewer by the engine: the view after
// the turn (viewFor), the orders given during it (viewFor on the state just before it resolved),
// its report (reportFor) and history point (historyFor). A seat sees only its own secrets, the
// public sees none, the facilitator (or anyone once the game is over) may pick any viewer.
import type { ReplayFrame, ReplayViewer } from "../../shared/debrief-wire.ts";
import type { Dossier } from "./dossier.ts";
import type { EnginePort } from "./engine-port.ts";

/** Who may look at the replay, and as whom. */
export interface ReplayAccess {
  role: "player" | "observer" | "facilitator" | "anyone";
  seat: string | null;
}

/** The viewers this person may pick: every one when allowed to see everything, else their own. */
export function replayViewers(engine: EnginePort, d: Dossier, who: ReplayAccess): ReplayViewer[] {
  const seats = engine.seatsOf(d.rules);
  if (who.role === "facilitator" || d.over) return ["facilitator", "observer", ...seats];
  if (who.role === "player" && who.seat) return [who.seat];
  return ["observer"];
}

/**
 * The frame after `turn` resolved (0 = the start) seen by `as`; an error code when the turn does
 * not exist or the viewer is not allowed.
 */
export function replayFrame(engine: EnginePort, d: Dossier, who: ReplayAccess, turn: number, as: ReplayViewer): { ok: true; value: ReplayFrame } | { ok: false; code: "replay/unknown_turn" | "replay/viewer_not_allowed" } {
  const viewers = replayViewers(engine, d, who);
  if (!viewers.includes(as)) return { ok: false, code: "replay/viewer_not_allowed" };
  // Turn numbers as played (a fork of another game starts later than turn 1).
  const firstTurn = (d.turns[0]?.turn ?? d.record.turn) - 1;
  const lastTurn = d.turns[d.turns.length - 1]?.turn ?? firstTurn;
  // 0 always means the starting position, whichever turn the game started from.
  if (turn === 0) turn = firstTurn;
  if (!Number.isInteger(turn) || turn < firstTurn || turn > lastTurn) return { ok: false, code: "replay/unknown_turn" };
  const { rules } = d;
  if (turn === firstTurn) {
    return {
      ok: true,
      value: {
        gameId: d.record.id,
        as,
        turn,
        firstTurn,
        lastTurn,
        date: rules.scenario.start,
        view: engine.viewFor(rules, d.initial, as),
        orders: {},
        report: null,
        point: engine.historyFor(d.initialPoint, as, false),
        viewers,
      },
    };
  }
  const t = d.turns.find((x) => x.turn === turn)!;
  const over = t.after.phase === "over";
  return {
    ok: true,
    value: {
      gameId: d.record.id,
      as,
      turn,
      firstTurn,
      lastTurn,
      date: t.date,
      view: engine.viewFor(rules, t.after, as),
      orders: engine.viewFor(rules, t.beforeResolution, as).orders,
      report: engine.reportFor(t.after, t.report, as),
      point: engine.historyFor(t.point, as, over),
      viewers,
    },
  };
}
