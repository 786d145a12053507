/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3) into a wait in milliseconds. Servers send
 * either delta-seconds or an HTTP-date; a date is measured against `nowMs` so tests can pin
 * the clock. Returns `undefined` when the header is absent or unreadable, so the caller falls
 * back to its own backoff instead of trusting garbage.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  // The RFC says integer seconds; some gateways send fractions, which are just as clear.
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // Every HTTP-date form spells out the month; without letters, `Date.parse` would read "-3" as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  // A date already past means "now"; the caller's floor keeps that from becoming a busy loop.
  return Math.max(0, at - nowMs);
}
