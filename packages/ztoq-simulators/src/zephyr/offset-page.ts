import type { zephyrApi } from '@ztoq/core';

type PagedList = zephyrApi.components['schemas']['PagedList'];
type ZephyrError = zephyrApi.components['schemas']['Error'];

export interface OffsetPageOptions {
  /**
   * The most items the server returns per page whatever the client asks for. The spec allows
   * the server to lower `maxResults` and says clients must read it back from the response;
   * a cap below the client's request is how tests catch clients that do not.
   */
  maxResultsCap: number;
  /** URL of the request, used to build `next` (the spec's optional link to the following page). */
  requestUrl: URL;
}

/** The spec's defaults: `startAt` 0 and `maxResults` 10. */
const DEFAULT_START_AT = 0;
const DEFAULT_MAX_RESULTS = 10;

export type OffsetPageResult<T> =
  | { ok: true; page: PagedList & { values: T[] } }
  | { ok: false; status: 400; error: ZephyrError };

/**
 * One page of a Zephyr v2 list endpoint, as the spec's `PagedList` describes it: zero-based
 * `startAt`, `maxResults` as actually applied (after the cap), `total`, `isLast` and `values`.
 */
export function offsetPage<T>(
  items: readonly T[],
  query: URLSearchParams,
  options: OffsetPageOptions,
): OffsetPageResult<T> {
  const startAt = integerParam(query, 'startAt', DEFAULT_START_AT, 0);
  if (typeof startAt === 'string') return badRequest(startAt);
  const requested = integerParam(query, 'maxResults', DEFAULT_MAX_RESULTS, 1);
  if (typeof requested === 'string') return badRequest(requested);

  const maxResults = Math.min(requested, options.maxResultsCap);
  const values = items.slice(startAt, startAt + maxResults);
  const isLast = startAt + maxResults >= items.length;
  const page: PagedList & { values: T[] } = { startAt, maxResults, total: items.length, isLast, values };
  if (!isLast) {
    const next = new URL(options.requestUrl);
    next.searchParams.set('startAt', String(startAt + maxResults));
    next.searchParams.set('maxResults', String(maxResults));
    page.next = next.toString();
  }
  return { ok: true, page };
}

function integerParam(
  query: URLSearchParams,
  name: string,
  fallback: number,
  minimum: number,
): number | string {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < minimum) {
    return `${name} must be an integer greater than or equal to ${minimum}`;
  }
  return Number(raw);
}

function badRequest(message: string): OffsetPageResult<never> {
  return { ok: false, status: 400, error: { errorCode: 400, message } };
}
