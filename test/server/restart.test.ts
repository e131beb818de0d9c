// Durability: the real server process is killed with SIGKILL in the middle of a turn, started
// again on the same database, and the game goes on from the same turn with its orders, messages
// and deadline; the players come back on their credentials and finish the game.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { ColyseusGameServer } from "../../client/src/net/colyseus-server.ts";
import type { ConnectionStatus } from "../../client/src/net/session-types.ts";
import { tempDir, waitFor, waitTurn } from "./helpers.ts";

const PORT = await freePort();
const URL = `http://localhost:${PORT}`;
const ROOT = resolve(import.meta.dirname, "..", "..");
const dir = tempDir("faultline-restart-");
const DB = join(dir, "games.sqlite");
let proc: ChildProcess | undefined;

async function startProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(PORT), FAULTLINE_DB: DB },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const until = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    const ok = await fetch(`${URL}/health`).then((r) => r.ok, () => false);
    if (ok) return child;
    if (Date.now() > until) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function kill9(child: ChildProcess): Promise<void> {
  return new Promise((done) => {
    child.once("exit", () => done());
    child.kill("SIGKILL");
  });
}

afterAll(async () => {
  if (proc && proc.exitCode === null) await kill9(proc);
  rmSync(dir, { recursive: true, force: true });
});

describe("a server restart", () => {
  it("kill -9 mid-turn, restart on the same database, and the game finishes with the same credentials", async () => {
    proc = await startProcess();
    const lobby = new ColyseusGameServer(URL, { retryForMs: 40_000 });
    const facilitator = await lobby.createGame({ turnMinutes: 30, name: "Durable" });
    const gameId = facilitator.credential.gameId;
    const china = await lobby.join(gameId, { seat: "CHN", name: "Ana" });
    const russia = await lobby.join(gameId, { seat: "RUS", name: "Boris" });
    const chinaStatus: ConnectionStatus[] = [];
    const russiaStatus: ConnectionStatus[] = [];
    china.onStatus((st) => chinaStatus.push(st));
    russia.onStatus((st) => russiaStatus.push(st));

    for (const p of [china, russia]) expect(await p.request({ type: "lock", turn: 1, locked: true })).toEqual({ ok: true });
    await waitTurn(china, 2);

    // Mid-turn: China has ordered and locked in, Russia has ordered but not locked, a message is out.
    expect(await china.request({ type: "orders", turn: 2, orders: [{ move: "expand_trade", target: "KOR" }] })).toEqual({ ok: true });
    expect(await china.request({ type: "lock", turn: 2, locked: true })).toEqual({ ok: true });
    expect(await russia.request({ type: "orders", turn: 2, orders: [{ move: "distance", target: "USA" }] })).toEqual({ ok: true });
    expect(await russia.request({ type: "chat", channel: ["CHN", "RUS"], text: "Hold the line." })).toEqual({ ok: true });
    await waitFor(() => facilitator.snapshot().view.orders["RUS"]?.length === 1 && facilitator.snapshot().messages.length === 1, "facilitator sees it all");
    const deadline = facilitator.snapshot().clock.deadline;
    expect(deadline).not.toBeNull();

    await kill9(proc);
    await waitFor(() => chinaStatus.includes("reconnecting"), "players notice the drop");
    proc = await startProcess();

    // Everyone is back on the same seats, at the same turn, with orders, lock, message and deadline.
    await waitFor(() => chinaStatus.at(-1) === "connected" && russiaStatus.at(-1) === "connected", "players reconnected", 40_000);
    const after = await waitFor(() => {
      const snap = facilitator.snapshot();
      return snap.seats.filter((x) => x.players.some((p) => p.connected)).length === 2 && snap;
    }, "both players online again", 40_000);
    expect(after.view.turn).toBe(2);
    expect(after.view.orders["CHN"]).toEqual([{ move: "expand_trade", target: "KOR" }]);
    expect(after.view.orders["RUS"]).toEqual([{ move: "distance", target: "USA" }]);
    expect(after.view.locked["CHN"]).toBe(true);
    expect(after.view.locked["RUS"]).toBe(false);
    expect(after.clock.deadline).toBe(deadline);
    expect(russia.snapshot().messages.map((m) => m.text)).toEqual(["Hold the line."]);
    expect(china.credential.seat).toBe("CHN");

    // Finish the game.
    const turns = china.scenario.turns.count;
    expect(await russia.request({ type: "lock", turn: 2, locked: true })).toEqual({ ok: true });
    for (let turn = 3; turn <= turns; turn++) {
      await waitTurn(china, turn);
      await waitTurn(russia, turn);
      for (const p of [china, russia]) expect(await p.request({ type: "lock", turn, locked: true })).toEqual({ ok: true });
    }
    // The final report and the revealed history follow the last patch.
    const end = await waitFor(() => china.snapshot().status === "over" && china.snapshot().view.history.length === turns + 1 && china.snapshot(), "game over", 20_000);
    expect(end.view.lastMoves).toBeDefined();
    const debrief = (await facilitator.exportDebrief()) as { actions: { kind: string; turn: number; seat: string | null }[] };
    // Russia's turn-2 order, given before the crash, was carried out.
    expect(debrief.actions.some((a) => a.kind === "orders" && a.turn === 2 && a.seat === "RUS")).toBe(true);
    for (const p of [facilitator, china, russia]) await p.leave();
  }, 180_000);
});
