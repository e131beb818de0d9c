// The facilitator console: clock controls, bot switches per seat, event injection, every seat's
// orders and messages, and the debrief export.
import type { ChatMessage, GameSnapshot } from "../../../shared/protocol.ts";
import type { PublicScenario } from "../../../shared/engine/index.ts";
import { rolesOf } from "../../../shared/roles.ts";
import type { Store, UiState } from "../store.ts";
import type { GameSession } from "../net/session-types.ts";
import { h, replace } from "../dom.ts";
import { actorName } from "../game-info.ts";
import { previewOrder } from "../orders/order-builder.ts";
import { channelKey } from "./inbox-panel.ts";
import type { Panel } from "./panel.ts";
import { preserveFocus } from "./focus.ts";
import { facilitatorWaiting } from "./waiting-room.ts";
import { clockExtras, consoleLinkSection, customInjectSection, eventInjectSection, initialInputs, keptSection, peopleSection, projectorSection, proposalsSection, scheduledSection } from "./control-cell.ts";

// The seats table's last column; in a narrow panel each seat's orders go on a line of their own
// under the seat, headed by these words (styles.css, .seat-status).
const ORDERS_HEAD = "Orders this turn";

/** The control panel (facilitator only). */
/**
 * Resolving ends the turn for everyone, and a roll back is the only undo: ask first when a team
 * with people has not locked in (bots and locked teams lose nothing).
 */
/**
 * Who wrote a message and to whom, for the console's "All messages": the person, their role and
 * team ("Wang Lei (Trade and finance minister, China)"), and the channel ("China's team" for a team
 * message, not "China → China").
 */
export function messageHeading(sc: PublicScenario, snap: Pick<GameSnapshot, "seats">, m: Pick<ChatMessage, "from" | "author" | "channel">): string {
  const to = channelKey(m.channel) === "public" ? "everyone" : m.channel.length === 1 && m.channel[0] === m.from ? `${actorName(sc, m.from)}'s team` : (m.channel as string[]).map((x) => actorName(sc, x)).join(", ");
  if (m.from === "facilitator") return `${m.author} (Control) → ${to}`;
  const player = snap.seats.find((x) => x.id === m.from)?.players.find((p) => p.name === m.author);
  const role = player?.role && rolesOf(sc).length > 1 ? rolesOf(sc).find(([id]) => id === player.role)?.[1].label : undefined;
  return `${m.author} (${role ? `${role}, ` : ""}${actorName(sc, m.from)}) → ${to}`;
}

/** "Team codes: China 4AQ8…, Russia …" for the teams that have people. */
function teamCodesLine(snap: GameSnapshot, session: GameSession): HTMLElement | null {
  const codes = snap.seats.filter((x) => x.players.length > 0 && session.teamCodes?.[x.id]).map((x) => [x.name, session.teamCodes![x.id]!] as const);
  if (codes.length === 0) return null;
  return h("p", { class: "hint team-codes", id: "team-codes" }, "Team codes, for a student joining a team that has people: ", codes.flatMap(([name, code], i) => [i ? ", " : "", `${name} `, h("strong", { "data-team-code": name }, code)]));
}

export function confirmResolve(snap: GameSnapshot): boolean {
  const open = snap.seats.filter((x) => !x.bot && !x.locked && x.players.length > 0).map((x) => x.name);
  if (open.length === 0) return true;
  return window.confirm(`Resolve the turn now? ${open.join(", ")} ${open.length === 1 ? "has" : "have"} not locked in yet.`);
}

