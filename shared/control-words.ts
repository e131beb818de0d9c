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

/**
 * A seat kept for a bot: what the seat card, the create form, the console, the server's refusals
 * and the control log say, so a student, the facilitator and the log name it the same way.
 */
export const KEPT_WORDS = {
  /** The closed seat card's (disabled) button and the console's state: short. */
  closed: "Played by a bot",
  /** Why the card is closed, in the card under its name (and read with the button). */
  why: "The facilitator keeps this country for a bot in this game, so nobody can take it. Choose another one, or ask the facilitator to open it for you.",
  /** The server's refusal of a claim of a kept seat. */
  refusal: (name: string): string => `${name} is played by a bot in this game: the facilitator kept the seat for one. Choose another country, or ask the facilitator to open it for you.`,
  /** The create form's and the console's section. */
  legend: "Seats kept for a bot",
  hint: "Nobody can take a kept seat: a bot plays it from the start, whatever happens to other empty seats. Release it from the console later if a student should play it after all.",
  /** The console's state of a seat that is not kept. */
  open: "Open: a student may take it",
  heldBy: (people: readonly string[]): string => `${people.join(", ")} ${people.length === 1 ? "is" : "are"} on it: move or remove ${people.length === 1 ? "them" : "them all"} under People to keep it`,
  keep: "Keep for a bot",
  release: "Release",
  keepLabel: (name: string): string => `Keep ${name} for a bot`,
  releaseLabel: (name: string): string => `Release ${name} so a person can take it`,
  /** A seat that has people cannot be kept: the console's reason beside the disabled button, and the server's refusal. */
  hasPeople: (name: string, people: readonly string[]): string =>
    `${name} has ${people.length === 1 ? "a person" : `${people.length} people`} on its team (${people.join(", ")}): move or remove ${people.length === 1 ? "them" : "them all"} under People first, then keep it for a bot.`,
  /** The facilitator tried to take the bot off, or to seat a person on, a kept seat. */
  releaseFirst: (name: string): string => `${name} is kept for a bot: release it first (Seats kept for a bot).`,
  /** The control log and the debrief. */
  logged: (on: boolean, name: string): string => (on ? `Kept ${name} for a bot` : `Released ${name} for a person to take`),
};
