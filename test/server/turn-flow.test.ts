// When a turn resolves: lock-in by every connected human, the turn clock (a controllable clock),
// the facilitator's controls, and a rule error that suspends the game instead of the room.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import { ManualClock } from "../../server/clock.ts";
import { realEngine, type EnginePort } from "../../server/game/engine-port.ts";
import { PROJECTOR_NAME, type ErrorReply, type InjectDelivered } from "../../shared/protocol.ts";
import { injectReached } from "../../shared/control-words.ts";
import { startServer, waitFor, waitTurn, type TestServer } from "./helpers.ts";
import type { TurnTimingsSummary } from "../../server/rooms/turn-timings.ts";

const clock = new ManualClock(Date.UTC(2026, 5, 1, 9, 0));
let ruleBroken = false;
const engine: EnginePort = {
  ...realEngine,
  resolveTurn: (rules, state) => {
    if (ruleBroken) throw new Error("effect on unknown indicator 'morale'");
    return realEngine.resolveTurn(rules, state);
  },
};
let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort(), { clock, engine });
});
afterAll(async () => {
  await s.close();
});

const MIN = 60_000;

async function game(options: Parameters<TestServer["lobby"]["createGame"]>[0]) {
  const facilitator = await s.lobby.createGame(options);
  const gameId = facilitator.credential.gameId;
  const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
  const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
  await waitFor(() => facilitator.snapshot().seats.filter((x) => x.players.some((p) => p.connected)).length === 2, "both players online");
  return { facilitator, china, russia, gameId };
}

const actions = async (f: ColyseusSession) => ((await f.exportDebrief()) as { actions: { kind: string; seat: string | null; who: string; at: string; payload: unknown }[] }).actions;

describe("lock-in", () => {
  it("resolves once every connected human has locked in; others see that a seat locked, not its orders", async () => {
    const { china, russia, facilitator } = await game({ turnMinutes: 0 });
    expect(await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] })).toEqual({ ok: true });
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitFor(() => russia.snapshot().seats.find((x) => x.id === "CHN")?.locked, "CHN shown as locked to RUS");
    expect(russia.snapshot().view.turn).toBe(1);
    expect(russia.snapshot().view.orders["CHN"]).toBeUndefined();
    expect(china.snapshot().view.orders["CHN"]).toEqual([{ move: "expand_trade", target: "KOR" }]);

    // Unlocking and revising is allowed until everyone is in.
    expect(await china.request({ type: "lock", turn: 1, locked: false })).toEqual({ ok: true });
    expect(await russia.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    expect(russia.snapshot().view.turn).toBe(1);
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(russia, 2);
    await waitTurn(facilitator, 2);
    expect(china.snapshot().view.lastMoves["CHN"]).toContain("expand_trade");

    // The operator's view: /health says how long the resolved turn took to go out after its
    // commit, and of that the refresh (views, mirror) and the send.
    const health = (await (await fetch(`${s.url}/health`)).json()) as { turns: TurnTimingsSummary };
    expect(health.turns.turns).toBe(1);
    expect(health.turns.refreshMs.max).toBeGreaterThan(0);
    expect(health.turns.sendMs.max).toBeGreaterThan(0);
    expect(health.turns.deliveryMs.max).toBeGreaterThanOrEqual(health.turns.refreshMs.max + health.turns.sendMs.max - 0.02);
    expect(health.turns.gc.young.count).toBeGreaterThanOrEqual(0);
    // And of the delivery, how long it waited for a CPU (Linux, as on this machine): never more than the delivery.
    expect(health.turns.cpuWait!.waitMs.max).toBeGreaterThanOrEqual(0);
    expect(health.turns.cpuWait!.withoutWaitMs.max).toBeLessThanOrEqual(health.turns.deliveryMs.max);
    for (const p of [facilitator, china, russia]) await p.leave();
  });
});

describe("turn clock", () => {
  it("resolves when the deadline passes; a seat without orders gets a bot under the 'bot' policy", async () => {
    const { china, russia, facilitator } = await game({ turnMinutes: 5, missingSeats: "bot" });
    const deadline = facilitator.snapshot().clock.deadline!;
    expect(deadline).toBeGreaterThan(clock.now());
    expect(await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] })).toEqual({ ok: true });
    // Russia's person claimed a clean seat (no bot orders) and then goes silent.
    expect(russia.snapshot().view.orders["RUS"] ?? []).toEqual([]);
    clock.advance(4 * MIN);
    expect(china.snapshot().view.turn).toBe(1);
    clock.advance(1 * MIN);
    await waitTurn(china, 2);
    await waitTurn(russia, 2);
    // The next deadline is a full turn from the moment of resolution, as an absolute time.
    await waitFor(() => china.snapshot().clock.deadline === clock.now() + 5 * MIN, "next deadline");
    const log = await actions(facilitator);
    expect(log.find((a) => a.kind === "bot-play" && a.seat === "RUS" && a.who === "missing")).toBeTruthy();
    // China's person had orders in, so no bot replaced them at the deadline.
    expect(log.find((a) => a.kind === "bot-play" && a.seat === "CHN" && a.who === "missing")).toBeUndefined();
    expect(china.snapshot().view.lastMoves["CHN"]).toContain("expand_trade");
    for (const p of [facilitator, china, russia]) await p.leave();
  });

  it("under the 'hold' policy nobody plays for empty or silent seats", async () => {
    const { china, russia, facilitator } = await game({ turnMinutes: 2, missingSeats: "hold" });
    expect(facilitator.snapshot().seats.every((x) => !x.bot)).toBe(true);
    clock.advance(2 * MIN);
    await waitTurn(china, 2);
    const log = await actions(facilitator);
    expect(log.filter((a) => a.kind === "bot-play")).toEqual([]);
    expect(log.filter((a) => a.kind === "resolved")).toHaveLength(1);
    for (const p of [facilitator, china, russia]) await p.leave();
  });
});

