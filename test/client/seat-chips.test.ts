// The top bar's seat chips: a visible mark and words for still ordering and locked in, and once
// the game is over each seat's final place instead of a lock-in state that no longer means anything.
import { describe, expect, it } from "vitest";
import { seatChipState } from "../../client/src/ui/top-bar.ts";

const playing = { over: false, lobby: false };

describe("seat chips", () => {
  it("mark a seat still ordering with a pencil and say so, and a locked seat with a tick", () => {
    expect(seatChipState(false, playing)).toEqual({ mark: "✎ ", said: "still ordering" });
    expect(seatChipState(true, playing)).toEqual({ mark: "✔ ", said: "locked in" });
  });

  it("show the final place after Game over, whether or not the seat had locked in", () => {
    expect(seatChipState(false, { over: true, lobby: false }, { rank: 2, of: 6 })).toEqual({ mark: "2nd ", said: "finished 2nd of 6" });
    expect(seatChipState(true, { over: true, lobby: false }, { rank: 1, of: 6 }).said).toBe("finished 1st of 6");
    expect(seatChipState(true, { over: true, lobby: false }, { rank: 3, of: 6 }).mark).toBe("3rd ");
    expect(seatChipState(false, { over: true, lobby: false }, { rank: 11, of: 12 }).mark).toBe("11th ");
  });

  it("say nothing about orders in the waiting room, where nobody orders yet", () => {
    expect(seatChipState(false, { over: false, lobby: true })).toEqual({ mark: "", said: "waiting for the start" });
  });
});
