// Seat credentials in localStorage, so a refreshed or reopened tab returns to the same seat.
// A facilitator who also takes a seat keeps the facilitator credential aside to switch back.
import type { SeatCredential } from "../../shared/protocol.ts";

const ACTIVE = "faultline.credential";
const FACILITATOR = "faultline.facilitator.";
const NAME = "faultline.name";

function read(key: string): SeatCredential | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const c = JSON.parse(raw) as Partial<SeatCredential>;
    if (typeof c.gameId !== "string" || typeof c.token !== "string" || typeof c.role !== "string") return null;
    return c as SeatCredential;
  } catch {
    return null;
  }
}

/** The credential of the seat this tab plays, if any. */
export function loadCredential(): SeatCredential | null {
  return read(ACTIVE);
}

/** Remembers the seat (and, for a facilitator, keeps a copy to come back to). */
export function saveCredential(c: SeatCredential): void {
  localStorage.setItem(ACTIVE, JSON.stringify(c));
  if (c.role === "facilitator") localStorage.setItem(FACILITATOR + c.gameId, JSON.stringify(c));
  localStorage.setItem(NAME, c.name);
}

/** Forgets the active seat (leaving a game). */
export function clearCredential(): void {
  localStorage.removeItem(ACTIVE);
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
