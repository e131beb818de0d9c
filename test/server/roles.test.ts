// Team roles from the scenario (leader, trade minister, envoy…): what each person may draft,
// who approves (locks in) the final orders, who speaks for the team; the facilitator seats
// people in other roles or teams and removes them. Every seating change is logged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import { CLOSE_REMOVED, CLOSE_RESEATED } from "../../shared/protocol.ts";
import { startServer, waitFor, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

const TRADE = { move: "expand_trade", target: "KOR" };
const SECURITY = { move: "dual_use_exports" };
type Logged = { kind: string; who: string; payload: Record<string, unknown> };
const actions = async (f: ColyseusSession) => ((await f.exportDebrief()) as { actions: Logged[] }).actions;

describe("roles on a team of two", () => {
  it("the trade minister drafts trade orders but cannot lock in alone, propose or speak; the head of government can", async () => {
    const facilitator = await s.lobby.createGame({ start: "now", turnMinutes: 0, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    const ana = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const bo = await s.lobby.join(gameId, { seat: "CHN", name: "Bo", teamCode: ana.teamCodes["CHN"]! });
    const team = await waitFor(() => {
      const p = facilitator.snapshot().seats.find((x) => x.id === "CHN")!.players;
      return p.length === 2 && p;
    }, "two on China");
    expect(team.map((p) => [p.name, p.role])).toEqual([
      ["Ana", "leader"],
      ["Bo", "trade_minister"],
    ]);

    expect(await bo.request({ type: "orders", turn: 1, orders: [TRADE] })).toEqual({ ok: true });
    expect(await bo.request({ type: "orders", turn: 1, orders: [TRADE, SECURITY] })).toMatchObject({ ok: false, error: { code: "role/cannot_draft" } });
    expect(await bo.request({ type: "lock", turn: 1, locked: true })).toMatchObject({ ok: false, error: { code: "role/needs_approval", message: expect.stringContaining("Head of government") } });
    expect(await bo.request({ type: "propose", turn: 1, order: { move: "trade_deal", target: "RUS" } })).toMatchObject({ ok: false, error: { code: "role/not_speaker" } });
    expect(await bo.request({ type: "chat", channel: "public", text: "We will retaliate" })).toMatchObject({ ok: false, error: { code: "role/not_speaker" } });
    expect(await bo.request({ type: "chat", channel: ["CHN"], text: "Trade order is in: please approve" })).toEqual({ ok: true });

    // The leader adds the security order (a trade minister's order stays as it was) and locks in.
    expect(await ana.request({ type: "orders", turn: 1, orders: [TRADE, SECURITY] })).toEqual({ ok: true });
    // The minister may still edit trade while leaving the leader's security order alone.
    expect(await bo.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "JPN" }, SECURITY] })).toEqual({ ok: true });
    expect(await ana.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    for (const p of [facilitator, ana, bo]) await p.leave();
  });

  it("the facilitator moves people between roles and teams and removes them, each logged with who did it", async () => {
    const facilitator = await s.lobby.createGame({ start: "facilitator", creatorName: "Control" });
    const gameId = facilitator.credential.gameId;
    const ana = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const bo = await s.lobby.join(gameId, { seat: "CHN", name: "Bo", teamCode: ana.teamCodes["CHN"]! });
    // Korea's player keeps the turn open while China locks in.
    const cy = await s.lobby.join(gameId, { seat: "KOR", name: "Cy" });
    const boId = (await waitFor(() => facilitator.snapshot().seats.find((x) => x.id === "CHN")!.players.find((p) => p.name === "Bo"), "Bo listed")).id!;
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "start" } })).toEqual({ ok: true });

    // Bo becomes the head of government too: now he may lock in.
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "assign", person: boId, role: "leader" } })).toEqual({ ok: true });
    await waitFor(() => bo.snapshot().seats.find((x) => x.id === "CHN")!.players.find((p) => p.name === "Bo")?.role === "leader", "role shown");
    expect(await bo.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "assign", person: boId, role: "king" } })).toMatchObject({ ok: false, error: { code: "role/unknown" } });
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "assign", person: 999_999 } })).toMatchObject({ ok: false, error: { code: "seat/unknown_person" } });
    expect(await ana.request({ type: "facilitate", turn: 1, command: { action: "remove", person: boId } })).toMatchObject({ ok: false, error: { code: "role/not_facilitator" } });

    // Moved to Russia: his connection is closed with the reason, and his credential now opens Russia.
    const closed = new Promise<[number, string | undefined]>((resolve) => bo.currentRoom.onLeave((code, reason) => resolve([code, reason])));
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "assign", person: boId, seat: "RUS" } })).toEqual({ ok: true });
    expect(await closed).toEqual([CLOSE_RESEATED, "The facilitator moved you to Russia."]);
    const boAgain = await s.lobby.resume(bo.credential);
    expect(boAgain.snapshot().seat).toBe("RUS");
    expect(boAgain.snapshot().seats.find((x) => x.id === "RUS")!.players.map((p) => [p.name, p.role])).toEqual([["Bo", "leader"]]);

    // Removed: closed with the reason, and the credential no longer works.
    const gone = new Promise<number>((resolve) => boAgain.currentRoom.onLeave((code) => resolve(code)));
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "remove", person: boId } })).toEqual({ ok: true });
    expect(await gone).toBe(CLOSE_REMOVED);
    await expect(s.lobby.resume(bo.credential)).rejects.toThrow(/credential/);
    await waitFor(() => facilitator.snapshot().seats.find((x) => x.id === "RUS")!.players.length === 0, "Russia empty again");

    const seating = (await actions(facilitator)).filter((a) => a.kind === "facilitate" && ["assign", "remove"].includes(a.payload["action"] as string));
    expect(seating.map((a) => [a.who, a.payload["action"], a.payload["name"]])).toEqual([
      ["Control", "assign", "Bo"],
      ["Control", "assign", "Bo"],
      ["Control", "remove", "Bo"],
    ]);
    for (const p of [facilitator, ana, cy]) await p.leave();
  });
});
