// Before it listens, the server plays bot games through the views, the room-state mirror and the
// encoder (server/warm-up.ts), so its first real turns run optimised code. A warm-up that threw
// would only cost speed (server/main.ts catches it and says so); this checks that it plays whole
// games of every shipped scenario: a refresh for every seat's orders and every resolution.
import { describe, expect, it } from "vitest";
import { playGame } from "../../shared/engine/index.ts";
import { loadScenarios } from "../../server/scenarios.ts";
import { warmUp } from "../../server/warm-up.ts";

describe("warm-up", () => {
  // The catalogue knows each scenario by id and by file name: one case per scenario.
  const scenarios = new Map([...loadScenarios().values()].map((r) => [r.scenario.id, r]));
  it.each([...scenarios.keys()])("plays whole bot games of %s through the room's code", (name) => {
    const rules = scenarios.get(name)!;
    let turns = 0;
    playGame(rules, "warm-up 0", { onTurn: () => void turns++ });
    const { refreshes } = warmUp(rules, 1);
    expect(turns).toBeGreaterThan(1);
    // The resolution of every turn, and each seat's orders as they arrive in the later ones.
    expect(refreshes).toBeGreaterThan(turns * 2);
  });
});
