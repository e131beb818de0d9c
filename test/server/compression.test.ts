// WebSocket compression (permessage-deflate) of large frames: a player joining a game in progress
// reads far fewer bytes than the frames it decodes, and clients that offer compression
// differently, or not at all, still join.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { freePort } from "../support/free-port.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import { FrameLog, recordingLobby, startServer, waitFor, waitTurn, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

/** The session's WebSocket, as the SDK holds it in Node (the `ws` package). */
const socketOf = (session: ColyseusSession) =>
  (session.currentRoom as unknown as { connection: { transport: { ws: WebSocket & { _socket: { bytesRead: number } } } } }).connection.transport.ws;

/** Opens a raw WebSocket upgrade to the server with these extension offers and reports what was agreed. */
function handshake(offer: string | undefined): Promise<{ status: number; extensions: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/`, { perMessageDeflate: false, headers: offer === undefined ? {} : { "Sec-WebSocket-Extensions": offer } });
    ws.on("upgrade", (res) => resolve({ status: res.statusCode ?? 0, extensions: String(res.headers["sec-websocket-extensions"] ?? "") }));
    ws.on("unexpected-response", (_req, res) => resolve({ status: res.statusCode ?? 0, extensions: "" }));
    ws.on("error", reject);
    ws.on("open", () => ws.terminate());
  });
}

describe("WebSocket compression", () => {
  it("a player joining a game in progress reads less than half its decoded bytes off the socket", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, name: "Compressed" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    await waitFor(() => china.snapshot().seats.filter((x) => x.players.some((p) => p.connected)).length === 2, "both players online");
    await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] });
    await russia.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "PRK" }] });
    china.chat("public", "Beijing proposes calm on the peninsula and more trade with Seoul.");
    await china.request({ type: "lock", turn: 1, locked: true });
    await russia.request({ type: "lock", turn: 1, locked: true });
    await waitTurn(china, 2);

    const log = new FrameLog();
    const japan = await recordingLobby(s.url, log).join(gameId, { seat: "JPN", name: "Chiyo" });
    const ws = socketOf(japan);
    expect(ws.extensions).toContain("permessage-deflate");
    await waitFor(() => japan.snapshot().messages.some((m) => m.text.includes("calm on the peninsula")), "the chat so far");
    const decoded = log.bytes();
    const onWire = ws._socket.bytesRead;
    expect(decoded).toBeGreaterThan(20_000);
    expect(onWire).toBeLessThan(decoded / 2);
    // What the player sees is whole: the turn so far, its report and the chat.
    expect(japan.snapshot().view.turn).toBe(2);
    expect(japan.snapshot().view.relations).toEqual(china.snapshot().view.relations);
    await Promise.all([china.leave(), russia.leave(), japan.leave(), facilitator.leave()]);
  });

  it("accepts clients that offer no window size (as some browsers do) or no compression at all", async () => {
    const bare = await handshake("permessage-deflate");
    expect(bare.status).toBe(101);
    expect(bare.extensions).toContain("permessage-deflate");
    expect(bare.extensions).toContain("server_max_window_bits=11");
    const browserLike = await handshake("permessage-deflate; client_max_window_bits");
    expect(browserLike.status).toBe(101);
    expect(browserLike.extensions).toContain("permessage-deflate");
    const none = await handshake(undefined);
    expect(none.status).toBe(101);
    expect(none.extensions).toBe("");
  });
});
