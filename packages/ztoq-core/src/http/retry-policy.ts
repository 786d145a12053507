import { ATTEMPT_TIMEOUT_CODE } from './network-failure.js';

/** What one attempt came back with, as far as retrying is concerned. */
export type AttemptOutcome =
  | { readonly kind: 'response'; readonly status: number }
  | { readonly kind: 'network'; readonly code: string };

export interface BackoffSettings {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly retryAfterFloorMs: number;
  readonly retryAfterCapMs: number;
}

/** Statuses that mean "busy or briefly broken, ask again later" rather than "your request is wrong". */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/** Socket-level failures worth another try: the server or a proxy went away mid-conversation. */
const RETRYABLE_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  ATTEMPT_TIMEOUT_CODE,
]);

/**
 * Failures that happen before a connection exists, so not one byte of the request reached
 * the server. Only these (and a 429) make re-sending a POST safe without asking the engine.
 */
const NOT_SENT_NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EAI_AGAIN',
]);

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);

/** RFC 9110 idempotency by method alone. Read-only POSTs (searches, token requests) are the caller's to add. */
export function isIdempotentMethod(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * Whether an attempt may be repeated. An idempotent request is retried on any transient
 * failure. A non-idempotent one only when the server certainly did not act on it: a 429
 * (rejected at the door) or a connection that was never made. A POST that met a 502, 503,
 * 504, reset or timeout may have created its object already, so it goes back to the engine,
 * which looks before it re-creates.
 */
export function isRetryable(outcome: AttemptOutcome, idempotent: boolean): boolean {
  if (outcome.kind === 'response') {
    // A 500 is as often a passing fault of the server as a bug; repeating a read costs nothing.
    if (outcome.status === 500) return idempotent;
    if (!RETRYABLE_STATUSES.has(outcome.status)) return false;
    return idempotent || outcome.status === 429;
  }
  if (!RETRYABLE_NETWORK_CODES.has(outcome.code)) return false;
  return idempotent || NOT_SENT_NETWORK_CODES.has(outcome.code);
}

/**
 * Delay before retry number `retry` (1 for the first retry) when the server gave no hint.
 * Exponential growth capped at `maxDelayMs`, then "full jitter": a uniform pick in
 * [0, ceiling]. Full jitter spreads the several workers that failed together (concurrency
 * 8, possibly several processes on one credential) across the whole window, so they do not
 * come back as a synchronised burst; it also needs no memory of the previous delay, which
 * keeps this function pure and each request's retries independent.
 */
export function backoffDelayMs(retry: number, settings: BackoffSettings, random: () => number): number {
  const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling * Math.min(1, Math.max(0, random())));
}

/**
 * Delay before retry number `retry`. A server's `Retry-After` wins over our own guess, but is
 * clamped: the floor stops "Retry-After: 0" from turning into a tight loop, the cap stops a
 * misconfigured gateway from parking the migration for an hour.
 */
export function retryDelayMs(
  retry: number,
  retryAfterMs: number | undefined,
  settings: BackoffSettings,
  random: () => number,
): number {
  if (retryAfterMs === undefined) return backoffDelayMs(retry, settings, random);
  return Math.min(settings.retryAfterCapMs, Math.max(settings.retryAfterFloorMs, retryAfterMs));
}
