import { AuthError, ZtoqError } from '../errors.js';
import type { ClassifiedWriteError, WriteFailure } from '../ports/write-failure.js';
import { redact } from '../secrets.js';
import type { ApiOperation } from './operation.js';

export type VendorApi = 'Zephyr' | 'qTest';

/** A vendor API answered an operation with something other than the success the spec promises. */
export class ApiError extends ZtoqError implements ClassifiedWriteError {
  readonly api: VendorApi;
  readonly operation: ApiOperation;
  readonly status: number;
  constructor(api: VendorApi, operation: ApiOperation, status: number, message: string) {
    super(message);
    this.api = api;
    this.operation = operation;
    this.status = status;
  }

  /** A 4xx means nothing was written, except 408 and 429, which may come after the target acted. */
  get writeFailure(): WriteFailure {
    const { status } = this;
    return status >= 400 && status < 500 && status !== 408 && status !== 429 ? 'refused' : 'unknown';
  }
}

/** Vendor messages can be long (stack traces, echoed payloads); a log line or report cell cannot. */
const MAX_VENDOR_MESSAGE_LENGTH = 300;

/**
 * Turns an unsuccessful openapi-fetch result (`response` plus its parsed `error` body) into the
 * error to throw: `AuthError` for 401/403 (the run ends with the auth exit code), `ApiError`
 * otherwise. The message is one line naming the API, method, path template and status, plus
 * the vendor's own message when the body carries one.
 */
export function apiError(
  api: VendorApi,
  operation: ApiOperation,
  response: Response,
  body: unknown,
): ApiError | AuthError {
  const vendorMessage = vendorMessageOf(body);
  const summary = `${api} ${operation.method} ${operation.path} answered HTTP ${response.status}`;
  const message = vendorMessage === undefined ? summary : `${summary}: ${vendorMessage}`;
  if (response.status === 401 || response.status === 403) return new AuthError(api, response.status, message);
  return new ApiError(api, operation, response.status, message);
}

/**
 * Reads the human message out of the error bodies the vendors send: Zephyr `{errorCode, message}`
 * and the AWS gateway in front of it `{message}`, qTest `{message}` or `{errors: [{message}]}`,
 * and the OAuth2 token endpoint's `{error, error_description}` (RFC 6749 §5.2; the qTest spec
 * declares no body for its login errors, so this shape is an assumption). The result is one
 * line with registered secrets redacted, since vendors may echo what they were sent.
 */
export function vendorMessageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { message, errors, error_description: description } = body as Record<string, unknown>;
  const texts = [message, description, ...(Array.isArray(errors) ? errors.map(messageOf) : [])].filter(
    (text): text is string => typeof text === 'string' && text.trim() !== '',
  );
  return texts.length === 0 ? undefined : redactedOneLine(texts.join('; '));
}

function messageOf(entry: unknown): unknown {
  return typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>).message : undefined;
}

function redactedOneLine(text: string): string {
  // Redact before cutting: a secret cut in half would no longer be recognised.
  const flat = redact(text).replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_VENDOR_MESSAGE_LENGTH ? flat : `${flat.slice(0, MAX_VENDOR_MESSAGE_LENGTH)}…`;
}
