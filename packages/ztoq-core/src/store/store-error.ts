import { ExitCode, StoreError, ZtoqError } from '../errors.js';
import { redact } from '../secrets.js';

/** Network failures name what happened in the user's words rather than as a Node error code. */
const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  if ('code' in error && typeof error.code === 'string') return error.code;
  // Node reports a refused connection to a name with several addresses as an AggregateError.
  if (error instanceof AggregateError) return errorCode(error.errors[0]);
  return undefined;
}

/** Whether the error says the server could not be reached at all (as opposed to refusing us). */
export function isNetworkFailure(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && code in NETWORK_REASONS;
}

/** One redacted line saying why an operation failed, fit for a terminal and a log file. */
export function describeFailure(error: unknown): string {
  const code = errorCode(error);
  const networkReason = code === undefined ? undefined : NETWORK_REASONS[code];
  if (networkReason) return networkReason;
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line !== '');
  const line = redact(firstLine ?? (error instanceof Error ? error.name : 'unknown error'));
  // PostgreSQL (and PGlite) say ENOSPC in the operating system's words; say what to do about it.
  return /no space left on device/i.test(line)
    ? `${line} (the disk holding the store is full: free space there, then run again)`
    : line;
}

/** Wraps a driver error in a `StoreError`; errors that are already ours pass through unchanged. */
export function toStoreError(context: string, error: unknown): ZtoqError {
  if (error instanceof ZtoqError) return error;
  return new StoreError(`${context}: ${describeFailure(error)}`, ExitCode.failed, { cause: error });
}
