// How long resolved turns take to go out on this process, for /health: from the commit of the
// turn to its patch written to every connection, of which the refresh (views and the room-state
// mirror) and the send (encoding and socket writes), over the last turns of every room; how much
// of that the event loop's thread spent ready to run but waiting for a CPU another thread or
// process held (Linux); and the garbage collections since the start. An operator sees from here
// whether a process is overloaded before players do, and whether a slow turn was our work or a
// CPU too few; bench:load prints it next to what its clients measured.
import { readFileSync } from "node:fs";
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
  /**
   * Of the refresh and send, the ms the event loop's thread was ready to run but waited for a CPU
   * (the kernel's run-queue delay, /proc/thread-self/schedstat), and the delivery without that
   * wait: the process's own work. Absent where the kernel does not say (not Linux).
   */
  cpuWait?: { waitMs: Spread; withoutWaitMs: Spread };
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

/**
 * Ns the calling thread has spent ready to run but waiting for a CPU since it started (Linux), or
 * NaN where the kernel does not say. One small read of a /proc file: ~10 us.
 */
export function cpuWaitNs(): number {
  if (!schedstatReadable) return Number.NaN;
  try {
    // "<ns on a CPU> <ns waiting on a run queue> <time slices>"
    return Number(readFileSync("/proc/thread-self/schedstat", "latin1").split(" ")[1]);
  } catch {
    schedstatReadable = false;
    return Number.NaN;
  }
}
let schedstatReadable = process.platform === "linux";

export class TurnTimings {
  private delivery = new Float64Array(KEPT);
  private wait = new Float64Array(KEPT);
  private withoutWait = new Float64Array(KEPT);
  private refresh = new Float64Array(KEPT);
  private send = new Float64Array(KEPT);
  private next = 0;
  private count = 0;
  private gc = watchCollections();

  /**
   * One resolved turn sent: ms from its commit to the end of sending, the two parts, and the ms of
   * them spent waiting for a CPU (NaN where unknown).
   */
  record(deliveryMs: number, refreshMs: number, sendMs: number, cpuWaitMs = Number.NaN): void {
    this.delivery[this.next] = deliveryMs;
    this.refresh[this.next] = refreshMs;
    this.send[this.next] = sendMs;
    const known = Number.isFinite(cpuWaitMs);
    this.wait[this.next] = known ? cpuWaitMs : 0;
    this.withoutWait[this.next] = known ? Math.max(0, deliveryMs - cpuWaitMs) : deliveryMs;
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
      // Only while the kernel answers (it does for every turn or, once it failed, for none).
      ...(n > 0 && schedstatReadable ? { cpuWait: { waitMs: spread(this.wait, n), withoutWaitMs: spread(this.withoutWait, n) } } : {}),
      gc: { young: gc(this.gc.young), full: gc(this.gc.full) },
    };
  }
}
