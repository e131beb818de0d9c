// Who may reserve a place in a game room, decided before the matchmaker reserves it (Colyseus runs
// a room class's static onAuth before the seat reservation; the instance onAuth runs only when the
// socket connects, after the seat was already taken from the pool). Per-address counters cap what
// one address can hold at a time.
import { ServerError } from "@colyseus/core";
import { randomBytes } from "node:crypto";
import type { Actor } from "../game/actor.ts";
import { Counter, type Limits } from "../limits.ts";

/** What a reservation carries to onJoin (Colyseus passes it as `client.auth`). */
export interface JoinAuth {
  actor: Actor;
  /** The credential token (a new one is made at join time for a claim). */
  token?: string;
  /** The address the reservation came from. */
  ip: string;
  /** Set for reservations without a credential: released when the socket joins or the reservation lapses. */
  pending?: string;
  /** The team code given with a claim for a held seat. */
  teamCode?: string;
  /** A watcher that joined with the projector option (the projector link): counted as a screen. */
  projector?: boolean;
}

/** Error codes of refused joins, sent as "code: message" in the matchmaker's error. */
export const ACCESS_ERRORS = {
  /** the join options are not a credential or a claim */
  bad_options: "auth/bad_options",
  /** the credential is unknown or for another game */
  bad_credential: "auth/bad_credential",
  /** the seat is held and no (or a wrong) team code was given */
  seat_taken: "auth/seat_taken",
  /** the facilitator kept the seat for a bot: nobody may claim it until they release it */
  kept_for_bot: "seat/kept_for_bot",
  /** the game has ended: observers only */
  game_over: "game/over",
  /** too many reservations or connections from this address, or too many observers */
  busy: "auth/too_many",
  /** joins go by game id (POST /matchmake/joinById/<gameId>) */
  join_by_id: "auth/join_by_id",
  /** the connection closed while its join was being read (nobody is left to give a seat to) */
  left: "auth/left_while_joining",
} as const;

/**
 * A join decided by the room of another process. Colyseus's IPC passes a rejected call's message
 * but not its status, so refusals travel as values and are thrown again where the join arrived.
 */
export type RemoteAuth = { auth: JoinAuth } | { refused: { status: number; message: string } };

export const refuse = (status: number, code: string, message: string): ServerError => new ServerError(status, `${code}: ${message}`);

/** The game id of a `POST /matchmake/joinById/<id>` request, the only matchmaking call rooms accept. */
export function joinByIdTarget(req: unknown): string | undefined {
  const url = typeof (req as { url?: unknown } | undefined)?.url === "string" ? (req as { url: string }).url : undefined;
  if (!url) return undefined;
  const m = /\/matchmake\/joinById\/([A-Za-z0-9_-]{1,64})\/?$/.exec(new URL(url, "http://x").pathname);
  return m?.[1];
}

/**
 * Reservations made without a credential (seat claims, observers), capped per address while they
 * are unused; each lapses with the matchmaker's own reservation, or is released on join.
 */
export class PendingReservations {
  private byId = new Map<string, { ip: string; roomId: string; observer: boolean; timer: NodeJS.Timeout }>();
  private perAddress: Counter;

  constructor(
    limits: Limits,
    private ttlMs: number,
  ) {
    this.perAddress = new Counter(limits.pendingReservationsPerAddress);
  }

  /** Records one; undefined when the address already holds its share. */
  add(ip: string, roomId: string, observer: boolean): string | undefined {
    if (!this.perAddress.tryAdd(ip)) return undefined;
    const id = randomBytes(9).toString("base64url");
    const timer = setTimeout(() => this.release(id), this.ttlMs);
    timer.unref();
    this.byId.set(id, { ip, roomId, observer, timer });
    return id;
  }

  release(id: string | undefined): void {
    const r = id === undefined ? undefined : this.byId.get(id);
    if (!r) return;
    clearTimeout(r.timer);
    this.byId.delete(id!);
    this.perAddress.remove(r.ip);
  }

  /** Unused reservations for a room (observers only, or all). */
  pendingFor(roomId: string, observersOnly = false): number {
    let n = 0;
    for (const r of this.byId.values()) if (r.roomId === roomId && (!observersOnly || r.observer)) n++;
    return n;
  }
}

/** Credentials cut off for flooding, until when (ms): they may not rejoin before. */
export class PenaltyBox {
  private until = new Map<string, number>();

  constructor(private seconds: number) {}

  add(tokenHash: string): void {
    const now = Date.now();
    for (const [k, t] of this.until) if (t <= now) this.until.delete(k);
    this.until.set(tokenHash, now + this.seconds * 1000);
  }

  /** Seconds left, or 0. */
  left(tokenHash: string): number {
    const t = this.until.get(tokenHash) ?? 0;
    return Math.max(0, Math.ceil((t - Date.now()) / 1000));
  }
}

/** What rooms of one server share about addresses and credentials: unused reservations, open connections, flooders. */
export interface AddressBook {
  pending: PendingReservations;
  connections: Counter;
  penalties: PenaltyBox;
}

export function makeAddressBook(limits: Limits, reservationSeconds: number): AddressBook {
  return {
    pending: new PendingReservations(limits, reservationSeconds * 1000),
    connections: new Counter(limits.connectionsPerAddress),
    penalties: new PenaltyBox(limits.floodPenaltySeconds),
  };
}
