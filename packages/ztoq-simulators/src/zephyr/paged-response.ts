import type { SimRequest } from '../server/simulator-server.js';
import { offsetPage } from './offset-page.js';
import { badRequest } from './zephyr-errors.js';

/** Zephyr documents `GET /testcases/{key}/teststeps` as "a paged response, with 100 items per page". */
export const TEST_STEPS_PAGE_LIMIT = 100;

/**
 * One page of a list endpoint, with each item on the page turned into its response shape.
 * Lists are handed in as positions or small facts, so only the items of the page requested are
 * ever built, whatever the size of the data set.
 */
export function pageOf<T, V>(
  items: readonly T[],
  request: SimRequest,
  maxResultsCap: number,
  toValue: (item: T) => V,
): { startAt: number; maxResults: number; total?: number; isLast?: boolean; next?: string; values: V[] } {
  const result = offsetPage(items, request.query, { maxResultsCap, requestUrl: request.url });
  if (!result.ok) throw badRequest(result.error.message);
  return { ...result.page, values: result.page.values.map(toValue) };
}
