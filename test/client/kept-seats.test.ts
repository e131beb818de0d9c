// A seat kept for a bot, as the pages show it: the seat card is closed (no Play button; a button
// disabled for keyboards and screen readers too, described by the reason), the console offers
// Keep or Release (or says why a seat with people cannot be kept), and the waiting room counts
// only the seats people may take.
import { describe, expect, it } from "vitest";
import type { SeatInfo } from "../../shared/protocol.ts";
import { KEPT_WORDS } from "../../shared/control-words.ts";
import { keptSeatCard, seatCardKind } from "../../client/src/ui/start-screen.ts";
import { keptRow } from "../../client/src/ui/control-cell.ts";
import { keptLine, rosterCount, startNowLabel } from "../../client/src/ui/waiting-room.ts";

const seat = (id: string, name: string, people: string[] = [], kept = false): SeatInfo => ({
  id,
  name,
  bot: kept,
  locked: false,
  players: people.map((p, i) => ({ name: p, connected: true, id: i + 1 })),
  ...(kept ? { kept: true } : {}),
});

describe("the seat card of a seat kept for a bot", () => {
  const seats = { free: ["RUS"], taken: ["CHN", "USA"], kept: ["PRK"], mine: "USA" };
  it("is closed, whatever else the lists say; the other cards are as before", () => {
    expect(seatCardKind("PRK", seats)).toBe("kept");
    // Even a list that also calls it free (an older description) does not reopen it.
    expect(seatCardKind("PRK", { ...seats, free: ["RUS", "PRK"] })).toBe("kept");
    expect(seatCardKind("RUS", seats)).toBe("free");
    expect(seatCardKind("JPN", seats)).toBe("free");
    expect(seatCardKind("CHN", seats)).toBe("team");
    expect(seatCardKind("USA", seats)).toBe("mine");
  });

  it("says who plays it and why, to the eye, the keyboard and a screen reader alike", () => {
    const card = keptSeatCard("PRK", "North Korea");
    expect(card.label).toBe("Played by a bot");
    expect(card.label).not.toMatch(/^Play /);
    // Disabled, but reachable with Tab (aria-disabled, not the disabled attribute), and described by the reason.
    expect(card.attrs["aria-disabled"]).toBe("true");
    expect(card.attrs).not.toHaveProperty("disabled");
    expect(card.attrs["aria-describedby"]).toBe("kept-why-PRK");
    expect(card.attrs["data-kept"]).toBe("PRK");
    // Read out with the seat's name: "North Korea: Played by a bot".
    expect(`${card.hiddenPrefix}${card.label}`).toBe("North Korea: Played by a bot");
    expect(card.reason).toBe(KEPT_WORDS.why);
    expect(card.reason).toMatch(/facilitator keeps this country for a bot/);
    expect(card.reason).toMatch(/Choose another one, or ask the facilitator/);
  });

  it("the server's refusal names the seat in the same words", () => {
    expect(KEPT_WORDS.refusal("North Korea")).toMatch(/^North Korea is played by a bot in this game: the facilitator kept the seat for one\./);
  });
});

describe("the console's seats kept for a bot", () => {
  it("keeps an empty seat, releases a kept one, and says why a seat with people cannot be kept", () => {
    expect(keptRow(seat("PRK", "North Korea", [], true))).toEqual({ state: "Played by a bot", button: "Release", label: "Release North Korea so a person can take it", action: { seat: "PRK", on: false } });
    expect(keptRow(seat("JPN", "Japan"))).toEqual({ state: KEPT_WORDS.open, button: "Keep for a bot", label: "Keep Japan for a bot", action: { seat: "JPN", on: true } });
    const held = keptRow(seat("CHN", "China", ["Ana", "Bo"]));
    expect(held.action).toBeNull();
    expect(held.state).toBe("Ana, Bo are on it: move or remove them all under People to keep it");
    expect(keptRow(seat("RUS", "Russia", ["Boris"])).state).toBe("Boris is on it: move or remove them under People to keep it");
  });
});

describe("the waiting room with a seat kept for a bot", () => {
  const seats = [seat("CHN", "China", ["Ana"]), seat("RUS", "Russia", ["Boris"]), seat("PRK", "North Korea", [], true), seat("USA", "United States"), seat("KOR", "South Korea"), seat("JPN", "Japan")];
  it("counts only the seats people may take, and says which a bot plays", () => {
    expect(rosterCount({ seats })).toEqual({ filled: 2, total: 5, people: 2 });
    expect(keptLine({ seats })).toBe(" North Korea is played by a bot.");
    expect(keptLine({ seats: seats.filter((x) => !x.kept) })).toBe("");
  });
  it("the start button says a bot plays the kept seat under either policy", () => {
    expect(startNowLabel({ seats, missingSeats: "bot" })).toBe("Start now with bots on the 4 empty seats");
    expect(startNowLabel({ seats, missingSeats: "hold" })).toBe("Start now (a bot plays North Korea; the 3 empty seats do nothing)");
    const full = seats.map((x) => (x.kept ? x : { ...x, players: [{ name: "P", connected: true }] }));
    expect(startNowLabel({ seats: full, missingSeats: "hold" })).toBe("Start now: a bot plays North Korea");
  });
});
