// Bots negotiate with people: a seat played by a bot answers a person's proposal at once, with a
// one-line reason the person reads in their private conversation; at the start of a turn a bot
// seat puts its offers to people, who answer them during the turn. Decisions are logged with the
// bot's plan, so a replay after a restart repeats them exactly.
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

type Action = { kind: string; seat: string | null; who: string; turn: number; payload: Record<string, unknown> };

describe("bots at the table with people", () => {
  it("answer a person's proposal within seconds, saying why in a private message", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "bot", botLevel: "fast" });
    const gameId = facilitator.credential.gameId;
    const china = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const started = Date.now();
    expect(await china.request({ type: "propose", turn: 1, order: { move: "trade_deal", target: "KOR" } })).toEqual({ ok: true });
    // Seoul's seat is empty, so its bot answers now, not at the end of the turn.
    const deal = await waitFor(() => china.snapshot().view.proposals.find((p) => p.from === "CHN" && p.answers["KOR"] !== undefined), "Seoul's answer");
    expect(Date.now() - started).toBeLessThan(5_000);
    const note = await waitFor(() => china.snapshot().messages.find((m) => m.from === "KOR"), "Seoul's reason");
    expect(note).toMatchObject({ channel: ["CHN", "KOR"], author: "bot" });
    expect(note.text).toMatch(new RegExp(`^Seoul ${deal.answers["KOR"] === "accept" ? "accepts" : "declines"}: `));
    expect(note.text).not.toMatch(/\b[A-Z]{3}\b|_/); // names and labels, not ids
    // The facilitator reads it too (on another connection: no order between the two), nobody else does.
    await waitFor(() => facilitator.snapshot().messages.some((m) => m.from === "KOR"), "the facilitator's copy");
    const russia = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    await waitFor(() => russia.snapshot().view.turn === 1 && russia.snapshot().seats.length > 0, "Russia's view");
    expect(russia.snapshot().messages.some((m) => m.from === "KOR")).toBe(false);
    for (const p of [facilitator, china, russia]) await p.leave();
  });

  it("put their offers to people at the start of a turn; the people answer during the turn", async () => {
    // A fixed seed: whether the bots have an offer worth making in turns 2-5 depends on the dice.
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "bot", botLevel: "fast", seed: "bot-talks-offers" });
    const gameId = facilitator.credential.gameId;
    const korea = await s.lobby.join(gameId, { seat: "KOR", name: "Min" });
    const japan = await s.lobby.join(gameId, { seat: "JPN", name: "Chie" });
    // Turn 1: the people lock in; bots fill the four other seats at resolution.
    for (const p of [korea, japan]) expect(await p.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(korea, 2);
    // Over the next turns the bot seats make offers to Seoul and Tokyo before they move.
    let offers: { id: string; from: string; turn: number }[] = [];
    const offersIn = (turn: number) =>
      [...korea.snapshot().view.proposals, ...japan.snapshot().view.proposals].filter((p) => p.turn === turn && ["CHN", "RUS", "PRK", "USA"].includes(p.from));
    for (let turn = 2; turn <= 5 && offers.length === 0; turn++) {
      await waitTurn(korea, turn);
      await waitTurn(japan, turn);
      offers = await waitFor(() => offersIn(turn).length > 0 && offersIn(turn), `offers on turn ${turn}`, 3_000).catch(() => []);
      if (offers.length === 0) for (const p of [korea, japan]) expect(await p.request({ type: "lock", turn, locked: true })).toEqual({ ok: true });
    }
    expect(offers.length).toBeGreaterThan(0);
    const offer = offers[0]!;
    const to = korea.snapshot().view.proposals.some((p) => p.id === offer.id) ? korea : japan;
    const seat = to === korea ? "KOR" : "JPN";
    const p = to.snapshot().view.proposals.find((x) => x.id === offer.id)!;
    // Still open: the person decides.
    expect(p.answers[seat]).toBeUndefined();
    const answer = p.kind === "deal" ? "accept" : "yes";
    expect(await to.request({ type: "answer", turn: offer.turn, proposal: offer.id, answer })).toEqual({ ok: true });
    const log = ((await facilitator.exportDebrief()) as { actions: Action[] }).actions;
    const made = log.find((a) => a.kind === "propose" && a.seat === offer.from && a.turn === offer.turn && a.who === "bot");
    expect(made).toBeDefined();
    // The bot's orders waited for the resolution: no bot-play of that seat yet this turn.
    expect(log.some((a) => a.kind === "bot-play" && a.seat === offer.from && a.turn === offer.turn)).toBe(false);
    // Earlier turns' bot moves are logged with their plan.
    const played = log.find((a) => a.kind === "bot-play" && a.turn === 1)!;
    expect(played.payload.plan).toMatchObject({ orders: expect.any(Array), proposals: expect.any(Array) });
    // What a bot plays at resolution puts nothing to Seoul or Tokyo: they could not answer it, and it
    // would be turned down in their name. (Both sit on the 2024 Security Council, so no drafts either.)
    const atResolution = log.filter((a) => a.kind === "bot-play" && a.who === "missing");
    expect(atResolution.length).toBeGreaterThanOrEqual(4);
    for (const a of atResolution) {
      const proposals = (a.payload.plan as { proposals: { move: string; target?: string }[] }).proposals;
      expect(proposals.filter((o) => o.target === "KOR" || o.target === "JPN" || o.move.startsWith("un_"))).toEqual([]);
    }
    for (const x of [facilitator, korea, japan]) await x.leave();
  }, 60_000);
});
