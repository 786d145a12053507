import { AuthError, ZtoqError } from '../errors.js';
import { HttpNetworkError } from '../http/network-failure.js';
import { ApiError } from './api-error.js';

/**
 * What a failed write means for idempotency, for the engine's creates and an adapter's own
 * settings writes alike:
 * - `refused`: the target answered 4xx, so nothing was written; retrying needs no lookup.
 * - `unknown`: the request may have reached the target (a lost response, a reset, a 5xx after
 *   the write, a 408 or a 429 that outlived the HTTP layer's retries); look before any retry.
 * - `fatal`: nothing should go on (credentials refused, a programming error).
 */
export type WriteFailure = 'refused' | 'unknown' | 'fatal';

export function classifyWriteFailure(error: unknown): WriteFailure {
  if (error instanceof AuthError) return 'fatal';
  if (error instanceof ApiError) {
    const { status } = error;
    return status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'refused' : 'unknown';
  }
  if (error instanceof HttpNetworkError) return 'unknown';
  // A create that answered without an id, or similar: it may exist, so look before retrying.
  if (error instanceof ZtoqError) return 'unknown';
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return 'unknown';
  return 'fatal';
}
