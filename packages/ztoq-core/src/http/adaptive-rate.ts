/** What a budget has learned so far; plain data, so it goes into run results as is. */
export interface AdaptiveRateSnapshot {
  /** The budget now, in attempts started per second. */
  currentRps: number;
  /** The highest budget it reached. */
  peakRps: number;
  /** The hand-set ceiling, if any. */
  maxRps: number | null;
  /** Times a 429 cut the budget (several 429s of one burst cut it once). */
  decreases: number;
  /** Whether it is still doubling (no 429 seen yet) rather than creeping up. */
  slowStart: boolean;
  /** Attempts started, and how many of them the budget held back: few held means the workers set the pace. */
  started: number;
  held: number;
}

export interface AdaptiveRateSettings {
  readonly now: () => number;
  /** Ceiling set by hand (`--max-rps`); the budget never goes above it. */
  readonly maxRps?: number;
  /** Where slow start begins. */
  readonly initialRps?: number;
  /** Floor, so a run of 429s cannot stop the api altogether. */
  readonly minRps?: number;
  /** Share of the rate actually accepted that remains after a 429. */
  readonly decreaseFactor?: number;
  /** Requests per second gained per second of saturated use, once slow start is over. */
  readonly increasePerSecond?: number;
}

/** What a caller keeps from `reserve` and hands back with the answer. */
export interface RateTicket {
  /** Milliseconds to wait before starting the attempt. */
  readonly waitMs: number;
  /** The budget's decrease count when the slot was given: a 429 of an attempt sent before a cut does not cut again. */
  readonly generation: number;
}

/**
 * The factor and the increase trade 429s (each costs a `Retry-After` pause) against time spent
 * under the limit; these two reached about 95% of a 40 a second bucket with a burst of 20 in a
 * simulation of it, and are what the `rate-limited` benchmark holds to its target.
 */
const DEFAULTS = {
  initialRps: 20,
  minRps: 1,
  decreaseFactor: 0.85,
  increasePerSecond: 0.5,
} as const;

/** Successes counted this far back measure the rate the api really accepted. */
const DELIVERY_WINDOW_MS = 1_000;

/**
 * A requests-per-second budget for one api that learns the vendor's rate limit, the way TCP
 * learns a link: slow start doubles the budget about every 0.7 s of saturated use, a 429 cuts
 * it to a share of what the api accepted over the last second and ends slow start, and from
 * then on it creeps up by `increasePerSecond` each second so it finds room that opens later.
 *
 * The cut is taken from the accepted rate rather than from the budget: after slow start the
 * budget may be several times the limit, while what a token bucket let through in the second
 * before it ran dry is close to its refill rate. That is why a mild factor (0.85) suffices and
 * the budget spends most of its time just under the limit instead of the sawtooth between
 * half and all of it that halving gives.
 *
 * Only attempts that had to wait for the budget make it grow: when the workers, not the
 * budget, set the pace, a budget that kept growing would be meaningless the day a 429 comes.
 * Attempts are paced evenly (no burst): a token bucket on the vendor's side punishes bursts.
 * The clock is injected and nothing here sleeps, so tests drive it deterministically.
 */
export class AdaptiveRate {
  readonly #now: () => number;
  readonly #maxRps: number;
  readonly #minRps: number;
  readonly #decreaseFactor: number;
  readonly #increasePerSecond: number;
  #rps: number;
  #peakRps: number;
  #slowStart = true;
  #decreases = 0;
  #started = 0;
  #held = 0;
  /** When the next attempt may start. */
  #nextStartAt = Number.NEGATIVE_INFINITY;
  /** Times of recent successes, oldest first. */
  readonly #delivered: number[] = [];

