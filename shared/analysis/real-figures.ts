// The real figures beside the game's: each of the scenario's `observations` (a dated real figure
// with its source) either falls within the months a game played, and is set beside the game's value
// after that month's turn, or comes after the game's last month, and then says what really happened
// next, beside where the game stood when it stopped. A short seminar (June to October of a
// twelve-month scenario) so still learns from every figure. The after-action report, the end screen
// and the projector print these rows and these words, and no others.
import { turnDate } from "../engine/index.ts";
import { parseExpr } from "../expr/parse.ts";
import type { Scenario } from "../scenario/schema.ts";
import { turnOfMonth } from "../scenario/calendar.ts";

/** What one game measured for the scenario's real figures (the server sends it as real-figures.json). */
export interface GameFigures {
  /** The last turn resolved (0: none yet), and whether the game is over. */
  lastTurn: number;
  over: boolean;
  /**
   * Per observation, in the scenario's order: the game's value after the turn `measuredTurn` names
   * (the figure's own month when the game reached it, else the game's last month); null when the
   * game has no such turn or the formula gave no number.
   */
  values: (number | null)[];
}

export interface RealFigureRow {
  label: string;
  /** The figure's month, "2024-11", and in words, "November 2024". */
  date: string;
  month: string;
  /** The turn of that month (the game is read after it). */
  turn: number;
  /** Where it comes from (with the scenario's note, if any); "" when the scenario names none. */
  source: string;
  /** The real figure and the game's in words: "11", "2.5", "yes", "no"; the game's is "—" when unmeasured. */
  real: string;
  game: string;
  /** How the game compares, for a figure within the game: "13% higher", "as in reality"; "" after it. */
  gap: string;
  /** The line under the figure's name on the end screen and the projector. */
  line: string;
}

export interface RealFigures {
  title: string;
  /** One paragraph: how far the game went and how the rows are read. */
  intro: string;
  /** The figures whose month the game played: the game's value at that month beside the real one. */
  within: { title: string; rows: RealFigureRow[] };
  /** The figures after the game's last month: what really happened, beside where the game stopped. */
  later: { title: string; rows: RealFigureRow[]; gameColumn: string };
}

/** Numbers as the rest of the debrief writes them: 2.5, 11, 688, 0.04, "−3". */
export function figureText(n: number): string {
  const text = n !== 0 && Math.abs(n) < 1 ? String(Number(n.toPrecision(2))) : (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 10) / 10).toLocaleString("en-US");
  return text.replace(/^-/, "\u2212");
}

const count = (n: number, one: string, many: string): string => (n === 1 ? one : many.replace("#", String(n)));

/** Every word of the section. */
export const REAL_FIGURE_WORDS = {
  title: "The real figures beside the game's",
  none: "This scenario records no real figures.",
  yes: "yes",
  no: "no",
  unmeasured: "—",
  same: "as in reality",
  different: "not as in reality",
  higher: (by: string): string => `${by} higher`,
  lower: (by: string): string => `${by} lower`,
  month: "Month",
  figure: "Figure",
  real: "Real",
  game: "This game",
  source: "Source",
  sourcePrefix: "Source: ",
  withinTitle: "In the months this game played",
  laterTitle: (last: string, over: boolean): string => (over ? `After this game's last month, ${last}: what really happened` : `Ahead of this game, now at ${last}: what really happened`),
  laterTitleUnplayed: "What really happened",
  gameAt: (last: string): string => `This game in ${last}`,
  withinLine: (real: string, game: string, gap: string): string => `Real: ${real} · this game: ${game}${gap ? ` (${gap})` : ""}`,
  laterLine: (real: string, month: string, last: string | null, game: string): string => `Real in ${month}: ${real}${last ? ` · this game in ${last}: ${game}` : ""}`,
  /** "This game ended in October 2024, after 5 of the scenario's 12 turns." and what the rows are. */
  intro: (o: { over: boolean; last: string | null; played: number; turns: number; within: number; later: number }): string => {
    if (o.last === null) return `No turn of this game has been played yet: ${count(o.later, "the scenario's real figure says", "the scenario's # real figures say")} what really happened.`;
    const where = !o.over ? `This game has reached ${o.last} (turn ${o.played} of ${o.turns}).` : o.played >= o.turns ? `This game ended in ${o.last}, after all ${o.turns} turns.` : `This game ended in ${o.last}, after ${o.played} of the scenario's ${o.turns} turns.`;
    if (o.later === 0) return `${where} ${count(o.within, "Its one real figure falls", "All # real figures fall")} within it, each set beside this game in the same month.`;
    const later = `${count(o.later, `the one ${o.over ? "after it" : "still ahead"} says`, `the # ${o.over ? "after it" : "still ahead"} say`)} what really happened, beside where this game stood in ${o.last}`;
    if (o.within === 0) return `${where} ${count(o.later, `Its one real figure is ${o.over ? "after it" : "still ahead"}: it says`, `All # real figures are ${o.over ? "after it" : "still ahead"}: they say`)} what really happened, beside where this game stood in ${o.last}.`;
    return `${where} ${count(o.within, "The one real figure up to then is", "The # real figures up to then are")} set beside this game in the same month; ${later}.`;
  },
};
const W = REAL_FIGURE_WORDS;

