// Why two countries stand where they do: the state carries each relation's value only, and a
// player asks the room for its opinion modifiers. The reply is the asker's own view: a covert
// move's modifier reads "Unexplained shift" to everyone but its author until it is found out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { Opinions } from "../../shared/protocol.ts";
import { startServer, waitTurn, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

const SECRET_LABEL = "Munitions for the front";
const total = (o: Opinions) => o.modifiers.reduce((v, m) => v + m.value, o.base);

describe("opinions", () => {
  it("name a relation's reasons as the asker may know them, adding up to the value every viewer has", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, seed: "opinions-1" });
    const gameId = facilitator.credential.gameId;
    const pyongyang = await s.lobby.join(gameId, { seat: "PRK", name: "Kim" });
    const moscow = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    const press = await s.lobby.join(gameId, { observer: true, name: "Press" });

    // North Korea ships munitions to Russia in secret.
    expect(await pyongyang.request({ type: "orders", turn: 1, orders: [{ move: "munitions_shipment" }] })).toEqual({ ok: true });
    for (const p of [pyongyang, moscow]) expect(await p.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(pyongyang, 2);
    await waitTurn(moscow, 2);
    await waitTurn(press, 2);
    // Found out this turn, the origin would be public; this seeded game keeps it secret.
    expect(facilitator.snapshot().view.covert.find((c) => c.by === "PRK")?.discovered).toBeUndefined();

    const author = await pyongyang.opinions("PRK", "RUS");
    const partner = await moscow.opinions("RUS", "PRK");
    const watcher = await press.opinions("PRK", "RUS");
    expect(author.modifiers.find((m) => m.label === SECRET_LABEL)).toMatchObject({ value: 5, turn: 1, cause: { kind: "move", id: "munitions_shipment", actor: "PRK" } });
    for (const other of [partner, watcher]) {
      expect(JSON.stringify(other)).not.toContain(SECRET_LABEL);
      expect(JSON.stringify(other)).not.toContain("munitions_shipment");
      expect(other.modifiers.find((m) => m.label === "Unexplained shift")).toMatchObject({ value: 5, turn: 1, cause: { kind: "unknown" } });
    }
    // The reasons add up to the relation's value in the state, the same for every viewer.
    const value = pyongyang.snapshot().view.relations["PRK:RUS"]!;
    expect(value.modifiers).toEqual([]);
    for (const [who, reply] of [[pyongyang, author], [moscow, partner], [press, watcher]] as const) {
      expect(total(reply)).toBe(value.base);
      expect(who.snapshot().view.relations["PRK:RUS"]).toEqual(value);
    }
    for (const p of [facilitator, pyongyang, moscow, press]) await p.leave();
  });

  it("refuses a malformed or unknown pair with a clear error, and a flood of requests with the rate limit", async () => {
    // A small budget, so a burst meets it before the per-connection message cap (which closes the socket).
    const tight = await startServer(await freePort(), { limits: { actBurst: 10, actPerSecond: 0.5 } });
    const facilitator = await tight.lobby.createGame({ turnMinutes: 0 });
    const china = await tight.lobby.join(facilitator.credential.gameId, { seat: "CHN", name: "Ana" });
    const room = china.currentRoom;
    for (const payload of [{ between: ["CHN", "CHN"] }, { between: ["CHN", "constructor"] }, { between: ["CHN", "ATLANTIS"] }, { between: "CHN:RUS" }, "CHN", null]) {
      await expect(room.request("opinions", payload)).rejects.toMatchObject({ reason: { code: "message/invalid", request: "opinions" } });
    }
    // A pair with no relation written yet is simply where it started.
    expect(await china.opinions("RUS", "CHN")).toMatchObject({ between: ["RUS", "CHN"], modifiers: [] });
    // One client asking often spends its action budget, then is told to wait; nothing else breaks.
    const replies = await Promise.allSettled(Array.from({ length: 20 }, () => china.opinions("CHN", "USA")));
    const refused = replies.filter((r) => r.status === "rejected");
    expect(refused.length).toBeGreaterThan(10);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ reason: { code: "request/rate_limited" } });
    // Its own budget: orders and locks still go through.
    expect(await china.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    for (const p of [facilitator, china]) await p.leave();
    await tight.close();
  });
});
