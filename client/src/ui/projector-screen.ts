// The projector view for the room screen (/?projector=<join code or game id>): read-only, no
// login and nothing stored in the browser. It watches as an observer (the engine's observer view,
// so no secret can reach it), shows the map framed on the theatre, the clock, who has locked in,
// Security Council votes as they resolve, a news ticker, and the scoreboard when the facilitator
// shows it. It never saves a credential, so a facilitator console open in another window of the
// same browser is left alone.
import type { GameServer, GameSession } from "../net/session-types.ts";
import type { Store } from "../store.ts";
import { mergeReports, reportsAfter } from "../session-binding.ts";
import { createEndSections } from "./end-sections.ts";
import type { ReportEntry, TurnReport } from "../../../shared/engine/index.ts";
import type { PublicScenario } from "../../../shared/engine/index.ts";
import { finalTurn, percent, standings, turnDate } from "../../../shared/engine/index.ts";
import { PROJECTOR_NAME, type GameSnapshot } from "../../../shared/protocol.ts";
import { h, replace } from "../dom.ts";
import { actorName, fmt } from "../game-info.ts";
import { clockText, lobbyClockText } from "./clock.ts";
import { DEBRIEF_TEXT as T } from "../debrief-text.ts";
import { writeNews } from "../news/write-news.ts";
import { seatChipState } from "./top-bar.ts";
import { previewOrder } from "../orders/order-builder.ts";
import type { ReplayFrame } from "../../../shared/debrief-wire.ts";
import { OUTCOME_WORDS, vetoedBy, voteCount, voteGroups, type VoteGroup } from "../../../shared/analysis/council-result.ts";
import { fetchReplayFrame } from "../net/debrief-api.ts";
import { serverUrl } from "../server-factory.ts";

/** The join code or game id of a projector link, if this page is one. */
export function projectorTarget(search: string): string | null {
  const v = new URLSearchParams(search).get("projector");
  return v && /^[A-Za-z0-9_-]{4,64}$/.test(v) ? v : null;
}

/** Headlines for the ticker: breaking injects first, then the latest turn's news (what carries on from earlier months as one item). */
export function tickerItems(sc: PublicScenario, reports: TurnReport[], breaking: ReportEntry[]): string[] {
  const last = reports.at(-1);
  return [...[...breaking].reverse().map((e) => `BREAKING: ${e.headline}`), ...(last ? writeNews(sc, last, reports).map((n) => (n.lines ? `Continuing: ${n.lines.join("; ")}` : n.headline)) : [])];
}

/** How fast the ticker crawls, in its own type's widths (ems) a second: about 110 px/s on a 1920 screen. */
export const TICKER_EM_PER_S = 4;

/**
 * The crawl of a ticker whose run of items is `runWidth` wide in a box `boxWidth` wide: the
 * distance of one loop (the run's width: a copy follows it, so the loop has no seam and no empty
 * screen) and the seconds it takes at TICKER_EM_PER_S; none when the run fits and stands still.
 */
export function tickerPace(runWidth: number, boxWidth: number, emPx: number): { distance: number; seconds: number } {
  if (runWidth <= boxWidth) return { distance: 0, seconds: 0 };
  return { distance: runWidth, seconds: Math.round((runWidth / (TICKER_EM_PER_S * emPx)) * 10) / 10 };
}

/** Seconds each page of the end screen stays up on the projector before the next. */
export const PAGE_SECONDS = 20;

/**
 * Pages of the projector's end screen. Its sections flow through columns of a fixed-height box
 * (styles.css), and the columns past its right edge are the next pages: a page is the box's width
 * plus one column gap further on. `pages` counts them, `pageOf` says on which one a left edge falls.
 */
export const endPages = {
  pages: (scrollWidth: number, width: number, gap: number): number => Math.max(1, Math.ceil((scrollWidth + gap) / (width + gap) - 0.01)),
  pageOf: (left: number, width: number, gap: number): number => Math.max(0, Math.floor((left + 1) / (width + gap))),
  next: (page: number, pages: number, step: number): number => (((page + step) % pages) + pages) % pages,
};

/** Seconds a breaking inject stays as a banner across the projector's map (the ticker keeps it until the turn's news). */
export const BANNER_SECONDS = 60;

