// The waiting room: a seminar game waits until the facilitator presses Start (or a scheduled time
// comes, or every seat has a person); before that no clock runs, no bot plays and no order counts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import { ManualClock } from "../../server/clock.ts";
import { startServer, waitFor, waitTurn, type TestServer } from "./helpers.ts";

const clock = new ManualClock(Date.UTC(2026, 8, 1, 9, 0));
let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort(), { clock });
});
afterAll(async () => {
  await s.close();
});

const MIN = 60_000;
type Logged = { kind: string; seat: string | null; who: string; at: string; payload: Record<string, unknown> };
const actions = async (f: ColyseusSession) => ((await f.exportDebrief()) as { actions: Logged[] }).actions;

describe("a game created with a waiting room", () => {
  it("waits: no clock, no bots, no orders until the facilitator presses Start; then the first turn's clock runs", async () => {
    const facilitator = await s.lobby.createGame({ start: "facilitator", turnMinutes: 10, missingSeats: "bot", creatorName: "Dr. Lee" });
    const gameId = facilitator.credential.gameId;
    expect(facilitator.snapshot().status).toBe("lobby");
    expect(facilitator.snapshot().clock.deadline).toBeNull();
    // Listed for players to find, as a waiting room.
    const listed = (await s.lobby.listGames()).find((g) => g.gameId === gameId);
    expect(listed?.status).toBe("lobby");

    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    await waitFor(() => facilitator.snapshot().seats.filter((x) => x.players.some((p) => p.connected)).length === 2, "the roster fills");

    // Briefings can be read and people can talk; orders wait.
    expect(await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] })).toMatchObject({ ok: false, error: { code: "game/not_started" } });
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toMatchObject({ ok: false, error: { code: "game/not_started" } });
    expect(await china.request({ type: "chat", channel: "public", text: "Hello, room" })).toEqual({ ok: true });
    await waitFor(() => russia.snapshot().messages.some((m) => m.text === "Hello, room"), "chat in the waiting room");

    // An hour passes: still turn 1, nobody played for anyone.
    clock.advance(60 * MIN);
    expect(china.snapshot().view.turn).toBe(1);
    expect((await actions(facilitator)).filter((a) => a.kind === "bot-play")).toEqual([]);
    expect(facilitator.snapshot().seats.every((x) => !x.locked)).toBe(true);
    // The clock controls wait for Start; a player cannot start the game.
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "pause" } })).toMatchObject({ ok: false, error: { code: "game/not_started" } });
    expect(await china.request({ type: "facilitate", turn: 1, command: { action: "start" } })).toMatchObject({ ok: false, error: { code: "role/not_facilitator" } });

    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "start" } })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().status === "playing", "playing");
    expect(china.snapshot().clock.deadline).toBe(clock.now() + 10 * MIN);
    // The four empty seats get their bots at Start (orders kept for the resolution under "bot").
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "start" } })).toMatchObject({ ok: false, error: { code: "request/duplicate" } });
    expect(await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] })).toEqual({ ok: true });
    const start = (await actions(facilitator)).find((a) => a.kind === "facilitate" && a.payload["action"] === "start");
    expect(start).toMatchObject({ who: "Dr. Lee", payload: { action: "start", by: "facilitator" } });
    expect(Date.parse(start!.at)).toBe(clock.now());
    clock.advance(10 * MIN);
    await waitTurn(china, 2);
    for (const p of [facilitator, china, russia]) await p.leave();
  });

  it("starts by itself at a scheduled time, which the facilitator can move or cancel", async () => {
    const facilitator = await s.lobby.createGame({ start: "facilitator", turnMinutes: 5 });
    const china = await s.lobby.join(facilitator.credential.gameId, { seat: "CHN", name: "Ana" });
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "schedule-start", at: clock.now() - 1 } })).toMatchObject({ ok: false, error: { code: "clock/in_past" } });
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "schedule-start", at: clock.now() + 5 * MIN } })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().clock.deadline === clock.now() + 5 * MIN, "the start time shown");
    expect(china.snapshot().status).toBe("lobby");
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "schedule-start", at: null } })).toEqual({ ok: true });
    clock.advance(10 * MIN);
    expect(china.snapshot().status).toBe("lobby");
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "schedule-start", at: clock.now() + 2 * MIN } })).toEqual({ ok: true });
    clock.advance(2 * MIN);
    await waitFor(() => china.snapshot().status === "playing", "started at the scheduled time");
    expect(china.snapshot().clock.deadline).toBe(clock.now() + 5 * MIN);
    const start = (await actions(facilitator)).find((a) => a.payload["action"] === "start");
    expect(start).toMatchObject({ who: "server", payload: { by: "schedule" } });
    for (const p of [facilitator, china]) await p.leave();
  });

  it("with 'start when every seat is taken', starts as the last seat is claimed", async () => {
    const facilitator = await s.lobby.createGame({ start: "full", turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    const seats = ["CHN", "RUS", "PRK", "USA", "KOR", "JPN"];
    const people: ColyseusSession[] = [];
    for (const seat of seats.slice(0, -1)) people.push(await s.lobby.join(gameId, { seat, name: `P-${seat}` }));
    expect(people[0]!.snapshot().status).toBe("lobby");
    people.push(await s.lobby.join(gameId, { seat: "JPN", name: "P-JPN" }));
    await waitFor(() => people[0]!.snapshot().status === "playing", "started when full");
    for (const p of people) expect(await p.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(people[0]!, 2);
    for (const p of [facilitator, ...people]) await p.leave();
  });

  it("a game created without a start option starts at once (scripts and quick games)", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 3 });
    expect(facilitator.snapshot().status).toBe("playing");
    expect(facilitator.snapshot().clock.deadline).toBe(clock.now() + 3 * MIN);
    await facilitator.leave();
  });
});
