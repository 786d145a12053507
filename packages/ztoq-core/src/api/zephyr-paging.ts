import { SourceAnswerInvalid } from '../errors.js';
import type { components } from '../generated/zephyr-paths.js';
import { apiError } from './api-error.js';
import type { ZephyrClient, ZephyrPaths } from './zephyr-client.js';

type PagedList = components['schemas']['PagedList'];

/** The GET paths whose success body is Zephyr's offset-paged envelope (`PagedList`). */
export type ZephyrPagedPath = {
  [P in keyof ZephyrPaths]: ZephyrPaths[P] extends {
    get: { responses: { 200: { content: { 'application/json': PagedList } } } };
  }
    ? P
    : never;
}[keyof ZephyrPaths];

type ListOperation<P extends ZephyrPagedPath> = ZephyrPaths[P]['get'];

/** One page of a paged list as the spec declares it, e.g. `TestCaseList`. */
export type ZephyrPage<P extends ZephyrPagedPath> =
  ListOperation<P>['responses'][200]['content']['application/json'];

export type ZephyrPageItem<P extends ZephyrPagedPath> = NonNullable<ZephyrPage<P>['values']>[number];

/** `undefined` when the path has no parameters of its own (e.g. `/testcases`). */
type PathParams<P extends ZephyrPagedPath> = ListOperation<P>['parameters']['path'];

/** What a caller chooses; `startAt` and `maxResults` belong to the walk. */
export type ZephyrListRequest<P extends ZephyrPagedPath> = {
  query?: Omit<NonNullable<ListOperation<P>['parameters']['query']>, 'startAt' | 'maxResults'>;
  /** The `maxResults` asked for; the server may answer with fewer per page. */
  pageSize?: number;
} & (undefined extends PathParams<P> ? { path?: never } : { path: NonNullable<PathParams<P>> });

/** The request may be left out only when the path has no path parameters to fill. */
type ListRequestArgs<P extends ZephyrPagedPath> =
  undefined extends PathParams<P> ? [request?: ZephyrListRequest<P>] : [request: ZephyrListRequest<P>];

/** The engine asks for large pages to keep the request count down; Zephyr's own default is 10. */
export const ZEPHYR_PAGE_SIZE = 1000;

/**
 * Walks a paged Zephyr list from `startAt=0`, yielding each page as the server sent it.
 *
 * The server may lower `maxResults` below what was asked, so the next page starts at
 * `startAt + response.maxResults`. The walk ends when a page says `isLast: true` or comes back
 * empty; `total` and `next` are optional in the spec and not trusted.
 */
export async function* zephyrPages<P extends ZephyrPagedPath>(
  client: ZephyrClient,
  path: P,
  ...[request]: ListRequestArgs<P>
): AsyncGenerator<ZephyrPage<P>, void, undefined> {
  const operation = { method: 'GET', path };
  const maxResults = request?.pageSize ?? ZEPHYR_PAGE_SIZE;
  let startAt = 0;
  for (;;) {
    const params = { path: request?.path, query: { ...request?.query, startAt, maxResults } };
    // openapi-fetch cannot work out request or response types for a path that is still a type
    // parameter; `ZephyrListRequest<P>` has checked what the caller passed and `ZephyrPage<P>`
    // is the declared 200 body, so both are asserted here.
    const { data, error, response } = await client.GET(path, { params } as never);
    if (!response.ok || data === undefined) throw apiError('Zephyr', operation, response, error);
    const page = data as ZephyrPage<P>;
    yield page;
    if (page.isLast === true || (page.values ?? []).length === 0) return;
    // Advancing by nothing would ask for the same page forever.
    if (!(page.maxResults > 0)) {
      throw new SourceAnswerInvalid(
        `Zephyr GET ${path} answered maxResults=${page.maxResults} at startAt=${startAt}; the next page cannot be located`,
      );
    }
    startAt += page.maxResults;
  }
}

/** The items of every page of a paged Zephyr list, in order. */
export async function* zephyrItems<P extends ZephyrPagedPath>(
  client: ZephyrClient,
  path: P,
  ...args: ListRequestArgs<P>
): AsyncGenerator<ZephyrPageItem<P>, void, undefined> {
  for await (const page of zephyrPages(client, path, ...args)) yield* page.values ?? [];
}