/** The breaking inject the banner shows at `now`: the latest, while it is under BANNER_SECONDS old (`since`: when it arrived). */
export function bannerFor(breaking: readonly ReportEntry[], since: number, now: number): ReportEntry | null {
  const last = breaking.at(-1);
  return last && now - since < BANNER_SECONDS * 1000 ? last : null;
}

/** Seconds each turn of the replay stays on the projector's map at the end; the last turn stays three times as long. */
export const REPLAY_SECONDS = 4;

/** The replay's next turn after `turn` (from the start `first` to `last`, then the start again) and how long `turn` stays up. */
export function replayStep(turn: number, first: number, last: number): { next: number; seconds: number } {
  return { next: turn >= last ? first : turn + 1, seconds: turn >= last ? 3 * REPLAY_SECONDS : REPLAY_SECONDS };
}

/** A Council draft as the projector shows it: the outcome first, who vetoed, the count, then each vote by group. */
export interface CouncilCard {
  title: string;
  /** "Vetoed", "Adopted", "Failed" (resolved) or "Voting" (open). */
  outcome: string;
  /** The permanent members whose "no" vetoed it. */
  vetoes: string[];
  /** "13 yes · 1 no · 1 abstain", or "4 of 15 have voted" while open. */
  count: string;
  /** Members by vote, in the council's order: yes, no, abstain. */
  groups: VoteGroup[];
}

/** Council drafts open now with the votes so far, then those of the latest resolved turn with their outcome. */
export function councilCards(sc: PublicScenario, snap: GameSnapshot, reports: TurnReport[]): CouncilCard[] {
  const resolved = (reports.at(-1)?.entries ?? [])
    .filter((e) => e.kind === "council")
    .map((e): CouncilCard => {
      const votes = (e.votes ?? {}) as Record<string, string>;
      return { title: e.headline, outcome: OUTCOME_WORDS[e.outcome ?? ""] ?? e.outcome ?? "", vetoes: vetoedBy(sc, votes, e.outcome), count: voteCount(votes), groups: voteGroups(sc, votes) };
    });
  const open = snap.view.proposals
    .filter((p) => p.kind === "council" && p.turn === snap.view.turn)
    .map((p): CouncilCard => ({ title: previewOrder(sc, p.from, p.order).title, outcome: "Voting", vetoes: [], count: `${Object.keys(p.answers).length} of ${p.to.length} have voted`, groups: voteGroups(sc, p.answers as Record<string, string>) }));
  return [...open, ...resolved];
}