export function createControlPanel(store: Store): Panel {
  const el = h("div", { class: "panel control-panel", id: "control-panel" });
  let extendBy = 5;
  let exportMessage = "";
  const inputs = initialInputs();

  const redraw = (): void => preserveFocus(el, () => render(store.get()));
  const render = (s: UiState): void => {
    const snap = s.snapshot;
    const session = s.session;
    if (!snap || !session || snap.role !== "facilitator") {
      replace(el, h("p", { class: "hint" }, "Only the facilitator sees the control panel."));
      return;
    }
    const sc = session.scenario;
    const view = snap.view;
    const paused = snap.clock.paused || snap.status === "paused";
    const exportDebrief = (): void => {
      exportMessage = "Preparing the debrief…";
      redraw();
      session
        .exportDebrief()
        .then((data) => {
          // Compact, like the report route's JSON log: the debrief of a long game is large enough.
          const blob = new Blob([JSON.stringify(data)], { type: "application/json" });
          const a = h("a", { href: URL.createObjectURL(blob), download: `faultline-${snap.gameId}-debrief.json` });
          document.body.append(a);
          a.click();
          a.remove();
          exportMessage = "Debrief downloaded.";
          redraw();
        })
        .catch((err: unknown) => {
          exportMessage = `Export failed: ${err instanceof Error ? err.message : String(err)}`;
          redraw();
        });
    };
    replace(
      el,
      h("h2", { class: "panel-title" }, "Control"),
      snap.joinCode ? h("p", { class: "join-code" }, "Join code: ", h("strong", {}, snap.joinCode)) : null,
      snap.status === "lobby" ? facilitatorWaiting(snap, session) : null,
      projectorSection(snap, session),
      consoleLinkSection(session),
      h(
        "section",
        { "aria-labelledby": "clock-title", hidden: snap.status === "lobby" },
        h("h3", { id: "clock-title" }, "Clock"),
        h(
          "div",
          { class: "button-row" },
          h("button", { type: "button", "data-key": "pause", id: "pause-button", onclick: () => session.facilitate(paused ? { action: "resume" } : { action: "pause" }) }, paused ? "Resume" : "Pause"),
          h("label", { class: "field inline" }, "Extend by ", h("input", { type: "number", min: 1, max: 1440, value: extendBy, "data-key": "extend-min", style: "width:5em", oninput: (ev: Event) => (extendBy = Number((ev.target as HTMLInputElement).value) || 5) }), " min"),
          h("button", { type: "button", "data-key": "extend", onclick: () => session.facilitate({ action: "extend", minutes: Math.max(1, extendBy) }) }, "Extend"),
          h("button", { type: "button", "data-key": "resolve", id: "resolve-button", onclick: () => confirmResolve(snap) && session.facilitate({ action: "resolve" }) }, "Resolve turn now"),
        ),
        clockExtras(snap, sc, session, inputs, redraw),
      ),
      peopleSection(snap, sc, session),
      snap.status === "lobby" ? null : proposalsSection(snap, sc, session, inputs),
      h(
        "section",
        { "aria-labelledby": "seats-title", class: "seats-section" },
        h("h3", { id: "seats-title" }, "Seats"),
        // A student joining a team that has people needs its code; the facilitator has every team's.
        teamCodesLine(snap, session),
        h(
          "table",
          { class: "seats-table seat-status", id: "seat-status" },
          h("thead", {}, h("tr", {}, ["Seat", "Players", "Locked", "Bot"].map((t) => h("th", { scope: "col" }, t)), h("th", { scope: "col", class: "seat-orders" }, ORDERS_HEAD))),
          h(
            "tbody",
            {},
            snap.seats.map((seat) =>
              h(
                "tr",
                {},
                h("th", { scope: "row", class: "clip", title: seat.name }, seat.name),
                h("td", { class: "clip-wrap" }, seat.players.length === 0 ? "—" : seat.players.map((p) => `${p.name}${p.connected ? "" : " (away)"}`).join(", ")),
                h("td", {}, seat.locked ? "✔ yes" : "… no"),
                h(
                  "td",
                  {},
                  // A kept seat's bot stays on until the seat is released (below).
                  seat.kept
                    ? h("label", { class: "check" }, h("input", { type: "checkbox", "data-key": `bot-${seat.id}`, checked: true, disabled: true }), h("span", { class: "sr-only" }, `Bot plays ${seat.name}: kept for a bot`), " kept")
                    : h("label", { class: "check" }, h("input", { type: "checkbox", "data-key": `bot-${seat.id}`, checked: seat.bot, onchange: (ev: Event) => session.facilitate({ action: "bot", seat: seat.id, on: (ev.target as HTMLInputElement).checked }) }), h("span", { class: "sr-only" }, `Bot plays ${seat.name}`), seat.bot ? " on" : " off"),
                ),
                h("td", { class: "seat-orders", "data-label": ORDERS_HEAD }, (view.orders[seat.id] ?? []).map((o) => previewOrder(sc, seat.id, o).title).join("; ") || "—"),
              ),
            ),
          ),
        ),
      ),
      snap.status === "over" ? null : keptSection(snap, session),
      eventInjectSection(snap, sc, session, inputs),
      snap.status === "lobby" ? null : customInjectSection(snap, sc, session, inputs),
      snap.status === "lobby" ? null : scheduledSection(snap, sc, session),
      h(
        "section",
        { "aria-labelledby": "all-messages-title" },
        h("h3", { id: "all-messages-title" }, `All messages (${snap.messages.length})`),
        h(
          "ol",
          { class: "messages" },
          snap.messages.slice(-60).map((m) =>
            h("li", { class: "message" }, h("span", { class: "msg-author" }, messageHeading(sc, snap, m)), h("p", {}, m.text)),
          ),
        ),
      ),
      h(
        "section",
        { "aria-labelledby": "debrief-title" },
        h("h3", { id: "debrief-title" }, "Debrief"),
        h("button", { type: "button", "data-key": "export", id: "export-button", onclick: exportDebrief }, "Export debrief (JSON)"),
        exportMessage ? h("p", {}, exportMessage) : null,
      ),
    );
  };
  return { el, render };
}
