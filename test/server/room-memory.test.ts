// What a room lets go of. A connection's StateView is disposed when it leaves for good: left to
// @colyseus/schema's FinalizationRegistry, each view held its room's whole encoder state (the
// registry's held value) until a full GC, a finalizer and another full GC, so closed rooms piled
// up between major GCs (bench:load, cycles: +75% heap after 300 rooms).
import type { StateView } from "@colyseus/schema";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { roomOf, startServer, waitFor, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort(), { reconnectSeconds: 20 });
});
afterAll(async () => {
  await s.close();
});

/** A view bound to its room's encoder has an id; dispose() gives it back (-1). */
const bound = (v: StateView | undefined) => (v as unknown as { id: number } | undefined)?.id !== -1;

describe("a room's memory", () => {
  it("disposes a connection's view when it leaves, and keeps it across a reconnection", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    const china = await new Client(s.url).joinById(gameId, { claim: { seat: "CHN", name: "Ana" } });
    china.reconnection.enabled = false;
    china.onMessage("*", () => undefined);
    const room = roomOf(s, gameId);
    const viewOf = (sessionId: string) => room.clients.find((c) => c.sessionId === sessionId)?.view;
    const chinaView = await waitFor(() => viewOf(china.sessionId), "China's connection");
    expect(bound(chinaView)).toBe(true);
    // A dropped connection that comes back keeps its view (Colyseus hands it to the new client).
    const dropped = new Promise((resolve) => china.onLeave(resolve));
    china.connection.close(4010, "network blip");
    await dropped;
    await waitFor(() => facilitator.snapshot().seats.find((x) => x.id === "CHN")?.players[0]?.connected === false, "China shown offline");
    const back = await new Client(s.url).reconnect(china.reconnectionToken);
    back.onMessage("*", () => undefined);
    await waitFor(() => facilitator.snapshot().seats.find((x) => x.id === "CHN")?.players[0]?.connected, "China online again");
    expect(viewOf(back.sessionId)).toBe(chinaView);
    expect(bound(chinaView)).toBe(true);
    await back.leave();
    await waitFor(() => !bound(chinaView), "China's view disposed");
    const facilitatorView = room.clients[0]!.view;
    expect(bound(facilitatorView)).toBe(true);
    await facilitator.leave();
    await waitFor(() => !bound(facilitatorView), "the facilitator's view disposed");
  }, 30_000);
});
