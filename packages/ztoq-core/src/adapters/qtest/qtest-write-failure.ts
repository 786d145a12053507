import { ApiError } from '../../api/api-error.js';
import { AuthError } from '../../errors.js';

/**
 * Whether a failed write certainly did not happen. qTest refused it when it answered a 4xx
 * (`ApiError` below 500, or `AuthError` for 401/403): the request was read and turned down.
 * Anything else — a 5xx, a connection that died after sending (`HttpNetworkError`), a
 * timeout, an abort — leaves the write in doubt: qTest may have stored it and lost the answer,
 * so whoever retries must look before creating again (`Target.find`).
 *
 * 429 is below 500 but never reaches here as a doubt: the HTTP layer retries it, and a 429
 * that outlived the retries was still turned away at the door.
 */
export function isRefusedWrite(error: unknown): boolean {
  if (error instanceof AuthError) return true;
  return error instanceof ApiError && error.status < 500;
}
