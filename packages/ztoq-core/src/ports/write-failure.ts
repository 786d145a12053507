import { AuthError } from '../errors.js';

/**
 * What a failed write means for idempotency: the contract between a target and the engine (and
 * an adapter's own settings writes):
 * - `refused`: the target turned the write down, so nothing was written; retrying needs no lookup.
 * - `unknown`: the write may have landed (a lost answer, a reset, a 5xx after the write, a 408,
 *   a 429 that outlived the retries); the engine looks it up (`Target.find`) before any retry.
 * - `fatal`: nothing should go on (credentials refused, a programming error).
 */
export type WriteFailure = 'refused' | 'unknown' | 'fatal';

const WRITE_FAILURES: readonly string[] = ['refused', 'unknown', 'fatal'] satisfies WriteFailure[];

/** An error that says what it means for a write; the adapters' HTTP errors carry it. */
export interface ClassifiedWriteError {
  readonly writeFailure: WriteFailure;
}

/** For a custom target: throw one to say whether the write surely did not happen. */
export class TargetWriteError extends Error implements ClassifiedWriteError {
  readonly writeFailure: WriteFailure;
  constructor(writeFailure: WriteFailure, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TargetWriteError';
    this.writeFailure = writeFailure;
  }
}

/** Errors that are bugs in code, not answers of a target: they would recur on every entity. */
const PROGRAMMING_ERRORS: readonly (abstract new (...args: never[]) => Error)[] = [
  TypeError,
  ReferenceError,
  RangeError,
  SyntaxError,
];

/**
 * Reads the contract off an error. One that declares `writeFailure` is taken at its word; a
 * plain `Error` from a target (no declaration) may have written something, so it is `unknown`:
 * recorded for that entity, looked up before it is sent again, and the run goes on.
 */
export function classifyWriteFailure(error: unknown): WriteFailure {
  if (error instanceof AuthError) return 'fatal';
  const declared =
    typeof error === 'object' && error !== null
      ? (error as { writeFailure?: unknown }).writeFailure
      : undefined;
  if (typeof declared === 'string' && WRITE_FAILURES.includes(declared)) return declared as WriteFailure;
  if (!(error instanceof Error)) return 'fatal';
  if (error.name === 'AbortError' || error.name === 'TimeoutError') return 'unknown';
  if (PROGRAMMING_ERRORS.some((kind) => error instanceof kind)) return 'fatal';
  return 'unknown';
}
