// The game screen: top bar, the board (Phaser, loaded lazily), the side panel with tabs,
// the connection banner, toasts and keyboard shortcuts.
import type { GameServer, GameSession } from "../net/session-types.ts";
import type { Store, Tab, UiState } from "../store.ts";
import { h, replace } from "../dom.ts";
import { createTopBar, toggleMode } from "./top-bar.ts";
import { createConnectionBanner } from "./connection-banner.ts";
import { confirmLockIn, createOrdersPanel } from "./orders-panel.ts";
import { howToPlaySection } from "./how-to-play.ts";
import { leaveConfirmText } from "./invite.ts";
import { createInboxPanel, unreadTotal } from "./inbox-panel.ts";
import { createReportPanel } from "./report-panel.ts";
import { createCountryPanel } from "./country-panel.ts";
import { createScoresPanel } from "./scores-panel.ts";
import { createControlPanel } from "./control-panel.ts";
import { createLegend } from "./legend.ts";
import { preserveFocus } from "./focus.ts";
import type { Panel } from "./panel.ts";
import { announce } from "./announce.ts";
import { setShortcutsOn, shortcutsOn } from "./shortcuts.ts";
import { finalTurn } from "../../../shared/engine/index.ts";
import { tabStorage } from "../tab-storage.ts";

interface GameScreenOptions {
  server: GameServer;
  onLeave: () => Promise<void>;
  onSwitch: (session: GameSession) => void;
}

const TAB_LABELS: Record<Tab, string> = {
  map: "Map",
  orders: "Orders",
  inbox: "Talks",
  report: "News",
  country: "Country",
  scores: "Scores",
  control: "Control",
};

/** Which tabs a role sees, in order (also the 1..6 shortcut order); on a phone the map is a tab too. */
export function tabsFor(role: "player" | "observer" | "facilitator", phone = false): Tab[] {
  const map: Tab[] = phone ? ["map"] : [];
  if (role === "player") return [...map, "orders", "inbox", "report", "country", "scores"];
  if (role === "facilitator") return [...map, "control", "inbox", "report", "country", "scores"];
  return [...map, "report", "inbox", "country", "scores"];
}

/** Where a tab remembers its open side-panel tab, per game and seat: a reload returns to Talks, not Orders. */
export function tabKey(gameId: string, who: string): string {
  return `faultline.tab.${gameId}.${who}`;
}

/** The tab this browser tab had open in the game, if it is one of the role's. */
export function rememberedTab(storage: Pick<Storage, "getItem"> | null, key: string, role: "player" | "observer" | "facilitator"): Tab | null {
  let saved: string | null = null;
  try {
    saved = storage?.getItem(key) ?? null;
  } catch {
    return null; // storage refused (private mode): the role's first tab
  }
  return tabsFor(role, true).find((t) => t === saved) ?? null;
}

/** Below this width the screen is one column and the map is a tab. */
export const PHONE_QUERY = "(max-width: 700px)";

export const SHORTCUTS: [string, string][] = [
  ["1 – 6", "Switch side-panel tab"],
  ["C", "Colour the map by relation or by bloc"],
  ["F", "Show trade, sanction and treaty lines for every country (or only the selected one)"],
  ["B", "Board only (hide panels)"],
  ["P", "Projector mode (larger type)"],
  ["L", "Lock in / unlock orders"],
  ["Arrow keys", "Pan the map (when the map has focus)"],
  ["+ / −", "Zoom the map (when the map has focus)"],
  ["0", "Reset the map view"],
  ["Esc", "Close this help"],
  ["?", "Show this help"],
];

/** "Last month: the game ends after this turn", on the last turn: the scheduled last, or one the facilitator ended the game after. */
export function lastTurnNotice(view: { turn: number; phase: string; lastTurn?: number }, scenarioTurns: number, status: string): string | null {
  if (view.phase === "over" || status === "lobby") return null;
  return view.turn >= finalTurn(scenarioTurns, view) ? "Last month: the game ends after this turn." : null;
}

/** The page's title: who you are here, then the game ("China — The Pyongyang Summit, 2024 · Faultline"). */
export function screenTitle(role: "player" | "observer" | "facilitator", seatName: string | null, scenarioTitle: string): string {
  const who = role === "facilitator" ? "Console" : role === "observer" ? "Observer" : (seatName ?? "Player");
  return `${who} — ${scenarioTitle} · Faultline`;
}

