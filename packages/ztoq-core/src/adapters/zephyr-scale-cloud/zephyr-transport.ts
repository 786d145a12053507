import { apiError } from '../../api/api-error.js';
import type { ZephyrClient } from '../../api/zephyr-client.js';
import {
  ZEPHYR_PAGE_SIZE,
  type ZephyrListRequest,
  type ZephyrPage,
  type ZephyrPagedPath,
  type ZephyrPageItem,
} from '../../api/zephyr-paging.js';
import { SourceAnswerInvalid } from '../../errors.js';
import type { components } from '../../generated/zephyr-paths.js';
import type {
  ZephyrIssueLink,
  ZephyrLinks,
  ZephyrTestCaseVersionLink,
  ZephyrTestCycleLinks,
  ZephyrTestExecutionStep,
  ZephyrTestPlan,
  ZephyrTestScript,
  ZephyrTestStep,
} from './zephyr-mapping.js';

type Project = components['schemas']['Project'];

/**
 * The HTTP side of the Zephyr source: one typed client (whose fetch is the shared HTTP layer's,
 * with its retries and rate limits), single pages at any offset for the resumable streams, and
 * the per-item reads a canonical entity needs. Every call takes the caller's abort signal and
 * checks it before sending, so a stopped read makes no further request.
 */
export class ZephyrTransport {
  readonly #client: ZephyrClient;

  constructor(client: ZephyrClient) {
    this.#client = client;
  }

  /**
   * One page of a paged list starting at `startAt`. Unlike `zephyrPages`, which always walks
   * from the start, this lets a stream continue from a checkpoint.
   */
  async page<P extends ZephyrPagedPath>(
    path: P,
    request: ZephyrListRequest<P>,
    startAt: number,
    maxResults: number,
    signal: AbortSignal | undefined,
  ): Promise<ZephyrPage<P>> {
    signal?.throwIfAborted();
    const params = { path: request.path, query: { ...request.query, startAt, maxResults } };
    // openapi-fetch cannot work out request or response types for a path that is still a type
    // parameter; `ZephyrListRequest<P>` has checked what the caller passed and `ZephyrPage<P>`
    // is the declared 200 body, so both are asserted here (as in `zephyrPages`).
    const { data, error, response } = await answerOf(path, () =>
      this.#client.GET(path, { params, signal } as never),
    );
    if (!response.ok || data === undefined)
      throw apiError('Zephyr', { method: 'GET', path }, response, error);
    return checkedPage(path, data as ZephyrPage<P>);
  }

  /**
   * Every item of a paged list, walking by the `maxResults` each page returns (the server may
   * lower what was asked). Used for a single entity's sub-lists (steps, versions, step results),
   * which are read whole or not at all.
   */
  async items<P extends ZephyrPagedPath>(
    path: P,
    request: ZephyrListRequest<P>,
    signal: AbortSignal | undefined,
  ): Promise<ZephyrPageItem<P>[]> {
    const items: ZephyrPageItem<P>[] = [];
    let startAt = 0;
    for (;;) {
      const page = await this.page(path, request, startAt, ZEPHYR_PAGE_SIZE, signal);
      const values = (page.values ?? []) as ZephyrPageItem<P>[];
      items.push(...values);
      const next = nextStartAt(path, startAt, page);
      if (next === undefined) return items;
      startAt = next;
    }
  }