/** Joins as a read-only watcher and mounts the projector; returns the unmount function. */
export async function mountProjector(root: HTMLElement, store: Store, server: GameServer, target: string): Promise<() => void> {
  replace(root, h("main", { id: "main", class: "projector-screen" }, h("p", { class: "loading" }, "Opening the projector view…")));
  // Counted as a screen by its join option, not by its name (a student may call themself "Projector").
  const session: GameSession = await server.join(target, { observer: true, name: PROJECTOR_NAME, projector: true });
  const sc = session.scenario;
  store.set({ session, snapshot: session.snapshot(), reports: session.snapshot().view.reports, projector: true, tab: "map", colourMode: "bloc", selected: null, breaking: [] });

  const title = h("div", { class: "pj-title" });
  const clock = h("div", { class: "pj-clock", id: "pj-clock" });
  const locks = h("ul", { class: "pj-locks", id: "pj-locks", "aria-label": "Who has locked in" });
  const boardHost = h("div", { class: "pj-board", id: "board" });
  const replayCaption = h("p", { class: "pj-replay-caption", id: "pj-replay", hidden: true });
  // The latest breaking inject across the top of the map for a minute: in the ticker alone the room missed it.
  const banner = h("div", { class: "pj-breaking", id: "pj-breaking", role: "alert", hidden: true });
  let bannerSince = 0;
  let bannerId = "";
  const council = h("section", { class: "pj-council", id: "pj-council", "aria-label": "Security Council" });
  const scores = h("section", { class: "pj-scores", id: "pj-scores", "aria-label": "Scoreboard" });
  // The end screen the players see, for the class to go through together: secret aims, turning points, history.
  const end = createEndSections(store);
  const ticker = h("div", { class: "pj-ticker", id: "pj-ticker", role: "marquee", "aria-live": "polite" });
  document.title = `Projector — ${sc.title} · Faultline`;
  // tabindex 0 on the side: it scrolls at the end (scrollable-region-focusable), so keys must reach it.
  // The side's contents in one box: at the end it lays them out in columns, and moves by a page.
  const sheet = h("div", { class: "pj-sheet", id: "pj-sheet" }, council, scores, end.el);
  const side = h("aside", { class: "pj-side", id: "pj-side", tabindex: 0, "aria-label": "Council and standings" }, sheet);
  const pager = h("p", { class: "pj-pager", id: "pj-pager", hidden: true });
  const main = h(
    "main",
    { id: "main", class: "projector-screen", tabindex: -1 },
    h("h1", { class: "sr-only" }, `Faultline: ${sc.title} (projector)`),
    h("header", { class: "pj-top" }, title, clock),
    locks,
    h("div", { class: "pj-middle" }, h("div", { class: "pj-board-wrap" }, boardHost, banner, replayCaption), side, pager),
    ticker,
  );
  replace(root, main);

  let lastTicker = "";
  // The ticker is one run of items crawling at one speed, so they keep their spacing, and each
  // crosses the whole screen at TICKER_EM_PER_S (each item used to crawl its own width in 40 s:
  // long ones overtook short ones, and those beyond the first screen never came into view). A
  // copy of the run follows it (hidden from screen readers), so the loop never shows an empty
  // screen; a run that fits stands still, and without motion it is a static list (styles.css).
  const pace = (): void => {
    const track = ticker.querySelector<HTMLElement>(".pj-track");
    const run = track?.querySelector<HTMLElement>(".pj-run:not(.pj-copy)");
    if (!track || !run) return;
    const { distance, seconds } = tickerPace(run.getBoundingClientRect().width, ticker.clientWidth, parseFloat(getComputedStyle(ticker).fontSize) || 16);
    const crawl = distance > 0;
    track.classList.toggle("crawl", crawl);
    const copy = track.querySelector(".pj-copy");
    if (crawl && !copy) {
      const twin = run.cloneNode(true) as HTMLElement;
      twin.classList.add("pj-copy");
      twin.setAttribute("aria-hidden", "true");
      track.append(twin);
    } else if (!crawl) copy?.remove();
    track.style.setProperty("--pj-crawl", `${seconds}s`);
  };
  // The end screen has more than a room screen holds (turning points, history): it turns its own
  // pages, so every section comes up in the room's type without anyone at the keyboard; the
  // facilitator may turn them with the arrow keys, or hold one with Space while the class talks.
  let page = 0;
  let held = false;
  let pageTimer = 0;
  const showPage = (step: number): void => {
    if (!main.classList.contains("pj-over")) return;
    // Its fractional width: clientWidth is rounded, and the rounding added up page after page
    // until the seventh page at 1280 showed a heading a pixel off the edge.
    const width = sheet.getBoundingClientRect().width;
    const gap = parseFloat(getComputedStyle(sheet).columnGap) || 0;
    const pages = endPages.pages(sheet.scrollWidth, width, gap);
    page = endPages.next(Math.min(page, pages - 1), pages, step);
    // Moved rather than scrolled: a scroll stops at the last column, so a last page half full would show half the page before it.
    sheet.style.transform = page ? `translateX(-${page * (width + gap)}px)` : "";
    const origin = sheet.getBoundingClientRect().left;
    // Where a heading's text is: its tallest box (one broken across columns has an empty sliver in the column before).
    const leftOf = (el: Element): number => [...el.getClientRects()].reduce((a, b) => (b.height > a.height ? b : a)).left;
    const headings = [...sheet.querySelectorAll<HTMLElement>("h2, h3")]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => ({ title: el.textContent ?? "", page: endPages.pageOf(leftOf(el) - origin, width, gap) }));
    const titles = headings.filter((x) => x.page === page).map((x) => x.title);
    // A page that only goes on with a section says which.
    const goingOn = headings.filter((x) => x.page < page).at(-1)?.title;
    pager.hidden = pages <= 1;
    pager.textContent = T.endPage(page + 1, pages, titles.length || !goingOn ? titles : [T.continued(goingOn)], held);
  };
  const restartPaging = (): void => {
    window.clearInterval(pageTimer);
    stopReplay();
    pageTimer = window.setInterval(() => !held && showPage(1), PAGE_SECONDS * 1000);
  };
  // At the end the map replays the game turn by turn, so the room sees how the blocs moved beside
  // the end screen. Frames are the public's (as an observer sees them), fetched once each.
  const frames = new Map<number, ReplayFrame>();
  let replayTimer = 0;
  let replaying = false;
  const playFrom = (turn: number): void => {
    const show = (f: ReplayFrame): void => {
      if (!replaying) return;
      frames.set(f.turn, f);
      if (f.turn === f.firstTurn) frames.set(0, f);
      store.set({ replay: { view: { ...f.view, reports: f.report ? [f.report] : [], history: [f.point] }, seat: null } });
      replayCaption.textContent = T.projectorReplay(f.turn === f.firstTurn ? T.replayStart : T.replayTurn(f.turn, f.date), f.turn - f.firstTurn, f.lastTurn - f.firstTurn);
      replayCaption.hidden = false;
      const { next, seconds } = replayStep(f.turn, f.firstTurn, f.lastTurn);
      replayTimer = window.setTimeout(() => playFrom(next), seconds * 1000);
    };
    const cached = frames.get(turn);
    if (cached) return show(cached);
    fetchReplayFrame(serverUrl(), session.credential, turn, "observer")
      .then(show)
      // No replay (a refusal, the server unreachable): the map keeps the final state, and no retry on every update.
      .catch(() => {
        replayFailed = true;
        stopReplay();
      });
  };
  let replayFailed = false;
  const startReplay = (): void => {
    if (replaying || replayFailed) return;
    replaying = true;
    playFrom(0);
  };
  const stopReplay = (): void => {
    replaying = false;
    window.clearTimeout(replayTimer);
    replayCaption.hidden = true;
    if (store.get().replay) store.set({ replay: null });
  };
  const onKey = (ev: KeyboardEvent): void => {
    if (!main.classList.contains("pj-over")) return;
    const step = { ArrowRight: 1, PageDown: 1, ArrowLeft: -1, PageUp: -1 }[ev.key];
    if (ev.key === " ") held = !held;
    else if (!step) return;
    ev.preventDefault();
    showPage(step ?? 0);
    restartPaging();
  };
  document.addEventListener("keydown", onKey);
  restartPaging();
  // Again when the screen, the type or the run changes size (a window moved to the projector, a late font).
  const resize = new ResizeObserver(() => {
    pace();
    showPage(0);
  });
  resize.observe(ticker);
  resize.observe(sheet);
  const render = (): void => {
    const s = store.get();
    const snap = s.snapshot;
    if (!snap) return;
    const view = snap.view;
    const turnText = view.phase === "over" ? " · Game over" : snap.status === "lobby" ? " · Waiting room" : ` · Turn ${view.turn} of ${finalTurn(sc.turns.count, view)} · ${turnDate(sc.start, sc.turns.length, view.turn)}`;
    // In the waiting room the room reads where to go as well as the code.
    const code = snap.joinCode ? (snap.status === "lobby" ? ` · Join at ${location.host} with code ${snap.joinCode}` : ` · Join code ${snap.joinCode}`) : "";
    replace(title, h("span", {}, sc.title), h("span", { class: "pj-turn" }, turnText), code ? h("span", { class: "pj-code" }, code) : null);
    replace(
      locks,
      // The players' chips' marks (✎ still ordering, ✔ locked in), and none once the game is over.
      snap.seats.map((seat) => {
        const chip = seatChipState(seat.locked, { over: view.phase === "over", lobby: snap.status === "lobby" });
        return h("li", { class: `pj-lock${seat.locked ? " locked" : ""}`, title: chip.said }, chip.mark, seat.name, h("span", { class: "sr-only" }, `: ${chip.said}`), seat.players.length > 1 ? h("span", { class: "pj-team" }, ` (${seat.players.length})`) : null);
      }),
    );
    const cards = councilCards(sc, snap, s.reports);
    replace(
      council,
      h("h2", {}, "Security Council"),
      cards.length
        ? h(
            "ul",
            { class: "pj-council-list" },
            cards.map((c) =>
              h(
                "li",
                { class: `pj-draft${c.vetoes.length ? " vetoed" : ""}` },
                // The outcome first and any veto in large type, what the room looks for; the title and the count after.
                h("p", { class: "pj-outcome" }, h("strong", {}, c.outcome), c.vetoes.length ? h("span", { class: "pj-veto" }, ` — veto: ${c.vetoes.join(", ")}`) : null),
                h("p", { class: "pj-draft-title" }, c.title),
                h("p", { class: "pj-count" }, c.count),
                h("dl", { class: "pj-votes" }, c.groups.flatMap((g) => [h("dt", {}, g.vote), h("dd", {}, g.names.join(", "))])),
              ),
            ),
          )
        : h("p", { class: "hint" }, "No draft before the Council."),
    );
    // At the end the projector turns to the end screen, as every player's screen does: the final
    // standings (secret objectives counted), whatever the scoreboard switch said during play.
    const over = view.phase === "over";
    main.classList.toggle("pj-over", over);
    council.hidden = over;
    end.el.hidden = !over;
    if (over) end.render(s);
    if (over) startReplay();
    else if (replaying) stopReplay();
    pager.hidden = !over;
    if (!over) sheet.style.transform = "";
    scores.hidden = !snap.scoreboard && !over;
    if (!scores.hidden) {
      // The engine's standings: each seat's share of its own maximum (public objectives until the end).
      const rows = standings(view.scores, over);
      // At the end, who played each seat (the class sees its own names).
      const by = (seat: string) => (over ? h("span", { class: "played-by", "data-played-by": seat }, ` · ${T.playedBy(snap.seats.find((x) => x.id === seat))}`) : null);
      replace(scores, h("h2", {}, over ? "Final standings" : "Scoreboard"), h("ol", {}, rows.map((r) => h("li", { value: r.rank }, `${actorName(sc, r.seat)} `, h("strong", {}, percent(r.share)), h("span", { class: "hint" }, ` · ${fmt(r.points)} of ${fmt(r.max)}`), by(r.seat)))));
    }
    const items = tickerItems(sc, s.reports, s.breaking);
    // Rebuilt only when the news changes: every other update (a lock-in, a vote) would restart the crawl.
    const tickerKey = JSON.stringify(items);
    if (tickerKey !== lastTicker) {
      lastTicker = tickerKey;
      const old = ticker.querySelector(".pj-run");
      if (old) resize.unobserve(old);
      const run = h("ul", { class: "pj-run" }, items.length ? items.map((t) => h("li", { class: t.startsWith("BREAKING") ? "pj-item breaking" : "pj-item" }, t)) : h("li", { class: "pj-item" }, "The news appears here after each turn."));
      replace(ticker, h("div", { class: "pj-track", id: "pj-track" }, run));
      resize.observe(run);
      pace();
    }
    showPage(0);
    tick();
  };
  const tick = (): void => {
    const snap = store.get().snapshot;
    if (!snap) return;
    const now = Date.now();
    const shown = bannerFor(store.get().breaking, bannerSince, now);
    if ((shown?.id ?? "") !== bannerId) {
      bannerId = shown?.id ?? "";
      replace(banner, shown ? [h("strong", {}, "BREAKING: "), shown.headline, shown.text ? h("span", { class: "pj-breaking-text" }, ` — ${shown.text}`) : null] : []);
      banner.hidden = !shown;
    }
    clock.textContent = snap.view.phase === "over" ? "Final" : snap.status === "lobby" ? lobbyClockText(snap.clock.deadline, now) : clockText(snap.clock, now);
  };
  const offs = [
    session.onChange((snap) => store.set({ snapshot: snap, reports: reportsAfter(store.get().reports, snap, store.get().snapshot?.view.turn) })),
    session.onReport((r) => store.set({ reports: mergeReports(store.get().reports, [r]), breaking: [] })),
    session.onInject?.((e) => {
      bannerSince = Date.now();
      store.set({ breaking: [...store.get().breaking, e] });
    }) ?? (() => undefined),
    store.subscribe(() => render()),
  ];
  const timer = window.setInterval(tick, 1000);
  render();
  const { launchBoard } = await import("../board/launch-board.ts");
  const board = launchBoard(boardHost, store);
  return () => {
    window.clearInterval(timer);
    window.clearInterval(pageTimer);
    stopReplay();
    document.removeEventListener("keydown", onKey);
    resize.disconnect();
    for (const off of offs) off();
    board.dispose();
    document.title = "Faultline";
    void session.leave();
  };
}

