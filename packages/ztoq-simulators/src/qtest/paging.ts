import { SimHttpError } from '../server/simulator-server.js';

/** How one list endpoint pages, as the spec declares it (API-NOTES B.2). */
export interface PagingRule {
  /** `size` on test cases and requirements, `pageSize` elsewhere. */
  readonly sizeParam: 'size' | 'pageSize';
  readonly defaultSize: number;
  /** "up to 999" where the spec states it; undefined where it states no maximum. */
  readonly maxSize?: number;
}

export const TEST_CASE_PAGING: PagingRule = { sizeParam: 'size', defaultSize: 20 };
export const REQUIREMENT_PAGING: PagingRule = { sizeParam: 'size', defaultSize: 20 };
export const PAGE_SIZE_PAGING: PagingRule = { sizeParam: 'pageSize', defaultSize: 100, maxSize: 999 };

export interface PageRequest {
  readonly page: number;
  readonly size: number;
}

/**
 * Reads the 1-based `page` and the page size. A page below 1 is refused rather than read as
 * the first page, so a client counting from 0 is caught; so is a size above the stated maximum,
 * which the spec gives as a limit, not as a value the server lowers.
 */
export function pageRequest(query: URLSearchParams, rule: PagingRule): PageRequest {
  const page = positiveInteger(query, 'page') ?? 1;
  const size = positiveInteger(query, rule.sizeParam) ?? rule.defaultSize;
  if (rule.maxSize !== undefined && size > rule.maxSize) {
    throw new SimHttpError(400, `${rule.sizeParam} must be at most ${rule.maxSize}`);
  }
  return { page, size };
}

export function pageOf<T>(items: readonly T[], request: PageRequest): T[] {
  const start = (request.page - 1) * request.size;
  return items.slice(start, start + request.size);
}

/** The `{page, page_size, total, items}` envelope of test runs, test logs and search. */
export function pagedEnvelope<T>(items: readonly T[], request: PageRequest) {
  return { page: request.page, page_size: request.size, total: items.length, items: pageOf(items, request) };
}

function positiveInteger(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < 1) {
    throw new SimHttpError(400, `${name} must be an integer of at least 1 (pages count from 1)`);
  }
  return Number(raw);
}
