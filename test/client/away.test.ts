// A player whose connection dropped while a turn resolved is told so when it comes back, and a
// player who was there all along is not (client/src/away.ts).
import { afterEach, describe, expect, it, vi } from "vitest";
import type { GameSnapshot } from "../../shared/protocol.ts";
import type { GameSession } from "../../client/src/net/session-types.ts";
import { Store } from "../../client/src/store.ts";
import { watchAway } from "../../client/src/away.ts";

const snap = (turn: number): GameSnapshot =>
  ({ gameId: "g1", joinCode: "K7QX2MPA9R", role: "player", seat: "CHN", status: "playing", view: { turn }, seats: [], clock: { deadline: null, paused: false, remainingMs: null, turnMinutes: 0 }, messages: [], missingSeats: "bot" }) as unknown as GameSnapshot;

afterEach(() => vi.unstubAllGlobals());

describe("turns resolved while away", () => {
  it("tells a player back from a dropped connection, not one who was there", () => {
    const kept = new Map<string, string>();
    vi.stubGlobal("localStorage", { getItem: (k: string) => kept.get(k) ?? null, setItem: (k: string, v: string) => kept.set(k, v) });
    const session = { snapshot: () => snap(1) } as unknown as GameSession;
    const store = new Store({ session, snapshot: snap(1), tab: "orders" });
    const stop = watchAway(store, session);
    // Present: turn 1 resolves, nothing to tell.
    store.set({ snapshot: snap(2) });
    expect(store.get().toast).toBeNull();
    // Away while turns 2 and 3 resolve; back, the new state follows the status.
    store.set({ status: "reconnecting" });
    store.set({ status: "connected" });
    store.set({ snapshot: snap(4) });
    expect(store.get().toast?.text).toMatch(/^While you were away, turns 2–3 resolved without you: the orders you had drafted were played as given/);
    expect(store.get().toast?.text).toContain("a bot played for you");
    expect(store.get().newsUnread).toBe(true);
    stop();
    // A tab opened again later knows the last turn it saw.
    expect(kept.get("faultline.seen.g1.CHN")).toBe("4");
  });
});
