// A seat claim is stored before its credential is sent (commit before broadcast). If the process
// dies in between, or the connection is lost before the welcome arrives, the seat is held by
// someone who cannot come back to it. A claim counts as delivered once the client says the
// welcome arrived (or its holder comes back with the credential); one that never was, and is
// two minutes old, is released by the next claim of the seat. Delivered and recent claims hold.
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/store/db.ts";
import { SqliteGameStore } from "../../server/store/game-store.ts";
import type { Welcome } from "../../shared/protocol.ts";
import { freePort } from "../support/free-port.ts";
import { startServer, tempDir, waitFor, waitTurn, type TestServer } from "./helpers.ts";

const file = `${tempDir()}/games.sqlite`;
let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort(), { store: new SqliteGameStore(openDatabase(file)) });
});
afterAll(async () => {
  await s.close();
});

const delivered = async (gameId: string) => Object.fromEntries((await s.store.people(gameId)).map((p) => [p.name, p.delivered]));

describe("a seat claim whose credential never reached its holder", () => {
  it("is stored undelivered, and counts as delivered once the client has the welcome or comes back with the credential", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    // The lobby client says the welcome arrived.
    const ana = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    await waitFor(async () => (await delivered(gameId))["Ana"], "Ana's claim delivered");
    // A raw SDK join does not: its claim stays undelivered until it comes back with the credential.
    const sdk = new Client(s.url);
    const raw = await sdk.joinById(gameId, { claim: { seat: "RUS", name: "Boris" } });
    const welcome = await new Promise<Welcome>((r) => raw.onMessage("welcome", r));
    await new Promise((r) => setTimeout(r, 300));
    expect(await delivered(gameId)).toEqual({ Ana: true, Boris: false });
    await raw.leave();
    const back = await sdk.joinById(gameId, { token: welcome.credential.token });
    await waitFor(async () => (await delivered(gameId))["Boris"], "Boris's claim delivered once he came back with it");
    await back.leave();
    for (const p of [ana, facilitator]) await p.leave();
  });

  it("after the process died before the welcome: released by the next claim once two minutes old; delivered and recent claims still hold", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    const ana = await s.lobby.join(gameId, { seat: "KOR", name: "Ana" });
    await waitFor(async () => (await delivered(gameId))["Ana"], "Ana's claim delivered");
    for (const p of [ana, facilitator]) await p.leave();
    await s.close();
    // Claims the room stored while the process died before sending the credentials: one five
    // minutes ago on China, one a moment ago on Russia.
    const store = new SqliteGameStore(openDatabase(file));
    await store.addCredential("ghost-token-of-a-claim-never-delivered", { gameId, role: "player", seat: "CHN", name: "Ghost", teamRole: null }, Date.now() - 5 * 60_000);
    await store.addCredential("fresh-token-of-a-claim-just-made-here", { gameId, role: "player", seat: "RUS", name: "Fresh", teamRole: null }, Date.now());
    store.close();
    // Another process takes the game over from the store.
    s = await startServer(await freePort(), { store: new SqliteGameStore(openDatabase(file)) });
    const bea = await s.lobby.join(gameId, { seat: "CHN", name: "Bea" });
    expect(bea.credential.seat).toBe("CHN");
    expect((await s.store.people(gameId)).map((p) => `${p.name} ${p.seat}`).sort()).toEqual(["Ana KOR", "Bea CHN", "Fresh RUS"]);
    const log = (await s.store.actions(gameId)).filter((a) => a.kind === "facilitate").map((a) => a.payload);
    expect(log).toContainEqual(expect.objectContaining({ action: "remove", name: "Ghost", from: "CHN", reason: "never received their credential" }));
    // The ghost's credential no longer opens the seat.
    await expect(new Client(s.url).joinById(gameId, { token: "ghost-token-of-a-claim-never-delivered" })).rejects.toThrow(/unknown seat credential/);
    // A claim made a moment ago still holds its seat, and so does a delivered one.
    await expect(s.lobby.join(gameId, { seat: "RUS", name: "Cal" })).rejects.toThrow(/held by its team/);
    await expect(s.lobby.join(gameId, { seat: "KOR", name: "Dan" })).rejects.toThrow(/held by its team/);
    // Ana comes back to her seat with her credential.
    const again = await s.lobby.resume(ana.credential);
    expect(again.credential.seat).toBe("KOR");
    for (const p of [again, bea]) await p.leave();
  });

  it("in a finished game, a claim is refused as game over and writes nothing, an old undelivered claim included", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    for (let turn = 1; turn <= china.scenario.turns.count; turn++) {
      await waitTurn(china, turn);
      expect(await china.request({ type: "lock", turn, locked: true })).toEqual({ ok: true });
    }
    await waitFor(() => china.snapshot().status === "over", "game over", 20_000);
    for (const p of [china, facilitator]) await p.leave();
    await s.close();
    const store = new SqliteGameStore(openDatabase(file));
    await store.addCredential("ghost-token-in-a-finished-game-here", { gameId, role: "player", seat: "RUS", name: "Ghost", teamRole: null }, Date.now() - 5 * 60_000);
    const actionsBefore = (await store.actions(gameId)).length;
    store.close();
    s = await startServer(await freePort(), { store: new SqliteGameStore(openDatabase(file)) });
    await expect(s.lobby.join(gameId, { seat: "RUS", name: "Bea" })).rejects.toThrow(/game has ended/);
    expect((await s.store.people(gameId)).map((p) => p.name).sort()).toEqual(["Ana", "Ghost"]);
    expect((await s.store.actions(gameId)).length).toBe(actionsBefore);
  });
});
