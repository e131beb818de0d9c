// How long resolved turns take to go out on this process, for /health: from the commit of the
// turn to its patch written to every connection, of which the refresh (views and the room-state
// mirror) and the send (encoding and socket writes), over the last turns of every room; and the
// garbage collections since the start, which is where a slow broadcast often waits. An operator
// sees from here whether a process is overloaded before players do; bench:load prints it next
// to what its clients measured.
import { PerformanceObserver, constants } from "node:perf_hooks";

/** Resolved turns kept for the figures (the last ones of every room on the process). */
const KEPT = 2000;

export interface Spread {
  p50: number;
  p99: number;
  max: number;
}

export interface TurnTimingsSummary {
  /** Resolved turns the figures are taken over. */
  turns: number;
  /** From the turn's commit to its patch written to the sockets, ms. */
  deliveryMs: Spread;
  refreshMs: Spread;
  sendMs: Spread;
  /** Collections since the process started: count, total and longest pause (ms). */
  gc: { young: { count: number; ms: number; maxMs: number }; full: { count: number; ms: number; maxMs: number } };
}

const round = (x: number) => Math.round(x * 100) / 100;
function spread(xs: Float64Array, n: number): Spread {
  if (n === 0) return { p50: 0, p99: 0, max: 0 };
  const s = Array.from(xs.subarray(0, n)).sort((a, b) => a - b);
  return { p50: round(s[Math.floor(n * 0.5)]!), p99: round(s[Math.min(n - 1, Math.floor(n * 0.99))]!), max: round(s[n - 1]!) };
}

type Tally = { count: number; ms: number; maxMs: number };
/** Collections are the process's, whatever servers it runs (tests run several): one observer. */
let gcTally: { young: Tally; full: Tally } | undefined;
function watchCollections(): { young: Tally; full: Tally } {
  if (gcTally) return gcTally;
  const tally = { young: { count: 0, ms: 0, maxMs: 0 }, full: { count: 0, ms: 0, maxMs: 0 } };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const kind = (e as unknown as { detail?: { kind?: number } }).detail?.kind;
      const g = kind === constants.NODE_PERFORMANCE_GC_MINOR ? tally.young : tally.full;
      g.count++;
      g.ms += e.duration;
      g.maxMs = Math.max(g.maxMs, e.duration);
    }
  }).observe({ entryTypes: ["gc"] });
  return (gcTally = tally);
}

export class TurnTimings {
  private delivery = new Float64Array(KEPT);
  private refresh = new Float64Array(KEPT);
  private send = new Float64Array(KEPT);
  private next = 0;
  private count = 0;
  private gc = watchCollections();

  /** One resolved turn sent: ms from its commit to the end of sending, and the two parts. */
  record(deliveryMs: number, refreshMs: number, sendMs: number): void {
    this.delivery[this.next] = deliveryMs;
    this.refresh[this.next] = refreshMs;
    this.send[this.next] = sendMs;
    this.next = (this.next + 1) % KEPT;
    this.count = Math.min(KEPT, this.count + 1);
  }

  summary(): TurnTimingsSummary {
    const n = this.count;
    const gc = (g: Tally) => ({ count: g.count, ms: round(g.ms), maxMs: round(g.maxMs) });
    return {
      turns: n,
      deliveryMs: spread(this.delivery, n),
      refreshMs: spread(this.refresh, n),
      sendMs: spread(this.send, n),
      gc: { young: gc(this.gc.young), full: gc(this.gc.full) },
    };
  }
}