/** Mounts the game screen; returns the unmount function. */
export function mountGameScreen(root: HTMLElement, store: Store, opts: GameScreenOptions): () => void {
  const helpDialog = h(
    "dialog",
    { id: "help-dialog", "aria-label": "Help" },
    // A Close at the top too: the dialog opens with focus on the first control, which is then at
    // the top rather than the shortcut switch at the bottom (a phone opened it scrolled to the end).
    h("form", { method: "dialog", class: "dialog-top" }, h("button", { type: "submit", id: "help-close-top" }, "Close")),
    store.get().session ? howToPlaySection(store.get().session!.scenario) : null,
    h("h2", { id: "help-title" }, "Keyboard shortcuts"),
    h("dl", { class: "shortcuts" }, SHORTCUTS.flatMap(([k, v]) => [h("dt", {}, h("kbd", {}, k)), h("dd", {}, v)])),
    h("p", { class: "hint" }, "Tab moves between controls; Enter or Space activates them."),
    // WCAG 2.1.4: single-key shortcuts can be turned off (speech input, tremor); the button "? Help" still opens this.
    h(
      "label",
      { class: "check shortcut-switch" },
      h("input", { type: "checkbox", role: "switch", id: "shortcuts-switch", checked: shortcutsOn(), onchange: (ev: Event) => setShortcutsOn((ev.target as HTMLInputElement).checked) }),
      "Single-key shortcuts (1–6, C, B, P, L, ?)",
    ),
    h("form", { method: "dialog" }, h("button", { type: "submit", class: "primary" }, "Close")),
  );
  const top = createTopBar(store, {
    onLeave: () => {
      const snap = store.get().snapshot;
      const name = snap?.seat ? (store.get().session?.scenario.actors[snap.seat]?.name ?? snap.seat) : null;
      if (window.confirm(snap ? leaveConfirmText(snap, name) : "Leave this game?")) void opts.onLeave();
    },
    onHelp: () => openHelp(),
  });
  const banner = createConnectionBanner(store);
  const toast = h("div", { class: "toast", role: "alert", id: "toast", hidden: true });
  // Not a live region of its own: the announcer says it once when it appears.
  const lastTurn = h("div", { class: "conn-banner warn", id: "last-turn-banner", hidden: true });
  const boardHost = h("div", { class: "board-host", id: "board", tabindex: 0, role: "application", "aria-roledescription": "map", "aria-label": "Map. Arrow keys pan, plus and minus zoom toward the centre, 0 resets. Countries are listed in the Country tab." });
  const boardStatus = h("p", { class: "board-loading" }, "Loading the map…");
  const legend = createLegend(store);
  // Zoom buttons for touch screens and mice without a wheel (the keys do the same on the map).
  let boardKey: ((key: string) => void) | null = null;
  const zoomButton = (label: string, key: string, name: string): HTMLElement =>
    h("button", { type: "button", class: "zoom-button", "aria-label": name, title: name, onclick: () => boardKey?.(key) }, label);
  const zoomControls = h("div", { class: "zoom-controls", role: "group", "aria-label": "Zoom the map", "data-keep-clear": true }, zoomButton("+", "+", "Zoom in"), zoomButton("−", "-", "Zoom out"), zoomButton("⟲", "0", "Reset the view"));
  const tabList = h("div", { class: "tabs", role: "tablist", "aria-label": "Side panel" });
  // In tab order (the ARIA tabs pattern), so arrow and Page keys scroll a panel with nothing focusable in it.
  const panelHost = h("div", { class: "panel-host", role: "tabpanel", id: "side-panel", tabindex: 0 });
  const side = h("aside", { class: "side", "aria-label": "Game panels" }, tabList, panelHost);
  const snap0 = store.get().snapshot;
  const scTitle = store.get().session?.scenario.title ?? "Faultline";
  const seatName = snap0?.seat ? (store.get().session?.scenario.actors[snap0.seat]?.name ?? snap0.seat) : null;
  document.title = screenTitle(snap0?.role ?? "observer", seatName, scTitle);
  const heading = h("h1", { class: "sr-only" }, `Faultline: ${scTitle}`);
  // tabindex -1: the skip link lands focus here, not on <body>.
  const main = h("main", { id: "main", class: "layout", tabindex: -1 }, heading, h("section", { class: "board-wrap", "aria-label": "Board" }, boardHost, boardStatus, zoomControls, legend.el), side);
  const screen = h("div", { class: "game-screen" }, top.el, banner.el, lastTurn, main, toast, helpDialog);
  replace(root, screen);

  const mapPanel: Panel = { el: h("div", { class: "panel map-panel" }), render: () => undefined };
  const panels: Record<Tab, Panel> = {
    map: mapPanel,
    orders: createOrdersPanel(store),
    inbox: createInboxPanel(store),
    report: createReportPanel(store),
    country: createCountryPanel(store),
    scores: createScoresPanel(store),
    control: createControlPanel(store),
  };

  const renderTabs = (s: UiState): void => {
    const snap = s.snapshot;
    if (!snap) return;
    const tabs = tabsFor(snap.role, s.phone);
    const unread = unreadTotal(s);
    // In Talks the panel itself says what came in (inbox-panel.ts); a total here would repeat it.
    if (unread > lastUnread && s.tab !== "inbox") announce(`${unread} unread in Talks`);
    lastUnread = unread;
    // The buttons are built once per set of tabs and then updated in place, so a game update never
    // takes focus off the tab the keyboard is on.
    if (tabs.join() !== builtTabs) {
      builtTabs = tabs.join();
      replace(tabList, tabs.map((t, i) => tabButton(t, i, tabs)));
    }
    for (const t of tabs) {
      const button = document.getElementById(`tab-${t}`);
      if (!button) continue;
      button.setAttribute("aria-selected", String(s.tab === t));
      button.tabIndex = s.tab === t ? 0 : -1;
      const badge =
        t === "inbox" && unread > 0 ? h("span", { class: "badge", "aria-label": `${unread} unread` }, String(unread))
        : t === "report" && s.newsUnread ? h("span", { class: "badge", "aria-label": "new turn report" }, "new")
        : t === "scores" && snap.view.phase === "over" ? h("span", { class: "badge", "aria-label": "final standings" }, "!")
        : null;
      const old = button.querySelector(".badge");
      if (old?.outerHTML !== badge?.outerHTML) replace(button, TAB_LABELS[t], badge);
    }
  };
  const tabButton = (t: Tab, i: number, tabs: Tab[]): HTMLElement =>
    h(
      "button",
      {
        type: "button",
        role: "tab",
        id: `tab-${t}`,
        "aria-controls": "side-panel",
        title: `${TAB_LABELS[t]} (${i + 1})`,
        onclick: () => store.set({ tab: t }),
        onkeydown: (ev: Event) => {
          const k = (ev as KeyboardEvent).key;
          if (k !== "ArrowRight" && k !== "ArrowLeft") return;
          const next = tabs[(i + (k === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length] ?? t;
          store.set({ tab: next });
          document.getElementById(`tab-${next}`)?.focus();
          ev.preventDefault();
        },
      },
      TAB_LABELS[t],
    );
  let builtTabs = "";

  let lastUnread = unreadTotal(store.get());
  let currentTab: Tab | null = null;
  let frame = 0;
  const renderPanel = (): void => {
    frame = 0;
    const s = store.get();
    if (!s.snapshot) return;
    const tabs = tabsFor(s.snapshot.role, s.phone);
    const tab = tabs.includes(s.tab) ? s.tab : (tabs.find((t) => t !== "map") ?? "report");
    screen.classList.toggle("map-tab", tab === "map");
    // The end screen takes more room than a turn's panels.
    screen.classList.toggle("end-screen-open", tab === "scores" && s.snapshot.view.phase === "over");
    const panel = panels[tab];
    if (currentTab !== tab) {
      replace(panelHost, panel.el);
      panelHost.setAttribute("aria-labelledby", `tab-${tab}`);
      currentTab = tab;
      panel.shown?.();
    }
    preserveFocus(panelHost, () => panel.render(s));
    // Arriving in the game, or the game starting (its Start button gone), leaves focus nowhere:
    // it goes to the panel's heading, where a keyboard or screen reader carries on.
    const active = document.activeElement;
    if (focusTitle && (!active || active === document.body || active === panelHost || !active.isConnected)) {
      const title = panelHost.querySelector<HTMLElement>("h2");
      if (title) {
        if (!title.hasAttribute("tabindex")) title.tabIndex = -1;
        title.focus({ preventScroll: true });
      }
    }
    focusTitle = false;
  };
  let focusTitle = true;
  const schedule = (): void => {
    if (!frame) frame = requestAnimationFrame(renderPanel);
  };

  const applyLayout = (s: UiState): void => {
    document.body.classList.toggle("projector", s.projector);
    screen.classList.toggle("phone", s.phone);
    screen.classList.toggle("board-only", s.boardOnly);
    side.hidden = s.boardOnly;
    // Lost for good (another tab took the seat, the server is out of reach): nothing in the panels
    // can reach the server any more, so nothing there may look as if it worked. The banner says why.
    side.inert = s.status === "lost";
    side.classList.toggle("offline", s.status === "lost");
  };

  const showLastTurn = (s: UiState): void => {
    const sc = s.session?.scenario;
    const text = s.snapshot && sc ? lastTurnNotice(s.snapshot.view, sc.turns.count, s.snapshot.status) : null;
    if ((text ?? "") === lastTurn.textContent) return;
    lastTurn.textContent = text ?? "";
    lastTurn.hidden = !text;
    if (text) announce(text);
  };

  // sessionStorage: per browser tab, so two tabs of one game each keep their own.
  const tabStore = tabStorage();
  const savedTabKey = snap0 ? tabKey(snap0.gameId, snap0.seat ?? snap0.role) : null;
  const savedTab = savedTabKey && snap0 ? rememberedTab(tabStore, savedTabKey, snap0.role) : null;
  if (savedTab) store.set({ tab: savedTab });

  let toastTimer = 0;
  const off = store.subscribe((s, prev) => {
    if (s.snapshot !== prev.snapshot) showLastTurn(s);
    if (s.tab !== prev.tab && savedTabKey) {
      try {
        tabStore?.setItem(savedTabKey, s.tab);
      } catch {
        // not remembered: a reload opens the role's first tab
      }
    }
    // The end screen: when the game ends, everyone is taken to the final standings (once).
    if (s.snapshot?.view.phase === "over" && prev.snapshot?.view.phase !== "over") queueMicrotask(() => store.set({ tab: "scores" }));
    if (s.tab === "report" && s.newsUnread) queueMicrotask(() => store.set({ newsUnread: false }));
    if (prev.snapshot?.status === "lobby" && s.snapshot && s.snapshot.status !== "lobby") focusTitle = true;
    if (s.snapshot !== prev.snapshot || s.tab !== prev.tab || s.readCounts !== prev.readCounts || s.newsUnread !== prev.newsUnread || s.seatRequests !== prev.seatRequests) renderTabs(s);
    if (s.phone !== prev.phone) renderTabs(s);
    if (s.projector !== prev.projector || s.boardOnly !== prev.boardOnly || s.phone !== prev.phone || s.status !== prev.status) applyLayout(s);
    if (s.toast && s.toast !== prev.toast) {
      toast.textContent = s.toast.text;
      toast.hidden = false;
      toast.className = `toast ${s.toast.kind}`;
      window.clearTimeout(toastTimer);
      toastTimer = window.setTimeout(() => (toast.hidden = true), 6000);
    }
    schedule();
  });
  const phoneQuery = window.matchMedia(PHONE_QUERY);
  const onPhone = (): void => store.set({ phone: phoneQuery.matches });
  phoneQuery.addEventListener("change", onPhone);
  store.set({ phone: phoneQuery.matches });
  renderTabs(store.get());
  applyLayout(store.get());
  showLastTurn(store.get());
  renderPanel();

  function openHelp(): void {
    helpDialog.querySelector<HTMLInputElement>("#shortcuts-switch")!.checked = shortcutsOn();
    helpDialog.showModal();
  }
  const onKey = (ev: KeyboardEvent): void => {
    const target = ev.target as HTMLElement | null;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT" || target.isContentEditable)) return;
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (!shortcutsOn()) return;
    const s = store.get();
    const tabs = s.snapshot ? tabsFor(s.snapshot.role, s.phone) : [];
    const n = Number(ev.key);
    if (n >= 1 && n <= tabs.length) {
      const tab = tabs[n - 1] as Tab;
      store.set({ tab });
      ev.preventDefault();
      // Focus follows to the chosen tab (its ring shows where the keyboard is; Tab goes on into the
      // panel), unless it was inside the board, where arrow keys pan the map.
      if (!target?.closest("#board")) requestAnimationFrame(() => document.getElementById(`tab-${tab}`)?.focus());
    } else if (ev.key === "c" || ev.key === "C") toggleMode(store);
    else if (ev.key === "b" || ev.key === "B") store.set({ boardOnly: !s.boardOnly });
    else if (ev.key === "p" || ev.key === "P") store.set({ projector: !s.projector });
    else if (ev.key === "?") openHelp();
    else if ((ev.key === "l" || ev.key === "L") && s.snapshot?.role === "player" && s.session && s.snapshot.seat) {
      const locked = s.snapshot.seats.find((x) => x.id === s.snapshot?.seat)?.locked ?? false;
      if (locked || confirmLockIn(s.snapshot.view, s.snapshot.seat)) s.session.lock(!locked);
    }
  };
  document.addEventListener("keydown", onKey);

  let board: { dispose: () => void; key: (key: string) => void } | null = null;
  let disposed = false;
  performance.mark("faultline:game-screen");
  import("../board/launch-board.ts")
    .then(({ launchBoard }) => {
      if (disposed) return;
      performance.mark("faultline:board-code");
      board = launchBoard(boardHost, store);
      boardKey = board.key;
      boardStatus.remove();
    })
    .catch((err: unknown) => {
      boardStatus.textContent = `The map could not load: ${err instanceof Error ? err.message : String(err)}`;
    });

  return () => {
    disposed = true;
    off();
    top.dispose();
    banner.dispose();
    legend.dispose();
    board?.dispose();
    document.removeEventListener("keydown", onKey);
    phoneQuery.removeEventListener("change", onPhone);
    document.body.classList.remove("projector");
    document.title = "Faultline";
    if (frame) cancelAnimationFrame(frame);
  };
}
