import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../shared/protocol.ts";
import type { Proposal, TurnReport } from "../../shared/engine/types.ts";
import { channelKey, channelsOf, draftKey, FOLD_CHARS, foldsMessage, loadDrafts, proposalsToAnswer, saveDraft, unreadIn } from "../../client/src/ui/inbox-panel.ts";
import { CHAT_MAX } from "../../shared/protocol.ts";
import { clockText, clockUrgent } from "../../client/src/ui/clock.ts";
import { mergeReports, reportsAfter } from "../../client/src/session-binding.ts";
import { confirmResolve } from "../../client/src/ui/control-panel.ts";
import { rejoinLabel } from "../../client/src/ui/connection-banner.ts";
import { currentValue, indicatorSubjects } from "../../client/src/ui/control-cell.ts";
import { loadScenario } from "./fixtures.ts";
import { howToPlay } from "../../client/src/ui/how-to-play.ts";
import type { GameSnapshot, SeatInfo } from "../../shared/protocol.ts";
import { tabsFor } from "../../client/src/ui/game-screen.ts";

const msg = (id: string, from: string, channel: ChatMessage["channel"], at: number): ChatMessage => ({ id, turn: 1, from, author: from, channel, text: id, at });

describe("long chat messages and unsent drafts", () => {
  it("folds a message too long for the pane (a full 2,000 characters), not an ordinary one", () => {
    expect(foldsMessage("x".repeat(CHAT_MAX))).toBe(true);
    expect(foldsMessage("x".repeat(FOLD_CHARS + 1))).toBe(true);
    expect(foldsMessage("We propose a summit in July; will Seoul attend?")).toBe(false);
    expect(foldsMessage("x".repeat(FOLD_CHARS))).toBe(false);
  });

  it("keeps one draft per conversation, per game and seat, and forgets a sent (emptied) one", () => {
    const data = new Map<string, string>();
    const storage = { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k) };
    const mine = draftKey("G1", "KOR");
    expect(mine).not.toBe(draftKey("G1", "JPN"));
    expect(mine).not.toBe(draftKey("G2", "KOR"));
    saveDraft(storage, mine, "public", "A statement half written");
    saveDraft(storage, mine, "CHN+KOR", "To Beijing only");
    expect(loadDrafts(storage, mine)).toEqual({ public: "A statement half written", "CHN+KOR": "To Beijing only" });
    expect(loadDrafts(storage, draftKey("G1", "JPN"))).toEqual({});
    saveDraft(storage, mine, "public", "");
    expect(loadDrafts(storage, mine)).toEqual({ "CHN+KOR": "To Beijing only" });
    saveDraft(storage, mine, "CHN+KOR", "");
    expect(data.has(mine)).toBe(false);
    // Whatever else is stored there is not a draft.
    data.set(mine, "not json");
    expect(loadDrafts(storage, mine)).toEqual({});
    data.set(mine, JSON.stringify({ public: 3, "CHN+KOR": "kept" }));
    expect(loadDrafts(storage, mine)).toEqual({ "CHN+KOR": "kept" });
    // A storage that refuses (private mode, full) does not stop the typing.
    const refusing = { ...storage, setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(() => saveDraft(refusing, mine, "public", "x")).not.toThrow();
  });
});

