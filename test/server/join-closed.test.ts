// A connection that closes while its join is under way (a closed tab, a phone losing its network)
// claims no seat: nobody received the credential, so a seat held in that name could neither be
// played nor claimed again without the team's code. Two windows: while the past is read, and
// while the claim itself is stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { openDatabase } from "../../server/store/db.ts";
import { SqliteGameStore, type ActionRecord, type CredentialRecord } from "../../server/store/game-store.ts";
import { freePort } from "../support/free-port.ts";
import { startServer, tempDir, waitFor, type TestServer } from "./helpers.ts";

/** A store whose chat reads or credential writes wait until the test lets them go. */
class GatedStore extends SqliteGameStore {
  gate: "chat" | "credential" | undefined;
  reached = false;
  private open: (() => void) | undefined;
  release(): void {
    this.gate = undefined;
    this.open?.();
  }
  private async wait(which: "chat" | "credential"): Promise<void> {
    if (this.gate !== which) return;
    this.reached = true;
    await new Promise<void>((r) => (this.open = r));
  }
  override async pageOfKind(gameId: string, kind: string, limit: number, keep: (a: ActionRecord) => boolean, beforeId?: number) {
    if (kind === "chat") await this.wait("chat");
    return super.pageOfKind(gameId, kind, limit, keep, beforeId);
  }
  override async addCredential(token: string, c: CredentialRecord, at: number) {
    const id = await super.addCredential(token, c, at);
    if (c.role === "player") await this.wait("credential");
    return id;
  }
}

let s: TestServer<GatedStore>;
beforeAll(async () => {
  s = await startServer(await freePort(), { store: new GatedStore(openDatabase(`${tempDir()}/games.sqlite`)) });
});
afterAll(async () => {
  await s.close();
});

/** A seat claim over the wire, as the SDK makes it; the socket is closed once the store is reached. */
async function claimAndClose(gameId: string, seat: string, gate: "chat" | "credential"): Promise<void> {
  s.store.gate = gate;
  s.store.reached = false;
  const res = await fetch(`${s.url}/matchmake/joinById/${gameId}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ claim: { seat, name: "Ana" } }) });
  expect(res.status).toBe(200);
  const seat_ = (await res.json()) as { sessionId: string; roomId: string; processId: string };
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}/${seat_.processId}/${seat_.roomId}?sessionId=${seat_.sessionId}`);
  ws.on("error", () => undefined);
  await waitFor(() => s.store.reached, `the join reaching the ${gate} step`);
  ws.terminate();
  // The room sees the close before the store answers.
  await new Promise((r) => setTimeout(r, 200));
  s.store.release();
}

describe("a connection that closes while joining", () => {
  for (const gate of ["chat", "credential"] as const) {
    it(`claims no seat (closed while ${gate === "chat" ? "the past is read" : "the claim is stored"}): the next person takes the seat without a code`, async () => {
      const facilitator = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
      const gameId = facilitator.credential.gameId;
      await claimAndClose(gameId, "CHN", gate);
      await waitFor(async () => (await s.lobby.describe(gameId)).freeSeats.includes("CHN"), "China free again");
      expect((await s.store.people(gameId)).filter((p) => p.seat === "CHN")).toEqual([]);
      const bea = await s.lobby.join(gameId, { seat: "CHN", name: "Bea" });
      expect(bea.credential.seat).toBe("CHN");
      await waitFor(() => facilitator.snapshot().seats.find((x) => x.id === "CHN")?.players.map((p) => p.name).join() === "Bea", "the facilitator sees Bea alone on China");
      for (const p of [bea, facilitator]) await p.leave();
    });
  }
});
