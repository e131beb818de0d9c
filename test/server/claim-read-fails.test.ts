// A seat claimed while the database cannot be read back: the credential is stored, the join goes
// through, and the seat counts as held at once, so a stranger still needs the team's code for it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { openDatabase } from "../../server/store/db.ts";
import { SqliteGameStore } from "../../server/store/game-store.ts";
import { StorageError } from "../../server/store/storage-health.ts";
import { startServer, tempDir, type TestServer } from "./helpers.ts";

/** Reading who is seated fails while `failing` is set (a database that stopped answering reads). */
class PeopleUnreadable extends SqliteGameStore {
  failing = false;
  override async people(gameId: string) {
    if (this.failing) throw new StorageError("SQLITE_IOERR", "disk I/O error (test)");
    return super.people(gameId);
  }
}

let s: TestServer<PeopleUnreadable>;
beforeAll(async () => {
  s = await startServer(await freePort(), { store: new PeopleUnreadable(openDatabase(`${tempDir()}/games.sqlite`)) });
});
afterAll(async () => {
  await s.close();
});

describe("a claim whose seating cannot be read back", () => {
  it("keeps the seat held: a second claim without the team code is refused", async () => {
    const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
    const gameId = facilitator.credential.gameId;
    s.store.failing = true;
    const ana = await s.lobby.join(gameId, { seat: "CHN", name: "Ana" });
    expect(ana.credential.seat).toBe("CHN");
    await expect(s.lobby.join(gameId, { seat: "CHN", name: "Mallory" })).rejects.toThrow(/auth\/seat_taken/);
    s.store.failing = false;
    for (const p of [ana, facilitator]) await p.leave();
  });
});
