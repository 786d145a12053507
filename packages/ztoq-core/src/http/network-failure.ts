import { ZtoqError } from '../errors.js';
import type { ClassifiedWriteError } from '../ports/write-failure.js';
import { redact as redactWithProcessSecrets } from '../secrets.js';

/** Code recorded when the layer's own per-attempt timeout fired, as distinct from any socket error. */
export const ATTEMPT_TIMEOUT_CODE = 'ATTEMPT_TIMEOUT';

const MAX_CAUSE_DEPTH = 5;

/**
 * The most specific error code behind a failed `fetch`. undici rejects with a bare
 * `TypeError: fetch failed` and puts the socket error (`ECONNRESET`, `UND_ERR_SOCKET`, …) in
 * `cause`, sometimes one level deeper or inside an `AggregateError` when several addresses
 * were tried; walk down until a code turns up. Falls back to the error's name so the result
 * is always something a person can search for.
 */
export function networkFailureCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.length > 0) return code;
    current =
      current instanceof AggregateError && current.errors.length > 0 ? current.errors[0] : current.cause;
  }
  return error instanceof Error ? error.name : 'UNKNOWN';
}

export interface HttpNetworkFailure {
  readonly api: string;
  readonly endpoint: string;
  readonly attempts: number;
  readonly code: string;
}

/**
 * A request that never got an HTTP answer after the attempts the policy allowed. The message
 * names only the api label, endpoint template, attempt count and code: never the URL, a
 * header or a body, so it is safe to print. The original undici error is deliberately not
 * attached as `cause`: its text can quote the request URL, query secrets included.
 */
export class HttpNetworkError extends ZtoqError implements HttpNetworkFailure, ClassifiedWriteError {
  /** No answer: the request may have been acted on. */
  readonly writeFailure = 'unknown';
  readonly api: string;
  readonly endpoint: string;
  readonly attempts: number;
  readonly code: string;

  constructor(failure: HttpNetworkFailure, redact: (text: string) => string = redactWithProcessSecrets) {
    const noun = failure.attempts === 1 ? 'attempt' : 'attempts';
    super(
      redact(
        `${failure.api} ${failure.endpoint}: no HTTP response (${failure.code}) after ${failure.attempts} ${noun}`,
      ),
    );
    this.api = failure.api;
    this.endpoint = failure.endpoint;
    this.attempts = failure.attempts;
    this.code = failure.code;
  }
}
