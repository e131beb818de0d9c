// Standings and, once the game is over, the end screen: final standings as a share of each seat's
// maximum (secret objectives revealed), what each seat was secretly trying to do, the turning
// points, the debrief downloads and the replay. The engine ranks (standings); this only renders.
import type { Store, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { entryHeadline } from "../../../shared/engine/index.ts";
import { DEBRIEF_TEXT as T } from "../debrief-text.ts";
import { createEndSections, exportsSection } from "./end-sections.ts";
import { standingsList } from "./standings-list.ts";
import type { Panel } from "./panel.ts";

/** The scores panel (the end screen once the game is over). */
export function createScoresPanel(store: Store): Panel {
  const el = h("div", { class: "panel scores-panel", id: "scores-panel" });
  const end = createEndSections(store);
  let lastKey = "";
  let exportStatus = "";
  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const session = s.session;
    if (!snap || !session) return;
    const over = snap.view.phase === "over";
    // At the end each seat's people are named: a name arriving (or leaving) redraws.
    const playedBy = over ? snap.seats.map((x) => T.playedBy(x)) : [];
    const key = JSON.stringify([snap.view.turn, snap.view.phase, Object.values(snap.view.scores).map((c) => c.total), s.reports.length, snap.view.history.length, exportStatus, playedBy]);
    if (key === lastKey) {
      end.render(s);
      return;
    }
    lastKey = key;
    const sc = session.scenario;
    replace(
      el,
      h("h2", { class: "panel-title", id: "scores-title" }, over ? T.finalTitle : T.scoresTitle),
      h("p", { class: over ? "game-over" : "hint" }, over ? T.rankedAll : T.rankedPublic),
      standingsList(sc, snap.view.scores, over, snap.seat, snap.role === "facilitator", over ? snap.seats : undefined),
      over ? end.el : null,
      // The facilitator can take the report and exports during the game too.
      !over && snap.role === "facilitator"
        ? exportsSection(
            store,
            (text) => {
              exportStatus = text;
              render(store.get());
            },
            exportStatus,
          )
        : null,
      h(
        "section",
        { class: "timeline", "aria-labelledby": "timeline-title" },
        h("h3", { id: "timeline-title" }, T.timelineTitle),
        s.reports.length === 0
          ? h("p", { class: "hint" }, T.noTurning)
          : h(
              "ol",
              { class: "timeline-list" },
              s.reports.map((r) => h("li", {}, h("strong", {}, `${T.turnLabel(r.turn, r.date)}: `), r.entries.map((e) => entryHeadline(sc, e)).filter(Boolean).slice(0, 4).join(" · ") || T.quietMonth)),
            ),
      ),
    );
    if (over) end.render(s);
  };
  return { el, render };
}
