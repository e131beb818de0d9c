// Secrets never reach a connection that may not see them. We record every raw frame an opponent
// and observers receive (initial state, patches, messages, after reconnecting, reports) and
// search them, then check the decoded views too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { encodePath } from "../../shared/view-codec.ts";
import { startServer, FrameLog, recordingLobby, waitFor, waitTurn, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort(), { reconnectSeconds: 20 });
});
afterAll(async () => {
  await s.close();
});

// China's secrets for this test.
const PRIVATE_TEXT = "ZEBRA-7: quiet word for Tokyo only";
const CHINA_SECRET_OBJECTIVE = "Keep the near monopoly over Pyongyang";
const RUSSIA_SECRET_OBJECTIVE = "Keep the munitions coming";
const COVERT = { move: "loosen_enforcement", params: { sector: "arms" } };

describe("secrets", () => {
  it("an opponent's and observers' connections never receive other seats' orders, covert moves, secret objectives or private messages", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, seed: "secrets-1" });
    const gameId = facilitator.credential.gameId;
    const chinaLog = new FrameLog();
    const russiaLog = new FrameLog();
    const watcherLog = new FrameLog();
    const china = await recordingLobby(s.url, chinaLog).join(gameId, { seat: "CHN", name: "Ana" });
    const russia = await recordingLobby(s.url, russiaLog).join(gameId, { seat: "RUS", name: "Boris" });
    const watcher = await recordingLobby(s.url, watcherLog).join(gameId, { observer: true, name: "Press" });

    // China: a covert move, a private deal offer to Korea, and a private message to Japan.
    expect(await china.request({ type: "orders", turn: 1, orders: [COVERT] })).toEqual({ ok: true });
    expect(await china.request({ type: "propose", turn: 1, order: { move: "trade_deal", target: "KOR" } })).toEqual({ ok: true });
    expect(await china.request({ type: "chat", channel: ["CHN", "JPN"], text: PRIVATE_TEXT })).toEqual({ ok: true });
    await waitFor(() => facilitator.snapshot().view.orders["CHN"]?.[0]?.move === COVERT.move, "the facilitator sees the covert order");
    await waitFor(() => facilitator.snapshot().messages.some((m) => m.text === PRIVATE_TEXT), "the facilitator sees the private message");

    // A second observer arrives now: its initial state must be as clean as the patches.
    const lateLog = new FrameLog();
    const late = await recordingLobby(s.url, lateLog).join(gameId, { observer: true, name: "Late press" });
    await waitFor(() => late.snapshot().seats.length === 6, "late observer state");

    // Russia drops and comes back on its reconnection token, then on its credential.
    russia.currentRoom.connection.close(4010, "network blip");
    await waitFor(() => russia.currentRoom.connection.isOpen && russia.snapshot().view.turn === 1, "token reconnect");
    const credential = russia.credential;
    await russia.leave();
    const russiaAgain = await recordingLobby(s.url, russiaLog).resume(credential);

    // Decoded: China's own view has its secrets; nobody else's does.
    expect(china.snapshot().view.orders["CHN"]).toEqual([COVERT]);
    expect(china.snapshot().view.scores["CHN"]!.objectives.some((o) => o.label === CHINA_SECRET_OBJECTIVE)).toBe(true);
    for (const other of [russiaAgain, watcher, late]) {
      const v = other.snapshot().view;
      expect(v.orders["CHN"]).toBeUndefined();
      expect(v.covert.filter((c) => c.by === "CHN")).toEqual([]);
      // China's private offer to Korea (a bot's earlier offers to Russia would be Russia's to see).
      expect(v.proposals.filter((p) => p.from === "CHN" && p.to.includes("KOR"))).toEqual([]);
      expect(v.scores["CHN"]!.objectives.some((o) => o.secret)).toBe(false);
      expect(other.snapshot().messages.some((m) => m.text === PRIVATE_TEXT)).toBe(false);
    }
    // Observers do not see Russia's secret objectives either.
    expect(watcher.snapshot().view.scores["RUS"]!.objectives.some((o) => o.secret)).toBe(false);

    // The turn resolves; the covert move stays undiscovered in this seeded game.
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    expect(await russiaAgain.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(russiaAgain, 2);
    await waitTurn(watcher, 2);
    await waitTurn(facilitator, 2);
    const covert = await waitFor(() => facilitator.snapshot().view.covert.find((c) => c.by === "CHN"), "the covert move on record");
    expect(covert.discovered).toBeUndefined();
    // Russia's and the observers' views do not list it after resolution either.
    for (const other of [russiaAgain, watcher, late]) expect(other.snapshot().view.covert.filter((c) => c.by === "CHN")).toEqual([]);
    const russiaReports = await russiaAgain.fetchReports();
    const watcherReports = await watcher.fetchReports();
    for (const r of [...russiaReports, ...watcherReports]) {
      expect(r.entries.filter((e) => e.actor === "CHN" && e.id === "loosen_enforcement")).toEqual([]);
    }
    expect(russiaAgain.snapshot().view.lastMoves["CHN"] ?? []).not.toContain("loosen_enforcement");
    // The facilitator's debrief is the facilitator's alone.
    await expect(russiaAgain.exportDebrief()).rejects.toMatchObject({ reason: { code: "role/not_facilitator" } });

    // Raw frames: none of China's secrets, in any frame, before or after resolution or reconnection.
    const chinaOrdersPath = encodePath(["orders", "CHN"]);
    const chinaSecrets = [PRIVATE_TEXT, CHINA_SECRET_OBJECTIVE, chinaOrdersPath];
    for (const [who, log] of [["Russia", russiaLog], ["observer", watcherLog], ["late observer", lateLog]] as const) {
      const text = log.text();
      expect(log.frames.length, who).toBeGreaterThan(5);
      for (const secret of chinaSecrets) expect(text.includes(secret), `${who} received "${secret}"`).toBe(false);
    }
    // Including the replies each of them asked for (reports with explanations, their scenario).
    for (const log of [russiaLog, watcherLog]) {
      const all = log.text(false);
      for (const secret of [PRIVATE_TEXT, CHINA_SECRET_OBJECTIVE]) expect(all.includes(secret)).toBe(false);
    }
    for (const log of [chinaLog, watcherLog, lateLog]) expect(log.text(false).includes(RUSSIA_SECRET_OBJECTIVE)).toBe(false);
    // The owner does receive its own secrets, so the search above can find them when they are there.
    expect(chinaLog.text(false).includes(CHINA_SECRET_OBJECTIVE)).toBe(true);
    expect(chinaLog.text().includes(PRIVATE_TEXT)).toBe(true);
    expect(chinaLog.text().includes(chinaOrdersPath)).toBe(true);

    for (const p of [facilitator, china, russiaAgain, watcher, late]) await p.leave();
  });
});
