// The control cell: its own injects (now or at a turn), adjudication overrides with a reason, a
// shorter clock and wall-clock rounds, rolling back the last turn (which replays it), and a
// what-if fork from any turn. Each is logged with who and when, and the log replays to the same state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import { ManualClock } from "../../server/clock.ts";
import { realEngine } from "../../server/game/engine-port.ts";
import { replayTurn } from "../../server/game/replay.ts";
import { loadScenarios } from "../../server/scenarios.ts";
import { stateHash, type GameState } from "../../shared/engine/index.ts";
import { exportPath } from "../../shared/debrief-wire.ts";
import { roomOf, startServer, waitFor, waitTurn, type TestServer } from "./helpers.ts";

const clock = new ManualClock(Date.UTC(2026, 9, 5, 14, 0));
let s: TestServer;
const rules = loadScenarios().get("pyongyang-2024")!;
beforeAll(async () => {
  s = await startServer(await freePort(), { clock });
});
afterAll(async () => {
  await s.close();
});

const MIN = 60_000;
type Logged = { kind: string; who: string; turn: number; at: string; payload: Record<string, unknown> };
const actions = async (f: ColyseusSession) => ((await f.exportDebrief()) as { actions: Logged[] }).actions;
const live = (gameId: string): GameState => (roomOf(s, gameId) as unknown as { controller: { state: GameState } }).controller.state;
/** The state the store's log rebuilds (what a restart would see). */
const replayed = async (gameId: string): Promise<GameState> => {
  const g = (await s.store.getGame(gameId))!;
  return replayTurn(realEngine, rules, (await s.store.turnState(gameId, g.turn))!, await s.store.actions(gameId, g.turn));
};
const facilitate = (f: ColyseusSession, turn: number, command: object) => f.request({ type: "facilitate", turn, command } as never);

async function game() {
  const facilitator = await s.lobby.createGame({ start: "now", turnMinutes: 20, missingSeats: "hold", creatorName: "Prof. Kim" });
  const gameId = facilitator.credential.gameId;
  const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
  await waitFor(() => facilitator.snapshot().seats.find((x) => x.id === "CHN")!.players.some((p) => p.connected), "China online");
  return { facilitator, china, gameId };
}

describe("injects and overrides", () => {
  it("a custom inject reaches players at once and changes the chosen indicators; an override sets a value with its reason; both replay from the log", async () => {
    const { facilitator, china, gameId } = await game();
    const seen: string[] = [];
    china.onInject((e) => seen.push(e.headline));
    const tension = china.snapshot().view.world["tension"]!;
    expect(await facilitate(facilitator, 1, { action: "custom", headline: "Fishing boat seized in the Yellow Sea", text: "Beijing protests.", changes: [{ subject: "world.tension", by: 6 }] })).toEqual({ ok: true });
    await waitFor(() => seen.includes("Fishing boat seized in the Yellow Sea"), "inject seen at once");
    await waitFor(() => china.snapshot().view.world["tension"] === tension + 6, "tension changed");
    expect(await facilitate(facilitator, 1, { action: "custom", headline: "Bad", changes: [{ subject: "world.morale", by: 1 }] })).toMatchObject({ ok: false, error: { code: "control/unknown_indicator" } });

    expect(await facilitate(facilitator, 1, { action: "override", subject: "PRK.stability", to: 33, reason: "the seminar agreed the purge succeeded" })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().view.actors["PRK"]?.["stability"] === 33, "override applied");
    const log = await actions(facilitator);
    expect(log.find((a) => a.kind === "inject")).toMatchObject({ who: "Prof. Kim", payload: { custom: { headline: "Fishing boat seized in the Yellow Sea" } } });
    expect(log.find((a) => a.kind === "override")).toMatchObject({ who: "Prof. Kim", payload: { subject: "PRK.stability", to: 33, reason: "the seminar agreed the purge succeeded" } });
    expect(stateHash(await replayed(gameId))).toBe(stateHash(live(gameId)));

    // Both appear in the next report; the override's reason is in its text.
    expect(await facilitate(facilitator, 1, { action: "resolve" })).toEqual({ ok: true });
    await waitTurn(china, 2);
    const reports = await china.fetchReports();
    const entries = reports.at(-1)!.entries;
    expect(entries.find((e) => e.headline === "Fishing boat seized in the Yellow Sea")).toBeTruthy();
    expect(entries.find((e) => e.text?.includes("the seminar agreed the purge succeeded"))).toBeTruthy();
    for (const p of [facilitator, china]) await p.leave();
  });

  it("ends the game after a chosen turn when class time runs out: everyone sees the last turn, the log says who set it and replays it, and that turn's resolution ends the game", async () => {
    const { facilitator, china, gameId } = await game();
    expect(await facilitate(facilitator, 1, { action: "end-after", turn: 0 })).toMatchObject({ ok: false, error: { code: "message/invalid" } });
    expect(await facilitate(facilitator, 1, { action: "end-after", turn: 2 })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().view.lastTurn === 2, "the players see the game's new last turn");
    const log = await actions(facilitator);
    expect(log.find((a) => a.kind === "end-after")).toMatchObject({ who: "Prof. Kim", payload: { turn: 2 } });
    // A restart rebuilds it from the log.
    expect((await replayed(gameId)).lastTurn).toBe(2);
    expect(stateHash(await replayed(gameId))).toBe(stateHash(live(gameId)));
    for (const turn of [1, 2]) {
      expect(await facilitate(facilitator, turn, { action: "resolve" })).toEqual({ ok: true });
      if (turn === 1) await waitTurn(china, 2);
    }
    await waitFor(() => china.snapshot().view.phase === "over", "the game is over after turn 2");
    expect((await s.store.getGame(gameId))!.status).toBe("over");
    for (const p of [facilitator, china]) await p.leave();
  });

  it("a scheduled inject fires when its turn starts, once", async () => {
    const { facilitator, china } = await game();
    const seen: string[] = [];
    china.onInject((e) => seen.push(e.headline));
    // What reaches a player, in order: a scheduled inject follows the report of the turn before it
    // (a report clears the "breaking" items, so the inject must not arrive first).
    const arrivals: string[] = [];
    china.onReport((r) => arrivals.push(`report of turn ${r.turn}`));
    china.onInject((e) => arrivals.push(`inject ${e.headline}`));
    expect(await facilitate(facilitator, 1, { action: "custom", turn: 2, headline: "Typhoon season begins", changes: [{ subject: "JPN.stability", by: -2 }] })).toEqual({ ok: true });
    expect(seen).toEqual([]);
    expect(await facilitate(facilitator, 1, { action: "resolve" })).toEqual({ ok: true });
    await waitTurn(china, 2);
    await waitFor(() => seen.includes("Typhoon season begins"), "scheduled inject at turn 2");
    expect(arrivals).toEqual(["report of turn 1", "inject Typhoon season begins"]);
    expect(await facilitate(facilitator, 2, { action: "resolve" })).toEqual({ ok: true });
    await waitTurn(china, 3);
    expect(seen.filter((x) => x === "Typhoon season begins")).toHaveLength(1);
    for (const p of [facilitator, china]) await p.leave();
  });
});

