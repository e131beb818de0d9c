// The facilitator's actions in words for the debrief: every command with who and when, and any
// kind the log gains later (an override, a rollback) shown with its fields and its reason.
import { describe, expect, it } from "vitest";
import { controlLog } from "../../server/game/control-log.ts";
import type { ActionRecord } from "../../server/store/game-store.ts";
import { loadScenarios } from "../../server/scenarios.ts";

const sc = loadScenarios().get("pyongyang-2024")!.scenario;
let id = 0;
const action = (kind: string, payload: unknown, seat: string | null = null, who = "Fay"): ActionRecord => ({ id: ++id, turn: 1, at: 0, kind, seat, who, payload });

describe("the control log", () => {
  it("words each facilitator command and leaves players, bots and the server out", () => {
    const log = controlLog(sc, [
      action("facilitate", { action: "pause" }),
      action("facilitate", { action: "extend", minutes: 5 }),
      action("facilitate", { action: "bot", seat: "RUS", on: true }),
      action("inject", { event: "trash_balloons" }),
      action("orders", { orders: [] }, "CHN", "Ana"),
      action("chat", { text: "hi" }, "CHN", "Ana"),
      action("bot-play", { plan: {} }, "USA", "bot"),
      action("resolved", { turn: 1 }, null, "server"),
    ]);
    expect(log.map((e) => e.what)).toEqual(["Paused the clock", "Extended the turn by 5 minutes", "Put a bot on Russia", 'Injected the event "Trash balloons"']);
    expect(log.every((e) => e.who === "Fay")).toBe(true);
  });

  it("words the control cell's overrides, custom injects and rollbacks with their reasons; leaves undone actions out", () => {
    const log = controlLog(sc, [
      action("override", { custom: { kind: "override", id: "control-1-1", headline: "x", changes: [{ subject: "world.tension", to: 75 }], reason: "Agreed in class" }, subject: "world.tension", to: 75, reason: "Agreed in class" }),
      action("inject", { custom: { kind: "inject", id: "control-1-2", headline: "Cyber attack on Seoul's banks", changes: [{ subject: "KOR.stability", by: -5 }] } }),
      action("rollback", { from: 3, to: 2, reason: "A student locked in by mistake" }),
      action("undone:orders", { orders: [] }, "CHN", "Ana"),
    ]);
    expect(log.map((e) => [e.kind, e.what, e.reason])).toEqual([
      ["override", "Adjudication override: Tension on the Korean peninsula: set to 75", "Agreed in class"],
      ["inject", 'Injected "Cyber attack on Seoul\'s banks" (South Korea: Domestic stability: -5)', undefined],
      // The same words as the console's button ("Roll back to turn 2"): the turn the game is back at.
      ["rollback", "Rolled back to turn 2 (July 2024): turn 2's resolution undone", "A student locked in by mistake"],
    ]);
  });

  it("words a scenario event scheduled on a seat for a later turn, and the same event when it fires, as scheduled", () => {
    const log = controlLog(sc, [
      action("facilitate", { action: "schedule-inject", what: "inject", event: "worker_dispute", seat: "CHN", turn: 3 }),
      action("inject", { event: "worker_dispute", seat: "CHN", scheduled: id }),
    ]);
    expect(log.map((e) => e.what)).toEqual(['Scheduled the event "The workers question" on China for turn 3', 'Injected the event "The workers question" on China, as scheduled']);
  });

  it("words a person removed by the facilitator, and a claim the server withdrew because its connection closed while joining", () => {
    const log = controlLog(sc, [
      action("facilitate", { action: "remove", person: 3, name: "Ana", from: "CHN" }, "CHN"),
      action("facilitate", { action: "remove", person: 4, name: "Bea", from: "RUS", reason: "left while joining" }, "RUS", "server"),
    ]);
    expect(log.map((e) => [e.who, e.what, e.reason])).toEqual([
      ["Fay", "Removed Ana from China", undefined],
      ["server", "Withdrew the claim of Bea on Russia", "left while joining"],
    ]);
  });

  it("shows a kind it does not know with its fields and its reason", () => {
    const [other, cmd] = controlLog(sc, [action("curfew", { hours: 3, reason: "Fire drill" }), action("facilitate", { action: "lottery", seats: ["CHN"], reason: "Tie-break" })]);
    expect(other).toMatchObject({ what: "Curfew (hours: 3)", reason: "Fire drill" });
    expect(cmd).toMatchObject({ what: 'Lottery (seats: ["CHN"])', reason: "Tie-break" });
  });
});
