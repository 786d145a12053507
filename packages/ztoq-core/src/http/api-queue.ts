import PQueue from 'p-queue';
import { AdaptiveRate, type AdaptiveRateSnapshot, type RateTicket } from './adaptive-rate.js';
import { type Sleep, timerSleep, unlessAborted } from './sleep.js';

export interface ApiQueueSettings {
  readonly concurrency: number;
  /** Hand-set ceiling on attempts started per second; fractions allowed (0.5 = one every two seconds). */
  readonly maxRps?: number;
  /** Floor of the learned budget; see `HttpLayerOptions.minRps`. */
  readonly minRps?: number;
  readonly sleep: Sleep;
  readonly now: () => number;
}

/**
 * Admission control for one api: how many attempts may be in flight, a requests-per-second
 * budget learned from the api's 429s, and a pause that every waiting attempt honours after
 * the api said "too many requests". Each attempt is its own task, so a request sleeping
 * between attempts holds no slot.
 */
export class ApiQueue {
  readonly #queue: PQueue;
  readonly #rate: AdaptiveRate;
  readonly #sleep: Sleep;
  readonly #now: () => number;
  #pausedUntil = Number.NEGATIVE_INFINITY;
  /** Identifies the newest pause, so a shorter earlier pause does not end a longer later one. */
  #pauseGeneration = 0;
  /** Settles when the current pause ends; attempts that were already past the queue wait on it. */
  #resumed: Promise<void> = Promise.resolve();
  #resume: () => void = () => {};
  /** Attempts take their start from the budget one at a time, in the order the queue released them. */
  #admissions: Promise<unknown> = Promise.resolve();

  constructor(settings: ApiQueueSettings) {
    this.#sleep = settings.sleep;
    this.#now = settings.now;
    this.#queue = new PQueue({ concurrency: settings.concurrency });
    this.#rate = new AdaptiveRate({
      now: settings.now,
      ...(settings.maxRps === undefined ? {} : { maxRps: settings.maxRps }),
      ...(settings.minRps === undefined ? {} : { minRps: settings.minRps }),
    });
  }

  /**
   * Runs `task` when a slot and a start in the budget are free; higher `priority` gets the slot
   * first. The task gets the ticket to hand back with the answer (`accepted`, `rateLimited`).
   */
  run<T>(
    task: (ticket: RateTicket) => Promise<T>,
    options: { priority: number; signal: AbortSignal },
  ): Promise<T> {
    return this.#queue.add(async () => {
      const admitted = this.#admissions.then(() => this.#admit(options.signal));
      this.#admissions = admitted.catch(() => {});
      return task(await admitted);
    }, options);
  }

  /** The api answered an attempt (anything but 429 or a server error): the budget may grow. */
  accepted(ticket: RateTicket): void {
    this.#rate.onAccepted(ticket);
  }

  /** The api answered 429: the budget shrinks. */
  rateLimited(ticket: RateTicket): void {
    this.#rate.onRateLimited(ticket);
  }

  rate(): AdaptiveRateSnapshot {
    return this.#rate.snapshot();
  }

  /**
   * Stops starting attempts for `ms`. Attempts already in flight finish; a pause that would
   * end sooner than the current one is ignored.
   */
  pauseFor(ms: number): void {
    const until = this.#now() + ms;
    if (until <= this.#pausedUntil) return;
    if (!this.#queue.isPaused) {
      this.#resumed = new Promise((resolve) => {
        this.#resume = resolve;
      });
    }
    this.#pausedUntil = until;
    const generation = ++this.#pauseGeneration;
    this.#queue.pause();
    const resume = () => {
      if (generation !== this.#pauseGeneration) return;
      this.#pausedUntil = Number.NEGATIVE_INFINITY;
      this.#queue.start();
      this.#resume();
    };
    this.#sleep(ms).then(resume, resume);
  }

  onIdle(): Promise<void> {
    return this.#queue.onIdle();
  }

  /**
   * Waits for this attempt's start in the budget. The pacing waits use real timers, not the
   * injected sleep: they are short and many, and the injected sleep is for the waits a test
   * wants to see (backoff, pauses). A pause that began while the attempt waited holds it too,
   * since the queue's own pause only stops attempts that have not left it yet.
   */
  async #admit(signal: AbortSignal): Promise<RateTicket> {
    for (;;) {
      signal.throwIfAborted();
      const ticket = this.#rate.reserve();
      if (ticket.waitMs > 0) await timerSleep(ticket.waitMs, signal);
      if (!this.#queue.isPaused) {
        this.#rate.started(ticket);
        return ticket;
      }
      await unlessAborted(this.#resumed, signal);
    }
  }
}
