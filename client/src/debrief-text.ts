// Every sentence the standings, the end screen, the exports and the replay show, in one place.
// Names, headlines and indicator labels come from the engine's text module; these are the words
// around them.
import { attainmentPercent, percent, pointsOf, type ObjectiveScore, type ObjectiveStatus, type Standing } from "../../shared/engine/index.ts";
import { fmt, joinNames } from "./game-info.ts";

export const DEBRIEF_TEXT = {
  scoresTitle: "Standings",
  finalTitle: "The game is over: final standings",
  rankedPublic: "Ranked by the share of each country's public objectives met so far. Secret objectives count at the end, for everyone.",
  rankedAll: "Ranked by the share of each country's maximum it earned, secret objectives included.",
  share: (s: Standing): string => `${percent(s.share)}`,
  points: (s: Standing): string => `${pointsOf(s.points, s.max)} pts`,
  basisPublic: "public objectives",
  ownWithSecrets: (s: Standing): string => `With your secret objectives: ${percent(s.share)} (${pointsOf(s.points, s.max)} pts), not used for the ranking`,
  facilitatorWithSecrets: (s: Standing): string => `With secret objectives: ${percent(s.share)} (${pointsOf(s.points, s.max)} pts)`,
  statusMark: { met: "✔", partial: "◐", none: "✕" } satisfies Record<ObjectiveStatus, string>,
  statusWord: { met: "met", partial: "partly met", none: "not met" } satisfies Record<ObjectiveStatus, string>,
  objectivePoints: (o: Pick<ObjectiveScore, "points" | "max" | "attainment" | "met">): string => ` — ${pointsOf(o.points, o.max)} pts (${attainmentPercent(o)})`,
  /** What the objective asks for against where it stands: "now 52; needs at most 45". */
  objectiveNeed: (value: number, need: { atLeast?: number; atMost?: number }): string => {
    const { atLeast, atMost } = need;
    const wants = atLeast !== undefined && atMost !== undefined ? `between ${fmt(atLeast)} and ${fmt(atMost)}` : atLeast !== undefined ? `at least ${fmt(atLeast)}` : atMost !== undefined ? `at most ${fmt(atMost)}` : "";
    return wants ? `now ${fmt(value)}; needs ${wants}` : "";
  },
  /**
   * Who played a seat, from the room's seat list (names are public: every top bar shows the seats'
   * teams): "Played by Ana and Bo", "Played by a bot", "Played by a bot (team: Ana)" for a team the
   * facilitator replaced with one, "Nobody played it" for a seat held empty.
   */
  playedBy: (seat: { players: { name: string }[]; bot: boolean } | undefined): string => {
    const names = (seat?.players ?? []).map((p) => p.name);
    if (seat?.bot) return names.length ? `Played by a bot (team: ${names.join(", ")})` : "Played by a bot";
    return names.length ? `Played by ${joinNames(names)}` : "Nobody played it";
  },
  secretTag: "secret",
  secretRevealed: "secret — revealed",
  /** The projector's end screen, which turns its own pages: "Page 2 of 4: Turning points · ← → to turn". */
  endPage: (page: number, pages: number, titles: string[], held: boolean): string =>
    `Page ${page} of ${pages}${titles.length ? `: ${titles.join(", ")}` : ""} · ${held ? "held (Space to go on)" : "← → to turn, Space to hold"}`,
  continued: (title: string): string => `${title} (continued)`,
  secretsTitle: "What each country was secretly trying to do",
  noSecrets: "No secret objectives.",
  turningTitle: "Turning points",
  noTurning: "No turn resolved yet.",
  timelineTitle: "Timeline of the game",
  quietMonth: "A quiet month",
  historyTitle: "What actually happened",
  // The real figures' own words are in shared/analysis/real-figures.ts, shared with the report.
  figuresLoading: "Loading this game's values…",
  figuresFailed: (why: string): string => `This game's values could not be loaded (${why}); the after-action report has them.`,
  exportsTitle: "Debrief",
  exportsHint: "The after-action report opens in any browser and prints to PDF (File › Print).",
  reportButton: "Download the after-action report (HTML)",
  indicatorsButton: "Indicators per turn (CSV)",
  participationButton: "Participation per person (CSV)",
  logButton: "Full log (JSON)",
  replayButton: "Replay the game turn by turn",
  preparing: "Preparing the download…",
  downloaded: (name: string): string => `Downloaded ${name}.`,
  downloadFailed: (why: string): string => `The download failed: ${why}`,
  replayTitle: "Replay",
  replayAs: "Seen by",
  replayEveryone: "Everyone (all secrets)",
  replayObserver: "The public (an observer)",
  replayStart: "Start of the game",
  /** The caption over the projector's map while it replays the game at the end. */
  projectorReplay: (frame: string, turn: number, last: number): string => `Replay, as the public saw it · ${frame} (${turn} of ${last})`,
  replayTurn: (turn: number, date: string): string => `After turn ${turn} · ${date}`,
  replayPrev: "◀ Previous turn",
  replayNext: "Next turn ▶",
  replayClose: "Close the replay",
  replayOrders: "Orders given",
  replayNoOrders: "No orders this viewer may see.",
  replayNews: "News of the turn",
  replayIndicators: "Indicators",
  replayStandings: "Standings at this point",
  replayLoading: "Loading…",
  turnLabel: (turn: number, date: string): string => `Turn ${turn} · ${date}`,
};
