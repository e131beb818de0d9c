// Teams: several people on one country, by its team code or with the team's consent; the seat
// list shows who is on each team; a team's own chat is read by its people and the facilitator only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { FrameLog, recordingLobby, startServer, waitFor, type TestServer } from "./helpers.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

describe("a team of two on one country", () => {
  it("joins by code or by asking, is listed by name, and talks in a team chat other seats never receive", async () => {
    const facilitator = await s.lobby.createGame({ start: "facilitator" });
    const gameId = facilitator.credential.gameId;
    const ana = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const bo = await s.lobby.join(gameId, { seat: "CHN", name: "Bo", teamCode: ana.teamCodes["CHN"]! });
    const russiaFrames = new FrameLog();
    const boris = await recordingLobby(s.url, russiaFrames).join(gameId, { seat: "RUS", name: "Boris" });

    // A third person asks instead of typing a code; Bo lets them in.
    const chen = await s.lobby.join(gameId, { observer: true, name: "Chen" });
    const asked = new Promise<string>((resolve) => bo.onSeatRequest((r) => resolve(r.id)));
    const answer = new Promise<{ approved: boolean; credential?: unknown }>((resolve) => chen.onSeatAnswer(resolve));
    await chen.askSeat("CHN");
    await bo.answerSeatRequest(await asked, true);
    const granted = await answer;
    expect(granted.approved).toBe(true);
    await chen.leave();

    const res = await fetch(`${s.url}/api/games/${gameId}`);
    const described = (await res.json()) as { teams: Record<string, string[]>; takenSeats: string[] };
    expect(described.teams["CHN"]).toEqual(["Ana", "Bo", "Chen"]);
    expect(described.teams["RUS"]).toEqual(["Boris"]);

    // Team chat: a one-seat channel.
    expect(await ana.request({ type: "chat", channel: ["CHN"], text: "Our bottom line: no arms to Pyongyang." })).toEqual({ ok: true });
    await waitFor(() => bo.snapshot().messages.some((m) => m.text.startsWith("Our bottom line")), "teammate reads the team chat");
    await waitFor(() => facilitator.snapshot().messages.some((m) => m.text.startsWith("Our bottom line")), "facilitator reads it");
    expect(await boris.request({ type: "chat", channel: ["CHN"], text: "Let me in" })).toMatchObject({ ok: false, error: { code: "chat/not_member" } });
    expect(await boris.request({ type: "chat", channel: "public", text: "Public hello" })).toEqual({ ok: true });
    await waitFor(() => ana.snapshot().messages.some((m) => m.text === "Public hello"), "public arrives");
    expect(boris.snapshot().messages.some((m) => m.text.startsWith("Our bottom line"))).toBe(false);
    expect(russiaFrames.text(false)).not.toContain("Our bottom line");
    for (const p of [facilitator, ana, bo, boris]) await p.leave();
  });

  it("a request reaches the team and the facilitator whenever they come, leaves every screen once answered, and one whose asker left gives nobody a seat", async () => {
    const facilitator = await s.lobby.createGame({ start: "facilitator" });
    const gameId = facilitator.credential.gameId;
    const ana = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const anaSees: string[][] = [];
    ana.onSeatRequests((list) => anaSees.push(list.map((r) => r.name)));
    const eve = await s.lobby.join(gameId, { observer: true, name: "Eve" });
    const eveAnswers: { approved: boolean }[] = [];
    eve.onSeatAnswer((a) => eveAnswers.push(a));
    await eve.askSeat("CHN");
    await waitFor(() => anaSees.at(-1)?.includes("Eve"), "China's holder sees Eve's request");
    // The facilitator's console opened after the request was made still gets it.
    const console2 = await s.lobby.resume(facilitator.credential);
    let consoleSees: string[] = [];
    console2.onSeatRequests((list) => (consoleSees = list.map((r) => r.name)));
    await waitFor(() => consoleSees.includes("Eve"), "a console opened later sees the waiting request");
    const id = await new Promise<string>((resolve) => ana.onSeatRequests((l) => l[0] && resolve(l[0].id)));
    // Ana lets her in: the request leaves the facilitator's screens too, so nobody answers it twice.
    await ana.answerSeatRequest(id, true);
    await waitFor(() => consoleSees.length === 0, "the answered request leaves the facilitator's screen");
    await waitFor(() => anaSees.at(-1)?.length === 0, "and the holder's");
    await expect(console2.answerSeatRequest(id, true)).rejects.toMatchObject({ reason: { code: "seat/unknown_request" } });
    await waitFor(() => eveAnswers.length === 1, "Eve's answer");
    await eve.leave();

    // Finn asks, then closes his page before anyone answers: letting him in gives nobody a seat.
    const finn = await s.lobby.join(gameId, { observer: true, name: "Finn" });
    await finn.askSeat("CHN");
    await waitFor(() => consoleSees.includes("Finn"), "Finn's request arrives");
    const finnId = await new Promise<string>((resolve) => console2.onSeatRequests((l) => l[0] && resolve(l[0].id)));
    await finn.leave();
    // His leaving takes the request off the screens; answering it all the same is refused, with why.
    await waitFor(() => consoleSees.length === 0, "Finn's request leaves when he does");
    await expect(facilitator.answerSeatRequest(finnId, true)).rejects.toMatchObject({ reason: { code: expect.stringMatching(/^seat\/(unknown_request|asker_gone)$/) } });
    const described = (await (await fetch(`${s.url}/api/games/${gameId}`)).json()) as { teams: Record<string, string[]> };
    expect(described.teams["CHN"]).toEqual(["Ana", "Eve"]);
    for (const p of [facilitator, console2, ana]) await p.leave();
  });
});
