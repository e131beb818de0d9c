// Scores and the end of the game: per seat total and objectives (secret ones revealed when the
// engine's view includes them, i.e. at the end), and a timeline of the game next to what happened.
import type { Store, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { actorName, fmt } from "../game-info.ts";
import { entryHeadline } from "../../../shared/engine/index.ts";
import type { Panel } from "./panel.ts";

/** The scores panel. */
export function createScoresPanel(_store: Store): Panel {
  const el = h("div", { class: "panel scores-panel", id: "scores-panel" });
  let lastKey = "";
  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const session = s.session;
    if (!snap || !session) return;
    const key = JSON.stringify([snap.view.turn, snap.view.phase, Object.values(snap.view.scores).map((c) => c.total), s.reports.length]);
    if (key === lastKey) return;
    lastKey = key;
    const sc = session.scenario;
    const over = snap.view.phase === "over";
    const cards = Object.values(snap.view.scores).sort((a, b) => b.total - a.total);
    replace(
      el,
      h("h2", { class: "panel-title", id: "scores-title" }, over ? "Final scores" : "Scores so far"),
      over ? h("p", { class: "game-over" }, "The game is over. Secret objectives are revealed below.") : h("p", { class: "hint" }, "Other seats' secret objectives stay hidden until the end."),
      h(
        "ol",
        { class: "score-cards" },
        cards.map((card) =>
          h(
            "li",
            { class: `score-card${card.seat === snap.seat ? " mine" : ""}`, "data-seat": card.seat },
            h("h3", {}, actorName(sc, card.seat), h("span", { class: "score-total" }, ` ${fmt(card.total)} / ${fmt(card.max)} pts`)),
            h(
              "ul",
              { class: "objectives" },
              card.objectives.map((o) =>
                h(
                  "li",
                  { class: o.met ? "met" : "unmet" },
                  h("span", { "aria-hidden": "true" }, o.met ? "✔ " : "✕ "),
                  h("span", { class: "sr-only" }, o.met ? "met: " : "not met: "),
                  o.label,
                  o.secret ? h("span", { class: "tag secret" }, over ? "secret — revealed" : "secret") : null,
                  ` ${fmt(o.points)} pts (${Math.round(o.attainment * 100)}%)`,
                ),
              ),
            ),
          ),
        ),
      ),
      h(
        "section",
        { class: "timeline", "aria-labelledby": "timeline-title" },
        h("h3", { id: "timeline-title" }, "Timeline of the game"),
        s.reports.length === 0
          ? h("p", { class: "hint" }, "No turn resolved yet.")
          : h(
              "ol",
              { class: "timeline-list" },
              s.reports.map((r) => h("li", {}, h("strong", {}, `Turn ${r.turn} · ${r.date}: `), r.entries.map((e) => entryHeadline(sc, e)).filter(Boolean).slice(0, 4).join(" · ") || "A quiet month")),
            ),
        over && sc.history.length > 0
          ? h(
              "div",
              {},
              h("h3", {}, "What actually happened"),
              h("ol", { class: "timeline-list" }, sc.history.map((x) => h("li", {}, h("strong", {}, `${x.date}: ${x.title}. `), x.text))),
            )
          : null,
      ),
    );
  };
  return { el, render };
}
