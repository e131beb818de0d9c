// Issue 8, cases 7 and 8: the dice are not predictable and join codes are not guessable. A game's
// default seed is a random secret (not the public game id): players and observers never see it,
// the facilitator does, and the debrief carries it for replay. Join codes have ten characters
// from a 31-letter alphabet (~2^49), and failed look-ups are limited per address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { createGame as engineCreateGame } from "../../shared/engine/index.ts";
import { loadScenarios } from "../../server/scenarios.ts";
import { DEFAULT_LIMITS } from "../../server/limits.ts";
import { SqliteGameStore } from "../../server/store/game-store.ts";
import { StorageError } from "../../server/store/storage-health.ts";
import { openDatabase } from "../../server/store/db.ts";
import { createGame, startServer, tempDir, waitFor, type TestServer } from "./helpers.ts";
import { httpFrom } from "./net.ts";

let s: TestServer;
beforeAll(async () => {
  s = await startServer(await freePort());
});
afterAll(async () => {
  await s.close();
});

describe("seeds (case 7)", () => {
  it("are random secrets by default, shown to the facilitator and in the debrief", async () => {
    const created = await createGame(s.url, { turnMinutes: 0 });
    const seed = (created as unknown as { seed: string }).seed;
    expect(seed).toMatch(/^[0-9a-f]{32}$/);
    expect(seed).not.toBe(created.gameId);
    expect((await s.store.getGame(created.gameId))!.seed).toBe(seed);
    // The public id as a seed does not reproduce the game's random stream.
    const rules = loadScenarios().get("pyongyang-2024")!;
    expect(engineCreateGame(rules, created.gameId).rng).not.toEqual((await s.store.turnState(created.gameId, 1))!.rng);

    const facilitator = await s.lobby.resume(created.credential);
    const china = await s.lobby.join(created.gameId, { seat: "CHN", name: "Ana" });
    const watcher = await s.lobby.join(created.gameId, { observer: true, name: "Olga" });
    await waitFor(() => facilitator.snapshot().view.seed === seed, "the facilitator sees the seed");
    expect(china.snapshot().view.seed).toBe("");
    expect(watcher.snapshot().view.seed).toBe("");
    const debrief = (await facilitator.exportDebrief()) as { game: { seed: string } };
    expect(debrief.game.seed).toBe(seed);
    for (const p of [facilitator, china, watcher]) await p.leave();
  });

  it("two games created at once get different seeds; a chosen seed is kept for replays", async () => {
    const a = (await createGame(s.url, {})) as unknown as { seed: string };
    const b = (await createGame(s.url, {})) as unknown as { seed: string };
    expect(a.seed).not.toBe(b.seed);
    const c = (await createGame(s.url, { seed: "seminar-replay-7" })) as unknown as { seed: string };
    expect(c.seed).toBe("seminar-replay-7");
  });
});

describe("join codes (case 8)", () => {
  it("are ten characters of an unambiguous alphabet, and guessing them is cut off per address", async () => {
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) {
      const g = await createGame(s.url, { listed: false });
      expect(g.joinCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
      codes.add(g.joinCode);
    }
    expect(codes.size).toBe(5);
    const known = [...codes][0]!;
    // Successful look-ups (a class joining) do not count against the limit...
    for (let i = 0; i < DEFAULT_LIMITS.lookupFailuresPer15Min + 5; i++) expect((await httpFrom("127.0.0.5", s.port, "GET", `/api/games/${known}`)).status).toBe(200);
    // ...failed ones (guesses) do, and then every look-up from that address waits.
    const statuses: number[] = [];
    for (let i = 0; i < DEFAULT_LIMITS.lookupFailuresPer15Min + 3; i++) statuses.push((await httpFrom("127.0.0.5", s.port, "GET", `/api/games/GUESS${String(i).padStart(5, "2")}`)).status);
    expect(statuses.slice(0, DEFAULT_LIMITS.lookupFailuresPer15Min).every((x) => x === 404)).toBe(true);
    expect(statuses.slice(DEFAULT_LIMITS.lookupFailuresPer15Min)).toEqual([429, 429, 429]);
    const blocked = await httpFrom("127.0.0.5", s.port, "GET", `/api/games/${known}`);
    expect(blocked.status).toBe(429);
    expect(JSON.parse(blocked.text)).toMatchObject({ code: "http/rate_limited" });
    // Another address still finds its game.
    expect((await httpFrom("127.0.0.6", s.port, "GET", `/api/games/${known}`)).status).toBe(200);
    // At this rate (30 guesses per 15 minutes) finding one of 10,000 live codes takes ~2^49/10^4/120 per hour, ~10^7 years.
    expect(Math.log2(31 ** 10)).toBeGreaterThan(49);
  });
});

/** A database that answers, slowly (a busy disk or server): who sits where takes 300 ms to read; or not at all while `failing`. */
class SlowStore extends SqliteGameStore {
  failing = false;
  override async seatPlayers(gameId: string) {
    await new Promise((r) => setTimeout(r, 300));
    if (this.failing) throw new StorageError("SQLITE_IOERR", "disk I/O error (test)");
    return super.seatPlayers(gameId);
  }
}

describe("look-ups of a class behind one address (case 8)", () => {
  it("all get in when they arrive together and take a while to answer: only failed look-ups count, not those in flight", async () => {
    const slow = await startServer<SlowStore>(await freePort(), { store: new SlowStore(openDatabase(`${tempDir()}/slow.sqlite`)) });
    try {
      const { gameId } = await createGame(slow.url, { listed: false });
      const n = DEFAULT_LIMITS.lookupFailuresPer15Min + 15;
      const together = await Promise.all(Array.from({ length: n }, () => httpFrom("127.0.0.7", slow.port, "GET", `/api/games/${gameId}?scenario=0`)));
      expect(together.map((r) => r.status).filter((st) => st !== 200)).toEqual([]);
      // Look-ups the server could not answer (its database failing) are not guesses: the class
      // gets in once it is back, however many it tried meanwhile.
      slow.store.failing = true;
      const during = await Promise.all(Array.from({ length: n }, () => httpFrom("127.0.0.7", slow.port, "GET", `/api/games/${gameId}?scenario=0`)));
      expect(new Set(during.map((r) => r.status))).toEqual(new Set([503]));
      slow.store.failing = false;
      expect((await httpFrom("127.0.0.7", slow.port, "GET", `/api/games/${gameId}?scenario=0`)).status).toBe(200);
      // Guessing from that address is still cut off.
      const guesses: number[] = [];
      for (let i = 0; i <= DEFAULT_LIMITS.lookupFailuresPer15Min; i++) guesses.push((await httpFrom("127.0.0.7", slow.port, "GET", `/api/games/GUESS${String(i).padStart(5, "2")}`)).status);
      expect(guesses.at(-1)).toBe(429);
    } finally {
      await slow.close();
    }
  }, 30_000);
});
