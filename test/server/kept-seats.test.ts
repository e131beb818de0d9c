// Seats kept for a bot (seminars): the facilitator keeps a seat for a bot when creating the game
// or from the console; nobody may claim it (the claim is refused with seat/kept_for_bot and leaves
// nothing behind), a bot plays it from the first turn whatever the empty-seat policy, a seat with
// people is not kept until they are moved, a released seat can be claimed, and a restart keeps it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import { LobbyError } from "../../client/src/net/colyseus-server.ts";
import { KEPT_WORDS } from "../../shared/control-words.ts";
import { startServer, tempDir, waitFor, waitTurn, type TestServer } from "./helpers.ts";
import { join } from "node:path";
import { rmSync } from "node:fs";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

type Logged = { kind: string; seat: string | null; who: string; turn: number; payload: Record<string, unknown> };
const actions = async (f: ColyseusSession) => ((await f.exportDebrief()) as { actions: Logged[] }).actions;
const facilitate = (f: ColyseusSession, command: object) => f.request({ type: "facilitate", turn: f.snapshot().view.turn, command } as never);
const seat = (p: ColyseusSession, id: string) => p.snapshot().seats.find((x) => x.id === id)!;
/** The refusal of a join, as the client gets it: its namespaced code and message. */
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => (e instanceof LobbyError ? { code: e.code, message: e.message } : { code: "?", message: String(e) }),
  );

