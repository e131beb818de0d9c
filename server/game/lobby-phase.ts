// The waiting room before Start: a new game's first clock settings, what may happen while people
// gather (join seats and teams, read briefings, talk), and when it starts. In the lobby the game's
// `deadline` is the scheduled start (if any), not a turn's deadline; no clock runs, no bot plays.
import type { ActorId } from "../../shared/engine/index.ts";
import type { StartMode } from "../../shared/protocol.ts";
import type { GameRecord, GameUpdate } from "../store/game-store.ts";

const minutes = (m: number) => m * 60_000;

/** The status and deadline a new game is stored with. */
export function initialClock(start: StartMode, turnMinutes: number, now: number): Pick<GameRecord, "status" | "deadline"> {
  if (start === "now") return { status: "playing", deadline: turnMinutes > 0 ? now + minutes(turnMinutes) : null };
  return { status: "lobby", deadline: null };
}

export const inLobby = (record: Pick<GameRecord, "status">): boolean => record.status === "lobby";

/** What the record becomes at Start: playing, with the first turn's full clock (or paused if paused before). */
export function startUpdate(record: GameRecord, now: number): GameUpdate {
  const turnMs = record.options.turnMinutes > 0 ? minutes(record.options.turnMinutes) : null;
  return { status: "playing", paused: false, deadline: turnMs === null ? null : now + turnMs, remainingMs: null };
}

/** True when every seat has at least one person (a "start when every seat is taken" game may start). */
export function everySeatTaken(seats: readonly ActorId[], claimed: ReadonlySet<ActorId>): boolean {
  return seats.length > 0 && seats.every((s) => claimed.has(s));
}

/** Whether a game of this record starts by itself now that `claimed` seats have people (seats kept for a bot wait for nobody). */
export function startsWhenFull(record: GameRecord, seats: readonly ActorId[], claimed: ReadonlySet<ActorId>): boolean {
  return inLobby(record) && (record.options.start ?? "now") === "full" && everySeatTaken(seats.filter((s) => !record.kept.includes(s)), claimed);
}

/** Messages a seat may send in the waiting room: only talk (orders wait for Start). */
export const LOBBY_ALLOWED = new Set(["chat"]);

/** The error for a seat action before Start. */
export const NOT_STARTED = {
  code: "game/not_started",
  message: "The game has not started yet: read your briefing and talk to your team; orders open when the facilitator presses Start.",
} as const;
