// How much one address, one connection and one seat may ask of the server. The defaults suit a
// class behind one school NAT (30 people on one address, all reconnecting after a restart) while
// keeping a single abusive client from slowing anyone else down. Every number can be changed with
// an environment variable (FAULTLINE_LIMIT_<NAME>, e.g. FAULTLINE_LIMIT_CREATE_PER_HOUR=100).

export interface Limits {
  /** Games one address may create per hour (POST /api/games), and per minute (a burst). */
  createPerHour: number;
  createPerMinute: number;
  /** Failed look-ups of a join code or game id per address per 15 minutes (404s: guessing). */
  lookupFailuresPer15Min: number;
  /** Requests to /api/* per address per minute. */
  apiPerMinute: number;
  /** Matchmaking requests (/matchmake/*: seat reservations) per address per minute. */
  matchmakePerMinute: number;
  /** WebSocket upgrades per address per minute. */
  upgradesPerMinute: number;
  /** Open WebSocket connections per address. */
  connectionsPerAddress: number;
  /** Seat reservations made without a credential (claims, observers) not yet used, per address. */
  pendingReservationsPerAddress: number;
  /** Connections without a seat (observers) per game. */
  observersPerGame: number;
  /** Chat messages per seat: burst, then per second; the budget survives reconnecting. */
  chatBurst: number;
  chatPerSecond: number;
  /** Other game messages (orders, locks, proposals, …) per seat: burst, then per second. */
  actBurst: number;
  actPerSecond: number;
  /** Large requests (scenario, reports, debrief, chat pages) per connection: burst, then per second. */
  heavyBurst: number;
  heavyPerSecond: number;
  /** The same, per address (all its connections together). */
  heavyAddressBurst: number;
  heavyAddressPerSecond: number;
  /** A credential cut off for flooding (4002) may not rejoin for this long. */
  floodPenaltySeconds: number;
  /** Chat messages sent on (re)join; older ones come in pages of this size on request. */
  chatPage: number;
  /** Chat messages a game keeps accepting; beyond this, chat/full. */
  chatPerGame: number;
  /** A game's room closes this long after its last connection left (it reopens on demand). */
  idleRoomSeconds: number;
  /** A room opened by a look-up closes this long after opening if nobody joins. */
  unjoinedRoomSeconds: number;
  /**
   * After a room opens from the store (a restart), seats whose people have not come back yet
   * count as present this long, so the first player back does not resolve the turn alone.
   */
  restoreGraceSeconds: number;
  /**
   * A seat claim whose holder never confirmed getting the credential (the server died, or the
   * connection was lost, before the welcome arrived) and who is not connected holds the seat
   * this long; after that, a new claim of the seat releases it. Longer than a reconnection after
   * a process dies takes (28 s with 1,500 players, docs/deploy.md).
   */
  undeliveredClaimSeconds: number;
}

export const DEFAULT_LIMITS: Limits = {
  createPerHour: 30,
  createPerMinute: 5,
  lookupFailuresPer15Min: 30,
  apiPerMinute: 600,
  matchmakePerMinute: 600,
  upgradesPerMinute: 600,
  connectionsPerAddress: 200,
  pendingReservationsPerAddress: 40,
  observersPerGame: 100,
  chatBurst: 20,
  chatPerSecond: 2,
  actBurst: 60,
  actPerSecond: 10,
  heavyBurst: 10,
  heavyPerSecond: 0.5,
  heavyAddressBurst: 40,
  heavyAddressPerSecond: 2,
  floodPenaltySeconds: 10,
  chatPage: 100,
  chatPerGame: 20_000,
  idleRoomSeconds: 600,
  unjoinedRoomSeconds: 120,
  restoreGraceSeconds: 30,
  undeliveredClaimSeconds: 120,
};

const envName = (key: string) => `FAULTLINE_LIMIT_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;

/** The defaults with FAULTLINE_LIMIT_* overrides from `env` (non-numbers are ignored with a warning). */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env, log: (m: string) => void = console.warn): Limits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(out) as (keyof Limits)[]) {
    const raw = env[envName(key)];
    if (raw === undefined) continue;
    const n = Number(raw);
    if (Number.isFinite(n) && n >= 0) out[key] = n;
    else log(`ignoring ${envName(key)}=${raw}: not a number`);
  }
  return out;
}

/**
 * Token buckets by key: each key holds up to `burst` tokens and gains `perSecond` back. Buckets
 * that are full again are forgotten, so memory follows active keys only.
 */
export class Budgets {
  private buckets = new Map<string, { tokens: number; at: number }>();
  private sweepAt = 0;

  constructor(
    private burst: number,
    private perSecond: number,
    private now: () => number = Date.now,
  ) {}

  /** Takes one token for `key`; false when the budget is spent. */
  take(key: string): boolean {
    const now = this.now();
    this.sweep(now);
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return false;
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    return true;
  }

  private sweep(now: number): void {
    if (now < this.sweepAt) return;
    this.sweepAt = now + 60_000;
    const full = this.perSecond > 0 ? (this.burst / this.perSecond) * 1000 : Infinity;
    for (const [k, b] of this.buckets) if (now - b.at > full) this.buckets.delete(k);
  }
}

/** Counts things per key (open connections, pending reservations) with a cap. */
export class Counter {
  private counts = new Map<string, number>();

  constructor(private cap: number) {}

  /** Adds one for `key` unless the cap is reached. */
  tryAdd(key: string): boolean {
    const n = this.counts.get(key) ?? 0;
    if (n >= this.cap) return false;
    this.counts.set(key, n + 1);
    return true;
  }

  remove(key: string): void {
    const n = (this.counts.get(key) ?? 0) - 1;
    if (n <= 0) this.counts.delete(key);
    else this.counts.set(key, n);
  }

  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}