  /** The project, or undefined when Zephyr answers 404 (unknown, or invisible to this token). */
  async project(projectKey: string, signal: AbortSignal | undefined): Promise<Project | undefined> {
    signal?.throwIfAborted();
    const path = '/projects/{projectIdOrKey}';
    const { data, error, response } = await answerOf(path, () =>
      this.#client.GET(path, {
        params: { path: { projectIdOrKey: projectKey } },
        signal,
      }),
    );
    if (response.status === 404) return undefined;
    if (!response.ok || data === undefined)
      throw apiError('Zephyr', { method: 'GET', path }, response, error);
    return data;
  }

  /** A list's size from a one-item page, when the server says (`total` is optional in the spec). */
  async total(
    path: '/testcases' | '/testplans' | '/testcycles' | '/testexecutions',
    projectKey: string,
    signal: AbortSignal | undefined,
  ): Promise<number | undefined> {
    try {
      const page = await this.page(path, { query: { projectKey } }, 0, 1, signal);
      return typeof page.total === 'number' ? page.total : undefined;
    } catch (error) {
      // The count is an estimate only; a broken answer here is reported by the stream that reads the list.
      if (error instanceof SourceAnswerInvalid) return undefined;
      throw error;
    }
  }

  /**
   * The plain or BDD script of a test case, or undefined when it has none. The spec does not
   * say what a case without a script answers; the simulator answers 404, which is read as "none".
   */
  async testScript(
    testCaseKey: string,
    signal: AbortSignal | undefined,
  ): Promise<ZephyrTestScript | undefined> {
    signal?.throwIfAborted();
    const path = '/testcases/{testCaseKey}/testscript';
    const { data, error, response } = await answerOf(path, () =>
      this.#client.GET(path, {
        params: { path: { testCaseKey } },
        signal,
      }),
    );
    if (response.status === 404) return undefined;
    if (!response.ok || data === undefined)
      throw apiError('Zephyr', { method: 'GET', path }, response, error);
    return data;
  }

  /** Steps in order; the spec documents 100 per page whatever is asked, which `items` follows. */
  async testSteps(testCaseKey: string, signal: AbortSignal | undefined): Promise<ZephyrTestStep[]> {
    return this.items('/testcases/{testCaseKey}/teststeps', { path: { testCaseKey } }, signal);
  }

  async testCaseVersions(
    testCaseKey: string,
    signal: AbortSignal | undefined,
  ): Promise<ZephyrTestCaseVersionLink[]> {
    return this.items('/testcases/{testCaseKey}/versions', { path: { testCaseKey } }, signal);
  }

  async testCaseLinks(testCaseKey: string, signal: AbortSignal | undefined): Promise<ZephyrLinks> {
    signal?.throwIfAborted();
    const path = '/testcases/{testCaseKey}/links';
    const { data, error, response } = await answerOf(path, () =>
      this.#client.GET(path, {
        params: { path: { testCaseKey } },
        signal,
      }),
    );
    if (!response.ok || data === undefined)
      throw apiError('Zephyr', { method: 'GET', path }, response, error);
    return data;
  }

  async testCycleLinks(cycleId: number, signal: AbortSignal | undefined): Promise<ZephyrTestCycleLinks> {
    signal?.throwIfAborted();
    const path = '/testcycles/{testCycleIdOrKey}/links';
    const { data, error, response } = await answerOf(path, () =>
      this.#client.GET(path, {
        params: { path: { testCycleIdOrKey: String(cycleId) } },
        signal,
      }),
    );
    if (!response.ok || data === undefined)
      throw apiError('Zephyr', { method: 'GET', path }, response, error);
    return data;
  }

  /** A single plan; the spec has no GET for a plan's links, they come embedded in the plan. */
  async testPlan(planId: number, signal: AbortSignal | undefined): Promise<ZephyrTestPlan> {
    signal?.throwIfAborted();
    const path = '/testplans/{testPlanIdOrKey}';
    const { data, error, response } = await answerOf(path, () =>
      this.#client.GET(path, {
        params: { path: { testPlanIdOrKey: String(planId) } },
        signal,
      }),
    );
    if (!response.ok || data === undefined)
      throw apiError('Zephyr', { method: 'GET', path }, response, error);
    return data;
  }

  async testExecutionIssueLinks(
    executionId: number,
    signal: AbortSignal | undefined,
  ): Promise<ZephyrIssueLink[]> {
    signal?.throwIfAborted();
    const path = '/testexecutions/{testExecutionIdOrKey}/links';
    const { data, error, response } = await answerOf(path, () =>
      this.#client.GET(path, {
        params: { path: { testExecutionIdOrKey: String(executionId) } },
        signal,
      }),
    );
    if (!response.ok || data === undefined)
      throw apiError('Zephyr', { method: 'GET', path }, response, error);
    return data.issues ?? [];
  }

  async testExecutionSteps(
    executionId: number,
    signal: AbortSignal | undefined,
  ): Promise<ZephyrTestExecutionStep[]> {
    return this.items(
      '/testexecutions/{testExecutionIdOrKey}/teststeps',
      { path: { testExecutionIdOrKey: String(executionId) } },
      signal,
    );
  }
}

/**
 * Where the page after this one starts, or undefined when this was the last. As in
 * `zephyrPages`: the walk ends on `isLast: true` or an empty page (`total` and `next` are
 * optional and not trusted), and advances by the `maxResults` the server applied.
 */
export function nextStartAt(
  path: string,
  startAt: number,
  page: { isLast?: boolean; maxResults: number; values?: unknown[] },
): number | undefined {
  if (page.isLast === true || (page.values ?? []).length === 0) return undefined;
  // Advancing by nothing would ask for the same page forever.
  if (!(page.maxResults > 0)) {
    throw new SourceAnswerInvalid(
      `Zephyr GET ${path} answered maxResults=${page.maxResults} at startAt=${startAt}; the next page cannot be located`,
    );
  }
  return startAt + page.maxResults;
}

/**
 * The answer of one GET, with a body that does not parse as JSON reported as the endpoint's
 * broken answer rather than a bare SyntaxError from the JSON parser.
 */
async function answerOf<T>(path: string, get: () => Promise<T>): Promise<T> {
  try {
    return await get();
  } catch (error) {
    if (error instanceof SyntaxError) {
      throw new SourceAnswerInvalid(
        `Zephyr GET ${path} answered a body that is not valid JSON (${error.message})`,
        undefined,
        { cause: error },
      );
    }
    throw error;
  }
}

/** A page as the spec's PagedList requires it: `startAt` and `maxResults` numbers, `values` a list when present. */
function checkedPage<T extends { maxResults: number; startAt: number; values?: unknown[] }>(
  path: string,
  page: T,
): T {
  const problem =
    typeof page !== 'object' || page === null
      ? 'a page that is not an object'
      : typeof page.maxResults !== 'number'
        ? `a page without a numeric "maxResults" (${JSON.stringify(page.maxResults)})`
        : typeof page.startAt !== 'number'
          ? `a page without a numeric "startAt" (${JSON.stringify(page.startAt)})`
          : page.values !== undefined && !Array.isArray(page.values)
            ? `a page whose "values" is not a list (${JSON.stringify(page.values)})`
            : undefined;
  if (problem) throw new SourceAnswerInvalid(`Zephyr GET ${path} answered ${problem}`);
  return page;
}
