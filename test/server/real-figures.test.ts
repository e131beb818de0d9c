// The after-action report's "real figures beside the game's" after a short seminar (four turns,
// June to September 2024) and after a whole game (twelve turns): every real figure teaches
// something. The figures of the months a game played are set beside the game's value in the same
// month; those after its last month say what really happened and when, beside where the game
// stopped, never "not reached". The end screen reads the same values (real-figures.json) and words.
import { describe, expect, it } from "vitest";
import { compileRules, createGame, endAfter, historyPoint, measure, playBot, resolveTurn, seatsOf, type GameState, type Rules } from "../../shared/engine/index.ts";
import { realFigures } from "../../shared/analysis/real-figures.ts";
import { afterActionHtml, gameFigures } from "../../server/game/after-action.ts";
import type { Dossier, DossierTurn } from "../../server/game/dossier.ts";
import { realEngine } from "../../server/game/engine-port.ts";
import type { GameRecord } from "../../server/store/game-store.ts";
import { loadScenario } from "../client/fixtures.ts";

const scenario = loadScenario();
const rules: Rules = compileRules(scenario);

/** A bot game gathered as the server gathers a stored one, ended by the facilitator after `last` turns. */
function playedDossier(last: number): Dossier {
  let st: GameState = createGame(rules, "real-figures");
  if (last < scenario.turns.count) {
    const ended = endAfter(rules, st, last);
    if (!ended.ok) throw new Error(ended.error.message);
    st = ended.value;
  }
  const initial = st;
  const turns: DossierTurn[] = [];
  while (st.phase !== "over") {
    let ready = st;
    for (const seat of seatsOf(rules)) ready = playBot(rules, ready, seat);
    const { state, report } = resolveTurn(rules, ready, { explain: true });
    turns.push({ turn: report.turn, date: report.date, start: st, beforeResolution: ready, after: state, report, point: historyPoint(rules, state), actions: [] });
    st = state;
  }
  const record = { id: "g1", joinCode: "ABCD", name: "Seminar", scenario: scenario.id, scenarioHash: null, seed: "real-figures", options: {}, status: "over", turn: st.turn, deadline: null, paused: false, remainingMs: null, bots: {}, kept: [], createdAt: 0 } as unknown as GameRecord;
  return { record, rules, people: new Map(), actions: [], initial, initialPoint: historyPoint(rules, initial), current: st, turns, over: true };
}

/** What a reader sees of the section: its text, and each table's rows as cell texts. */
function section(html: string): { text: string; tables: Record<string, string[][]>; heads: Record<string, string[]> } {
  const body = html.slice(html.indexOf('<section id="reality">'), html.indexOf("</section>", html.indexOf('<section id="reality">')));
  const plain = (s: string): string =>
    s
      .replace(/<[^>]+>/g, " ")
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&")
      .replace(/\s+/g, " ")
      .trim();
  const tables: Record<string, string[][]> = {};
  const heads: Record<string, string[]> = {};
  for (const m of body.matchAll(/<table class="observations (\w+)">(.*?)<\/table>/g)) {
    heads[m[1]!] = [...m[2]!.matchAll(/<th>(.*?)<\/th>/g)].map((c) => plain(c[1]!));
    tables[m[1]!] = [...m[2]!.matchAll(/<tr>(.*?)<\/tr>/g)].slice(1).map((r) => [...r[1]!.matchAll(/<t[dh][^>]*>(.*?)<\/t[dh]>/g)].map((c) => plain(c[1]!)));
  }
  return { text: plain(body), tables, heads };
}

/** The game's value of an observation after a turn, in the words the report uses for it. */
function gameWords(d: Dossier, i: number, turn: number): string {
  const o = scenario.observations[i]!;
  const m = measure(rules, d.turns.find((t) => t.turn === turn)!.after, String(o.measure));
  if (!m.ok) throw new Error(m.error);
  const v = Number(m.value);
  return String(o.measure).endsWith("? 1 : 0") ? (v ? "yes" : "no") : realFigures(scenario, { lastTurn: 12, over: true, values: scenario.observations.map((_, j) => (j === i ? v : null)) }).within.rows.find((r) => r.label === o.label && r.date === o.date)!.game;
}

