// Negotiation: private, group and public messages reach exactly their readers and survive a
// rejoin; a trade deal put to another seat is accepted and takes effect at resolution.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import type { TurnReport } from "../../shared/engine/types.ts";
import { startServer, waitFor, waitTurn, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

async function table() {
  const facilitator = await s.lobby.createGame({ turnMinutes: 0 });
  const gameId = facilitator.credential.gameId;
  const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
  const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
  const japan = await s.lobby.join(gameId, { seat: "JPN", name: "Chie" });
  const observer = await s.lobby.join(gameId, { observer: true, name: "Press" });
  return { facilitator, china, russia, japan, observer, gameId };
}

const texts = (p: { snapshot(): { messages: { text: string }[] } }) => p.snapshot().messages.map((m) => m.text);

describe("messages", () => {
  it("private, group and public messages reach only their readers, and come back after a rejoin", async () => {
    const { facilitator, china, russia, japan, observer } = await table();
    china.chat(["RUS", "CHN"], "Just between us: the border crossing.");
    russia.chat(["CHN", "RUS", "JPN"], "A three-way word on fisheries.");
    japan.chat("public", "Japan calls for calm.");
    await waitFor(() => texts(observer).includes("Japan calls for calm."), "public message at the observer");
    await waitFor(() => texts(facilitator).length === 3, "facilitator sees all three");
    await waitFor(() => texts(china).length === 3 && texts(russia).length === 3 && texts(japan).length === 2, "members see theirs");

    expect(texts(japan).sort()).toEqual(["A three-way word on fisheries.", "Japan calls for calm."]);
    expect(texts(observer)).toEqual(["Japan calls for calm."]);
    const privateMsg = china.snapshot().messages.find((m) => m.text.startsWith("Just between us"))!;
    expect(privateMsg).toMatchObject({ from: "CHN", author: "Ana", channel: ["CHN", "RUS"], turn: 1 });

    // A seat cannot write into a conversation it is not part of, and observers cannot write at all.
    expect(await japan.request({ type: "chat", channel: ["CHN", "RUS"], text: "Let me in" })).toMatchObject({ ok: false, error: { code: "chat/not_member" } });
    expect(await observer.request({ type: "chat", channel: "public", text: "A question" })).toMatchObject({ ok: false, error: { code: "chat/observer" } });

    // Messages are kept with the game: a returning player gets exactly what they may read.
    const credential = japan.credential;
    await japan.leave();
    const back = await s.lobby.resume(credential);
    await waitFor(() => texts(back).length === 2, "history after rejoin");
    expect(texts(back).sort()).toEqual(["A three-way word on fisheries.", "Japan calls for calm."]);
    for (const p of [facilitator, china, russia, back, observer]) await p.leave();
  });
});

describe("proposals", () => {
  it("a trade deal the partner accepts takes effect when the turn resolves; nobody else sees it", async () => {
    const { facilitator, china, russia, japan, observer } = await table();
    // China's seat was free until Ana claimed it: nothing was spent in her name.
    expect(china.snapshot().view.budget?.spent).toBe(0);
    expect(await china.request({ type: "propose", turn: 1, order: { move: "trade_deal", target: "RUS" } })).toEqual({ ok: true });
    const offer = await waitFor(() => russia.snapshot().view.proposals.find((p) => p.from === "CHN"), "the offer reaches Russia");
    expect(offer).toMatchObject({ kind: "deal", to: ["RUS"], order: { move: "trade_deal", target: "RUS" } });
    expect(japan.snapshot().view.proposals.some((p) => p.id === offer.id)).toBe(false);
    expect(observer.snapshot().view.proposals.some((p) => p.id === offer.id)).toBe(false);

    // Only the addressee may answer, and only once.
    // Japan cannot see the offer, so it gets the same answer as for an offer that does not exist.
    expect(await japan.request({ type: "answer", turn: 1, proposal: offer.id, answer: "accept" })).toMatchObject({ ok: false, error: { code: "proposal/unknown" } });
    expect(await china.request({ type: "answer", turn: 1, proposal: offer.id, answer: "accept" })).toMatchObject({ ok: false, error: { code: "proposal/not_addressee" } });
    expect(await russia.request({ type: "answer", turn: 1, proposal: offer.id, answer: "accept" })).toEqual({ ok: true });
    await waitFor(() => china.snapshot().view.proposals.find((p) => p.id === offer.id)?.answers["RUS"] === "accept", "China sees the acceptance");

    const tradeBefore = china.snapshot().view.trade["CHN:RUS"]!;
    const reports: TurnReport[] = [];
    china.onReport((r) => reports.push(r));
    for (const p of [china, russia, japan]) expect(await p.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(china, 2);
    await waitFor(() => reports.length === 1, "turn report");
    expect(reports[0]!.entries.find((e) => e.kind === "deal" && e.actor === "CHN")).toMatchObject({ target: "RUS", outcome: "accepted" });
    // The state carries the relation's value; asked why, the room names the deal among its reasons.
    const why = await china.opinions("CHN", "RUS");
    expect(why.modifiers.some((m) => m.label === "Trade deal" && m.value > 0)).toBe(true);
    expect(why.modifiers.reduce((v, m) => v + m.value, why.base)).toBe(china.snapshot().view.relations["CHN:RUS"]!.base);
    // Trade grew by the deal (other forces act on it too, so compare with the deal's factor).
    expect(china.snapshot().view.trade["CHN:RUS"]!).toBeGreaterThan(tradeBefore * 1.02);
    // Reports with their explanations can be fetched on demand.
    const full = await china.fetchReports();
    expect(full[0]!.explanations.length).toBeGreaterThan(0);
    for (const p of [facilitator, china, russia, japan, observer]) await p.leave();
  });
});
