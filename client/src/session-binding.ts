// Connects one GameSession to the store: snapshots, reports, errors and connection status.
import { turnDate, type TurnReport } from "../../shared/engine/index.ts";
import type { GameSnapshot } from "../../shared/protocol.ts";
import type { GameSession } from "./net/session-types.ts";
import type { Store } from "./store.ts";
import { announce } from "./ui/announce.ts";
import { injectReached } from "../../shared/control-words.ts";

const READ_KEY = "faultline.read.";

/**
 * Merges report lists by turn, oldest first. A report with explanations is never replaced by a
 * compact one (the room state may carry reports without them; fetchReports has them in full).
 */
export function mergeReports(current: TurnReport[], incoming: TurnReport[]): TurnReport[] {
  const byTurn = new Map(current.map((r) => [r.turn, r]));
  for (const r of incoming) {
    const had = byTurn.get(r.turn);
    if (!had || had.explanations.length === 0 || r.explanations.length > 0) byTurn.set(r.turn, r);
  }
  return [...byTurn.values()].sort((a, b) => a.turn - b.turn);
}

/**
 * The reports a new snapshot leaves standing: merged with its own, and, when the turn went back
 * (the facilitator rolled back), without the undone turns' reports.
 */
export function reportsAfter(current: TurnReport[], snap: GameSnapshot, previousTurn: number | undefined): TurnReport[] {
  const merged = mergeReports(current, snap.view.reports);
  return previousTurn !== undefined && snap.view.turn < previousTurn ? merged.filter((r) => r.turn < snap.view.turn) : merged;
}

/** Feeds the store from a session; returns the function that stops it. */
export function bindSession(store: Store, session: GameSession): () => void {
  const snapshot = session.snapshot();
  const readKey = READ_KEY + snapshot.gameId + "." + (snapshot.seat ?? snapshot.role);
  let readCounts: Record<string, number> = {};
  try {
    readCounts = JSON.parse(localStorage.getItem(readKey) ?? "{}") as Record<string, number>;
  } catch {
    readCounts = {};
  }
  store.set({
    session,
    snapshot,
    reports: snapshot.view.reports,
    status: "connected",
    tab: snapshot.role === "player" ? "orders" : snapshot.role === "facilitator" ? "control" : "report",
    selected: snapshot.seat,
    colourMode: snapshot.seat ? "relation" : "bloc",
    readCounts,
    toast: null,
    breaking: [],
  });
  // Reports may arrive compact (entries only); their explanations are fetched in full.
  const fetchFull = (): void => {
    session
      .fetchReports()
      .then((reports) => {
        if (store.get().session === session) store.set({ reports: mergeReports(store.get().reports, reports) });
      })
      .catch(() => undefined);
  };
  fetchFull();
  const persistRead = store.select(
    (s) => s.readCounts,
    (counts) => localStorage.setItem(readKey, JSON.stringify(counts)),
  );
  const offs = [
    session.onChange((s) => {
      const before = store.get().snapshot?.view.turn;
      store.set({ snapshot: s, reports: reportsAfter(store.get().reports, s, before) });
      if (before !== undefined && s.view.turn < before) {
        const sc = session.scenario;
        const text = `The facilitator rolled the game back to turn ${s.view.turn} (${turnDate(sc.start, sc.turns.length, s.view.turn)}): its resolution is undone and the orders given for it are back, unlocked.`;
        // The toast (role=alert) reads it out; the announcer as well said it twice.
        store.set({ toast: { text, kind: "info", at: Date.now() }, breaking: [] });
      }
    }),
    session.onReport((r) => {
      // The tab stays where the player is working (focus and place are kept); the News tab gets a
      // dot and the resolution is announced.
      store.set({ reports: mergeReports(store.get().reports, [r]), animateTurn: r.turn, newsUnread: store.get().tab !== "report", breaking: [] });
      announce(`Turn ${r.turn} (${r.date}) is resolved: ${r.entries.length} ${r.entries.length === 1 ? "story" : "stories"} in the News.`);
      if (r.explanations.length === 0) fetchFull();
    }),
    session.onError((e) =>
      store.set({ toast: { text: e.message || e.code, kind: "error", at: Date.now() }, ...(e.code === "server/storage_error" ? { storageErrorAt: Date.now() } : {}) }),
    ),
    session.onStatus((status, reason, cause) => store.set({ status, statusReason: reason, statusCause: cause })),
    // An inject reaches people at once: a toast (which screen readers hear) and a "breaking" item on top of the News.
    session.onInject?.((e) => {
      store.set({ breaking: [...store.get().breaking.filter((b) => b.id !== e.id || b.headline !== e.headline), e], toast: { text: `Breaking: ${e.headline}`, kind: "info", at: Date.now() }, newsUnread: store.get().tab !== "report" });
    }) ?? (() => undefined),
    // Requests to join a team are kept from the moment they come, whichever tab is open.
    session.onSeatRequests?.((list) => store.set({ seatRequests: list })) ?? (() => undefined),
    session.onSeatRequest?.((r) => {
      const seat = session.scenario.actors[r.seat]?.name ?? r.seat;
      store.set({ toast: { text: `${r.name} asks to join ${seat}: answer in Talks.`, kind: "info", at: Date.now() } });
    }) ?? (() => undefined),
    session.onInjectDelivered?.((d) =>
      store.set({ toast: { text: injectReached(d), kind: "info", at: Date.now() } }),
    ) ?? (() => undefined),
  ];
  return () => {
    persistRead();
    for (const off of offs) off();
    store.set({ session: null, snapshot: null, reports: [], seatRequests: [] });
  };
}
