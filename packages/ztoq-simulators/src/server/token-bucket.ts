/**
 * A per-credential rate limit: `capacity` requests at once, refilled at `refillPerSecond`.
 * Answers how long the caller must wait when the bucket is empty, which becomes the
 * `Retry-After` of the 429.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #refillPerMs: number;
  readonly #now: () => number;
  #tokens: number;
  #updatedAt: number;

  constructor(capacity: number, refillPerSecond: number, now: () => number = Date.now) {
    this.#capacity = capacity;
    this.#refillPerMs = refillPerSecond / 1000;
    this.#now = now;
    this.#tokens = capacity;
    this.#updatedAt = now();
  }

  /** Takes a token; returns 0 when granted, otherwise the milliseconds until one is available. */
  take(): number {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#updatedAt) * this.#refillPerMs);
    this.#updatedAt = now;
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.#tokens) / this.#refillPerMs);
  }
}
