// Words the console, the log and the debrief share for a facilitator's action, so the button, its
// confirmation and the report of what was done name the same turn the same way.

/** A rollback from the start of turn `to + 1` undoes turn `to`'s resolution: the game is at the start of turn `to` again. */
export const ROLLBACK_WORDS = {
  button: (to: number): string => `Roll back to turn ${to}`,
  confirm: (to: number, date: string): string =>
    `Roll back to turn ${to} (${date})? Turn ${to}'s resolution is undone for everyone: its news disappears, its orders come back unlocked, and the game waits paused.`,
  done: (to: number, date: string): string => `Rolled back to turn ${to} (${date}): turn ${to}'s resolution undone`,
};
