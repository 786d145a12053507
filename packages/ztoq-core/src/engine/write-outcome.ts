import { ApiError } from '../api/api-error.js';
import { AuthError, ZtoqError } from '../errors.js';
import { HttpNetworkError } from '../http/network-failure.js';

/**
 * What a failed create means for idempotency:
 * - `refused`: the target answered 4xx, so nothing was created; retrying needs no lookup.
 * - `unknown`: the request may have reached the target (a lost response, a reset, a 5xx after
 *   the write); the entity stays `pending` and is looked up by its marker before any retry.
 * - `fatal`: the run cannot go on (credentials refused, a programming error).
 */
export type WriteFailure = 'refused' | 'unknown' | 'fatal';

export function classifyWriteFailure(error: unknown): WriteFailure {
  if (error instanceof AuthError) return 'fatal';
  if (error instanceof ApiError) {
    const status = error.status;
    if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
      return 'refused';
    }
    return 'unknown';
  }
  if (error instanceof HttpNetworkError) return 'unknown';
  // A create that answered without an id, or similar: it may exist, so look before retrying.
  if (error instanceof ZtoqError) return 'unknown';
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError'))
    return 'unknown';
  return 'fatal';
}

export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
