// Leaving a team for good (the client's Leave): the server takes the person off the team (logged,
// kept over a restart), a seat with nobody left is free to take and played by a bot meanwhile, a
// person who comes back under the same name is not listed twice, and a request to join a team
// with nobody connected says who (if anyone) can answer it.
import { join } from "node:path";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { startServer, tempDir, waitFor, type TestServer } from "./helpers.ts";

const dir = tempDir("faultline-leave-seat-");
const dbFile = join(dir, "games.sqlite");
let s: TestServer | undefined;
afterAll(async () => {
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

const teams = async (url: string, gameId: string) =>
  (await (await fetch(`${url}/api/games/${gameId}?scenario=0`)).json()) as { teams?: Record<string, string[]>; freeSeats: string[] };

describe("leaving a team", () => {
  it("frees the seat (a bot's meanwhile), is logged and survives a restart; a namesake is not listed twice; requests say who can answer", async () => {
    const port = await freePort();
    s = await startServer(port, { dbFile });
    const facilitator = await s.lobby.createGame({ start: "full", creatorName: "Ana", missingSeats: "bot" });
    const gameId = facilitator.credential.gameId;
    // The waiting room can say what starts the game and who can.
    expect(facilitator.snapshot()).toMatchObject({ startMode: "full", facilitator: "Ana", missingSeats: "bot" });

    // Ben joins China, Chen joins with the team code; Ben's browser loses its credential and he
    // comes back with the code under the same name: the team reads "Ben, Chen", not "Ben, Chen, Ben".
    const ben = await s.lobby.join(gameId, { seat: "CHN", name: "Ben" });
    const code = ben.teamCodes!["CHN"]!;
    const chen = await s.lobby.join(gameId, { seat: "CHN", name: "Chen", teamCode: code });
    await ben.leave();
    const ben2 = await s.lobby.join(gameId, { seat: "CHN", name: "Ben", teamCode: code });
    expect((await teams(s.url, gameId)).teams?.["CHN"]?.sort()).toEqual(["Ben", "Chen"]);

    // Ben leaves for good, then Chen: China is nobody's, free in the lobby and a bot's meanwhile.
    await ben2.leaveSeat!();
    await ben2.leave();
    expect((await teams(s.url, gameId)).teams?.["CHN"]).toEqual(["Chen"]);
    await chen.leaveSeat!();
    await chen.leave();
    const after = await teams(s.url, gameId);
    expect(after.teams?.["CHN"] ?? []).toEqual([]);
    expect(after.freeSeats).toContain("CHN");
    await waitFor(() => facilitator.snapshot().seats.find((x) => x.id === "CHN")?.bot === true, "China shows as a bot's seat");
    const log = await s.store.actions(gameId);
    expect(log.filter((a) => a.kind === "facilitate" && (a.payload as { action?: string }).action === "leave").map((a) => a.who)).toEqual(["Ben", "Chen"]);

    // Anyone may now take China without a code.
    const dana = await s.lobby.join(gameId, { seat: "CHN", name: "Dana" });

    // Asking to join Russia: its only person is away; with the facilitator here the request
    // reaches the facilitator, without them nobody; a seat nobody holds needs no asking.
    const boris = await s.lobby.join(gameId, { seat: "RUS", name: "Boris" });
    await boris.leave();
    const eve = await s.lobby.join(gameId, { observer: true, name: "Eve" });
    expect(await eve.askSeat!("RUS")).toBe("facilitator");
    expect(await eve.askSeat!("CHN")).toBe("team");
    await facilitator.leave();
    expect(await eve.askSeat!("RUS")).toBe("nobody");
    expect(await eve.askSeat!("USA")).toBe("free");
    await eve.leave();
    await dana.leave();

    // After a restart the leaves hold: China's team is Dana alone.
    await s.close();
    s = await startServer(port, { dbFile });
    expect((await teams(s.url, gameId)).teams?.["CHN"]).toEqual(["Dana"]);
  }, 60_000);
});
