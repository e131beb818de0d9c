// A complete game of the first scenario over the network: two people, four bots, every turn
// to the end, then the facilitator's debrief export.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { compileRules, moveOptions } from "../../shared/engine/index.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import type { Order } from "../../shared/engine/types.ts";
import { startServer, waitFor, waitTurn, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

/** The first legal, affordable move that needs no consent: what a hurried player would pick. */
function firstLegalOrder(session: ColyseusSession): Order[] {
  const seat = session.credential.seat!;
  const view = session.snapshot().view;
  const rules = compileRules(session.scenario);
  const left = (view.budget?.total ?? 0) - (view.budget?.spent ?? 0);
  for (const o of moveOptions(rules, view, seat)) {
    if (!o.available || o.accept !== "none" || o.cost > left) continue;
    const params = Object.fromEntries(Object.entries(o.params).map(([k, p]) => [k, p.choices[0]!]));
    const target = o.targets.find((t) => t.legal)?.id;
    if (o.targets.length > 0 && !target) continue;
    return [{ move: o.move, ...(target ? { target } : {}), ...(Object.keys(params).length ? { params } : {}) }];
  }
  return [];
}

describe("a complete game", () => {
  it("two humans and four bots play the first scenario to its final turn", async () => {
    const facilitator = await s.lobby.createGame({ name: "Seminar A", turnMinutes: 0, missingSeats: "bot" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    const watcher = await s.lobby.join(gameId, { observer: true, name: "Press" });
    const turns = china.scenario.turns.count;
    expect(turns).toBe(12);

    const reports: number[] = [];
    china.onReport((r) => reports.push(r.turn));
    const errors: string[] = [];
    for (const p of [china, russia]) p.onError((e) => errors.push(`${e.code}: ${e.message}`));

    // The four unclaimed seats are marked as bots; their bots play when each turn resolves.
    const seats = await waitFor(() => {
      const list = facilitator.snapshot().seats;
      return list.filter((x) => x.players.length > 0).length === 2 && list;
    }, "two claimed seats");
    expect(seats.filter((x) => x.bot).map((x) => x.id).sort()).toEqual(["JPN", "KOR", "PRK", "USA"]);

    for (let turn = 1; turn <= turns; turn++) {
      await waitTurn(china, turn);
      await waitTurn(russia, turn);
      if (turn === 7) {
        // History built turn by turn on a live connection equals what a newcomer is sent.
        await waitTurn(watcher, 7);
        const late = await s.lobby.join(gameId, { observer: true, name: "Late" });
        await waitFor(() => late.snapshot().view.history.length === 7, "late observer history");
        expect(watcher.snapshot().view.history).toEqual(late.snapshot().view.history);
        await waitFor(() => china.snapshot().view.history.length === 7, "China history");
        await late.leave();
      }
      for (const p of [china, russia]) {
        const orders = firstLegalOrder(p);
        if (orders.length) expect(await p.request({ type: "orders", turn, orders })).toEqual({ ok: true });
        expect(await p.request({ type: "lock", turn, locked: true })).toEqual({ ok: true });
      }
    }

    // The last report and the revealed history follow the final patch.
    const end = await waitFor(() => china.snapshot().status === "over" && china.snapshot().view.history.length === turns + 1 && china.snapshot(), "game over", 15_000);
    expect(end.view.phase).toBe("over");
    expect(end.view.history.length).toBe(turns + 1);
    await waitFor(() => reports.length === turns, "a report for every turn");
    expect(reports).toEqual(Array.from({ length: turns }, (_, i) => i + 1));
    expect(errors).toEqual([]);
    // At the end every seat's objectives are revealed with a score.
    expect(Object.keys(end.view.scores).sort()).toEqual(["CHN", "JPN", "KOR", "PRK", "RUS", "USA"]);
    expect(end.view.scores["RUS"]!.objectives.some((o) => o.secret)).toBe(true);

    // No more orders once it is over.
    expect(await china.request({ type: "lock", turn: end.view.turn, locked: false })).toMatchObject({ ok: false, error: { code: "game/over" } });

    const debrief = (await facilitator.exportDebrief()) as { actions: { kind: string; who: string }[]; reports: unknown[]; history: unknown[] };
    expect(debrief.reports).toHaveLength(turns);
    expect(debrief.history).toHaveLength(turns + 1);
    expect(debrief.actions.filter((a) => a.kind === "resolved")).toHaveLength(turns);
    expect(debrief.actions.some((a) => a.kind === "lock" && a.who === "Ana")).toBe(true);
    for (const p of [facilitator, china, russia, watcher]) await p.leave();
  }, 120_000);
});
