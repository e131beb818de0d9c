// Replay: step through the game turn by turn as one seat saw it (its own secrets only), as the
// public saw it, or with every secret (the facilitator, or anyone once the game is over). Each
// frame comes from the server, filtered by the engine's viewFor; this dialog only renders it.
import type { Store } from "../store.ts";
import { h, replace } from "../dom.ts";
import { actorName } from "../game-info.ts";
import { entryHeadline, indicatorLabel, moveHeadline } from "../../../shared/engine/index.ts";
import type { PublicScenario } from "../../../shared/engine/index.ts";
import type { ReplayFrame, ReplayViewer } from "../../../shared/debrief-wire.ts";
import type { SeatCredential } from "../../../shared/protocol.ts";
import { DEBRIEF_TEXT as T } from "../debrief-text.ts";
import { fetchReplayFrame } from "../net/debrief-api.ts";
import { serverUrl } from "../server-factory.ts";
import { standingsList } from "./standings-list.ts";

const fmt = (x: number): string => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(1));

function viewerLabel(sc: PublicScenario, v: ReplayViewer): string {
  if (v === "facilitator") return T.replayEveryone;
  if (v === "observer") return T.replayObserver;
  return actorName(sc, v);
}

/** The body of one frame: standings, orders, news, world indicators. */
export function renderFrame(sc: PublicScenario, f: ReplayFrame): HTMLElement {
  const orders = Object.entries(f.orders).filter(([, list]) => list.length > 0);
  return h(
    "div",
    { class: "replay-frame", "data-turn": f.turn, "data-as": f.as },
    h("h3", {}, f.turn === f.firstTurn ? T.replayStart : T.replayTurn(f.turn, f.date)),
    f.turn === f.firstTurn
      ? null
      : h(
          "section",
          {},
          h("h4", {}, T.replayOrders),
          orders.length === 0
            ? h("p", { class: "hint" }, T.replayNoOrders)
            : h(
                "ul",
                { class: "replay-orders" },
                orders.map(([seat, list]) => h("li", { "data-seat": seat }, h("strong", {}, `${actorName(sc, seat)}: `), list.map((o) => moveHeadline(sc, o.move, seat, o) ?? o.move).join(" · "))),
              ),
        ),
    f.report
      ? h(
          "section",
          {},
          h("h4", {}, T.replayNews),
          h("ul", { class: "replay-news" }, f.report.entries.map((e) => h("li", {}, entryHeadline(sc, e)))),
        )
      : null,
    h(
      "section",
      {},
      h("h4", {}, T.replayIndicators),
      h(
        "table",
        { class: "replay-indicators" },
        h("tbody", {}, Object.entries(f.point.world).map(([id, v]) => h("tr", {}, h("th", { scope: "row" }, indicatorLabel(sc, id)), h("td", {}, fmt(v))))),
      ),
    ),
    h("section", {}, h("h4", {}, T.replayStandings), standingsList(sc, f.view.scores, f.view.phase === "over", f.as, f.as === "facilitator")),
  );
}

/**
 * Opens the replay beside the map at the last turn, seen by this person's own seat (or everyone's
 * at the end). The map draws each frame's state while the replay is open, and the live game again
 * when it closes.
 */
export function openReplay(store: Store): void {
  const s = store.get();
  const snap = s.snapshot;
  const session = s.session;
  if (!snap || !session) return;
  const credential: SeatCredential = session.credential;
  const sc = session.scenario;
  // Focus goes back here when the replay closes (the button that opened it).
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  let as: ReplayViewer = snap.role === "facilitator" || snap.view.phase === "over" ? "facilitator" : (snap.seat ?? "observer");
  let turn = 0;
  let frame: ReplayFrame | null = null;
  const body = h("div", { class: "replay-body", "aria-live": "polite" }, T.replayLoading);
  const select = h("select", { id: "replay-as", "aria-label": T.replayAs });
  const prev = h("button", { type: "button", id: "replay-prev" }, T.replayPrev);
  const next = h("button", { type: "button", id: "replay-next" }, T.replayNext);
  const dialog = h(
    "dialog",
    { id: "replay-dialog", class: "replay-dialog docked", "aria-labelledby": "replay-title" },
    h("h2", { id: "replay-title" }, T.replayTitle),
    h("div", { class: "button-row replay-controls" }, h("label", {}, `${T.replayAs} `, select), prev, next),
    body,
    h("form", { method: "dialog" }, h("button", { type: "submit", class: "primary" }, T.replayClose)),
  );
  const load = (): void => {
    body.setAttribute("aria-busy", "true");
    fetchReplayFrame(serverUrl(), credential, turn, as)
      .then((f) => {
        frame = f;
        turn = f.turn;
        replace(select, f.viewers.map((v) => h("option", { value: v, selected: v === f.as }, viewerLabel(sc, v))));
        prev.disabled = f.turn <= f.firstTurn;
        next.disabled = f.turn >= f.lastTurn;
        replace(body, renderFrame(sc, f));
        body.removeAttribute("aria-busy");
        if (dialog.open) store.set({ replay: { view: { ...f.view, reports: f.report ? [f.report] : [], history: [f.point] }, seat: sc.actors[f.as] ? f.as : null } });
      })
      .catch((e: unknown) => {
        replace(body, h("p", { class: "error" }, e instanceof Error ? e.message : String(e)));
        body.removeAttribute("aria-busy");
      });
  };
  prev.addEventListener("click", () => {
    turn = Math.max(frame?.firstTurn ?? 0, turn - 1);
    load();
  });
  next.addEventListener("click", () => {
    turn = Math.min(frame?.lastTurn ?? turn + 1, turn + 1);
    load();
  });
  select.addEventListener("change", () => {
    as = select.value;
    load();
  });
  dialog.addEventListener("close", () => {
    dialog.remove();
    store.set({ replay: null });
    // Back to the button that opened it, or the one drawn in its place since.
    const back = opener?.isConnected ? opener : opener?.id ? document.getElementById(opener.id) : null;
    back?.focus();
  });
  // Keys typed in the replay stay in it: the game's single-key shortcuts (1–6, L, B…) would act on
  // the page behind. Escape still closes it (the dialog's own cancel, not a listener).
  dialog.addEventListener("keydown", (ev) => ev.stopPropagation());
  document.body.append(dialog);
  // On a phone the map is a tab of its own: show it above the replay.
  if (s.phone) store.set({ tab: "map" });
  // Modal: the page behind is inert and focus stays in the replay until it closes; it stands over
  // the side panel, so the map beside it (under a light backdrop) shows the turn being replayed.
  dialog.showModal();
  select.focus();
  load();
}
