// Leaving a game never hangs: with the server frozen (SIGSTOP: the socket stays open and nothing
// answers), leave() closes the socket itself after a few seconds.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ColyseusGameServer } from "../../client/src/net/colyseus-server.ts";
import { freePort } from "../support/free-port.ts";
import { spawnServer, type ServerProcess } from "./process.ts";

const dir = mkdtempSync(join(tmpdir(), "faultline-leave-"));
let server: ServerProcess | undefined;
afterAll(async () => {
  server?.child.kill("SIGCONT");
  await server?.kill9();
  rmSync(dir, { recursive: true, force: true });
});

describe("leaving", () => {
  it("returns within a few seconds when the server does not answer", async () => {
    server = await spawnServer({ port: await freePort(), db: join(dir, "games.sqlite") });
    const lobby = new ColyseusGameServer(server.url, { retryForMs: 2000 });
    const facilitator = await lobby.createGame({ turnMinutes: 30, name: "Leaving" });
    const china = await lobby.join(facilitator.credential.gameId, { seat: "CHN", name: "Ana" });
    const status: string[] = [];
    china.onStatus((s) => status.push(s));
    server.child.kill("SIGSTOP");
    const t = Date.now();
    await china.leave();
    expect(Date.now() - t).toBeLessThan(6000);
    expect(status).toContain("lost");
    server.child.kill("SIGCONT");
    await facilitator.leave();
  }, 60_000);
});