/**
 * The turn at which a game is read for a figure dated `date` (YYYY-MM): that month's turn when the
 * game played it, else the game's last turn; null before any turn was played.
 */
export function measuredTurn(scenario: Scenario, date: string, lastTurn: number): number | null {
  if (lastTurn < 1) return null;
  return Math.min(turnOfMonth(scenario.start, scenario.turns.length, date), lastTurn);
}

/** Whether a figure is a yes or no (its formula is `condition ? 1 : 0`, or a comparison): printed as yes/no. */
function isYesNo(measure: unknown, real: number): boolean {
  if (real !== 0 && real !== 1) return false;
  const p = parseExpr(measure as string | number | boolean);
  if (!p.ok) return false;
  const n = p.node;
  if (n.k === "cond") return n.a.k === "num" && n.a.v === 1 && n.b.k === "num" && n.b.v === 0;
  return n.k === "bool" || n.k === "not" || (n.k === "bin" && ["<", "<=", ">", ">=", "==", "!=", "and", "or"].includes(n.op));
}

function gapText(real: number, game: number, yesNo: boolean): string {
  if (yesNo) return (game !== 0) === (real !== 0) ? W.same : W.different;
  if (figureText(real) === figureText(game)) return W.same;
  const diff = game - real;
  // A percentage of a figure of 1 or more; the plain difference for 0 (no resolutions) or a small share.
  const pct = (Math.abs(diff) / Math.abs(real)) * 100;
  const by = Math.abs(real) >= 1 ? `${pct < 1 ? Number(pct.toPrecision(1)) : Math.round(pct)}%` : figureText(Math.abs(diff));
  return diff > 0 ? W.higher(by) : W.lower(by);
}

/** The section's rows and words for one game. */
export function realFigures(scenario: Scenario, game: GameFigures): RealFigures {
  const last = game.lastTurn >= 1 ? turnDate(scenario.start, scenario.turns.length, game.lastTurn) : null;
  const within: RealFigureRow[] = [];
  const later: RealFigureRow[] = [];
  scenario.observations.forEach((o, i) => {
    const turn = turnOfMonth(scenario.start, scenario.turns.length, o.date);
    const reached = game.lastTurn >= 1 && turn <= game.lastTurn;
    const yesNo = isYesNo(o.measure, o.value);
    const words = (x: number): string => (yesNo ? (x !== 0 ? W.yes : W.no) : figureText(x));
    const value = game.values[i] ?? null;
    const real = words(o.value);
    const played = value === null ? W.unmeasured : words(value);
    const month = turnDate(o.date, "month", 1);
    const gap = reached && value !== null ? gapText(o.value, value, yesNo) : "";
    const row: RealFigureRow = {
      label: o.label,
      date: o.date,
      month,
      turn,
      source: [o.source, o.note].filter(Boolean).join(" "),
      real,
      game: played,
      gap,
      line: reached ? W.withinLine(real, played, gap) : W.laterLine(real, month, last, played),
    };
    (reached ? within : later).push(row);
  });
  return {
    title: W.title,
    intro:
      scenario.observations.length === 0
        ? W.none
        : W.intro({ over: game.over, last, played: game.lastTurn, turns: scenario.turns.count, within: within.length, later: later.length }),
    within: { title: W.withinTitle, rows: within },
    later: { title: last === null ? W.laterTitleUnplayed : W.laterTitle(last, game.over), rows: later, gameColumn: last === null ? "" : W.gameAt(last) },
  };
}