describe("facilitator controls", () => {
  it("pause, resume, extend, inject, resolve now and bots on an absent seat, each logged with who and when", async () => {
    const { china, russia, facilitator } = await game({ turnMinutes: 10, creatorName: "Dr. Lee" });
    const first = facilitator.snapshot().clock.deadline!;
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "pause" } })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().status === "paused", "paused status");
    expect(china.snapshot().clock).toMatchObject({ deadline: null, paused: true, remainingMs: first - clock.now() });
    clock.advance(30 * MIN); // the clock is stopped while paused
    expect(china.snapshot().view.turn).toBe(1);
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "resume" } })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().status === "playing", "playing again");
    expect(china.snapshot().clock.deadline).toBe(clock.now() + 10 * MIN);
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "extend", minutes: 15 } })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().clock.deadline === clock.now() + 25 * MIN, "extended deadline");

    // Russia's player walks away; the facilitator hands the seat to a bot, then takes it back.
    await russia.leave();
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "bot", seat: "RUS", on: true } })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().seats.find((x) => x.id === "RUS")?.bot && china.snapshot().seats.find((x) => x.id === "RUS")?.locked, "RUS bot");
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "bot", seat: "RUS", on: false } })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().seats.find((x) => x.id === "RUS")?.bot === false, "RUS bot off");

    // An inject takes effect at once and is announced to those who may see it.
    const injected: string[] = [];
    china.onInject((e) => injected.push(e.id));
    const confirmations: InjectDelivered[] = [];
    facilitator.onInjectDelivered((d) => confirmations.push(d));
    // The room screen is open too (the projector link joins with the projector option).
    const projector = await s.lobby.join(facilitator.credential.gameId, { observer: true, name: PROJECTOR_NAME, projector: true });
    const tension = china.snapshot().view.world["tension"]!;
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "inject", event: "trash_balloons" } })).toEqual({ ok: true });
    await waitFor(() => injected.includes("trash_balloons"), "inject announced");
    // The facilitator is told it went out, and to whom: one person (China's; Russia left above) and
    // the projector, which is a screen, not a person; the facilitator's own screens are not counted.
    await waitFor(() => confirmations.length === 1, "inject confirmed to the facilitator");
    expect(confirmations[0]).toMatchObject({ players: 1, projectors: 1, observers: 0 });
    expect(injectReached(confirmations[0]!)).toMatch(/” reached 1 player and 1 projector\.$/);
    await projector.leave();
    expect(confirmations[0]!.headline.length).toBeGreaterThan(5);
    await waitFor(() => china.snapshot().view.world["tension"] === tension + 5, "inject effect");
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "inject", event: "alien_landing" } })).toMatchObject({ ok: false });

    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "resolve" } })).toEqual({ ok: true });
    await waitTurn(china, 2);
    expect((await actions(facilitator)).find((a) => a.kind === "inject")).toMatchObject({ who: "Dr. Lee", payload: { event: "trash_balloons" } });

    const log = (await actions(facilitator)).filter((a) => a.kind === "facilitate");
    expect(log.map((a) => (a.payload as { action: string }).action)).toEqual(["pause", "resume", "extend", "bot", "bot", "resolve"]);
    expect(log.every((a) => a.who === "Dr. Lee" && !Number.isNaN(Date.parse(a.at)))).toBe(true);
    // Players cannot use the facilitator's controls.
    expect(await china.request({ type: "facilitate", turn: 2, command: { action: "resolve" } })).toMatchObject({ ok: false, error: { code: "role/not_facilitator" } });
    for (const p of [facilitator, china]) await p.leave();
  });
});

describe("a rule error during resolution", () => {
  it("suspends the game on the turn's starting state, tells the facilitator, and the room keeps working", async () => {
    const { china, russia, facilitator } = await game({ turnMinutes: 0 });
    const errors: ErrorReply[] = [];
    facilitator.onError((e) => errors.push(e));
    ruleBroken = true;
    try {
      await china.request({ type: "lock", turn: 1, locked: true });
      await russia.request({ type: "lock", turn: 1, locked: true });
      await waitFor(() => errors.find((e) => e.code === "game/suspended"), "suspension notice");
      expect(errors[0]!.message).toContain("morale");
      await waitFor(() => china.snapshot().status === "suspended", "suspended status");
      expect(china.snapshot().view.turn).toBe(1);
      // Orders and locks are still there; chat still works.
      expect(china.snapshot().view.locked["CHN"]).toBe(true);
      china.chat("public", "Is the game stuck?");
      await waitFor(() => russia.snapshot().messages.some((m) => m.text === "Is the game stuck?"), "chat while suspended");
    } finally {
      ruleBroken = false;
    }
    expect(await facilitator.request({ type: "facilitate", turn: 1, command: { action: "resume" } })).toEqual({ ok: true });
    await waitTurn(china, 2);
    expect(china.snapshot().status).toBe("playing");
    for (const p of [facilitator, china, russia]) await p.leave();
  });
});
