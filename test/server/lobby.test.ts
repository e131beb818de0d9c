// The lobby over HTTP: health, creating games, the list of open games, private games by code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { LobbyGame } from "../../shared/protocol.ts";
import { createGame, startServer, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

describe("lobby", () => {
  it("answers /health and lists the scenarios", async () => {
    // Every file in scenarios/ is listed (adding a scenario must not need a change here).
    expect(await (await fetch(`${s.url}/health`)).json()).toMatchObject({ ok: true, scenarios: expect.arrayContaining(["pyongyang_2024", "red_sea_2024"]) });
    const scenarios = (await (await fetch(`${s.url}/api/scenarios`)).json()) as { id: string; turns: number }[];
    expect(scenarios).toEqual(expect.arrayContaining([expect.objectContaining({ id: "pyongyang_2024", turns: 12 }), expect.objectContaining({ id: "red_sea_2024", turns: 12 })]));
  });

  it("lists listed games with free seats; a private game is reachable only by its code", async () => {
    const listed = await createGame(s.url, { name: "Open table", listed: true });
    const hidden = await createGame(s.url, { name: "Class 3B", listed: false });
    const list = (await (await fetch(`${s.url}/api/games`)).json()) as LobbyGame[];
    const mine = list.find((g) => g.gameId === listed.gameId)!;
    expect(mine).toMatchObject({ name: "Open table", turn: 1, turns: 12, status: "playing", players: 0 });
    expect(mine.freeSeats).toEqual(["CHN", "RUS", "PRK", "USA", "KOR", "JPN"]);
    expect(list.some((g) => g.gameId === hidden.gameId)).toBe(false);

    // Codes use letters and digits nobody confuses, ten of them (guessing is hopeless); typed in
    // lower case with a dash they still work.
    expect(hidden.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{10}$/);
    const typed = `${hidden.joinCode.slice(0, 5)}-${hidden.joinCode.slice(5)}`.toLowerCase();
    const d = await s.lobby.describe(typed);
    expect(d.gameId).toBe(hidden.gameId);
    expect(d.freeSeats).toHaveLength(6);
    // The scenario shown before joining has no secret objectives.
    expect(Object.values(d.scenario.objectives).flat().some((o) => o.secret)).toBe(false);

    // Claiming a seat takes it off the free list.
    const p = await s.lobby.join(listed.joinCode, { seat: "USA", name: "Dana" });
    const after = ((await (await fetch(`${s.url}/api/games`)).json()) as LobbyGame[]).find((g) => g.gameId === listed.gameId)!;
    expect(after.freeSeats).not.toContain("USA");
    expect(after.players).toBe(1);
    // The list says when the game last saw activity, so the lobby can mark abandoned games.
    expect(after.lastActivity).toBeGreaterThan(Date.now() - 60_000);
    await p.leave();
  });

  it("refuses bad options and unknown games with a code", async () => {
    const bad = await fetch(`${s.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ turnMinutes: -5 }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "create/bad_options" });
    const unknown = await fetch(`${s.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenario: "atlantis" }) });
    expect(await unknown.json()).toMatchObject({ code: "create/unknown_scenario" });
    const missing = await fetch(`${s.url}/api/games/NOPE99`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "game/not_found" });
    // Rooms are created by the server only, never through the matchmaker.
    const direct = await fetch(`${s.url}/matchmake/create/game`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ gameId: "x" }) });
    expect(direct.ok).toBe(false);
  });
});
