// Connects one GameSession to the store: snapshots, reports, errors and connection status.
import type { GameSession } from "./net/session-types.ts";
import type { Store } from "./store.ts";

const READ_KEY = "faultline.read.";

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
  });
  const persistRead = store.select(
    (s) => s.readCounts,
    (counts) => localStorage.setItem(readKey, JSON.stringify(counts)),
  );
  const offs = [
    session.onChange((s) => store.set({ snapshot: s, reports: s.view.reports })),
    session.onReport((r) => {
      const reports = store.get().reports.filter((x) => x.turn !== r.turn).concat(r).sort((a, b) => a.turn - b.turn);
      store.set({ reports, animateTurn: r.turn, tab: store.get().tab === "control" ? "control" : "report" });
    }),
    session.onError((e) => store.set({ toast: { text: e.message || e.code, kind: "error", at: Date.now() } })),
    session.onStatus((status, reason) => store.set({ status, statusReason: reason })),
  ];
  return () => {
    persistRead();
    for (const off of offs) off();
    store.set({ session: null, snapshot: null, reports: [] });
  };
}
