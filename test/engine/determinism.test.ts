// Determinism: the same scenario, seed and calls always give byte-identical games. Seeded bot games
// are recorded (every order, proposal, answer and choice the bots made) and replayed through the
// public API from a fresh game: the final state hashes match, also when the state goes through
// JSON between turns (as it does when the server stores it). 1,000 games of the fixture, and of the
// first scenario (six seats, eighteen actors, twelve turns each) as many as DETERMINISM_GAMES says.
import { describe, expect, it } from "vitest";
import {
  answerProposal,
  chooseOption,
  createGame,
  propose,
  resolveTurn,
  stateHash,
  submitOrders,
  type Rules,
} from "../../shared/engine/api.ts";
import { canonicalJson } from "../../shared/engine/hash.ts";
import { botTurn } from "../../shared/engine/play.ts";
import { compiled } from "../../shared/engine/rules.ts";
import type { GameState, Order, Proposal } from "../../shared/engine/types.ts";
import { firstScenarioRules } from "./fixtures/first-scenario.ts";
import { ok, rulesWith } from "./fixtures/build.ts";

// A first-scenario game takes about 55 ms of CPU to play, record, replay and hash twice: the full
// thousand the issue asks for is about a minute of CPU. DETERMINISM_GAMES lowers it for quick runs.
const FIRST_GAMES = Number(process.env.DETERMINISM_GAMES ?? 1000);

/** What was decided in one turn, read from the state just before it resolved. */
interface TurnLog {
  orders: Record<string, Order[]>;
  proposals: Proposal[];
  choices: { id: string; seat: string; option: string }[];
}

/** A bot game, with each turn's decisions and the final hash. */
function recordGame(rules: Rules, seed: string): { log: TurnLog[]; hash: string } {
  const c = compiled(rules);
  const log: TurnLog[] = [];
  let s = createGame(rules, seed);
  while (s.phase !== "over") {
    const ready = botTurn(c, s);
    log.push({
      orders: ready.orders,
      proposals: ready.proposals,
      choices: ready.pending.filter((p) => p.choice !== undefined).map((p) => ({ id: p.id, seat: p.seat, option: p.choice! })),
    });
    s = resolveTurn(rules, ready).state;
  }
  return { log, hash: stateHash(s) };
}

/** Replays recorded decisions through the public API on a fresh game; returns the final hash. */
function replay(rules: Rules, seed: string, log: TurnLog[], throughJson: boolean): string {
  let s: GameState = createGame(rules, seed);
  for (const turn of log) {
    for (const [seat, orders] of Object.entries(turn.orders)) s = ok(submitOrders(rules, s, seat, orders));
    for (const p of turn.proposals) {
      const made = ok(propose(rules, s, p.from, p.order));
      expect(made.proposal.id).toBe(p.id);
      s = made.state;
    }
    for (const p of turn.proposals) {
      for (const [seat, answer] of Object.entries(p.answers)) {
        if (seat === p.from && p.kind === "council") continue; // the author's own yes is automatic
        s = ok(answerProposal(rules, s, seat, p.id, answer));
      }
    }
    for (const ch of turn.choices) s = ok(chooseOption(rules, s, ch.seat, ch.id, ch.option));
    s = resolveTurn(rules, s).state;
    if (throughJson) s = JSON.parse(JSON.stringify(s)) as GameState;
  }
  return stateHash(s);
}

/** Records and replays `games` seeded games; returns how many distinct final states there were. */
function replayMany(rules: Rules, games: number): number {
  const hashes = new Set<string>();
  for (let i = 0; i < games; i++) {
    const seed = `seed-${i}`;
    const { log, hash } = recordGame(rules, seed);
    expect(replay(rules, seed, log, false), seed).toBe(hash);
    hashes.add(hash);
  }
  return hashes.size;
}

describe("determinism", () => {
  const fixture = rulesWith();
  const first = firstScenarioRules();

  it("1,000 seeded bot games of the fixture replay from their recorded decisions to identical hashes", { timeout: 120_000 }, () => {
    // Different seeds give different games (dice for events, discovery, chance effects and bots).
    expect(replayMany(fixture, 1000)).toBeGreaterThan(900);
  });

  it(`${FIRST_GAMES} seeded bot games of the first scenario replay to identical hashes`, { timeout: 600_000 }, () => {
    expect(replayMany(first, FIRST_GAMES)).toBeGreaterThan(FIRST_GAMES * 0.9);
  });

  it("a game replays identically when its state goes through JSON every turn", () => {
    for (const r of [first, fixture]) {
      for (const seed of ["j1", "j2", "j3"]) {
        const { log, hash } = recordGame(r, seed);
        expect(replay(r, seed, log, true)).toBe(hash);
      }
    }
  });

  it("the same seed plays the same bot game twice; the fixture too", () => {
    for (const r of [first, fixture]) {
      for (const seed of ["a", "b", "c"]) expect(recordGame(r, seed).hash).toBe(recordGame(r, seed).hash);
    }
  });

  it("canonical JSON sorts every key as text, integer-like keys too", () => {
    const value = { b: 1, "10": 2, "9": [{ z: null, y: undefined, x: -0 }], a: { "2": "two", "1": Infinity } };
    expect(canonicalJson(value)).toBe('{"10":2,"9":[{"x":0,"z":null}],"a":{"1":null,"2":"two"},"b":1}');
    expect(canonicalJson({ b: [1, "x"], a: true })).toBe('{"a":true,"b":[1,"x"]}');
  });

  it("the hash ignores key order but not values", () => {
    const s = createGame(first, "k");
    const reordered = Object.fromEntries(Object.entries(s).reverse()) as unknown as GameState;
    expect(stateHash(reordered)).toBe(stateHash(s));
    expect(stateHash({ ...s, turn: 2 })).not.toBe(stateHash(s));
    expect(stateHash(s)).toMatch(/^[0-9a-f]{16}$/);
  });
});
