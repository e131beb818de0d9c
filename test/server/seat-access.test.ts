// Issue 8, cases 2 and 3: seats and roles are checked when the matchmaker reserves a place (the
// room's static onAuth), not when the socket connects; reservations without a credential are
// capped per address and hold no seat; a held seat is joined only with the team's consent (its
// team code, or a request its holder or the facilitator approves); the facilitator always gets in.
import { Client } from "@colyseus/sdk";
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { SeatAnswer, SeatRequest } from "../../shared/protocol.ts";
import { startServer, waitFor, type TestServer } from "./helpers.ts";

const PENDING_CAP = 10;
let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort(), { limits: { pendingReservationsPerAddress: PENDING_CAP, observersPerGame: 30 } });
});
afterAll(async () => {
  await s.close();
});

/** A raw matchmaking call, as a script would make it, from a loopback address of its own (the attacker's). */
function reserve(gameId: string, body: unknown, from = "127.0.0.2"): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = request(
      { host: "127.0.0.1", port: s.port, localAddress: from, method: "POST", path: `/matchmake/joinById/${gameId}`, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) } },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

describe("reservations (case 2)", () => {
  it("anonymous joinById gets nothing; claims are capped per address and hold no seat; the facilitator always gets back in", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    const credential = facilitator.credential;
    await facilitator.leave();

    // No credential, a made-up one, or the other matchmaking calls: no reservation.
    for (const body of [{}, { hello: "world" }, { token: "x".repeat(32) }, { claim: { seat: "CHN" } }]) {
      const r = await reserve(gameId, body);
      expect(r.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(r.text).not.toContain("sessionId");
    }
    for (const method of ["joinOrCreate", "join", "create"]) {
      const res = await fetch(`${s.url}/matchmake/${method}/game`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ claim: { observer: true, name: "x" } }) });
      expect(res.ok, method).toBe(false);
    }

    // ~70 anonymous reservations from one address: only the first few are granted, none holds a seat.
    const results = await Promise.all(Array.from({ length: 70 }, (_, i) => reserve(gameId, i % 2 ? { claim: { observer: true, name: `bot${i}` } } : { claim: { seat: "CHN", name: `bot${i}` } })));
    const granted = results.filter((r) => r.status === 200);
    expect(granted.length).toBeLessThanOrEqual(PENDING_CAP);
    expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(70 - PENDING_CAP);
    expect(results.find((r) => r.status === 429)!.text).toContain("auth/too_many");
    // Reserved but never used: China is still free.
    expect((await s.lobby.describe(gameId)).freeSeats).toContain("CHN");

    // The room is never locked: the facilitator comes back while those reservations are pending,
    // even from the attacker's own address (a credential is never capped).
    const fromAttacker = await reserve(gameId, { token: credential.token });
    expect(fromAttacker.status).toBe(200);
    const back = await s.lobby.resume(credential);
    expect(back.credential.role).toBe("facilitator");
    // And a real player (another address) can still take China.
    const ana = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    expect(ana.credential.seat).toBe("CHN");
    for (const p of [back, ana]) await p.leave();
  });

  it("a class behind one address joining in the same second all gets in: claims over the cap wait and try again", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    // Twice the cap of unused claims per address, all at once, through the lobby client.
    const pupils = await Promise.all(Array.from({ length: 2 * PENDING_CAP }, (_, i) => s.lobby.join(gameId, { observer: true, name: `pupil ${i}` })));
    expect(pupils.map((p) => p.credential.role)).toEqual(Array(2 * PENDING_CAP).fill("observer"));
    // A script that does not wait is still refused past the cap, with the code the client retries.
    const burst = await Promise.all(Array.from({ length: 2 * PENDING_CAP }, () => reserve(gameId, { claim: { seat: "CHN", name: "script" } }, "127.0.0.3")));
    expect(burst.find((r) => r.status === 429)?.text).toContain("auth/too_many_pending");
    for (const p of [...pupils, facilitator]) await p.leave();
  });

  it("caps observers per game but never the seat holders or the facilitator", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const chinaCred = china.credential;
    await china.leave();
    const watchers = [];
    for (let i = 0; i < 30; i++) watchers.push(await s.lobby.join(gameId, { observer: true, name: `w${i}` }));
    await expect(s.lobby.join(gameId, { observer: true, name: "one too many" })).rejects.toThrow(/auth\/too_many/);
    const again = await s.lobby.resume(chinaCred);
    const fac = await s.lobby.resume(facilitator.credential);
    expect(again.credential.seat).toBe("CHN");
    expect(fac.credential.role).toBe("facilitator");
    for (const p of [...watchers, again, fac]) await p.leave();
  }, 60_000);
});

