// Issue 8, case 11 (server side): answering a proposal this seat cannot see gets exactly the reply
// a made-up id gets, so nobody learns that others made private deals, or how many.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { startServer, waitFor, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

describe("proposal ids", () => {
  it("an invisible proposal and a made-up one answer alike (proposal/unknown)", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const japan = await s.lobby.join(gameId, { seat: "JPN", name: "Chie" });
    expect(await china.request({ type: "propose", turn: 1, order: { move: "trade_deal", target: "KOR" } })).toEqual({ ok: true });
    const real = await waitFor(() => facilitator.snapshot().view.proposals.find((p) => p.from === "CHN"), "China's private offer");
    const madeUp = `p1-${Number(real.id.split("-")[1]) + 7}`;
    const a = await japan.request({ type: "answer", turn: 1, proposal: real.id, answer: "accept" });
    const b = await japan.request({ type: "answer", turn: 1, proposal: madeUp, answer: "accept" });
    expect(a).toMatchObject({ ok: false, error: { code: "proposal/unknown" } });
    expect(b).toMatchObject({ ok: false, error: { code: "proposal/unknown" } });
    const strip = (r: typeof a, id: string) => (r.ok ? r : { ...r, error: { ...r.error, message: r.error.message.replace(id, "<id>") } });
    expect(strip(a, real.id)).toEqual(strip(b, madeUp));
    for (const p of [facilitator, china, japan]) await p.leave();
  });
});
