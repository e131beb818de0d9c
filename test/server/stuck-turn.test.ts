// Issue 8, case 4: a turn that can resolve does resolve. The real server is killed (SIGKILL) after
// the only player who comes back had locked in; after the restart she returns alone and the turn
// resolves (the others get a short grace to come back first), instead of waiting for ever.
import { Client, type Room } from "@colyseus/sdk";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { ColyseusGameServer } from "../../client/src/net/colyseus-server.ts";
import type { SeatCredential, Welcome } from "../../shared/protocol.ts";
import { tempDir, waitTurn } from "./helpers.ts";
import { spawnServer, type ServerProcess } from "./process.ts";

const dir = tempDir("faultline-stuck-");
const procs: ServerProcess[] = [];
afterAll(async () => {
  for (const p of procs) await p.kill9();
  rmSync(dir, { recursive: true, force: true });
});

async function claim(url: string, gameId: string, seat: string, name: string): Promise<{ room: Room; credential: SeatCredential }> {
  const room = await new Client(url).joinById(gameId, { claim: { seat, name } });
  room.reconnection.enabled = false;
  const welcome = await new Promise<Welcome>((r) => room.onMessage("welcome", r));
  return { room, credential: welcome.credential };
}

describe("a turn after a crash", () => {
  it("resolves when the player who had locked in comes back alone", async () => {
    const port = await freePort();
    const db = join(dir, "games.sqlite");
    const env = { FAULTLINE_LIMIT_RESTORE_GRACE_SECONDS: "2" };
    const first = await spawnServer({ port, db, env });
    procs.push(first);
    const created = (await (await fetch(`${first.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ turnMinutes: 0, missingSeats: "hold" }) })).json()) as { gameId: string };
    const gameId = created.gameId;
    expect((await fetch(`${first.url}/api/games/${gameId}`)).status).toBe(200);
    const china = await claim(first.url, gameId, "CHN", "Ana");
    await claim(first.url, gameId, "RUS", "Boris");
    expect(await china.room.request("act", { type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await first.kill9();

    const second = await spawnServer({ port, db, env });
    procs.push(second);
    // Only China's player comes back; Russia's never does (no clock in this game).
    const back = await new ColyseusGameServer(second.url, { retryForMs: 5000 }).resume(china.credential);
    expect(back.snapshot().view.locked["CHN"]).toBe(true);
    await waitTurn(back, 2, 15_000);
    expect(second.output()).toMatch(/1 unfinished game\(s\): 1 restored/);
    await back.leave();
  }, 90_000);
});