describe("the real figures beside the game's, in the after-action report", () => {
  const short = playedDossier(4);
  const whole = playedDossier(12);

  it("after a four-turn seminar, compares June and says what really happened after September, with no 'not reached'", () => {
    expect(short.turns.map((t) => t.date)).toEqual(["June 2024", "July 2024", "August 2024", "September 2024"]);
    const { text, tables, heads } = section(afterActionHtml(realEngine, short, 0));
    expect(text).not.toContain("not reached");
    expect(text).toContain("The real figures beside the game's");
    expect(text).toContain("This game ended in September 2024, after 4 of the scenario's 12 turns. The one real figure up to then is set beside this game in the same month; the 11 after it say what really happened, beside where this game stood in September 2024.");

    // The one figure of a month the game played: the treaty of June, beside the game after June's turn.
    expect(text).toContain("In the months this game played");
    expect(heads["within"]).toEqual(["Month", "Figure", "Real", "This game", "Source"]);
    const treaty = gameWords(short, 0, 1);
    expect(tables["within"]).toEqual([["June 2024", "Russia–North Korea mutual-assistance treaty signed", "yes", `${treaty} (${treaty === "yes" ? "as in reality" : "not as in reality"})`, "KCNA text of the treaty, 19 Jun 2024"]]);

    // Every later figure: its month, what really happened, and where this game stood in September.
    expect(text).toContain("After this game's last month, September 2024: what really happened");
    expect(heads["later"]).toEqual(["Month", "Figure", "Real", "This game in September 2024", "Source"]);
    const later = tables["later"]!;
    expect(later.map((r) => r[0])).toEqual(["October 2024", "October 2024", "October 2024", "November 2024", "December 2024", "December 2024", "December 2024", "December 2024", "December 2024", "May 2025", "May 2025"]);
    expect(later[3]!.slice(0, 3)).toEqual(["November 2024", "North Korean troops in Russia (thousands)", "11"]);
    expect(later[3]![3]).toBe(gameWords(short, 4, 4));
    expect(later[1]!.slice(0, 3)).toEqual(["October 2024", "UN sanctions panel restored", "no"]);
    expect(later[1]![3]).toBe(gameWords(short, 2, 4));
    expect(later[1]![4]).toContain("16 Oct 2024");
    expect(later.at(-1)!.slice(0, 3)).toEqual(["May 2025", "New UN sanctions resolutions on North Korea adopted", "0"]);
  });

  it("serves the end screen the game's value in the figure's month when the game played it, else in its last month", () => {
    const f = gameFigures(short);
    expect(f.lastTurn).toBe(4);
    expect(f.over).toBe(true);
    expect(f.values).toHaveLength(scenario.observations.length);
    const treaty = measure(rules, short.turns[0]!.after, String(scenario.observations[0]!.measure));
    const troops = measure(rules, short.turns[3]!.after, "world.prk_troops");
    expect(f.values[0]).toBe(treaty.ok ? Number(treaty.value) : NaN);
    expect(f.values[4]).toBe(troops.ok ? Number(troops.value) : NaN);
    // The end screen prints the same lines from these values.
    const lines = realFigures(scenario, f);
    expect(lines.later.rows[3]!.line).toBe(`Real in November 2024: 11 · this game in September 2024: ${gameWords(short, 4, 4)}`);
  });

  it("after a twelve-turn game, sets every real figure beside the game in its own month", () => {
    const { text, tables } = section(afterActionHtml(realEngine, whole, 0));
    expect(text).not.toContain("not reached");
    expect(text).toContain("This game ended in May 2025, after all 12 turns. All 12 real figures fall within it, each set beside this game in the same month.");
    expect(tables["later"]).toBeUndefined();
    expect(text).not.toContain("what really happened");
    const rows = tables["within"]!;
    expect(rows.map((r) => `${r[0]} · ${r[1]}`)).toEqual(scenario.observations.map((o) => `${realFigures(scenario, gameFigures(whole)).within.rows.find((r) => r.label === o.label && r.date === o.date)!.month} · ${o.label}`));
    scenario.observations.forEach((o, i) => {
      const turn = whole.turns.find((t) => t.date === rows[i]![0])!.turn;
      expect(rows[i]![3], o.label).toMatch(new RegExp(`^${gameWords(whole, i, turn).replace(".", "\\.")} \\((as in reality|not as in reality|\\S+ (higher|lower))\\)$`));
    });
    // China–North Korea trade in December 2024, against the real $2.2 bn.
    expect(rows.find((r) => r[1] === "China–North Korea trade, 2024 (US$ bn)")!.slice(0, 3)).toEqual(["December 2024", "China–North Korea trade, 2024 (US$ bn)", "2.2"]);
  });
});
