// The end screen's and the projector's "real figures beside the game's", read as a class reads
// them: after a four-turn seminar (June to September 2024) the June figure is compared with the
// game's June, and every later figure says what really happened and when, beside where the game
// stood in September; after a twelve-turn game every figure is compared in its own month. The
// words are the report's (shared/analysis/real-figures.ts).
import { describe, expect, it } from "vitest";
import { figureText, realFigures, type GameFigures } from "../../shared/analysis/real-figures.ts";
import { loadScenario } from "./fixtures.ts";

const scenario = loadScenario();
const labels = scenario.observations.map((o) => o.label);
/** The game's values, by label and month (a yes/no figure is 1 or 0), the rest unmeasured. */
const values = (given: Record<string, number>): (number | null)[] => scenario.observations.map((o) => given[`${o.date} ${o.label}`] ?? given[o.label] ?? null);
const lines = (f: ReturnType<typeof realFigures>, part: "within" | "later"): string[] =>
  f[part].rows.map((r) => `${part === "within" ? `${r.month}: ` : ""}${r.label} | ${r.line}`);

describe("the real figures beside the game's, as the end screen reads them", () => {
  it("after four turns: June beside the game's June, the rest as what really happened after September", () => {
    const game: GameFigures = {
      lastTurn: 4,
      over: true,
      values: values({
        "Russia–North Korea mutual-assistance treaty signed": 0,
        "A sanctions monitoring team outside the UN": 0,
        "2024-10 UN sanctions panel restored": 1,
        "2025-05 UN sanctions panel restored": 1,
        "2024-10 New UN sanctions resolutions on North Korea adopted": 1,
        "2025-05 New UN sanctions resolutions on North Korea adopted": 1,
        "North Korean troops in Russia (thousands)": 0,
        "China–North Korea trade, 2024 (US$ bn)": 2.4812,
      }),
    };
    const f = realFigures(scenario, game);
    expect(f.title).toBe("The real figures beside the game's");
    expect(f.intro).toBe(
      "This game ended in September 2024, after 4 of the scenario's 12 turns. The one real figure up to then is set beside this game in the same month; the 11 after it say what really happened, beside where this game stood in September 2024.",
    );
    expect(f.within.title).toBe("In the months this game played");
    expect(lines(f, "within")).toEqual(["June 2024: Russia–North Korea mutual-assistance treaty signed | Real: yes · this game: no (not as in reality)"]);
    expect(f.later.title).toBe("After this game's last month, September 2024: what really happened");
    expect(lines(f, "later")).toEqual([
      "A sanctions monitoring team outside the UN | Real in October 2024: yes · this game in September 2024: no",
      "UN sanctions panel restored | Real in October 2024: no · this game in September 2024: yes",
      "New UN sanctions resolutions on North Korea adopted | Real in October 2024: 0 · this game in September 2024: 1",
      "North Korean troops in Russia (thousands) | Real in November 2024: 11 · this game in September 2024: 0",
      "China–North Korea trade, 2024 (US$ bn) | Real in December 2024: 2.2 · this game in September 2024: 2.5",
      "China–South Korea trade, 2024 (US$ bn) | Real in December 2024: 328 · this game in September 2024: —",
      "China–Japan trade, 2024 (US$ bn) | Real in December 2024: 308 · this game in September 2024: —",
      "China–US trade, 2024 (US$ bn) | Real in December 2024: 688 · this game in September 2024: —",
      "China–Russia trade, 2024 (US$ bn) | Real in December 2024: 245 · this game in September 2024: —",
      "UN sanctions panel restored | Real in May 2025: no · this game in September 2024: yes",
      "New UN sanctions resolutions on North Korea adopted | Real in May 2025: 0 · this game in September 2024: 1",
    ]);
    // Every real figure says its source, so a class can argue about it.
    expect(f.later.rows.find((r) => r.label === "North Korean troops in Russia (thousands)")!.source).toBe("NIS via Yonhap; Pentagon, Nov 2024");
    expect([...f.within.rows, ...f.later.rows].map((r) => r.label).sort()).toEqual([...labels].sort());
  });

  it("after five turns: the October figures join the comparison", () => {
    const f = realFigures(scenario, { lastTurn: 5, over: true, values: values({ "A sanctions monitoring team outside the UN": 1, "2024-10 UN sanctions panel restored": 0, "2024-10 New UN sanctions resolutions on North Korea adopted": 2 }) });
    expect(f.intro).toMatch(/^This game ended in October 2024, after 5 of the scenario's 12 turns\. The 4 real figures up to then are set beside this game in the same month; the 8 after it say/);
    expect(lines(f, "within").slice(1)).toEqual([
      "October 2024: A sanctions monitoring team outside the UN | Real: yes · this game: yes (as in reality)",
      "October 2024: UN sanctions panel restored | Real: no · this game: no (as in reality)",
      "October 2024: New UN sanctions resolutions on North Korea adopted | Real: 0 · this game: 2 (2 higher)",
    ]);
    expect(f.later.title).toBe("After this game's last month, October 2024: what really happened");
  });

  it("after twelve turns: every figure beside the game in its own month, with how far it is", () => {
    const game: GameFigures = {
      lastTurn: 12,
      over: true,
      values: values({
        "Russia–North Korea mutual-assistance treaty signed": 1,
        "A sanctions monitoring team outside the UN": 1,
        "UN sanctions panel restored": 0,
        "New UN sanctions resolutions on North Korea adopted": 0,
        "North Korean troops in Russia (thousands)": 11,
        "China–North Korea trade, 2024 (US$ bn)": 2.4812,
        "China–South Korea trade, 2024 (US$ bn)": 327.9,
        "China–Japan trade, 2024 (US$ bn)": 325.8,
        "China–US trade, 2024 (US$ bn)": 611.8,
        "China–Russia trade, 2024 (US$ bn)": 244.0,
      }),
    };
    const f = realFigures(scenario, game);
    expect(f.intro).toBe("This game ended in May 2025, after all 12 turns. All 12 real figures fall within it, each set beside this game in the same month.");
    expect(f.later.rows).toEqual([]);
    expect(lines(f, "within")).toEqual([
      "June 2024: Russia–North Korea mutual-assistance treaty signed | Real: yes · this game: yes (as in reality)",
      "October 2024: A sanctions monitoring team outside the UN | Real: yes · this game: yes (as in reality)",
      "October 2024: UN sanctions panel restored | Real: no · this game: no (as in reality)",
      "October 2024: New UN sanctions resolutions on North Korea adopted | Real: 0 · this game: 0 (as in reality)",
      "November 2024: North Korean troops in Russia (thousands) | Real: 11 · this game: 11 (as in reality)",
      "December 2024: China–North Korea trade, 2024 (US$ bn) | Real: 2.2 · this game: 2.5 (13% higher)",
      "December 2024: China–South Korea trade, 2024 (US$ bn) | Real: 328 · this game: 328 (as in reality)",
      "December 2024: China–Japan trade, 2024 (US$ bn) | Real: 308 · this game: 326 (6% higher)",
      "December 2024: China–US trade, 2024 (US$ bn) | Real: 688 · this game: 612 (11% lower)",
      "December 2024: China–Russia trade, 2024 (US$ bn) | Real: 245 · this game: 244 (0.3% lower)",
      "May 2025: UN sanctions panel restored | Real: no · this game: no (as in reality)",
      "May 2025: New UN sanctions resolutions on North Korea adopted | Real: 0 · this game: 0 (as in reality)",
    ]);
  });

  it("while a game is still going, and before its first turn", () => {
    const going = realFigures(scenario, { lastTurn: 3, over: false, values: values({}) });
    expect(going.intro).toMatch(/^This game has reached August 2024 \(turn 3 of 12\)\. The one real figure up to then is set beside this game in the same month; the 11 still ahead say what really happened, beside where this game stood in August 2024\.$/);
    expect(going.later.title).toBe("Ahead of this game, now at August 2024: what really happened");
    expect(going.within.rows[0]!.line).toBe("Real: yes · this game: —");
    const unplayed = realFigures(scenario, { lastTurn: 0, over: false, values: values({}) });
    expect(unplayed.intro).toBe("No turn of this game has been played yet: the scenario's 12 real figures say what really happened.");
    expect(unplayed.later.title).toBe("What really happened");
    expect(unplayed.later.rows[0]!.line).toBe("Real in June 2024: yes");
  });

  it("write numbers as the rest of the debrief does", () => {
    expect([2.4812, 11, 688.3, 0.0412, -3, 0, 1234.5].map(figureText)).toEqual(["2.5", "11", "688", "0.041", "\u22123", "0", "1,235"]);
  });
});
