// The seminar's client helpers: what the waiting room, a team's seat card, a person's role and the
// projector say, from the same data the server uses.
import { describe, expect, it } from "vitest";
import type { GameSnapshot } from "../../shared/protocol.ts";
import { channelsOf } from "../../client/src/ui/inbox-panel.ts";
import { lobbyClockText } from "../../client/src/ui/clock.ts";
import { teamLine } from "../../client/src/ui/team-join.ts";
import { myRole } from "../../client/src/ui/role-info.ts";
import { bannerFor, BANNER_SECONDS, councilCards, endPages, projectorTarget, replayStep, REPLAY_SECONDS, tickerItems, tickerPace, TICKER_EM_PER_S } from "../../client/src/ui/projector-screen.ts";
import { DEBRIEF_TEXT } from "../../client/src/debrief-text.ts";
import { messageHeading } from "../../client/src/ui/control-panel.ts";
import { customInjectChanges, initialInputs, roundSchedule } from "../../client/src/ui/control-cell.ts";
import { loadScenario } from "./fixtures.ts";

const sc = loadScenario();
const snapWith = (players: { name: string; role: string; id: number }[]): GameSnapshot =>
  ({ seat: "CHN", seats: [{ id: "CHN", name: "China", bot: false, locked: false, players: players.map((p) => ({ ...p, connected: true })) }] }) as unknown as GameSnapshot;

