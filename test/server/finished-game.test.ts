// A finished game stays viewable after a server restart: people resuming with their credential,
// or joining by id or code, see the final scores with secret objectives revealed, the timeline
// and the chat, and can change nothing.
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { startServer, tempDir, waitFor, waitTurn, type TestServer } from "./helpers.ts";

const dir = tempDir("faultline-finished-");
const dbFile = join(dir, "games.sqlite");
const servers: TestServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe("a finished game after a restart", () => {
  it("is reopened read-only for credentials and for joins by id or code", async () => {
    const first = await startServer(await freePort(), { dbFile });
    servers.push(first);
    const facilitator = await first.lobby.createGame({ turnMinutes: 0, missingSeats: "hold", name: "Done deal" });
    const gameId = facilitator.credential.gameId;
    const joinCode = (await first.store.getGame(gameId))!.joinCode;
    const china = await first.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    expect(await china.request({ type: "chat", channel: "public", text: "Good game, all." })).toEqual({ ok: true });
    const turns = china.scenario.turns.count;
    for (let turn = 1; turn <= turns; turn++) {
      await waitTurn(china, turn);
      expect(await china.request({ type: "lock", turn, locked: true })).toEqual({ ok: true });
    }
    const end = await waitFor(() => china.snapshot().status === "over" && china.snapshot().view.history.length === turns + 1 && china.snapshot(), "game over", 20_000);
    const finalScores = end.view.scores;
    const credential = china.credential;
    for (const p of [facilitator, china]) await p.leave();
    await first.close();
    servers.pop();

    // Another port: the test process would otherwise reuse a kept-alive socket to the closed server.
    const second = await startServer(await freePort(), { dbFile });
    servers.push(second);
    // The player comes back on her credential to the final state.
    const back = await second.lobby.resume(credential);
    const snap = await waitFor(() => back.snapshot().status === "over" && back.snapshot().view.history.length === turns + 1 && back.snapshot(), "final state after restart");
    expect(snap.view.phase).toBe("over");
    expect(snap.view.scores).toEqual(finalScores);
    expect(snap.view.scores["RUS"]!.objectives.some((o) => o.secret)).toBe(true);
    await waitFor(() => back.snapshot().messages.some((m) => m.text === "Good game, all."), "chat after restart");
    expect((await back.fetchReports()).length).toBe(turns);
    // Read-only: nothing can be ordered or said any more.
    expect(await back.request({ type: "lock", turn: snap.view.turn, locked: false })).toMatchObject({ ok: false, error: { code: "game/over" } });
    expect(await back.request({ type: "chat", channel: "public", text: "One more thing" })).toMatchObject({ ok: false, error: { code: "game/over" } });

    // An observer joining by code sees the same revealed ending.
    const press = await second.lobby.join(joinCode, { observer: true, name: "Press" });
    const seen = await waitFor(() => press.snapshot().view.history.length === turns + 1 && press.snapshot(), "observer's view");
    expect(seen.view.phase).toBe("over");
    expect(seen.view.scores).toEqual(finalScores);
    // Nobody can take a seat in a game that is over.
    expect((await second.lobby.describe(joinCode)).freeSeats).toEqual([]);
    await expect(second.lobby.join(gameId, { seat: "RUS", name: "Late" })).rejects.toThrow(/ended/);
    // The facilitator's credential still works too.
    const fac = await second.lobby.resume(facilitator.credential);
    await waitFor(() => fac.snapshot().status === "over", "facilitator back");
    for (const p of [back, press, fac]) await p.leave();
  }, 120_000);
});