  constructor(settings: AdaptiveRateSettings) {
    this.#now = settings.now;
    this.#maxRps = settings.maxRps ?? Number.POSITIVE_INFINITY;
    if (!(this.#maxRps > 0)) throw new RangeError(`maxRps must be positive, got ${settings.maxRps}`);
    const minRps = settings.minRps ?? DEFAULTS.minRps;
    if (!(minRps > 0)) throw new RangeError(`minRps must be positive, got ${settings.minRps}`);
    this.#minRps = Math.min(minRps, this.#maxRps);
    this.#decreaseFactor = settings.decreaseFactor ?? DEFAULTS.decreaseFactor;
    this.#increasePerSecond = settings.increasePerSecond ?? DEFAULTS.increasePerSecond;
    this.#rps = Math.min(this.#maxRps, Math.max(this.#minRps, settings.initialRps ?? DEFAULTS.initialRps));
    this.#peakRps = this.#rps;
  }

  get rps(): number {
    return this.#rps;
  }

  /**
   * How long the next attempt must wait. One caller at a time: it waits, then calls `started`,
   * and only then may the next caller ask.
   */
  reserve(): RateTicket {
    return { waitMs: Math.max(0, this.#nextStartAt - this.#now()), generation: this.#decreases };
  }

  /**
   * The attempt is being sent now. The next may start one interval after the time this one
   * was allowed to, so the event loop's lag (a busy engine makes pacing timers fire late) does
   * not cost rate; but never sooner than half an interval after this real start, so late
   * starts cannot bunch up: a budget of N never starts more than N in any second. An attempt
   * that was not held arrived after its slot, and the interval counts from when it came.
   */
  started(ticket: RateTicket): void {
    const now = this.#now();
    const interval = 1000 / this.#rps;
    this.#started++;
    if (ticket.waitMs > 0) {
      this.#held++;
      this.#nextStartAt = Math.max(this.#nextStartAt + interval, now + interval / 2);
    } else {
      this.#nextStartAt = now + interval;
    }
  }

  /** An answer other than 429 to an attempt; `waited` says whether the budget held it back. */
  onAccepted(ticket: RateTicket): void {
    const now = this.#now();
    this.#delivered.push(now);
    this.#forgetBefore(now - DELIVERY_WINDOW_MS);
    if (ticket.waitMs <= 0) return;
    // Per success: +1 doubles the budget per second's worth of successes (e^t, so every 0.7 s);
    // +k/rps adds k per second's worth, which is k per second while saturated.
    const gain = this.#slowStart ? 1 : this.#increasePerSecond / this.#rps;
    this.#setRps(this.#rps + gain);
  }

  /** A 429. Cuts the budget once per burst: attempts sent before the last cut were sent too fast for an older budget. */
  onRateLimited(ticket: RateTicket): void {
    if (ticket.generation !== this.#decreases) return;
    this.#forgetBefore(this.#now() - DELIVERY_WINDOW_MS);
    // Few successes in the window (the first request of the day met the limit, or another
    // process spent it) say little about the limit; cut the budget itself then, twice at most.
    const accepted = Math.max(this.#delivered.length, this.#rps * this.#decreaseFactor);
    this.#decreases++;
    this.#slowStart = false;
    this.#setRps(Math.min(this.#rps, accepted) * this.#decreaseFactor);
  }

  snapshot(): AdaptiveRateSnapshot {
    return {
      currentRps: round(this.#rps),
      peakRps: round(this.#peakRps),
      maxRps: Number.isFinite(this.#maxRps) ? this.#maxRps : null,
      decreases: this.#decreases,
      slowStart: this.#slowStart,
      started: this.#started,
      held: this.#held,
    };
  }

  #setRps(rps: number): void {
    this.#rps = Math.min(this.#maxRps, Math.max(this.#minRps, rps));
    this.#peakRps = Math.max(this.#peakRps, this.#rps);
  }

  #forgetBefore(at: number): void {
    let stale = 0;
    while (stale < this.#delivered.length && (this.#delivered[stale] ?? 0) < at) stale++;
    if (stale > 0) this.#delivered.splice(0, stale);
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
