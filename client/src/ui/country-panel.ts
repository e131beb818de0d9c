// A country's details: indicators with sparklines from the history, relation to the viewer,
// sanctions and treaties, and "why did this change" from the latest report's explanations.
import { showsIndicator } from "../../../shared/scenario/scope.ts";
import type { Store, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { actorName, fmt, fmtDelta, playableSeats, relationBetween, subjectActor, subjectLabel, withUnit } from "../game-info.ts";
import { blocLabel, causeText, humanise, sectorText } from "../../../shared/engine/index.ts";
import { relationBand, BAND_STYLES } from "../map/palette.ts";
import { sparkline } from "./charts.ts";
import type { Panel } from "./panel.ts";
import { preserveFocus } from "./focus.ts";
import type { Opinions } from "../../../shared/protocol.ts";
import type { Scenario } from "../../../shared/scenario/schema.ts";

/** The country panel. */
export function createCountryPanel(store: Store): Panel {
  const el = h("div", { class: "panel country-panel", id: "country-panel" });
  // The state carries a relation's value only; its opinion modifiers are asked for when someone
  // opens "Why?" on a relation, once per pair and turn while it stays open (one at a time).
  let whyOpen: [string, string] | null = null;
  let opinions: { key: string; reply?: Opinions; error?: string } | null = null;
  const isOpen = (a: string, b: string) => whyOpen !== null && whyOpen[0] === a && whyOpen[1] === b;
  const toggle = (a: string, b: string) => {
    whyOpen = isOpen(a, b) ? null : [a, b];
    redraw();
  };
  const askOpinions = (s: UiState): void => {
    if (!whyOpen || !s.session?.opinions) return;
    const [a, b] = whyOpen;
    const key = `${s.snapshot?.view.turn}:${a}:${b}`;
    if (opinions?.key === key) return;
    const asked = { key } as NonNullable<typeof opinions>;
    opinions = asked;
    s.session.opinions(a, b).then(
      (reply) => (asked.reply = reply),
      (e: unknown) => (asked.error = (e as { message?: string }).message ?? "The server did not answer."),
    ).finally(() => opinions === asked && redraw());
  };
  const redraw = (): void => preserveFocus(el, () => render(store.get()));
  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const session = s.session;
    if (!snap || !session) return;
    const sc = session.scenario;
    const view = snap.view;
    const actorIds = Object.keys(sc.actors);
    const id = s.selected && sc.actors[s.selected] ? s.selected : (snap.seat ?? actorIds[0] ?? "");
    const actor = sc.actors[id];
    const values = view.actors[id] ?? {};
    const latest = s.reports[s.reports.length - 1];
    const why = (latest?.explanations ?? []).filter((ex) => {
      const owner = subjectActor(ex.subject);
      if (owner) return owner.actor === id;
      return ex.subject.split(":").slice(1).includes(id);
    });
    const rel = snap.seat && snap.seat !== id ? relationBetween(view, snap.seat, id) : null;
    // The selected country's standing with every other seat (yours is the line above).
    const others = playableSeats(sc).filter((x) => x !== id && x !== snap.seat);
    if (whyOpen && !(isOpen(snap.seat ?? "", id) || (whyOpen[0] === id && others.includes(whyOpen[1])))) whyOpen = null;
    askOpinions(s);
    const whyButton = (a: string, b: string, key: string, label: string) =>
      session.opinions
        ? h("button", { type: "button", id: key === "relation-why" ? key : null, "data-key": key, "aria-expanded": isOpen(a, b) ? "true" : "false", "aria-controls": "relation-opinions", "aria-label": `${isOpen(a, b) ? "Hide why" : "Why"}: ${label}`, onclick: () => toggle(a, b) }, isOpen(a, b) ? "Hide why" : "Why?")
        : null;
    replace(
      el,
      h(
        "label",
        { class: "field" },
        "Country ",
        h(
          "select",
          { id: "country-select", "data-key": "country-select", onchange: (ev: Event) => store.set({ selected: (ev.target as HTMLSelectElement).value }) },
          actorIds.map((a) => h("option", { value: a, selected: a === id }, actorName(sc, a))),
        ),
      ),
      h("h2", { class: "panel-title", id: "country-name" }, actor?.name ?? id, actor?.bloc ? h("span", { class: "tag" }, `${blocLabel(actor.bloc)} bloc`) : null, actor?.playable ? null : h("span", { class: "tag" }, "not a seat")),
      rel !== null
        ? h(
            "p",
            { class: "relation" },
            `Relation with you: ${fmt(rel)} — ${BAND_STYLES[relationBand(rel)].glyph} ${BAND_STYLES[relationBand(rel)].label} `,
            whyButton(snap.seat!, id, "relation-why", `relation of ${actorName(sc, id)} with you`),
          )
        : null,
      rel !== null && isOpen(snap.seat!, id) ? opinionList(sc, opinions, rel) : null,
      others.length > 0 && actor?.playable
        ? h(
            "section",
            { class: "relations", "aria-labelledby": "relations-title" },
            h("h3", { id: "relations-title" }, `${actor.name}'s relations`),
            h(
              "ul",
              { class: "relation-list" },
              others.map((x) => {
                const v = relationBetween(view, id, x);
                return h(
                  "li",
                  {},
                  h("span", { class: "relation-value" }, `${actorName(sc, x)}: ${fmt(v)} ${BAND_STYLES[relationBand(v)].glyph} ${BAND_STYLES[relationBand(v)].label}`),
                  whyButton(id, x, `why-${x}`, `relation of ${actor.name} with ${actorName(sc, x)}`),
                  isOpen(id, x) ? opinionList(sc, opinions, v) : null,
                );
              }),
            ),
          )
        : null,
      h(
        "table",
        { class: "indicators" },
        h("caption", { class: "sr-only" }, "Indicators"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Indicator"), h("th", { scope: "col" }, "Now"), h("th", { scope: "col" }, "Trend"))),
        h(
          "tbody",
          {},
          // Only the indicators this actor holds (an indicator may be scoped to some actors).
          Object.entries(sc.indicators).filter(([ind]) => showsIndicator(sc, id, ind)).map(([ind, def]) => {
            const series = view.history.map((p) => p.actors[id]?.[ind]).filter((v): v is number => v !== undefined);
            const v = values[ind];
            return h(
              "tr",
              {},
              h("th", { scope: "row", title: def.description ?? "" }, def.label, indicatorNote(def)),
              // No break inside a value: "US$2,027 / bn" split over two lines.
              h("td", {}, v === undefined ? "—" : withUnit(fmt(v), def.unit).replace(/ /g, "\u00a0")),
              h("td", {}, sparkline(series)),
            );
          }),
        ),
      ),
      h(
        "section",
        { class: "why", "aria-labelledby": "why-title" },
        h("h3", { id: "why-title" }, latest ? `Why did this change? (turn ${latest.turn})` : "Why did this change?"),
        why.length === 0
          ? h("p", { class: "hint" }, latest ? "Nothing about this country changed last turn that you can see." : "Explanations appear after the first turn resolves.")
          : h(
              "ul",
              { class: "why-list", id: "why-list" },
              why.map((ex) =>
                h(
                  "li",
                  {},
                  h("strong", {}, `${subjectLabel(sc, ex.subject)}: ${fmt(ex.before)} → ${fmt(ex.after)}`),
                  h("ul", {}, ex.causes.map((c) => h("li", {}, `${fmtDelta(c.delta)} ${causeText(sc, c)}`))),
                ),
              ),
            ),
      ),
      h(
        "section",
        {},
        h("h3", {}, "Sanctions and treaties"),
        h(
          "ul",
          { class: "links" },
          view.sanctions.filter((x) => x.on === id || x.by === id).map((x) => h("li", {}, `⊘ ${actorName(sc, x.by)} sanctions ${actorName(sc, x.on)} (${sectorText(sc, x.sector)}${x.un ? ", UN" : ""}, enforcement ${Math.round(x.enforcement * 100)}%)`)),
          view.treaties.filter((t) => t.parties.includes(id)).map((t) => h("li", {}, `∞ ${t.name} (${humanise(t.kind)}) with ${t.parties.filter((p) => p !== id).map((p) => actorName(sc, p)).join(", ")}`)),
        ),
      ),
    );
  };
  return { el, render };
}

/** A relation's opinion modifiers, largest first, adding up to its value. */
function opinionList(sc: Scenario, asked: { reply?: Opinions; error?: string } | null, value: number): HTMLElement {
  const body = !asked || (!asked.reply && !asked.error)
    ? h("p", { class: "hint" }, "Asking the server…")
    : asked.error
      ? h("p", { class: "hint" }, `Could not load the reasons: ${asked.error}`)
      : h(
          "ul",
          { class: "why-list" },
          h("li", {}, `Started at ${fmt(asked.reply!.base)}`),
          [...asked.reply!.modifiers]
            .sort((x, y) => Math.abs(y.value) - Math.abs(x.value))
            .map((m) => {
              const by = m.cause.actor ? `${actorName(sc, m.cause.actor)}, ` : "";
              const fading = m.fades < 1 ? `fading ${Math.round((1 - m.fades) * 100)}% a turn` : "lasting";
              return h("li", {}, `${fmtDelta(m.value)} ${m.label} (${by}turn ${m.turn}, ${fading})`);
            }),
          h("li", {}, h("strong", {}, `= ${fmt(value)} now${asked.reply!.modifiers.length === 0 ? " (no opinion changes)" : ""}`)),
        );
  return h("section", { class: "why", id: "relation-opinions", "aria-live": "polite" }, h("h3", {}, "Why this relation?"), body);
}

/**
 * A "unit" that is a definition ("× 0.7 = points of growth a year gained if trade doubles") is not
 * printed after the number, where it read "6 × 0.7 = points…" with no result: the description,
 * a sentence, says under the name what the number means instead.
 */
export function indicatorNoteText(def: { unit?: string; description?: string }): string | null {
  const definition = def.unit !== undefined && withUnit("1", def.unit) === "1";
  return definition && def.description ? def.description : null;
}

function indicatorNote(def: { unit?: string; description?: string }): HTMLElement | null {
  const text = indicatorNoteText(def);
  return text ? h("span", { class: "hint indicator-note" }, text) : null;
}
