import { describe, expect, expectTypeOf, it } from 'vitest';
import { ApiError } from '../../src/api/api-error.js';
import { createZephyrClient } from '../../src/api/zephyr-client.js';
import { type ZephyrPagedPath, zephyrItems, zephyrPages } from '../../src/api/zephyr-paging.js';
import { ZtoqError } from '../../src/errors.js';
import type { components } from '../../src/generated/zephyr-paths.js';
import {
  pathOf,
  queryOf,
  type RecordedRequest,
  type Reply,
  startRecordingServer,
} from './recording-server.js';

interface Project {
  id: number;
  jiraProjectId: number;
  key: string;
  enabled: boolean;
}

const project = (id: number): Project => ({ id, jiraProjectId: 1000 + id, key: `P${id}`, enabled: true });

/**
 * Serves `slots` as Zephyr does: at most `cap` slots per page whatever was asked, reporting the
 * cap as `maxResults`. A `null` slot is an item the caller may not see: it takes its place in
 * the paging but is left out of `values`, so a page can hold fewer values than `maxResults`.
 */
function pagedList(slots: readonly (Project | null)[], cap: number, flags: { isLast: boolean }) {
  return (request: RecordedRequest): Reply => {
    const startAt = Number(queryOf(request).get('startAt'));
    const maxResults = Math.min(Number(queryOf(request).get('maxResults')), cap);
    const values = slots.slice(startAt, startAt + maxResults).filter((slot) => slot !== null);
    const isLast = flags.isLast ? startAt + maxResults >= slots.length : undefined;
    return { status: 200, json: { startAt, maxResults, total: slots.length, isLast, values } };
  };
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function zephyrServer(reply: (request: RecordedRequest) => Reply) {
  const server = await startRecordingServer(reply);
  const client = createZephyrClient({ baseUrl: `${server.origin}/v2`, token: 'zephyr-paging-token' });
  const startAts = () => server.requests.map((request) => Number(queryOf(request).get('startAt')));
  return { server, client, startAts };
}

describe('zephyrPages / zephyrItems', () => {
  it('asks for 1000 per page and follows a server that lowers maxResults to 3', async () => {
    const projects = Array.from({ length: 10 }, (_, index) => project(index + 1));
    const { server, client, startAts } = await zephyrServer(pagedList(projects, 3, { isLast: true }));

    const items = await collect(zephyrItems(client, '/projects'));

    expect(items).toEqual(projects);
    expect(startAts()).toEqual([0, 3, 6, 9]);
    expect(server.requests.map((request) => queryOf(request).get('maxResults'))).toEqual([
      '1000',
      '1000',
      '1000',
      '1000',
    ]);
    expect(
      server.requests.every((request) => request.headers.authorization === 'Bearer zephyr-paging-token'),
    ).toBe(true);
  });

  it('advances by the returned maxResults, not by how many values a page held', async () => {
    const slots = [project(1), null, project(3), project(4), null, null, project(7)];
    const { client, startAts } = await zephyrServer(pagedList(slots, 3, { isLast: true }));

    const items = await collect(zephyrItems(client, '/projects'));

    expect(items.map((item) => item.id)).toEqual([1, 3, 4, 7]);
    expect(startAts()).toEqual([0, 3, 6]);
  });

  it('stops at the page marked isLast even though it is full', async () => {
    const { server, client } = await zephyrServer((request) =>
      server.requests.length <= 2
        ? {
            status: 200,
            json: {
              startAt: Number(queryOf(request).get('startAt')),
              maxResults: 2,
              isLast: server.requests.length === 2,
              values: [project(server.requests.length * 2 - 1), project(server.requests.length * 2)],
            },
          }
        : { status: 500, json: { errorCode: 500, message: 'asked past the last page' } },
    );

    const items = await collect(zephyrItems(client, '/projects'));

    expect(items.map((item) => item.id)).toEqual([1, 2, 3, 4]);
    expect(server.requests).toHaveLength(2);
  });

  it('stops at an empty page when the server never says isLast', async () => {
    const projects = Array.from({ length: 5 }, (_, index) => project(index + 1));
    const { client, startAts } = await zephyrServer(pagedList(projects, 2, { isLast: false }));

    const pages = await collect(zephyrPages(client, '/projects'));

    expect(pages.map((page) => page.values?.length)).toEqual([2, 2, 1, 0]);
    expect(startAts()).toEqual([0, 2, 4, 6]);
  });

  it('sends the caller’s query, path parameters and page size', async () => {
    const { server, client } = await zephyrServer(() => ({
      status: 200,
      json: { startAt: 0, maxResults: 50, isLast: true, values: [] },
    }));

    await collect(
      zephyrItems(client, '/testcases', { query: { projectKey: 'PROJ', folderId: 7 }, pageSize: 50 }),
    );
    await collect(
      zephyrItems(client, '/testcases/{testCaseKey}/teststeps', { path: { testCaseKey: 'PROJ-T12' } }),
    );

    const [testCases, testSteps] = server.requests;
    expect(pathOf(testCases!)).toBe('/v2/testcases');
    expect(Object.fromEntries(queryOf(testCases!))).toEqual({
      projectKey: 'PROJ',
      folderId: '7',
      startAt: '0',
      maxResults: '50',
    });
    expect(pathOf(testSteps!)).toBe('/v2/testcases/PROJ-T12/teststeps');
    expect(Object.fromEntries(queryOf(testSteps!))).toEqual({ startAt: '0', maxResults: '1000' });
  });

  it('raises an ApiError naming the operation and the vendor message on a non-2xx answer', async () => {
    const { client } = await zephyrServer(() => ({
      status: 400,
      json: { errorCode: 400, message: 'projectKey must not be null' },
    }));

    const walking = collect(zephyrItems(client, '/testcases'));

    await expect(walking).rejects.toThrowError(ApiError);
    await expect(walking).rejects.toThrowError(
      'Zephyr GET /testcases answered HTTP 400: projectKey must not be null',
    );
  });

  it('yields the pages it got before a later page fails', async () => {
    const { server, client } = await zephyrServer((request) =>
      server.requests.length === 1
        ? { status: 200, json: { startAt: 0, maxResults: 1, isLast: false, values: [project(1)] } }
        : { status: 500, json: { errorCode: 500, message: `boom at ${queryOf(request).get('startAt')}` } },
    );
    const seen: number[] = [];

    const walking = (async () => {
      for await (const item of zephyrItems(client, '/projects')) seen.push(item.id);
    })();

    await expect(walking).rejects.toThrowError('Zephyr GET /projects answered HTTP 500: boom at 1');
    expect(seen).toEqual([1]);
  });

  it('refuses to loop when a page reports maxResults 0', async () => {
    const { server, client } = await zephyrServer(() =>
      server.requests.length === 1
        ? { status: 200, json: { startAt: 0, maxResults: 0, isLast: false, values: [project(1)] } }
        : { status: 500, json: { errorCode: 500, message: 'asked again' } },
    );

    const walking = collect(zephyrItems(client, '/projects'));

    await expect(walking).rejects.toThrowError(ZtoqError);
    await expect(walking).rejects.toThrowError(
      'Zephyr GET /projects answered maxResults=0 at startAt=0; the next page cannot be located',
    );
    expect(server.requests).toHaveLength(1);
  });

  it('is typed against the paged GET paths and their parameters (checked by tsc)', () => {
    expectTypeOf<ZephyrPagedPath>().toEqualTypeOf<
      | '/projects'
      | '/folders'
      | '/statuses'
      | '/priorities'
      | '/environments'
      | '/testcases'
      | '/testcases/{testCaseKey}/versions'
      | '/testcases/{testCaseKey}/teststeps'
      | '/testcycles'
      | '/testplans'
      | '/testexecutions'
      | '/testexecutions/{testExecutionIdOrKey}/teststeps'
    >();
    const client = createZephyrClient({ baseUrl: 'http://127.0.0.1:9/v2', token: 'type-only' });
    // Generators run nothing until iterated, so these only exercise the compiler.
    expectTypeOf(zephyrItems(client, '/testcases')).toEqualTypeOf<
      AsyncGenerator<components['schemas']['TestCase'], void, undefined>
    >();
    // @ts-expect-error the test-step path needs its testCaseKey
    zephyrItems(client, '/testcases/{testCaseKey}/teststeps');
    // @ts-expect-error startAt belongs to the walk
    zephyrItems(client, '/testcases', { query: { startAt: 5 } });
    // @ts-expect-error links are not a paged list
    zephyrItems(client, '/testcases/{testCaseKey}/links', { path: { testCaseKey: 'PROJ-T1' } });
  });
});
