// The turn report: the news feed written from the turn's events and causes, what changed, and
// charts of each indicator over the turns.
import { hasIndicator, showsIndicator } from "../../../shared/scenario/scope.ts";
import type { HistoryPoint } from "../../../shared/engine/index.ts";
import type { Scenario } from "../../../shared/scenario/schema.ts";
import type { Store, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { fmt, fmtDelta, indicatorLabel, playableSeats, subjectLabel } from "../game-info.ts";
import { actorName as headlineName, causeText } from "../../../shared/engine/index.ts";
import { writeNews } from "../news/write-news.ts";
import { lineChart, type Series } from "./charts.ts";
import type { Panel } from "./panel.ts";
import { preserveFocus } from "./focus.ts";

/** The columns of "What changed"; Before and After also label their cells where the table stacks on a phone. */
const CHANGE_COLUMNS = [
  { label: "Quantity", class: null },
  { label: "Before", class: "num" },
  { label: "After", class: "num" },
  { label: "Why", class: null },
] as const;

/** Series for one indicator ("world.<id>" or an actor indicator id) from the history. */
export function indicatorSeries(sc: Scenario, history: HistoryPoint[], indicator: string): Series[] {
  if (indicator.startsWith("world.")) {
    const id = indicator.slice(6);
    return [{ label: sc.world[id]?.label ?? id, points: history.filter((p) => p.world[id] !== undefined).map((p) => ({ x: p.turn, y: p.world[id] as number })) }];
  }
  return playableSeats(sc).filter((seat) => hasIndicator(sc, seat, indicator)).map((seat) => ({
    // Headline names ("Washington") are short enough to sit at the end of a line in a narrow panel.
    label: headlineName(sc, seat),
    points: history.filter((p) => p.actors[seat]?.[indicator] !== undefined).map((p) => ({ x: p.turn, y: p.actors[seat]?.[indicator] as number })),
  }));
}

/** The report panel. */
export function createReportPanel(store: Store): Panel {
  const el = h("div", { class: "panel report-panel", id: "report-panel" });
  let turnShown: number | null = null;
  let indicator: string | null = null;
  let lastKey = "";
  let lastReports: unknown = null;
  let lastAnimated: number | null = null;

  const redraw = (): void => preserveFocus(el, () => render(store.get()));
  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const session = s.session;
    if (!snap || !session) return;
    const sc = session.scenario;
    const reports = s.reports;
    // Redraw when the reports change at all: explanations arrive after the compact report, in a new
    // list with the same length and turns, and "What changed" must then fill in.
    const key = JSON.stringify([turnShown, indicator, snap.view.history.length, s.breaking.length]);
    if (key === lastKey && reports === lastReports) return;
    lastKey = key;
    lastReports = reports;
    const report = reports.find((r) => r.turn === turnShown) ?? reports[reports.length - 1];
    // An indicator no seat holds has no line to draw.
    const indicators = [...Object.keys(sc.world).map((w) => `world.${w}`), ...Object.keys(sc.indicators).filter((i) => playableSeats(sc).some((seat) => showsIndicator(sc, seat, i)))];
    const chosen = indicator && indicators.includes(indicator) ? indicator : (indicators[0] ?? "");
    const history = snap.view.history;

    replace(
      el,
      h("h2", { class: "panel-title" }, "News"),
      s.breaking.length > 0
        ? h(
            "section",
            { class: "breaking", id: "breaking-news", "aria-label": "Breaking news" },
            [...s.breaking].reverse().map((e) =>
              h("article", { class: "news-item kind-inject" }, h("h3", {}, h("span", { class: "tag breaking-tag" }, "Breaking"), " ", e.headline), e.text ? h("p", {}, e.text) : null),
            ),
          )
        : null,
      reports.length === 0
        ? h("p", { class: "hint" }, "No turn has been resolved yet. The news appears here after each resolution.")
        : h(
            "div",
            {},
            h(
              "label",
              { class: "field inline" },
              "Turn ",
              h(
                "select",
                { "data-key": "report-turn", onchange: (ev: Event) => ((turnShown = Number((ev.target as HTMLSelectElement).value)), redraw()) },
                [...reports].reverse().map((r) => h("option", { value: r.turn, selected: r.turn === report?.turn }, `Turn ${r.turn} — ${r.date}`)),
              ),
            ),
            report
              ? h(
                  "div",
                  { class: "news-feed", id: "news-feed" },
                  h("p", { class: "dateline" }, `FAULTLINE WIRE · ${report.date}`),
                  writeNews(sc, report, reports).map((item) =>
                    h(
                      "article",
                      { class: `news-item kind-${item.kind}` },
                      h("h3", {}, item.headline, item.restricted ? h("span", { class: "tag secret", title: "Only some seats can read this" }, "private") : null),
                      h("p", {}, item.paragraph),
                      item.lines ? h("ul", { class: "news-lines" }, item.lines.map((line) => h("li", {}, line))) : null,
                    ),
                  ),
                  h(
                    "details",
                    { class: "changes", open: true },
                    h("summary", {}, `What changed (${report.explanations.length})`),
                    report.explanations.length === 0 ? h("p", { class: "hint" }, "Nothing you can see changed this turn.") : null,
                    h(
                      "table",
                      // The roles are the table's own: on a phone its cells stack (styles.css), and
                      // a display other than table must not take its rows and headers from screen readers.
                      { class: "changes-table", role: "table" },
                      h("thead", { role: "rowgroup" }, h("tr", { role: "row" }, CHANGE_COLUMNS.map((c) => h("th", { scope: "col", role: "columnheader", class: c.class }, c.label)))),
                      h(
                        "tbody",
                        { role: "rowgroup" },
                        report.explanations.map((ex) =>
                          h(
                            "tr",
                            { role: "row" },
                            h("th", { scope: "row", role: "rowheader" }, subjectLabel(sc, ex.subject)),
                            h("td", { class: "num", role: "cell", "data-label": CHANGE_COLUMNS[1].label }, fmt(ex.before)),
                            h("td", { class: "num", role: "cell", "data-label": CHANGE_COLUMNS[2].label }, fmt(ex.after)),
                            h("td", { class: "why", role: "cell" }, ex.causes.map((c) => `${causeText(sc, c)} ${fmtDelta(c.delta)}`).join("; ")),
                          ),
                        ),
                      ),
                    ),
                  ),
                )
              : null,
          ),
      h(
        "section",
        { class: "charts", "aria-labelledby": "charts-title" },
        h("h3", { id: "charts-title" }, "Indicators over the turns"),
        h(
          "label",
          { class: "field inline" },
          "Indicator ",
          h(
            "select",
            { "data-key": "chart-indicator", id: "chart-indicator", onchange: (ev: Event) => ((indicator = (ev.target as HTMLSelectElement).value), redraw()) },
            indicators.map((i) => h("option", { value: i, selected: i === chosen }, i.startsWith("world.") ? `World: ${indicatorLabel(sc, i.slice(6))}` : indicatorLabel(sc, i))),
          ),
        ),
        history.length < 2 ? h("p", { class: "hint" }, "Charts fill in as turns resolve.") : lineChart(indicatorSeries(sc, history, chosen), `${indicatorLabel(sc, chosen.replace(/^world\./, ""))} over the turns`),
      ),
    );
  };
  return {
    el,
    render: (s) => {
      // A new report resets the view to the latest turn.
      if (s.animateTurn !== null && s.animateTurn !== lastAnimated) {
        lastAnimated = s.animateTurn;
        turnShown = s.animateTurn;
      }
      render(s);
    },
  };
}
