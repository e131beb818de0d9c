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

  it("shows a kind it does not know with its fields and its reason", () => {
    const [override, rollback] = controlLog(sc, [
      action("facilitate", { action: "override", subject: "world.tension", value: 75, reason: "Agreed in class" }),
      action("rollback", { toTurn: 3, reason: "A student locked in by mistake" }),
    ]);
    expect(override).toMatchObject({ what: "Override (subject: world.tension, value: 75)", reason: "Agreed in class" });
    expect(rollback).toMatchObject({ kind: "rollback", reason: "A student locked in by mistake" });
    expect(rollback!.what).toContain("3");
  });
});
