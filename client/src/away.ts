// A player who dropped (network lost, tab closed) has their turn resolved without them once the
// clock or the others are done. Back, they are told which turns resolved meanwhile, with a notice
// and the News tab's "new" badge. The last turn seen while connected is kept per seat in
// localStorage, so a tab reopened later is told too.
import type { GameSession } from "./net/session-types.ts";
import type { Store } from "./store.ts";
import { awayNotice } from "./ui/invite.ts";

const SEEN_KEY = "faultline.seen.";

/** Watches one player session; returns the function that stops it. */
export function watchAway(store: Store, session: GameSession): () => void {
  const first = session.snapshot();
  if (first.role !== "player") return () => undefined;
  const key = `${SEEN_KEY}${first.gameId}.${first.seat ?? ""}`;
  const stored = Number(localStorage.getItem(key));
  // The turn the player last saw while connected; a fresh seat has seen the current one.
  let seen = Number.isInteger(stored) && stored > 0 ? stored : first.view.turn;
  // After a return the new turn may come a moment after the status: it is looked for a while.
  let returnedAt = first.view.turn > seen ? Date.now() : 0;
  const check = (): void => {
    const s = store.get();
    if (s.session !== session || !s.snapshot) return;
    const turn = s.snapshot.view.turn;
    if (s.status !== "connected") return;
    if (turn > seen && returnedAt > 0 && Date.now() - returnedAt < 3000 && s.snapshot.status !== "lobby") {
      let text = awayNotice(seen, turn) ?? "";
      if (s.snapshot.missingSeats === "bot") text += " Where you had drafted nothing, a bot played for you.";
      store.set({ toast: { text, kind: "info", at: Date.now() }, newsUnread: s.tab !== "report" });
    }
    seen = turn;
    localStorage.setItem(key, String(turn));
  };
  let wasConnected = true;
  const off = store.subscribe((s, prev) => {
    if (s.status !== prev.status) {
      if (s.status === "connected" && !wasConnected) returnedAt = Date.now();
      wasConnected = s.status === "connected";
    }
    if (s.snapshot !== prev.snapshot || s.status !== prev.status) check();
  });
  check();
  return off;
}
