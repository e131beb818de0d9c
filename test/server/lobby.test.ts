// The lobby over HTTP: health, creating games, the list of open games, private games by code.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { LobbyGame } from "../../shared/protocol.ts";
import { createGame, startServer, type TestServer } from "./helpers.ts";
import { httpFrom } from "./net.ts";

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

  it("describes a game with its scenario (cached, with an ETag), or without it for joining", async () => {
    const g = await createGame(s.url, { name: "Storm table", listed: true });
    const full = await fetch(`${s.url}/api/games/${g.gameId}`);
    const body = (await full.json()) as { gameId: string; freeSeats: string[]; scenario: { id: string; actors: Record<string, unknown> } };
    expect(body).toMatchObject({ gameId: g.gameId, freeSeats: ["CHN", "RUS", "PRK", "USA", "KOR", "JPN"] });
    expect(body.scenario.id).toBe("pyongyang_2024");
    expect(Object.keys(body.scenario.actors)).toContain("CHN");
    // A browser asking again is told nothing changed (raw HTTP: fetch() adds no-cache to a
    // conditional request).
    const etag = full.headers.get("etag")!;
    expect((await httpFrom("127.0.0.1", s.port, "GET", `/api/games/${g.gameId}`, undefined, { "if-none-match": etag })).status).toBe(304);
    // A seat taken changes the description, so its ETag too.
    const p = await s.lobby.join(g.gameId, { seat: "CHN", name: "Li" });
    const after = await httpFrom("127.0.0.1", s.port, "GET", `/api/games/${g.gameId}`, undefined, { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect((JSON.parse(after.text) as { takenSeats: string[] }).takenSeats).toEqual(["CHN"]);
    // Joining looks the game up without the ~80 KB scenario: the room sends it.
    const lean = await fetch(`${s.url}/api/games/${g.gameId}?scenario=0`);
    const leanBody = (await lean.json()) as Record<string, unknown>;
    expect(leanBody).toMatchObject({ gameId: g.gameId, takenSeats: ["CHN"] });
    expect(leanBody).not.toHaveProperty("scenario");
    expect(p.scenario.id).toBe("pyongyang_2024");
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
