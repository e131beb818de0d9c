// Seat credentials in localStorage, so a refreshed or reopened tab returns to the same seat.
// A creator who is both facilitator and a player keeps both credentials aside, per game, to switch
// between them; each tab also keeps its own in sessionStorage, so a reload (or "Take the seat back")
// reopens what that tab was, not what another tab opened last.
import type { SeatCredential } from "../../shared/protocol.ts";
import { tabStorage } from "./tab-storage.ts";

const ACTIVE = "faultline.credential";
const FACILITATOR = "faultline.facilitator.";
const SEAT = "faultline.seat.";
const NAME = "faultline.name";

function read(key: string, store: Storage | null = localStorage): SeatCredential | null {
  try {
    const raw = store?.getItem(key);
    if (!raw) return null;
    const c = JSON.parse(raw) as Partial<SeatCredential>;
    if (typeof c.gameId !== "string" || typeof c.token !== "string" || typeof c.role !== "string") return null;
    return c as SeatCredential;
  } catch {
    return null;
  }
}

/** The credential of the seat this tab plays (else the one this browser opened last), if any. */
export function loadCredential(): SeatCredential | null {
  return read(ACTIVE, tabStorage()) ?? read(ACTIVE);
}

/** Remembers the seat for this tab and the browser (and keeps a copy per game and role to come back to). */
export function saveCredential(c: SeatCredential): void {
  const raw = JSON.stringify(c);
  localStorage.setItem(ACTIVE, raw);
  tabStorage()?.setItem(ACTIVE, raw);
  if (c.role === "facilitator") localStorage.setItem(FACILITATOR + c.gameId, raw);
  if (c.role === "player" && c.seat) localStorage.setItem(SEAT + c.gameId, raw);
  localStorage.setItem(NAME, c.name);
}

/** Forgets the active seat (leaving a game, or one that cannot be returned to), and `c` as its game's player seat. */
export function clearCredential(c: SeatCredential): void {
  localStorage.removeItem(ACTIVE);
  tabStorage()?.removeItem(ACTIVE);
  if (seatCredential(c.gameId)?.token === c.token) localStorage.removeItem(SEAT + c.gameId);
}

/** The player seat this browser holds in a game, kept beside its facilitator credential. */
export function seatCredential(gameId: string): SeatCredential | null {
  return read(SEAT + gameId);
}

/** The facilitator credential for a game this browser created. */
export function facilitatorCredential(gameId: string): SeatCredential | null {
  return read(FACILITATOR + gameId);
}

/** The player name last used in this browser. */
export function lastName(): string {
  return localStorage.getItem(NAME) ?? "";
}

const CONSOLE_HASH = "#console=";

/**
 * A link that opens the facilitator's console in another browser (a tablet, a co-facilitator, a
 * laptop that replaces a dead one). The credential rides in the fragment, which browsers never
 * send to a server, so it stays out of request lines and logs.
 */
export function consoleLink(c: SeatCredential): string {
  return `${location.origin}/${CONSOLE_HASH}${encodeURIComponent(c.gameId)}.${encodeURIComponent(c.token)}`;
}

/** Keeps the credential of a console link this page was opened with, and takes it off the address bar. */
export function adoptConsoleLink(): boolean {
  const hash = location.hash;
  if (!hash.startsWith(CONSOLE_HASH)) return false;
  history.replaceState(null, "", location.pathname + location.search);
  // Game ids and tokens hold letters, digits, "-" and "_" only, so the first "." divides them.
  const [gameId, token] = hash.slice(CONSOLE_HASH.length).split(".").map((x) => decodeURIComponent(x));
  if (!gameId || !token) return false;
  // The server knows the facilitator by the token; the name is only this browser's label.
  saveCredential({ gameId, token, role: "facilitator", seat: null, name: lastName() || "Facilitator" });
  return true;
}
