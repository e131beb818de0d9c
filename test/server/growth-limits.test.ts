// Issue 8, case 6: no unbounded growth. Game creation is limited per address (proxy headers do not
// get around it); games nobody joined are not live rooms (they open on a look-up and close when
// idle, and their clock reopens them); the game list is paged; the chat budget is per seat and
// survives reconnecting; chat history is sent in bounded pages.
import { matchMaker } from "@colyseus/core";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { ManualClock } from "../../server/clock.ts";
import { DEFAULT_LIMITS } from "../../server/limits.ts";
import type { LobbyGame } from "../../shared/protocol.ts";
import { createGame, startServer, waitFor, type TestServer } from "./helpers.ts";
import { httpFrom } from "./net.ts";

const MIN = 60_000;
const clock = new ManualClock(Date.UTC(2026, 5, 1, 9, 0));
let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort(), { clock, limits: { createPerHour: 5, createPerMinute: 100, unjoinedRoomSeconds: 1, idleRoomSeconds: 1 } });
});
afterAll(async () => {
  await s.close();
});

const live = (gameId: string) => matchMaker.getLocalRoomById(gameId) !== undefined;

describe("growth", () => {
  it("limits game creation per address, whatever X-Forwarded-For says", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await httpFrom("127.0.0.3", s.port, "POST", "/api/games", "{}", { "content-type": "application/json", "x-forwarded-for": `10.0.0.${i}` });
      statuses.push(r.status);
      if (r.status === 429) expect(JSON.parse(r.text)).toMatchObject({ code: "http/rate_limited" });
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429]);
    // Another address is not affected.
    expect((await httpFrom("127.0.0.4", s.port, "POST", "/api/games", "{}", { "content-type": "application/json" })).status).toBe(201);
  });

  it("keeps no live room for a game nobody joined; a look-up opens it, idleness closes it, its clock reopens it", async () => {
    const { gameId } = await createGame(s.url, { turnMinutes: 5, missingSeats: "hold" });
    expect(live(gameId)).toBe(false);
    await s.lobby.describe(gameId);
    expect(live(gameId)).toBe(true);
    await waitFor(() => !live(gameId), "the unjoined room closes", 5000);
    // A player comes and goes: the room closes again once idle.
    const p = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    expect(await p.request({ type: "lock", turn: 1, locked: false })).toMatchObject({ ok: false });
    await p.leave();
    await waitFor(() => !live(gameId), "the idle room closes", 5000);
    // The deadline comes: the room reopens by itself and the turn resolves.
    clock.advance(5 * MIN);
    await waitFor(async () => (await s.store.getGame(gameId))?.turn === 2, "resolved at the deadline with no room open before");
  });

  it("pages the game list", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await httpFrom(`127.0.1.${i}`, s.port, "POST", "/api/games", JSON.stringify({ name: `Paged ${i}` }), { "content-type": "application/json" })).text);
    const seen: string[] = [];
    let path = "/api/games?limit=3";
    let pages = 0;
    for (;;) {
      const res = await fetch(`${s.url}${path}`);
      const page = (await res.json()) as LobbyGame[];
      expect(page.length).toBeLessThanOrEqual(3);
      seen.push(...page.map((g) => g.name));
      pages++;
      const next = res.headers.get("x-next-page");
      if (!next) break;
      path = `/api/games?limit=3&before=${encodeURIComponent(next)}`;
    }
    expect(pages).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 7; i++) expect(seen).toContain(`Paged ${i}`);
    expect(new Set(seen).size).toBe(seen.length);
    // Without a limit, a page is at most 50 games.
    const all = (await (await fetch(`${s.url}/api/games?limit=100000`)).json()) as LobbyGame[];
    expect(all.length).toBeLessThanOrEqual(100);
  });

  it("keeps the chat budget per seat across reconnections", async () => {
    const { gameId } = await createGame(s.url, { turnMinutes: 0 });
    let china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    const t0 = Date.now();
    let accepted = 0;
    for (let i = 0; i < 40; i++) if ((await china.request({ type: "chat", channel: "public", text: `a${i}` })).ok) accepted++;
    // Leave and come back on the credential, five times, flooding each time.
    for (let round = 0; round < 5; round++) {
      const cred = china.credential;
      await china.leave();
      china = await s.lobby.resume(cred);
      for (let i = 0; i < 10; i++) {
        const r = await china.request({ type: "chat", channel: "public", text: `b${round}-${i}` });
        if (r.ok) accepted++;
        else expect(r.error.code).toBe("request/rate_limited");
      }
    }
    await china.leave();
    const seconds = (Date.now() - t0) / 1000;
    expect(accepted).toBeLessThanOrEqual(DEFAULT_LIMITS.chatBurst + Math.ceil(seconds * DEFAULT_LIMITS.chatPerSecond) + 1);
    await waitFor(() => russia.snapshot().messages.length === accepted, "Russia got exactly the accepted ones");
    await russia.leave();
  });

  it("makes a connection cut off for flooding wait before its credential may rejoin", async () => {
    const { gameId } = await createGame(s.url, { turnMinutes: 0 });
    const session = await s.lobby.join(gameId, { seat: "KOR", name: "Spam" });
    const token = session.credential.token;
    await session.leave();
    const room = await new Client(s.url).joinById(gameId, { token });
    room.reconnection.enabled = false;
    room.onMessage("*", () => undefined);
    const closed = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    for (let i = 0; i < 200; i++) room.send("act", { type: "chat", channel: "public", text: `spam ${i}` });
    expect(await closed).toBe(4002);
    await expect(new Client(s.url).joinById(gameId, { token })).rejects.toThrow(/auth\/too_many: cut off for sending too many messages/);
  });

  it("sends the last page of chat on join and older pages on request", async () => {
    const created = await createGame(s.url, { turnMinutes: 0 });
    const gameId = created.gameId;
    // 260 messages in the log: 200 public, 60 private between China and Russia.
    for (let i = 0; i < 260; i++) {
      const priv = i % 13 === 0 || i % 13 === 1 || i % 13 === 2;
      const payload = { turn: 1, from: "CHN", author: "Ana", channel: priv ? ["CHN", "RUS"] : "public", text: `m${i}`, at: clock.now() };
      await s.store.appendAction(gameId, { turn: 1, at: clock.now(), kind: "chat", seat: "CHN", who: "Ana", payload });
    }
    const watcher = await s.lobby.join(gameId, { observer: true, name: "Olga" });
    await waitFor(() => watcher.snapshot().messages.length === DEFAULT_LIMITS.chatPage, "the last page on join");
    const texts = () => watcher.snapshot().messages.map((m) => m.text);
    expect(texts().at(-1)).toBe("m259");
    // The 200 public messages are two pages: the second one is the last.
    expect(await watcher.loadOlderMessages()).toBe(false);
    expect(texts().length).toBe(200);
    // Every public message once, in order, and no private one.
    const publicTexts = Array.from({ length: 260 }, (_, i) => i).filter((i) => ![0, 1, 2].includes(i % 13)).map((i) => `m${i}`);
    expect(texts()).toEqual(publicTexts);
    const fac = await s.lobby.resume(created.credential);
    await waitFor(() => fac.snapshot().messages.length === DEFAULT_LIMITS.chatPage, "the facilitator's last page");
    expect(fac.snapshot().messages.at(0)?.text).toBe("m160");
    for (const p of [watcher, fac]) await p.leave();
  });
});