describe("conversations and unread counts", () => {
  const messages = [
    msg("a", "RUS", ["RUS", "CHN"], 1),
    msg("b", "CHN", ["CHN", "RUS"], 2),
    msg("c", "USA", "public", 3),
    msg("d", "KOR", ["KOR", "CHN", "JPN"], 4),
    msg("e", "RUS", ["CHN", "RUS"], 5),
  ];

  it("keys a channel the same whatever the order of its seats", () => {
    expect(channelKey(["RUS", "CHN"])).toBe(channelKey(["CHN", "RUS"]));
    expect(channelKey("public")).toBe("public");
  });

  it("lists public statements first, then conversations by latest message", () => {
    expect(channelsOf(messages).map((c) => c.key)).toEqual(["public", "CHN+RUS", "CHN+JPN+KOR"]);
  });

  it("counts only other people's messages not yet read", () => {
    expect(unreadIn(messages, "CHN+RUS", {}, "CHN")).toBe(2);
    expect(unreadIn(messages, "CHN+RUS", { "CHN+RUS": 1 }, "CHN")).toBe(1);
    expect(unreadIn(messages, "CHN+RUS", {}, "RUS")).toBe(1);
    expect(unreadIn(messages, "public", { public: 5 }, "CHN")).toBe(0);
  });

  it("lists proposals waiting for this seat's answer only", () => {
    const p = (id: string, from: string, to: string[], answers: Proposal["answers"] = {}): Proposal => ({ id, turn: 1, from, to, answers, order: { move: "trade_deal" }, kind: "deal", public: false });
    const list = [p("p1", "RUS", ["CHN"]), p("p2", "CHN", ["RUS"]), p("p3", "USA", ["CHN", "RUS"], { CHN: "yes" })];
    expect(proposalsToAnswer(list, "CHN").map((x) => x.id)).toEqual(["p1"]);
    expect(proposalsToAnswer(list, null)).toEqual([]);
  });
});

describe("the clock line", () => {
  it("counts down, says paused with what is left, and has a no-clock mode", () => {
    const now = 1_000_000;
    expect(clockText({ deadline: now + 125_000, paused: false, remainingMs: null, turnMinutes: 10 }, now)).toBe("2:05 left");
    expect(clockText({ deadline: now + 3_725_000, paused: false, remainingMs: null, turnMinutes: 90 }, now)).toBe("1:02:05 left");
    expect(clockText({ deadline: null, paused: true, remainingMs: 61_000, turnMinutes: 10 }, now)).toBe("Paused (1:01 left)");
    expect(clockText({ deadline: null, paused: false, remainingMs: null, turnMinutes: 0 }, now)).toBe("No clock");
    expect(clockText({ deadline: now - 1, paused: false, remainingMs: null, turnMinutes: 10 }, now)).toBe("Time is up — resolving");
    expect(clockUrgent({ deadline: now + 30_000, paused: false, remainingMs: null, turnMinutes: 10 }, now)).toBe(true);
    expect(clockUrgent({ deadline: now + 90_000, paused: false, remainingMs: null, turnMinutes: 10 }, now)).toBe(false);
  });
});

describe("reports kept across pushes and fetches", () => {
  const report = (turn: number, explained: boolean): TurnReport => ({
    turn,
    date: `T${turn}`,
    entries: [],
    explanations: explained ? [{ subject: "world.tension", before: 1, after: 2, causes: [] }] : [],
  });

  it("never replaces a full report by a compact push, and keeps turns in order", () => {
    const merged = mergeReports([report(2, true)], [report(1, false), report(2, false)]);
    expect(merged.map((r) => [r.turn, r.explanations.length])).toEqual([
      [1, 0],
      [2, 1],
    ]);
    expect(mergeReports(merged, [report(1, true)])[0]?.explanations).toHaveLength(1);
  });
});

describe("panels per role", () => {
  it("gives orders only to players and the control panel only to the facilitator", () => {
    expect(tabsFor("player")).toContain("orders");
    expect(tabsFor("player")).not.toContain("control");
    expect(tabsFor("observer")).not.toContain("orders");
    expect(tabsFor("observer")).not.toContain("control");
    expect(tabsFor("facilitator")[0]).toBe("control");
  });
});

