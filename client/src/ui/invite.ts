// Inviting people and telling them what happened: the invite link (/?join=CODE), team codes typed
// where a join code goes, seats whose people dropped, turns resolved while someone was away, and
// what Leave really does. Pure helpers, so the wording is tested without a browser.
import type { GameSnapshot, SeatInfo } from "../../../shared/protocol.ts";

/** A game's invite link: opens the start screen with the code filled in and its seats shown. */
export function inviteLink(code: string, origin: string): string {
  return `${origin}/?join=${encodeURIComponent(code)}`;
}

/** The join code of an invite link (`?join=CODE` or `#join=CODE`), if this page is one. */
export function inviteCode(loc: Pick<Location, "search" | "hash">): string | null {
  const fromSearch = new URLSearchParams(loc.search).get("join");
  const fromHash = new URLSearchParams(loc.hash.replace(/^#/, "")).get("join");
  const code = (fromSearch ?? fromHash ?? "").trim();
  return code ? code.slice(0, 40) : null;
}

/**
 * Join codes and game ids have 10 characters, team codes 12 (server/ids.ts): a 12-character
 * entry in the join field is a team code, told apart without asking the server.
 */
export function teamCodeMistake(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[^A-Z0-9]/g, "");
  if (code.length !== 12) return null;
  return `That looks like a team code: ${code}. Type the game's join code here (10 characters, in every player's top bar); then use the team code on the country's card, under “Join team”.`;
}

/**
 * A seat whose people are all away (tab closed, network lost): its turn resolves without them
 * once the clock or the others are done, so the others see it. Bot seats have nobody to miss.
 */
export function seatOffline(seat: Pick<SeatInfo, "players" | "bot">): boolean {
  return !seat.bot && seat.players.length > 0 && seat.players.every((p) => !p.connected);
}

/** What a player is told on coming back after turns resolved without them; null if none did. */
export function awayNotice(before: number, now: number): string | null {
  if (now <= before) return null;
  const turns = now - before === 1 ? `turn ${before} resolved` : `turns ${before}–${now - 1} resolved`;
  return `While you were away, ${turns} without you: the orders you had drafted were played as given (see the News tab).`;
}

/** What Leave does, said before it is done (the server takes the person off their team). */
export function leaveConfirmText(snap: Pick<GameSnapshot, "role" | "seats" | "seat">, seatName: string | null): string {
  if (snap.role !== "player") return "Leave this game? You can come back with the join code.";
  const mine = snap.seats.find((s) => s.id === snap.seat);
  const others = (mine?.players.length ?? 1) - 1;
  const after =
    others > 0
      ? `your ${others === 1 ? "teammate plays" : `${others} teammates play`} on without you`
      : `${seatName ?? "your seat"} is free for anyone to take (a bot plays it meanwhile, if the game uses bots)`;
  return `Leave this game? You leave ${seatName ?? "your seat"}'s team: ${after}. To come back you need the join code and, if the team still has people, its team code or their approval.`;
}
