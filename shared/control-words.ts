// Words the console, the log and the debrief share for a facilitator's action, so the button, its
// confirmation and the report of what was done name the same turn the same way.

/** A rollback from the start of turn `to + 1` undoes turn `to`'s resolution: the game is at the start of turn `to` again. */
export const ROLLBACK_WORDS = {
  button: (to: number): string => `Roll back to turn ${to}`,
  confirm: (to: number, date: string): string =>
    `Roll back to turn ${to} (${date})? Turn ${to}'s resolution is undone for everyone: its news disappears, its orders come back unlocked, and the game waits paused.`,
  done: (to: number, date: string): string => `Rolled back to turn ${to} (${date}): turn ${to}'s resolution undone`,
};

const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The facilitator's confirmation of an inject: "reached 12 players and 1 projector" (the facilitator's own screens are not counted). */
export function injectReached(d: { headline: string; players: number; projectors: number; observers: number }): string {
  const parts = [count(d.players, "player", "players"), ...(d.projectors ? [count(d.projectors, "projector", "projectors")] : []), ...(d.observers ? [count(d.observers, "observer", "observers")] : [])];
  const whom = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0];
  return `✔ Inject sent: “${d.headline}” reached ${whom}.`;
}
