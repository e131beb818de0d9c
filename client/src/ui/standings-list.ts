// The standings list every screen shares (scores panel, end screen, replay): rank, name, share of
// the seat's maximum with a bar, points, and each objective marked met, partly met or not met.
// The engine ranks (standings); this only renders.
import { h } from "../dom.ts";
import { actorName } from "../game-info.ts";
import { objectiveStatus, standingOf, standings, type PublicScenario, type Standing } from "../../../shared/engine/index.ts";
import type { ScoreCard } from "../../../shared/engine/index.ts";
import type { SeatInfo } from "../../../shared/protocol.ts";
import { DEBRIEF_TEXT as T } from "../debrief-text.ts";

/** The objective's threshold from the scenario: by index, or by label where others' secrets were left out. */
function needOf(sc: PublicScenario, seat: string, o: ScoreCard["objectives"][number]): { atLeast?: number; atMost?: number } | undefined {
  const defs = sc.objectives[seat] ?? [];
  const def = defs[o.index]?.label === o.label ? defs[o.index] : defs.find((d) => d.label === o.label);
  return def ? { atLeast: def.atLeast, atMost: def.atMost } : undefined;
}

/** One objective line: a mark for met / partly met / not met, the label, its points, where it stands. */
function objectiveLine(sc: PublicScenario, seat: string, o: ScoreCard["objectives"][number], over: boolean): HTMLElement {
  const st = objectiveStatus(o);
  const need = needOf(sc, seat, o);
  const where = need && Number.isFinite(o.value) ? T.objectiveNeed(o.value, need) : "";
  return h(
    "li",
    { class: `objective ${st}`, "data-status": st },
    h("span", { "aria-hidden": "true", class: "mark" }, `${T.statusMark[st]} `),
    h("span", { class: "sr-only" }, `${T.statusWord[st]}: `),
    o.label,
    o.secret ? h("span", { class: "tag secret" }, over ? T.secretRevealed : T.secretTag) : null,
    T.objectivePoints(o),
    where ? h("span", { class: "objective-need" }, ` · ${where}`) : null,
  );
}

/**
 * The standings list: rank, name, share of maximum with a bar, points, and each card's objectives;
 * given the room's seats (the end screen), who played each seat under its name.
 */
export function standingsList(sc: PublicScenario, cards: Record<string, ScoreCard>, over: boolean, me: string | null, facilitator: boolean, seats?: readonly SeatInfo[]): HTMLElement {
  const rows = standings(cards, over);
  const extra = (row: Standing): HTMLElement | null => {
    if (over) return null;
    const card = cards[row.seat]!;
    if (!card.objectives.some((o) => o.secret)) return null;
    const all = standingOf(card, "all");
    if (row.seat === me) return h("p", { class: "hint own-secret" }, T.ownWithSecrets(all));
    return facilitator ? h("p", { class: "hint" }, T.facilitatorWithSecrets(all)) : null;
  };
  return h(
    "ol",
    { class: "score-cards standings" },
    rows.map((row) =>
      h(
        "li",
        { class: `score-card${row.seat === me ? " mine" : ""}`, "data-seat": row.seat, "data-share": row.share.toFixed(4), "data-rank": row.rank },
        h(
          "h3",
          {},
          h("span", { class: "rank" }, `${row.rank}. `),
          actorName(sc, row.seat),
          h("span", { class: "score-total" }, ` ${T.share(row)}`),
          h("span", { class: "score-points" }, ` · ${T.points(row)}${over ? "" : ` (${T.basisPublic})`}`),
        ),
        seats ? h("p", { class: "played-by", "data-played-by": row.seat }, T.playedBy(seats.find((x) => x.id === row.seat))) : null,
        h("div", { class: "share-bar", "aria-hidden": "true" }, h("span", { style: `width:${Math.round(row.share * 100)}%` })),
        extra(row),
        h("ul", { class: "objectives" }, cards[row.seat]!.objectives.map((o) => objectiveLine(sc, row.seat, o, over))),
      ),
    ),
  );
}

