// Bad input gets a clear error with a code, changes nothing, and never disturbs other players.
// Flooding or oversized frames close only the offending connection.
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { ErrorReply } from "../../shared/protocol.ts";
import { MAX_PAYLOAD } from "../../server/app.ts";
import { MAX_MESSAGES_PER_SECOND } from "../../server/rooms/game-room.ts";
import { startServer, waitFor, waitTurn, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

async function table() {
  const facilitator = await s.lobby.createGame({ turnMinutes: 0 });
  const gameId = facilitator.credential.gameId;
  const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
  const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
  const observer = await s.lobby.join(gameId, { observer: true, name: "Press" });
  const errors: ErrorReply[] = [];
  china.onError((e) => errors.push(e));
  expect(await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] })).toEqual({ ok: true });
  return { facilitator, china, russia, observer, gameId, errors };
}

describe("bad input", () => {
  it("answers each kind of bad message with its error code and leaves the game as it was", async () => {
    const { facilitator, china, russia, observer, errors } = await table();
    const room = china.currentRoom;
    await waitFor(() => facilitator.snapshot().view.orders["CHN"]?.[0]?.move === "expand_trade", "the facilitator sees China's orders");
    const before = structuredClone(facilitator.snapshot().view);

    const cases: [string, unknown, string][] = [
      ["wrong shape", { type: "orders", turn: 1, orders: "all of them" }, "message/invalid"],
      ["missing field", { type: "lock", turn: 1 }, "message/invalid"],
      ["seat in the payload", { type: "orders", turn: 1, seat: "PRK", orders: [{ move: "missile_test", params: { kind: "icbm" } }] }, "message/invalid"],
      ["unknown type", { type: "launch_everything", turn: 1 }, "message/unknown_type"],
      ["illegal move for this seat", { type: "orders", turn: 1, orders: [{ move: "missile_test", params: { kind: "icbm" } }] }, "order/not_allowed"],
      ["unknown move", { type: "orders", turn: 1, orders: [{ move: "annex_moon" }] }, "order/unknown_move"],
      ["stale turn", { type: "lock", turn: 0, locked: true }, "turn/stale"],
      ["duplicate orders", { type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] }, "request/duplicate"],
      ["someone else's proposal", { type: "answer", turn: 1, proposal: "p1-99", answer: "accept" }, "proposal/unknown"],
      ["someone else's event", { type: "choose", turn: 1, pending: "e1-not_mine", option: "comply" }, "event/unknown"],
      ["facilitator command from a player", { type: "facilitate", turn: 1, command: { action: "resolve" } }, "role/not_facilitator"],
    ];
    for (const [what, payload, code] of cases) {
      const reply = (await room.request("act", payload)) as { ok: boolean; error?: ErrorReply };
      expect(reply, what).toMatchObject({ ok: false, error: { code } });
    }
    // The same errors arrive as "error" messages when sent without waiting for a reply.
    room.send("act", { type: "orders", turn: 1, orders: "all of them" });
    room.send("no_such_message", { hello: true });
    await waitFor(() => errors.length >= 2, "error messages");
    expect(errors.map((e) => e.code)).toEqual(["message/invalid", "message/unknown_type"]);

    // An observer holds no seat.
    expect(await observer.request({ type: "lock", turn: 1, locked: true })).toMatchObject({ ok: false, error: { code: "role/not_player" } });
    // Locking twice is a duplicate.
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toMatchObject({ ok: false, error: { code: "request/duplicate" } });
    expect(await china.request({ type: "lock", turn: 1, locked: false })).toEqual({ ok: true });

    // Nothing changed, and the others play on.
    await new Promise((r) => setTimeout(r, 100));
    expect(facilitator.snapshot().view).toEqual(before);
    expect(china.snapshot().view.orders["CHN"]).toEqual([{ move: "expand_trade", target: "KOR" }]);
    expect(await russia.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    for (const p of [facilitator, china, russia, observer]) await p.leave();
  });

  it("closes a flooding connection while the others continue", async () => {
    const { facilitator, china, russia, gameId } = await table();
    const flooder = await new Client(s.url).joinById(gameId, { claim: { seat: "JPN", name: "Spam" } });
    flooder.reconnection.enabled = false;
    const closed = new Promise<number>((resolve) => flooder.onLeave((code) => resolve(code)));
    for (let i = 0; i < 200; i++) flooder.send("act", { type: "chat", channel: "public", text: `spam ${i}` });
    expect(await closed).toBe(4002);
    // At most the first second's allowance got through before the cut.
    const spam = facilitator.snapshot().messages.filter((m) => m.text.startsWith("spam"));
    expect(spam.length).toBeLessThanOrEqual(MAX_MESSAGES_PER_SECOND + 1);

    china.chat("public", "Still here.");
    await waitFor(() => russia.snapshot().messages.some((m) => m.text === "Still here."), "chat after the flood");
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    expect(await russia.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(russia, 2);
    for (const p of [facilitator, china, russia]) await p.leave();
  });

  it("closes a connection that sends an oversized frame while the others continue", async () => {
    const { facilitator, china, russia, gameId } = await table();
    const big = await new Client(s.url).joinById(gameId, { claim: { seat: "JPN", name: "Big" } });
    big.reconnection.enabled = false;
    const closed = new Promise<number>((resolve) => big.onLeave((code) => resolve(code)));
    big.send("act", { type: "chat", channel: "public", text: "x".repeat(MAX_PAYLOAD + 1000) });
    expect(await closed).toBe(1009);
    china.chat("public", "Carry on.");
    await waitFor(() => russia.snapshot().messages.some((m) => m.text === "Carry on."), "chat after the oversized frame");
    for (const p of [facilitator, china, russia]) await p.leave();
  });
});
