import { ConfigError } from '../errors.js';
import { redact } from '../secrets.js';

/**
 * The fetch a vendor client sends its requests through. openapi-fetch only ever passes a
 * `Request`, so the shared HTTP layer's wider `(input, init?) => Promise<Response>` fits.
 */
export type RequestFetch = (request: Request) => Promise<Response>;

/** Problems are named after the setting a user would fix (the environment variable). */
export function blankProblem(setting: string, value: string): string[] {
  return value.trim() === '' ? [`${setting} is empty`] : [];
}

export function httpUrlProblem(setting: string, value: string): string[] {
  if (value.trim() === '') return [`${setting} is empty`];
  const protocol = URL.canParse(value) ? new URL(value).protocol : undefined;
  if (protocol === 'http:' || protocol === 'https:') return [];
  // Echo what was read so the user can spot the typo; like any text a person sees, it goes through redact.
  return [`${setting} is not a valid http(s) URL: ${redact(value)}`];
}

/** Throws one ConfigError naming every problem, so a user fixes them in one go. */
export function throwIfProblems(problems: readonly string[]): void {
  if (problems.length > 0) throw new ConfigError(problems);
}
