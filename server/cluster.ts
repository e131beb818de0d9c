// Several server processes on one Redis and one PostgreSQL (REDIS_URL, DATABASE_URL): Colyseus's
// RedisPresence and RedisDriver share the room listings and carry seat reservations between
// processes; each process has its own public address (the SDK opens its socket there). What this
// module adds on top, for the failures Colyseus does not handle by itself:
// - finding the process that hosts a game, and reopening the game here when that process is dead
//   (its listing is swept by Colyseus's health check; the store's hosting lock went with it);
// - Redis down: joins are refused at once with server/coordination_unavailable (no request hangs
//   on Redis), while rooms already open keep playing (their turns only touch the store);
// - listings put back every few seconds for rooms this process hosts, so a Redis restart (empty)
//   or a listing dropped after one missed health check (colyseus #968) heals within seconds;
// - a sweep that reopens games whose deadline passed while nobody hosts them (their process died).
import { matchMaker, type Presence } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { Redis } from "ioredis";
import { createHash } from "node:crypto";
import { COORDINATION_UNAVAILABLE } from "../shared/protocol.ts";

/** Redis (or the process hosting a game) cannot be reached: joins are refused until it is back. */
export class ClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClusterError";
  }
}

/** Error text of a room that another process already hosts (the matchmaker passes it on). */
export const HOSTED_ELSEWHERE = "game/hosted_elsewhere";

/** Errors of Redis or of a remote process not answering (ioredis and Colyseus IPC texts). */
export function isCoordinationError(e: unknown): boolean {
  if (e instanceof ClusterError) return true;
  const msg = String((e as Error | undefined)?.message ?? e);
  return /Connection is closed|max retries per request|enableOfflineQueue|ECONNREFUSED|ipc_timeout|remote room \(.*\) timed out|is not available/i.test(msg);
}


export interface ClusterOptions {
  redisUrl: string;
  /** Prefix of every Redis key (tests give each run its own). */
  keyPrefix?: string;
  /** host:port[/path] the SDK should open this process's sockets on (no scheme). */
  publicAddress?: string;
  /**
   * The secret that lets a process open rooms on another (the matchmaker passes it over Redis):
   * the same on every process. Default: derived from REDIS_URL and DATABASE_URL, which all share.
   */
  sharedSecret?: string;
  /** How often local listings are checked and put back, ms. */
  relistMs?: number;
}

export class Cluster {
  readonly presence: Presence;
  readonly driver: RedisDriver;
  readonly publicAddress?: string;
  readonly sharedSecret: string;
  private pub: Redis;
  private timers: NodeJS.Timeout[] = [];
  private wasDown = false;

  constructor(readonly o: ClusterOptions) {
    // Commands fail after one retry instead of queueing for long: a join must not hang on Redis.
    const options = { keyPrefix: o.keyPrefix, maxRetriesPerRequest: 1, connectTimeout: 1500, retryStrategy: (n: number) => Math.min(200 * n, 1000) };
    this.pub = new Redis(o.redisUrl, options);
    this.presence = new RedisPresence(this.pub);
    const listings = new Redis(o.redisUrl, options);
    listings.on("error", () => undefined); // reported through ready() and the presence's own warnings
    this.driver = new RedisDriver(listings);
    this.publicAddress = o.publicAddress;
    this.sharedSecret = o.sharedSecret ?? createHash("sha256").update(`faultline rooms\n${o.redisUrl}\n${process.env["DATABASE_URL"] ?? ""}`).digest("hex");
    this.pub.on("end", () => (this.wasDown = true));
    this.pub.on("close", () => (this.wasDown = true));
  }

  /** Whether Redis answers: joins and look-ups that open rooms need it. */
  ready(): boolean {
    return this.pub.status === "ready";
  }

  /** Starts the relisting loop and the sweep of due games nobody hosts. */
  start(sweep: () => void): void {
    const relist = setInterval(() => {
      if (!this.ready()) return;
      // After an outage, or a listing swept by another process's health check, put ours back.
      const after = this.wasDown;
      this.wasDown = false;
      matchMaker.restoreMissingRoomCaches().catch(() => (this.wasDown = true));
      // stats.persist returns nothing when it was called recently; force it, since Redis came back empty.
      if (after) Promise.resolve(matchMaker.stats.persist(true)).catch(() => (this.wasDown = true));
    }, this.o.relistMs ?? 2000);
    const due = setInterval(() => {
      if (this.ready()) sweep();
    }, 5000);
    relist.unref();
    due.unref();
    this.timers.push(relist, due);
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /**
   * Where a game's room is: "remote" when another live process hosts it (kept open for the join
   * that follows), "none" when no live process does (its process may have died: its listings are
   * then swept, and the caller opens the room here).
   */
  async hostOf(gameId: string): Promise<"remote" | "none"> {
    if (!this.ready()) throw new ClusterError(COORDINATION_UNAVAILABLE.message);
    const listing = await matchMaker.getRoomById(gameId);
    if (!listing || listing.processId === matchMaker.processId) return "none";
    if (!(await matchMaker.healthCheckProcessId(listing.processId))) return "none";
    matchMaker.remoteRoomCall(gameId, "keepAlive", []).catch(() => undefined);
    return "remote";
  }

  /** Waits until some process lists the game (another one is opening it right now). */
  async waitListed(gameId: string, ms = 10_000): Promise<boolean> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (this.ready() && (await matchMaker.getRoomById(gameId).catch(() => undefined))) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  }
}

/** The cluster configured by REDIS_URL (+ REDIS_PREFIX, FAULTLINE_PUBLIC_ADDRESS), or none. */
export function clusterFromEnv(env: NodeJS.ProcessEnv = process.env): Cluster | undefined {
  const redisUrl = env["REDIS_URL"];
  if (!redisUrl) return undefined;
  return new Cluster({
    redisUrl,
    keyPrefix: env["REDIS_PREFIX"] || undefined,
    publicAddress: env["FAULTLINE_PUBLIC_ADDRESS"] || undefined,
    sharedSecret: env["FAULTLINE_CREATE_SECRET"] || undefined,
  });
}
