// A creator who plays China and runs the game from a second tab: each tab returns to what it was,
// and the start page offers both ways back.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SeatCredential } from "../../shared/protocol.ts";
import { clearCredential, facilitatorCredential, loadCredential, saveCredential, seatCredential } from "../../client/src/credentials.ts";
import { rejoin, rejoinLabel } from "../../client/src/ui/connection-banner.ts";
import { playingHereText, returnLabel } from "../../client/src/ui/start-screen.ts";
import { Store } from "../../client/src/store.ts";
import type { GameSession } from "../../client/src/net/session-types.ts";

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, String(v)),
  };
}

const china: SeatCredential = { gameId: "G1", token: "t-china", role: "player", seat: "CHN", name: "Mei" };
const console1: SeatCredential = { gameId: "G1", token: "t-fac", role: "facilitator", seat: null, name: "Mei" };

// One browser (localStorage) with two tabs (a sessionStorage each).
const browser = memoryStorage();
const tab1 = memoryStorage();
const tab2 = memoryStorage();
const inTab = (tab: Storage): void => void vi.stubGlobal("sessionStorage", tab);

beforeEach(() => {
  for (const s of [browser, tab1, tab2]) s.clear();
  vi.stubGlobal("localStorage", browser);
});
afterEach(() => void vi.unstubAllGlobals());

describe("a creator playing China with the console in a second tab", () => {
  it("keeps China's seat beside the facilitator's, and each tab reloads into its own", () => {
    inTab(tab1);
    saveCredential(console1);
    saveCredential(china);
    inTab(tab2);
    // A new tab opens what the browser opened last…
    expect(loadCredential()?.seat).toBe("CHN");
    // …and then returns as facilitator: tab 1 still reloads into China.
    saveCredential(console1);
    expect(loadCredential()?.role).toBe("facilitator");
    inTab(tab1);
    expect(loadCredential()?.seat).toBe("CHN");
    expect(seatCredential("G1")?.token).toBe("t-china");
    expect(facilitatorCredential("G1")?.token).toBe("t-fac");
    expect(seatCredential("G2")).toBeNull();
  });

  it("'Take the seat back in this window' makes China the seat the browser opens, then reloads", () => {
    inTab(tab1);
    saveCredential(china);
    saveCredential(console1); // another tab's console, as a fresh tab with no storage of its own would see it
    tab1.clear();
    const session = { credential: china } as unknown as GameSession;
    const store = new Store({ session, status: "lost", statusCause: "taken-over" });
    const reload = vi.fn();
    expect(rejoinLabel("taken-over")).toBe("Take the seat back in this window");
    rejoin(store, reload);
    expect(reload).toHaveBeenCalledOnce();
    expect(loadCredential()?.seat).toBe("CHN");
    inTab(tab2);
    expect(loadCredential()?.seat).toBe("CHN");
  });

  it("leaving China forgets that seat but not the console", () => {
    inTab(tab1);
    saveCredential(console1);
    saveCredential(china);
    clearCredential(china);
    expect(loadCredential()).toBeNull();
    expect(seatCredential("G1")).toBeNull();
    expect(facilitatorCredential("G1")?.token).toBe("t-fac");
  });

  it("names the way back on the start page and on the own seat's card", () => {
    expect(returnLabel("China")).toBe("Return to China");
    expect(playingHereText("China")).toBe("You are playing China here.");
  });
});