describe("a rollback and an early resolution", () => {
  const report = (turn: number): TurnReport => ({ turn, date: `T${turn}`, entries: [], explanations: [] });
  const snap = (turn: number, reports: TurnReport[], seats: SeatInfo[] = []) => ({ view: { turn, reports }, seats }) as unknown as GameSnapshot;

  it("drops the undone turns' reports when the turn goes back, and keeps them otherwise", () => {
    const held = [report(1), report(2)];
    expect(reportsAfter(held, snap(3, []), 3).map((r) => r.turn)).toEqual([1, 2]);
    expect(reportsAfter(held, snap(2, []), 3).map((r) => r.turn)).toEqual([1]);
    expect(reportsAfter(held, snap(1, []), 2).map((r) => r.turn)).toEqual([]);
  });

  it("asks before resolving while a team with people has not locked in, and names it", () => {
    const seat = (id: string, locked: boolean, people: number, bot = false): SeatInfo => ({
      id,
      name: id === "CHN" ? "China" : id,
      players: Array.from({ length: people }, (_, i) => ({ name: `p${i}`, connected: true })),
      bot,
      locked,
    });
    const asked: string[] = [];
    const answer = { value: false };
    (globalThis as { window?: unknown }).window = { confirm: (m: string) => (asked.push(m), answer.value) };
    try {
      expect(confirmResolve(snap(1, [], [seat("USA", true, 1), seat("RUS", false, 0, true)]))).toBe(true);
      expect(asked).toEqual([]);
      expect(confirmResolve(snap(1, [], [seat("USA", true, 1), seat("CHN", false, 2)]))).toBe(false);
      expect(asked).toEqual(["Resolve the turn now? China has not locked in yet."]);
    } finally {
      delete (globalThis as { window?: unknown }).window;
    }
  });
});

describe("the override's list of indicators", () => {
  it("holds the world's values and the played seats' indicators, only those each holds", () => {
    const sc = loadScenario();
    const seats = Object.entries(sc.actors).filter(([, a]) => a.playable);
    const list = indicatorSubjects(sc as never);
    const held = seats.reduce((n, [a]) => n + Object.values(sc.indicators).filter((ind) => !ind.actors || ind.actors.includes(a)).length, 0);
    expect(list).toHaveLength(Object.keys(sc.world).length + held);
    expect(list.some((x) => x.value === "world.tension")).toBe(true);
    expect(list.some((x) => x.value.startsWith("CHE."))).toBe(false);
    // North Korea's weapons programme is North Korea's alone; a reference figure (trend growth) may still be cut.
    expect(list.some((x) => x.value === "PRK.weapons")).toBe(true);
    expect(list.some((x) => x.value === "CHN.weapons")).toBe(false);
    expect(list.some((x) => x.value === "CHN.potential")).toBe(true);
  });

  it("starts the override from the value the quantity has now", () => {
    const snap = { view: { world: { tension: 61.5 }, actors: { PRK: { stability: 40 } } } } as unknown as GameSnapshot;
    expect(currentValue(snap, "world.tension")).toBe(61.5);
    expect(currentValue(snap, "PRK.stability")).toBe(40);
    expect(currentValue(snap, "ATL.stability")).toBeUndefined();
  });
});

describe("the button of a closed connection", () => {
  it("says what reloading does: the new team after a move, the start page after a removal, the seat after a takeover", () => {
    expect(rejoinLabel("reseated")).toBe("Go to your new team");
    expect(rejoinLabel("removed")).toBe("Back to the start page");
    expect(rejoinLabel("taken-over")).toBe("Take the seat back in this window");
    // A server that stayed out of reach: a reload tries again (it read "take the seat back" before).
    expect(rejoinLabel("unreachable")).toBe("Reload to rejoin your seat");
    expect(rejoinLabel(undefined)).toBe("Reload to rejoin your seat");
  });
});

describe("how the game works (the help dialog)", () => {
  it("takes its numbers from the scenario, and speaks of a Security Council only where there is one", () => {
    const sc = loadScenario();
    const text = howToPlay(sc).map(([topic, body]) => `${topic}: ${body}`);
    expect(text.join("\n")).toContain(`The game lasts ${sc.turns.count} months.`);
    expect(text.join("\n")).toContain(`Each month you have ${sc.turns.budget} political capital.`);
    expect(text.some((t) => t.startsWith("The Security Council:"))).toBe(true);
    const noCouncil = howToPlay({ ...sc, turns: { ...sc.turns, budget: 5, count: 6 }, council: undefined });
    expect(noCouncil.some(([topic]) => topic === "The Security Council")).toBe(false);
    expect(noCouncil.find(([topic]) => topic === "Political capital")?.[1]).toMatch(/^Each month you have 5 political capital\./);
  });
});
