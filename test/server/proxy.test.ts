// The deployment of docs/deploy.md, for real: two server processes on Redis and PostgreSQL behind
// Caddy, run with the repository's own deploy/Caddyfile (the file docker-compose.yml mounts).
// Everything goes through the proxy's one address: the lobby, games hosted on either process,
// players joining them (their WebSocket routed on the process path segment), and, once a process
// is killed, the same address keeps answering and the dead process's game goes on.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ColyseusGameServer } from "../../client/src/net/colyseus-server.ts";
import type { ColyseusSession } from "../../client/src/net/colyseus-session.ts";
import { requireCaddy, startCaddy, type RunningCaddy } from "../support/caddy.ts";
import { startCluster, type Node, type TestCluster } from "../support/cluster.ts";
import { freePort } from "../support/free-port.ts";
import { waitFor, waitTurn } from "./helpers.ts";

let cluster: TestCluster;
let n1: Node;
let n2: Node;
let caddy: RunningCaddy;
let proxy: string;

beforeAll(async () => {
  requireCaddy();
  cluster = await startCluster();
  const port = await freePort();
  // Each process names its own path segment in its public address, as docs/deploy.md says.
  const behind = (segment: string) => cluster.start({ FAULTLINE_PUBLIC_ADDRESS: `127.0.0.1:${port}/${segment}`, FAULTLINE_TRUST_PROXY: "1" });
  [n1, n2] = await Promise.all([behind("n1"), behind("n2")]);
  caddy = await startCaddy(port, n1.port, n2.port);
  proxy = caddy.url;
}, 120_000);

afterAll(async () => {
  await caddy?.stop();
  await cluster?.close();
});

const lobby = () => new ColyseusGameServer(proxy, { retryForMs: 30_000 });
const nodeOf = async (gameId: string) => ((await waitFor(() => cluster.hostOf(gameId), "the game is listed")) === n1.processId ? n1 : n2);

describe("two processes behind Caddy with deploy/Caddyfile", () => {
  const games: { fac: ColyseusSession; host: Node }[] = [];

  it("serve the lobby, host games on both processes and let players into each through the one address", async () => {
    const health = await fetch(`${proxy}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    // Rooms spread over the processes whichever one a request reaches.
    for (let i = 0; i < 6 && new Set(games.map((g) => g.host)).size < 2; i++) {
      const fac = await lobby().createGame({ turnMinutes: 30, missingSeats: "hold", name: `Behind the proxy ${i}` });
      games.push({ fac, host: await nodeOf(fac.credential.gameId) });
    }
    expect(new Set(games.map((g) => g.host)).size).toBe(2);
    const names = (await lobby().listGames()).map((g) => g.name);
    expect(names).toEqual(expect.arrayContaining(games.map((_, i) => `Behind the proxy ${i}`)));
    // A player in a game of each process: its WebSocket goes to /n1/... or /n2/..., and only the
    // right process could take it (a room lives in one process).
    for (const g of [games.find((x) => x.host === n1)!, games.find((x) => x.host === n2)!]) {
      const gameId = g.fac.credential.gameId;
      const china = await lobby().join(gameId, { seat: "CHN", name: "Ana" });
      expect(await china.request({ type: "chat", channel: "public", text: `Hello from ${g.host === n1 ? "n1" : "n2"}` })).toEqual({ ok: true });
      await waitFor(() => g.fac.snapshot().messages.some((m) => m.text.startsWith("Hello from")), "the facilitator hears the player");
      await china.leave();
    }
  }, 120_000);

  it("opens each new game on the process with fewer players connected", async () => {
    // The first test left one facilitator connected through Caddy to each process (least_conn
    // sent its second game to the process without one). Three players more on n1's game.
    expect(games.map((g) => (g.host === n1 ? "n1" : "n2")).sort()).toEqual(["n1", "n2"]);
    const gameOnN1 = games.find((g) => g.host === n1)!.fac.credential.gameId;
    const extra = [await lobby().join(gameOnN1, { seat: "JPN", name: "Aki" }), await lobby().join(gameOnN1, { seat: "KOR", name: "Bo" }), await lobby().join(gameOnN1, { seat: "PRK", name: "Chol" })];
    // A new game's room opens where its first look-up lands: with least_conn, on n2 (fewer
    // connections) each time, until n2's facilitators even it out. Round robin put about half
    // of them on n1.
    const fresh: { fac: ColyseusSession; host: Node }[] = [];
    for (let i = 0; i < 3; i++) {
      const fac = await lobby().createGame({ turnMinutes: 30, missingSeats: "hold", name: `Least connected ${i}` });
      fresh.push({ fac, host: await nodeOf(fac.credential.gameId) });
    }
    expect(fresh.map((g) => (g.host === n1 ? "n1" : "n2"))).toEqual(["n2", "n2", "n2"]);
    for (const s of [...extra, ...fresh.map((g) => g.fac)]) await s.leave();
  }, 120_000);

  it("keeps answering at once when a process dies, and the dead process's game goes on on the other one", async () => {
    const game = games.find((g) => g.host === n2)!;
    const fac = game.fac;
    const russia = await lobby().join(fac.credential.gameId, { seat: "RUS", name: "Boris" });
    const usa = await lobby().join(fac.credential.gameId, { seat: "USA", name: "Cy" });
    const statuses = { fac: [] as string[], russia: [] as string[], usa: [] as string[] };
    fac.onStatus((st) => statuses.fac.push(st));
    russia.onStatus((st) => statuses.russia.push(st));
    usa.onStatus((st) => statuses.usa.push(st));
    expect(await russia.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await n2.kill9();
    // No request meets the dead process: one sent to it is tried again on n1 (without
    // lb_try_duration the first one to meet it got 502 Bad Gateway).
    const health: { status: number; body: string }[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await fetch(`${proxy}/health`);
      health.push({ status: r.status, body: await r.text() });
    }
    // Any other refusal is the live process's own answer, said here so a run shows it.
    for (const h of health.filter((x) => x.status !== 200)) console.warn(`proxy.test: /health through Caddy right after the kill: ${h.status} ${h.body.slice(0, 300)}`);
    expect(health.map((h) => h.status)).not.toContain(502);
    expect(health.filter((h) => h.status === 200).length).toBeGreaterThanOrEqual(9);
    // The pages come back by themselves through the same address (token, then credential, which
    // reopens the game on n1), as a browser behind this proxy does.
    for (const [who, session] of [["fac", fac], ["russia", russia], ["usa", usa]] as const) {
      await waitFor(() => statuses[who].includes("reconnecting") && statuses[who].at(-1) === "connected", `${who} back`, 60_000).catch((e: Error) => {
        throw new Error(`${e.message} (${statuses[who].join(" > ")})\n${n1.output().slice(-2000)}\n${caddy.output().slice(-1000)}`);
      });
      expect(session.snapshot().view.turn).toBe(1);
    }
    expect(await cluster.hostOf(fac.credential.gameId)).toBe(n1.processId);
    await waitFor(() => fac.snapshot().view.locked["RUS"] === true, "the acknowledged lock survived");
    expect(fac.snapshot().view.locked["USA"]).toBeFalsy();
    // And it goes on: the facilitator resolves the turn (China's seat is held for its player), on n1.
    expect(await fac.request({ type: "facilitate", turn: 1, command: { action: "resolve" } })).toEqual({ ok: true });
    await waitTurn(russia, 2, 20_000);
    await waitTurn(usa, 2, 20_000);
    for (const s of [russia, usa, fac]) await s.leave();
  }, 120_000);
});
