import { SeededRandom } from './seeded-random.js';
import { TokenBucket } from './token-bucket.js';

/** Misbehaviour a simulator can be told to show, all of it seeded and so repeatable. */
export interface FaultSettings {
  /** Seed for every random decision below. */
  seed?: number;
  /** Added to every answer: a fixed number of milliseconds, or uniform in [min, max]. */
  latencyMs?: number | { min: number; max: number };
  /** Per credential: `capacity` requests in a burst, refilled at `refillPerSecond`; beyond that 429 with Retry-After. */
  rateLimit?: { capacity: number; refillPerSecond: number };
  /**
   * Share of requests answered 429 with `Retry-After: 1`, whatever the request rate. The token
   * bucket above depends on how fast the client is, so on a slow (or busy) machine it may never
   * trigger; this does, seeded, so a test of throttling is repeatable anywhere.
   */
  rateLimitedRatio?: number;
  /** Share of requests answered 500, 502 or 503 (chosen evenly) without being processed. */
  serverErrorRatio?: number;
  /** Share of requests whose connection is dropped before any processing. */
  dropConnectionRatio?: number;
  /**
   * Share of writes (POST, PUT, PATCH, DELETE) that are carried out but whose answer is lost:
   * the connection closes after the change is stored. This is what makes naive tools duplicate.
   */
  lostResponseRatio?: number;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'rate-limited'; retryAfterSeconds: number }
  | { kind: 'server-error'; status: 500 | 502 | 503 }
  | { kind: 'drop-connection' }
  | { kind: 'lose-response' };

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SERVER_ERRORS = [500, 502, 503] as const;

/** How many of each fault were injected, so a test can show its faults really happened. */
export type FaultCounts = Record<Exclude<FaultDecision['kind'], 'none'>, number>;

export class FaultInjector {
  readonly #counts: FaultCounts = {
    'rate-limited': 0,
    'server-error': 0,
    'drop-connection': 0,
    'lose-response': 0,
  };
  readonly #settings: FaultSettings;
  readonly #random: SeededRandom;
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #now: () => number;

  constructor(settings: FaultSettings = {}, now: () => number = Date.now) {
    this.#settings = settings;
    this.#random = new SeededRandom(settings.seed ?? 1);
    this.#now = now;
  }

  latencyMs(): number {
    const latency = this.#settings.latencyMs;
    if (latency === undefined) return 0;
    if (typeof latency === 'number') return latency;
    return latency.min + this.#random.next() * (latency.max - latency.min);
  }

  counts(): FaultCounts {
    return { ...this.#counts };
  }

  /** Decides what happens to one request; rate limiting is checked first, as a gateway would. */
  decide(method: string, credential: string | undefined): FaultDecision {
    const decision = this.#decide(method, credential);
    if (decision.kind !== 'none') this.#counts[decision.kind] += 1;
    return decision;
  }

  #decide(method: string, credential: string | undefined): FaultDecision {
    const {
      rateLimit,
      serverErrorRatio = 0,
      dropConnectionRatio = 0,
      lostResponseRatio = 0,
      rateLimitedRatio = 0,
    } = this.#settings;
    if (rateLimit) {
      const key = credential ?? '(anonymous)';
      let bucket = this.#buckets.get(key);
      if (!bucket) {
        bucket = new TokenBucket(rateLimit.capacity, rateLimit.refillPerSecond, this.#now);
        this.#buckets.set(key, bucket);
      }
      const waitMs = bucket.take();
      if (waitMs > 0)
        return { kind: 'rate-limited', retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    // Drawn only when asked for, so settings without it keep their seeded sequence of faults.
    if (rateLimitedRatio > 0 && this.#random.chance(rateLimitedRatio)) {
      return { kind: 'rate-limited', retryAfterSeconds: 1 };
    }
    if (this.#random.chance(dropConnectionRatio)) return { kind: 'drop-connection' };
    if (this.#random.chance(serverErrorRatio)) {
      return {
        kind: 'server-error',
        status: SERVER_ERRORS[this.#random.int(0, SERVER_ERRORS.length - 1)] ?? 503,
      };
    }
    if (WRITE_METHODS.has(method) && this.#random.chance(lostResponseRatio)) return { kind: 'lose-response' };
    return { kind: 'none' };
  }
}