describe("rulings on outcomes and scheduled injects", () => {
  it("a ruling forces this turn's deal through: logged with who, when and why, hidden until the turn resolves, replayed from the log, and in the news and the after-action report", async () => {
    const { facilitator, china, gameId } = await game();
    expect(await china.request({ type: "propose", turn: 1, order: { move: "bilateral_summit", target: "RUS" } })).toEqual({ ok: true });
    const deal = await waitFor(() => facilitator.snapshot().view.proposals.find((p) => p.from === "CHN"), "the invitation reaches the console");
    const reason = "Moscow's team said yes out loud before its laptop died";
    expect(await facilitate(facilitator, 1, { action: "ruling", proposal: deal.id, outcome: "passed", reason })).toMatchObject({ ok: false, error: { code: "control/bad_value" } });
    expect(await facilitate(facilitator, 1, { action: "ruling", proposal: "p1-99", outcome: "accepted", reason })).toMatchObject({ ok: false, error: { code: "proposal/unknown" } });
    expect(await china.request({ type: "facilitate", turn: 1, command: { action: "ruling", proposal: deal.id, outcome: "accepted", reason } })).toMatchObject({ ok: false, error: { code: "role/not_facilitator" } });
    expect(await facilitate(facilitator, 1, { action: "ruling", proposal: deal.id, outcome: "accepted", reason })).toEqual({ ok: true });
    await waitFor(() => facilitator.snapshot().view.proposals.find((p) => p.id === deal.id)?.ruling?.outcome === "accepted", "the console shows the ruling");
    expect(china.snapshot().view.proposals.find((p) => p.id === deal.id)?.ruling).toBeUndefined();
    const log = await actions(facilitator);
    const ruling = log.find((a) => a.kind === "ruling")!;
    expect(ruling).toMatchObject({ who: "Prof. Kim", turn: 1, payload: { proposal: deal.id, outcome: "accepted", reason } });
    expect(ruling.at).toBeTruthy();
    // A restart rebuilds the turn from its log: the ruling is part of it.
    expect(stateHash(await replayed(gameId))).toBe(stateHash(live(gameId)));

    // Russia's seat never answered: without the ruling the summit would be refused.
    expect(await facilitate(facilitator, 1, { action: "resolve" })).toEqual({ ok: true });
    await waitTurn(china, 2);
    const entries = (await china.fetchReports()).at(-1)!.entries;
    expect(entries.find((e) => e.kind === "deal" && e.id === "bilateral_summit")).toMatchObject({ outcome: "accepted" });
    const news = entries.find((e) => e.id === `ruling-${deal.id}`)!;
    expect(news.headline).toMatch(/^Control's ruling: .*Bilateral summit.* goes ahead$/);
    expect(news.text).toContain(reason);
    const report = await (await fetch(`${s.url}${exportPath(gameId, "report")}`, { headers: { authorization: `Bearer ${facilitator.credential.token}` } })).text();
    expect(report).toContain("Control&#39;s ruling");
    expect(report).toContain(reason.replace(/'/g, "&#39;"));

    // A rollback replays turn 1 with the ruling still on the summit, and resolves to the same outcome.
    const after = stateHash(live(gameId));
    expect(await facilitate(facilitator, 2, { action: "rollback", reason: "replay the summit month" })).toEqual({ ok: true });
    await waitFor(() => facilitator.snapshot().view.turn === 1, "back on turn 1");
    expect(facilitator.snapshot().view.proposals.find((p) => p.id === deal.id)?.ruling).toEqual({ outcome: "accepted", reason });
    expect(await facilitate(facilitator, 1, { action: "resolve" })).toEqual({ ok: true });
    await waitTurn(china, 2);
    expect(stateHash(live(gameId))).toBe(after);
    // A what-if copy from turn 2 keeps turn 1's news, the ruling with it.
    const fork = await facilitator.fork(2);
    const forked = await s.lobby.resume(fork.credential);
    expect((await forked.fetchReports()).find((r) => r.turn === 1)?.entries.find((e) => e.id === `ruling-${deal.id}`)?.text).toContain(reason);
    expect(stateHash(live(fork.gameId))).toBe(stateHash((await s.store.turnState(gameId, 2))!));
    for (const p of [facilitator, china, forked]) await p.leave();
  });

  it("lists injects scheduled for later turns to the facilitator only; a cancelled one never fires and the log says who cancelled it", async () => {
    const { facilitator, china } = await game();
    const seen: string[] = [];
    china.onInject((e) => seen.push(e.headline));
    expect(await facilitate(facilitator, 1, { action: "custom", turn: 2, headline: "Typhoon season begins", changes: [{ subject: "JPN.stability", by: -2 }] })).toEqual({ ok: true });
    expect(await facilitate(facilitator, 1, { action: "inject", turn: 3, event: "trash_balloons" })).toEqual({ ok: true });
    const list = await waitFor(() => (facilitator.snapshot().scheduled?.length === 2 ? facilitator.snapshot().scheduled : undefined), "both listed");
    expect(list.map((x) => [x.turn, x.kind, x.who])).toEqual([
      [2, "custom", "Prof. Kim"],
      [3, "event", "Prof. Kim"],
    ]);
    expect(list[0]!.headline).toBe("Typhoon season begins");
    expect(china.snapshot().scheduled).toBeUndefined();
    expect(await china.request({ type: "facilitate", turn: 1, command: { action: "cancel-inject", id: list[0]!.id } })).toMatchObject({ ok: false, error: { code: "role/not_facilitator" } });
    expect(await facilitate(facilitator, 1, { action: "cancel-inject", id: list[0]!.id })).toEqual({ ok: true });
    await waitFor(() => facilitator.snapshot().scheduled?.length === 1, "one left");
    expect(await facilitate(facilitator, 1, { action: "cancel-inject", id: list[0]!.id })).toMatchObject({ ok: false, error: { code: "control/no_such_inject" } });
    expect((await actions(facilitator)).find((a) => (a.payload as { action?: string }).action === "cancel-inject")).toMatchObject({ who: "Prof. Kim", payload: { id: list[0]!.id, headline: "Typhoon season begins", turn: 2 } });
    expect(await facilitate(facilitator, 1, { action: "resolve" })).toEqual({ ok: true });
    await waitTurn(china, 2);
    expect(await facilitate(facilitator, 2, { action: "resolve" })).toEqual({ ok: true });
    await waitTurn(china, 3);
    await waitFor(() => seen.length > 0, "the event scheduled for turn 3 fires");
    expect(seen).not.toContain("Typhoon season begins");
    await waitFor(() => facilitator.snapshot().scheduled?.length === 0, "nothing left scheduled");
    for (const p of [facilitator, china]) await p.leave();
  });
});

describe("the clock", () => {
  it("shortens the turn, sets a wall-clock deadline, and follows a schedule of rounds", async () => {
    const { facilitator, china } = await game();
    const first = facilitator.snapshot().clock.deadline!;
    expect(await facilitate(facilitator, 1, { action: "shorten", minutes: 5 })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().clock.deadline === first - 5 * MIN, "shortened");
    const at = clock.now() + 3 * 24 * 60 * MIN;
    expect(await facilitate(facilitator, 1, { action: "deadline", at })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().clock.deadline === at, "wall-clock deadline");
    const week2 = clock.now() + 7 * 24 * 60 * MIN;
    expect(await facilitate(facilitator, 1, { action: "rounds", rounds: [{ turn: 2, at: week2 }] })).toEqual({ ok: true });
    expect(await facilitate(facilitator, 1, { action: "deadline", at: clock.now() - 1 })).toMatchObject({ ok: false, error: { code: "clock/in_past" } });
    clock.advance(3 * 24 * 60 * MIN);
    await waitTurn(china, 2);
    await waitFor(() => china.snapshot().clock.deadline === week2, "turn 2 ends at its scheduled round");
    for (const p of [facilitator, china]) await p.leave();
  });
});

describe("rollback and fork", () => {
  it("rolls back the last turn with a logged reason, replays its orders, and resolves again to the same outcome", async () => {
    const { facilitator, china, gameId } = await game();
    expect(await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] })).toEqual({ ok: true });
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(china, 2);
    const after = stateHash(live(gameId));

    expect(await facilitate(facilitator, 2, { action: "rollback", reason: "China's player clicked the wrong target" })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().view.turn === 1, "back on turn 1");
    expect(china.snapshot().status).toBe("paused");
    expect(china.snapshot().view.orders["CHN"]).toEqual([{ move: "expand_trade", target: "KOR" }]);
    expect(china.snapshot().view.locked["CHN"]).toBeFalsy();
    expect(stateHash(await replayed(gameId))).toBe(stateHash(live(gameId)));
    const log = await actions(facilitator);
    expect(log.find((a) => a.kind === "rollback")).toMatchObject({ who: "Prof. Kim", payload: { from: 2, to: 1, reason: "China's player clicked the wrong target" } });
    expect(log.some((a) => a.kind === "undone:resolved")).toBe(true);

    // Nothing changed: the same seed and orders resolve to the same state.
    expect(await facilitate(facilitator, 1, { action: "resume" })).toEqual({ ok: true });
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(china, 2);
    expect(stateHash(live(gameId))).toBe(after);
    expect(await facilitate(facilitator, 2, { action: "rollback", reason: "again" })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().view.turn === 1, "back again");
    expect(await facilitate(facilitator, 1, { action: "rollback", reason: "too far" })).toMatchObject({ ok: false, error: { code: "control/nothing_to_undo" } });
    for (const p of [facilitator, china]) await p.leave();
  });

  it("forks a what-if copy from an earlier turn: a new game in its waiting room, at that turn's start", async () => {
    const { facilitator, china, gameId } = await game();
    expect(await facilitate(facilitator, 1, { action: "resolve" })).toEqual({ ok: true });
    await waitTurn(china, 2);
    expect(await facilitate(facilitator, 2, { action: "resolve" })).toEqual({ ok: true });
    await waitTurn(china, 3);
    const turn2 = (await s.store.turnState(gameId, 2))!;
    const fork = await facilitator.fork(2);
    expect(fork.gameId).not.toBe(gameId);
    const forked = await s.lobby.resume(fork.credential);
    expect(forked.snapshot().status).toBe("lobby");
    expect(forked.snapshot().view.turn).toBe(2);
    expect(stateHash(live(fork.gameId))).toBe(stateHash(turn2));
    expect((await forked.fetchReports()).map((r) => r.turn)).toEqual([1]);
    // The original goes on untouched; both logs record the fork.
    expect(china.snapshot().view.turn).toBe(3);
    expect((await actions(facilitator)).find((a) => a.kind === "fork")).toMatchObject({ payload: { from: gameId, to: fork.gameId, turn: 2 } });
    await expect(china.fork(1)).rejects.toMatchObject({ reason: { code: "role/not_facilitator" } });
    await expect(facilitator.fork(9)).rejects.toMatchObject({ reason: { code: "control/no_such_turn" } });
    for (const p of [facilitator, china, forked]) await p.leave();
  });
});

describe("the projector's scoreboard", () => {
  it("is hidden until the facilitator shows it; an observer (the projector) sees the switch", async () => {
    const { facilitator, china, gameId } = await game();
    const projector = await s.lobby.join(gameId, { observer: true, name: "Projector" });
    expect(projector.snapshot().scoreboard).toBe(false);
    expect(await facilitate(facilitator, 1, { action: "scoreboard", show: true })).toEqual({ ok: true });
    await waitFor(() => projector.snapshot().scoreboard === true, "scoreboard shown");
    expect(await china.request({ type: "facilitate", turn: 1, command: { action: "scoreboard", show: false } })).toMatchObject({ ok: false, error: { code: "role/not_facilitator" } });
    for (const p of [facilitator, china, projector]) await p.leave();
  });
});