describe("a held seat (case 3)", () => {
  it("cannot be taken by a stranger or an observer without the team's code or approval", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const placed = await china.request({ type: "orders", turn: 1, orders: [{ move: "expand_trade", target: "KOR" }] }).catch((e: { reason?: unknown }) => e.reason);
    expect(placed).toEqual({ ok: true });

    // A stranger with the game id: refused at reservation time, before any socket.
    const r = await reserve(gameId, { claim: { seat: "CHN", name: "Mallory" } });
    expect(r.status).toBe(403);
    expect(r.text).toContain("auth/seat_taken");
    await expect(s.lobby.join(gameId, { seat: "CHN", name: "Mallory", teamCode: "WRONGCODE99" })).rejects.toThrow(/auth\/seat_taken/);
    // Nothing of China's reached anyone: still one player, her orders unchanged.
    expect(facilitator.snapshot().seats.find((x) => x.id === "CHN")!.players.map((p) => p.name)).toEqual(["Ana"]);

    // The team code goes to the seat holder and to the facilitator (every seat's), and to nobody else.
    const code = china.teamCodes["CHN"]!;
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{12}$/);
    expect(facilitator.teamCodes["CHN"]).toBe(code);
    expect(Object.keys(facilitator.teamCodes).sort()).toEqual(["CHN", "JPN", "KOR", "PRK", "RUS", "USA"]);
    const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    expect(russia.teamCodes).toEqual({ RUS: russia.teamCodes["RUS"] });
    const watcher = await s.lobby.join(gameId, { observer: true, name: "Olga" });
    expect(watcher.teamCodes).toEqual({});

    // With the code (typed loosely), a teammate joins.
    const typed = `${code.slice(0, 4)}-${code.slice(4, 8)} ${code.slice(8)}`.toLowerCase();
    const teammate = await s.lobby.join(gameId, { seat: "CHN", name: "Bo", teamCode: typed });
    expect(teammate.credential.seat).toBe("CHN");

    // An observer cannot simply claim the seat...
    await expect(s.lobby.join(gameId, { seat: "CHN", name: "Olga" })).rejects.toThrow(/auth\/seat_taken/);
    // ...but can ask; only China's people and the facilitator hear of it, and one of them decides.
    const chinaHeard: SeatRequest[] = [];
    const russiaHeard: SeatRequest[] = [];
    const facHeard: SeatRequest[] = [];
    china.onSeatRequest((q) => chinaHeard.push(q));
    russia.onSeatRequest((q) => russiaHeard.push(q));
    facilitator.onSeatRequest((q) => facHeard.push(q));
    const answers: SeatAnswer[] = [];
    watcher.onSeatAnswer((a) => answers.push(a));
    await watcher.askSeat("CHN");
    const ask = await waitFor(() => chinaHeard[0], "China hears the request");
    expect(ask).toMatchObject({ seat: "CHN", name: "Olga" });
    await waitFor(() => facHeard.length === 1, "the facilitator hears it");
    // Russia may not decide for China (and learns nothing of it).
    await expect(russia.answerSeatRequest(ask.id, true)).rejects.toMatchObject({ reason: { code: "seat/unknown_request" } });
    expect(russiaHeard).toEqual([]);
    // A refusal first, then a new request that China's holder approves.
    await china.answerSeatRequest(ask.id, false);
    await waitFor(() => answers.length === 1, "the refusal");
    expect(answers[0]).toEqual({ seat: "CHN", approved: false });
    await watcher.askSeat("CHN");
    const ask2 = await waitFor(() => chinaHeard[1], "second request");
    await china.answerSeatRequest(ask2.id, true);
    const granted = await waitFor(() => answers.find((a) => a.approved), "the approval");
    expect(granted.credential).toMatchObject({ gameId, role: "player", seat: "CHN", name: "Olga" });
    const olga = await s.lobby.resume(granted.credential!);
    await waitFor(() => olga.snapshot().view.orders["CHN"]?.length === 1, "Olga sees her team's orders");
    expect(facilitator.snapshot().seats.find((x) => x.id === "CHN")!.players.map((p) => p.name).sort()).toEqual(["Ana", "Bo", "Olga"]);
    for (const p of [facilitator, china, russia, watcher, teammate, olga]) await p.leave();
  });

  it("reservations are checked in the matchmaker, before the seat is reserved (Colyseus 0.18 static onAuth)", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0 });
    const gameId = facilitator.credential.gameId;
    // A refused claim never reaches the room: no socket, no reservation counted by the room.
    const sdk = new Client(s.url);
    await expect(sdk.joinById(gameId, { claim: { seat: "NOPE", name: "x" } })).rejects.toThrow(/seat\/unknown/);
    await expect(sdk.joinById(gameId, {})).rejects.toThrow(/auth\/bad_options/);
    await facilitator.leave();
  });
});