describe("seminar helpers", () => {
  it("a schedule of weekly rounds gives every turn from this one to the last its deadline", () => {
    const week = 7 * 86_400_000;
    const first = Date.UTC(2027, 0, 11, 16);
    const rounds = roundSchedule(first, week, 3, 12);
    expect(rounds.map((r) => r.turn)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(rounds[0]!.at).toBe(first);
    expect(rounds[9]!.at - rounds[0]!.at).toBe(9 * week);
    expect(roundSchedule(first, week, 12, 12)).toEqual([{ turn: 12, at: first }]);
  });

  it("a written inject is news only unless the facilitator picks an indicator and a change", () => {
    // The console's defaults: a headline alone changes nothing.
    expect(customInjectChanges(initialInputs())).toEqual({ changes: [] });
    expect(customInjectChanges({ subject: "world.tension", by: 4 })).toEqual({ changes: [{ subject: "world.tension", by: 4 }] });
    // Half a change is not guessed at: the console says what is missing.
    expect(customInjectChanges({ subject: "world.tension", by: 0 })).toHaveProperty("problem");
    expect(customInjectChanges({ subject: "", by: 5 })).toHaveProperty("problem");
  });

  it("the console's messages say who wrote them, with their role and team, and a team message is the team's", () => {
    const snap = snapWith([{ name: "Ana", role: "leader", id: 1 }, { name: "Bo", role: "trade_minister", id: 2 }]);
    expect(messageHeading(sc, snap, { from: "CHN", author: "Bo", channel: ["CHN"] })).toBe("Bo (Trade and finance minister, China) → China's team");
    expect(messageHeading(sc, snap, { from: "CHN", author: "Ana", channel: ["CHN", "RUS"] })).toMatch(/^Ana \(.+, China\) → China, Russia$/);
    expect(messageHeading(sc, snap, { from: "facilitator", author: "Prof. Weber", channel: "public" })).toBe("Prof. Weber (Control) → everyone");
  });

  it("the waiting room's clock counts down to a scheduled start, or waits", () => {
    expect(lobbyClockText(null, 0)).toBe("Waiting to start");
    expect(lobbyClockText(90_000, 0)).toBe("Starts in 1:30");
  });

  it("a seat card lists its team in words", () => {
    expect(teamLine([])).toBe("No one yet");
    expect(teamLine(["Ana"])).toBe("Ana");
    expect(teamLine(["Ana", "Bo", "Chen"])).toBe("Ana, Bo and Chen");
  });

  it("a player has the team chat beside public statements", () => {
    expect(channelsOf([], "CHN").map((c) => c.key)).toEqual(["public", "CHN"]);
    expect(channelsOf([]).map((c) => c.key)).toEqual(["public"]);
  });

  it("a trade minister may draft trade but not security, and may not lock in while the head of government is on the team", () => {
    const both = snapWith([{ name: "Ana", role: "leader", id: 1 }, { name: "Bo", role: "trade_minister", id: 2 }]);
    const bo = myRole(sc, both, 2);
    expect(bo.label).toBe("Trade and finance minister");
    expect(bo.mayDraft("expand_trade")).toBe(true);
    expect(bo.mayDraft("dual_use_exports")).toBe(false);
    expect(bo.lock?.code).toBe("role/needs_approval");
    expect(myRole(sc, both, 1).lock).toBeNull();
    // Alone on the team (the leader left), the minister may lock in.
    expect(myRole(sc, snapWith([{ name: "Bo", role: "trade_minister", id: 2 }]), 2).lock).toBeNull();
  });

  it("the projector's ticker crawls its whole run at one pace, and stands still when it fits", () => {
    // 14 headlines 9,900 px long on a 1,890 px ticker in 27 px type: one loop is the run's width.
    const pace = tickerPace(9900, 1890, 27);
    expect(pace.distance).toBe(9900);
    expect(pace.seconds).toBeCloseTo(9900 / (TICKER_EM_PER_S * 27), 1);
    // A readable crawl: about 100 px a second, whatever the length.
    expect(pace.distance / pace.seconds).toBeGreaterThan(80);
    expect(pace.distance / pace.seconds).toBeLessThan(140);
    expect(tickerPace(800, 1890, 27)).toEqual({ distance: 0, seconds: 0 });
  });

  it("the projector's end screen is cut into pages a box wide, and turns back to the first after the last", () => {
    // Two 546 px columns a page with a 32 px gap (1920 wide): five columns of sections are three pages.
    const [width, gap, column] = [1124, 32, 546];
    const scrollWidth = 5 * column + 4 * gap;
    expect(endPages.pages(scrollWidth, width, gap)).toBe(3);
    expect(endPages.pages(width, width, gap)).toBe(1);
    expect(endPages.pages(width + gap + column, width, gap)).toBe(2);
    // A heading at the top of the third column is on page 2, of the fifth on page 3.
    expect(endPages.pageOf(2 * (column + gap), width, gap)).toBe(1);
    expect(endPages.pageOf(4 * (column + gap), width, gap)).toBe(2);
    expect(endPages.pageOf(column, width, gap)).toBe(0);
    expect([endPages.next(2, 3, 1), endPages.next(0, 3, -1), endPages.next(5, 3, 0)]).toEqual([0, 2, 2]);
    expect(DEBRIEF_TEXT.endPage(2, 3, [DEBRIEF_TEXT.continued("Turning points")], false)).toBe("Page 2 of 3: Turning points (continued) · ← → to turn, Space to hold");
  });

  it("the projector's replay goes from the start through every turn, stays longer on the last, then starts again", () => {
    const order: number[] = [];
    let turn = 0;
    for (let i = 0; i < 7; i++) {
      order.push(turn);
      turn = replayStep(turn, 0, 4).next;
    }
    expect(order).toEqual([0, 1, 2, 3, 4, 0, 1]);
    expect(replayStep(2, 0, 4).seconds).toBe(REPLAY_SECONDS);
    expect(replayStep(4, 0, 4).seconds).toBeGreaterThan(REPLAY_SECONDS);
  });

  it("the projector shows a Council result outcome first, the veto by name, the count, and the votes grouped", () => {
    const members = [...sc.council!.permanent, ...sc.council!.elected];
    const votes = Object.fromEntries(members.map((m) => [m, m === "RUS" ? "no" : m === "CHN" ? "abstain" : "yes"]));
    const report = { turn: 3, entries: [{ kind: "council", headline: "Security Council votes on new sanctions on North Korea", outcome: "vetoed", votes }] };
    const snap = { view: { turn: 4, proposals: [] } } as unknown as GameSnapshot;
    const [card] = councilCards(sc, snap, [report as never]);
    expect(card).toMatchObject({ outcome: "Vetoed", vetoes: ["Russia"], count: `${members.length - 2} yes · 1 no · 1 abstain` });
    expect(card!.groups.map((g) => [g.vote, g.names.length])).toEqual([["yes", members.length - 2], ["no", 1], ["abstain", 1]]);
    // A "no" that did not stop a draft short of votes is no veto.
    const failed = councilCards(sc, snap, [{ ...report, entries: [{ ...report.entries[0], outcome: "failed" }] } as never]);
    expect(failed[0]).toMatchObject({ outcome: "Failed", vetoes: [] });
  });

  it("the projector's banner shows the latest breaking inject for a minute, then leaves it to the ticker", () => {
    const inject = (id: string) => ({ kind: "inject", id, headline: `Headline ${id}`, visibility: "public" }) as const;
    const at = 1_000_000;
    expect(bannerFor([], at, at)).toBeNull();
    expect(bannerFor([inject("a"), inject("b")], at, at + 5_000)?.id).toBe("b");
    expect(bannerFor([inject("a")], at, at + BANNER_SECONDS * 1000 - 1)?.id).toBe("a");
    expect(bannerFor([inject("a")], at, at + BANNER_SECONDS * 1000)).toBeNull();
  });

  it("the end screen names who played each seat, or a bot", () => {
    const seat = (names: string[], bot: boolean) => ({ players: names.map((name) => ({ name })), bot });
    expect(DEBRIEF_TEXT.playedBy(seat(["Ana"], false))).toBe("Played by Ana");
    expect(DEBRIEF_TEXT.playedBy(seat(["Ana", "Bo", "Cy"], false))).toBe("Played by Ana, Bo and Cy");
    expect(DEBRIEF_TEXT.playedBy(seat([], true))).toBe("Played by a bot");
    expect(DEBRIEF_TEXT.playedBy(seat(["Ana", "Bo"], true))).toBe("Played by a bot (team: Ana, Bo)");
    expect(DEBRIEF_TEXT.playedBy(seat([], false))).toBe("Nobody played it");
  });

  it("a projector link names a game by code or id, and nothing else", () => {
    expect(projectorTarget("?projector=K7Q2XM4PAB")).toBe("K7Q2XM4PAB");
    expect(projectorTarget("?projector=<script>")).toBeNull();
    expect(projectorTarget("")).toBeNull();
  });

  it("crawls the latest turn's headlines after breaking news, with what carries on from earlier months as one item", () => {
    const arms = { kind: "move" as const, id: "arm_ukraine", actor: "USA", target: "UKR", headline: "Washington sends weapons to Ukraine", visibility: "public" as const };
    const rebuke = { kind: "move" as const, id: "rebuke", actor: "CHN", target: "PRK", headline: "Beijing publicly rebukes Pyongyang", visibility: "public" as const };
    const reports = [
      { turn: 1, date: "June 2024", entries: [arms], explanations: [] },
      { turn: 2, date: "July 2024", entries: [arms, rebuke], explanations: [] },
    ];
    const breaking = [{ kind: "inject" as const, id: "x1", headline: "Typhoon hits Okinawa", visibility: "public" as const }];
    expect(tickerItems(sc, reports, breaking)).toEqual([
      "BREAKING: Typhoon hits Okinawa",
      "Beijing publicly rebukes Pyongyang",
      "Continuing: Washington sends weapons to Ukraine (second month running)",
    ]);
  });
});
