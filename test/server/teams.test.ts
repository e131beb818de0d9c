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
});
