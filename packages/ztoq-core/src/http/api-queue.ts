import PQueue from 'p-queue';
import type { Sleep } from './sleep.js';

export interface ApiQueueSettings {
  readonly concurrency: number;
  /** Optional ceiling on attempts started per second; fractions allowed (0.5 = one every two seconds). */
  readonly requestsPerSecond?: number;
  readonly sleep: Sleep;
  readonly now: () => number;
}

/**
 * Admission control for one api: how many attempts may be in flight, how many may start per
 * second, and a pause that every waiting attempt honours after the api said "too many
 * requests". Each attempt is its own task, so a request sleeping between attempts holds no
 * slot.
 */
export class ApiQueue {
  readonly #queue: PQueue;
  readonly #sleep: Sleep;
  readonly #now: () => number;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  /** Identifies the newest pause, so a shorter earlier pause does not end a longer later one. */
  #pauseGeneration = 0;

  constructor(settings: ApiQueueSettings) {
    this.#sleep = settings.sleep;
    this.#now = settings.now;
    this.#queue = new PQueue({
      concurrency: settings.concurrency,
      ...rateBudget(settings.requestsPerSecond),
    });
  }

  /** Runs `task` when a slot (and budget) is free; higher `priority` goes first. */
  run<T>(task: () => Promise<T>, options: { priority: number; signal: AbortSignal }): Promise<T> {
    return this.#queue.add(task, options);
  }

  /**
   * Stops starting attempts for `ms`. Attempts already in flight finish; a pause that would
   * end sooner than the current one is ignored.
   */
  pauseFor(ms: number): void {
    const until = this.#now() + ms;
    if (until <= this.#pausedUntil) return;
    this.#pausedUntil = until;
    const generation = ++this.#pauseGeneration;
    this.#queue.pause();
    const resume = () => {
      if (generation !== this.#pauseGeneration) return;
      this.#pausedUntil = Number.NEGATIVE_INFINITY;
      this.#queue.start();
    };
    this.#sleep(ms).then(resume, resume);
  }

  onIdle(): Promise<void> {
    return this.#queue.onIdle();
  }
}

/**
 * p-queue options for a request budget. A sliding window (`strict`) rather than fixed windows:
 * with fixed windows a burst at the end of one window and another at the start of the next
 * would send twice the budget within a second, which is exactly what a per-credential rate
 * limit punishes. Fractional budgets become a longer interval with a whole-number cap.
 */
function rateBudget(requestsPerSecond: number | undefined): {
  interval?: number;
  intervalCap?: number;
  strict?: boolean;
} {
  if (requestsPerSecond === undefined) return {};
  const intervalCap = Math.max(1, Math.floor(requestsPerSecond));
  return { intervalCap, interval: (1000 * intervalCap) / requestsPerSecond, strict: true };
}
