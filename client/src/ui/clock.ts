// Clock text for the top bar: a countdown to the deadline, "paused", or "no clock".
import type { ClockInfo } from "../../../shared/protocol.ts";

/** "12:05 left", "Paused (4:00 left)", "No clock", "Time is up". Pure: `now` is passed in. */
export function clockText(clock: ClockInfo, now: number): string {
  if (clock.paused) return clock.remainingMs !== null ? `Paused (${mmss(clock.remainingMs)} left)` : "Paused";
  if (clock.deadline === null) return clock.turnMinutes > 0 ? "Clock not started" : "No clock";
  const left = clock.deadline - now;
  return left <= 0 ? "Time is up — resolving" : `${mmss(left)} left`;
}

/** True in the last minute, for a stronger visual and a screen-reader announcement. */
export function clockUrgent(clock: ClockInfo, now: number): boolean {
  return !clock.paused && clock.deadline !== null && clock.deadline - now < 60_000;
}

function mmss(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, "0") : String(m);
  return `${h > 0 ? `${h}:` : ""}${mm}:${String(s).padStart(2, "0")}`;
}

/** The waiting room's clock: "Waiting to start", or the countdown to a scheduled start. */
export function lobbyClockText(startsAt: number | null, now: number): string {
  if (startsAt === null) return "Waiting to start";
  const left = startsAt - now;
  return left <= 0 ? "Starting…" : `Starts in ${mmss(left)}`;
}
