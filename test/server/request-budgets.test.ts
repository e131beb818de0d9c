// Issue 8, case 5: one client cannot stall every room. The scenario (~80 KB) is built once per
// game and viewer, never per request; large requests have a budget per connection and per
// address. Sixteen observer sockets asking for the scenario as fast as the message limit allows
// leave another room's player answered promptly.
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { realEngine, type EnginePort } from "../../server/game/engine-port.ts";
import { startServer, type TestServer } from "./helpers.ts";

let built = 0;
const engine: EnginePort = {
  ...realEngine,
  publicScenario: (rules, viewer) => {
    built++;
    return realEngine.publicScenario(rules, viewer);
  },
};
let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort(), { engine });
});
afterAll(async () => {
  await s.close();
});

describe("large requests", () => {
  it("are built once and budgeted, so a scenario flood does not slow another room", async () => {
    // The player whose latency we watch, in a room of her own.
    const home = await s.lobby.createGame({ turnMinutes: 0, missingSeats: "hold" });
    const ana = await s.lobby.join(home.credential.gameId, { seat: "CHN", name: "Ana" });
    const target = await s.lobby.createGame({ turnMinutes: 0 });
    const gameId = target.credential.gameId;
    const builtBefore = built;

    // Sixteen observer sockets, each asking for the scenario 45 times at once.
    const rooms: Room[] = [];
    for (let i = 0; i < 16; i++) {
      const room = await new Client(s.url).joinById(gameId, { claim: { observer: true, name: `flood${i}` } });
      room.reconnection.enabled = false;
      room.onMessage("*", () => undefined);
      rooms.push(room);
    }
    let served = 0;
    let refused = 0;
    const flood = rooms.flatMap((room) =>
      Array.from({ length: 45 }, () =>
        room.request("scenario").then(
          () => served++,
          (e: { reason?: { code?: string } }) => {
            expect(e.reason?.code).toBe("request/rate_limited");
            refused++;
          },
        ),
      ),
    );
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      expect(await ana.request({ type: "orders", turn: 1, orders: i % 2 ? [] : [{ move: "expand_trade", target: "KOR" }] })).toEqual({ ok: true });
      latencies.push(performance.now() - t0);
    }
    await Promise.all(flood);
    // Each connection got its first answers; the flood beyond the budgets was refused.
    expect(served).toBeGreaterThanOrEqual(16);
    expect(refused).toBeGreaterThan(16 * 45 / 2);
    // The observer's scenario was built at most once for all of it (the lobby's copy is shared too).
    expect(built - builtBefore).toBeLessThanOrEqual(1);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    for (const room of rooms) await room.leave().catch(() => undefined);
    for (const p of [home, ana, target]) await p.leave();
  }, 60_000);
});
