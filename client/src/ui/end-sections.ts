// The end screen's sections below the final standings: what each seat was secretly trying to do,
// the turning points (derived by shared/analysis from the reports and history this viewer has),
// the real figures beside the game's (the game's values come from the server, which has every
// past month; shared/analysis/real-figures.ts words them, as in the report), what actually
// happened, the debrief downloads and the replay.
import type { Store, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { actorName } from "../game-info.ts";
import { objectiveStatus } from "../../../shared/engine/index.ts";
import { turningPoints } from "../../../shared/analysis/turning-points.ts";
import { realFigures, REAL_FIGURE_WORDS, type GameFigures, type RealFigureRow } from "../../../shared/analysis/real-figures.ts";
import type { Scenario } from "../../../shared/scenario/schema.ts";
import { FACILITATOR_ONLY_EXPORTS, type ExportKind } from "../../../shared/debrief-wire.ts";
import { DEBRIEF_TEXT as T } from "../debrief-text.ts";
import { downloadExport, fetchRealFigures } from "../net/debrief-api.ts";
import { serverUrl } from "../server-factory.ts";
import { openReplay } from "./replay-view.ts";

const BUTTONS: [ExportKind, string][] = [
  ["report", T.reportButton],
  ["indicators", T.indicatorsButton],
  ["participation", T.participationButton],
  ["log", T.logButton],
];

/** The exports and the replay button; for the facilitator during the game too. */
export function exportsSection(store: Store, onMessage: (text: string) => void, message: string): HTMLElement | null {
  const s = store.get();
  const snap = s.snapshot;
  const session = s.session;
  if (!snap || !session) return null;
  const facilitator = snap.role === "facilitator";
  const kinds = BUTTONS.filter(([k]) => facilitator || !FACILITATOR_ONLY_EXPORTS.includes(k));
  const download = (kind: ExportKind) => (): void => {
    onMessage(T.preparing);
    downloadExport(serverUrl(), session.credential, kind)
      .then((name) => onMessage(T.downloaded(name)))
      .catch((e: unknown) => onMessage(T.downloadFailed(e instanceof Error ? e.message : String(e))));
  };
  return h(
    "section",
    { class: "debrief-exports", "aria-labelledby": "exports-title" },
    h("h3", { id: "exports-title" }, T.exportsTitle),
    h("p", { class: "hint" }, T.exportsHint),
    h(
      "div",
      { class: "button-row" },
      kinds.map(([kind, label]) => h("button", { type: "button", class: kind === "report" ? "primary" : "", "data-export": kind, onclick: download(kind) }, label)),
      h("button", { type: "button", id: "replay-button", onclick: () => openReplay(store) }, T.replayButton),
    ),
    h("p", { class: "hint export-status", role: "status", id: "export-status" }, message),
  );
}

/** One real figure: its name (and month, for one the game played), then the real value beside the game's, and its source. */
const figureItem = (r: RealFigureRow, within: boolean): HTMLElement =>
  h(
    "li",
    { "data-figure": r.date },
    h("strong", {}, within ? `${r.month}: ${r.label}` : r.label),
    h("span", { class: "figure-line" }, r.line),
    r.source ? h("span", { class: "figure-source" }, `${REAL_FIGURE_WORDS.sourcePrefix}${r.source}`) : null,
  );

/** The real figures beside the game's: those of the months the game played, then those after it. */
function figuresSection(sc: Scenario, game: GameFigures, note: string): HTMLElement | null {
  if (sc.observations.length === 0) return null;
  const f = realFigures(sc, game);
  return h(
    "section",
    { class: "real-figures", "aria-labelledby": "figures-title" },
    h("h3", { id: "figures-title" }, f.title),
    h("p", { class: "hint" }, f.intro, note ? ` ${note}` : ""),
    f.within.rows.length ? [h("h4", {}, f.within.title), h("ul", { class: "timeline-list figure-list within" }, f.within.rows.map((r) => figureItem(r, true)))] : null,
    f.later.rows.length ? [h("h4", {}, f.later.title), h("ul", { class: "timeline-list figure-list later" }, f.later.rows.map((r) => figureItem(r, false)))] : null,
  );
}

/** The end screen's sections (rendered inside the scores panel when the game is over). */
export function createEndSections(store: Store): { el: HTMLElement; render(s: UiState): void } {
  const el = h("div", { class: "end-sections", id: "end-screen" });
  const status = { text: "" };
  // The game's values of the real figures, fetched once per game and turn (the server has every past month).
  const figures: { key: string; value: GameFigures | null; note: string } = { key: "", value: null, note: "" };
  let lastKey = "";
  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const session = s.session;
    if (!snap || !session) return;
    const sc = session.scenario;
    const figuresKey = `${session.credential.gameId}:${snap.view.turn}`;
    if (sc.observations.length > 0 && figures.key !== figuresKey) {
      figures.key = figuresKey;
      figures.value = null;
      figures.note = T.figuresLoading;
      fetchRealFigures(serverUrl(), session.credential)
        .then((value) => {
          if (figures.key !== figuresKey) return;
          figures.value = value;
          figures.note = "";
          render(store.get());
        })
        .catch((e: unknown) => {
          if (figures.key !== figuresKey) return;
          figures.note = T.figuresFailed(e instanceof Error ? e.message : String(e));
          render(store.get());
        });
    }
    const key = JSON.stringify([snap.view.turn, s.reports.length, snap.view.history.length, status.text, figures.value !== null, figures.note]);
    if (key === lastKey) return;
    lastKey = key;
    // Until the game's values arrive (or if they cannot), the real figures alone, sorted by the months played.
    const played = Math.max(0, ...snap.view.history.map((p) => p.turn));
    const game: GameFigures = figures.value ?? { lastTurn: played, over: snap.view.phase === "over", values: sc.observations.map(() => null) };
    const cards = Object.values(snap.view.scores);
    const points = turningPoints(sc, s.reports, snap.view.history);
    replace(
      el,
      h(
        "section",
        { class: "secret-aims", "aria-labelledby": "secrets-title" },
        h("h3", { id: "secrets-title" }, T.secretsTitle),
        h(
          "dl",
          { class: "secret-list" },
          cards.flatMap((card) => {
            const secret = card.objectives.filter((o) => o.secret);
            return [
              h("dt", {}, actorName(sc, card.seat)),
              h(
                "dd",
                {},
                secret.length === 0
                  ? T.noSecrets
                  : h(
                      "ul",
                      { class: "objectives" },
                      secret.map((o) => {
                        const st = objectiveStatus(o);
                        return h("li", { class: `objective ${st}` }, h("span", { "aria-hidden": "true", class: "mark" }, `${T.statusMark[st]} `), h("span", { class: "sr-only" }, `${T.statusWord[st]}: `), o.label, T.objectivePoints(o));
                      }),
                    ),
              ),
            ];
          }),
        ),
      ),
      h(
        "section",
        { class: "turning-points", "aria-labelledby": "turning-title" },
        h("h3", { id: "turning-title" }, T.turningTitle),
        points.length === 0
          ? h("p", { class: "hint" }, T.noTurning)
          : h(
              "ol",
              { class: "timeline-list turning-list" },
              points.map((p) => h("li", { class: `tp-${p.kind}` }, h("strong", {}, `${T.turnLabel(p.turn, p.date)}: `), p.headline, p.detail ? h("span", { class: "tp-detail" }, ` — ${p.detail}`) : null)),
            ),
      ),
      figuresSection(sc, game, figures.note),
      sc.history.length > 0
        ? h(
            "section",
            { class: "real-history", "aria-labelledby": "history-title" },
            h("h3", { id: "history-title" }, T.historyTitle),
            h("ol", { class: "timeline-list" }, sc.history.map((x) => h("li", {}, h("strong", {}, `${x.date}: ${x.title}. `), x.text))),
          )
        : null,
      exportsSection(
        store,
        (text) => {
          status.text = text;
          render(store.get());
        },
        status.text,
      ),
    );
  };
  return { el, render };
}
