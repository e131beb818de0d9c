// A player is told when this month is the last: the scheduled last turn, or one the facilitator
// ended the game after ("End the game after this turn"), read from the engine's own state.
import { describe, expect, it } from "vitest";
import { endAfter, viewFor } from "../../shared/engine/api.ts";
import { lastTurnNotice } from "../../client/src/ui/game-screen.ts";
import { freshGame } from "./fixtures.ts";

const LAST = "Last month: the game ends after this turn.";

describe("the last-month notice", () => {
  it("appears once the facilitator ends the game after this turn, for every player", () => {
    const { rules, scenario, state } = freshGame();
    const turns = scenario.turns.count;
    expect(lastTurnNotice(viewFor(rules, state, "CHN"), turns, "playing")).toBeNull();
    const ended = endAfter(rules, state, state.turn);
    if (!ended.ok) throw new Error(ended.error.message);
    expect(lastTurnNotice(viewFor(rules, ended.value, "CHN"), turns, "playing")).toBe(LAST);
    expect(lastTurnNotice(viewFor(rules, ended.value, "USA"), turns, "playing")).toBe(LAST);
  });

  it("appears on the scheduled last turn, and not in the waiting room or after the end", () => {
    const { scenario } = freshGame();
    const turns = scenario.turns.count;
    expect(lastTurnNotice({ turn: turns, phase: "orders" }, turns, "playing")).toBe(LAST);
    expect(lastTurnNotice({ turn: turns - 1, phase: "orders" }, turns, "playing")).toBeNull();
    expect(lastTurnNotice({ turn: turns, phase: "over" }, turns, "over")).toBeNull();
    expect(lastTurnNotice({ turn: 1, phase: "orders", lastTurn: 1 }, turns, "lobby")).toBeNull();
  });
});
