// Pure lookups over the scenario and a view that several panels, the map and the news share.
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { ActorId, GameView, Relation } from "../../shared/engine/index.ts";
import type { GameStatus } from "../../shared/protocol.ts";
import { fullName } from "../../shared/engine/index.ts";

// Names and labels come from the shared text module, the one voice of the game.
export { indicatorLabel, subjectLabel } from "../../shared/engine/index.ts";

/** The display name of an actor ("North Korea"; "Control" for the facilitator). */
export function actorName(scenario: Scenario, id: string | undefined): string {
  return fullName(scenario, id);
}

/** Playable seat ids in scenario order. */
export function playableSeats(scenario: Scenario): ActorId[] {
  return Object.entries(scenario.actors)
    .filter(([, a]) => a.playable)
    .map(([id]) => id);
}

/** Looks a pair-keyed record up whichever way round the engine stored the pair. */
export function pairValue<T>(record: Record<string, T>, a: string, b: string): T | undefined {
  return record[`${a}:${b}`] ?? record[`${b}:${a}`];
}

/** Splits a pair key "A:B" into its two ids. */
export function splitPair(key: string): [string, string] | null {
  const parts = key.split(":");
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : null;
}

/** Base plus opinion modifiers, clamped to -100..100 (0 when the pair has no relation). */
export function relationTotal(rel: Relation | undefined): number {
  if (!rel) return 0;
  const sum = rel.base + rel.modifiers.reduce((s, m) => s + m.value, 0);
  return Math.max(-100, Math.min(100, sum));
}

/** Relation between two actors in a view. */
export function relationBetween(view: Pick<GameView, "relations">, a: string, b: string): number {
  return relationTotal(pairValue(view.relations, a, b));
}

/** A number as the panels show it: at most one decimal, thousands separated, a real minus sign. */
export function fmt(n: number): string {
  // Small non-zero numbers (trade of US$0.04 bn) keep two significant digits rather than showing 0.
  const text =
    n !== 0 && Math.abs(n) < 1
      ? Number(n.toPrecision(2)).toLocaleString("en-US", { maximumSignificantDigits: 2 })
      : (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10).toLocaleString("en-US");
  // "−93", as in "a scale of −100 to 100" beside it, not a hyphen.
  return text.replace(/^-/, "\u2212");
}

/**
 * A formatted number with its indicator's unit, as a sentence reads it: "US$27,419 bn",
 * "3.1% a year", "52 thousand"; a unit that is a definition rather than a unit is left out.
 */
export function withUnit(number: string, unit: string | undefined): string {
  if (!unit || unit.length > 12) return number;
  if (unit.startsWith("US$")) return `US$${number}${unit.slice(3)}`;
  if (unit.startsWith("%")) return `${number}${unit}`;
  return `${number} ${unit === "thousands" ? "thousand" : unit}`;
}

/** A signed delta, "+3.2" / "−1" (a real minus sign for legibility). */
export function fmtDelta(n: number): string {
  const s = fmt(Math.abs(n));
  return n > 0 ? `+${s}` : n < 0 ? `\u2212${s}` : "±0";
}

/** The subject's owner actor for "<actor>.<indicator>" subjects, else null. */
export function subjectActor(subject: string): { actor: string; indicator: string } | null {
  const dot = subject.indexOf(".");
  if (dot <= 0 || subject.includes(":")) return null;
  const actor = subject.slice(0, dot);
  if (actor === "world") return null;
  return { actor, indicator: subject.slice(dot + 1) };
}

/** A game's status in words a player understands. */
export function statusText(status: GameStatus): string {
  switch (status) {
    case "lobby":
      return "waiting room";
    case "playing":
      return "in progress";
    case "paused":
      return "paused by the facilitator";
    case "suspended":
      return "stopped by a rule error";
    case "over":
      return "finished";
  }
}

/** "Ana, Bo and Chen": names joined for a sentence ("" for none). */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}
