// The projector is recognised by its join option, not by its name: the projector link joins as a
// watcher with `projector: true` and comes back on its credential saying so again; a student who
// calls themself "Projector" is an observer like any other in the inject's confirmation.
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { injectReached } from "../../shared/control-words.ts";
import { PROJECTOR_NAME, type InjectDelivered } from "../../shared/protocol.ts";
import { roomOf, startServer, waitFor, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

describe("the projector", () => {
  it("is counted by its join option: an observer named 'Projector' is an observer, the projector link a projector", async () => {
    const facilitator = await s.lobby.createGame({ start: "now", missingSeats: "hold", turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const namesake = await s.lobby.join(gameId, { observer: true, name: PROJECTOR_NAME });
    const screen = await s.lobby.join(gameId, { observer: true, name: PROJECTOR_NAME, projector: true });
    const confirmations: InjectDelivered[] = [];
    facilitator.onInjectDelivered((d) => confirmations.push(d));
    const inject = (headline: string) => facilitator.request({ type: "facilitate", turn: 1, command: { action: "custom", headline, changes: [] } });

    expect(await inject("Typhoon off Busan")).toEqual({ ok: true });
    await waitFor(() => confirmations.length === 1, "the first confirmation");
    expect(confirmations[0]).toMatchObject({ players: 1, projectors: 1, observers: 1 });
    expect(injectReached(confirmations[0]!)).toMatch(/reached 1 player, 1 projector and 1 observer\.$/);

    // Without the real screen, the namesake alone is still an observer.
    await screen.leave();
    expect(await inject("Ferry strike in Incheon")).toEqual({ ok: true });
    await waitFor(() => confirmations.length === 2, "the second confirmation");
    expect(confirmations[1]).toMatchObject({ players: 1, projectors: 0, observers: 1 });
    for (const p of [facilitator, china, namesake]) await p.leave();
  });

  it("comes back on its watcher's credential as the projector; no seat's or facilitator's credential can say it is one", async () => {
    const facilitator = await s.lobby.createGame({ start: "now", missingSeats: "hold", turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const first = await s.lobby.join(gameId, { observer: true, name: PROJECTOR_NAME, projector: true });
    const token = first.credential.token;
    await first.leave();

    // The way the projector returns after a server restart: its credential, with the option again.
    const room = await new Client(s.url).joinById(gameId, { token, projector: true });
    room.onMessage("*", () => undefined);
    await waitFor(() => (roomOf(s, gameId) as unknown as { conns: Map<string, unknown> }).conns.has(room.sessionId), "the projector back in the room");
    const confirmations: InjectDelivered[] = [];
    facilitator.onInjectDelivered((d) => confirmations.push(d));
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "custom", headline: "Blackout in Pyongyang", changes: [] } })).toEqual({ ok: true });
    await waitFor(() => confirmations.length === 1, "the confirmation");
    expect(confirmations[0]).toMatchObject({ players: 1, projectors: 1, observers: 0 });

    for (const cred of [china.credential, facilitator.credential])
      await expect(new Client(s.url).joinById(gameId, { token: cred.token, projector: true })).rejects.toThrow(/auth\/bad_options: only a watcher's credential joins as the projector/);
    // A seat claim cannot carry it either (the options are checked strictly).
    await expect(new Client(s.url).joinById(gameId, { claim: { seat: "RUS", name: "Boris", projector: true } })).rejects.toThrow(/auth\/bad_options/);
    await room.leave();
    for (const p of [facilitator, china]) await p.leave();
  });
});
