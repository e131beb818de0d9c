// The always-visible bar: game, turn and date, the clock, who has locked in, and view toggles.
import type { Store, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { clockText, clockUrgent, lobbyClockText } from "./clock.ts";
import { finalTurn, standings, type ScoreCard } from "../../../shared/engine/index.ts";
import { announce } from "./announce.ts";
import { inviteLink, leaveConfirmText, seatOffline } from "./invite.ts";

/** "1st", "2nd", "3rd", "4th". */
function ordinal(n: number): string {
  const tail = n % 100 >= 11 && n % 100 <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${tail}`;
}

/**
 * What a seat's chip shows (mark) and says (to screen readers and in its tooltip): still ordering,
 * locked in, or once the game is over its final place, not a lock-in state that no longer means anything.
 */
export function seatChipState(locked: boolean, phase: { over: boolean; lobby: boolean }, place?: { rank: number; of: number }): { mark: string; said: string } {
  if (phase.over) return place ? { mark: `${ordinal(place.rank)} `, said: `finished ${ordinal(place.rank)} of ${place.of}` } : { mark: "", said: "game over" };
  if (phase.lobby) return { mark: "", said: "waiting for the start" };
  return locked ? { mark: "✔ ", said: "locked in" } : { mark: "✎ ", said: "still ordering" };
}

/** Each seat's final place from the end's score cards (every objective counts). */
function placesOf(cards: Record<string, ScoreCard>): Map<string, { rank: number; of: number }> {
  const rows = standings(cards, true);
  return new Map(rows.map((r) => [r.seat, { rank: r.rank, of: rows.length }]));
}

export interface TopBarActions {
  onLeave: () => void;
  onHelp: () => void;
}

/** Builds the top bar; it redraws itself from the store and ticks the clock every second. */
export function createTopBar(store: Store, actions: TopBarActions): { el: HTMLElement; dispose: () => void } {
  const title = h("div", { class: "bar-title" });
  const clock = h("div", { class: "bar-clock", role: "timer", "aria-live": "off", id: "clock" });
  const seats = h("ul", { class: "bar-seats", "aria-label": "Who has locked in", id: "lock-status" });
  const modeBtn = h("button", { type: "button", id: "toggle-colour", title: "Colour the map by relation or by bloc (C)", onclick: () => toggleMode(store) });
  const flowsBtn = h("button", { type: "button", id: "toggle-flows", "aria-pressed": "false", title: "Trade, sanction and treaty lines for every country, or only the selected one (F)", onclick: () => store.set({ allFlows: !store.get().allFlows }) }, "⇄ All lines");
  const projectorBtn = h("button", { type: "button", id: "toggle-projector", "aria-pressed": "false", title: "Projector mode: larger type (P)", onclick: () => store.set({ projector: !store.get().projector }) }, "Aa Projector");
  const boardBtn = h("button", { type: "button", id: "toggle-board", "aria-pressed": "false", title: "Show only the board (B)", onclick: () => store.set({ boardOnly: !store.get().boardOnly }) }, "▣ Board");
  // Long and short labels: a phone shows the short one, so the top bar keeps to two rows there.
  const helpBtn = h("button", { type: "button", id: "help-button", title: "Help: how the game works, keyboard shortcuts (?)", "aria-label": "Help", onclick: actions.onHelp }, h("span", { class: "label-long" }, "? Help"), h("span", { class: "label-short", "aria-hidden": "true" }, "?"));
  const leaveBtn = h("button", { type: "button", id: "leave-button", onclick: actions.onLeave }, "Leave");
  // Made once, not per render: the "copied" confirmation and the focus survive the next patch.
  // On a phone the button carries the join code itself ("Invite" over the code), in place of the code's own tag.
  const inviteCode = h("span", { class: "invite-code" });
  const inviteLabels = [h("span", { class: "label-long" }, "Copy invite link"), h("span", { class: "label-short invite-short", "aria-hidden": "true" }, h("span", { class: "invite-word" }, "Invite"), " ", inviteCode)];
  const inviteBtn = h("button", { type: "button", class: "small invite-button", id: "copy-invite", "aria-label": "Copy invite link", title: "Copy a link that opens this game's join page" }, ...inviteLabels);
  inviteBtn.onclick = () => {
    const code = store.get().snapshot?.joinCode;
    if (code) void copyInvite(inviteLink(code, location.origin), inviteBtn, inviteLabels);
  };
  const invite = h("div", { class: "bar-invite" });
  const el = h(
    "header",
    { class: "top-bar" },
    title,
    invite,
    clock,
    seats,
    h("div", { class: "bar-buttons" }, modeBtn, flowsBtn, projectorBtn, boardBtn, helpBtn, leaveBtn),
  );

  const render = (s: UiState): void => {
    const snap = s.snapshot;
    if (!snap) return;
    const sc = s.session?.scenario;
    const view = snap.view;
    const who = snap.role === "player" ? (sc?.actors[snap.seat ?? ""]?.name ?? snap.seat) : snap.role === "facilitator" ? "Facilitator" : "Observer";
    // On a phone the title is two lines beside the buttons: who you are and the game, then the
    // turn with its state (a wider screen reads them in one line: game · turn, who, state).
    replace(
      title,
      h("span", { class: "game-name" }, sc?.title ?? "Faultline"),
      h(
        "span",
        { class: "bar-sub" },
        h(
          "span",
          { class: "turn", id: "turn-label" },
          // The separator is its own element: on a phone the turn starts a line of its own, and a dot would start it.
          h("span", { class: "sep", "aria-hidden": "true" }, " · "),
          view.phase === "over" ? "Game over" : `Turn ${view.turn}/${sc ? finalTurn(sc.turns.count, view) : "?"} · ${monthOf(view.reports, view.turn, sc?.start, sc?.turns.length)}`,
        ),
        snap.status === "paused" ? h("span", { class: "tag warn" }, "Paused") : null,
        snap.status === "lobby" ? h("span", { class: "tag", id: "lobby-tag" }, "Waiting room") : null,
      ),
      h("span", { class: "role-tag", id: "role-label" }, who ?? ""),
    );
    inviteCode.textContent = snap.joinCode ?? "";
    // The name starts with what the button shows (WCAG 2.5.3): "Invite" and the code on a phone.
    inviteBtn.setAttribute("aria-label", s.phone && snap.joinCode ? `Invite ${snap.joinCode}: copy the invite link` : "Copy invite link");
    replace(
      invite,
      // Everyone sees the code (a creator on a seat, friends inviting friends), not just the console.
      snap.joinCode ? h("span", { class: "code-tag", id: "join-code-label", title: "The game's join code: others type it on the start page" }, `Code ${snap.joinCode}`) : null,
      snap.joinCode && snap.view.phase !== "over" ? inviteBtn : null,
    );
    const over = view.phase === "over";
    const places = over ? placesOf(view.scores) : null;
    seats.setAttribute("aria-label", over ? "Final places" : "Who has locked in");
    replace(
      seats,
      snap.seats.map((seat) => {
        const chip = seatChipState(seat.locked, { over, lobby: snap.status === "lobby" }, places?.get(seat.id));
        // Offline matters only while turns still resolve.
        const offline = !over && seatOffline(seat);
        return h(
          "li",
          { "data-chip": seat.id, class: `seat-chip${seat.locked && !over ? " locked" : ""}${seat.id === snap.seat ? " mine" : ""}${offline ? " offline" : ""}`, title: `${seat.name}: ${chip.said}${seat.bot ? " (bot)" : ""}${offline ? " (offline: its turn resolves without them, their drafted orders as given)" : ""}` },
          chip.mark ? h("span", { "aria-hidden": "true", class: "chip-mark" }, chip.mark) : null,
          sc?.actors[seat.id]?.short ?? seat.id,
          seat.id === snap.seat ? h("span", { class: "sr-only" }, " (you)") : null,
          seat.bot ? h("span", { class: "bot-mark", "aria-label": "bot" }, " ⚙") : null,
          offline ? h("span", { class: "offline-mark" }, " offline") : null,
          h("span", { class: "sr-only" }, `, ${chip.said}`),
        );
      }),
    );
    // On a phone the list scrolls sideways: in tab order there, so keys can scroll it.
    if (s.phone) seats.tabIndex = 0;
    else seats.removeAttribute("tabindex");
    // What Leave really does (the server takes the person off the team), before it is pressed.
    leaveBtn.title = leaveConfirmText(snap, snap.seat ? (sc?.actors[snap.seat]?.name ?? snap.seat) : null);
    // A phone shows the symbol alone; the name says which colouring is on.
    const mode = s.colourMode === "relation" ? "Relations" : "Blocs";
    replace(modeBtn, h("span", { class: "label-long" }, `◐ ${mode}`), h("span", { class: "label-short", "aria-hidden": "true" }, "◐"));
    modeBtn.setAttribute("aria-label", `Map colours: ${mode.toLowerCase()}`);
    projectorBtn.setAttribute("aria-pressed", String(s.projector));
    flowsBtn.setAttribute("aria-pressed", String(s.allFlows));
    boardBtn.setAttribute("aria-pressed", String(s.boardOnly));
    tick();
  };

  const tick = (): void => {
    const snap = store.get().snapshot;
    if (!snap) return;
    const now = Date.now();
    clock.textContent = snap.view.phase === "over" ? "◷ Final" : snap.status === "lobby" ? `◷ ${lobbyClockText(snap.clock.deadline, now)}` : `◷ ${clockText(snap.clock, now)}`;
    const urgent = snap.view.phase !== "over" && snap.status !== "lobby" && clockUrgent(snap.clock, now);
    clock.classList.toggle("urgent", urgent);
    // The clock itself is not live (it would speak every second): its last minute is said once.
    if (urgent && !wasUrgent) announce("One minute left this turn.");
    wasUrgent = urgent;
  };
  let wasUrgent = false;

  render(store.get());
  const off = store.subscribe((s, prev) => {
    if (s.snapshot !== prev.snapshot || s.colourMode !== prev.colourMode || s.projector !== prev.projector || s.boardOnly !== prev.boardOnly || s.allFlows !== prev.allFlows || s.phone !== prev.phone) render(s);
  });
  const timer = window.setInterval(tick, 1000);
  return {
    el,
    dispose: () => {
      off();
      window.clearInterval(timer);
    },
  };
}

/** Copies the invite link; where the clipboard is not allowed (plain http), shows it to copy by hand. */
async function copyInvite(link: string, button: HTMLElement, labels: HTMLElement[]): Promise<void> {
  try {
    await navigator.clipboard.writeText(link);
    button.textContent = "✔ Copied";
    announce("Invite link copied.");
    window.setTimeout(() => button.replaceChildren(...labels), 2500);
  } catch {
    window.prompt("Copy this invite link:", link);
  }
}

/** Switches the map between relation and bloc colouring. */
export function toggleMode(store: Store): void {
  store.set({ colourMode: store.get().colourMode === "relation" ? "bloc" : "relation" });
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The in-game month of a turn: the scenario starts at YYYY-MM and each turn is a month. */
function monthOf(reports: { turn: number; date: string }[], turn: number, start?: string, length?: string): string {
  const last = reports[reports.length - 1];
  if (!start || length === "week") return last?.date ?? "";
  const [y = "2024", m = "1"] = start.split("-");
  const index = Number(m) - 1 + (turn - 1) * (length === "quarter" ? 3 : 1);
  return `${MONTHS[index % 12] ?? ""} ${Number(y) + Math.floor(index / 12)}`;
}
