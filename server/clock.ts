// Wall-clock time for turn deadlines, injectable so tests can move time by hand.
/** What the room needs from time: the current time and a timer at an absolute moment. */
export interface Clock {
  now(): number;
  /** Calls `fn` once at absolute time `at` (ms since the epoch); returns a cancel function. */
  at(at: number, fn: () => void): () => void;
}

// setTimeout overflows above 2^31-1 ms (~24.8 days); longer waits re-arm.
const MAX_DELAY = 2_147_000_000;

/** The real clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  at(at, fn) {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      const delay = at - Date.now();
      if (delay <= 0) {
        timer = setTimeout(fn, 0);
        return;
      }
      timer = setTimeout(delay > MAX_DELAY ? arm : fn, Math.min(delay, MAX_DELAY));
    };
    arm();
    return () => clearTimeout(timer);
  },
};

/** A clock that only moves when a test calls `advance`. */
export class ManualClock implements Clock {
  private timers: { at: number; fn: () => void; seq: number }[] = [];
  private seq = 0;

  constructor(private time = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.time;
  }

  at(at: number, fn: () => void): () => void {
    const timer = { at, fn, seq: this.seq++ };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward and runs every timer that came due, earliest first. */
  advance(ms: number): void {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = Math.max(this.time, due.at);
      due.fn();
    }
    this.time = target;
  }
}
