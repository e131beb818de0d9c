// Under the "bot" policy an empty seat's bot gives its orders only when the turn resolves: a
// person who claims a free seat mid-turn starts with the full budget and nothing ordered in their
// name, and the turn still resolves with bots filling the seats nobody took. (The seat's bot does
// answer people's offers at once, and that answer stays with the seat: bot-talks.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { startServer, waitFor, waitTurn, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

type Action = { kind: string; seat: string | null; who: string; turn: number };

describe("claiming a free seat under the bot policy", () => {
  it("gives the full budget and no bot orders or proposals; bots fill the other seats at resolution", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "bot" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const budget = china.scenario.turns.budget;
    const view = await waitFor(() => china.snapshot().view.budget && china.snapshot().view, "China's view");
    expect(view.budget).toEqual({ total: budget, spent: 0 });
    expect(view.orders["CHN"] ?? []).toEqual([]);
    expect(view.proposals.filter((p) => p.from === "CHN")).toEqual([]);
    expect(view.locked["CHN"]).toBeFalsy();

    // The whole budget can go on one offer plus orders, with nothing already spent for her.
    expect(await china.request({ type: "propose", turn: 1, order: { move: "trade_deal", target: "RUS" } })).toEqual({ ok: true });

    // A second person claiming a seat later in the turn finds it just as clean.
    const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    const rv = await waitFor(() => russia.snapshot().view.budget && russia.snapshot().view, "Russia's view");
    expect(rv.budget).toEqual({ total: budget, spent: 0 });
    expect(rv.orders["RUS"] ?? []).toEqual([]);
    expect(rv.proposals.filter((p) => p.from === "RUS")).toEqual([]);
    // Russia's bot answered China's offer while the seat was empty; Boris finds the answer given.
    expect(rv.proposals.find((p) => p.from === "CHN")?.answers["RUS"]).toMatch(/^(accept|reject)$/);

    // Empty seats are shown as bots but have not moved yet.
    const seats = facilitator.snapshot().seats;
    expect(seats.filter((x) => x.bot).map((x) => x.id).sort()).toEqual(["JPN", "KOR", "PRK", "USA"]);
    expect(facilitator.snapshot().view.locked["JPN"]).toBeFalsy();

    for (const p of [china, russia]) expect(await p.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(china, 2);
    await waitTurn(facilitator, 2);
    const log = ((await facilitator.exportDebrief()) as { actions: Action[] }).actions;
    const filled = log.filter((a) => a.kind === "bot-play" && a.turn === 1).map((a) => a.seat).sort();
    expect(filled).toEqual(["JPN", "KOR", "PRK", "USA"]);
    // Bots moved only at resolution: after the people's last lock-in.
    const lastHumanLock = log.map((a) => a.kind === "lock" && a.turn === 1).lastIndexOf(true);
    expect(log.findIndex((a) => a.kind === "bot-play")).toBeGreaterThan(lastHumanLock);
    // The bot seats' moves were carried out.
    const moves = china.snapshot().view.lastMoves;
    expect(["JPN", "KOR", "PRK", "USA"].some((seat) => (moves[seat]?.length ?? 0) > 0)).toBe(true);
    // Turn 2 starts clean for the people too: the bots wait again for the next resolution.
    await waitFor(() => china.snapshot().view.budget?.spent === 0, "fresh budget on turn 2");
    expect(facilitator.snapshot().view.locked["USA"]).toBeFalsy();
    for (const p of [facilitator, china, russia]) await p.leave();
  });
});