describe("a seat kept for a bot", () => {
  it("is closed to claims with seat/kept_for_bot, and the refused claim costs nothing", async () => {
    const facilitator = await s.lobby.createGame({ start: "facilitator", missingSeats: "hold", keptSeats: ["PRK"], creatorName: "Prof. Kim" });
    const gameId = facilitator.credential.gameId;
    // The seat cards' data: kept, neither free nor taken.
    const described = await s.lobby.describe(gameId);
    expect(described.keptSeats).toEqual(["PRK"]);
    expect(described.freeSeats).not.toContain("PRK");
    expect(described.takenSeats).not.toContain("PRK");
    expect((await s.lobby.listGames()).find((g) => g.gameId === gameId)?.freeSeats).not.toContain("PRK");
    await waitFor(() => seat(facilitator, "PRK").kept === true && seat(facilitator, "PRK").bot, "the console sees it kept");

    const refused = await refusal(s.lobby.join(gameId, { seat: "PRK", name: "Ana" }));
    expect(refused).toEqual({ code: "seat/kept_for_bot", message: `seat/kept_for_bot: ${KEPT_WORDS.refusal("North Korea")}` });
    // Nothing was stored, held or counted for it: the same student takes another seat at once.
    expect(await s.store.people(gameId)).toEqual([]);
    const ana = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    expect(ana.credential.seat).toBe("CHN");
    // Asking to join it as a team is refused too.
    const watcher = await s.lobby.join(gameId, { observer: true, name: "Late" });
    await expect(watcher.askSeat("PRK")).rejects.toMatchObject({ reason: { code: "seat/kept_for_bot" } });
    for (const p of [facilitator, ana, watcher]) await p.leave();
  });

  it("is played by a bot from the first turn under the 'hold' policy, while other empty seats hold", async () => {
    const facilitator = await s.lobby.createGame({ start: "facilitator", missingSeats: "hold", keptSeats: ["PRK"], turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    // Nothing plays in the waiting room.
    expect((await actions(facilitator)).filter((a) => a.kind === "bot-play")).toEqual([]);
    expect(await facilitate(facilitator, { action: "start" })).toEqual({ ok: true });
    await waitFor(() => facilitator.snapshot().view.locked["PRK"] === true, "North Korea's bot plays at the start");
    const played = (await actions(facilitator)).filter((a) => a.kind === "bot-play" && a.turn === 1).map((a) => a.seat);
    expect(played).toEqual(["PRK"]);
    // The other empty seats hold (the policy), and are not shown as bots.
    expect(facilitator.snapshot().seats.filter((x) => x.bot).map((x) => x.id)).toEqual(["PRK"]);
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(china, 2);
    // Every turn: turn 2 starts with North Korea's bot playing again.
    await waitFor(() => facilitator.snapshot().view.locked["PRK"] === true && facilitator.snapshot().view.turn === 2, "North Korea plays turn 2");
    const turn2 = (await actions(facilitator)).filter((a) => a.kind === "bot-play" && a.turn === 2).map((a) => a.seat);
    expect(turn2).toEqual(["PRK"]);
    for (const p of [facilitator, china]) await p.leave();
  });

  it("is kept from the console only when nobody holds it; a kept seat's bot stays on and nobody is seated on it", async () => {
    const facilitator = await s.lobby.createGame({ start: "now", missingSeats: "hold", turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const bo = await s.lobby.join(gameId, { seat: "CHN", name: "Bo", teamCode: china.teamCodes["CHN"]! });
    await waitFor(() => seat(facilitator, "CHN").players.length === 2, "China's team of two");
    // A held seat is not kept over its people's heads: the refusal says what to do first.
    expect(await facilitate(facilitator, { action: "keep", seat: "CHN", on: true })).toEqual({
      ok: false,
      error: { code: "seat/has_people", message: KEPT_WORDS.hasPeople("China", ["Ana", "Bo"]), request: "facilitate" },
    });
    expect(seat(facilitator, "CHN").kept).toBeFalsy();

    // An empty seat is kept during the game: its bot plays at once, and is logged by name.
    expect(await facilitate(facilitator, { action: "keep", seat: "JPN", on: true })).toEqual({ ok: true });
    await waitFor(() => seat(china, "JPN").kept === true && china.snapshot().view.locked["JPN"] === true, "Japan kept and played");
    expect(await facilitate(facilitator, { action: "keep", seat: "JPN", on: true })).toMatchObject({ ok: false, error: { code: "request/duplicate" } });
    // Its bot cannot be switched off, nor a person moved onto it.
    expect(await facilitate(facilitator, { action: "bot", seat: "JPN", on: false })).toMatchObject({ ok: false, error: { code: "seat/kept_for_bot", message: KEPT_WORDS.releaseFirst("Japan") } });
    const bo_ = seat(facilitator, "CHN").players.find((p) => p.name === "Bo")!;
    expect(await facilitate(facilitator, { action: "assign", person: bo_.id, seat: "JPN" })).toMatchObject({ ok: false, error: { code: "seat/kept_for_bot" } });
    expect((await s.store.getGame(gameId))?.kept).toEqual(["JPN"]);
    const log = (await actions(facilitator)).filter((a) => a.kind === "facilitate" && a.payload["action"] === "keep");
    expect(log).toMatchObject([{ who: "Facilitator", payload: { action: "keep", seat: "JPN", on: true } }]);
    for (const p of [facilitator, china, bo]) await p.leave();
  });

  it("once released, can be claimed: the late student takes it over, unlocked, with the bot's orders as a suggestion", async () => {
    const facilitator = await s.lobby.createGame({ start: "now", missingSeats: "hold", keptSeats: ["PRK", "JPN"], turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    await waitFor(() => facilitator.snapshot().view.locked["PRK"] === true, "North Korea's bot played");
    expect((await refusal(s.lobby.join(gameId, { seat: "PRK", name: "Late" })))?.code).toBe("seat/kept_for_bot");

    expect(await facilitate(facilitator, { action: "keep", seat: "PRK", on: false })).toEqual({ ok: true });
    await waitFor(() => !seat(facilitator, "PRK").kept, "released");
    expect((await s.lobby.describe(gameId)).freeSeats).toContain("PRK");
    expect((await s.store.getGame(gameId))?.kept).toEqual(["JPN"]);
    const late = await s.lobby.join(gameId, { seat: "PRK", name: "Late" });
    expect(late.credential.seat).toBe("PRK");
    const view = await waitFor(() => late.snapshot().seats.find((x) => x.id === "PRK")?.players.length === 1 && late.snapshot().view, "Late is on North Korea");
    expect(view.locked["PRK"]).toBeFalsy();
    expect(seat(late, "PRK").bot).toBe(false);
    // Japan stays kept.
    expect((await refusal(s.lobby.join(gameId, { seat: "JPN", name: "Other" })))?.code).toBe("seat/kept_for_bot");
    const log = (await actions(facilitator)).filter((a) => a.kind === "facilitate").map((a) => a.payload);
    expect(log).toContainEqual({ action: "keep", seat: "PRK", on: false });
    for (const p of [facilitator, late]) await p.leave();
  });

  it("refuses a kept seat that is not one of the scenario's when the game is created", async () => {
    const res = await fetch(`${s.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ keptSeats: ["PRK", "XYZ"] }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "create/unknown_seat", message: expect.stringContaining("XYZ") });
  });
});

describe("seats kept for a bot after a restart", () => {
  it("are restored from the store: still closed to claims and still played by their bot", async () => {
    const dir = tempDir("faultline-kept-");
    const dbFile = join(dir, "games.sqlite");
    let first: TestServer | undefined = await startServer(await freePort(), { dbFile });
    let second: TestServer | undefined;
    try {
      const facilitator = await first.lobby.createGame({ start: "facilitator", missingSeats: "hold", keptSeats: ["PRK"], turnMinutes: 0 });
      const gameId = facilitator.credential.gameId;
      // One more, kept from the console in the waiting room.
      expect(await facilitate(facilitator, { action: "keep", seat: "USA", on: true })).toEqual({ ok: true });
      const credential = facilitator.credential;
      await facilitator.leave();
      await first.close();
      first = undefined;

      second = await startServer(await freePort(), { dbFile });
      expect((await second.lobby.describe(gameId)).keptSeats).toEqual(["PRK", "USA"]);
      expect((await refusal(second.lobby.join(gameId, { seat: "USA", name: "Ana" })))?.code).toBe("seat/kept_for_bot");
      const back = await second.lobby.resume(credential);
      await waitFor(() => seat(back, "PRK").kept && seat(back, "USA").kept, "kept after the restart");
      expect(await facilitate(back, { action: "start" })).toEqual({ ok: true });
      await waitFor(() => back.snapshot().view.locked["PRK"] && back.snapshot().view.locked["USA"], "their bots play");
      await back.leave();
    } finally {
      await first?.close();
      await second?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
