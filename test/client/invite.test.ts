// The words of inviting, leaving, starting and coming back (client/src/ui/invite.ts,
// waiting-room.ts, team-join.ts): what each screen says must be what the server does.
import { describe, expect, it } from "vitest";
import type { GameSnapshot, SeatInfo } from "../../shared/protocol.ts";
import { awayNotice, inviteCode, inviteLink, leaveConfirmText, seatOffline, teamCodeMistake } from "../../client/src/ui/invite.ts";
import { startLine, startNowLabel } from "../../client/src/ui/waiting-room.ts";
import { askedText } from "../../client/src/ui/team-join.ts";

const seat = (id: string, players: { name: string; connected: boolean }[], bot = false): SeatInfo => ({ id, name: id, players, bot, locked: false });
const six = (filled: number): SeatInfo[] => ["CHN", "USA", "RUS", "JPN", "KOR", "PRK"].map((id, i) => seat(id, i < filled ? [{ name: `P${i}`, connected: true }] : []));

describe("invite links and codes", () => {
  it("reads ?join= and #join=, and builds the link", () => {
    expect(inviteCode({ search: "?join=K7QX2MPA9R", hash: "" })).toBe("K7QX2MPA9R");
    expect(inviteCode({ search: "", hash: "#join=K7QX2MPA9R" })).toBe("K7QX2MPA9R");
    expect(inviteCode({ search: "?projector=ABC", hash: "" })).toBeNull();
    expect(inviteLink("K7QX2MPA9R", "http://host:2567")).toBe("http://host:2567/?join=K7QX2MPA9R");
  });
  it("tells a team code (12 characters) from a join code (10) without asking the server", () => {
    expect(teamCodeMistake("ABCD-EFGH-JKMN")).toMatch(/^That looks like a team code: ABCDEFGHJKMN\./);
    expect(teamCodeMistake("K7QX2-MPA9R")).toBeNull();
    expect(teamCodeMistake("abcdefghjk")).toBeNull();
  });
});

describe("seats and leaving", () => {
  it("marks a seat offline when everyone on it dropped, never a bot's or an empty one", () => {
    expect(seatOffline(seat("CHN", [{ name: "Ana", connected: false }]))).toBe(true);
    expect(seatOffline(seat("CHN", [{ name: "Ana", connected: false }, { name: "Bo", connected: true }]))).toBe(false);
    expect(seatOffline(seat("CHN", []))).toBe(false);
    expect(seatOffline(seat("CHN", [{ name: "Ana", connected: false }], true))).toBe(false);
  });
  it("says what Leave does: the team plays on, or the seat is free", () => {
    const alone = { role: "player" as const, seat: "CHN", seats: [seat("CHN", [{ name: "Ben", connected: true }])] };
    expect(leaveConfirmText(alone, "China")).toContain("China is free for anyone to take");
    const two = { ...alone, seats: [seat("CHN", [{ name: "Ben", connected: true }, { name: "Ana", connected: true }])] };
    expect(leaveConfirmText(two, "China")).toContain("your teammate plays on without you");
  });
  it("says who a request to join reached", () => {
    expect(askedText("China", "team")).toContain("Waiting for China's team");
    expect(askedText("China", "facilitator")).toContain("the facilitator was asked instead");
    expect(askedText("China", "nobody")).toContain("nobody can answer now");
  });
  it("tells a returning player which turns resolved without them", () => {
    expect(awayNotice(3, 3)).toBeNull();
    expect(awayNotice(3, 4)).toContain("turn 3 resolved without you");
    expect(awayNotice(3, 6)).toContain("turns 3–5 resolved");
  });
});

describe("the waiting room says what starts the game and who can", () => {
  const clock = { deadline: null, paused: false, remainingMs: null, turnMinutes: 0 };
  it("a game among friends: every seat, or the creator by name", () => {
    const snap: Pick<GameSnapshot, "clock" | "seats" | "startMode" | "facilitator"> = { clock, seats: six(3), startMode: "full", facilitator: "Ana" };
    expect(startLine(snap)).toBe("Starts when all 6 seats have people (3 of 6 now) or when Ana starts it.");
    expect(startLine(snap, true)).toBe("Starts when all 6 seats have people (3 of 6 now) or when you start it.");
    expect(startLine({ ...snap, startMode: "facilitator" })).toBe("Starts when Ana (who made the game) starts it.");
  });
  it("the creator's button says who plays the empty seats", () => {
    expect(startNowLabel({ seats: six(3), missingSeats: "bot" })).toBe("Start now with bots on the 3 empty seats");
    expect(startNowLabel({ seats: six(5), missingSeats: "hold" })).toBe("Start now (the 1 empty seat does nothing)");
    expect(startNowLabel({ seats: six(6), missingSeats: "bot" })).toBe("Start the game now");
  });
});
